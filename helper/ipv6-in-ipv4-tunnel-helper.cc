/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv6-in-ipv4-tunnel-helper.h"

#include "ns3/ipv6-in-ipv4-tunnel-net-device.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"

namespace ns3
{

Ipv6InIpv4TunnelHelper::Ipv6InIpv4TunnelHelper()
{
    m_factory.SetTypeId(Ipv6InIpv4TunnelNetDevice::GetTypeId());
}

void
Ipv6InIpv4TunnelHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

NetDeviceContainer
Ipv6InIpv4TunnelHelper::Install(Ptr<Node> a,
                                Ipv4Address aAddress,
                                Ptr<Node> b,
                                Ipv4Address bAddress) const
{
    NetDeviceContainer devices;
    for (const auto& [node, local, remote] :
         {std::make_tuple(a, aAddress, bAddress), std::make_tuple(b, bAddress, aAddress)})
    {
        Ptr<Ipv6InIpv4TunnelNetDevice> device = m_factory.Create<Ipv6InIpv4TunnelNetDevice>();
        device->SetLocal(local);
        device->SetRemote(remote);
        node->AddDevice(device);
        AddIpv6Interface(device);
        devices.Add(device);
    }
    return devices;
}

uint32_t
Ipv6InIpv4TunnelHelper::AddIpv6Interface(Ptr<NetDevice> device)
{
    Ptr<Ipv6> ipv6 = device->GetNode()->GetObject<Ipv6>();
    NS_ABORT_MSG_UNLESS(ipv6, "a 6in4 tunnel endpoint needs IPv6");
    uint32_t interface = ipv6->AddInterface(device);
    ipv6->SetForwarding(interface, true);
    ipv6->SetUp(interface);
    return interface;
}

uint32_t
Ipv6InIpv4TunnelHelper::GetInterface(Ptr<NetDevice> device)
{
    int32_t interface = device->GetNode()->GetObject<Ipv6>()->GetInterfaceForDevice(device);
    NS_ABORT_MSG_IF(interface < 0, "device has no IPv6 interface");
    return static_cast<uint32_t>(interface);
}

void
Ipv6InIpv4TunnelHelper::AddRoute(Ptr<NetDevice> device, Ipv6Address network, Ipv6Prefix prefix)
{
    Ptr<Ipv6> ipv6 = device->GetNode()->GetObject<Ipv6>();
    Ipv6StaticRoutingHelper helper;
    // A point-to-point link: no next hop to resolve, the device has one peer.
    helper.GetStaticRouting(ipv6)->AddNetworkRouteTo(network, prefix, GetInterface(device));
}

} // namespace ns3
