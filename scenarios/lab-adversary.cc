/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lab-adversary.h"

#include "ns3/esp-header.h"
#include "ns3/hostile-tag.h"
#include "ns3/ike-ports.h"
#include "ns3/internet-module.h"
#include "ns3/security-policy-database.h"
#include "ns3/simulator.h"

using namespace ns3;

namespace natt
{

Adversary::Adversary(Ptr<Node> node, int64_t stream)
    : m_node(node),
      m_source(CreateObject<HostilePacketSource>()),
      m_random(CreateObject<UniformRandomVariable>()),
      m_stream(stream)
{
    m_random->SetStream(stream);
    node->AddApplication(m_source);
}

Ptr<Node>
Adversary::GetNode() const
{
    return m_node;
}

Ipv4Address
Adversary::GetAddress() const
{
    return m_node->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
}

Ptr<HostilePacketSource>
Adversary::GetSource() const
{
    return m_source;
}

uint32_t
Adversary::GetSent() const
{
    return m_source->GetSent();
}

std::size_t
Adversary::GetCaptured() const
{
    return m_captured->packets.size();
}

uint32_t
Adversary::GetReplayed() const
{
    return m_replayed;
}

void
Adversary::Tap(Ptr<Node> node)
{
    node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](Captured* captured, Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t) {
                HostileTag own;
                if (packet->PeekPacketTag(own))
                {
                    return; // the attacker's own packets are not the honest SA's
                }
                Ptr<Packet> copy = packet->Copy();
                Ipv4Header ip;
                copy->RemoveHeader(ip);
                if (ip.GetFragmentOffset() != 0 || !ip.IsLastFragment())
                {
                    return;
                }
                if (ip.GetProtocol() == UdpL4Protocol::PROT_NUMBER)
                {
                    UdpHeader udp;
                    copy->RemoveHeader(udp);
                    uint8_t marker[4] = {0, 0, 0, 0};
                    if (udp.GetDestinationPort() != IKE_NAT_T_UDP_PORT ||
                        copy->GetSize() < EspHeader().GetSerializedSize())
                    {
                        return;
                    }
                    copy->CopyData(marker, sizeof(marker));
                    if ((marker[0] | marker[1] | marker[2] | marker[3]) == 0)
                    {
                        return; // IKE behind the non-ESP marker (RFC 3948 2.2)
                    }
                }
                else if (ip.GetProtocol() != IPSEC_PROTOCOL_ESP)
                {
                    return;
                }
                EspHeader esp;
                copy->PeekHeader(esp);
                captured->packets.push_back(packet->Copy());
                captured->lastSource = ip.GetSource();
                captured->lastSpi = esp.GetSpi();
                captured->lastSequence = esp.GetSequenceNumber();
            },
            m_captured.get()));
}

void
Adversary::Inject(Time at,
                  HostileKind kind,
                  HostileCarrier carrier,
                  Ipv4Address target,
                  Ipv4Address source)
{
    Simulator::Schedule(at - Simulator::Now(),
                        &Adversary::SendNow,
                        this,
                        kind,
                        carrier,
                        target,
                        source);
}

void
Adversary::SendNow(HostileKind kind, HostileCarrier carrier, Ipv4Address target, Ipv4Address source)
{
    bool esp = carrier == HostileCarrier::ESP || carrier == HostileCarrier::ESP_IN_UDP;
    if (source == Ipv4Address())
    {
        source = kind == HostileKind::SPOOFED && esp ? m_captured->lastSource : GetAddress();
    }
    Ptr<Packet> payload =
        esp ? HostilePackets::Esp(kind,
                                  m_captured->lastSpi,
                                  // Ahead of the honest sender, inside any window.
                                  m_captured->lastSequence + 1,
                                  m_random)
            : HostilePackets::Ike(kind, m_random);
    m_source->Send(payload, source, target, carrier);
}

void
Adversary::Replay(Time at)
{
    Simulator::Schedule(at - Simulator::Now(), &Adversary::ReplayNow, this);
}

void
Adversary::ReplayNow()
{
    for (const auto& packet : m_captured->packets)
    {
        m_source->SendIp(packet);
        ++m_replayed;
    }
}

Ptr<IkeInitFlood>
Adversary::Flood(Ipv4Address target,
                 const IkeProposal& proposal,
                 double rate,
                 Time start,
                 Time stop)
{
    Ptr<IkeInitFlood> flood = CreateObject<IkeInitFlood>();
    flood->SetAttribute("Remote", Ipv4AddressValue(target));
    flood->SetAttribute("Rate", DoubleValue(rate));
    flood->SetProposal(proposal);
    flood->SetSource(m_source);
    flood->AssignStreams(m_stream + 1);
    flood->SetStartTime(start);
    flood->SetStopTime(stop);
    m_node->AddApplication(flood);
    return flood;
}

} // namespace natt
