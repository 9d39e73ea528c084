/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A NAT built from attributes rather than a preset, and what it does to
// IPsec. The attributes below describe a cheap home router of the early
// 2000s: endpoint-independent mapping (RFC 4787 4.1) but port-restricted
// filtering, sequential ports, a 30 s UDP timeout, and no idea what to do
// with protocols other than UDP, TCP and ICMP (RFC 3715 2.2 j).
//
//   host-a 10.0.0.2 --+
//                      +-- CSMA -- nat 10.0.0.1 | 203.0.113.1 -- p2p -- gateway 203.0.113.2
//   host-b 10.0.0.3 --+
//
// host-a protects its traffic to the gateway with ESP inside UDP 4500
// (RFC 3948); host-b uses plain ESP (IP protocol 50). Both send UDP echoes.
// The NAT translates host-a's UDP and drops host-b's ESP; the program prints
// what each host got back and the NAT's drop reasons.
//
// Usage: custom-nat-example [--udpTimeout=30s] [--otherProtocols=Drop|AddressOnly]
// Try --otherProtocols=AddressOnly: host-b's ESP then crosses the NAT, but
// both hosts now look like the NAT's one address to the gateway, so its
// transport-mode selectors for them are the same and every reply goes into
// the first matching SA, host-a's: host-a receives host-b's echoes (RFC 3715
// 2.1 i and e). NAT-T's SAs bound to the peer's address and port, or tunnel
// mode with distinct inner addresses, are the fixes the catalogue measures.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/nat-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>

using namespace ns3;

namespace
{

void
Dropped(Ptr<const Packet> packet, const char* reason)
{
    Ipv4Header header; // the NAT traces the packet with its IPv4 header
    packet->PeekHeader(header);
    std::cout << Simulator::Now().As(Time::S) << " nat dropped " << header.GetSource() << " -> "
              << header.GetDestination() << " (protocol " << +header.GetProtocol()
              << "): " << reason << "\n";
}

void
Echoed(std::string host, Ptr<const Packet> packet)
{
    std::cout << Simulator::Now().As(Time::S) << " " << host << " got its echo back ("
              << packet->GetSize() << " bytes)\n";
}

/// Transport-mode ESP between a host behind the NAT and the gateway.
void
AddSa(IpsecHelper& ipsec,
      Ptr<Node> host,
      Ipv4Address privateAddress,
      Ptr<Node> gateway,
      Ipv4Address gatewayAddress,
      Ipv4Address natAddress,
      IpsecEncapsulation::Type encapsulation)
{
    IpsecHelper::End a;
    a.node = host;
    a.address = privateAddress;
    a.peerAddress = gatewayAddress;
    a.selector = IpsecSelector::HostToHost(privateAddress, gatewayAddress);
    a.natOaLocal = natAddress;
    IpsecHelper::End b;
    b.node = gateway;
    b.address = gatewayAddress;
    b.peerAddress = natAddress;
    b.selector = IpsecSelector::HostToHost(gatewayAddress, natAddress);
    // RFC 3948 3.1.2: the host computed its UDP checksums with its private
    // address; NAT-OA lets the gateway fix them after decryption.
    b.natOaRemote = privateAddress;
    IpsecHelper::Options options;
    options.transform =
        IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_GCM_16, IpsecTransform::INTEG_NONE);
    options.encapsulation = encapsulation;
    ipsec.AddPair(a, b, IPSEC_MODE_TRANSPORT, options);
}

} // namespace

int
main(int argc, char* argv[])
{
    Time udpTimeout = Seconds(30);
    std::string otherProtocols = "Drop";
    CommandLine cmd(__FILE__);
    cmd.AddValue("udpTimeout", "NAT UDP mapping timeout", udpTimeout);
    cmd.AddValue("otherProtocols",
                 "what the NAT does with ESP: Drop or AddressOnly",
                 otherProtocols);
    cmd.Parse(argc, argv);
    // Checksums on: a NAT that rewrites addresses really breaks them.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    NodeContainer hosts(2);
    Ptr<Node> nat = CreateObject<Node>();
    Ptr<Node> gateway = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(hosts);
    internet.Install(nat);
    internet.Install(gateway);

    CsmaHelper lan;
    NetDeviceContainer inside = lan.Install(NodeContainer(nat, hosts));
    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    wan.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer outside = wan.Install(nat, gateway);
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.0", "0.0.0.1");
    Ipv4InterfaceContainer lanAddresses = addresses.Assign(inside);
    addresses.SetBase("203.0.113.0", "255.255.255.0");
    Ipv4InterfaceContainer wanAddresses = addresses.Assign(outside);
    Ipv4StaticRoutingHelper routing;
    for (uint32_t k = 0; k < hosts.GetN(); ++k)
    {
        routing.GetStaticRouting(hosts.Get(k)->GetObject<Ipv4>())
            ->SetDefaultRoute(lanAddresses.GetAddress(0), 1);
    }

    // The NAT, attribute by attribute (`natt nats` shows what presets set).
    NatHelper natHelper;
    natHelper.SetAttribute("Mapping", StringValue("EndpointIndependent"));
    natHelper.SetAttribute("Filtering", StringValue("AddressAndPortDependent"));
    natHelper.SetAttribute("PortAllocation", StringValue("Sequential"));
    natHelper.SetAttribute("PortRangeMin", UintegerValue(40000));
    natHelper.SetAttribute("PortRangeMax", UintegerValue(40099));
    natHelper.SetAttribute("UdpMappingTimeout", TimeValue(udpTimeout));
    natHelper.SetAttribute("OtherProtocols", StringValue(otherProtocols));
    natHelper.SetAttribute("Fragments", StringValue("FirstOnly"));
    Ptr<NatEngine> engine =
        natHelper.Install(nat, NetDeviceContainer(inside.Get(0)), outside.Get(0));
    engine->TraceConnectWithoutContext("Drop", MakeCallback(&Dropped));

    // IPsec after routing (IpsecHelper's rule), keyed by hand here; the
    // IKE examples negotiate the same SAs.
    IpsecHelper ipsec;
    ipsec.Install(hosts);
    ipsec.Install(gateway);
    Ipv4Address gatewayAddress = wanAddresses.GetAddress(1);
    Ipv4Address natAddress = wanAddresses.GetAddress(0);
    AddSa(ipsec,
          hosts.Get(0),
          lanAddresses.GetAddress(1),
          gateway,
          gatewayAddress,
          natAddress,
          IpsecEncapsulation::UDP_ENCAP);
    AddSa(ipsec,
          hosts.Get(1),
          lanAddresses.GetAddress(2),
          gateway,
          gatewayAddress,
          natAddress,
          IpsecEncapsulation::NONE);

    UdpEchoServerHelper server(7);
    server.Install(gateway).Start(Seconds(0));
    for (uint32_t k = 0; k < hosts.GetN(); ++k)
    {
        UdpEchoClientHelper client(gatewayAddress, 7);
        client.SetAttribute("MaxPackets", UintegerValue(3));
        client.SetAttribute("Interval", TimeValue(Seconds(1)));
        ApplicationContainer app = client.Install(hosts.Get(k));
        app.Start(Seconds(1 + 0.5 * k));
        app.Get(0)->TraceConnectWithoutContext(
            "Rx",
            MakeBoundCallback(&Echoed,
                              std::string(k == 0 ? "host-a (ESP in UDP)" : "host-b (ESP)")));
    }

    Simulator::Stop(Seconds(6));
    Simulator::Run();
    NatEngine::Stats stats = engine->GetStats();
    std::cout << "nat: " << stats.translatedOutbound << " translated out, "
              << stats.translatedInbound << " in, " << stats.dropped << " dropped, "
              << stats.mappingsCreated << " mappings created\n";
    Simulator::Destroy();
    return 0;
}
