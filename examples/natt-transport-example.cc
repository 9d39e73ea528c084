/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Host-to-host transport mode between two hosts that are each behind a NAT,
// negotiated with IKEv2 and NAT traversal:
//
//   host-a 10.0.1.2 -- nat-a 10.0.1.1 | 203.0.113.1 -- router 203.0.113.2 |
//   198.51.100.2 -- nat-b 198.51.100.1 | 10.0.2.1 -- host-b 10.0.2.2
//
// Someone has to be reachable: nat-b forwards UDP 500 and 4500 to host-b
// (its PortForwarding attribute), so host-a can start IKE to nat-b's
// address, which is the only address of host-b it knows. nat-a is any
// preset (symmetric by default: a new port for each destination).
// IKE floats to UDP 4500 (RFC 7296 2.23) and the child SA's ESP travels
// inside UDP (RFC 3948). Its SPD entries use the IKE SA's addresses, which
// the packets carry, not the traffic selectors' (RFC 7296 2.23.1).
//
// In transport mode the TCP and UDP checksums inside ESP were computed with
// addresses the NATs have since changed (RFC 3715 2.1 b). RFC 3948 3.1.2
// gives the receiver two fixes. host-b knows the addresses host-a used
// (host-a's own, nat-b's), from the traffic selectors, as NAT-OA would tell
// an IKEv1 peer: it adjusts each checksum incrementally (TransportChecksum
// NatOa, the default). host-a cannot know the addresses host-b used (host-b's
// private one, nat-a's): it recomputes the checksums (Recompute), which
// ESP's integrity check makes safe.
//
// host-a runs a TCP BulkSend to a PacketSink on host-b and a UDP echo
// client to an echo server on host-b, both addressed to nat-b.
//
// Usage: natt-transport-example [--presetA=symmetric] [--bytes=100000]

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-ports.h"
#include "ns3/internet-module.h"
#include "ns3/nat-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/udp-encapsulation.h"

#include <iostream>

using namespace ns3;

namespace
{

void
ChildSa(std::string who, Ptr<const IkeSa> sa, const IkeChildSa& child)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << ": IKEv" << +sa->GetVersion() << " "
              << sa->GetLocal() << " <-> " << sa->GetRemote() << ", child SA "
              << (child.mode == IPSEC_MODE_TRANSPORT ? "transport" : "tunnel") << " mode, ";
    if (child.encapsulation.type == IpsecEncapsulation::UDP_ENCAP)
    {
        std::cout << "ESP in UDP " << child.encapsulation.localPort << " -> "
                  << child.encapsulation.remotePort;
    }
    else
    {
        std::cout << "plain ESP";
    }
    std::cout << (sa->Has(IkeSa::COND_NAT_HERE) ? ", NAT here" : "")
              << (sa->Has(IkeSa::COND_NAT_THERE) ? ", NAT there" : "") << "\n";
}

void
Failed(std::string who, Ptr<const IkeSa>, const std::string& reason)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << ": IKE failed: " << reason << "\n";
}

void
IpsecDropped(std::string who, Ptr<const Packet>, const char* reason)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who
              << ": IPsec dropped a packet: " << reason << "\n";
}

void
Echoed(uint32_t* count, Ptr<const Packet>)
{
    ++*count;
}

/// One host's IKE connection: transport mode between \p self and \p peer.
IkePeerConfig
Connection(std::string name, Ipv4Address self, Ipv4Address peer, std::string id, std::string peerId)
{
    IkePeerConfig c;
    c.name = name;
    c.version = 2;
    c.local = {self, IKE_UDP_PORT};
    c.remote = {peer, IKE_UDP_PORT};
    c.localId = IkeIdentity::Fqdn(id);
    c.remoteId = IkeIdentity::Fqdn(peerId);
    c.presharedKey = {'t', 'w', 'o', ' ', 'n', 'a', 't', 's'};
    c.natTraversal = IkePeerConfig::NATT_RFC;
    IkeChildConfig child;
    child.name = "host-to-host";
    child.mode = IPSEC_MODE_TRANSPORT;
    child.selector = IpsecSelector::HostToHost(self, peer);
    c.children.push_back(child);
    return c;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string presetA = "symmetric";
    uint32_t bytes = 100000;
    CommandLine cmd(__FILE__);
    cmd.AddValue("presetA", "host-a's NAT preset (natt nats lists them)", presetA);
    cmd.AddValue("bytes", "bytes the TCP BulkSend sends", bytes);
    cmd.Parse(argc, argv);
    // Checksums on, or transport mode's checksum problem (RFC 3715 2.1 b)
    // would go unnoticed.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    NodeContainer nodes(5); // host-a, nat-a, router, nat-b, host-b
    Ptr<Node> hostA = nodes.Get(0);
    Ptr<Node> hostB = nodes.Get(4);
    InternetStackHelper internet;
    internet.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    std::vector<NetDeviceContainer> links;
    for (uint32_t i = 0; i + 1 < nodes.GetN(); ++i)
    {
        links.push_back(p2p.Install(nodes.Get(i), nodes.Get(i + 1)));
    }
    // Each NAT is .1 on both of its links.
    Ipv4AddressHelper subnet("10.0.1.0", "255.255.255.0", "0.0.0.2");
    subnet.Assign(NetDeviceContainer(links[0].Get(0)));
    subnet.SetBase("10.0.1.0", "255.255.255.0", "0.0.0.1");
    subnet.Assign(NetDeviceContainer(links[0].Get(1)));
    subnet.SetBase("203.0.113.0", "255.255.255.0");
    subnet.Assign(links[1]);
    subnet.SetBase("198.51.100.0", "255.255.255.0", "0.0.0.2");
    subnet.Assign(NetDeviceContainer(links[2].Get(0)));
    subnet.SetBase("198.51.100.0", "255.255.255.0", "0.0.0.1");
    subnet.Assign(NetDeviceContainer(links[2].Get(1)));
    subnet.SetBase("10.0.2.0", "255.255.255.0", "0.0.0.1");
    subnet.Assign(NetDeviceContainer(links[3].Get(0)));
    subnet.SetBase("10.0.2.0", "255.255.255.0", "0.0.0.2");
    subnet.Assign(NetDeviceContainer(links[3].Get(1)));
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    const Ipv4Address hostAAddress("10.0.1.2");
    const Ipv4Address hostBAddress("10.0.2.2");
    const Ipv4Address natBAddress("198.51.100.1");

    NatHelper natA;
    natA.SetPreset(presetA);
    Ptr<NatEngine> engineA =
        natA.Install(nodes.Get(1), NetDeviceContainer(links[0].Get(1)), links[1].Get(0));
    NatHelper natB;
    natB.SetPreset("port-preserving");
    // A static rule per IKE port (RFC 3715 3: the responder must be reachable).
    natB.SetAttribute("PortForwarding", StringValue("udp/500=10.0.2.2:500 udp/4500=10.0.2.2:4500"));
    Ptr<NatEngine> engineB =
        natB.Install(nodes.Get(3), NetDeviceContainer(links[3].Get(0)), links[2].Get(1));

    IkeHelper ike;
    Ptr<IkeDaemon> ikeA = ike.Install(hostA);
    Ptr<IkeDaemon> ikeB = ike.Install(hostB);
    ikeA->TraceConnectWithoutContext("ChildSa", MakeBoundCallback(&ChildSa, std::string("host-a")));
    ikeB->TraceConnectWithoutContext("ChildSa", MakeBoundCallback(&ChildSa, std::string("host-b")));
    ikeA->TraceConnectWithoutContext("Failure", MakeBoundCallback(&Failed, std::string("host-a")));
    ikeB->TraceConnectWithoutContext("Failure", MakeBoundCallback(&Failed, std::string("host-b")));
    hostA->GetObject<IpsecStack>()->SetAttribute("TransportChecksum", StringValue("Recompute"));
    hostA->GetObject<IpsecStack>()->TraceConnectWithoutContext(
        "Drop",
        MakeBoundCallback(&IpsecDropped, std::string("host-a")));
    hostB->GetObject<IpsecStack>()->TraceConnectWithoutContext(
        "Drop",
        MakeBoundCallback(&IpsecDropped, std::string("host-b")));

    // host-a knows host-b only as nat-b's address; host-b sees host-a as
    // whatever address nat-a gives it, so it accepts any.
    ikeA->AddPeer(
        Connection("host-b", hostAAddress, natBAddress, "a.example.com", "b.example.com"));
    IkePeerConfig fromA =
        Connection("anyone", hostBAddress, Ipv4Address::GetAny(), "b.example.com", "a.example.com");
    fromA.children[0].selector = IpsecSelector::SubnetToSubnet(hostBAddress,
                                                               Ipv4Mask("/32"),
                                                               Ipv4Address::GetAny(),
                                                               Ipv4Mask("/0"));
    ikeB->AddPeer(fromA);
    IkeHelper::Initiate(hostA, "host-b", Seconds(1));

    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
    ApplicationContainer sinkApp = sink.Install(hostB);
    UdpEchoServerHelper echoServer(7);
    echoServer.Install(hostB);
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(natBAddress, 9));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    bulk.Install(hostA).Start(Seconds(2));
    UdpEchoClientHelper echoClient(natBAddress, 7);
    echoClient.SetAttribute("MaxPackets", UintegerValue(5));
    echoClient.SetAttribute("Interval", TimeValue(Seconds(1)));
    ApplicationContainer echoApp = echoClient.Install(hostA);
    echoApp.Start(Seconds(2));
    uint32_t echoes = 0;
    echoApp.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&Echoed, &echoes));

    Simulator::Stop(Seconds(10));
    Simulator::Run();
    uint64_t received = DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx();
    std::cout << "host-b received " << received << " of " << bytes << " TCP bytes\n";
    std::cout << "host-a got " << echoes << " of 5 UDP echoes back\n";
    for (Ptr<Node> host : {hostA, hostB})
    {
        Ptr<IpsecStack> stack = host->GetObject<IpsecStack>();
        std::cout << (host == hostA ? "host-a" : "host-b") << ": "
                  << stack->GetUdpEncapsulation()->GetEspSent() << " ESP-in-UDP sent, "
                  << stack->GetAcceptedCount() << " accepted, " << stack->GetDropCount()
                  << " dropped\n";
    }
    Simulator::Destroy();
    return received == bytes && echoes == 5 ? 0 : 1;
}
