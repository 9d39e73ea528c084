/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnat-allocator.h"

namespace ns3
{

DnatAllocator::DnatAllocator(Config config, Ipv4Address routerAddress)
    : m_config(config),
      m_router(routerAddress),
      m_portUsed(config.portBlocks, false),
      m_spiUsed(config.spiBlocks, false)
{
}

std::optional<uint32_t>
DnatAllocator::FreeSlot(const std::vector<bool>& used)
{
    for (uint32_t k = 0; k < used.size(); ++k)
    {
        if (!used[k])
        {
            return k;
        }
    }
    return std::nullopt;
}

std::optional<DnatLease>
DnatAllocator::Grant(Ipv4Address host,
                     Time now,
                     Time leaseTime,
                     DnatAllocationReplyHeader::Status& status)
{
    Expire(now);
    auto held = m_leases.find(host);
    if (held != m_leases.end())
    {
        held->second.expires = now + leaseTime;
        status = DnatAllocationReplyHeader::STATUS_OK;
        return held->second;
    }
    auto portSlot = FreeSlot(m_portUsed);
    auto spiSlot = FreeSlot(m_spiUsed);
    if (!portSlot || !spiSlot)
    {
        status = portSlot ? DnatAllocationReplyHeader::STATUS_NO_SPIS
                          : DnatAllocationReplyHeader::STATUS_NO_PORTS;
        return std::nullopt;
    }
    DnatLease lease;
    lease.id = m_nextId++;
    lease.portSlot = *portSlot;
    lease.spiSlot = *spiSlot;
    lease.expires = now + leaseTime;
    DnatBinding& b = lease.binding;
    b.routerAddress = m_router;
    b.hostAddress = host;
    b.firstPort = static_cast<uint16_t>(m_config.portFirst + *portSlot * m_config.portBlockSize);
    b.lastPort = static_cast<uint16_t>(b.firstPort + m_config.portBlockSize - 1);
    b.firstSpi = m_config.spiFirst + *spiSlot * m_config.spiBlockSize;
    b.lastSpi = b.firstSpi + m_config.spiBlockSize - 1;
    m_portUsed[*portSlot] = true;
    m_spiUsed[*spiSlot] = true;
    m_leases[host] = lease;
    status = DnatAllocationReplyHeader::STATUS_OK;
    return lease;
}

const DnatLease*
DnatAllocator::Renew(uint32_t id, Ipv4Address host, Time now, Time leaseTime)
{
    Expire(now);
    auto it = m_leases.find(host);
    if (it == m_leases.end() || it->second.id != id)
    {
        return nullptr;
    }
    it->second.expires = now + leaseTime;
    return &it->second;
}

bool
DnatAllocator::Release(uint32_t id, Ipv4Address host)
{
    auto it = m_leases.find(host);
    if (it == m_leases.end() || it->second.id != id)
    {
        return false;
    }
    m_portUsed[it->second.portSlot] = false;
    m_spiUsed[it->second.spiSlot] = false;
    m_leases.erase(it);
    return true;
}

uint32_t
DnatAllocator::Expire(Time now)
{
    uint32_t expired = 0;
    for (auto it = m_leases.begin(); it != m_leases.end();)
    {
        if (it->second.expires < now)
        {
            m_portUsed[it->second.portSlot] = false;
            m_spiUsed[it->second.spiSlot] = false;
            it = m_leases.erase(it);
            ++expired;
        }
        else
        {
            ++it;
        }
    }
    return expired;
}

const DnatLease*
DnatAllocator::FindByPort(uint16_t port) const
{
    for (const auto& [host, lease] : m_leases)
    {
        if (lease.binding.HasPort(port))
        {
            return &lease;
        }
    }
    return nullptr;
}

const DnatLease*
DnatAllocator::FindBySpi(uint32_t spi) const
{
    for (const auto& [host, lease] : m_leases)
    {
        if (lease.binding.HasSpi(spi))
        {
            return &lease;
        }
    }
    return nullptr;
}

const DnatLease*
DnatAllocator::FindByHost(Ipv4Address host) const
{
    auto it = m_leases.find(host);
    return it == m_leases.end() ? nullptr : &it->second;
}

std::size_t
DnatAllocator::GetLeaseCount() const
{
    return m_leases.size();
}

} // namespace ns3
