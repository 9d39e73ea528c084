/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-engine.h"

#include "nat-checksum.h"
#include "nat-raw-header.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatEngine");

NS_OBJECT_ENSURE_REGISTERED(NatEngine);

namespace
{

constexpr uint8_t kIcmp = 1;
constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;
constexpr uint8_t kEsp = 50;

constexpr uint8_t kTcpFin = 0x01;
constexpr uint8_t kTcpSyn = 0x02;
constexpr uint8_t kTcpRst = 0x04;

constexpr uint8_t kIcmpEchoReply = 0;
constexpr uint8_t kIcmpEcho = 8;

uint16_t
Read16(const uint8_t* b)
{
    return static_cast<uint16_t>((b[0] << 8) | b[1]);
}

void
Write16(uint8_t* b, uint16_t v)
{
    b[0] = v >> 8;
    b[1] = v & 0xff;
}

uint32_t
Read32(const uint8_t* b)
{
    return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
}

void
Write32(uint8_t* b, uint32_t v)
{
    Write16(b, v >> 16);
    Write16(b + 2, v & 0xffff);
}

/// Serial-number comparison of TCP sequence numbers.
bool
SeqAtOrAfter(uint32_t a, uint32_t b)
{
    return static_cast<int32_t>(a - b) >= 0;
}

std::size_t
Mix(uint64_t x)
{
    return NatHashMix(x);
}

} // namespace

std::size_t
NatEngine::FragKeyHash::operator()(const FragKey& k) const
{
    return Mix((uint64_t{k.source} << 32 | k.destination) ^
               Mix(uint64_t{k.id} << 16 | uint64_t{k.protocol} << 8 | k.direction));
}

NatEngine::NatEngine()
    : m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
    // Before the attributes are set: the timer names are aliases into it.
    m_table.SetTimers(CreateObject<NatMappingTimers>());
    m_table.SetExpiredCallback(MakeCallback(&NatEngine::MappingExpired, this));
}

NatEngine::~NatEngine() = default;

void
NatEngine::DoDispose()
{
    m_sweepEvent.Cancel();
    m_fragmentState.clear();
    m_random = nullptr;
    m_portAllocator = nullptr;
    m_isakmpHandler = nullptr;
    m_mappingBehaviour = nullptr;
    m_filteringBehaviour = nullptr;
    m_table.SetTimers(nullptr);
    Object::DoDispose();
}

void
NatEngine::SetOutsideAddress(Ipv4Address address)
{
    m_outside = address;
}

Ipv4Address
NatEngine::GetOutsideAddress() const
{
    return m_outside;
}

int64_t
NatEngine::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

// ------------------------------------------------------------------ names, counters

uint64_t
NatEngine::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

NatEngine::Stats
NatEngine::GetStats() const
{
    Stats stats = m_stats;
    stats.liveMappings = m_table.GetLiveCount();
    return stats;
}

std::size_t
NatEngine::GetMappingCount() const
{
    return m_table.GetLiveCount();
}

std::vector<NatMappingInfo>
NatEngine::GetMappings() const
{
    return m_table.GetMappings(m_outside);
}

void
NatEngine::Drop(Ptr<const Packet> p, const Ipv4Header& h, const char* reason)
{
    NS_LOG_LOGIC("drop " << reason << " " << h.GetSource() << " -> " << h.GetDestination()
                         << " proto " << unsigned{h.GetProtocol()});
    m_drops.Count(reason);
    ++m_stats.dropped;
    if (!m_dropTrace.IsEmpty())
    {
        // The observer's view of the drop: the packet as it arrived, its
        // IPv4 header included (a filter by protocol and ports needs both).
        Ptr<Packet> arrived = p->Copy();
        arrived->AddHeader(h);
        m_dropTrace(arrived, reason);
    }
}

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
NatEngine::MappingExpired(uint32_t index, const Mapping& m, const std::string& reason)
{
    NatMappingInfo info = Describe(m);
    m_algDelta.erase(index);
    ++m_stats.mappingsExpired;
    NS_LOG_LOGIC("mapping expired (" << reason << ") " << info);
    m_mappingExpiredTrace(info, reason);
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

void
NatEngine::ScheduleSweep()
{
    // IsExpired rather than !IsRunning: ns-3.48 renamed IsRunning IsPending.
    if (m_sweepInterval.IsStrictlyPositive() && m_sweepEvent.IsExpired())
    {
        m_sweepEvent = Simulator::Schedule(m_sweepInterval, &NatEngine::Sweep, this);
    }
}

void
NatEngine::Sweep()
{
    int64_t now = Simulator::Now().GetNanoSeconds();
    m_table.ExpireIdle(now);
    int64_t espTimeout = m_table.GetTimers()->GetOtherTimeout().GetNanoSeconds();
    for (auto* table : {&m_espOutbound, &m_espInbound})
    {
        for (auto it = table->begin(); it != table->end();)
        {
            if (now - it->second.lastRefresh > espTimeout)
            {
                NatMappingInfo info;
                info.protocol = kEsp;
                info.insideAddress = Ipv4Address(it->second.insideAddress);
                info.externalAddress = m_outside;
                info.remoteAddress = Ipv4Address(static_cast<uint32_t>(it->first >> 32));
                info.spi = static_cast<uint32_t>(it->first);
                ++m_stats.espBindingsExpired;
                m_mappingExpiredTrace(info, "timeout");
                it = table->erase(it);
            }
            else
            {
                ++it;
            }
        }
    }
    m_isakmpHandler->Forget([this](MappingRef ref) { return m_table.IsLive(ref); });
    for (auto it = m_espLastSender.begin(); it != m_espLastSender.end();)
    {
        it = (now - it->second.lastRefresh > espTimeout) ? m_espLastSender.erase(it) : ++it;
    }
    for (auto it = m_fragmentState.begin(); it != m_fragmentState.end();)
    {
        if (it->second.expiry <= now)
        {
            for (auto& held : it->second.held)
            {
                Drop(held.first, held.second, FRAGMENT_TIMEOUT_DROP);
            }
            m_heldFragments -= it->second.held.size();
            it = m_fragmentState.erase(it);
        }
        else
        {
            ++it;
        }
    }
    if (m_table.GetLiveCount() > 0 || !m_fragmentState.empty() || !m_espInbound.empty() ||
        !m_espOutbound.empty())
    {
        ScheduleSweep();
    }
}

void
NatEngine::Reboot()
{
    NS_LOG_FUNCTION(this);
    m_table.Clear(Simulator::Now().GetNanoSeconds());
    m_isakmpHandler->Forget([](MappingRef) { return false; });
    m_espOutbound.clear();
    m_espInbound.clear();
    m_espLastSender.clear();
    m_lastInside.clear();
    m_spiBlocks.clear();
    m_spiBlockOf.clear();
    m_fragmentState.clear();
    m_heldFragments = 0;
    m_algDelta.clear();
}

// ------------------------------------------------------------------ ISAKMP

bool
NatEngine::IsIke(uint8_t protocol, const L4& l4) const
{
    return protocol == kUdp &&
           (l4.sourcePort == m_isakmpPort || l4.destinationPort == m_isakmpPort) &&
           m_isakmpHandler->Handles();
}

// ------------------------------------------------------------------ translation

bool
NatEngine::IsFragment(const Ipv4Header& h) const
{
    return !h.IsLastFragment() || h.GetFragmentOffset() != 0;
}

NatEngine::Verdict
NatEngine::ProcessOutbound(Ptr<Packet> packet, const Ipv4Header& header, const EmitCallback& emit)
{
    NS_LOG_FUNCTION(this << packet << header);
    Ipv4Header h = header;
    if (IsFragment(h))
    {
        ProcessFragment(OUTBOUND, packet, h, emit);
        return HANDLED;
    }
    if (Translate(OUTBOUND, packet, h, false) != TR_OK)
    {
        return HANDLED;
    }
    TranslateIpId(h, nullptr);
    Finish(OUTBOUND, packet, h, header, true, emit);
    return HANDLED;
}

NatEngine::Verdict
NatEngine::ProcessInbound(Ptr<Packet> packet, const Ipv4Header& header, const EmitCallback& emit)
{
    NS_LOG_FUNCTION(this << packet << header);
    Ipv4Header h = header;
    if (IsFragment(h))
    {
        ProcessFragment(INBOUND, packet, h, emit);
        return HANDLED;
    }
    if (h.GetProtocol() == kIcmp && packet->GetSize() >= 8)
    {
        uint8_t type;
        packet->CopyData(&type, 1);
        if (type == kIcmpEcho)
        {
            return DELIVER_LOCALLY; // pings to the outside address: the NAT answers
        }
    }
    TranslateResult result = Translate(INBOUND, packet, h, false);
    if (result == TR_UNMATCHED)
    {
        if (m_deliverUnmatchedLocally)
        {
            return DELIVER_LOCALLY;
        }
        Drop(packet, header, NO_MAPPING_DROP);
        return HANDLED;
    }
    if (result == TR_OK)
    {
        Finish(INBOUND, packet, h, header, false, emit);
    }
    return HANDLED;
}

bool
NatEngine::ProcessInboundToInside(Ptr<const Packet> packet, const Ipv4Header& header)
{
    if (!m_blockInboundToInside)
    {
        return false;
    }
    Drop(packet, header, INSIDE_ADDRESS_DROP);
    return true;
}

void
NatEngine::Finish(Direction dir,
                  Ptr<Packet> p,
                  Ipv4Header& h,
                  const Ipv4Header& original,
                  bool mayHairpin,
                  const EmitCallback& emit)
{
    if (dir == OUTBOUND && mayHairpin && h.GetDestination() == m_outside)
    {
        // RFC 4787 6: the source is translated first, then the packet is
        // treated as if it had arrived from outside.
        if (!m_hairpinning)
        {
            Drop(p, original, HAIRPIN_DISABLED_DROP);
            return;
        }
        ++m_stats.translatedOutbound;
        m_translateTrace(p, original, h, OUTBOUND);
        Ipv4Header outside = h;
        TranslateResult result = Translate(INBOUND, p, h, false);
        if (result == TR_UNMATCHED)
        {
            Drop(p, outside, NO_MAPPING_DROP);
        }
        if (result != TR_OK)
        {
            return;
        }
        ++m_stats.hairpinned;
        ++m_stats.translatedInbound;
        m_translateTrace(p, outside, h, INBOUND);
        emit(p, h);
        return;
    }
    if (dir == OUTBOUND)
    {
        ++m_stats.translatedOutbound;
    }
    else
    {
        ++m_stats.translatedInbound;
    }
    m_translateTrace(p, original, h, dir);
    emit(p, h);
}

void
NatEngine::TranslateIpId(Ipv4Header& h, FragState* state)
{
    if (!m_ipIdTranslation)
    {
        return;
    }
    if (state == nullptr)
    {
        h.SetIdentification(m_nextIpId++);
        return;
    }
    if (!state->idAssigned)
    {
        state->newId = m_nextIpId++;
        state->idAssigned = true;
    }
    h.SetIdentification(state->newId);
}

NatEngine::TranslateResult
NatEngine::Translate(Direction dir, Ptr<Packet> p, Ipv4Header& h, bool firstFragment)
{
    uint8_t protocol = h.GetProtocol();
    if (protocol == kUdp || protocol == kTcp || protocol == kIcmp)
    {
        return TranslatePorts(dir, p, h, firstFragment);
    }
    return TranslateOther(dir, p, h);
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
            if (m_maxMappings != 0 && m_table.GetLiveCount() >= m_maxMappings)
            {
                Drop(p, original, TABLE_FULL_DROP);
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
        }
        if (port500)
        {
            m_isakmpHandler->LearnOutbound(p, MappingRef{index, m->generation});
        }
        if (protocol == kTcp)
        {
            m->flags |= (tcpFlags & kTcpSyn) ? Mapping::kFlagSynOut : 0;
            m->flags |= (tcpFlags & kTcpFin) ? Mapping::kFlagFinOut : 0;
            m->flags |= (tcpFlags & kTcpRst) ? Mapping::kFlagRst : 0;
        }
        m_lastInside[PeerKey(remote, protocol)] = inside;
        if (protocol == kTcp && !firstFragment)
        {
            HandleAlg(index, p, h, l4);
            m = &m_table.At(index); // the ALG may have grown the slab
        }
        if (protocol == kTcp)
        {
            auto alg = m_algDelta.find(index);
            uint32_t seq = Read32(l4.bytes + 4);
            if (alg != m_algDelta.end() && SeqAtOrAfter(seq, alg->second.first))
            {
                uint32_t newSeq = seq + alg->second.second;
                Write32(l4.bytes + 4, newSeq);
                Write16(l4.bytes + 16, NatChecksum::Adjust32(Read16(l4.bytes + 16), seq, newSeq));
            }
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
            auto alg = m_algDelta.find(index);
            uint32_t ack = Read32(l4.bytes + 8);
            if (alg != m_algDelta.end() &&
                SeqAtOrAfter(ack, alg->second.first + alg->second.second))
            {
                uint32_t newAck = ack - alg->second.second;
                Write32(l4.bytes + 8, newAck);
                Write16(l4.bytes + 16, NatChecksum::Adjust32(Read16(l4.bytes + 16), ack, newAck));
            }
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

NatEngine::TranslateResult
NatEngine::TranslateOther(Direction dir, Ptr<Packet> p, Ipv4Header& h)
{
    const Ipv4Header original = h;
    uint8_t protocol = h.GetProtocol();
    if (!Allowed(protocol, false, 0, 0))
    {
        Drop(p, original, FIREWALL_DROP);
        return TR_DROPPED;
    }
    switch (m_otherProtocols)
    {
    case OTHER_DROP:
        // RFC 3715 2.1 j: a NAPT that can only translate ports.
        Drop(p, original, PROTOCOL_NOT_SUPPORTED_DROP);
        return TR_DROPPED;
    case OTHER_SPI_PASSTHROUGH:
        if (protocol == kEsp)
        {
            return TranslateEsp(dir, p, h);
        }
        Drop(p, original, PROTOCOL_NOT_SUPPORTED_DROP);
        return TR_DROPPED;
    case OTHER_SPI_BLOCKS:
        if (protocol == kEsp)
        {
            return TranslateEspBlocks(dir, p, h);
        }
        Drop(p, original, PROTOCOL_NOT_SUPPORTED_DROP);
        return TR_DROPPED;
    case OTHER_ADDRESS_ONLY:
    default:
        break;
    }
    // Address-only (RFC 3022 basic NAT with one outside address): the
    // protocol has no ports, so one inside host at a time holds it.
    int64_t now = Simulator::Now().GetNanoSeconds();
    uint32_t index;
    bool expired;
    Mapping* m = FindInbound(protocol, 0, index, expired);
    if (dir == OUTBOUND)
    {
        uint32_t inside = h.GetSource().Get();
        uint32_t remote = h.GetDestination().Get();
        if (m != nullptr && m->insideAddress != inside)
        {
            Drop(p, original, ADDRESS_IN_USE_DROP);
            return TR_DROPPED;
        }
        if (m == nullptr)
        {
            if (m_maxMappings != 0 && m_table.GetLiveCount() >= m_maxMappings)
            {
                Drop(p, original, TABLE_FULL_DROP);
                return TR_DROPPED;
            }
            index = CreateMapping(OutKey{inside, 0, 0, 0, protocol},
                                  0,
                                  remote,
                                  0,
                                  false,
                                  "address-only");
            m = &m_table.At(index);
        }
        m->lastRefresh = now;
        RememberPeer(*m, remote, 0);
        m_lastInside[PeerKey(remote, protocol)] = inside;
        h.SetSource(m_outside);
        return TR_OK;
    }
    if (m == nullptr)
    {
        if (expired)
        {
            Drop(p, original, MAPPING_EXPIRED_DROP);
            return TR_DROPPED;
        }
        return TR_UNMATCHED;
    }
    if (!PeerPermitted(*m, h.GetSource().Get(), 0))
    {
        Drop(p, original, FILTERED_DROP);
        return TR_DROPPED;
    }
    if (m_table.GetTimers()->Refreshes(false, *m))
    {
        m->lastRefresh = now;
    }
    h.SetDestination(Ipv4Address(m->insideAddress));
    return TR_OK;
}

NatEngine::TranslateResult
NatEngine::TranslateEsp(Direction dir, Ptr<Packet> p, Ipv4Header& h)
{
    // "IPsec passthrough" (RFC 3715 2.1 f). Outbound ESP teaches the NAT
    // (inside host, peer, outbound SPI) and who last sent ESP to each peer.
    // Inbound ESP from a peer goes, in this order:
    //  1. to the host already bound to (peer, SPI);
    //  2. else to the inside host that most recently sent ESP to that peer,
    //     and (peer, SPI) is bound to it from then on;
    //  3. else nowhere (no-mapping).
    // Rule 2 is the guess real passthrough routers made: inbound SPIs are
    // chosen by the receiver and never seen leaving, so two inside hosts
    // talking to one peer get each other's ESP.
    const Ipv4Header original = h;
    if (p->GetSize() < 8)
    {
        Drop(p, original, TRUNCATED_DROP);
        return TR_DROPPED;
    }
    uint8_t bytes[4];
    p->CopyData(bytes, 4);
    uint32_t spi = Read32(bytes);
    int64_t now = Simulator::Now().GetNanoSeconds();
    int64_t timeout = m_table.GetTimers()->GetOtherTimeout().GetNanoSeconds();
    NatMappingInfo info;
    info.protocol = kEsp;
    info.externalAddress = m_outside;
    info.spi = spi;
    if (dir == OUTBOUND)
    {
        uint32_t inside = h.GetSource().Get();
        uint32_t peer = h.GetDestination().Get();
        auto inserted = m_espOutbound.emplace(PeerKey(peer, spi), EspBinding{inside, now});
        if (inserted.second || inserted.first->second.insideAddress != inside ||
            now - inserted.first->second.lastRefresh > timeout)
        {
            inserted.first->second.insideAddress = inside;
            info.insideAddress = Ipv4Address(inside);
            info.remoteAddress = Ipv4Address(peer);
            ++m_stats.espBindingsCreated;
            m_mappingCreatedTrace(info, "esp-outbound-spi");
        }
        inserted.first->second.lastRefresh = now;
        m_espLastSender[peer] = EspBinding{inside, now};
        h.SetSource(m_outside);
        ScheduleSweep();
        return TR_OK;
    }
    uint32_t peer = h.GetSource().Get();
    auto bound = m_espInbound.find(PeerKey(peer, spi));
    if (bound != m_espInbound.end() && now - bound->second.lastRefresh <= timeout)
    {
        bound->second.lastRefresh = now;
        h.SetDestination(Ipv4Address(bound->second.insideAddress));
        return TR_OK;
    }
    auto last = m_espLastSender.find(peer);
    if (last == m_espLastSender.end() || now - last->second.lastRefresh > timeout)
    {
        return TR_UNMATCHED;
    }
    uint32_t inside = last->second.insideAddress;
    m_espInbound[PeerKey(peer, spi)] = EspBinding{inside, now};
    info.insideAddress = Ipv4Address(inside);
    info.remoteAddress = Ipv4Address(peer);
    ++m_stats.espBindingsCreated;
    m_mappingCreatedTrace(info, "esp-inbound-spi-guessed");
    h.SetDestination(Ipv4Address(inside));
    return TR_OK;
}

std::pair<uint32_t, uint32_t>
NatEngine::AllocateSpiBlock(Ipv4Address inside)
{
    auto known = m_spiBlockOf.find(inside.Get());
    uint32_t index;
    if (known != m_spiBlockOf.end())
    {
        index = known->second;
    }
    else
    {
        // Blocks are handed out in order and never overlap, so the block of
        // an inbound SPI is a division away.
        uint64_t first = uint64_t{m_spiBlockBase} + uint64_t{m_spiBlockSize} * m_spiBlocks.size();
        if (first + m_spiBlockSize - 1 > 0xffffffffULL)
        {
            return {0, 0};
        }
        index = static_cast<uint32_t>(m_spiBlocks.size());
        m_spiBlocks.push_back(inside.Get());
        m_spiBlockOf[inside.Get()] = index;
        NatMappingInfo info;
        info.protocol = kEsp;
        info.insideAddress = inside;
        info.externalAddress = m_outside;
        info.spi = static_cast<uint32_t>(first);
        m_mappingCreatedTrace(info, "esp-spi-block");
    }
    uint32_t first = m_spiBlockBase + m_spiBlockSize * index;
    return {first, first + (m_spiBlockSize - 1)};
}

NatEngine::TranslateResult
NatEngine::TranslateEspBlocks(Direction dir, Ptr<Packet> p, Ipv4Header& h)
{
    // "IPsec over DNAT" (3Com disclosure): outbound ESP only gets the
    // outside address, its SPI is not recorded; inbound ESP is routed by
    // the SPI in its (always clear) header to the host whose block holds
    // it. Nothing is guessed, so two hosts talking to one peer each get
    // their own ESP (RFC 3715 2.1 f).
    if (dir == OUTBOUND)
    {
        h.SetSource(m_outside);
        return TR_OK;
    }
    if (p->GetSize() < 8)
    {
        Drop(p, h, TRUNCATED_DROP);
        return TR_DROPPED;
    }
    uint8_t bytes[4];
    p->CopyData(bytes, 4);
    uint32_t spi = Read32(bytes);
    if (spi < m_spiBlockBase)
    {
        return TR_UNMATCHED;
    }
    uint64_t index = (uint64_t{spi} - m_spiBlockBase) / m_spiBlockSize;
    if (index >= m_spiBlocks.size())
    {
        return TR_UNMATCHED;
    }
    h.SetDestination(Ipv4Address(m_spiBlocks[index]));
    return TR_OK;
}

void
NatEngine::HandleAlg(uint32_t controlIndex, Ptr<Packet> p, Ipv4Header& h, L4& l4)
{
    // An FTP-like PORT command carries the client's address and port as
    // text (RFC 959); the ALG rewrites it to the outside address and a port
    // it maps to the client, and keeps the TCP sequence space consistent
    // afterwards by shifting later sequence numbers (and the peer's
    // acknowledgements) by the change in length.
    if (!m_ftpAlg || l4.destinationPort != m_ftpAlgPort)
    {
        return;
    }
    uint32_t headerLength = (l4.bytes[12] >> 4) * 4u;
    uint32_t size = p->GetSize();
    if (headerLength < 20 || size <= headerLength || size - headerLength > 1024)
    {
        return;
    }
    std::vector<uint8_t> segment(size);
    p->CopyData(segment.data(), size);
    std::string text(segment.begin() + headerLength, segment.end());
    if (text.compare(0, 5, "PORT ") != 0)
    {
        return;
    }
    auto end = text.find("\r\n");
    if (end == std::string::npos)
    {
        return;
    }
    unsigned a[6];
    char tail;
    std::string argument = text.substr(5, end - 5);
    if (std::sscanf(argument.c_str(),
                    "%u,%u,%u,%u,%u,%u%c",
                    &a[0],
                    &a[1],
                    &a[2],
                    &a[3],
                    &a[4],
                    &a[5],
                    &tail) != 6 ||
        *std::max_element(a, a + 6) > 255)
    {
        return;
    }
    uint32_t inside = (a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
    if (inside != h.GetSource().Get())
    {
        return;
    }
    uint16_t dataPort = static_cast<uint16_t>(a[4] << 8 | a[5]);
    uint32_t server = h.GetDestination().Get();
    OutKey key = MakeOutKey(kTcp, inside, dataPort, server, 0);
    uint32_t dataIndex;
    Mapping* data = FindOutbound(key, dataIndex);
    if (data == nullptr)
    {
        uint16_t external;
        if (!AllocatePort(kTcp, inside, dataPort, external))
        {
            return;
        }
        // The server opens the data connection from a port of its choosing.
        dataIndex = CreateMapping(key, external, server, 0, true, "alg");
        data = &m_table.At(dataIndex);
    }
    uint32_t outside = m_outside.Get();
    std::ostringstream os;
    os << "PORT " << (outside >> 24) << "," << ((outside >> 16) & 0xff) << ","
       << ((outside >> 8) & 0xff) << "," << (outside & 0xff) << "," << (data->externalPort >> 8)
       << "," << (data->externalPort & 0xff) << text.substr(end);
    std::string rewritten = os.str();
    uint32_t oldLength = size - headerLength;
    uint32_t newLength = rewritten.size();
    auto delta = static_cast<int32_t>(newLength) - static_cast<int32_t>(oldLength);

    uint16_t checksum = Read16(l4.bytes + 16);
    checksum = NatChecksum::AdjustBytes(checksum,
                                        headerLength,
                                        segment.data() + headerLength,
                                        oldLength,
                                        reinterpret_cast<const uint8_t*>(rewritten.data()),
                                        newLength);
    // The pseudo-header's TCP length changes too.
    checksum = NatChecksum::Adjust(checksum, headerLength + oldLength, headerLength + newLength);
    Write16(l4.bytes + 16, checksum);
    p->RemoveAtEnd(oldLength);
    p->AddAtEnd(Create<Packet>(reinterpret_cast<const uint8_t*>(rewritten.data()), newLength));
    h.SetPayloadSize(h.GetPayloadSize() + delta);
    uint32_t seq = Read32(l4.bytes + 4);
    auto entry = m_algDelta.find(controlIndex);
    bool retransmission = entry != m_algDelta.end() && entry->second.first == seq + oldLength;
    if (delta != 0 && !retransmission)
    {
        // One shift per connection, from the end of the latest PORT command
        // on (enough for the request/response use the ALG models).
        auto& shift = m_algDelta[controlIndex];
        shift.first = seq + oldLength;
        shift.second += delta;
    }
}

// ------------------------------------------------------------------ fragments

void
NatEngine::ProcessFragment(Direction dir, Ptr<Packet> p, Ipv4Header h, const EmitCallback& emit)
{
    const Ipv4Header original = h;
    bool first = h.GetFragmentOffset() == 0;
    uint8_t protocol = h.GetProtocol();
    int64_t now = Simulator::Now().GetNanoSeconds();
    FragKey key{h.GetSource().Get(),
                h.GetDestination().Get(),
                h.GetIdentification(),
                protocol,
                static_cast<uint8_t>(dir)};
    auto translateFirst = [&](Ipv4Header& header) {
        TranslateResult result = Translate(dir, p, header, true);
        if (result == TR_UNMATCHED)
        {
            Drop(p, original, NO_MAPPING_DROP);
        }
        return result == TR_OK;
    };
    auto stateFor = [&]() -> FragState& {
        auto inserted = m_fragmentState.emplace(key, FragState());
        if (inserted.second)
        {
            inserted.first->second.expiry = now + m_fragmentTimeout.GetNanoSeconds();
            ScheduleSweep();
        }
        return inserted.first->second;
    };
    // Rewrites a later fragment's header the way its first was rewritten.
    auto rewriteLater = [&](Ipv4Header& header, uint32_t address) {
        if (dir == OUTBOUND)
        {
            header.SetSource(Ipv4Address(address));
        }
        else
        {
            header.SetDestination(Ipv4Address(address));
        }
    };

    switch (m_fragments)
    {
    case FRAGMENTS_DROP:
        // RFC 3715 2.2 m: the NAT drops every fragment.
        Drop(p, original, FRAGMENT_DROP);
        return;

    case FRAGMENTS_FIRST_ONLY:
        if (!first)
        {
            Drop(p, original, FRAGMENT_NOT_FIRST_DROP);
            return;
        }
        if (translateFirst(h))
        {
            TranslateIpId(h, nullptr);
            Finish(dir, p, h, original, false, emit);
        }
        return;

    case FRAGMENTS_FORWARD: {
        // Stateless: a later fragment has no ports, so outbound it gets the
        // outside address and inbound it goes to the inside host that last
        // sent this protocol to its source (a guess that fails with two).
        FragState* state = (dir == OUTBOUND && m_ipIdTranslation) ? &stateFor() : nullptr;
        if (first)
        {
            if (!translateFirst(h))
            {
                return;
            }
        }
        else if (dir == OUTBOUND)
        {
            if (!Allowed(protocol, false, 0, 0))
            {
                Drop(p, original, FIREWALL_DROP);
                return;
            }
            h.SetSource(m_outside);
        }
        else
        {
            auto guess = m_lastInside.find(PeerKey(h.GetSource().Get(), protocol));
            if (guess == m_lastInside.end() || !Allowed(protocol, false, 0, 0))
            {
                Drop(p, original, FRAGMENT_UNKNOWN_DROP);
                return;
            }
            h.SetDestination(Ipv4Address(guess->second));
        }
        if (dir == OUTBOUND)
        {
            TranslateIpId(h, state);
        }
        Finish(dir, p, h, original, false, emit);
        return;
    }

    case FRAGMENTS_TABLE: {
        // Later fragments follow the translation of their first; those that
        // arrive before it are held until it comes (or the state times out).
        FragState& state = stateFor();
        if (first)
        {
            if (state.resolved)
            {
                // A duplicate first fragment: translate it the same way.
                if (translateFirst(h))
                {
                    if (dir == OUTBOUND)
                    {
                        TranslateIpId(h, &m_fragmentState[key]);
                    }
                    Finish(dir, p, h, original, false, emit);
                }
                return;
            }
            bool ok = translateFirst(h);
            FragState& s = state;
            std::vector<std::pair<Ptr<Packet>, Ipv4Header>> held;
            held.swap(s.held);
            m_heldFragments -= held.size();
            if (!ok)
            {
                s.dropped = true;
                for (auto& f : held)
                {
                    Drop(f.first, f.second, FRAGMENT_UNKNOWN_DROP);
                }
                return;
            }
            s.resolved = true;
            s.newAddress = dir == OUTBOUND ? h.GetSource().Get() : h.GetDestination().Get();
            if (dir == OUTBOUND)
            {
                TranslateIpId(h, &s);
            }
            uint32_t address = s.newAddress;
            bool idAssigned = s.idAssigned;
            uint16_t newId = s.newId;
            Finish(dir, p, h, original, false, emit);
            for (auto& f : held)
            {
                Ipv4Header later = f.second;
                rewriteLater(later, address);
                if (idAssigned)
                {
                    later.SetIdentification(newId);
                }
                Finish(dir, f.first, later, f.second, false, emit);
            }
            return;
        }
        if (state.dropped)
        {
            Drop(p, original, FRAGMENT_UNKNOWN_DROP);
            return;
        }
        if (state.resolved)
        {
            rewriteLater(h, state.newAddress);
            if (state.idAssigned)
            {
                h.SetIdentification(state.newId);
            }
            Finish(dir, p, h, original, false, emit);
            return;
        }
        if (m_heldFragments >= m_maxHeldFragments)
        {
            Drop(p, original, FRAGMENT_BUFFER_FULL_DROP);
            return;
        }
        state.held.emplace_back(p, original);
        ++m_heldFragments;
        ++m_stats.fragmentsHeld;
        return;
    }

    case FRAGMENTS_REASSEMBLE:
    default:
        break;
    }

    // Reassemble (RFC 791 3.2), then translate the datagram as a whole; the
    // outgoing interface fragments it again if it is larger than its MTU.
    FragState& state = stateFor();
    if (m_heldFragments >= m_maxHeldFragments)
    {
        Drop(p, original, FRAGMENT_BUFFER_FULL_DROP);
        return;
    }
    state.held.emplace_back(p, original);
    ++m_heldFragments;
    ++m_stats.fragmentsHeld;
    auto& held = state.held;
    std::sort(held.begin(), held.end(), [](const auto& x, const auto& y) {
        return x.second.GetFragmentOffset() < y.second.GetFragmentOffset();
    });
    uint32_t total = 0;
    bool haveLast = false;
    for (const auto& f : held)
    {
        if (f.second.IsLastFragment())
        {
            haveLast = true;
            total = f.second.GetFragmentOffset() + f.first->GetSize();
        }
    }
    if (!haveLast || held.front().second.GetFragmentOffset() != 0)
    {
        return;
    }
    Ptr<Packet> whole = Create<Packet>();
    uint32_t covered = 0;
    for (const auto& f : held)
    {
        uint32_t offset = f.second.GetFragmentOffset();
        uint32_t size = f.first->GetSize();
        if (offset > covered)
        {
            return; // a hole: wait for more
        }
        if (offset + size <= covered)
        {
            continue; // a duplicate
        }
        uint32_t skip = covered - offset;
        whole->AddAtEnd(skip == 0 ? f.first : f.first->CreateFragment(skip, size - skip));
        covered = offset + size;
    }
    if (covered < total)
    {
        return;
    }
    Ipv4Header header = held.front().second;
    m_heldFragments -= held.size();
    m_fragmentState.erase(key);
    header.SetFragmentOffset(0);
    header.SetLastFragment();
    header.SetPayloadSize(total);
    ++m_stats.datagramsReassembled;
    const Ipv4Header reassembled = header;
    TranslateResult result = Translate(dir, whole, header, false);
    if (result == TR_UNMATCHED)
    {
        Drop(whole, reassembled, NO_MAPPING_DROP);
        return;
    }
    if (result != TR_OK)
    {
        return;
    }
    if (dir == OUTBOUND)
    {
        TranslateIpId(header, nullptr);
    }
    Finish(dir, whole, header, reassembled, true, emit);
}

} // namespace ns3
