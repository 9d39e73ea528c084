/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The IPv4-in-IPv4 tunnel (RFC 2003): a host behind a router sends as an
// address the router routes back through the tunnel, the shape RSIP
// (RFC 3102) and the 3Com DNAT light-weight tunnel both use.
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipip-l4-protocol.h"
#include "ns3/ipip-tunnel-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <gtest/gtest.h>

namespace
{

using namespace ns3;

const Ipv4Address kTunnelSource("203.0.113.7");

/// host (10.0.0.2) -- router (10.0.0.1 | 198.51.100.1) -- server (198.51.100.2);
/// the host sends as 203.0.113.7 through a tunnel to the router.
struct TunnelledHost
{
    NodeContainer nodes; // host, router, server
    Ipv4InterfaceContainer inside, outside;
    uint32_t hostTunnel = 0;
    uint32_t routerTunnel = 0;
    std::vector<Ipv4Header> serverSaw;   // IPv4 headers the server received
    std::vector<uint32_t> outerSizes;    // sizes on the host link, router side
    std::vector<uint32_t> internetSizes; // sizes on the Internet link, server side

    explicit TunnelledHost(bool routerTunnel = true)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        nodes.Create(3);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        NetDeviceContainer a = p2p.Install(nodes.Get(0), nodes.Get(1));
        NetDeviceContainer b = p2p.Install(nodes.Get(1), nodes.Get(2));
        InternetStackHelper internet;
        internet.Install(nodes);
        inside = Ipv4AddressHelper("10.0.0.0", "255.255.255.0", "0.0.0.2").Assign(a);
        outside = Ipv4AddressHelper("198.51.100.0", "255.255.255.0").Assign(b);
        IpIpTunnelHelper tunnels;
        hostTunnel = tunnels.Install(Host(),
                                     inside.GetAddress(0),
                                     inside.GetAddress(1),
                                     Ipv4InterfaceAddress(kTunnelSource, Ipv4Mask::GetOnes()));
        Ipv4StaticRoutingHelper statics;
        statics.GetStaticRouting(Host()->GetObject<Ipv4>())
            ->AddHostRouteTo(outside.GetAddress(1), hostTunnel);
        if (routerTunnel)
        {
            this->routerTunnel =
                tunnels.Install(Router(), inside.GetAddress(1), inside.GetAddress(0));
            statics.GetStaticRouting(Router()->GetObject<Ipv4>())
                ->AddHostRouteTo(kTunnelSource, this->routerTunnel);
        }
        else
        {
            IpIpL4Protocol::Install(Router()); // a receiver, but no tunnel
        }
        statics.GetStaticRouting(Server()->GetObject<Ipv4>())
            ->SetDefaultRoute(outside.GetAddress(0), 1);
        Ptr<Ipv4L3Protocol> serverIp = Server()->GetObject<Ipv4L3Protocol>();
        serverIp->TraceConnectWithoutContext("LocalDeliver",
                                             MakeCallback(&TunnelledHost::ServerReceived, this));
        a.Get(1)->TraceConnectWithoutContext("MacRx",
                                             MakeCallback(&TunnelledHost::OuterReceived, this));
        b.Get(1)->TraceConnectWithoutContext("MacRx",
                                             MakeCallback(&TunnelledHost::InternetReceived, this));
    }

    Ptr<Node> Host() const
    {
        return nodes.Get(0);
    }

    Ptr<Node> Router() const
    {
        return nodes.Get(1);
    }

    Ptr<Node> Server() const
    {
        return nodes.Get(2);
    }

    void ServerReceived(const Ipv4Header& header, Ptr<const Packet>, uint32_t)
    {
        serverSaw.push_back(header);
    }

    void OuterReceived(Ptr<const Packet> p)
    {
        outerSizes.push_back(p->GetSize());
    }

    void InternetReceived(Ptr<const Packet> p)
    {
        internetSizes.push_back(p->GetSize());
    }

    /// Echoes \p count packets of \p size bytes from host to server; the replies received.
    uint32_t Echo(uint32_t count, uint32_t size)
    {
        UdpEchoServerHelper server(9);
        server.Install(Server()).Start(Seconds(0));
        UdpEchoClientHelper client(outside.GetAddress(1), 9);
        client.SetAttribute("MaxPackets", UintegerValue(count));
        client.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
        client.SetAttribute("PacketSize", UintegerValue(size));
        ApplicationContainer apps = client.Install(Host());
        apps.Start(Seconds(1));
        uint32_t replies = 0;
        apps.Get(0)->TraceConnectWithoutContext("Rx",
                                                MakeBoundCallback(
                                                    +[](uint32_t* n, Ptr<const Packet>) { ++*n; },
                                                    &replies));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        return replies;
    }

    ~TunnelledHost()
    {
        Simulator::Destroy();
    }
};

TEST(IpIpTunnel, HostSendsAsTheTunnelAddressAndRepliesComeBackThroughIt)
{
    TunnelledHost t;
    EXPECT_EQ(t.Echo(3, 100), 3u);
    ASSERT_EQ(t.serverSaw.size(), 3u);
    for (const Ipv4Header& h : t.serverSaw)
    {
        EXPECT_EQ(h.GetSource(), kTunnelSource);
        EXPECT_EQ(h.GetProtocol(), 17);
    }
    Ptr<IpIpTunnelNetDevice> host = IpIpTunnelHelper::GetDevice(t.Host(), t.hostTunnel);
    Ptr<IpIpTunnelNetDevice> router = IpIpTunnelHelper::GetDevice(t.Router(), t.routerTunnel);
    ASSERT_TRUE(host && router);
    EXPECT_EQ(host->GetEncapsulatedCount(), 3u);
    EXPECT_EQ(host->GetDecapsulatedCount(), 3u);
    EXPECT_EQ(router->GetEncapsulatedCount(), 3u);
    EXPECT_EQ(router->GetDecapsulatedCount(), 3u);
    EXPECT_EQ(host->GetDropCount() + router->GetDropCount(), 0u);
    EXPECT_EQ(host->GetMtu(), 1500 - IpIpTunnelNetDevice::OVERHEAD);
}

TEST(IpIpTunnel, OuterHeaderAddsTwentyBytesOnTheTunnelLegOnly)
{
    TunnelledHost t;
    t.Echo(1, 100);
    // point-to-point frames: 2-byte PPP header + IP (+ tunnel) + UDP + payload
    ASSERT_EQ(t.outerSizes.size(), 1u);
    ASSERT_FALSE(t.internetSizes.empty());
    EXPECT_EQ(t.outerSizes[0], 2u + 20 + 20 + 8 + 100);
    EXPECT_EQ(t.internetSizes[0], 2u + 20 + 8 + 100);
}

TEST(IpIpTunnel, OuterPacketsForNoTunnelAreCountedAsNoTunnel)
{
    TunnelledHost t(false); // the router has no tunnel back to the host
    EXPECT_EQ(t.Echo(2, 50), 0u);
    Ptr<IpIpL4Protocol> router = t.Router()->GetObject<IpIpL4Protocol>();
    ASSERT_TRUE(router);
    EXPECT_EQ(router->GetDropCount(IpIpL4Protocol::NO_TUNNEL_DROP), 2u);
    EXPECT_TRUE(t.serverSaw.empty());
}

} // namespace
