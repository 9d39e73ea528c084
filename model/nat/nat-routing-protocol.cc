/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-routing-protocol.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatRoutingProtocol");

NS_OBJECT_ENSURE_REGISTERED(NatRoutingProtocol);

TypeId
NatRoutingProtocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatRoutingProtocol")
                            .SetParent<Ipv4RoutingWrapper>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatRoutingProtocol>();
    return tid;
}

NatRoutingProtocol::NatRoutingProtocol() = default;

NatRoutingProtocol::~NatRoutingProtocol() = default;

void
NatRoutingProtocol::DoDispose()
{
    if (m_wrapped)
    {
        m_wrapped->Dispose();
    }
    m_engine = nullptr; // aggregated to the node, which disposes it
    Ipv4RoutingWrapper::DoDispose();
}

void
NatRoutingProtocol::SetEngine(Ptr<NatEngine> engine)
{
    m_engine = engine;
    UpdateOutsideAddress();
}

Ptr<NatEngine>
NatRoutingProtocol::GetEngine() const
{
    return m_engine;
}

void
NatRoutingProtocol::AddInsideInterface(uint32_t interface)
{
    m_inside.insert(interface);
    m_cacheValid = false;
}

void
NatRoutingProtocol::SetOutsideInterface(uint32_t interface)
{
    m_outside = interface;
    m_outsideSet = true;
    UpdateOutsideAddress();
}

uint32_t
NatRoutingProtocol::GetOutsideInterface() const
{
    return m_outside;
}

void
NatRoutingProtocol::UpdateOutsideAddress()
{
    if (m_engine && m_ipv4 && m_outsideSet && m_outside < m_ipv4->GetNInterfaces() &&
        m_ipv4->GetNAddresses(m_outside) > 0)
    {
        m_engine->SetOutsideAddress(m_ipv4->GetAddress(m_outside, 0).GetLocal());
    }
}

void
NatRoutingProtocol::RefreshCache()
{
    if (m_cacheValid || !m_ipv4)
    {
        return;
    }
    m_insideNetworks.clear();
    m_localAddresses.clear();
    for (uint32_t interface = 0; interface < m_ipv4->GetNInterfaces(); ++interface)
    {
        for (uint32_t k = 0; k < m_ipv4->GetNAddresses(interface); ++k)
        {
            Ipv4InterfaceAddress address = m_ipv4->GetAddress(interface, k);
            m_localAddresses.insert(address.GetLocal().Get());
            if (m_inside.count(interface))
            {
                uint32_t mask = address.GetMask().Get();
                m_insideNetworks[mask].insert(address.GetLocal().Get() & mask);
            }
        }
    }
    m_cacheValid = true;
}

bool
NatRoutingProtocol::StaysInside(Ipv4Address destination)
{
    RefreshCache();
    for (const auto& networks : m_insideNetworks)
    {
        if (networks.second.count(destination.Get() & networks.first))
        {
            return true;
        }
    }
    return false;
}

bool
NatRoutingProtocol::IsLocal(Ipv4Address destination)
{
    RefreshCache();
    return m_localAddresses.count(destination.Get()) > 0;
}

bool
NatRoutingProtocol::RouteInput(Ptr<const Packet> p,
                               const Ipv4Header& header,
                               Ptr<const NetDevice> idev,
                               RouteInputCallback<UnicastForwardCallback> ucb,
                               RouteInputCallback<MulticastForwardCallback> mcb,
                               RouteInputCallback<LocalDeliverCallback> lcb,
                               RouteInputCallback<ErrorCallback> ecb)
{
    NS_LOG_FUNCTION(this << p << header << idev);
    Ipv4Address destination = header.GetDestination();
    int32_t interface = m_ipv4->GetInterfaceForDevice(idev);
    if (!m_engine || interface < 0 || m_ipv4->GetNAddresses(interface) == 0 ||
        destination.IsMulticast() || destination.IsBroadcast() ||
        destination.IsSubnetDirectedBroadcast(m_ipv4->GetAddress(interface, 0).GetMask()))
    {
        return m_wrapped->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    // Translated packets go on through the wrapped protocol with the same
    // callbacks, so ns-3 forwards them (TTL, fragmentation, checksums).
    auto forward = [this, idev, ucb, mcb, lcb, ecb](Ptr<Packet> packet, const Ipv4Header& h) {
        if (!m_wrapped->RouteInput(packet, h, idev, ucb, mcb, lcb, ecb))
        {
            ecb(packet, h, Socket::ERROR_NOROUTETOHOST);
        }
    };
    auto uinterface = static_cast<uint32_t>(interface);
    // Outbound: from an inside interface to somewhere not inside and not the
    // node itself; the outside address is included, for hairpinning.
    bool forNode = destination != m_engine->GetOutsideAddress() && IsLocal(destination);
    if (m_inside.count(uinterface) && !StaysInside(destination) && !forNode)
    {
        m_engine->ProcessOutbound(p->Copy(), header, forward);
        return true;
    }
    if (m_outsideSet && uinterface == m_outside && destination != m_engine->GetOutsideAddress() &&
        StaysInside(destination) && m_engine->ProcessInboundToInside(p, header))
    {
        return true;
    }
    if (m_outsideSet && uinterface == m_outside && destination == m_engine->GetOutsideAddress())
    {
        if (m_engine->ProcessInbound(p->Copy(), header, forward) == NatEngine::HANDLED)
        {
            return true;
        }
    }
    return m_wrapped->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
}

void
NatRoutingProtocol::NotifyInterfaceUp(uint32_t interface)
{
    m_cacheValid = false;
    Ipv4RoutingWrapper::NotifyInterfaceUp(interface);
}

void
NatRoutingProtocol::NotifyInterfaceDown(uint32_t interface)
{
    m_cacheValid = false;
    Ipv4RoutingWrapper::NotifyInterfaceDown(interface);
}

void
NatRoutingProtocol::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_cacheValid = false;
    Ipv4RoutingWrapper::NotifyAddAddress(interface, address);
    UpdateOutsideAddress();
}

void
NatRoutingProtocol::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_cacheValid = false;
    Ipv4RoutingWrapper::NotifyRemoveAddress(interface, address);
    UpdateOutsideAddress();
}

void
NatRoutingProtocol::SetIpv4(Ptr<Ipv4> ipv4)
{
    Ipv4RoutingWrapper::SetIpv4(ipv4);
    m_cacheValid = false;
    UpdateOutsideAddress();
}

void
NatRoutingProtocol::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << "NAT: inside interfaces";
    for (uint32_t interface : m_inside)
    {
        *stream->GetStream() << " " << interface;
    }
    *stream->GetStream() << ", outside interface " << m_outside << "\n";
    Ipv4RoutingWrapper::PrintRoutingTable(stream, unit);
}

} // namespace ns3
