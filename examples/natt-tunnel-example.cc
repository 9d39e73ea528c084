/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A road warrior behind a NAPT opens an IPsec tunnel to its company's
// security gateway (RFC 3715 3, the "telecommuter") with IKE and NAT
// traversal, and an unmodified UDP echo client reaches a server on the
// private network behind the gateway:
//
//   road-warrior 10.0.0.2 -- nat 10.0.0.1 | 203.0.113.1 -- router 203.0.113.2 |
//   198.51.100.1 -- gateway 198.51.100.2 | 192.168.1.1 -- server 192.168.1.2
//
// The child SA protects 10.0.0.0/24 <-> 192.168.1.0/24 in tunnel mode.
// IKE finds the NAT (RFC 7296 2.23, RFC 3947 3), moves to UDP 4500, and the
// child SA's ESP travels inside UDP (RFC 3948); the road warrior sends
// NAT-keepalives to keep its mapping open (RFC 3948 2.3).
//
// Usage: natt-tunnel-example [--ikeVersion=2] [--preset=port-preserving] [--pcap=1]
// --ikeVersion=1 negotiates with IKEv1 Main Mode and Quick Mode instead of
// IKEv2; --preset picks the NAT (`natt nats` lists the presets); --pcap=1
// writes natt-tunnel-example-*.pcap for both sides of the NAT and a
// Wireshark key folder, and prints the tshark command that decrypts them.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-ports.h"
#include "ns3/internet-module.h"
#include "ns3/nat-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/udp-encapsulation.h"

#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

std::string
Hex(uint32_t spi)
{
    std::ostringstream os;
    os << "0x" << std::hex << std::setw(8) << std::setfill('0') << spi;
    return os.str();
}

void
NatDetected(std::string who, Ptr<const IkeSa> sa)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << ": NAT detected, "
              << (sa->Has(IkeSa::COND_NAT_HERE) ? "behind this side" : "behind the peer") << "\n";
}

void
Established(std::string who, Ptr<const IkeSa> sa)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << ": IKEv" << +sa->GetVersion()
              << " SA established, " << sa->GetLocal() << " <-> " << sa->GetRemote() << "\n";
}

void
ChildSa(std::string who, Ptr<const IkeSa>, const IkeChildSa& child)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << ": child SA '" << child.name << "' "
              << (child.mode == IPSEC_MODE_TUNNEL ? "tunnel" : "transport") << " mode, SPI in "
              << Hex(child.inboundSpi) << " out " << Hex(child.outboundSpi) << ", ";
    if (child.encapsulation.type == IpsecEncapsulation::UDP_ENCAP)
    {
        std::cout << "ESP in UDP " << child.encapsulation.localPort << " -> "
                  << child.encapsulation.remotePort << "\n";
    }
    else
    {
        std::cout << "plain ESP\n";
    }
}

void
Failed(std::string who, Ptr<const IkeSa>, const std::string& reason)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << ": IKE failed: " << reason << "\n";
}

void
Echoed(uint32_t* count, Ptr<const Packet> packet)
{
    ++*count;
    std::cout << Simulator::Now().As(Time::S) << " road-warrior got echo " << *count << " back ("
              << packet->GetSize() << " bytes)\n";
}

void
Watch(Ptr<IkeDaemon> daemon, std::string who)
{
    daemon->TraceConnectWithoutContext("NatDetected", MakeBoundCallback(&NatDetected, who));
    daemon->TraceConnectWithoutContext("Established", MakeBoundCallback(&Established, who));
    daemon->TraceConnectWithoutContext("ChildSa", MakeBoundCallback(&ChildSa, who));
    daemon->TraceConnectWithoutContext("Failure", MakeBoundCallback(&Failed, who));
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t ikeVersion = 2;
    std::string preset = "port-preserving";
    bool pcap = false;
    CommandLine cmd(__FILE__);
    // Not "version": ns-3's CommandLine answers --version with its own.
    cmd.AddValue("ikeVersion", "IKE version: 2, or 1 for IKEv1 Main Mode", ikeVersion);
    cmd.AddValue("preset", "NAT preset (natt nats lists them)", preset);
    cmd.AddValue("pcap", "write natt-tunnel-example-*.pcap and a Wireshark key folder", pcap);
    cmd.Parse(argc, argv);
    // Checksums on: the NAT rewrites addresses and ports, and every
    // checksum it adjusts is verified at the receiver.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    // road warrior, NAT, router, gateway, server: a chain of links.
    NodeContainer nodes(5);
    Ptr<Node> roadWarrior = nodes.Get(0);
    Ptr<Node> nat = nodes.Get(1);
    Ptr<Node> gateway = nodes.Get(3);
    Ptr<Node> server = nodes.Get(4);
    InternetStackHelper internet;
    internet.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    const char* networks[] = {"10.0.0.0", "203.0.113.0", "198.51.100.0", "192.168.1.0"};
    std::vector<NetDeviceContainer> links;
    std::vector<Ipv4InterfaceContainer> addresses;
    for (uint32_t i = 0; i + 1 < nodes.GetN(); ++i)
    {
        links.push_back(p2p.Install(nodes.Get(i), nodes.Get(i + 1)));
        // On the road warrior's link the NAT is .1 and the road warrior .2.
        Ipv4AddressHelper subnet(networks[i], "255.255.255.0", i == 0 ? "0.0.0.2" : "0.0.0.1");
        addresses.push_back(subnet.Assign(links.back()));
    }
    Ipv4Address roadWarriorAddress = addresses[0].GetAddress(0);
    Ipv4Address gatewayAddress = addresses[2].GetAddress(1);
    Ipv4Address serverAddress = addresses[3].GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    NatHelper natHelper;
    natHelper.SetPreset(preset);
    Ptr<NatEngine> engine =
        natHelper.Install(nat, NetDeviceContainer(links[0].Get(1)), links[1].Get(0));

    // IKE (and with it the IPsec stack) after routing: the tunnel interface
    // is not a link the global router can describe (see IkeHelper).
    IkeHelper ike;
    Ptr<IkeDaemon> roadWarriorIke = ike.Install(roadWarrior);
    Ptr<IkeDaemon> gatewayIke = ike.Install(gateway);
    Watch(roadWarriorIke, "road-warrior");
    Watch(gatewayIke, "gateway");

    // The road warrior's connection: where the gateway is, who each side
    // claims to be, the pre-shared key, and the child SA's selectors.
    IkePeerConfig client;
    client.name = "gateway";
    client.version = static_cast<uint8_t>(ikeVersion);
    client.ikev1Mode = IkePeerConfig::MAIN_MODE;
    client.local = {roadWarriorAddress, IKE_UDP_PORT};
    client.remote = {gatewayAddress, IKE_UDP_PORT};
    // FQDN identities: an ID_IPV4_ADDR of the road warrior would name its
    // private address, which the gateway never sees (RFC 3715 2.1 c).
    client.localId = IkeIdentity::Fqdn("road-warrior.example.com");
    client.remoteId = IkeIdentity::Fqdn("gateway.example.com");
    client.auth = IkePeerConfig::AUTH_PSK;
    client.presharedKey = {'c', 'o', 'r', 'r', 'e', 'c', 't', ' ', 'h', 'o', 'r', 's', 'e'};
    client.natTraversal = IkePeerConfig::NATT_RFC;
    IkeChildConfig net;
    net.name = "office";
    net.mode = IPSEC_MODE_TUNNEL;
    net.selector = IpsecSelector::SubnetToSubnet(Ipv4Address("10.0.0.0"),
                                                 Ipv4Mask("/24"),
                                                 Ipv4Address("192.168.1.0"),
                                                 Ipv4Mask("/24"));
    client.children.push_back(net);
    roadWarriorIke->AddPeer(client);

    // The gateway's mirror image. It cannot know where road warriors come
    // from (a NAT's address and port), so its remote address is any.
    IkePeerConfig clients = client;
    clients.name = "road-warriors";
    clients.local = {gatewayAddress, IKE_UDP_PORT};
    clients.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
    std::swap(clients.localId, clients.remoteId);
    clients.children[0].selector = IpsecSelector::SubnetToSubnet(Ipv4Address("192.168.1.0"),
                                                                 Ipv4Mask("/24"),
                                                                 Ipv4Address("10.0.0.0"),
                                                                 Ipv4Mask("/24"));
    gatewayIke->AddPeer(clients);
    IkeHelper::Initiate(roadWarrior, "gateway", Seconds(1));

    // Plain ns-3 applications: the tunnel's route makes them protected.
    UdpEchoServerHelper echoServer(7);
    echoServer.Install(server).Start(Seconds(0));
    UdpEchoClientHelper echoClient(serverAddress, 7);
    echoClient.SetAttribute("MaxPackets", UintegerValue(5));
    echoClient.SetAttribute("Interval", TimeValue(Seconds(1)));
    echoClient.SetAttribute("PacketSize", UintegerValue(200));
    ApplicationContainer clientApp = echoClient.Install(roadWarrior);
    clientApp.Start(Seconds(2));
    uint32_t echoes = 0;
    clientApp.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&Echoed, &echoes));

    if (pcap)
    {
        p2p.EnablePcap("natt-tunnel-example", links[0].Get(1)); // the NAT's inside
        p2p.EnablePcap("natt-tunnel-example", links[1].Get(0)); // and outside
    }
    // Long enough for several 20 s keepalives after the last echo.
    Simulator::Stop(Seconds(60));
    Simulator::Run();

    Ptr<UdpEncapsulation> encapsulation =
        roadWarrior->GetObject<IpsecStack>()->GetUdpEncapsulation();
    std::cout << "echoes received: " << echoes << " of 5\n";
    std::cout << "road-warrior: " << encapsulation->GetEspSent() << " ESP-in-UDP sent, "
              << encapsulation->GetKeepalivesSent() << " NAT-keepalives sent\n";
    NatEngine::Stats stats = engine->GetStats();
    std::cout << "nat (" << preset << "): " << stats.translatedOutbound << " translated out, "
              << stats.translatedInbound << " in, " << stats.dropped << " dropped, "
              << stats.mappingsCreated << " mappings created\n";
    if (pcap)
    {
        // Wireshark needs the IKE and ESP keys to decrypt: write them while
        // the daemons still hold them (before Simulator::Destroy).
        std::string keys = "natt-tunnel-example-keys";
        if (IkeHelper::WriteWiresharkProfile(keys, NodeContainer(roadWarrior, gateway)))
        {
            // The NAT is node 1: device 1 is its inside, device 2 its outside.
            std::cout << "decrypt with: WIRESHARK_CONFIG_DIR=" << keys
                      << " tshark -r natt-tunnel-example-1-2.pcap (outside; -1-1.pcap: inside)\n";
        }
    }
    Simulator::Destroy();
    return echoes == 5 ? 0 : 1;
}
