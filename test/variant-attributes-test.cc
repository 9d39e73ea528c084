/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A user's --set of an attribute that a variant also sets (DESIGN section 5,
// "Scenario parameters"; issue 10 item 5): the user's value wins and the
// outcome follows it; the catalogue's traffic attributes are refused.

#include "catalogue-test-util.h"

#include "ns3/ipsec-stack.h"
#include "ns3/nat-engine.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

using natt_test::Metric;
using natt_test::RunVariant;
using natt_test::RunVariantWithSets;

namespace
{

const char* const kRecompute = "ns3::IpsecStack::TransportChecksum=Recompute";
const char* const kVerify = "ns3::IpsecStack::TransportChecksum=Verify";

} // namespace

TEST(VariantAttributes, UserValueWinsOverTheVariantsAndReachesParents)
{
    natt::RunContext context;
    ns3::TypeId stack = ns3::IpsecStack::GetTypeId();
    ns3::StringValue verify("Verify");
    EXPECT_EQ(
        natt::VariantValue(context, stack, "TransportChecksum", verify)->SerializeToString(nullptr),
        "Verify")
        << "without a --set the variant's value is used";
    context.attributes["ns3::IpsecStack::TransportChecksum"] = "Recompute";
    EXPECT_EQ(
        natt::VariantValue(context, stack, "TransportChecksum", verify)->SerializeToString(nullptr),
        "Recompute");
    EXPECT_EQ(natt::VariantValue(context, stack, "CheckSelectors", ns3::StringValue("false"))
                  ->SerializeToString(nullptr),
              "false")
        << "another attribute of the same type keeps the variant's value";
    // An attribute declared by a parent type is found from the child's type.
    context.attributes["ns3::Application::StartTime"] = "+2s";
    EXPECT_EQ(natt::VariantValue(context,
                                 ns3::TypeId::LookupByName("ns3::UdpEchoServer"),
                                 "StartTime",
                                 ns3::StringValue("+0s"))
                  ->SerializeToString(nullptr),
              "+2s");
    EXPECT_EQ(natt::UserAttributes(context, ns3::NatEngine::GetTypeId()).size(), 0u);
}

TEST(VariantAttributes, TrafficAttributesAreRefusedNamingTheConflict)
{
    for (const auto& key : natt::TrafficAttributes())
    {
        // Each names a real attribute, so the list cannot drift from ns-3.
        std::size_t colons = key.rfind("::");
        ns3::TypeId tid;
        ASSERT_TRUE(ns3::TypeId::LookupByNameFailSafe(key.substr(0, colons), &tid)) << key;
        ns3::TypeId::AttributeInformation info;
        EXPECT_TRUE(tid.LookupAttributeByName(key.substr(colons + 2), &info)) << key;
    }
    try
    {
        natt::CheckUserAttributes({"packets=3", "ns3::UdpEchoClient::MaxPackets=5"});
        ADD_FAILURE() << "a traffic attribute was accepted";
    }
    catch (const natt::UsageError& e)
    {
        EXPECT_NE(std::string(e.what()).find("ns3::UdpEchoClient::MaxPackets"), std::string::npos)
            << e.what();
    }
    auto attributes = natt::CheckUserAttributes({"packets=3", kRecompute});
    ASSERT_EQ(attributes.size(), 1u) << "scenario parameters are not attributes";
    EXPECT_EQ(attributes["ns3::IpsecStack::TransportChecksum"], "Recompute");
}

// RFC 3715 2.1 b: the variant verifies checksums as they arrive; a user who
// asks for RFC 3948's recomputation gets it, and the checksums hold.
TEST(VariantAttributes, Rfc3715BFollowsTheUsersTransportChecksum)
{
    natt::ResultRow plain = RunVariant("rfc3715-b", "esp-transport");
    EXPECT_EQ(plain.outcome, "fails");
    EXPECT_EQ(plain.symptom, "l4-checksum-invalid");

    natt::ResultRow recompute = RunVariantWithSets("rfc3715-b", "esp-transport", {kRecompute});
    EXPECT_EQ(recompute.outcome, "works") << recompute.symptom;
    EXPECT_EQ(recompute.symptom, "none");
    EXPECT_EQ(Metric(recompute, "l4_checksum_drops"), 0);

    // And the other way: the NAT-OA variant with checksums only verified.
    natt::ResultRow verify = RunVariantWithSets("rfc3715-b", "rfc3948-nat-oa", {kVerify});
    EXPECT_EQ(verify.outcome, "fails");
    EXPECT_EQ(verify.symptom, "l4-checksum-invalid");
    EXPECT_GT(Metric(verify, "l4_checksum_drops"), 0);
}

// RFC 3715 2.1 j: the entry recomputes transport checksums and picks the
// NAT's handling of ESP by preset; the user's values of both win.
TEST(VariantAttributes, Rfc3715JFollowsTheUsersChecksumAndNatAttributes)
{
    natt::ResultRow encap = RunVariantWithSets("rfc3715-j", "udp-encap", {kVerify});
    EXPECT_EQ(encap.outcome, "fails");
    EXPECT_EQ(encap.symptom, "l4-checksum-invalid");

    // With one host, an address-only NAT carries ESP; the user's
    // OtherProtocols=Drop (ns-3's own default, which the preset would
    // otherwise replace) makes it drop ESP instead.
    natt::ResultRow oneHost = RunVariant("rfc3715-j", "address-only-second-host", {{"hosts", "1"}});
    EXPECT_EQ(oneHost.outcome, "works") << oneHost.symptom;
    natt::ResultRow dropping =
        RunVariantWithSets("rfc3715-j",
                           "address-only-second-host",
                           {"hosts=1", "ns3::NatEngine::OtherProtocols=Drop"});
    EXPECT_EQ(dropping.outcome, "fails");
    EXPECT_EQ(dropping.symptom, "esp-dropped-by-nat");
    EXPECT_GT(Metric(dropping, "esp_dropped_by_nat"), 0);
}

// RFC 3715 section 5: whether gateway-b checks inner sources is the
// variant's difference; the user's CheckTunnelSource decides instead.
TEST(VariantAttributes, Rfc3715SpoofFollowsTheUsersSourceCheck)
{
    natt::ResultRow on = RunVariantWithSets("rfc3715-spoof",
                                            "no-source-check",
                                            {"ns3::IpsecStack::CheckTunnelSource=true"});
    EXPECT_EQ(on.outcome, "works") << on.symptom;
    EXPECT_EQ(Metric(on, "spoofed_accepted"), 0);
    EXPECT_GT(Metric(on, "spoofed_source_drops"), 0);

    natt::ResultRow off = RunVariantWithSets("rfc3715-spoof",
                                             "source-check",
                                             {"ns3::IpsecStack::CheckTunnelSource=false"});
    EXPECT_EQ(off.outcome, "fails");
    EXPECT_EQ(off.symptom, "spoof-accepted");
    EXPECT_GT(Metric(off, "spoofed_accepted"), 0);
}
