/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// NatEngine's port path (RFC 3022 NAPT; RFC 4787): UDP, TCP and ICMP echo
// through the mapping table, the mapping and filtering behaviours, the port
// allocator, the ISAKMP handler and the ALG, with the checksum adjusted as
// RFC 1624 does. The entry points, drops and traces are in nat-engine.cc.
#include "nat-bytes.h"
#include "nat-checksum.h"
#include "nat-engine.h"
#include "nat-raw-header.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

namespace
{
using namespace natbytes;
} // namespace

// ------------------------------------------------------------------ mapping table

NatEngine::OutKey
NatEngine::MakeOutKey(uint8_t protocol,
                      uint32_t inside,
                      uint16_t insidePort,
                      uint32_t remote,
                      uint16_t remotePort) const
{
    return m_mappingBehaviour->MakeKey(protocol, inside, insidePort, remote, remotePort);
}

NatMappingInfo
NatEngine::Describe(const Mapping& m) const
{
    return NatMappingTable::Describe(m, m_outside);
}

NatEngine::Mapping*
NatEngine::Resolve(const MappingRef& ref)
{
    return m_table.Resolve(ref, Simulator::Now().GetNanoSeconds());
}

NatEngine::Mapping*
NatEngine::FindOutbound(const OutKey& key, uint32_t& index)
{
    return m_table.FindOutbound(key, Simulator::Now().GetNanoSeconds(), index);
}

NatEngine::Mapping*
NatEngine::FindInbound(uint8_t protocol, uint16_t externalPort, uint32_t& index, bool& expired)
{
    return m_table.FindInbound(protocol,
                               externalPort,
                               Simulator::Now().GetNanoSeconds(),
                               index,
                               expired);
}

bool
NatEngine::PortInUse(uint8_t protocol, uint16_t port)
{
    uint32_t key = InKey(protocol, port);
    if (m_forwards.count(key))
    {
        return true;
    }
    uint32_t index;
    bool expired;
    return FindInbound(protocol, port, index, expired) != nullptr;
}

bool
NatEngine::AllocatePort(uint8_t protocol, uint32_t inside, uint16_t wanted, uint16_t& port)
{
    NatPortRequest request;
    request.protocol = protocol;
    request.insideAddress = Ipv4Address(inside);
    request.insidePort = wanted;
    request.low = std::min(m_portMin, m_portMax);
    request.high = std::max(m_portMin, m_portMax);
    request.inUse = [this, protocol](uint16_t candidate) { return PortInUse(protocol, candidate); };
    request.random = m_random;
    return m_portAllocator->Allocate(request, port);
}

const char*
NatEngine::RefuseNewMapping(uint32_t inside) const
{
    if (m_maxMappings != 0 && m_table.GetLiveCount() >= m_maxMappings)
    {
        return TABLE_FULL_DROP;
    }
    // RFC 6888 REQ-4: a per-subscriber limit, so that one host's mappings
    // cannot exhaust the table for the others (draft-stenberg 4.3).
    if (m_maxMappingsPerHost != 0 && m_table.GetLiveCount(inside) >= m_maxMappingsPerHost)
    {
        return HOST_MAPPING_LIMIT_DROP;
    }
    return nullptr;
}

uint32_t
NatEngine::CreateMapping(const OutKey& key,
                         uint16_t externalPort,
                         uint32_t peerAddress,
                         uint16_t peerPort,
                         bool open,
                         const char* cause)
{
    uint32_t index = m_table.Create(key,
                                    externalPort,
                                    peerAddress,
                                    peerPort,
                                    open,
                                    Simulator::Now().GetNanoSeconds());
    ++m_stats.mappingsCreated;
    NatMappingInfo info = Describe(m_table.At(index));
    // The engine's log component, defined in nat-engine.cc.
    NS_LOG_STATIC_TEMPLATE_DEFINE("NatEngine");
    NS_LOG_LOGIC("mapping created " << info);
    m_mappingCreatedTrace(info, cause);
    ScheduleSweep();
    return index;
}

void
NatEngine::ExpireMapping(uint32_t index, const std::string& reason)
{
    m_table.Expire(index, reason, Simulator::Now().GetNanoSeconds());
}

void
NatEngine::RememberPeer(Mapping& m, uint32_t address, uint16_t port)
{
    m.RememberPeer(address, port);
}

bool
NatEngine::PeerPermitted(const Mapping& m, uint32_t address, uint16_t port) const
{
    // RFC 4787 5: endpoint-independent filtering lets anyone in; the other
    // two require that the inside endpoint sent to that address (and port).
    // A forwarding rule or an ALG opened the mapping to everyone.
    return (m.flags & Mapping::kFlagOpen) || m_filteringBehaviour->Permits(m, address, port);
}

// ------------------------------------------------------------------ ISAKMP

bool
NatEngine::IsIke(uint8_t protocol, const L4& l4) const
{
    return protocol == kUdp &&
           (l4.sourcePort == m_isakmpPort || l4.destinationPort == m_isakmpPort) &&
           m_isakmpHandler->Handles();
}

NatEngine::TranslateResult
NatEngine::TranslatePorts(Direction dir, Ptr<Packet> p, Ipv4Header& h, bool firstFragment)
{
    const Ipv4Header original = h;
    uint8_t protocol = h.GetProtocol();
    L4 l4;
    l4.length = protocol == kTcp ? 20 : 8;
    if (p->GetSize() < l4.length)
    {
        Drop(p, original, TRUNCATED_DROP);
        return TR_DROPPED;
    }
    p->CopyData(l4.bytes, l4.length);
    uint32_t portOffset;
    uint32_t checksumOffset;
    if (protocol == kIcmp)
    {
        // Only echo is translated, its identifier standing in for a port
        // (RFC 3022 2.2).
        if (l4.bytes[0] != (dir == OUTBOUND ? kIcmpEcho : kIcmpEchoReply))
        {
            Drop(p, original, ICMP_NOT_SUPPORTED_DROP);
            return TR_DROPPED;
        }
        uint16_t id = Read16(l4.bytes + 4);
        l4.sourcePort = dir == OUTBOUND ? id : 0;
        l4.destinationPort = dir == INBOUND ? id : 0;
        portOffset = 4;
        checksumOffset = 2;
    }
    else
    {
        l4.sourcePort = Read16(l4.bytes);
        l4.destinationPort = Read16(l4.bytes + 2);
        portOffset = dir == OUTBOUND ? 0 : 2;
        checksumOffset = protocol == kTcp ? 16 : 6;
    }
    if (!Allowed(protocol, true, l4.sourcePort, l4.destinationPort))
    {
        Drop(p, original, FIREWALL_DROP);
        return TR_DROPPED;
    }
    bool ike = IsIke(protocol, l4);
    if (const char* reason = ike ? m_isakmpHandler->Inspect(p) : nullptr)
    {
        Drop(p, original, reason);
        return TR_DROPPED;
    }
    int64_t now = Simulator::Now().GetNanoSeconds();
    uint8_t tcpFlags = protocol == kTcp ? l4.bytes[13] : 0;
    uint32_t index = 0;
    Mapping* m = nullptr;
    uint16_t oldPort;
    uint16_t newPort;
    Ipv4Address oldAddress;
    Ipv4Address newAddress;

    if (dir == OUTBOUND)
    {
        uint32_t inside = h.GetSource().Get();
        uint32_t remote = h.GetDestination().Get();
        bool port500 = ike && l4.sourcePort == m_isakmpPort && m_isakmpHandler->KeepsPort();
        OutKey key = MakeOutKey(protocol, inside, l4.sourcePort, remote, l4.destinationPort);
        m = FindOutbound(key, index);
        if (m == nullptr)
        {
            if (const char* refused = RefuseNewMapping(inside))
            {
                Drop(p, original, refused);
                return TR_DROPPED;
            }
            uint16_t external = 0;
            auto rule = m_forwardsByInside.find(PeerKey(inside, InKey(protocol, l4.sourcePort)));
            if (rule != m_forwardsByInside.end())
            {
                external = rule->second;
            }
            else if (port500)
            {
                // RFC 3715 2.2 o: every inside host's IKE leaves from 500.
                external = m_isakmpPort;
            }
            else if (!AllocatePort(protocol, inside, l4.sourcePort, external))
            {
                Drop(p, original, PORTS_EXHAUSTED_DROP);
                return TR_DROPPED;
            }
            index = CreateMapping(key, external, remote, l4.destinationPort, false, "outbound");
            m = &m_table.At(index);
            if (protocol == kTcp && !(tcpFlags & kTcpSyn))
            {
                m->flags |= Mapping::kFlagEstablished; // joined mid-connection
            }
        }
        if (m_table.GetTimers()->Refreshes(true, *m))
        {
            m->lastRefresh = now;
        }
        RememberPeer(*m, remote, l4.destinationPort);
        if (port500)
        {
            // The inbound side of port 500 belongs to whoever sent last.
            m_table.ClaimInbound(index);
            m_isakmpHandler->LearnOutbound(p, MappingRef{index, m->generation});
        }
        if (protocol == kTcp)
        {
            m->flags |= (tcpFlags & kTcpSyn) ? Mapping::kFlagSynOut : 0;
            m->flags |= (tcpFlags & kTcpFin) ? Mapping::kFlagFinOut : 0;
            m->flags |= (tcpFlags & kTcpRst) ? Mapping::kFlagRst : 0;
        }
        m_otherHandler->NoteOutbound(protocol, Ipv4Address(inside), Ipv4Address(remote), p);
        if (protocol == kTcp)
        {
            ApplyAlg(index, p, h, l4.bytes, firstFragment);
            m = &m_table.At(index); // the ALG may have grown the slab
        }
        oldPort = l4.sourcePort;
        newPort = m->externalPort;
        oldAddress = h.GetSource();
        newAddress = m_outside;
        h.SetSource(m_outside);
    }
    else
    {
        uint32_t remote = h.GetSource().Get();
        bool expired = false;
        if (ike && l4.destinationPort == m_isakmpPort && m_isakmpHandler->RoutesInbound())
        {
            // RFC 3715 2.2 n: IKE to port 500 is routed by what the handler
            // learnt (the initiator cookie); what it cannot route has
            // nowhere to go.
            MappingRef ref;
            m = m_isakmpHandler->RouteInbound(p, ref) ? Resolve(ref) : nullptr;
            if (m == nullptr)
            {
                Drop(p, original, IKE_COOKIE_UNKNOWN_DROP);
                return TR_DROPPED;
            }
            index = ref.index;
        }
        else
        {
            m = FindInbound(protocol, l4.destinationPort, index, expired);
        }
        if (m == nullptr)
        {
            auto rule = m_forwards.find(InKey(protocol, l4.destinationPort));
            if (rule != m_forwards.end())
            {
                OutKey key = MakeOutKey(protocol,
                                        rule->second.insideAddress,
                                        rule->second.insidePort,
                                        remote,
                                        l4.sourcePort);
                uint32_t existing;
                if (FindOutbound(key, existing) != nullptr)
                {
                    ExpireMapping(existing, "replaced");
                }
                index = CreateMapping(key,
                                      l4.destinationPort,
                                      remote,
                                      l4.sourcePort,
                                      true,
                                      "forwarding-rule");
                m = &m_table.At(index);
            }
            else if (expired)
            {
                Drop(p, original, MAPPING_EXPIRED_DROP);
                return TR_DROPPED;
            }
            else
            {
                return TR_UNMATCHED;
            }
        }
        if (!PeerPermitted(*m, remote, l4.sourcePort))
        {
            Drop(p, original, FILTERED_DROP);
            return TR_DROPPED;
        }
        if ((m->flags & Mapping::kFlagOpen) && m->keyRemotePort == 0)
        {
            // An ALG mapping opened before the remote port was known: when
            // the mapping behaviour keys on it, the first packet in names
            // it, so the inside host's answers find this mapping rather than
            // making a new one.
            OutKey rekeyed =
                MakeOutKey(m->protocol, m->insideAddress, m->insidePort, remote, l4.sourcePort);
            if (rekeyed.remotePort != 0 && !m_table.Contains(rekeyed))
            {
                m_table.Rekey(index, rekeyed);
            }
        }
        if (m_table.GetTimers()->Refreshes(false, *m))
        {
            m->lastRefresh = now;
        }
        if (protocol == kTcp)
        {
            m->flags |= (tcpFlags & kTcpSyn) ? Mapping::kFlagSynIn : 0;
            m->flags |= (tcpFlags & kTcpFin) ? Mapping::kFlagFinIn : 0;
            m->flags |= (tcpFlags & kTcpRst) ? Mapping::kFlagRst : 0;
            m_alg->Inbound(MappingRef{index, m->generation}, l4.bytes);
        }
        oldPort = l4.destinationPort;
        newPort = m->insidePort;
        oldAddress = h.GetDestination();
        newAddress = Ipv4Address(m->insideAddress);
        h.SetDestination(newAddress);
    }
    if (protocol == kTcp && (m->flags & Mapping::kFlagSynOut) && (m->flags & Mapping::kFlagSynIn))
    {
        m->flags |= Mapping::kFlagEstablished;
    }

    // RFC 1624 on the bytes as received: the pseudo-header address (not for
    // ICMP, whose checksum covers only the message) and the port.
    uint16_t checksum = Read16(l4.bytes + checksumOffset);
    bool noChecksum = protocol == kUdp && checksum == 0; // RFC 768: none was sent
    if (!noChecksum)
    {
        if (protocol != kIcmp)
        {
            checksum = NatChecksum::AdjustAddress(checksum, oldAddress, newAddress);
        }
        checksum = NatChecksum::Adjust(checksum, oldPort, newPort);
        if (protocol == kUdp && checksum == 0)
        {
            checksum = 0xffff; // RFC 768: a computed zero is sent as all ones
        }
        Write16(l4.bytes + checksumOffset, checksum);
    }
    Write16(l4.bytes + portOffset, newPort);
    p->RemoveAtStart(l4.length);
    p->AddHeader(NatRawHeader(std::vector<uint8_t>(l4.bytes, l4.bytes + l4.length)));
    return TR_OK;
}

} // namespace ns3
