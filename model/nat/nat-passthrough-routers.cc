/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The three "IPsec passthrough" designs of home routers, and passthrough
// switched off (Wikipedia, NAT traversal, "IPsec passthrough"). Each
// design's own failure is a drop reason of its own, so a scenario reads
// the design's symptom from the NAT's counters.
#include "nat-passthrough-routers.h"

#include "nat-engine.h"

#include "ns3/isakmp-header.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatOneHostPassthrough);
NS_OBJECT_ENSURE_REGISTERED(NatPerServerPassthrough);
NS_OBJECT_ENSURE_REGISTERED(NatIkeLearningPassthrough);
NS_OBJECT_ENSURE_REGISTERED(NatPassthroughDisabled);

// ------------------------------------------------------------------ design 1

TypeId
NatOneHostPassthrough::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatOneHostPassthrough")
                            .SetParent<NatOtherProtocolHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatOneHostPassthrough>();
    return tid;
}

NatOtherPacket::Verdict
NatOneHostPassthrough::Translate(NatOtherPacket& packet)
{
    Ipv4Header& h = *packet.header;
    if (h.GetProtocol() != ESP_PROTOCOL)
    {
        return NatOtherProtocolHandler::Translate(packet);
    }
    int64_t now = Simulator::Now().GetNanoSeconds();
    int64_t timeout = packet.timeout.GetNanoSeconds();
    Ipv4Address server = packet.outbound ? h.GetDestination() : h.GetSource();
    uint32_t slot = SlotOf(server);
    auto holder = m_holders.find(slot);
    bool held = holder != m_holders.end() && now - holder->second.lastRefresh <= timeout;
    if (!packet.outbound)
    {
        if (!held)
        {
            return NatOtherPacket::UNMATCHED;
        }
        holder->second.lastRefresh = now;
        h.SetDestination(Ipv4Address(holder->second.insideAddress));
        return NatOtherPacket::TRANSLATED;
    }
    uint32_t inside = h.GetSource().Get();
    if (held && holder->second.insideAddress != inside)
    {
        packet.reason = BusyReason();
        return NatOtherPacket::DROPPED;
    }
    if (!held)
    {
        m_holders[slot] = Holder{inside, server.Get(), now};
        BindingCreated(EspBinding(inside, server.Get(), 0), "esp-passthrough-host");
    }
    m_holders[slot].lastRefresh = now;
    return NatOtherPacket::TRANSLATED;
}

void
NatOneHostPassthrough::Sweep(Time timeout)
{
    int64_t now = Simulator::Now().GetNanoSeconds();
    for (auto it = m_holders.begin(); it != m_holders.end();)
    {
        if (now - it->second.lastRefresh > timeout.GetNanoSeconds())
        {
            BindingExpired(EspBinding(it->second.insideAddress, it->second.server, 0), "timeout");
            it = m_holders.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

bool
NatOneHostPassthrough::HasBindings() const
{
    return !m_holders.empty();
}

void
NatOneHostPassthrough::Reboot()
{
    NatOtherProtocolHandler::Reboot();
    m_holders.clear();
}

uint32_t
NatOneHostPassthrough::SlotOf(Ipv4Address server) const
{
    return 0;
}

const char*
NatOneHostPassthrough::BusyReason() const
{
    return PASSTHROUGH_BUSY_DROP;
}

// ------------------------------------------------------------------ design 2

TypeId
NatPerServerPassthrough::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatPerServerPassthrough")
                            .SetParent<NatOneHostPassthrough>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatPerServerPassthrough>();
    return tid;
}

uint32_t
NatPerServerPassthrough::SlotOf(Ipv4Address server) const
{
    return server.Get();
}

const char*
NatPerServerPassthrough::BusyReason() const
{
    return SERVER_BUSY_DROP;
}

// ------------------------------------------------------------------ design 3

TypeId
NatIkeLearningPassthrough::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatIkeLearningPassthrough")
            .SetParent<NatSpiPassthrough>()
            .SetGroupName("Natt")
            .AddConstructor<NatIkeLearningPassthrough>()
            .AddAttribute("IkePort",
                          "UDP destination port of the IKE initiations the router learns from",
                          UintegerValue(IKE_UDP_PORT),
                          MakeUintegerAccessor(&NatIkeLearningPassthrough::m_ikePort),
                          MakeUintegerChecker<uint16_t>());
    return tid;
}

void
NatIkeLearningPassthrough::LearnOutbound(uint8_t protocol,
                                         Ipv4Address inside,
                                         Ipv4Address remote,
                                         Ptr<const Packet> transport)
{
    constexpr uint8_t kUdp = 17;
    constexpr uint32_t kUdpHeader = 8;
    if (protocol != kUdp || transport->GetSize() < kUdpHeader + IsakmpHeader::kSize)
    {
        return;
    }
    uint8_t ports[4];
    transport->CopyData(ports, 4);
    if (((ports[2] << 8) | ports[3]) != m_ikePort)
    {
        return;
    }
    Ptr<Packet> copy = transport->Copy();
    copy->RemoveAtStart(kUdpHeader);
    IsakmpHeader header;
    copy->PeekHeader(header);
    // An exchange's first message: the responder has not chosen its cookie
    // (IKEv1, RFC 2408 3.1) or SPI (IKEv2 IKE_SA_INIT, RFC 7296 3.1) yet.
    if (header.GetResponderSpi() == 0)
    {
        m_initiators[remote.Get()] = Initiator{inside.Get(), Simulator::Now().GetNanoSeconds()};
    }
}

NatOtherPacket::Verdict
NatIkeLearningPassthrough::GuessReceiver(NatOtherPacket& packet,
                                         Ipv4Address peer,
                                         Ipv4Address& inside)
{
    auto initiator = m_initiators.find(peer.Get());
    if (initiator == m_initiators.end() ||
        Simulator::Now().GetNanoSeconds() - initiator->second.time >
            packet.timeout.GetNanoSeconds())
    {
        packet.reason = NO_INITIATOR_DROP;
        return NatOtherPacket::DROPPED;
    }
    inside = Ipv4Address(initiator->second.insideAddress);
    return NatOtherPacket::TRANSLATED;
}

void
NatIkeLearningPassthrough::Sweep(Time timeout)
{
    NatSpiPassthrough::Sweep(timeout);
    int64_t now = Simulator::Now().GetNanoSeconds();
    for (auto it = m_initiators.begin(); it != m_initiators.end();)
    {
        it = now - it->second.time > timeout.GetNanoSeconds() ? m_initiators.erase(it) : ++it;
    }
}

void
NatIkeLearningPassthrough::Reboot()
{
    NatSpiPassthrough::Reboot();
    m_initiators.clear();
}

// ------------------------------------------------------------------ disabled

TypeId
NatPassthroughDisabled::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatPassthroughDisabled")
                            .SetParent<NatOtherProtocolHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatPassthroughDisabled>();
    return tid;
}

NatOtherPacket::Verdict
NatPassthroughDisabled::Translate(NatOtherPacket& packet)
{
    if (packet.header->GetProtocol() != ESP_PROTOCOL)
    {
        return NatOtherProtocolHandler::Translate(packet);
    }
    packet.reason = PASSTHROUGH_DISABLED_DROP;
    return NatOtherPacket::DROPPED;
}

} // namespace ns3
