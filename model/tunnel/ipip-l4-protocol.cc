/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipip-l4-protocol.h"

#include "ipip-tunnel-net-device.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpIpL4Protocol");
NS_OBJECT_ENSURE_REGISTERED(IpIpL4Protocol);

TypeId
IpIpL4Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpIpL4Protocol")
            .SetParent<IpL4Protocol>()
            .SetGroupName("Natt")
            .AddConstructor<IpIpL4Protocol>()
            .AddTraceSource("Drop",
                            "An outer packet the receiver dropped, and why (a *_DROP name)",
                            MakeTraceSourceAccessor(&IpIpL4Protocol::m_dropTrace),
                            "ns3::NatEngine::DropTracedCallback");
    return tid;
}

IpIpL4Protocol::IpIpL4Protocol() = default;
IpIpL4Protocol::~IpIpL4Protocol() = default;

void
IpIpL4Protocol::DoDispose()
{
    m_tunnels.clear();
    m_downTarget = IpL4Protocol::DownTargetCallback();
    m_downTarget6 = IpL4Protocol::DownTargetCallback6();
    IpL4Protocol::DoDispose();
}

Ptr<IpIpL4Protocol>
IpIpL4Protocol::Install(Ptr<Node> node)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_UNLESS(ipv4, "IpIpL4Protocol needs a node with IPv4");
    Ptr<IpIpL4Protocol> protocol =
        DynamicCast<IpIpL4Protocol>(ipv4->GetProtocol(IpIpTunnelNetDevice::PROT_NUMBER));
    if (!protocol)
    {
        protocol = CreateObject<IpIpL4Protocol>();
        node->AggregateObject(protocol);
        ipv4->Insert(protocol);
        // As UdpL4Protocol does when aggregated: outer packets go straight
        // to IP, so they never meet an IPsec stack's interposed down target.
        protocol->SetDownTarget(MakeCallback(&Ipv4L3Protocol::Send, ipv4));
    }
    return protocol;
}

void
IpIpL4Protocol::AddTunnel(Ptr<IpIpTunnelNetDevice> device)
{
    m_tunnels[{device->GetLocal(), device->GetRemote()}] = device;
    device->SetL4Protocol(this);
}

int
IpIpL4Protocol::GetProtocolNumber() const
{
    return IpIpTunnelNetDevice::PROT_NUMBER;
}

IpL4Protocol::RxStatus
IpIpL4Protocol::Receive(Ptr<Packet> p,
                        const Ipv4Header& header,
                        Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header);
    auto it = m_tunnels.find({header.GetDestination(), header.GetSource()});
    if (it == m_tunnels.end())
    {
        // Not RX_ENDPOINT_UNREACH: IP would answer with an ICMP port
        // unreachable, which is wrong for a protocol without ports.
        Drop(p, NO_TUNNEL_DROP);
        return RX_OK;
    }
    uint8_t first = 0;
    if (p->GetSize() < 20 || p->CopyData(&first, 1) != 1 || (first >> 4) != 4 ||
        (first & 0x0f) * 4u > p->GetSize())
    {
        Drop(p, MALFORMED_INNER_DROP);
        return RX_OK;
    }
    it->second->Decapsulate(p, header);
    return RX_OK;
}

IpL4Protocol::RxStatus
IpIpL4Protocol::Receive(Ptr<Packet> p,
                        const Ipv6Header& header,
                        Ptr<Ipv6Interface> incomingInterface)
{
    // IPv4 in IPv6 is RFC 2473's, not modelled.
    return RX_ENDPOINT_UNREACH;
}

void
IpIpL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
IpIpL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
IpIpL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
IpIpL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

void
IpIpL4Protocol::Drop(Ptr<const Packet> packet, const char* reason)
{
    NS_LOG_LOGIC("drop " << reason);
    m_drops.Count(reason);
    m_dropTrace(packet, reason);
}

uint64_t
IpIpL4Protocol::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

} // namespace ns3
