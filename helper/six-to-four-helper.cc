/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "six-to-four-helper.h"

#include "ipv6-in-ipv4-tunnel-helper.h"

#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/six-to-four-net-device.h"

namespace ns3
{

Ipv6Address
Ipv6AddressInPrefix(Ipv6Address network, uint32_t id)
{
    uint8_t bytes[16];
    network.GetBytes(bytes);
    for (int k = 0; k < 4; ++k)
    {
        bytes[15 - k] = static_cast<uint8_t>(id >> (8 * k));
    }
    return Ipv6Address(bytes);
}

SixToFourHelper::SixToFourHelper()
{
    m_factory.SetTypeId(SixToFourNetDevice::GetTypeId());
}

void
SixToFourHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ipv6Address
SixToFourHelper::GetLanPrefix(Ipv4Address outside)
{
    uint8_t bytes[16];
    SixToFourNetDevice::GetPrefix(outside).GetBytes(bytes);
    bytes[7] = 1; // RFC 3056 2: SLA ID 1 of the site's /48
    return Ipv6Address(bytes);
}

Ptr<SixToFourNetDevice>
SixToFourHelper::Install(Ptr<Node> router, Ipv4Address outside, Ptr<NetDevice> lan) const
{
    Ptr<SixToFourNetDevice> device = m_factory.Create<SixToFourNetDevice>();
    device->SetLocal(outside);
    router->AddDevice(device);
    Ptr<Ipv6> ipv6 = router->GetObject<Ipv6>();
    uint32_t pseudo = Ipv6InIpv4TunnelHelper::AddIpv6Interface(device);
    // The /16 puts all of 2002::/16 on the pseudo-interface (RFC 3056 5).
    ipv6->AddAddress(
        pseudo,
        Ipv6InterfaceAddress(Ipv6AddressInPrefix(SixToFourNetDevice::GetPrefix(outside), 1),
                             Ipv6Prefix(16)));
    Ipv6StaticRoutingHelper routing;
    routing.GetStaticRouting(ipv6)->AddNetworkRouteTo(Ipv6Address::GetAny(),
                                                      Ipv6Prefix::GetZero(),
                                                      pseudo);
    int32_t existing = ipv6->GetInterfaceForDevice(lan);
    uint32_t inside = existing >= 0 ? static_cast<uint32_t>(existing) : ipv6->AddInterface(lan);
    ipv6->AddAddress(
        inside,
        Ipv6InterfaceAddress(Ipv6AddressInPrefix(GetLanPrefix(outside), 1), Ipv6Prefix(64)));
    ipv6->SetForwarding(inside, true);
    ipv6->SetUp(inside);
    return device;
}

Ipv6Address
SixToFourHelper::AddHost(Ptr<Node> host, Ptr<NetDevice> device, Ipv4Address outside, uint32_t id)
{
    Ptr<Ipv6> ipv6 = host->GetObject<Ipv6>();
    int32_t existing = ipv6->GetInterfaceForDevice(device);
    uint32_t interface =
        existing >= 0 ? static_cast<uint32_t>(existing) : ipv6->AddInterface(device);
    Ipv6Address address = Ipv6AddressInPrefix(GetLanPrefix(outside), id);
    ipv6->AddAddress(interface, Ipv6InterfaceAddress(address, Ipv6Prefix(64)));
    ipv6->SetUp(interface);
    Ipv6StaticRoutingHelper routing;
    routing.GetStaticRouting(ipv6)->SetDefaultRoute(Ipv6AddressInPrefix(GetLanPrefix(outside), 1),
                                                    interface);
    return address;
}

} // namespace ns3
