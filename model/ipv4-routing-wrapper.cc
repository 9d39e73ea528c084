/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv4-routing-wrapper.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ipv4RoutingWrapper");
NS_OBJECT_ENSURE_REGISTERED(Ipv4RoutingWrapper);

TypeId
Ipv4RoutingWrapper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ipv4RoutingWrapper").SetParent<Ipv4RoutingProtocol>().SetGroupName("Natt");
    return tid;
}

Ipv4RoutingWrapper::~Ipv4RoutingWrapper() = default;

void
Ipv4RoutingWrapper::DoDispose()
{
    m_wrapped = nullptr;
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
Ipv4RoutingWrapper::SetWrappedProtocol(Ptr<Ipv4RoutingProtocol> wrapped)
{
    m_wrapped = wrapped;
}

Ptr<Ipv4RoutingProtocol>
Ipv4RoutingWrapper::GetWrappedProtocol() const
{
    return m_wrapped;
}

void
Ipv4RoutingWrapper::Install(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    SetWrappedProtocol(ipv4->GetRoutingProtocol());
    ipv4->SetRoutingProtocol(this);
}

Ptr<Ipv4Route>
Ipv4RoutingWrapper::RouteOutput(Ptr<Packet> p,
                                const Ipv4Header& header,
                                Ptr<NetDevice> oif,
                                Socket::SocketErrno& sockerr)
{
    return m_wrapped->RouteOutput(p, header, oif, sockerr);
}

bool
Ipv4RoutingWrapper::RouteInput(Ptr<const Packet> p,
                               const Ipv4Header& header,
                               Ptr<const NetDevice> idev,
                               RouteInputCallback<UnicastForwardCallback> ucb,
                               RouteInputCallback<MulticastForwardCallback> mcb,
                               RouteInputCallback<LocalDeliverCallback> lcb,
                               RouteInputCallback<ErrorCallback> ecb)
{
    return m_wrapped->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
}

void
Ipv4RoutingWrapper::NotifyInterfaceUp(uint32_t interface)
{
    m_wrapped->NotifyInterfaceUp(interface);
}

void
Ipv4RoutingWrapper::NotifyInterfaceDown(uint32_t interface)
{
    m_wrapped->NotifyInterfaceDown(interface);
}

void
Ipv4RoutingWrapper::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_wrapped->NotifyAddAddress(interface, address);
}

void
Ipv4RoutingWrapper::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_wrapped->NotifyRemoveAddress(interface, address);
}

void
Ipv4RoutingWrapper::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
Ipv4RoutingWrapper::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    m_wrapped->PrintRoutingTable(stream, unit);
}

} // namespace ns3
