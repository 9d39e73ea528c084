/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_DNAT_ALLOCATION_HEADER_H
#define NATT_DNAT_ALLOCATION_HEADER_H

#include "wire-reader.h"

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>

namespace ns3
{

/// UDP port of natt's DNAT allocation protocol on the router's local address.
/// natt's own choice: no IANA registration, and no Wireshark 4.0 dissector
/// claims it (doc/dnat.rst).
constexpr uint16_t DNAT_ALLOCATION_UDP_PORT = 4950;

/**
 * \ingroup natt-wire
 * \brief What the two message families of natt's DNAT allocation protocol
 * share: an 8-octet prefix.
 *
 * The 3Com DNAT disclosure (seed 003, "Summary of DNAT", list item 3) says
 * only that "a protocol is required for allocation and de-allocation of
 * port numbers by the DNAT router", and ("IPsec Across a DNAT Network")
 * that the router also allocates blocks of SPI values. The format is
 * natt's own (doc/dnat.rst):
 *
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |  Version (1)  |     Type      |            Length             |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                        Transaction ID                         |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Length counts the whole message, prefix included; each type has one
 * fixed length. Types 1-3 are requests (DnatAllocationRequestHeader),
 * 0x81-0x83 replies (DnatAllocationReplyHeader): the high bit says which
 * family, as DHCP's op field does.
 */
class DnatAllocationHeader : public Header
{
  public:
    static constexpr uint8_t kVersion = 1;
    static constexpr uint32_t kPrefixSize = 8;

    enum MessageType : uint8_t
    {
        REQUEST = 0x01,  ///< host asks for a port block and an SPI block
        RENEW = 0x02,    ///< host extends its lease before it ends
        RELEASE = 0x03,  ///< host gives its blocks back
        GRANT = 0x81,    ///< router grants or renews (blocks, lease time)
        RELEASED = 0x82, ///< router confirms a release
        REFUSED = 0x83,  ///< router refuses (status says why)
    };

    /// Why Deserialize refused the input (it returns 0 then).
    enum ParseError : uint8_t
    {
        PARSE_OK,
        PARSE_TRUNCATED,    ///< fewer bytes than the type's length
        PARSE_BAD_VERSION,  ///< version other than 1
        PARSE_WRONG_FAMILY, ///< a type of the other family, or no type at all
        PARSE_BAD_LENGTH,   ///< length field not the type's fixed length
        PARSE_BAD_FIELD,    ///< reserved bits set, or a range whose first exceeds its last
    };

    static TypeId GetTypeId();

    void SetType(MessageType type);
    MessageType GetType() const;
    void SetTransactionId(uint32_t id);
    uint32_t GetTransactionId() const;
    ParseError GetParseError() const;
    /// \return "truncated", "bad-version", ... for \p error (drop reasons, logs)
    static const char* ParseErrorName(ParseError error);

    /// \return the type of the message in \p start, 0 if too short (no checks)
    static uint8_t PeekType(Buffer::Iterator start);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  protected:
    /// \return whether \p type belongs to this family
    virtual bool IsOwnType(uint8_t type) const = 0;
    /// The family's fixed size, prefix included.
    virtual uint32_t GetMessageSize() const = 0;
    virtual void SerializeBody(Buffer::Iterator& i) const = 0;
    /// Read the body; call r.Fail() for a field the format forbids.
    virtual void DeserializeBody(WireReader& r) = 0;
    virtual void PrintBody(std::ostream& os) const = 0;

    MessageType m_type{REQUEST};

  private:
    uint32_t m_transactionId{0};
    ParseError m_parseError{PARSE_OK};
};

std::ostream& operator<<(std::ostream& os, DnatAllocationHeader::MessageType type);

} // namespace ns3

#endif /* NATT_DNAT_ALLOCATION_HEADER_H */
