/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-engine.h"

#include "nat-bytes.h"
#include "nat-checksum.h"
#include "nat-raw-header.h"
#include "nat-reassemble-fragments.h"
#include "nat-table-fragments.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cstdlib>

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

using natbytes::Read16;
using natbytes::Read32;
using natbytes::Write16;

} // namespace

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
    m_random = nullptr;
    m_portAllocator = nullptr;
    m_isakmpHandler = nullptr;
    m_mappingBehaviour = nullptr;
    m_filteringBehaviour = nullptr;
    m_table.SetTimers(nullptr);
    m_fragmentHandler = nullptr;
    m_alg = nullptr;
    m_otherHandler = nullptr;
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
    stats.espBindingsCreated = m_otherHandler->GetBindingsCreated();
    stats.espBindingsExpired = m_otherHandler->GetBindingsExpired();
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
    m_otherHandler->Sweep(m_table.GetTimers()->GetOtherTimeout());
    const std::function<bool(MappingRef)> live = [this](MappingRef ref) {
        return m_table.IsLive(ref);
    };
    m_isakmpHandler->Forget(live);
    m_alg->Forget(live);
    ExpireFragments();
    if (m_table.GetLiveCount() > 0 || m_fragmentHandler->HasState() ||
        m_otherHandler->HasBindings())
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
    m_otherHandler->Reboot();
    m_fragmentHandler->Reset();
    m_alg->Forget([](MappingRef) { return false; });
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
    m_fragmentHandler->TranslateIpId(h);
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

NatEngine::TranslateResult
NatEngine::TranslateOther(Direction dir, Ptr<Packet> p, Ipv4Header& h)
{
    const Ipv4Header original = h;
    if (!Allowed(h.GetProtocol(), false, 0, 0))
    {
        Drop(p, original, FIREWALL_DROP);
        return TR_DROPPED;
    }
    NatOtherPacket packet;
    packet.outbound = dir == OUTBOUND;
    packet.packet = p;
    packet.header = &h;
    packet.timeout = m_table.GetTimers()->GetOtherTimeout();
    packet.translateAddress = [this](NatOtherPacket& other) { return TranslateAddressOnly(other); };
    switch (m_otherHandler->Translate(packet))
    {
    case NatOtherPacket::DROPPED:
        Drop(p, original, packet.reason);
        return TR_DROPPED;
    case NatOtherPacket::UNMATCHED:
        return TR_UNMATCHED;
    case NatOtherPacket::TRANSLATED:
    default:
        break;
    }
    if (dir == OUTBOUND)
    {
        h.SetSource(m_outside);
        if (m_otherHandler->HasBindings())
        {
            ScheduleSweep();
        }
    }
    return TR_OK;
}

NatOtherPacket::Verdict
NatEngine::TranslateAddressOnly(NatOtherPacket& packet)
{
    // Address-only (RFC 3022 basic NAT with one outside address): the
    // protocol has no ports, so one inside host at a time holds it.
    Ipv4Header& h = *packet.header;
    uint8_t protocol = h.GetProtocol();
    int64_t now = Simulator::Now().GetNanoSeconds();
    uint32_t index;
    bool expired;
    Mapping* m = FindInbound(protocol, 0, index, expired);
    if (packet.outbound)
    {
        uint32_t inside = h.GetSource().Get();
        uint32_t remote = h.GetDestination().Get();
        if (m != nullptr && m->insideAddress != inside)
        {
            packet.reason = ADDRESS_IN_USE_DROP;
            return NatOtherPacket::DROPPED;
        }
        if (m == nullptr)
        {
            if (m_maxMappings != 0 && m_table.GetLiveCount() >= m_maxMappings)
            {
                packet.reason = TABLE_FULL_DROP;
                return NatOtherPacket::DROPPED;
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
        m_otherHandler->NoteOutbound(protocol, h.GetSource(), h.GetDestination(), packet.packet);
        return NatOtherPacket::TRANSLATED;
    }
    if (m == nullptr)
    {
        if (expired)
        {
            packet.reason = MAPPING_EXPIRED_DROP;
            return NatOtherPacket::DROPPED;
        }
        return NatOtherPacket::UNMATCHED;
    }
    if (!PeerPermitted(*m, h.GetSource().Get(), 0))
    {
        packet.reason = FILTERED_DROP;
        return NatOtherPacket::DROPPED;
    }
    if (m_table.GetTimers()->Refreshes(false, *m))
    {
        m->lastRefresh = now;
    }
    h.SetDestination(Ipv4Address(m->insideAddress));
    return NatOtherPacket::TRANSLATED;
}

std::pair<uint32_t, uint32_t>
NatEngine::AllocateSpiBlock(Ipv4Address inside)
{
    auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler);
    return blocks ? blocks->Allocate(inside) : std::make_pair(0u, 0u);
}

// ------------------------------------------------------------------ ALG

/// The engine's side of NatAlgContext.
class NatEngine::AlgContext : public NatAlgContext
{
  public:
    explicit AlgContext(NatEngine* engine)
        : m_engine(engine)
    {
    }

    Ipv4Address GetOutsideAddress() const override
    {
        return m_engine->m_outside;
    }

    bool OpenMapping(uint8_t protocol,
                     Ipv4Address inside,
                     uint16_t insidePort,
                     Ipv4Address remote,
                     uint16_t& externalPort) override
    {
        return m_engine->OpenAlgMapping(protocol,
                                        inside.Get(),
                                        insidePort,
                                        remote.Get(),
                                        externalPort);
    }

  private:
    NatEngine* m_engine;
};

void
NatEngine::ApplyAlg(uint32_t index, Ptr<Packet> p, Ipv4Header& h, uint8_t* tcp, bool firstFragment)
{
    AlgContext context(this);
    m_alg->Outbound(context,
                    MappingRef{index, m_table.At(index).generation},
                    p,
                    h,
                    tcp,
                    firstFragment);
}

bool
NatEngine::OpenAlgMapping(uint8_t protocol,
                          uint32_t inside,
                          uint16_t insidePort,
                          uint32_t remote,
                          uint16_t& externalPort)
{
    OutKey key = MakeOutKey(protocol, inside, insidePort, remote, 0);
    uint32_t index;
    Mapping* m = FindOutbound(key, index);
    if (m == nullptr)
    {
        uint16_t external;
        if (!AllocatePort(protocol, inside, insidePort, external))
        {
            return false;
        }
        // The remote host opens the connection from a port of its choosing.
        index = CreateMapping(key, external, remote, 0, true, "alg");
        m = &m_table.At(index);
    }
    externalPort = m->externalPort;
    return true;
}

// ------------------------------------------------------------------ fragments

/// The engine's side of NatFragmentContext: one packet's direction and emit
/// callback (none in the sweep, which only drops).
class NatEngine::FragmentContext : public NatFragmentContext
{
  public:
    FragmentContext(NatEngine* engine, Direction dir, const EmitCallback* emit)
        : m_engine(engine),
          m_dir(dir),
          m_emit(emit)
    {
    }

    bool IsOutbound() const override
    {
        return m_dir == OUTBOUND;
    }

    bool Translate(Ptr<Packet> p, Ipv4Header& h, bool firstFragment) override
    {
        const Ipv4Header original = h;
        TranslateResult result = m_engine->Translate(m_dir, p, h, firstFragment);
        if (result == TR_UNMATCHED)
        {
            m_engine->Drop(p, original, NO_MAPPING_DROP);
        }
        return result == TR_OK;
    }

    const char* TranslateLater(Ipv4Header& h) override
    {
        return m_engine->TranslateLaterFragment(m_dir, h);
    }

    void Emit(Ptr<Packet> p, Ipv4Header& h, const Ipv4Header& original, bool whole) override
    {
        NS_ASSERT_MSG(m_emit != nullptr, "a fragment handler emitted from the sweep");
        m_engine->Finish(m_dir, p, h, original, whole, *m_emit);
    }

    void Drop(Ptr<const Packet> p, const Ipv4Header& h, const char* reason) override
    {
        m_engine->Drop(p, h, reason);
    }

    void FragmentHeld() override
    {
        ++m_engine->m_stats.fragmentsHeld;
    }

    void DatagramReassembled() override
    {
        ++m_engine->m_stats.datagramsReassembled;
    }

    void ScheduleSweep() override
    {
        m_engine->ScheduleSweep();
    }

  private:
    NatEngine* m_engine;
    Direction m_dir;
    const EmitCallback* m_emit;
};

void
NatEngine::ProcessFragment(Direction dir, Ptr<Packet> p, Ipv4Header h, const EmitCallback& emit)
{
    FragmentContext context(this, dir, &emit);
    m_fragmentHandler->Process(context, p, h);
}

void
NatEngine::ExpireFragments()
{
    FragmentContext context(this, OUTBOUND, nullptr);
    m_fragmentHandler->Expire(context);
}

const char*
NatEngine::TranslateLaterFragment(Direction dir, Ipv4Header& h)
{
    uint8_t protocol = h.GetProtocol();
    if (dir == OUTBOUND)
    {
        if (!Allowed(protocol, false, 0, 0))
        {
            return FIREWALL_DROP;
        }
        h.SetSource(m_outside);
        return nullptr;
    }
    Ipv4Address guess;
    if (!m_otherHandler->LastSender(protocol, h.GetSource(), guess) ||
        !Allowed(protocol, false, 0, 0))
    {
        return FRAGMENT_UNKNOWN_DROP;
    }
    h.SetDestination(guess);
    return nullptr;
}

} // namespace ns3
