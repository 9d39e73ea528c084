/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-spi-passthrough.h"

#include "nat-engine.h"

#include "ns3/simulator.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatSpiPassthrough);

TypeId
NatSpiPassthrough::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatSpiPassthrough")
                            .SetParent<NatOtherProtocolHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatSpiPassthrough>();
    return tid;
}

NatOtherPacket::Verdict
NatSpiPassthrough::Translate(NatOtherPacket& packet)
{
    Ipv4Header& h = *packet.header;
    if (h.GetProtocol() != ESP_PROTOCOL)
    {
        return NatOtherProtocolHandler::Translate(packet);
    }
    if (packet.packet->GetSize() < 8)
    {
        packet.reason = NatEngine::TRUNCATED_DROP;
        return NatOtherPacket::DROPPED;
    }
    uint32_t spi = ReadSpi(packet.packet);
    int64_t now = Simulator::Now().GetNanoSeconds();
    int64_t timeout = packet.timeout.GetNanoSeconds();
    if (packet.outbound)
    {
        uint32_t inside = h.GetSource().Get();
        uint32_t peer = h.GetDestination().Get();
        auto inserted = m_outbound.emplace(PeerKey(peer, spi), Binding{inside, now});
        if (inserted.second || inserted.first->second.insideAddress != inside ||
            now - inserted.first->second.lastRefresh > timeout)
        {
            inserted.first->second.insideAddress = inside;
            BindingCreated(EspBinding(inside, peer, spi), "esp-outbound-spi");
        }
        inserted.first->second.lastRefresh = now;
        m_lastSender[peer] = Binding{inside, now};
        return NatOtherPacket::TRANSLATED; // the engine gives it the outside address
    }
    uint32_t peer = h.GetSource().Get();
    auto bound = m_inbound.find(PeerKey(peer, spi));
    if (bound != m_inbound.end() && now - bound->second.lastRefresh <= timeout)
    {
        bound->second.lastRefresh = now;
        h.SetDestination(Ipv4Address(bound->second.insideAddress));
        return NatOtherPacket::TRANSLATED;
    }
    Ipv4Address inside;
    NatOtherPacket::Verdict verdict = GuessReceiver(packet, Ipv4Address(peer), inside);
    if (verdict != NatOtherPacket::TRANSLATED)
    {
        return verdict;
    }
    m_inbound[PeerKey(peer, spi)] = Binding{inside.Get(), now};
    BindingCreated(EspBinding(inside.Get(), peer, spi), "esp-inbound-spi-guessed");
    h.SetDestination(inside);
    return NatOtherPacket::TRANSLATED;
}

NatOtherPacket::Verdict
NatSpiPassthrough::GuessReceiver(NatOtherPacket& packet, Ipv4Address peer, Ipv4Address& inside)
{
    auto last = m_lastSender.find(peer.Get());
    if (last == m_lastSender.end() || Simulator::Now().GetNanoSeconds() - last->second.lastRefresh >
                                          packet.timeout.GetNanoSeconds())
    {
        return NatOtherPacket::UNMATCHED;
    }
    inside = Ipv4Address(last->second.insideAddress);
    return NatOtherPacket::TRANSLATED;
}

void
NatSpiPassthrough::Sweep(Time timeout)
{
    int64_t now = Simulator::Now().GetNanoSeconds();
    int64_t limit = timeout.GetNanoSeconds();
    for (auto* table : {&m_outbound, &m_inbound})
    {
        for (auto it = table->begin(); it != table->end();)
        {
            if (now - it->second.lastRefresh > limit)
            {
                BindingExpired(EspBinding(it->second.insideAddress,
                                          static_cast<uint32_t>(it->first >> 32),
                                          static_cast<uint32_t>(it->first)),
                               "timeout");
                it = table->erase(it);
            }
            else
            {
                ++it;
            }
        }
    }
    for (auto it = m_lastSender.begin(); it != m_lastSender.end();)
    {
        it = (now - it->second.lastRefresh > limit) ? m_lastSender.erase(it) : ++it;
    }
}

bool
NatSpiPassthrough::HasBindings() const
{
    return !m_inbound.empty() || !m_outbound.empty();
}

void
NatSpiPassthrough::Reboot()
{
    NatOtherProtocolHandler::Reboot();
    m_outbound.clear();
    m_inbound.clear();
    m_lastSender.clear();
}

} // namespace ns3
