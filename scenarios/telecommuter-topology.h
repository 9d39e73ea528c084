/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_TELECOMMUTER_TOPOLOGY_H
#define NATT_TELECOMMUTER_TOPOLOGY_H

#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"

#include <cstdint>
#include <vector>

namespace natt
{

/**
 * The network of `natt bench telecommuters` (issue 17), built so that a
 * packet's cost does not grow with the number of hosts:
 *
 *   host -- access router -- aggregation (fan-out 16) ... -- core
 *   core -- aggregation ... -- gateway -- server
 *
 * Every link is point-to-point. Every router knows one route per child
 * (the child's aggregated prefix) and a default route towards the core;
 * the core knows one route per child of its own. No global route
 * computation. Fan-out is bounded everywhere: an access router has
 * hostsPerNat hosts, an aggregation router 16 children, the core at most
 * 16 on each side.
 *
 * Addresses (every block is a power-of-two multiple of its child's, so a
 * parent's prefix is its children's aggregate):
 * - host h of access router a: 10.0.0.0 + 256 a + 4 s + 2 /30 (s: its slot),
 *   the access router .1 on that link: private, never routed at the core;
 * - access router a's uplink: 100.64.0.0 + 4 a /30 (the NAT's outside address);
 * - gateway g's uplink: 198.18.0.0 + 4 g /30; its server: 192.168.g.2/24;
 * - links between routers: 172.16.0.0/12, in /30s no route names.
 */
class TelecommuterTopology
{
  public:
    static constexpr uint32_t kFanOut = 16;
    /// Hosts one gateway serves.
    static constexpr uint32_t kHostsPerGateway = 2500;
    static constexpr uint32_t kMaxHostsPerNat = 64;
    /// 10.0.0.0/8 gives each access router a /24.
    static constexpr uint32_t kMaxAccessRouters = 65536;
    /// Where the hosts' private addresses come from (a /8).
    static const ns3::Ipv4Address kHostNetwork;

    TelecommuterTopology(uint32_t hosts, uint32_t hostsPerNat);

    ns3::NodeContainer hosts;
    ns3::NodeContainer accessRouters;
    ns3::NodeContainer gateways;
    ns3::NodeContainer servers;
    /// All other routers: aggregation and core.
    ns3::NodeContainer routers;

    /// Per access router: its inside devices (one per host) and its outside device.
    std::vector<ns3::NetDeviceContainer> accessInside;
    std::vector<ns3::Ptr<ns3::NetDevice>> accessOutside;

    std::vector<ns3::Ipv4Address> hostAddress;
    std::vector<ns3::Ipv4Address> gatewayAddress;
    std::vector<ns3::Ipv4Address> serverAddress;

    /// The gateway serving host \p h.
    uint32_t GatewayOf(uint32_t h) const;
    /// The server network behind gateway \p g (its /24).
    static ns3::Ipv4Address ServerNetwork(uint32_t g);

  private:
    /// A node that routes towards the leaves below it through one prefix per space.
    struct Subtree
    {
        ns3::Ptr<ns3::Node> top;
        /// The aggregates it answers for: (first address, prefix length).
        std::vector<std::pair<uint32_t, uint32_t>> prefixes;
        /// An access router or gateway: its uplink is its first prefix, a /30.
        bool leaf{false};
    };

    /// Join \p children under routers of fan-out kFanOut, level after level, until at most kFanOut
    /// remain.
    std::vector<Subtree> Aggregate(std::vector<Subtree> children);
    /// A point-to-point link from \p child up to \p parent; the child's default route goes up it.
    void Uplink(const Subtree& child, ns3::Ptr<ns3::Node> parent);

    uint32_t m_infraLinks{0};
};

} // namespace natt

#endif /* NATT_TELECOMMUTER_TOPOLOGY_H */
