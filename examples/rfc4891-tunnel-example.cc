/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// An RFC 4891 router-to-router tunnel: two IPv6 sites whose routers are
// joined by a configured IPv6-in-IPv4 tunnel (RFC 4213 3, IP protocol 41)
// across an IPv4-only Internet, the tunnel protected by ESP in transport
// mode on protocol 41 between the routers' IPv4 addresses (RFC 4891 5.1),
// negotiated by IKEv2, and RIPng across the tunnel:
//
//   host-1 -- tep1 | 192.0.2.1 -- core -- 198.51.100.1 | tep2 -- host-2
//   (site 1, fd00:1:0:1::/64)                              (site 2, fd00:2:0:1::/64)
//
// The tunnel is a NetDevice on each router (Ipv6InIpv4TunnelNetDevice);
// its protocol 41 goes through the router's IpsecStack like UDP and TCP,
// so the one SPD entry "protocol 41 between the routers" protects every
// IPv6 packet the tunnel carries, whatever prefixes RIPng learns later.
// With --filter the routers also filter IPv6 sources on the tunnel
// interface (ingress filtering, RFC 4891 2.1).
//
// host-1 sends UDP echo requests to host-2 once RIPng has converged.
//
// Usage: rfc4891-tunnel-example [--ipsec=1] [--filter=1] [--packets=5] [--pcap=0]

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-ports.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-stack.h"
#include "ns3/ipv6-in-ipv4-tunnel-helper.h"
#include "ns3/ipv6-in-ipv4-tunnel-net-device.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>

using namespace ns3;

namespace
{

/// A router's uplink to the core, with \p address on the router and the next one on the core.
void
Uplink(Ptr<Node> core, Ptr<Node> router, const char* network, PointToPointHelper& p2p)
{
    NetDeviceContainer link = p2p.Install(router, core);
    Ipv4AddressHelper addresses(network, "255.255.255.252");
    Ipv4InterfaceContainer interfaces = addresses.Assign(link);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(router->GetObject<Ipv4>())
        ->SetDefaultRoute(interfaces.GetAddress(1),
                          router->GetObject<Ipv4>()->GetInterfaceForDevice(link.Get(0)));
}

/// A site LAN: router and host, addresses from their MACs (EUI-64), the host routing to the
/// router. \return the host's global address
Ipv6Address
Site(Ptr<Node> router, Ptr<Node> host, const char* prefix)
{
    CsmaHelper csma;
    NetDeviceContainer lan = csma.Install(NodeContainer(router, host));
    Ipv6AddressHelper addresses(Ipv6Address(prefix), Ipv6Prefix(64));
    Ipv6InterfaceContainer interfaces = addresses.Assign(lan);
    interfaces.SetForwarding(0, true);
    interfaces.SetDefaultRouteInAllNodes(0);
    return interfaces.GetAddress(1, 1);
}

} // namespace

int
main(int argc, char* argv[])
{
    bool ipsec = true;
    bool filter = true;
    uint32_t packets = 5;
    bool pcap = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("ipsec", "protect protocol 41 with ESP transport, negotiated by IKEv2", ipsec);
    cmd.AddValue("filter", "IPv6 ingress filtering on the tunnel interfaces", filter);
    cmd.AddValue("packets", "UDP echo requests host-1 sends", packets);
    cmd.AddValue("pcap", "write pcaps of the uplinks and Wireshark key files", pcap);
    cmd.Parse(argc, argv);
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    NodeContainer nodes;
    nodes.Create(5);
    Ptr<Node> core = nodes.Get(0);
    Ptr<Node> tep1 = nodes.Get(1);
    Ptr<Node> tep2 = nodes.Get(2);
    Ptr<Node> host1 = nodes.Get(3);
    Ptr<Node> host2 = nodes.Get(4);
    // The routers run RIPng beside static routing (RFC 4891 5: a routing
    // protocol across the tunnel); everything else routes statically.
    RipNgHelper ripng;
    ripng.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(5)));
    Ipv6ListRoutingHelper routers;
    routers.Add(Ipv6StaticRoutingHelper(), 0);
    routers.Add(ripng, 10);
    InternetStackHelper internet;
    internet.Install(NodeContainer(core, host1, host2));
    internet.SetRoutingHelper(routers);
    internet.Install(NodeContainer(tep1, tep2));

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    Uplink(core, tep1, "192.0.2.0", p2p);
    Uplink(core, tep2, "198.51.100.0", p2p);
    Site(tep1, host1, "fd00:1:0:1::");
    Ipv6Address address2 = Site(tep2, host2, "fd00:2:0:1::");
    Ipv4Address a("192.0.2.1");
    Ipv4Address b("198.51.100.1");

    Ipv6InIpv4TunnelHelper tunnel;
    tunnel.SetDeviceAttribute("IngressFilter", BooleanValue(filter));
    NetDeviceContainer devices = tunnel.Install(tep1, a, tep2, b);
    auto device1 = DynamicCast<Ipv6InIpv4TunnelNetDevice>(devices.Get(0));
    auto device2 = DynamicCast<Ipv6InIpv4TunnelNetDevice>(devices.Get(1));
    device1->AddIngressPrefix(Ipv6Address("fd00:2::"), Ipv6Prefix(48));
    device2->AddIngressPrefix(Ipv6Address("fd00:1::"), Ipv6Prefix(48));

    if (ipsec)
    {
        // RFC 4891 5.1: protect protocol 41 between the two IPv4 endpoints.
        IkeHelper ike;
        ike.Install(tep1);
        ike.Install(tep2);
        IkeChildConfig child;
        child.name = "6in4";
        child.mode = IPSEC_MODE_TRANSPORT;
        child.selector = IpsecSelector::HostToHost(a, b, 41);
        IkePeerConfig initiator;
        initiator.name = "tep2";
        initiator.local = {a, IKE_UDP_PORT};
        initiator.remote = {b, IKE_UDP_PORT};
        initiator.localId = IkeIdentity::Fqdn("tep1.example");
        initiator.remoteId = IkeIdentity::Fqdn("tep2.example");
        initiator.presharedKey = {'r', 'f', 'c', '4', '8', '9', '1'};
        initiator.children.push_back(child);
        IkeHelper::GetDaemon(tep1)->AddPeer(initiator);
        IkePeerConfig responder = initiator;
        responder.name = "tep1";
        std::swap(responder.local, responder.remote);
        std::swap(responder.localId, responder.remoteId);
        responder.children[0].selector = IpsecSelector::HostToHost(b, a, 41);
        IkeHelper::GetDaemon(tep2)->AddPeer(responder);
        IkeHelper::Initiate(tep1, "tep2", MilliSeconds(200));
    }

    UdpEchoServerHelper server(7);
    server.Install(host2).Start(Seconds(0));
    UdpEchoClientHelper client(address2, 7);
    client.SetAttribute("MaxPackets", UintegerValue(packets));
    client.SetAttribute("Interval", TimeValue(MilliSeconds(200)));
    ApplicationContainer app = client.Install(host1);
    app.Start(Seconds(10));
    uint32_t replies = 0;
    app.Get(0)->TraceConnectWithoutContext("Rx",
                                           MakeBoundCallback(
                                               +[](uint32_t* n, Ptr<const Packet>) { ++*n; },
                                               &replies));
    if (pcap)
    {
        p2p.EnablePcap("rfc4891-tunnel-example", tep1->GetDevice(1), false, true);
    }

    Simulator::Stop(Seconds(12) + MilliSeconds(200) * packets);
    Simulator::Run();
    if (pcap)
    {
        IkeHelper::WriteWiresharkProfile("rfc4891-tunnel-example-keys", nodes);
    }
    std::cout << "echo replies: " << replies << " of " << packets << "\n"
              << "tep1 encapsulated: " << device1->GetEncapsulatedCount() << "\n"
              << "tep2 decapsulated: " << device2->GetDecapsulatedCount() << "\n";
    if (ipsec)
    {
        std::cout << "tep1 ESP protected: " << tep1->GetObject<IpsecStack>()->GetProtectedCount()
                  << "\n"
                  << "tep2 ESP accepted: " << tep2->GetObject<IpsecStack>()->GetAcceptedCount()
                  << "\n";
    }
    Simulator::Destroy();
    return replies == packets ? 0 : 1;
}
