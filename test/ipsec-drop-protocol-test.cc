/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IPsec drops record the protocol whose processing dropped the packet, and
// the data-plane symptom of an ICV failure follows that protocol (issue 10,
// item 6): ah-icv-mismatch when AH's ICV failed, icv-failure when ESP's
// did, whatever SAs the node also holds.

#include "catalogue/dataplane-common.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-cipher-suite.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace natt;

namespace
{

constexpr uint16_t kAhPort = 7;
constexpr uint16_t kEspPort = 9;

/// Every drop reason the server's stack traced.
struct DropTrace
{
    std::vector<std::string> drops;
};

void
OnDrop(DropTrace* trace, Ptr<const Packet>, const char* reason)
{
    trace->drops.emplace_back(reason);
}

/// What one run counted and concluded.
struct Result
{
    std::string symptom;
    uint64_t ahIcvFailures{0};
    uint64_t espIcvFailures{0};
    uint64_t serverAhIcv{0};
    uint64_t serverEspIcv{0};
    uint32_t espReplies{0};
    DropTrace trace;
};

/**
 * host behind home-nat (address only: AH passes, but the rewritten address
 * breaks its ICV, RFC 3715 2.1 a) keeps two transport-mode SA pairs with
 * server: AH for UDP port 7, ESP in UDP 4500 with NAT-OA for port 9. So
 * server holds inbound SAs of both protocols. \p echoOnAh sends echoes on
 * the AH port too; \p wrongEspKey gives server's inbound ESP SA an
 * integrity key that is not the host's, so every ESP ICV fails there.
 */
Result
RunServerWithBothSas(bool echoOnAh, bool wrongEspKey)
{
    RunContext context;
    context.variant = "drop-protocol";
    Lab lab("ipsec-drop-protocol-test", context);
    NatHelper nat;
    nat.SetPreset("address-only");
    dataplane::RemoteAccess net = dataplane::AddRemoteAccess(lab, nat, 1);
    lab.Build();

    IpsecHelper ipsec;
    dataplane::TransportSpec ah;
    ah.options = dataplane::AhOptions();
    ah.serverPort = kAhPort;
    dataplane::AddTransportPair(ipsec, lab, net.hosts[0], net.nat, net.server, ah);
    dataplane::TransportSpec esp;
    esp.options = dataplane::EspOptions(IpsecEncapsulation::UDP_ENCAP);
    esp.natOa = true;
    esp.serverPort = kEspPort;
    IpsecHelper::Pair espPair =
        dataplane::AddTransportPair(ipsec, lab, net.hosts[0], net.nat, net.server, esp);
    if (wrongEspKey)
    {
        IpsecTransform transform = espPair.inboundB->GetParameters().transform;
        transform.integrityKey[0] ^= 0xff;
        std::string error;
        auto suite = IpsecCipherSuite::Create(transform, &error);
        EXPECT_TRUE(suite) << error;
        espPair.inboundB->SetCipherSuite(suite);
    }

    Result result;
    net.server->GetObject<IpsecStack>()->TraceConnectWithoutContext(
        "Drop",
        MakeBoundCallback(&OnDrop, &result.trace));
    if (echoOnAh)
    {
        lab.AddUdpEcho(net.hosts[0], net.server, kAhPort, 3, MilliSeconds(100), 100, Seconds(1));
    }
    auto espFlow =
        lab.AddUdpEcho(net.hosts[0], net.server, kEspPort, 3, MilliSeconds(100), 100, Seconds(1));
    lab.Run(Seconds(3));

    result.symptom = dataplane::ExplainLoss(lab);
    result.ahIcvFailures = lab.GetProbe().GetIpsecDrops("icv-failure", IPSEC_PROTOCOL_AH);
    result.espIcvFailures = lab.GetProbe().GetIpsecDrops("icv-failure", IPSEC_PROTOCOL_ESP);
    Ptr<IpsecStack> server = net.server->GetObject<IpsecStack>();
    result.serverAhIcv = server->GetDropCount(IpsecStack::ICV_FAILURE_DROP, IPSEC_PROTOCOL_AH);
    result.serverEspIcv = server->GetDropCount(IpsecStack::ICV_FAILURE_DROP, IPSEC_PROTOCOL_ESP);
    result.espReplies = espFlow->repliesReceived;
    return result;
}

} // namespace

TEST(IpsecDropProtocol, AnAhIcvFailureIsAhsOnANodeThatAlsoHasEspSas)
{
    Result r = RunServerWithBothSas(true, false);
    EXPECT_EQ(r.serverAhIcv, 3u) << "each AH echo request failed its ICV at server";
    EXPECT_EQ(r.serverEspIcv, 0u);
    EXPECT_EQ(r.espReplies, 3u) << "ESP beside it works";
    EXPECT_EQ(r.ahIcvFailures, 3u);
    EXPECT_EQ(r.espIcvFailures, 0u);
    EXPECT_EQ(r.symptom, "ah-icv-mismatch");
    ASSERT_FALSE(r.trace.drops.empty());
    for (const auto& reason : r.trace.drops)
    {
        EXPECT_EQ(reason, "icv-failure");
    }
    EXPECT_EQ(r.trace.drops.size(), r.serverAhIcv) << "every traced drop was counted as AH's";
}

TEST(IpsecDropProtocol, AnEspIcvFailureIsEspsOnANodeThatAlsoHasAnAhSa)
{
    // Only ESP carries traffic; server's AH SA stays idle.
    Result r = RunServerWithBothSas(false, true);
    EXPECT_EQ(r.serverEspIcv, 3u) << "each ESP echo request failed its ICV at server";
    EXPECT_EQ(r.serverAhIcv, 0u);
    EXPECT_EQ(r.espReplies, 0u);
    EXPECT_EQ(r.symptom, "icv-failure") << "not ah-icv-mismatch: AH's ICV never failed";
    ASSERT_EQ(r.trace.drops.size(), 3u);
    for (const auto& reason : r.trace.drops)
    {
        EXPECT_EQ(reason, "icv-failure");
    }
}

TEST(IpsecDropProtocol, WithBothFailingAhsIcvExplainsTheLoss)
{
    Result r = RunServerWithBothSas(true, true);
    EXPECT_EQ(r.serverAhIcv, 3u);
    EXPECT_EQ(r.serverEspIcv, 3u);
    EXPECT_EQ(r.symptom, "ah-icv-mismatch") << "AH first, as ExplainLoss documents";
}
