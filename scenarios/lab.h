/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_LAB_H
#define NATT_LAB_H

#include "lab-adversary.h"
#include "lab-probe.h"
#include "scenario.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/nat-helper.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
class BridgeNetDevice;
class CsmaChannel;
} // namespace ns3

namespace natt
{

/**
 * Counters of one UDP echo conversation (ns-3's UdpEchoClient and
 * UdpEchoServer, unmodified): what the client sent, what reached the
 * server and from where, what came back.
 */
struct EchoFlow
{
    uint32_t requestsSent{0};
    uint32_t requestsReceived{0};
    uint32_t repliesReceived{0};
    /// Server-side arrivals by the source address the server saw.
    std::map<ns3::Ipv4Address, uint32_t> receivedFrom;
};

/// Bytes a TCP BulkSend delivered to its PacketSink.
struct TcpFlow
{
    uint64_t bytesToSend{0};
    uint64_t bytesReceived{0};
};

/**
 * The small internets of the catalogue (DESIGN section 5), built the same
 * way for every entry so that entries differ only in what RFC 3715 says
 * differs.
 *
 * A core router stands for the public Internet. Public nodes (servers,
 * VPN gateways) hang off it on point-to-point links from 198.18.0.0/15
 * (RFC 2544's benchmarking range: public, routable, never real). Routers
 * (NATs or IPsec gateways) have an uplink, either to the core or onto the
 * LAN of another router (nested NATs, a gateway in a NAT's DMZ), and an
 * inside CSMA LAN with the prefix the caller gives, so private prefixes may
 * repeat behind different routers as they do in real homes (RFC 3715 2.1 e).
 *
 * Routing is static and hierarchical: hosts default to their router,
 * routers to their upstream, and the core knows only the public links, so
 * a private address is unroutable on the "Internet" exactly as in reality
 * and nothing reaches inside a NAT except through its translation.
 *
 * Checksums are on (DESIGN section 6). Every IPsec-capable node (hosts,
 * public nodes, routers that are not NATs) gets an IpsecStack in Build();
 * its SPD is empty, so traffic passes in clear until an entry adds SAs or
 * installs IKE. Run() connects the lab's probe (GetProbe) to the models'
 * traces; entries read its counters to decide their outcome and fill the
 * standard metrics.
 */
class Lab
{
  public:
    /// \p id and \p context name the pcaps and key files (`--pcap DIR`).
    Lab(const std::string& id, const RunContext& context);
    ~Lab();
    Lab(const Lab&) = delete;
    Lab& operator=(const Lab&) = delete;

    /// The run this lab belongs to (its variant, parameters and the user's --set attributes).
    const RunContext& GetContext() const;

    /// The core router standing for the public Internet.
    ns3::Ptr<ns3::Node> GetInternet() const;

    /// A host or gateway with a public address, linked to the core.
    ns3::Ptr<ns3::Node> AddPublicNode(const std::string& name);
    /**
     * An attacker with a public address, linked to the core (RFC 3715 3):
     * the object an entry schedules its attacks with. The lab keeps it
     * for the run.
     */
    std::shared_ptr<Adversary> AddAdversary(const std::string& name);
    /**
     * A NAT: a router whose uplink goes to \p upstream (the core when
     * null, else onto \p upstream's LAN) and whose inside LAN is
     * \p network ("10.0.0.0/24"; the NAT takes the first address).
     * \p nat carries the preset and attributes; it is installed in Build.
     */
    ns3::Ptr<ns3::Node> AddNat(const std::string& name,
                               const ns3::NatHelper& nat,
                               const std::string& network,
                               ns3::Ptr<ns3::Node> upstream = nullptr);
    /// A NAT from a preset name (see `natt nats`).
    ns3::Ptr<ns3::Node> AddNat(const std::string& name,
                               const std::string& preset,
                               const std::string& network,
                               ns3::Ptr<ns3::Node> upstream = nullptr);
    /// A router without NAT (an IPsec security gateway in front of a subnet).
    ns3::Ptr<ns3::Node> AddRouter(const std::string& name,
                                  const std::string& network,
                                  ns3::Ptr<ns3::Node> upstream = nullptr);
    /**
     * \return \p network ("10.0.0.0/24") with its prefix shortened until the
     * LAN holds \p hosts hosts beside the router (.1): a /24 up to 253
     * hosts, a /22 up to 1021. For entries whose host count is a parameter.
     */
    static std::string SizePrefix(const std::string& network, uint32_t hosts);
    /// A host on \p router's LAN, at \p address or the next free one.
    ns3::Ptr<ns3::Node> AddHost(const std::string& name,
                                ns3::Ptr<ns3::Node> router,
                                const std::string& address = "");

    /**
     * Dual stack: \p router's LAN carries IPv6 \p network too
     * ("fd00:1:0:1::/64"). The router takes ::1 and forwards IPv6; every
     * host on the LAN, now or added later, takes the next ::N and a
     * default route to the router. The uplinks stay IPv4 only: IPv6
     * crosses them in tunnels (RFC 4213, RFC 3056).
     */
    void AddIpv6Lan(ns3::Ptr<ns3::Node> router, const std::string& network);
    /// The node's IPv6 address on its (or, for a router, its inside) LAN.
    ns3::Ipv6Address GetIpv6Address(ns3::Ptr<ns3::Node> node) const;
    /// \p node's device on its LAN (a router's: its inside LAN).
    ns3::Ptr<ns3::NetDevice> GetLanDevice(ns3::Ptr<ns3::Node> node) const;

    /// A static route on \p node (for what the hierarchy does not cover).
    void AddRoute(ns3::Ptr<ns3::Node> node, const std::string& network, ns3::Ipv4Address nextHop);

    /// Install the NATs and the IPsec stacks; call once, after the topology.
    void Build();

    /// The node's own address: a host's LAN address, a router's uplink address.
    ns3::Ipv4Address GetAddress(ns3::Ptr<ns3::Node> node) const;
    /// A router's address on its inside LAN.
    ns3::Ipv4Address GetLanAddress(ns3::Ptr<ns3::Node> router) const;
    /// The name given when the node was added.
    std::string GetName(ns3::Ptr<ns3::Node> node) const;
    /// Every node added with AddHost / AddPublicNode / AddRouter, in order.
    ns3::NodeContainer GetEndpoints() const;
    ns3::NodeContainer GetNats() const;
    ns3::NodeContainer GetAllNodes() const;

    /**
     * An unmodified UdpEchoClient on \p client sending \p count packets of
     * \p size bytes to \p server (listening on \p port at \p serverAddress,
     * the server's own address unless given) every \p interval from
     * \p start.
     */
    std::shared_ptr<EchoFlow> AddUdpEcho(ns3::Ptr<ns3::Node> client,
                                         ns3::Ptr<ns3::Node> server,
                                         uint16_t port,
                                         uint32_t count,
                                         ns3::Time interval,
                                         uint32_t size,
                                         ns3::Time start,
                                         ns3::Ipv4Address serverAddress = ns3::Ipv4Address());
    /// An unmodified BulkSend of \p bytes over TCP to a PacketSink on \p server.
    std::shared_ptr<TcpFlow> AddTcpBulk(ns3::Ptr<ns3::Node> client,
                                        ns3::Ptr<ns3::Node> server,
                                        uint16_t port,
                                        uint64_t bytes,
                                        ns3::Time start,
                                        ns3::Ipv4Address serverAddress = ns3::Ipv4Address());

    /**
     * Connect the probe to every model on the nodes (IPsec stacks, UDP
     * encapsulation, IKE daemons, NATs), enable pcaps when asked, run the
     * simulation until \p stop, and write the Wireshark key files.
     */
    void Run(ns3::Time stop);

    /// What the run observed: drops, IKE and ESP counters, the standard metrics.
    LabProbe& GetProbe();
    const LabProbe& GetProbe() const;

    /// A prefix for output files of this run: DIR/ID-VARIANT (empty without --pcap).
    std::string GetOutputPrefix() const;

    /**
     * A host on \p router's LAN behind a learning Ethernet switch (an ns-3
     * BridgeNetDevice, made on first use): the host has a link of its own
     * to the switch, so hosts transmit at the same time and their frames
     * meet in the switch's queue towards the router, as on a switched LAN
     * (AddHost's hosts share one medium, where a sender keeps it for its
     * next frame). Addressed from the LAN's prefix like AddHost's.
     */
    ns3::Ptr<ns3::Node> AddSwitchedHost(const std::string& name, ns3::Ptr<ns3::Node> router);

  private:
    struct Site;

    ns3::Ptr<ns3::Node> NewNode(const std::string& name);
    /// The next free host address on \p site's LAN (an abort naming the LAN when it is full).
    ns3::Ipv4Address NextAddress(Site& site) const;
    ns3::Ptr<ns3::Node> AddSite(const std::string& name,
                                const std::string& network,
                                ns3::Ptr<ns3::Node> upstream,
                                const ns3::NatHelper* nat);
    /// Link \p node to the core with a public /30; \return the node's device.
    ns3::Ptr<ns3::NetDevice> LinkToCore(ns3::Ptr<ns3::Node> node);
    /// Put \p node on \p router's LAN; \return the node's device.
    ns3::Ptr<ns3::NetDevice> Attach(ns3::Ptr<ns3::Node> node, ns3::Ptr<ns3::Node> router);
    /// Put \p node on a leaf switch of \p site's tree; \return the node's device.
    ns3::Ptr<ns3::NetDevice> AttachToSwitch(ns3::Ptr<ns3::Node> node, Site& site);
    /**
     * A switch named after \p site's router and \p role, its uplink port on
     * \p uplink. \p Bridge is the bridge class: ns-3's BridgeNetDevice, or
     * lab.cc's FilteringBridge (IEEE 802.1D filtering) for the tree's switches.
     */
    template <class Bridge>
    ns3::Ptr<Bridge> NewSwitch(Site& site,
                               const std::string& role,
                               ns3::Ptr<ns3::CsmaChannel> uplink);
    /// Give \p node, on \p site's LAN through \p device, the LAN's next address and default route.
    void AddressOnLan(ns3::Ptr<ns3::Node> node, ns3::Ptr<ns3::NetDevice> device, Site& site);
    /// The same for IPv6, on a dual-stack site.
    void AddressOnLan6(ns3::Ptr<ns3::Node> node, ns3::Ptr<ns3::NetDevice> device, Site& site);
    /// A LAN segment: CSMA at the lab's LAN rate and delay (or the user's --set).
    ns3::Ptr<ns3::CsmaChannel> NewLanChannel() const;
    /// The site \p router heads; std::invalid_argument when it has no LAN.
    Site& GetSite(ns3::Ptr<ns3::Node> router) const;
    void EnablePcaps() const;
    void WriteKeys() const;

    std::string m_id;
    RunContext m_context;
    ns3::Ptr<ns3::Node> m_internet;
    uint32_t m_publicLinks{0};
    std::vector<std::unique_ptr<Site>> m_sites;
    std::map<uint32_t, std::string> m_names;
    std::map<uint32_t, ns3::Ipv4Address> m_addresses;
    std::map<uint32_t, ns3::Ipv6Address> m_addresses6;
    std::map<uint32_t, ns3::Ptr<ns3::NetDevice>> m_lanDevices;
    ns3::NodeContainer m_endpoints;
    ns3::NodeContainer m_nats;
    ns3::NodeContainer m_all;
    std::vector<ns3::Ptr<ns3::NetDevice>> m_pcapDevices;
    std::vector<std::shared_ptr<Adversary>> m_adversaries;
    LabProbe m_probe;
    bool m_built{false};
};

} // namespace natt

#endif /* NATT_LAB_H */
