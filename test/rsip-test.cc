/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RSIP gateway and client (RFC 3102-3104): registration, assignment of the
// external address with ports and SPIs, lease extension, the host's
// IP-in-IP tunnel, and the gateway's demultiplexing of inbound traffic.
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipip-tunnel-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rsip-client.h"
#include "ns3/rsip-gateway.h"

#include <gtest/gtest.h>

namespace
{

using namespace ns3;

/// host-1, host-2 (10.0.0.2, .3) on a LAN with gateway (10.0.0.1 | 198.51.100.1) -- peer
/// (198.51.100.2).
struct RsipSite
{
    NodeContainer hosts;
    Ptr<Node> gateway;
    Ptr<Node> peer;
    Ipv4InterfaceContainer lan, wan;
    Ptr<RsipGateway> rsip;
    std::vector<Ptr<RsipClient>> clients;
    std::vector<std::pair<Ipv4Address, uint16_t>> peerSaw; // source address and port

    explicit RsipSite(bool withGateway = true)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        hosts.Create(2);
        gateway = CreateObject<Node>();
        peer = CreateObject<Node>();
        CsmaHelper csma;
        NetDeviceContainer lanDevices = csma.Install(NodeContainer(gateway, hosts));
        PointToPointHelper p2p;
        NetDeviceContainer wanDevices = p2p.Install(gateway, peer);
        InternetStackHelper internet;
        internet.Install(NodeContainer(hosts, gateway, peer));
        lan = Ipv4AddressHelper("10.0.0.0", "255.255.255.0").Assign(lanDevices);
        wan = Ipv4AddressHelper("198.51.100.0", "255.255.255.0").Assign(wanDevices);
        Ipv4StaticRoutingHelper statics;
        statics.GetStaticRouting(peer->GetObject<Ipv4>())->SetDefaultRoute(wan.GetAddress(0), 1);
        if (withGateway)
        {
            rsip = CreateObject<RsipGateway>();
            rsip->SetAddresses(wan.GetAddress(0), lan.GetAddress(0));
            gateway->AddApplication(rsip);
            rsip->InstallDemux(gateway);
        }
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<RsipClient> client = CreateObject<RsipClient>();
            client->SetAddresses(lan.GetAddress(0), lan.GetAddress(i + 1));
            hosts.Get(i)->AddApplication(client);
            client->SetStartTime(Seconds(0.1 * (i + 1)));
            Ptr<Node> host = hosts.Get(i);
            Ipv4Address peerAddress = wan.GetAddress(1);
            client->SetLeaseCallback([host, peerAddress](const RsipLease& lease) {
                Ipv4StaticRoutingHelper()
                    .GetStaticRouting(host->GetObject<Ipv4>())
                    ->AddHostRouteTo(peerAddress, lease.tunnelInterface);
            });
            clients.push_back(client);
        }
        Ptr<Socket> sink = Socket::CreateSocket(peer, UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        sink->SetRecvCallback(MakeCallback(&RsipSite::PeerReceive, this));
        m_sink = sink;
    }

    /// The peer echoes every datagram back to its source.
    void PeerReceive(Ptr<Socket> socket)
    {
        Address from;
        while (Ptr<Packet> p = socket->RecvFrom(from))
        {
            InetSocketAddress source = InetSocketAddress::ConvertFrom(from);
            peerSaw.emplace_back(source.GetIpv4(), source.GetPort());
            socket->SendTo(p, 0, from);
        }
    }

    /// Host \p i sends one datagram from its lease's port \p portOffset at \p at; \return
    /// the counter of echoes it receives.
    std::shared_ptr<uint32_t> SendFromLease(uint32_t i, uint16_t portOffset, Time at)
    {
        auto echoes = std::make_shared<uint32_t>(0);
        Ptr<Node> host = hosts.Get(i);
        Ptr<RsipClient> client = clients[i];
        Ipv4Address peerAddress = wan.GetAddress(1);
        Simulator::Schedule(at, [host, client, portOffset, echoes, peerAddress]() {
            if (!client->HasLease())
            {
                return;
            }
            const RsipLease& lease = client->GetLease();
            Ptr<Socket> s = Socket::CreateSocket(host, UdpSocketFactory::GetTypeId());
            s->Bind(InetSocketAddress(lease.external, lease.firstPort + portOffset));
            s->SetRecvCallback([echoes](Ptr<Socket> socket) {
                while (socket->Recv())
                {
                    ++*echoes;
                }
            });
            s->SendTo(Create<Packet>(100), 0, InetSocketAddress(peerAddress, 9));
        });
        return echoes;
    }

    ~RsipSite()
    {
        Simulator::Destroy();
    }

  private:
    Ptr<Socket> m_sink;
};

TEST(Rsip, TwoHostsAreAssignedTheExternalAddressWithDistinctPortsAndSpis)
{
    RsipSite site;
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    ASSERT_TRUE(site.clients[0]->HasLease());
    ASSERT_TRUE(site.clients[1]->HasLease());
    const RsipLease& a = site.clients[0]->GetLease();
    const RsipLease& b = site.clients[1]->GetLease();
    EXPECT_EQ(a.external, site.wan.GetAddress(0));
    EXPECT_EQ(b.external, site.wan.GetAddress(0));
    EXPECT_EQ(a.ports, 16);
    EXPECT_EQ(a.firstPort, 10000);
    EXPECT_EQ(b.firstPort, 10016);
    EXPECT_EQ(a.spis, (std::vector<uint32_t>{0x1000, 0x1001, 0x1002, 0x1003}));
    EXPECT_EQ(b.spis.front(), 0x1004u);
    EXPECT_EQ(site.rsip->GetClientCount(), 2u);
    EXPECT_EQ(site.rsip->GetAssignedCount(), 4u);
}

TEST(Rsip, TrafficLeavesAsTheExternalAddressAndRepliesReachTheBoundHost)
{
    RsipSite site;
    auto first = site.SendFromLease(0, 0, Seconds(1));
    auto second = site.SendFromLease(1, 3, Seconds(1.1));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(*first, 1u);
    EXPECT_EQ(*second, 1u);
    ASSERT_EQ(site.peerSaw.size(), 2u);
    EXPECT_EQ(site.peerSaw[0].first, site.wan.GetAddress(0));
    EXPECT_EQ(site.peerSaw[0].second, 10000);
    EXPECT_EQ(site.peerSaw[1].second, 10019);
    EXPECT_EQ(site.rsip->GetDemultiplexedCount(), 2u);
    EXPECT_EQ(site.rsip->GetDropCount(), 0u);
}

TEST(Rsip, PacketsForUnassignedPortsAreCountedAsNoBinding)
{
    RsipSite site;
    // From outside the lease: the reply comes back to a port nobody holds.
    Simulator::Schedule(Seconds(1), [&site]() {
        Ptr<Socket> s = Socket::CreateSocket(site.hosts.Get(0), UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(site.clients[0]->GetLease().external, 500));
        s->SendTo(Create<Packet>(10), 0, InetSocketAddress(site.wan.GetAddress(1), 9));
    });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(site.peerSaw.size(), 1u);
    EXPECT_EQ(site.rsip->GetDropCount(RsipGateway::NO_BINDING_DROP), 1u);
}

TEST(Rsip, LeasesAreExtendedAndLapseWithoutExtension)
{
    Config::SetDefault("ns3::RsipGateway::LeaseTime", TimeValue(Seconds(4)));
    RsipSite site;
    site.clients[1]->SetStopTime(Seconds(1)); // host-2 de-registers
    auto late = site.SendFromLease(0, 0, Seconds(9));
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    Config::SetDefault("ns3::RsipGateway::LeaseTime", TimeValue(Seconds(60)));
    EXPECT_EQ(*late, 1u) << "host-1's extensions keep its binding past the 4 s lease";
    EXPECT_GT(site.clients[0]->GetExtensionBytes(), 0u);
    EXPECT_EQ(site.rsip->GetClientCount(), 1u);
}

TEST(Rsip, WithoutAGatewayTheClientCountsNoLease)
{
    RsipSite site(false);
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    EXPECT_FALSE(site.clients[0]->HasLease());
    EXPECT_EQ(site.clients[0]->GetFailureCount(RsipClient::NO_LEASE), 1u);
}

} // namespace
