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
                            .SetParent<Ipv4RoutingWrapper>()
                            .SetGroupName("Natt")
                            .AddConstructor<RsipDemuxRouting>();
    return tid;
}

RsipDemuxRouting::RsipDemuxRouting() = default;
RsipDemuxRouting::~RsipDemuxRouting() = default;

void
RsipDemuxRouting::DoDispose()
{
    m_gateway = nullptr;
    Ipv4RoutingWrapper::DoDispose();
}

void
RsipDemuxRouting::SetGateway(Ptr<RsipGateway> gateway)
{
    m_gateway = gateway;
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
    return Ipv4RoutingWrapper::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
}

} // namespace ns3
