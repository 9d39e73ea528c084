/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// ESP and AH in tunnel mode between two gateways (RFC 4301 4.1, RFC 4891
// A.1 route-based), for every transform, and the anti-spoofing check of
// RFC 3715 section 5.

#include "ipsec-test-topology.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace natt_test;

class IpsecTunnel : public testing::TestWithParam<NamedTransform>
{
};

TEST_P(IpsecTunnel, UdpEchoAndTcpBetweenSubnets)
{
    TwoSubnets net;
    IpsecHelper ipsec;
    IpsecHelper::Pair pair = net.AddTunnel(ipsec, EspOptions(GetParam()));
    uint32_t received = 0;
    SetupEcho(net.H0(), net.H1(), net.H1Address(), 10, &received);
    Ptr<PacketSink> sink = SetupBulk(net.H0(), net.H1(), net.H1Address(), 200000);
    // Between the gateways only ESP travels.
    uint32_t clear = 0;
    net.links[1].Get(1)->TraceConnectWithoutContext("PhyRxEnd",
                                                    MakeBoundCallback(
                                                        +[](uint32_t* count, Ptr<const Packet> p) {
                                                            Ptr<Packet> copy = p->Copy();
                                                            PppHeader ppp;
                                                            copy->RemoveHeader(ppp);
                                                            Ipv4Header ip;
                                                            copy->RemoveHeader(ip);
                                                            if (ip.GetProtocol() != 50)
                                                            {
                                                                ++*count;
                                                            }
                                                        },
                                                        &clear));
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(received, 10u) << "every echo crossed the tunnel both ways";
    EXPECT_EQ(sink->GetTotalRx(), 200000u) << "the TCP transfer completed";
    EXPECT_EQ(clear, 0u) << "nothing but ESP between the gateways";
    EXPECT_GT(pair.inboundB->GetPackets(), 100u);
    EXPECT_GT(pair.inboundA->GetPackets(), 10u);
    EXPECT_EQ(Stack(net.GwA())->GetDropCount(), 0u);
    EXPECT_EQ(Stack(net.GwB())->GetDropCount(), 0u);
    Simulator::Destroy();
}

INSTANTIATE_TEST_SUITE_P(EveryTransform,
                         IpsecTunnel,
                         testing::ValuesIn(AllTransforms()),
                         [](const testing::TestParamInfo<NamedTransform>& info) {
                             return std::string(info.param.name);
                         });

TEST(IpsecTunnelAh, UdpEchoBetweenSubnets)
{
    TwoSubnets net;
    IpsecHelper ipsec;
    IpsecHelper::Options options;
    options.protocol = IPSEC_PROTOCOL_AH;
    options.transform = IpsecHelper::MakeTransform(IpsecTransform::ENCR_NULL,
                                                   IpsecTransform::INTEG_HMAC_SHA2_256_128);
    IpsecHelper::Pair pair = net.AddTunnel(ipsec, options);
    uint32_t received = 0;
    SetupEcho(net.H0(), net.H1(), net.H1Address(), 10, &received);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 10u);
    EXPECT_EQ(pair.inboundB->GetPackets(), 10u);
    EXPECT_EQ(Stack(net.GwB())->GetDropCount(), 0u);
    Simulator::Destroy();
}

namespace
{

/**
 * RFC 3715 section 5: gateway A's SA with B is for 10.0.1.0/24, but A
 * (compromised, or a NAT-T peer claiming more) tunnels traffic from a
 * third subnet, 10.0.9.0/24, through it. B must refuse the inner source.
 * \return the echo requests h1 received
 */
uint32_t
RunSpoof(bool check, uint64_t* spoofDrops)
{
    EnableChecksums();
    NodeContainer nodes; // h0, gwA, gwB, h1, h2 (behind gwA, 10.0.9.0/24)
    nodes.Create(5);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer l0 = p2p.Install(nodes.Get(0), nodes.Get(1));
    NetDeviceContainer l1 = p2p.Install(nodes.Get(1), nodes.Get(2));
    NetDeviceContainer l2 = p2p.Install(nodes.Get(2), nodes.Get(3));
    NetDeviceContainer l3 = p2p.Install(nodes.Get(4), nodes.Get(1));
    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper a("10.0.1.0", "255.255.255.0");
    Ipv4InterfaceContainer i0 = a.Assign(l0);
    Ipv4AddressHelper b("192.0.2.0", "255.255.255.0");
    Ipv4InterfaceContainer i1 = b.Assign(l1);
    Ipv4AddressHelper c("10.0.2.0", "255.255.255.0");
    Ipv4InterfaceContainer i2 = c.Assign(l2);
    Ipv4AddressHelper d("10.0.9.0", "255.255.255.0");
    Ipv4InterfaceContainer i3 = d.Assign(l3);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    IpsecHelper ipsec;
    ipsec.SetStackAttribute("CheckTunnelSource", BooleanValue(check));
    IpsecHelper::End endA;
    endA.node = nodes.Get(1);
    endA.address = i1.GetAddress(0);
    endA.peerAddress = i1.GetAddress(1);
    endA.insideAddress = i0.GetAddress(1);
    // A protects (sends into the SA) everything for B's subnet.
    endA.selector = IpsecSelector::SubnetToSubnet(Ipv4Address::GetAny(),
                                                  Ipv4Mask::GetZero(),
                                                  Ipv4Address("10.0.2.0"),
                                                  Ipv4Mask("/24"));
    IpsecHelper::End endB;
    endB.node = nodes.Get(2);
    endB.address = i1.GetAddress(1);
    endB.peerAddress = i1.GetAddress(0);
    endB.insideAddress = i2.GetAddress(0);
    endB.selector = IpsecSelector::SubnetToSubnet(Ipv4Address("10.0.2.0"),
                                                  Ipv4Mask("/24"),
                                                  Ipv4Address("10.0.1.0"),
                                                  Ipv4Mask("/24"));
    IpsecHelper::Options options;
    options.transform = IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_CBC,
                                                   IpsecTransform::INTEG_HMAC_SHA2_256_128);
    ipsec.AddPair(endA, endB, IPSEC_MODE_TUNNEL, options);

    UdpEchoServerHelper echoServer(9);
    ApplicationContainer s = echoServer.Install(nodes.Get(3));
    s.Start(Seconds(0.5));
    uint32_t requests = 0;
    s.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountRx, &requests));
    UdpEchoClientHelper echoClient(i2.GetAddress(1), 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(5));
    echoClient.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
    echoClient.Install(nodes.Get(4)).Start(Seconds(1));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    *spoofDrops = Stack(nodes.Get(2))->GetDropCount(IpsecStack::SPOOFED_SOURCE_DROP);
    Simulator::Destroy();
    return requests;
}

} // namespace

TEST(IpsecTunnelSpoofing, ForeignInnerSourceIsDroppedWithTheCheck)
{
    uint64_t drops = 0;
    EXPECT_EQ(RunSpoof(true, &drops), 0u) << "no spoofed request reached h1";
    EXPECT_EQ(drops, 5u) << "each one was dropped as spoofed-source at B";
}

TEST(IpsecTunnelSpoofing, ForeignInnerSourceIsAcceptedWithoutTheCheck)
{
    uint64_t drops = 0;
    EXPECT_EQ(RunSpoof(false, &drops), 5u) << "without the check B forwards what A claims";
    EXPECT_EQ(drops, 0u);
}

TEST(IpsecTunnelUdpEncap, TunnelModeInsideUdp4500)
{
    TwoSubnets net;
    IpsecHelper ipsec;
    IpsecHelper::Options options = EspOptions(AllTransforms()[2]);
    options.encapsulation = IpsecEncapsulation::UDP_ENCAP;
    IpsecHelper::Pair pair = net.AddTunnel(ipsec, options);
    uint32_t received = 0;
    SetupEcho(net.H0(), net.H1(), net.H1Address(), 10, &received);
    Ptr<PacketSink> sink = SetupBulk(net.H0(), net.H1(), net.H1Address(), 100000);
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(received, 10u);
    EXPECT_EQ(sink->GetTotalRx(), 100000u);
    EXPECT_GT(Stack(net.GwB())->GetUdpEncapsulation()->GetEspReceived(), 10u)
        << "the tunnel ran inside UDP 4500";
    EXPECT_GT(pair.inboundB->GetPackets(), 10u);
    EXPECT_EQ(Stack(net.GwB())->GetDropCount(), 0u);
    Simulator::Destroy();
}
