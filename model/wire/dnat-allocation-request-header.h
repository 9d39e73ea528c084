/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_DNAT_ALLOCATION_REQUEST_HEADER_H
#define NATT_DNAT_ALLOCATION_REQUEST_HEADER_H

#include "dnat-allocation-header.h"

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief A host's message to its DNAT router: REQUEST, RENEW or RELEASE
 * (natt's own format, doc/dnat.rst; 24 octets).
 *
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |         prefix (DnatAllocationHeader), type 1, 2 or 3         |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                      Host Local Address                       |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |         Ports Wanted          |         Reserved (0)          |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                          SPIs Wanted                          |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                           Lease ID                            |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The host names its local address, which the router checks against the
 * packet's source (the disclosure's router "authenticates local hosts").
 * A REQUEST carries lease ID 0; RENEW and RELEASE the ID of the grant.
 */
class DnatAllocationRequestHeader : public DnatAllocationHeader
{
  public:
    static constexpr uint32_t kSize = 24;

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    void SetHostAddress(Ipv4Address address);
    Ipv4Address GetHostAddress() const;
    void SetPortsWanted(uint16_t ports);
    uint16_t GetPortsWanted() const;
    void SetSpisWanted(uint32_t spis);
    uint32_t GetSpisWanted() const;
    void SetLeaseId(uint32_t id);
    uint32_t GetLeaseId() const;

  protected:
    bool IsOwnType(uint8_t type) const override;
    uint32_t GetMessageSize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    void DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;

  private:
    Ipv4Address m_host;
    uint16_t m_ports{0};
    uint32_t m_spis{0};
    uint32_t m_leaseId{0};
};

} // namespace ns3

#endif /* NATT_DNAT_ALLOCATION_REQUEST_HEADER_H */
