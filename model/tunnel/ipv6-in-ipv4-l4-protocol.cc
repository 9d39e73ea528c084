/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv6-in-ipv4-l4-protocol.h"

#include "ipv6-in-ipv4-tunnel-net-device.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ipv6InIpv4L4Protocol");
NS_OBJECT_ENSURE_REGISTERED(Ipv6InIpv4L4Protocol);

TypeId
Ipv6InIpv4L4Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ipv6InIpv4L4Protocol")
            .SetParent<IpL4Protocol>()
            .SetGroupName("Natt")
            .AddConstructor<Ipv6InIpv4L4Protocol>()
            .AddTraceSource("Drop",
                            "Protocol 41 that no tunnel device takes, with the reason",
                            MakeTraceSourceAccessor(&Ipv6InIpv4L4Protocol::m_dropTrace),
                            "ns3::IpsecStack::DropTracedCallback");
    return tid;
}

Ipv6InIpv4L4Protocol::Ipv6InIpv4L4Protocol() = default;
Ipv6InIpv4L4Protocol::~Ipv6InIpv4L4Protocol() = default;

Ptr<Ipv6InIpv4L4Protocol>
Ipv6InIpv4L4Protocol::Install(Ptr<Node> node)
{
    Ptr<Ipv6InIpv4L4Protocol> protocol = node->GetObject<Ipv6InIpv4L4Protocol>();
    if (protocol)
    {
        return protocol;
    }
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_UNLESS(ipv4, "Ipv6InIpv4L4Protocol needs an IPv4 stack on node " << node->GetId());
    protocol = CreateObject<Ipv6InIpv4L4Protocol>();
    // Registered and given its down target before it joins the aggregate,
    // so that an IpsecStack on the node, told of the new aggregate, finds
    // it in Ipv4L3Protocol's table and hooks its down target as UDP's.
    protocol->SetDownTarget(MakeCallback(&Ipv4L3Protocol::Send, ipv4));
    ipv4->Insert(protocol);
    node->AggregateObject(protocol);
    return protocol;
}

void
Ipv6InIpv4L4Protocol::AddTunnel(Ptr<Ipv6InIpv4TunnelNetDevice> device)
{
    m_tunnels.push_back(device);
}

void
Ipv6InIpv4L4Protocol::Send(Ptr<Packet> packet, Ipv4Address source, Ipv4Address destination)
{
    NS_LOG_FUNCTION(this << packet << source << destination);
    m_downTarget(packet, source, destination, PROT_NUMBER, nullptr);
}

uint64_t
Ipv6InIpv4L4Protocol::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

int
Ipv6InIpv4L4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

IpL4Protocol::RxStatus
Ipv6InIpv4L4Protocol::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface>)
{
    Ptr<Ipv6InIpv4TunnelNetDevice> match;
    for (const auto& tunnel : m_tunnels)
    {
        if (tunnel->GetLocal() != header.GetDestination())
        {
            continue;
        }
        if (tunnel->GetRemote() == header.GetSource())
        {
            match = tunnel;
            break;
        }
        if (!match)
        {
            match = tunnel;
        }
    }
    if (!match)
    {
        NS_LOG_LOGIC("protocol 41 for " << header.GetDestination() << ": no tunnel");
        m_drops.Count(NO_TUNNEL_DROP);
        m_dropTrace(p, NO_TUNNEL_DROP);
        return RX_OK;
    }
    match->Decapsulate(p, header);
    return RX_OK;
}

IpL4Protocol::RxStatus
Ipv6InIpv4L4Protocol::Receive(Ptr<Packet>, const Ipv6Header&, Ptr<Ipv6Interface>)
{
    // IPv6 in IPv6 (RFC 2473) is not modelled.
    return RX_ENDPOINT_UNREACH;
}

void
Ipv6InIpv4L4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
Ipv6InIpv4L4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
Ipv6InIpv4L4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
Ipv6InIpv4L4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

void
Ipv6InIpv4L4Protocol::DoDispose()
{
    m_tunnels.clear();
    m_downTarget = IpL4Protocol::DownTargetCallback();
    m_downTarget6 = IpL4Protocol::DownTargetCallback6();
    IpL4Protocol::DoDispose();
}

} // namespace ns3
