/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Two inside hosts talk to one server through a NAT chosen by preset:
//
//   10.0.0.2, 10.0.0.3 -- CSMA -- NAT -- point-to-point -- 203.0.113.2 (echo server)
//
// Usage: nat-example [--preset=symmetric] [--pcap=1]
//                    [--ns3::NatEngine::UdpMappingTimeout=30s] ...
// Attributes given on the command line become defaults, which a preset does
// not override (see NatHelper). The program prints each echo the hosts get
// back and the NAT's counters.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
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
    std::cout << Simulator::Now().As(Time::S) << " NAT dropped " << header.GetSource() << " -> "
              << header.GetDestination() << ": " << reason << "\n";
}

void
Created(const NatMappingInfo& mapping, const std::string& cause)
{
    std::cout << Simulator::Now().As(Time::S) << " mapping " << mapping << " (" << cause << ")\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string preset = "port-preserving";
    bool pcap = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("preset", "NAT preset (natt nats lists them)", preset);
    cmd.AddValue("pcap", "write nat-example-*.pcap", pcap);
    cmd.Parse(argc, argv);
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    NodeContainer hosts(2);
    Ptr<Node> nat = CreateObject<Node>();
    Ptr<Node> server = CreateObject<Node>();
    InternetStackHelper stack;
    stack.Install(hosts);
    stack.Install(nat);
    stack.Install(server);

    CsmaHelper lan;
    NetDeviceContainer insideDevices = lan.Install(NodeContainer(nat, hosts));
    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    wan.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer outsideDevices = wan.Install(nat, server);

    Ipv4AddressHelper address("10.0.0.0", "255.255.255.0", "0.0.0.1");
    address.Assign(insideDevices);
    address.SetBase("203.0.113.0", "255.255.255.0");
    Ipv4InterfaceContainer outside = address.Assign(outsideDevices);
    Ipv4StaticRoutingHelper routing;
    for (uint32_t k = 0; k < hosts.GetN(); ++k)
    {
        routing.GetStaticRouting(hosts.Get(k)->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address("10.0.0.1"), 1);
    }

    NatHelper natHelper;
    natHelper.SetPreset(preset);
    Ptr<NatEngine> engine =
        natHelper.Install(nat, NetDeviceContainer(insideDevices.Get(0)), outsideDevices.Get(0));
    engine->TraceConnectWithoutContext("Drop", MakeCallback(&Dropped));
    engine->TraceConnectWithoutContext("MappingCreated", MakeCallback(&Created));

    UdpEchoServerHelper echoServer(7);
    echoServer.Install(server).Start(Seconds(0.5));
    for (uint32_t k = 0; k < hosts.GetN(); ++k)
    {
        UdpEchoClientHelper client(outside.GetAddress(1), 7);
        client.SetAttribute("MaxPackets", UintegerValue(3));
        client.SetAttribute("Interval", TimeValue(Seconds(1)));
        ApplicationContainer app = client.Install(hosts.Get(k));
        app.Start(Seconds(1 + 0.1 * k));
    }
    if (pcap)
    {
        wan.EnablePcap("nat-example", outsideDevices.Get(0));
        lan.EnablePcap("nat-example", insideDevices.Get(0));
    }
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    NatEngine::Stats stats = engine->GetStats();
    std::cout << "preset " << preset << ": translated " << stats.translatedOutbound << " out, "
              << stats.translatedInbound << " in; " << stats.dropped << " dropped; "
              << stats.mappingsCreated << " mappings created\n";
    Simulator::Destroy();
    return 0;
}
