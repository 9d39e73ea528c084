/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPV6_IN_IPV4_TUNNEL_HELPER_H
#define NATT_IPV6_IN_IPV4_TUNNEL_HELPER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

namespace ns3
{

/**
 * \ingroup natt
 * \brief Makes configured IPv6-in-IPv4 tunnels (RFC 4213 3) between
 * dual-stack nodes: an Ipv6InIpv4TunnelNetDevice on each endpoint, IPv6
 * up on it with its link-local address and forwarding on, so routes
 * (static, or RIPng's) can point into it. The nodes need IPv4 and IPv6
 * (InternetStackHelper installs both). The devices' protocol 41 goes
 * through the node's IpsecStack, if it has one: an SPD entry for
 * protocol 41 between the endpoints protects the tunnel (RFC 4891 5.1).
 */
class Ipv6InIpv4TunnelHelper
{
  public:
    Ipv6InIpv4TunnelHelper();

    /// An attribute of the devices made from now on (Mtu, CheckOuterSource, IngressFilter).
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * A tunnel between \p a at IPv4 \p aAddress and \p b at \p bAddress.
     * \return the devices, \p a's first
     */
    NetDeviceContainer Install(Ptr<Node> a,
                               Ipv4Address aAddress,
                               Ptr<Node> b,
                               Ipv4Address bAddress) const;

    /// \p device's IPv6 interface index on its node.
    static uint32_t GetInterface(Ptr<NetDevice> device);

    /// Route \p network / \p prefix on \p device's node into the tunnel \p device.
    static void AddRoute(Ptr<NetDevice> device, Ipv6Address network, Ipv6Prefix prefix);

    /// Put \p device (a tunnel, or a 6to4 pseudo-interface) under IPv6 on its node.
    static uint32_t AddIpv6Interface(Ptr<NetDevice> device);

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif /* NATT_IPV6_IN_IPV4_TUNNEL_HELPER_H */
