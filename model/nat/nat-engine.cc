/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-engine.h"

#include "nat-bytes.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatEngine");

NS_OBJECT_ENSURE_REGISTERED(NatEngine);

namespace
{

using namespace natbytes;

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

const DropCounter&
NatEngine::GetDrops() const
{
    return m_drops;
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

void
NatEngine::MappingExpired(uint32_t index, const Mapping& m, const std::string& reason)
{
    NatMappingInfo info = Describe(m);
    ++m_stats.mappingsExpired;
    NS_LOG_LOGIC("mapping expired (" << reason << ") " << info);
    m_mappingExpiredTrace(info, reason);
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

uint16_t
NatEngine::Rebind(uint8_t protocol, uint16_t externalPort)
{
    NS_LOG_FUNCTION(this << unsigned{protocol} << externalPort);
    uint32_t index;
    bool expired;
    Mapping* m = FindInbound(protocol, externalPort, index, expired);
    if (m == nullptr || m_forwards.count(InKey(protocol, externalPort)) ||
        (m_isakmpHandler->KeepsPort() && externalPort == m_isakmpPort))
    {
        return 0;
    }
    uint16_t port;
    if (!AllocatePort(protocol, m->insideAddress, m->insidePort, port) || port == externalPort)
    {
        return 0;
    }
    NatMappingInfo before = Describe(*m);
    m_table.MoveExternalPort(index, port);
    ++m_stats.mappingsRebound;
    NatMappingInfo after = Describe(m_table.At(index));
    NS_LOG_LOGIC("mapping rebound " << before << " -> port " << port);
    m_mappingReboundTrace(before, after);
    return port;
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
