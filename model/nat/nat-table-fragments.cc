/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-table-fragments.h"

#include "nat-engine.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatTableFragments);

TypeId
NatTableFragments::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatTableFragments")
                            .SetParent<NatFragmentHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatTableFragments>();
    return tid;
}

void
NatTableFragments::Process(NatFragmentContext& engine, Ptr<Packet> p, Ipv4Header h)
{
    const Ipv4Header original = h;
    State& state = StateOf(engine, KeyOf(engine, h));
    if (IsFirst(h))
    {
        ProcessFirst(engine, state, p, h);
        return;
    }
    if (state.dropped)
    {
        engine.Drop(p, original, NatEngine::FRAGMENT_UNKNOWN_DROP);
        return;
    }
    if (state.resolved)
    {
        RewriteLater(engine, h, state.newAddress, state.idAssigned, state.newId);
        engine.Emit(p, h, original, false);
        return;
    }
    Hold(engine, state, p, original);
}

void
NatTableFragments::ProcessFirst(NatFragmentContext& engine,
                                State& state,
                                Ptr<Packet> p,
                                Ipv4Header h)
{
    const Ipv4Header original = h;
    bool outbound = engine.IsOutbound();
    if (state.resolved)
    {
        // A duplicate first fragment: translate it the same way.
        if (engine.Translate(p, h, true))
        {
            if (outbound)
            {
                TranslateIpId(h, &state);
            }
            engine.Emit(p, h, original, false);
        }
        return;
    }
    bool ok = engine.Translate(p, h, true);
    auto held = Release(state);
    if (!ok)
    {
        state.dropped = true;
        for (auto& f : held)
        {
            engine.Drop(f.first, f.second, NatEngine::FRAGMENT_UNKNOWN_DROP);
        }
        return;
    }
    state.resolved = true;
    state.newAddress = outbound ? h.GetSource().Get() : h.GetDestination().Get();
    if (outbound)
    {
        TranslateIpId(h, &state);
    }
    // Copied before emitting: what the emission sets off must not change
    // how the held fragments are rewritten.
    uint32_t address = state.newAddress;
    bool idAssigned = state.idAssigned;
    uint16_t newId = state.newId;
    engine.Emit(p, h, original, false);
    for (auto& f : held)
    {
        Ipv4Header later = f.second;
        RewriteLater(engine, later, address, idAssigned, newId);
        engine.Emit(f.first, later, f.second, false);
    }
}

void
NatTableFragments::RewriteLater(const NatFragmentContext& engine,
                                Ipv4Header& header,
                                uint32_t address,
                                bool idAssigned,
                                uint16_t id)
{
    if (engine.IsOutbound())
    {
        header.SetSource(Ipv4Address(address));
    }
    else
    {
        header.SetDestination(Ipv4Address(address));
    }
    if (idAssigned)
    {
        header.SetIdentification(id);
    }
}

} // namespace ns3
