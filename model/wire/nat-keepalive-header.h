/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_KEEPALIVE_HEADER_H
#define NATT_NAT_KEEPALIVE_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The NAT-keepalive packet of RFC 3948 2.3: one byte, 0xFF, as the
 *        whole payload of a UDP datagram on the NAT-T port.
 *
 * It only refreshes NAT mappings; the receiver drops it (RFC 3948 2.3,
 * RFC 7296 2.23). Deserialize checks the byte, not that nothing follows it:
 * a receiver classifies a one-byte payload as a keepalive, so the datagram
 * length is its test.
 */
class NatKeepaliveHeader : public Header
{
  public:
    static constexpr uint32_t kSize = 1;
    static constexpr uint8_t kKeepaliveByte = 0xff;

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// \return 1 when the byte is 0xFF, else 0
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;
};

} // namespace ns3

#endif /* NATT_NAT_KEEPALIVE_HEADER_H */
