/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// ESP-in-UDP (RFC 3948) through a port-preserving NAPT, transport-mode
// checksum handling after NAT (RFC 3948 3.1.2, RFC 3715 2.1 b), and
// NAT-keepalives against a short mapping timeout (RFC 3948 2.3, RFC 3715
// 2.1 k). The NAT is natt's NatEngine (preset "address-only").

#include "ipsec-test-nat.h"
#include "ipsec-test-topology.h"

#include "ns3/ike-ports.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace natt_test;

namespace
{

/// NAT-T transport SAs between a (behind the NAT) and b.
IpsecHelper::Pair
AddNattPair(IpsecHelper& ipsec, const BehindNat& net, IpsecEncapsulation::Type encapsulation)
{
    IpsecHelper::End a;
    a.node = net.A();
    a.address = net.Private();
    a.peerAddress = net.Server();
    a.selector = IpsecSelector::HostToHost(net.Private(), net.Server());
    a.natOaLocal = net.Public(); // b addresses us by the NAT's address
    IpsecHelper::End b;
    b.node = net.B();
    b.address = net.Server();
    b.peerAddress = net.Public();
    b.selector = IpsecSelector::HostToHost(net.Server(), net.Public());
    b.natOaRemote = net.Private(); // a's checksums use its private address
    IpsecHelper::Options options;
    options.transform = IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_CBC,
                                                   IpsecTransform::INTEG_HMAC_SHA1_96);
    options.encapsulation = encapsulation;
    return ipsec.AddPair(a, b, IPSEC_MODE_TRANSPORT, options);
}

} // namespace

TEST(IpsecNat, EspInUdpCrossesAPortPreservingNat)
{
    BehindNat net;
    IpsecHelper ipsec;
    IpsecHelper::Pair pair = AddNattPair(ipsec, net, IpsecEncapsulation::UDP_ENCAP);
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.Server(), 10, &received);
    Ptr<PacketSink> sink = SetupBulk(net.A(), net.B(), net.Server(), 100000);
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(received, 10u) << "echoes crossed the NAT inside UDP 4500";
    EXPECT_EQ(sink->GetTotalRx(), 100000u) << "TCP checksums were fixed with NAT-OA";
    EXPECT_EQ(pair.outboundB->GetParameters().encapsulation.remotePort, IKE_NAT_T_UDP_PORT)
        << "the NAT preserved the port";
    EXPECT_EQ(Stack(net.B())->GetDropCount(), 0u);
    EXPECT_EQ(Stack(net.A())->GetDropCount(), 0u);
    EXPECT_GE(Stack(net.B())->GetUdpEncapsulation()->GetEspReceived(), 10u);
    Simulator::Destroy();
}

class IpsecNatChecksum : public testing::TestWithParam<std::string>
{
};

TEST_P(IpsecNatChecksum, TransportChecksumAfterNat)
{
    BehindNat net;
    IpsecHelper ipsec;
    ipsec.SetStackAttribute("TransportChecksum", StringValue(GetParam()));
    AddNattPair(ipsec, net, IpsecEncapsulation::UDP_ENCAP);
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.Server(), 5, &received);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    uint64_t failures = Stack(net.B())->GetDropCount(IpsecStack::L4_CHECKSUM_INVALID_DROP);
    if (GetParam() == "Verify")
    {
        // RFC 3715 2.1 b: the checksum covers the private address the NAT replaced.
        EXPECT_EQ(received, 0u);
        EXPECT_EQ(failures, 5u);
    }
    else
    {
        EXPECT_EQ(received, 5u);
        EXPECT_EQ(failures, 0u);
    }
    Simulator::Destroy();
}

INSTANTIATE_TEST_SUITE_P(EveryMode,
                         IpsecNatChecksum,
                         testing::Values("NatOa", "Recompute", "Verify"),
                         [](const testing::TestParamInfo<std::string>& info) {
                             return info.param;
                         });

TEST(IpsecNat, SelectorsUseNatOaOnlyWithNatTraversal)
{
    // RFC 3715 2.1 i: plain ESP through the NAT; b's SA names a's original
    // address, the packets carry the NAT's.
    BehindNat net;
    IpsecHelper ipsec;
    IpsecHelper::End a;
    a.node = net.A();
    a.address = net.Private();
    a.peerAddress = net.Server();
    a.selector = IpsecSelector::HostToHost(net.Private(), net.Server());
    IpsecHelper::End b;
    b.node = net.B();
    b.address = net.Server();
    b.peerAddress = net.Public();
    b.selector = IpsecSelector::HostToHost(net.Server(), net.Private());
    b.natOaRemote = net.Private();
    IpsecHelper::Options options;
    options.transform =
        IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_GCM_16, IpsecTransform::INTEG_NONE);
    ipsec.AddPair(a, b, IPSEC_MODE_TRANSPORT, options);
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.Server(), 3, &received);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 0u);
    EXPECT_EQ(Stack(net.B())->GetDropCount(IpsecStack::SELECTOR_MISMATCH_DROP), 3u);
    Simulator::Destroy();
}

TEST(IpsecNat, AhFailsThroughNat)
{
    BehindNat net;
    IpsecHelper ipsec;
    IpsecHelper::Options options;
    options.protocol = IPSEC_PROTOCOL_AH;
    options.transform =
        IpsecHelper::MakeTransform(IpsecTransform::ENCR_NULL, IpsecTransform::INTEG_HMAC_SHA1_96);
    IpsecHelper::End a;
    a.node = net.A();
    a.address = net.Private();
    a.peerAddress = net.Server();
    a.selector = IpsecSelector::HostToHost(net.Private(), net.Server());
    IpsecHelper::End b;
    b.node = net.B();
    b.address = net.Server();
    b.peerAddress = net.Public();
    b.selector = IpsecSelector::HostToHost(net.Server(), net.Public());
    ipsec.AddPair(a, b, IPSEC_MODE_TRANSPORT, options);
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.Server(), 4, &received);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 0u);
    EXPECT_EQ(Stack(net.B())->GetDropCount(IpsecStack::ICV_FAILURE_DROP), 4u)
        << "the ICV covers the source address the NAT rewrote (RFC 3715 2.1 a)";
    EXPECT_EQ(Stack(net.B())->GetDropCount(IpsecStack::ICV_FAILURE_DROP, IPSEC_PROTOCOL_AH), 4u)
        << "counted as AH's";
    Simulator::Destroy();
}

namespace
{

/**
 * a talks to b once at 1 s, then is idle; b starts talking to a at 60 s.
 * The NAT forgets mappings after 30 s idle. \return the echoes b got back.
 */
uint32_t
RunIdle(bool keepalives, uint64_t* keepalivesReceived, std::size_t* mappings)
{
    BehindNat net(Seconds(30));
    IpsecHelper ipsec;
    AddNattPair(ipsec, net, IpsecEncapsulation::UDP_ENCAP);
    Config::SetDefault("ns3::UdpEncapsulation::KeepaliveInterval", TimeValue(Seconds(20)));
    if (keepalives)
    {
        Stack(net.A())->GetUdpEncapsulation()->StartKeepalive(
            InetSocketAddress(net.Private(), IKE_NAT_T_UDP_PORT),
            InetSocketAddress(net.Server(), IKE_NAT_T_UDP_PORT));
    }
    uint32_t first = 0;
    SetupEcho(net.A(), net.B(), net.Server(), 1, &first);
    // b's echo server on a: b is the client now.
    uint32_t late = 0;
    UdpEchoServerHelper server(7);
    server.Install(net.A()).Start(Seconds(0.5));
    UdpEchoClientHelper client(net.Public(), 7);
    client.SetAttribute("MaxPackets", UintegerValue(3));
    client.SetAttribute("Interval", TimeValue(Seconds(1)));
    ApplicationContainer c = client.Install(net.B());
    c.Start(Seconds(60));
    c.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountRx, &late));
    Simulator::Stop(Seconds(70));
    Simulator::Run();
    *keepalivesReceived = Stack(net.B())->GetUdpEncapsulation()->GetKeepalivesReceived();
    *mappings = net.nat->GetMappingCount();
    Simulator::Destroy();
    return late;
}

} // namespace

TEST(IpsecKeepalive, KeepalivesHoldTheNatMapping)
{
    uint64_t keepalives = 0;
    std::size_t mappings = 0;
    EXPECT_EQ(RunIdle(true, &keepalives, &mappings), 3u) << "b reached a through the held mapping";
    EXPECT_EQ(keepalives, 3u) << "one 0xFF byte every 20 s (at 20, 40, 60 s)";
    EXPECT_GE(mappings, 1u) << "the UDP 4500 mapping is still there";
}

TEST(IpsecKeepalive, WithoutKeepalivesTheMappingExpires)
{
    uint64_t keepalives = 0;
    std::size_t mappings = 0;
    EXPECT_EQ(RunIdle(false, &keepalives, &mappings), 0u) << "RFC 3715 2.1 k: mapping expired";
    EXPECT_EQ(keepalives, 0u);
}
