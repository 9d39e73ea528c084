/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_AH_HEADER_H
#define NATT_AH_HEADER_H

#include "ns3/header.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The IP Authentication Header (RFC 4302 2).
 *
 * Twelve fixed bytes (next header, payload length, reserved, SPI, sequence
 * number) and an ICV whose length the algorithm fixes: 12 bytes for
 * HMAC-SHA1-96, 16 for HMAC-SHA-256-128 (RFC 4868). The payload length
 * counts the whole header in 32-bit words minus 2 (RFC 4302 2.2), so a
 * header always ends 4-byte aligned, as IPv4 requires; SetIcv pads the ICV
 * with zeros to get there (RFC 4302 2.6 lets the ICV carry such padding).
 * Deserialize takes the ICV length from the payload length field and refuses
 * a header shorter than its fixed part or longer than the bytes present.
 * Whether the ICV length suits the SA is for the IPsec layer to check.
 */
class AhHeader : public Header
{
  public:
    /// Next header, payload length, reserved, SPI and sequence number.
    static constexpr uint32_t kFixedSize = 12;
    /// The largest ICV the payload length field can describe.
    static constexpr uint32_t kMaxIcvSize = (255 + 2) * 4 - kFixedSize;

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// \return the header length, or 0 when truncated or the length field is invalid
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// The protocol after this header (an IP protocol number).
    void SetNextHeader(uint8_t nextHeader);
    uint8_t GetNextHeader() const;
    /// Value of the payload length field: header length in 32-bit words minus 2.
    uint8_t GetPayloadLength() const;
    /// Sent as zero (RFC 4302 2.3); kept as read so a parsed header writes back the same.
    void SetReserved(uint16_t reserved);
    uint16_t GetReserved() const;
    void SetSpi(uint32_t spi);
    uint32_t GetSpi() const;
    void SetSequenceNumber(uint32_t sequenceNumber);
    uint32_t GetSequenceNumber() const;
    /// The ICV, zero-padded to a multiple of 4 bytes; at most kMaxIcvSize bytes.
    void SetIcv(const std::vector<uint8_t>& icv);
    const std::vector<uint8_t>& GetIcv() const;
    /// Replace the ICV by zeros of the same length, as the ICV computation needs (RFC
    /// 4302 3.3.3.1).
    void ZeroIcv();

  private:
    uint8_t m_nextHeader{0};
    uint16_t m_reserved{0};
    uint32_t m_spi{0};
    uint32_t m_sequenceNumber{0};
    std::vector<uint8_t> m_icv;
};

} // namespace ns3

#endif /* NATT_AH_HEADER_H */
