/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// ESP and AH in transport mode between two hosts (RFC 4303, RFC 4302):
// unmodified UdpEcho and a TCP bulk transfer, for every transform.

#include "ipsec-test-topology.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace natt_test;

class IpsecTransport : public testing::TestWithParam<NamedTransform>
{
};

TEST_P(IpsecTransport, UdpEchoIsProtectedAndDelivered)
{
    TwoHosts net;
    IpsecHelper ipsec;
    IpsecHelper::Pair pair = ipsec.AddTransportPair(net.nodes.Get(0),
                                                    net.Address(0),
                                                    net.nodes.Get(1),
                                                    net.Address(1),
                                                    EspOptions(GetParam()));
    uint32_t received = 0;
    SetupEcho(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 10, &received);
    // A plain capture shows only ESP between the hosts.
    uint32_t plainUdp = 0;
    net.devices.Get(1)->TraceConnectWithoutContext("PhyRxEnd",
                                                   MakeBoundCallback(
                                                       +[](uint32_t* count, Ptr<const Packet> p) {
                                                           Ptr<Packet> copy = p->Copy();
                                                           PppHeader ppp;
                                                           copy->RemoveHeader(ppp);
                                                           Ipv4Header ip;
                                                           copy->RemoveHeader(ip);
                                                           if (ip.GetProtocol() == 17)
                                                           {
                                                               ++*count;
                                                           }
                                                       },
                                                       &plainUdp));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 10u) << "every echo came back through ESP";
    EXPECT_EQ(plainUdp, 0u) << "no UDP left the client in clear";
    EXPECT_EQ(pair.outboundA->GetPackets(), 10u);
    EXPECT_EQ(pair.inboundB->GetPackets(), 10u);
    EXPECT_EQ(pair.outboundB->GetPackets(), 10u);
    EXPECT_EQ(pair.inboundA->GetPackets(), 10u);
    EXPECT_EQ(Stack(net.nodes.Get(0))->GetDropCount(), 0u);
    EXPECT_EQ(Stack(net.nodes.Get(1))->GetDropCount(), 0u);
    Simulator::Destroy();
}

TEST_P(IpsecTransport, TcpBulkTransferCompletes)
{
    TwoHosts net;
    IpsecHelper ipsec;
    ipsec.AddTransportPair(net.nodes.Get(0),
                           net.Address(0),
                           net.nodes.Get(1),
                           net.Address(1),
                           EspOptions(GetParam()));
    Ptr<PacketSink> sink = SetupBulk(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 200000);
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(sink->GetTotalRx(), 200000u) << "the whole transfer arrived, checksums verified";
    EXPECT_EQ(Stack(net.nodes.Get(1))->GetDropCount(), 0u);
    EXPECT_GT(Stack(net.nodes.Get(1))->GetAcceptedCount(), 100u);
    Simulator::Destroy();
}

INSTANTIATE_TEST_SUITE_P(EveryTransform,
                         IpsecTransport,
                         testing::ValuesIn(AllTransforms()),
                         [](const testing::TestParamInfo<NamedTransform>& info) {
                             return std::string(info.param.name);
                         });

class IpsecAh : public testing::TestWithParam<IpsecTransform::Integrity>
{
};

TEST_P(IpsecAh, UdpEchoAndTcpOverAh)
{
    TwoHosts net;
    IpsecHelper ipsec;
    IpsecHelper::Options options;
    options.protocol = IPSEC_PROTOCOL_AH;
    options.transform = IpsecHelper::MakeTransform(IpsecTransform::ENCR_NULL, GetParam());
    IpsecHelper::Pair pair = ipsec.AddTransportPair(net.nodes.Get(0),
                                                    net.Address(0),
                                                    net.nodes.Get(1),
                                                    net.Address(1),
                                                    options);
    uint32_t received = 0;
    SetupEcho(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 5, &received);
    Ptr<PacketSink> sink = SetupBulk(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 50000);
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    EXPECT_EQ(received, 5u);
    EXPECT_EQ(sink->GetTotalRx(), 50000u);
    EXPECT_GE(pair.inboundB->GetPackets(), 5u);
    EXPECT_EQ(Stack(net.nodes.Get(1))->GetDropCount(), 0u);
    Simulator::Destroy();
}

INSTANTIATE_TEST_SUITE_P(EveryIntegrity,
                         IpsecAh,
                         testing::Values(IpsecTransform::INTEG_HMAC_SHA1_96,
                                         IpsecTransform::INTEG_HMAC_SHA2_256_128),
                         [](const testing::TestParamInfo<IpsecTransform::Integrity>& info) {
                             return std::string(info.param == IpsecTransform::INTEG_HMAC_SHA1_96
                                                    ? "HmacSha1"
                                                    : "HmacSha256");
                         });

TEST(IpsecPolicy, DiscardAndMissingSaAreCountedAndAcquireFires)
{
    TwoHosts net;
    IpsecHelper ipsec;
    Ptr<IpsecStack> a = ipsec.Install(net.nodes.Get(0));
    ipsec.Install(net.nodes.Get(1));
    IpsecPolicy protect;
    protect.selector = IpsecSelector::HostToHost(net.Address(0), net.Address(1), 17);
    protect.action = IpsecPolicy::PROTECT;
    uint32_t id = a->GetSpd()->Add(protect);
    IpsecPolicy discard;
    discard.selector = IpsecSelector::HostToHost(net.Address(0), net.Address(1), 6);
    discard.action = IpsecPolicy::DISCARD;
    a->GetSpd()->Add(discard);
    uint32_t acquired = 0;
    a->SetAcquireCallback(MakeBoundCallback(
        +[](uint32_t* count, const IpsecPolicy& policy, const IpsecTrafficKey& key) { ++*count; },
        &acquired));
    uint32_t received = 0;
    SetupEcho(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 3, &received);
    Ptr<PacketSink> sink = SetupBulk(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 1000);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 0u);
    EXPECT_EQ(acquired, 3u) << "each packet without an SA asks IKE for one";
    EXPECT_EQ(a->GetDropCount(IpsecStack::NO_SA_DROP), 3u);
    EXPECT_GE(a->GetDropCount(IpsecStack::POLICY_DISCARD_DROP), 1u) << "TCP SYNs discarded";
    EXPECT_EQ(sink->GetTotalRx(), 0u);
    (void)id;
    Simulator::Destroy();
}

TEST(IpsecPolicy, PlaintextWhereProtectionIsRequiredIsDropped)
{
    TwoHosts net;
    IpsecHelper ipsec;
    ipsec.AddTransportPair(net.nodes.Get(0),
                           net.Address(0),
                           net.nodes.Get(1),
                           net.Address(1),
                           EspOptions(AllTransforms()[0]));
    // The client's side forgets its policies: its echo requests leave in clear.
    Stack(net.nodes.Get(0))->GetSpd()->Clear();
    uint32_t received = 0;
    SetupEcho(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 4, &received);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 0u);
    EXPECT_EQ(Stack(net.nodes.Get(1))->GetDropCount(IpsecStack::POLICY_MISMATCH_DROP), 4u);
    Simulator::Destroy();
}

TEST(IpsecLifetime, HardByteLimitEndsTheSa)
{
    TwoHosts net;
    IpsecHelper ipsec;
    IpsecHelper::Options options = EspOptions(AllTransforms()[2]);
    options.hardByteLimit = 3 * 208; // three echo requests of 200 bytes + UDP header
    ipsec.AddTransportPair(net.nodes.Get(0),
                           net.Address(0),
                           net.nodes.Get(1),
                           net.Address(1),
                           options);
    uint32_t received = 0;
    SetupEcho(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 6, &received);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 3u) << "the SA carried its byte allowance, then stopped";
    EXPECT_EQ(Stack(net.nodes.Get(0))->GetDropCount(IpsecStack::SA_EXPIRED_DROP), 3u);
    Simulator::Destroy();
}
