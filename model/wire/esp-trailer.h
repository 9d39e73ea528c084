/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_ESP_TRAILER_H
#define NATT_ESP_TRAILER_H

#include "ns3/trailer.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The end of an ESP payload before encryption: padding, pad length
 *        and next header (RFC 4303 2.4 - 2.6).
 *
 * This is plaintext: the IPsec layer adds it, encrypts payload and trailer
 * together and then appends the ICV, which is not part of this trailer. On
 * receipt the ICV is checked and removed and the rest decrypted before this
 * trailer is read, from the end of the plaintext backwards.
 *
 * The padding has the default content of RFC 4303 2.4 (bytes 1, 2, 3, ...),
 * which the receiver is told to check; a packet whose padding differs is
 * refused with its own reason (PARSE_BAD_PADDING), so a model can tell a
 * wrong key or a corrupted packet from a short one. Next header 59
 * ("no next header") marks the dummy packets of RFC 4303 2.6.
 */
class EspTrailer : public Trailer
{
  public:
    /// Pad length and next header, the two bytes that are always there.
    static constexpr uint32_t kFixedSize = 2;
    /// Next-header value of a dummy packet (RFC 4303 2.6).
    static constexpr uint8_t kNoNextHeader = 59;

    /// Why Deserialize rejected its input.
    enum ParseError : uint8_t
    {
        PARSE_OK = 0,
        PARSE_TRUNCATED,      ///< fewer than the two fixed bytes
        PARSE_BAD_PAD_LENGTH, ///< pad length larger than the bytes before it
        PARSE_BAD_PADDING,    ///< padding is not 1, 2, 3, ... (RFC 4303 2.4)
    };

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    /// \param end the end of the area to write, as Trailer requires
    void Serialize(Buffer::Iterator end) const override;
    /**
     * \param end the end of the plaintext
     * \return pad length + 2, or 0 when malformed (see GetParseError)
     */
    uint32_t Deserialize(Buffer::Iterator end) override;
    /// As above, reading nothing before \p start.
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    /// Use \p padLength bytes of the default padding 1, 2, 3, ...
    void SetPadLength(uint8_t padLength);
    uint8_t GetPadLength() const;
    /**
     * Use padding with other content, for algorithms that define their own
     * (RFC 4303 2.4) or to build malformed packets in tests. At most 255 bytes.
     */
    void SetPadding(const std::vector<uint8_t>& padding);
    const std::vector<uint8_t>& GetPadding() const;
    /// The protocol of the payload (an IP protocol number, RFC 4303 2.6).
    void SetNextHeader(uint8_t nextHeader);
    uint8_t GetNextHeader() const;

    ParseError GetParseError() const;
    static const char* ParseErrorToString(ParseError error);

    /**
     * The least padding that makes payload, padding and the two fixed bytes
     * a multiple of the cipher's block size, and in any case of 4 bytes, as
     * the ICV must start 4-byte aligned (RFC 4303 2.4).
     * \param payloadLength bytes of payload data (any IV not counted)
     * \param blockSize the cipher's block size in bytes; 0 or 1 for stream
     *        and counter modes, which need the 4-byte alignment only
     */
    static uint8_t ComputePadLength(uint32_t payloadLength, uint32_t blockSize);
    /// \return the default padding of \p padLength bytes: 1, 2, 3, ...
    static std::vector<uint8_t> DefaultPadding(uint8_t padLength);

  private:
    /// Parse with at most \p available bytes before \p end.
    uint32_t DeserializeBefore(Buffer::Iterator end, uint32_t available);

    std::vector<uint8_t> m_padding;
    uint8_t m_nextHeader{kNoNextHeader};
    ParseError m_parseError{PARSE_OK};
};

} // namespace ns3

#endif /* NATT_ESP_TRAILER_H */
