/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_ESP_HEADER_H
#define NATT_ESP_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The clear part of an ESP packet: SPI and sequence number (RFC 4303 2.1, 2.2).
 *
 * Everything after these 8 bytes (IV, payload, padding, ICV) is encrypted or
 * algorithm-specific, so it stays opaque here: the IPsec layer reads it with
 * the SA in hand, and EspTrailer parses the padding once it is decrypted.
 * Only the layout is checked. SPI 0 never appears on the wire
 * (RFC 4303 2.1) and on UDP port 4500 it is what tells a non-ESP marker
 * apart from ESP (RFC 3948 2.2), so a receiver classifies the packet before
 * it reaches this header.
 */
class EspHeader : public Header
{
  public:
    static constexpr uint32_t kSize = 8;

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// \return 8, or 0 when fewer than 8 bytes are there
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    void SetSpi(uint32_t spi);
    uint32_t GetSpi() const;
    /// The low 32 bits of the (possibly extended, RFC 4303 2.2.1) sequence number.
    void SetSequenceNumber(uint32_t sequenceNumber);
    uint32_t GetSequenceNumber() const;

  private:
    uint32_t m_spi{0};
    uint32_t m_sequenceNumber{0};
};

} // namespace ns3

#endif /* NATT_ESP_HEADER_H */
