/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_DNAT_ALLOCATION_REPLY_HEADER_H
#define NATT_DNAT_ALLOCATION_REPLY_HEADER_H

#include "dnat-allocation-header.h"

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The DNAT router's answer: GRANT, RELEASED or REFUSED (natt's own
 * format, doc/dnat.rst; 40 octets).
 *
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |      prefix (DnatAllocationHeader), type 0x81, 0x82 or 0x83   |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                    Router Global Address                      |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                      Host Local Address                       |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                           Lease ID                            |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                     Lease Time (seconds)                      |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |          First Port           |           Last Port           |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                           First SPI                           |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                           Last SPI                            |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |    Status     |                 Reserved (0)                  |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The router's global address is what the host then sends from "as if it
 * owns it" (seed 003, "Summary of DNAT"). A GRANT has status OK and ranges
 * with first <= last; a RELEASED or REFUSED carries zero ranges.
 */
class DnatAllocationReplyHeader : public DnatAllocationHeader
{
  public:
    static constexpr uint32_t kSize = 40;

    enum Status : uint8_t
    {
        STATUS_OK = 0,
        STATUS_NO_PORTS = 1,      ///< no free port block
        STATUS_NO_SPIS = 2,       ///< no free SPI block
        STATUS_UNKNOWN_LEASE = 3, ///< RENEW or RELEASE of a lease the router does not hold
        STATUS_WRONG_HOST = 4,    ///< the named local address is not the sender's
    };

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    void SetRouterAddress(Ipv4Address address);
    Ipv4Address GetRouterAddress() const;
    void SetHostAddress(Ipv4Address address);
    Ipv4Address GetHostAddress() const;
    void SetLeaseId(uint32_t id);
    uint32_t GetLeaseId() const;
    void SetLeaseSeconds(uint32_t seconds);
    uint32_t GetLeaseSeconds() const;
    void SetPorts(uint16_t first, uint16_t last);
    uint16_t GetFirstPort() const;
    uint16_t GetLastPort() const;
    void SetSpis(uint32_t first, uint32_t last);
    uint32_t GetFirstSpi() const;
    uint32_t GetLastSpi() const;
    void SetStatus(Status status);
    Status GetStatus() const;

  protected:
    bool IsOwnType(uint8_t type) const override;
    uint32_t GetMessageSize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    void DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;

  private:
    Ipv4Address m_router;
    Ipv4Address m_host;
    uint32_t m_leaseId{0};
    uint32_t m_leaseSeconds{0};
    uint16_t m_firstPort{0};
    uint16_t m_lastPort{0};
    uint32_t m_firstSpi{0};
    uint32_t m_lastSpi{0};
    Status m_status{STATUS_OK};
};

} // namespace ns3

#endif /* NATT_DNAT_ALLOCATION_REPLY_HEADER_H */
