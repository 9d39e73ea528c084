/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rsip-demux-routing.h"

#include "rsip-gateway.h"

#include "ns3/ipip-tunnel-net-device.h"
#include "ns3/ipv4-route.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RsipDemuxRouting");
NS_OBJECT_ENSURE_REGISTERED(RsipDemuxRouting);

TypeId
RsipDemuxRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RsipDemuxRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Natt")
                            .AddConstructor<RsipDemuxRouting>();
    return tid;
}

RsipDemuxRouting::RsipDemuxRouting() = default;
RsipDemuxRouting::~RsipDemuxRouting() = default;

void
RsipDemuxRouting::DoDispose()
{
    m_wrapped = nullptr;
    m_gateway = nullptr;
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
RsipDemuxRouting::SetWrappedProtocol(Ptr<Ipv4RoutingProtocol> wrapped)
{
    m_wrapped = wrapped;
}

void
RsipDemuxRouting::SetGateway(Ptr<RsipGateway> gateway)
{
    m_gateway = gateway;
}

Ptr<Ipv4Route>
RsipDemuxRouting::RouteOutput(Ptr<Packet> p,
                              const Ipv4Header& header,
                              Ptr<NetDevice> oif,
                              Socket::SocketErrno& sockerr)
{
    return m_wrapped->RouteOutput(p, header, oif, sockerr);
}

bool
RsipDemuxRouting::RouteInput(Ptr<const Packet> p,
                             const Ipv4Header& header,
                             Ptr<const NetDevice> idev,
                             RouteInputCallback<UnicastForwardCallback> ucb,
                             RouteInputCallback<MulticastForwardCallback> mcb,
                             RouteInputCallback<LocalDeliverCallback> lcb,
                             RouteInputCallback<ErrorCallback> ecb)
{
    if (m_gateway && header.GetDestination() == m_gateway->GetExternalAddress() &&
        !DynamicCast<const IpIpTunnelNetDevice>(idev))
    {
        if (Ptr<IpIpTunnelNetDevice> tunnel = m_gateway->Demultiplex(p, header))
        {
            // Forwarded by IP as it is (TTL aside), into the host's tunnel,
            // which adds the outer header (RFC 3102 4.1).
            Ptr<Ipv4Route> route = Create<Ipv4Route>();
            route->SetDestination(header.GetDestination());
            route->SetGateway(Ipv4Address::GetAny());
            route->SetSource(m_gateway->GetInternalAddress());
            route->SetOutputDevice(tunnel);
            ucb(route, p, header);
            return true;
        }
        uint8_t protocol = header.GetProtocol();
        if (protocol == 6 || protocol == 17 || protocol == 50 || protocol == 51)
        {
            return true; // counted as no-binding: the gateway itself serves no such port
        }
    }
    return m_wrapped->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
}

void
RsipDemuxRouting::NotifyInterfaceUp(uint32_t interface)
{
    m_wrapped->NotifyInterfaceUp(interface);
}

void
RsipDemuxRouting::NotifyInterfaceDown(uint32_t interface)
{
    m_wrapped->NotifyInterfaceDown(interface);
}

void
RsipDemuxRouting::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_wrapped->NotifyAddAddress(interface, address);
}

void
RsipDemuxRouting::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_wrapped->NotifyRemoveAddress(interface, address);
}

void
RsipDemuxRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    // The wrapped protocol already has the node's Ipv4 (see NatRoutingProtocol::SetIpv4).
    m_ipv4 = ipv4;
}

void
RsipDemuxRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    m_wrapped->PrintRoutingTable(stream, unit);
}

} // namespace ns3
