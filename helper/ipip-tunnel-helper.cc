/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipip-tunnel-helper.h"

#include "ns3/ipip-l4-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/uinteger.h"

namespace ns3
{

IpIpTunnelHelper::IpIpTunnelHelper()
{
    m_factory.SetTypeId(IpIpTunnelNetDevice::GetTypeId());
    // 20 bytes less room than the 1500-byte links under it (RFC 2003 5.1).
    m_factory.Set("Mtu", UintegerValue(1500 - IpIpTunnelNetDevice::OVERHEAD));
}

void
IpIpTunnelHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

uint32_t
IpIpTunnelHelper::Install(Ptr<Node> node,
                          Ipv4Address local,
                          Ipv4Address remote,
                          Ipv4InterfaceAddress address) const
{
    Ptr<IpIpTunnelNetDevice> device = m_factory.Create<IpIpTunnelNetDevice>();
    device->SetEndpoints(local, remote);
    node->AddDevice(device);
    IpIpL4Protocol::Install(node)->AddTunnel(device);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    uint32_t interface = ipv4->AddInterface(device);
    // An interface without an address cannot forward in ns-3 (IP reads its
    // first address); an unnumbered tunnel borrows its local end point, as
    // /32, so it adds no route.
    if (address.GetLocal() == Ipv4Address())
    {
        address = Ipv4InterfaceAddress(local, Ipv4Mask::GetOnes());
    }
    ipv4->AddAddress(interface, address);
    ipv4->SetForwarding(interface, true);
    ipv4->SetUp(interface);
    return interface;
}

Ptr<IpIpTunnelNetDevice>
IpIpTunnelHelper::GetDevice(Ptr<Node> node, uint32_t interface)
{
    return DynamicCast<IpIpTunnelNetDevice>(node->GetObject<Ipv4>()->GetNetDevice(interface));
}

} // namespace ns3
