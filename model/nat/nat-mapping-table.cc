/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-mapping-table.h"

#include "nat-bytes.h"
#include "nat-mapping-timers.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatMappingTable");

namespace
{
/// Upper bound on the remote endpoints remembered per mapping for filtering.
constexpr std::size_t kMaxPeersPerMapping = 64;
} // namespace

std::ostream&
operator<<(std::ostream& os, const NatMappingInfo& info)
{
    os << "proto " << unsigned{info.protocol} << " " << info.insideAddress << ":" << info.insidePort
       << " -> " << info.externalAddress << ":" << info.externalPort << " (remote "
       << info.remoteAddress << ":" << info.remotePort;
    if (info.spi != 0)
    {
        os << " spi 0x" << std::hex << info.spi << std::dec;
    }
    return os << ")";
}

void
NatMapping::RememberPeer(uint32_t address, uint16_t port)
{
    if (peerAddress == address && peerPort == port)
    {
        return;
    }
    if (peerAddress == 0)
    {
        peerAddress = address;
        peerPort = port;
        return;
    }
    if (!morePeers)
    {
        morePeers = std::make_unique<std::vector<std::pair<uint32_t, uint16_t>>>();
    }
    auto entry = std::make_pair(address, port);
    if (std::find(morePeers->begin(), morePeers->end(), entry) == morePeers->end() &&
        morePeers->size() < kMaxPeersPerMapping)
    {
        morePeers->push_back(entry);
    }
}

bool
NatMapping::SentTo(uint32_t address, uint16_t port, bool matchPort) const
{
    auto matches = [&](uint32_t a, uint16_t p) {
        return a == address && (!matchPort || p == port);
    };
    if (matches(peerAddress, peerPort))
    {
        return true;
    }
    if (morePeers)
    {
        for (const auto& peer : *morePeers)
        {
            if (matches(peer.first, peer.second))
            {
                return true;
            }
        }
    }
    return false;
}

NatMappingKey
NatMapping::Key() const
{
    return NatMappingKey{insideAddress, keyRemoteAddress, insidePort, keyRemotePort, protocol};
}

std::size_t
NatMappingTable::KeyHash::operator()(const NatMappingKey& k) const
{
    return natbytes::Mix(
        (uint64_t{k.insideAddress} << 32 | k.remoteAddress) ^
        natbytes::Mix(uint64_t{k.insidePort} << 24 | uint64_t{k.remotePort} << 8 | k.protocol));
}

NatMappingTable::NatMappingTable() = default;

NatMappingTable::~NatMappingTable() = default;

void
NatMappingTable::SetTimers(Ptr<NatMappingTimers> timers)
{
    m_timers = timers;
}

const Ptr<NatMappingTimers>&
NatMappingTable::GetTimers() const
{
    return m_timers;
}

void
NatMappingTable::SetExpiredCallback(ExpiredCallback callback)
{
    m_expired = callback;
}

bool
NatMappingTable::IsExpired(const NatMapping& m, int64_t now) const
{
    return now - m.lastRefresh > m_timers->TimeoutOf(m);
}

NatMappingInfo
NatMappingTable::Describe(const NatMapping& m, Ipv4Address outside)
{
    NatMappingInfo info;
    info.protocol = m.protocol;
    info.insideAddress = Ipv4Address(m.insideAddress);
    info.insidePort = m.insidePort;
    info.externalAddress = outside;
    info.externalPort = m.externalPort;
    info.remoteAddress = Ipv4Address(m.peerAddress);
    info.remotePort = m.peerPort;
    return info;
}

std::vector<NatMappingInfo>
NatMappingTable::GetMappings(Ipv4Address outside) const
{
    std::vector<NatMappingInfo> out;
    for (const auto& m : m_slab)
    {
        if (m.flags & NatMapping::kFlagInUse)
        {
            out.push_back(Describe(m, outside));
        }
    }
    return out;
}

bool
NatMappingTable::IsLive(NatMappingHandle handle) const
{
    return handle.index < m_slab.size() && (m_slab[handle.index].flags & NatMapping::kFlagInUse) &&
           m_slab[handle.index].generation == handle.generation;
}

NatMapping*
NatMappingTable::Resolve(NatMappingHandle handle, int64_t now)
{
    if (!IsLive(handle))
    {
        return nullptr;
    }
    if (IsExpired(m_slab[handle.index], now))
    {
        Expire(handle.index, "timeout", now);
        return nullptr;
    }
    return &m_slab[handle.index];
}

bool
NatMappingTable::Contains(const NatMappingKey& key) const
{
    return m_outbound.count(key) != 0;
}

NatMapping*
NatMappingTable::FindOutbound(const NatMappingKey& key, int64_t now, uint32_t& index)
{
    auto it = m_outbound.find(key);
    if (it == m_outbound.end())
    {
        return nullptr;
    }
    index = it->second;
    if (IsExpired(m_slab[index], now))
    {
        Expire(index, "timeout", now);
        return nullptr;
    }
    return &m_slab[index];
}

NatMapping*
NatMappingTable::FindInbound(uint8_t protocol,
                             uint16_t externalPort,
                             int64_t now,
                             uint32_t& index,
                             bool& expired)
{
    expired = false;
    uint32_t key = InKey(protocol, externalPort);
    auto it = m_inbound.find(key);
    if (it == m_inbound.end())
    {
        expired = m_tombstones.count(key) > 0;
        return nullptr;
    }
    index = it->second;
    if (IsExpired(m_slab[index], now))
    {
        Expire(index, "timeout", now);
        expired = true;
        return nullptr;
    }
    return &m_slab[index];
}

uint32_t
NatMappingTable::Create(const NatMappingKey& key,
                        uint16_t externalPort,
                        uint32_t peerAddress,
                        uint16_t peerPort,
                        bool open,
                        int64_t now)
{
    uint32_t index;
    if (!m_free.empty())
    {
        index = m_free.back();
        m_free.pop_back();
    }
    else
    {
        index = m_slab.size();
        m_slab.emplace_back();
    }
    NatMapping& m = m_slab[index];
    m.insideAddress = key.insideAddress;
    m.keyRemoteAddress = key.remoteAddress;
    m.insidePort = key.insidePort;
    m.keyRemotePort = key.remotePort;
    m.externalPort = externalPort;
    m.protocol = key.protocol;
    m.flags = NatMapping::kFlagInUse | (open ? NatMapping::kFlagOpen : 0);
    m.peerAddress = peerAddress;
    m.peerPort = peerPort;
    m.lastRefresh = now;
    m_outbound[key] = index;
    uint32_t inKey = InKey(key.protocol, externalPort);
    m_inbound[inKey] = index;
    m_tombstones.erase(inKey);
    ++m_live;
    ++m_livePerHost[key.insideAddress];
    return index;
}

void
NatMappingTable::Expire(uint32_t index, const std::string& reason, int64_t now)
{
    NatMapping& m = m_slab[index];
    auto out = m_outbound.find(m.Key());
    if (out != m_outbound.end() && out->second == index)
    {
        m_outbound.erase(out);
    }
    uint32_t inKey = InKey(m.protocol, m.externalPort);
    auto in = m_inbound.find(inKey);
    if (in != m_inbound.end() && in->second == index)
    {
        m_inbound.erase(in);
        if (reason == "timeout")
        {
            // Remembered so that a late inbound packet is reported as
            // "mapping-expired" rather than "no-mapping" (RFC 3715 2.2 k).
            m_tombstones[inKey] = now;
        }
    }
    m.flags = 0;
    ++m.generation;
    m.morePeers.reset();
    m_free.push_back(index);
    --m_live;
    auto host = m_livePerHost.find(m.insideAddress);
    if (host != m_livePerHost.end() && --host->second == 0)
    {
        m_livePerHost.erase(host);
    }
    // Told once the entry is free (the count no longer holds it); its
    // endpoints are still there to describe.
    if (!m_expired.IsNull())
    {
        m_expired(index, m, reason);
    }
}

uint32_t
NatMappingTable::GetLiveCount(uint32_t insideAddress) const
{
    auto it = m_livePerHost.find(insideAddress);
    return it == m_livePerHost.end() ? 0 : it->second;
}

void
NatMappingTable::Rekey(uint32_t index, const NatMappingKey& key)
{
    NatMapping& m = m_slab[index];
    auto it = m_outbound.find(m.Key());
    if (it != m_outbound.end() && it->second == index)
    {
        m_outbound.erase(it);
    }
    m_outbound[key] = index;
    m.keyRemoteAddress = key.remoteAddress;
    m.keyRemotePort = key.remotePort;
}

void
NatMappingTable::ClaimInbound(uint32_t index)
{
    const NatMapping& m = m_slab[index];
    m_inbound[InKey(m.protocol, m.externalPort)] = index;
}

void
NatMappingTable::MoveExternalPort(uint32_t index, uint16_t port)
{
    NatMapping& m = m_slab[index];
    auto in = m_inbound.find(InKey(m.protocol, m.externalPort));
    if (in != m_inbound.end() && in->second == index)
    {
        m_inbound.erase(in);
    }
    m.externalPort = port;
    uint32_t inKey = InKey(m.protocol, port);
    m_inbound[inKey] = index;
    m_tombstones.erase(inKey);
}

void
NatMappingTable::ExpireIdle(int64_t now)
{
    for (uint32_t index = 0; index < m_slab.size(); ++index)
    {
        if ((m_slab[index].flags & NatMapping::kFlagInUse) && IsExpired(m_slab[index], now))
        {
            Expire(index, "timeout", now);
        }
    }
}

void
NatMappingTable::Clear(int64_t now)
{
    for (uint32_t index = 0; index < m_slab.size(); ++index)
    {
        if (m_slab[index].flags & NatMapping::kFlagInUse)
        {
            Expire(index, "reboot", now);
        }
    }
    m_slab.clear();
    m_free.clear();
    m_outbound.clear();
    m_inbound.clear();
    m_tombstones.clear();
    m_livePerHost.clear();
}

} // namespace ns3
