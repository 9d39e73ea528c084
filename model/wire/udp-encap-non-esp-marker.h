/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_UDP_ENCAP_NON_ESP_MARKER_H
#define NATT_UDP_ENCAP_NON_ESP_MARKER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The non-ESP marker: four zero bytes in front of an IKE message on
 *        UDP port 4500 (RFC 3948 2.2, RFC 7296 2.23).
 *
 * Port 4500 carries both ESP and IKE. ESP starts with its SPI, which is
 * never zero (RFC 4303 2.1), so a zero where the SPI would be says "IKE
 * follows". Deserialize returns 0 unless the four bytes are all zero, so a
 * receiver can try this header first and fall back to ESP.
 */
class UdpEncapNonEspMarker : public Header
{
  public:
    static constexpr uint32_t kSize = 4;

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// \return 4 when four zero bytes are there, else 0
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;
};

} // namespace ns3

#endif /* NATT_UDP_ENCAP_NON_ESP_MARKER_H */
