/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_STENBERG_ENVELOPE_HEADER_H
#define NATT_STENBERG_ENVELOPE_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The NAT-Traversal envelope of draft-stenberg-ipsec-nat-traversal-00
 *        (section 3.2, Figure 3): an ESP or AH packet carried in UDP on the
 *        IKE port, with the original IPv4 header values a NAT would change.
 *
 * Layout, following Figure 3:
 *
 *     0  NAT-T version (the packet type, TYPE_IPV4_ENCAPSULATION)
 *     1  IPv4 header length (the original IHL, in 32-bit words)
 *     2  IPv4 ToS         3  IPv4 protocol
 *     4  IPv4 ID (2)      6  IPv4 flags and fragment offset (2)
 *     8  IPv4 source address (4)
 *    12  unused (5)
 *    17  "IKE version" = 0
 *    18  original header leftovers: the IPv4 options, IHL * 4 - 20 bytes
 *
 * The draft disagrees with itself on the size: the fields of Figure 3 (and
 * of the heartbeat, Figure 5) add up to 18 octets, while section 4.2 counts
 * 17 bytes of NAT-T header. This class follows the figure. Eighteen octets
 * put the zero "IKE version" byte at offset 17, exactly where the ISAKMP
 * header keeps its version (RFC 2408 3.1), which is what makes the packet
 * invalid IKE and so tells it apart from IKE on the same port; with 17 the
 * byte would fall on ISAKMP's next-payload field instead. Section 4.2's
 * count looks like the figure minus one byte, perhaps the "IKE version"
 * byte it proposes to drop in the same paragraph.
 *
 * The draft says undefined types are dropped silently (3.2), so Deserialize
 * refuses any type but its own, and any packet whose byte 17 is not zero
 * (that is IKE). Unused bytes are written as zero and ignored on receipt.
 */
class StenbergEnvelopeHeader : public Header
{
  public:
    /// The fixed part, up to and including the "IKE version" byte.
    static constexpr uint32_t kFixedSize = 18;
    /// Where the zero "IKE version" byte sits: on the ISAKMP version byte.
    static constexpr uint32_t kIkeVersionOffset = 17;

    /// Values of the "NAT-T version" byte (draft-stenberg 3.2).
    enum NattType : uint8_t
    {
        TYPE_IPV4_ENCAPSULATION = 0x01,
        TYPE_HEARTBEAT = 0x02,
    };

    /// Why a draft-stenberg header was refused.
    enum ParseError : uint8_t
    {
        PARSE_OK = 0,
        PARSE_TRUNCATED,         ///< fewer bytes than the header needs
        PARSE_NOT_NATT,          ///< byte 17 is not zero: this is IKE, not NAT-T
        PARSE_UNKNOWN_TYPE,      ///< a type this header is not (dropped silently, 3.2)
        PARSE_BAD_HEADER_LENGTH, ///< an IPv4 header length below 5 or above 15 words
    };

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// \return 18 plus the leftovers, or 0 when refused (see GetParseError)
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /**
     * How a receiver on the IKE port tells draft-stenberg packets from IKE:
     * \return the NAT-T type byte when at least 18 bytes are there and byte 17
     *         is zero, else 0 (not a draft-stenberg packet; IKE or garbage)
     */
    static uint8_t PeekType(Buffer::Iterator start);
    static const char* ParseErrorToString(ParseError error);

    /// The original IPv4 header length in 32-bit words (5 plus the leftovers).
    uint8_t GetHeaderLength() const;
    void SetTos(uint8_t tos);
    uint8_t GetTos() const;
    /// The original IPv4 protocol (50 for ESP, 51 for AH).
    void SetProtocol(uint8_t protocol);
    uint8_t GetProtocol() const;
    void SetIdentification(uint16_t identification);
    uint16_t GetIdentification() const;
    /// The original flags and fragment offset, as the 16 bits of the IPv4 header.
    void SetFragmentField(uint16_t flagsAndOffset);
    uint16_t GetFragmentField() const;
    void SetSource(Ipv4Address source);
    Ipv4Address GetSource() const;
    /**
     * The original header's options, which the envelope carries after its
     * fixed part; a multiple of 4 bytes, at most 40.
     */
    void SetLeftovers(const std::vector<uint8_t>& leftovers);
    const std::vector<uint8_t>& GetLeftovers() const;

    ParseError GetParseError() const;

  private:
    uint8_t m_tos{0};
    uint8_t m_protocol{50};
    uint16_t m_identification{0};
    uint16_t m_fragmentField{0};
    Ipv4Address m_source;
    std::vector<uint8_t> m_leftovers;
    ParseError m_parseError{PARSE_OK};
};

} // namespace ns3

#endif /* NATT_STENBERG_ENVELOPE_HEADER_H */
