/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-fragment-handler.h"

#include "nat-bytes.h"
#include "nat-engine.h"

#include "ns3/boolean.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatFragmentHandler);
NS_OBJECT_ENSURE_REGISTERED(NatDropFragments);
NS_OBJECT_ENSURE_REGISTERED(NatFirstOnlyFragments);

TypeId
NatFragmentHandler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatFragmentHandler")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<NatFragmentHandler>()
            .AddAttribute("Timeout",
                          "Lifetime of a datagram's fragment state and held fragments",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&NatFragmentHandler::m_timeout),
                          MakeTimeChecker())
            .AddAttribute("MaxHeld",
                          "Fragments (packets) held at most while waiting for their first "
                          "fragment or for reassembly",
                          UintegerValue(256),
                          MakeUintegerAccessor(&NatFragmentHandler::m_maxHeld),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("IpIdTranslation",
                          "Whether outbound datagrams get a fresh IP identification, so "
                          "fragments of two inside hosts cannot collide (RFC 3715 2.1 l)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&NatFragmentHandler::m_ipIdTranslation),
                          MakeBooleanChecker());
    return tid;
}

NatFragmentHandler::NatFragmentHandler() = default;

NatFragmentHandler::~NatFragmentHandler() = default;

void
NatFragmentHandler::DoDispose()
{
    Reset();
    Object::DoDispose();
}

std::size_t
NatFragmentHandler::KeyHash::operator()(const Key& k) const
{
    return natbytes::Mix(
        (uint64_t{k.source} << 32 | k.destination) ^
        natbytes::Mix(uint64_t{k.id} << 16 | uint64_t{k.protocol} << 8 | k.direction));
}

void
NatFragmentHandler::Process(NatFragmentContext& engine, Ptr<Packet> p, Ipv4Header h)
{
    // Stateless: a later fragment has no ports, so outbound it gets the
    // outside address and inbound it goes to the inside host that last
    // sent this protocol to its source (a guess that fails with two).
    const Ipv4Header original = h;
    bool outbound = engine.IsOutbound();
    State* state = (outbound && m_ipIdTranslation) ? &StateOf(engine, KeyOf(engine, h)) : nullptr;
    if (IsFirst(h))
    {
        if (!engine.Translate(p, h, true))
        {
            return;
        }
    }
    else if (const char* reason = engine.TranslateLater(h))
    {
        engine.Drop(p, original, reason);
        return;
    }
    if (outbound)
    {
        TranslateIpId(h, state);
    }
    engine.Emit(p, h, original, false);
}

void
NatFragmentHandler::TranslateIpId(Ipv4Header& header)
{
    TranslateIpId(header, nullptr);
}

void
NatFragmentHandler::TranslateIpId(Ipv4Header& h, State* state)
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

void
NatFragmentHandler::Expire(NatFragmentContext& engine)
{
    int64_t now = Simulator::Now().GetNanoSeconds();
    for (auto it = m_state.begin(); it != m_state.end();)
    {
        if (it->second.expiry <= now)
        {
            for (auto& held : it->second.held)
            {
                engine.Drop(held.first, held.second, NatEngine::FRAGMENT_TIMEOUT_DROP);
            }
            m_held -= it->second.held.size();
            it = m_state.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

bool
NatFragmentHandler::HasState() const
{
    return !m_state.empty();
}

void
NatFragmentHandler::Reset()
{
    m_state.clear();
    m_held = 0;
}

void
NatFragmentHandler::SetTimeout(Time timeout)
{
    m_timeout = timeout;
}

Time
NatFragmentHandler::GetTimeout() const
{
    return m_timeout;
}

void
NatFragmentHandler::SetMaxHeld(uint32_t packets)
{
    m_maxHeld = packets;
}

uint32_t
NatFragmentHandler::GetMaxHeld() const
{
    return m_maxHeld;
}

void
NatFragmentHandler::SetIpIdTranslation(bool translate)
{
    m_ipIdTranslation = translate;
}

bool
NatFragmentHandler::GetIpIdTranslation() const
{
    return m_ipIdTranslation;
}

bool
NatFragmentHandler::IsFirst(const Ipv4Header& header)
{
    return header.GetFragmentOffset() == 0;
}

NatFragmentHandler::Key
NatFragmentHandler::KeyOf(const NatFragmentContext& engine, const Ipv4Header& h)
{
    return Key{
        h.GetSource().Get(),
        h.GetDestination().Get(),
        h.GetIdentification(),
        h.GetProtocol(),
        static_cast<uint8_t>(engine.IsOutbound() ? NatEngine::OUTBOUND : NatEngine::INBOUND)};
}

NatFragmentHandler::State&
NatFragmentHandler::StateOf(NatFragmentContext& engine, const Key& key)
{
    auto inserted = m_state.emplace(key, State());
    if (inserted.second)
    {
        inserted.first->second.expiry =
            Simulator::Now().GetNanoSeconds() + m_timeout.GetNanoSeconds();
        engine.ScheduleSweep();
    }
    return inserted.first->second;
}

void
NatFragmentHandler::Erase(const Key& key)
{
    m_state.erase(key);
}

bool
NatFragmentHandler::Hold(NatFragmentContext& engine,
                         State& state,
                         Ptr<Packet> fragment,
                         const Ipv4Header& header)
{
    if (m_held >= m_maxHeld)
    {
        engine.Drop(fragment, header, NatEngine::FRAGMENT_BUFFER_FULL_DROP);
        return false;
    }
    state.held.emplace_back(fragment, header);
    ++m_held;
    engine.FragmentHeld();
    return true;
}

std::vector<std::pair<Ptr<Packet>, Ipv4Header>>
NatFragmentHandler::Release(State& state)
{
    std::vector<std::pair<Ptr<Packet>, Ipv4Header>> held;
    held.swap(state.held);
    m_held -= held.size();
    return held;
}

TypeId
NatDropFragments::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatDropFragments")
                            .SetParent<NatFragmentHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatDropFragments>();
    return tid;
}

void
NatDropFragments::Process(NatFragmentContext& engine, Ptr<Packet> fragment, Ipv4Header header)
{
    // RFC 3715 2.2 m: the NAT drops every fragment.
    engine.Drop(fragment, header, NatEngine::FRAGMENT_DROP);
}

TypeId
NatFirstOnlyFragments::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatFirstOnlyFragments")
                            .SetParent<NatFragmentHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatFirstOnlyFragments>();
    return tid;
}

void
NatFirstOnlyFragments::Process(NatFragmentContext& engine, Ptr<Packet> p, Ipv4Header h)
{
    const Ipv4Header original = h;
    if (!IsFirst(h))
    {
        engine.Drop(p, original, NatEngine::FRAGMENT_NOT_FIRST_DROP);
        return;
    }
    if (engine.Translate(p, h, true))
    {
        // In both directions: this NAT treats a first fragment as a whole
        // datagram, whose later fragments it never sees through.
        TranslateIpId(h);
        engine.Emit(p, h, original, false);
    }
}

} // namespace ns3
