/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-reassemble-fragments.h"

#include <algorithm>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatReassembleFragments);

TypeId
NatReassembleFragments::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatReassembleFragments")
                            .SetParent<NatFragmentHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatReassembleFragments>();
    return tid;
}

void
NatReassembleFragments::Process(NatFragmentContext& engine, Ptr<Packet> p, Ipv4Header h)
{
    Key key = KeyOf(engine, h);
    State& state = StateOf(engine, key);
    if (!Hold(engine, state, p, h))
    {
        return;
    }
    auto& held = state.held;
    std::sort(held.begin(), held.end(), [](const auto& x, const auto& y) {
        return x.second.GetFragmentOffset() < y.second.GetFragmentOffset();
    });
    Ipv4Header header;
    Ptr<Packet> whole = Reassemble(held, header);
    if (!whole)
    {
        return;
    }
    Release(state);
    Erase(key);
    engine.DatagramReassembled();
    const Ipv4Header reassembled = header;
    if (!engine.Translate(whole, header, false))
    {
        return;
    }
    if (engine.IsOutbound())
    {
        TranslateIpId(header);
    }
    engine.Emit(whole, header, reassembled, true);
}

Ptr<Packet>
NatReassembleFragments::Reassemble(const std::vector<std::pair<Ptr<Packet>, Ipv4Header>>& held,
                                   Ipv4Header& header)
{
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
        return nullptr;
    }
    Ptr<Packet> whole = Create<Packet>();
    uint32_t covered = 0;
    for (const auto& f : held)
    {
        uint32_t offset = f.second.GetFragmentOffset();
        uint32_t size = f.first->GetSize();
        if (offset > covered)
        {
            return nullptr; // a hole: wait for more
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
        return nullptr;
    }
    header = held.front().second;
    header.SetFragmentOffset(0);
    header.SetLastFragment();
    header.SetPayloadSize(total);
    return whole;
}

} // namespace ns3
