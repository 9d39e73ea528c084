/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_DNAT_ALLOCATOR_H
#define NATT_DNAT_ALLOCATOR_H

#include "ns3/dnat-allocation-reply-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/local-certificate-authority.h"
#include "ns3/nstime.h"

#include <map>
#include <optional>
#include <vector>

namespace ns3
{

/// One host's allocation: its blocks (as a DnatBinding) and its lease.
struct DnatLease
{
    uint32_t id{0};
    DnatBinding binding;
    Time expires;
    uint32_t portSlot{0};
    uint32_t spiSlot{0};
};

/**
 * \ingroup natt-dnat
 * \brief The DNAT router's table of port and SPI blocks (seed 003,
 * "Summary of DNAT": "blocks of non-overlapping port numbers", "no port
 * number is ever allocated to more than one single host at any given
 * time"; "IPsec Across a DNAT Network": the same for SPI values).
 *
 * Ports from PortFirst in blocks of PortBlockSize, SPIs from SpiFirst in
 * blocks of SpiBlockSize; one lease per host. A host that asks again while
 * its lease runs gets the same lease back (a retransmitted REQUEST must not
 * cost a second block). Expired leases free their blocks.
 */
class DnatAllocator
{
  public:
    struct Config
    {
        uint16_t portFirst{49152};
        uint16_t portBlockSize{1024};
        uint32_t portBlocks{16};
        uint32_t spiFirst{0x10000};
        uint32_t spiBlockSize{0x10000};
        uint32_t spiBlocks{16};
    };

    DnatAllocator(Config config, Ipv4Address routerAddress);

    /**
     * A lease for \p host until \p now + \p leaseTime; \p status says why not.
     */
    std::optional<DnatLease> Grant(Ipv4Address host,
                                   Time now,
                                   Time leaseTime,
                                   DnatAllocationReplyHeader::Status& status);
    /// Extend \p host's lease \p id. \return the lease, or null if it holds no such lease
    const DnatLease* Renew(uint32_t id, Ipv4Address host, Time now, Time leaseTime);
    /// Free \p host's lease \p id; false if it holds no such lease.
    bool Release(uint32_t id, Ipv4Address host);
    /// Free every lease that ended before \p now. \return how many
    uint32_t Expire(Time now);

    /// The lease whose port block holds \p port, or null.
    const DnatLease* FindByPort(uint16_t port) const;
    /// The lease whose SPI block holds \p spi, or null.
    const DnatLease* FindBySpi(uint32_t spi) const;
    const DnatLease* FindByHost(Ipv4Address host) const;
    std::size_t GetLeaseCount() const;

  private:
    /// \return the first free slot of \p used, or none
    static std::optional<uint32_t> FreeSlot(const std::vector<bool>& used);

    Config m_config;
    Ipv4Address m_router;
    std::vector<bool> m_portUsed;
    std::vector<bool> m_spiUsed;
    std::map<Ipv4Address, DnatLease> m_leases; ///< by host
    uint32_t m_nextId{1};
};

} // namespace ns3

#endif /* NATT_DNAT_ALLOCATOR_H */
