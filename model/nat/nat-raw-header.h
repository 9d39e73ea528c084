/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_RAW_HEADER_H
#define NATT_NAT_RAW_HEADER_H

#include "ns3/header.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief The leading bytes of a packet a NAT rewrote, written back verbatim.
 *
 * A NAT edits the first bytes of the transport header (ports, checksum,
 * sequence numbers) in place. Removing those bytes and adding them back as
 * this header keeps every other byte, the packet's tags and its uid as they
 * were, and writes exactly the bytes the NAT produced: re-serialising through
 * UdpHeader or TcpHeader could recompute a checksum or re-encode options.
 */
class NatRawHeader : public Header
{
  public:
    NatRawHeader() = default;
    explicit NatRawHeader(std::vector<uint8_t> bytes);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// Reads as many bytes as the header already holds.
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    const std::vector<uint8_t>& GetBytes() const;

  private:
    std::vector<uint8_t> m_bytes;
};

} // namespace ns3

#endif /* NATT_NAT_RAW_HEADER_H */
