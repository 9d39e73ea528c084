/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A NAT behaviour natt does not ship, added without touching the engine:
// port parity preservation (RFC 4787 4.2.2). RTP sends on an even port and
// RTCP on the next odd one, and some applications infer one from the other;
// a NAT that keeps parity keeps that pairing guessable.
//
//   10.0.0.2, 10.0.0.3 -- CSMA -- NAT 203.0.113.1 -- point-to-point -- 203.0.113.2 (server)
//
// Both hosts send from ports 5000-5003. The first host's ports are free and
// kept; the second host's are taken, so the NAT's allocator picks others.
// The class below is a NatPortAllocator; the NAT gets it through its
// PortAllocator attribute (NatHelper::SetAttribute, as ns-3 gives a
// TcpSocketBase its congestion control). The program prints the external
// port the server saw for each inside endpoint and whether its parity was
// kept.
//
// Usage: nat-port-parity-example [--allocator=parity|stock]
// With --allocator=stock the preset's port-preserving allocator falls back
// to the next free port from 1025 on, and every one of the second host's
// ports changes parity.

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/nat-helper.h"
#include "ns3/nat-port-allocator.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>
#include <map>

using namespace ns3;

namespace
{

/**
 * RFC 4787 4.2.2 port parity preservation: the inside port when free, else
 * the lowest free port of the same parity. Draws nothing at random, so the
 * engine's stream is not touched.
 */
class NatParityPortAllocator : public NatPortAllocator
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::NatParityPortAllocator")
                                .SetParent<NatPortAllocator>()
                                .SetGroupName("Natt")
                                .AddConstructor<NatParityPortAllocator>();
        return tid;
    }

    bool Allocate(const NatPortRequest& request, uint16_t& port) override
    {
        uint16_t wanted = request.insidePort;
        if (wanted >= request.low && wanted <= request.high && !request.inUse(wanted))
        {
            port = wanted;
            return true;
        }
        uint32_t first = request.low + ((request.low ^ wanted) & 1);
        for (uint32_t candidate = first; candidate <= request.high; candidate += 2)
        {
            if (!request.inUse(static_cast<uint16_t>(candidate)))
            {
                port = static_cast<uint16_t>(candidate);
                return true;
            }
        }
        return false; // the engine drops with "ports-exhausted"
    }
};

NS_OBJECT_ENSURE_REGISTERED(NatParityPortAllocator);

/// inside endpoint -> external port the server saw
std::map<std::pair<Ipv4Address, uint16_t>, uint16_t> g_seen;

void
Received(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        // The payload names the inside endpoint: 4 address bytes, 2 port bytes.
        uint8_t bytes[6];
        packet->CopyData(bytes, 6);
        Ipv4Address inside((uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) |
                           (uint32_t{bytes[2]} << 8) | bytes[3]);
        uint16_t insidePort = static_cast<uint16_t>(bytes[4] << 8 | bytes[5]);
        g_seen[{inside, insidePort}] = InetSocketAddress::ConvertFrom(from).GetPort();
    }
}

void
SendFrom(Ptr<Node> host, Ipv4Address self, uint16_t port, Ipv4Address server)
{
    Ptr<Socket> socket = Socket::CreateSocket(host, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    uint8_t bytes[6];
    self.Serialize(bytes);
    bytes[4] = port >> 8;
    bytes[5] = port & 0xff;
    socket->SendTo(Create<Packet>(bytes, 6), 0, InetSocketAddress(server, 9));
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string allocator = "parity";
    CommandLine cmd(__FILE__);
    cmd.AddValue("allocator", "parity (the class above) or stock (the preset's)", allocator);
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
    NetDeviceContainer outsideDevices = wan.Install(nat, server);
    Ipv4AddressHelper address("10.0.0.0", "255.255.255.0", "0.0.0.1");
    Ipv4InterfaceContainer inside = address.Assign(insideDevices);
    address.SetBase("203.0.113.0", "255.255.255.0");
    Ipv4InterfaceContainer outside = address.Assign(outsideDevices);
    Ipv4StaticRoutingHelper routing;
    for (uint32_t k = 0; k < hosts.GetN(); ++k)
    {
        routing.GetStaticRouting(hosts.Get(k)->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address("10.0.0.1"), 1);
    }

    NatHelper natHelper;
    natHelper.SetPreset("port-preserving");
    // An odd first port: the next free port then has the other parity.
    natHelper.SetAttribute("PortRangeMin", UintegerValue(1025));
    if (allocator == "parity")
    {
        natHelper.SetAttribute("PortAllocator",
                               PointerValue(CreateObject<NatParityPortAllocator>()));
    }
    Ptr<NatEngine> engine =
        natHelper.Install(nat, NetDeviceContainer(insideDevices.Get(0)), outsideDevices.Get(0));

    Ptr<Socket> sink = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    sink->SetRecvCallback(MakeCallback(&Received));
    Ipv4Address serverAddress = outside.GetAddress(1);
    for (uint32_t k = 0; k < hosts.GetN(); ++k)
    {
        for (uint16_t port = 5000; port < 5004; ++port)
        {
            Simulator::Schedule(Seconds(1 + k) + MilliSeconds(10 * (port - 5000)),
                                &SendFrom,
                                hosts.Get(k),
                                inside.GetAddress(k + 1),
                                port,
                                serverAddress);
        }
    }
    Simulator::Stop(Seconds(4));
    Simulator::Run();

    PointerValue chosen;
    engine->GetAttribute("PortAllocator", chosen);
    std::cout << "allocator " << chosen.Get<NatPortAllocator>()->GetInstanceTypeId().GetName()
              << "\n";
    uint32_t remapped = 0;
    uint32_t parityKept = 0;
    for (const auto& [endpoint, external] : g_seen)
    {
        bool kept = (endpoint.second & 1) == (external & 1);
        std::cout << endpoint.first << ":" << endpoint.second << " -> "
                  << engine->GetOutsideAddress() << ":" << external
                  << (kept ? "  parity kept" : "  parity changed") << "\n";
        if (external != endpoint.second)
        {
            ++remapped;
            parityKept += kept ? 1 : 0;
        }
    }
    std::cout << "parity kept for " << parityKept << " of " << remapped << " remapped ports\n";
    Simulator::Destroy();
    return 0;
}
