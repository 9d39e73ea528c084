/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPIP_TUNNEL_HELPER_H
#define NATT_IPIP_TUNNEL_HELPER_H

#include "ns3/ipip-tunnel-net-device.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/object-factory.h"

namespace ns3
{

class Node;

/**
 * \ingroup natt
 * \brief Adds one end of an IPv4-in-IPv4 tunnel (RFC 2003) to a node.
 *
 *     IpIpTunnelHelper tunnels;
 *     // host 10.0.0.2 <-> router 10.0.0.1; the host sends as 203.0.113.1
 *     uint32_t hostIf = tunnels.Install(host, "10.0.0.2", "10.0.0.1",
 *                                       Ipv4InterfaceAddress("203.0.113.1", "255.255.255.255"));
 *     uint32_t routerIf = tunnels.Install(router, "10.0.0.1", "10.0.0.2");
 *     // then route through the interfaces (Ipv4StaticRouting::AddHostRouteTo ...)
 *
 * Each call adds an IpIpTunnelNetDevice, an IPv4 interface for it (up,
 * forwarding on) and the node's protocol-4 receiver if it has none yet.
 */
class IpIpTunnelHelper
{
  public:
    IpIpTunnelHelper();

    /// Sets an attribute of the devices made from now on (e.g. "Ttl").
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * One tunnel end on \p node from \p local to \p remote (the outer
     * addresses; \p local is one of the node's addresses). \p address, if
     * given, is the tunnel interface's own: the source of the packets the
     * node sends through it; without it the interface borrows \p local (/32).
     * \return the tunnel's IPv4 interface index on \p node
     */
    uint32_t Install(Ptr<Node> node,
                     Ipv4Address local,
                     Ipv4Address remote,
                     Ipv4InterfaceAddress address = Ipv4InterfaceAddress()) const;

    /// The device of the tunnel interface \p interface of \p node.
    static Ptr<IpIpTunnelNetDevice> GetDevice(Ptr<Node> node, uint32_t interface);

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif /* NATT_IPIP_TUNNEL_HELPER_H */
