/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The catalogue entries of RFC 3715 2.1 e and of the section 3
// requirements: every variant gives the outcome and symptom the catalogue
// expects, and changing a parameter so that the cause goes away changes
// the outcome.

#include "catalogue-test-util.h"
#include "catalogue.h"
#include "catalogue/req-common.h"
#include "lab.h"
#include "nat-test-util.h"
#include "runner.h"

#include <cctype>
#include <gtest/gtest.h>
#include <map>
#include <ostream>
#include <string>
#include <vector>

using natt::ResultRow;
using natt::Scenario;

using natt_test::Metric;
using natt_test::RunVariant;
using natt_test::RunVariantWithSets;
using natt_test::ScopedDefault;

namespace
{

struct ReqCase
{
    std::string id;
    std::string variant;
};

/// Names the case in test output (ctest lists GetParam()).
void
PrintTo(const ReqCase& c, std::ostream* os)
{
    *os << c.id << " " << c.variant;
}

std::vector<ReqCase>
AllReqCases()
{
    std::vector<ReqCase> cases;
    for (const char* id : {"rfc3715-e",
                           "req-telecommuter-multi-nat",
                           "req-gateway-behind-nat",
                           "req-end-to-end",
                           "req-many-behind-one-nat",
                           "req-same-private-address",
                           "req-firewall",
                           "req-backward-compat",
                           "req-rekey-bidirectional",
                           "server-behind-nat"})
    {
        const Scenario* scenario = natt::FindScenario(id);
        if (!scenario)
        {
            cases.push_back({id, "missing"});
            continue;
        }
        for (const auto& variant : scenario->GetVariants())
        {
            cases.push_back({id, variant.name});
        }
    }
    return cases;
}

class ReqCatalogue : public testing::TestWithParam<ReqCase>
{
};

} // namespace

TEST_P(ReqCatalogue, VariantGivesTheExpectedOutcomeAndSymptom)
{
    const ReqCase& c = GetParam();
    ASSERT_NE(c.variant, "missing") << c.id << " is not in the catalogue";
    ResultRow row = RunVariant(c.id, c.variant);
    EXPECT_EQ(row.outcome, row.expected) << c.id << " " << c.variant;
    EXPECT_EQ(row.symptom, row.expectedSymptom) << c.id << " " << c.variant;
    if (row.outcome == "works")
    {
        EXPECT_GT(Metric(row, "esp_delivered"), 0) << "works means protected";
    }
}

INSTANTIATE_TEST_SUITE_P(Entries,
                         ReqCatalogue,
                         testing::ValuesIn(AllReqCases()),
                         [](const testing::TestParamInfo<ReqCase>& info) {
                             std::string name = info.param.id + "_" + info.param.variant;
                             for (auto& ch : name)
                             {
                                 if (!isalnum(static_cast<unsigned char>(ch)))
                                 {
                                     ch = '_';
                                 }
                             }
                             return name;
                         });

// RFC 3715 2.1 e needs two initiators with the same address: alone, the
// legacy client's SPD entry overlaps nothing and its traffic comes back.
TEST(ReqParameters, OneClientWithPrivatePhase2IdsHasNothingToOverlap)
{
    ResultRow two = RunVariant("rfc3715-e", "phase2-private-ids");
    EXPECT_EQ(two.outcome, "fails");
    EXPECT_GT(Metric(two, "esp_misdelivered"), 0);
    ResultRow one = RunVariant("rfc3715-e", "phase2-private-ids", {{"clients", "1"}});
    EXPECT_EQ(one.outcome, "works");
    EXPECT_EQ(one.symptom, "none");
    EXPECT_EQ(Metric(one, "esp_misdelivered"), 0);
}

// The same for the requirement's N telecommuters with one address.
TEST(ReqParameters, SamePrivateAddressOverlapsOnlyWithASecondClient)
{
    ResultRow one = RunVariant("req-same-private-address", "natt-private-ids", {{"clients", "1"}});
    EXPECT_EQ(one.outcome, "works");
    ResultRow five = RunVariant("req-same-private-address", "natt-virtual-ip", {{"clients", "5"}});
    EXPECT_EQ(five.outcome, "works");
    EXPECT_EQ(Metric(five, "echo_replies"), 50);
}

// An address-only NAT serves one ESP host: with one telecommuter, legacy
// IPsec crosses it; the scaling requirement is about the second one.
TEST(ReqParameters, OneTelecommuterBehindTheNatNeedsNoTraversal)
{
    ResultRow one = RunVariant("req-many-behind-one-nat", "no-natt", {{"clients", "1"}});
    EXPECT_EQ(one.outcome, "works");
    ResultRow eight = RunVariant("req-many-behind-one-nat", "natt", {{"clients", "8"}});
    EXPECT_EQ(eight.outcome, "works");
    EXPECT_EQ(Metric(eight, "echo_replies"), 80);
}

// A mapping that outlives the idle time between rekeys lets the gateway's
// rekeys through even on UDP 500.
TEST(ReqParameters, LongUdpTimeoutLetsLegacyRekeysThrough)
{
    ResultRow row = RunVariant("req-rekey-bidirectional", "no-natt", {{"udp-timeout", "300"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "child_rekeys"), 2);
    EXPECT_EQ(Metric(row, "ike_rekeys"), 2);
}

// Every connection of the end-to-end scenario completes.
TEST(ReqParameters, EndToEndCarriesEveryConnection)
{
    ResultRow row = RunVariant("req-end-to-end", "natt-transport", {{"connections", "5"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "connections_complete"), 5);
}

// Without a NAT the NAT-T endpoint uses no encapsulation at all.
TEST(ReqParameters, NoNatMeansNoEncapsulation)
{
    ResultRow row = RunVariant("req-backward-compat", "natt-peer");
    EXPECT_EQ(Metric(row, "esp_in_udp_sent"), 0);
    ResultRow behind = RunVariant("rfc3715-e", "natt-transport");
    EXPECT_GT(Metric(behind, "esp_in_udp_sent"), 0);
}

// The esp-* symptoms are about ESP (IP protocol 50): a NAT that drops other
// protocols, or a firewall that refuses other traffic, explains no ESP loss.
TEST(ReqSymptoms, OnlyEspDropsMakeEspSymptoms)
{
    using ns3::Ipv4Header;
    using ns3::Seconds;
    for (uint8_t protocol : {uint8_t{47}, uint8_t{50}})
    {
        for (const char* preset : {"port-preserving", "firewall-ike-only"})
        {
            natt::RunContext context;
            context.variant = "classify";
            natt::Lab lab("req-test", context);
            ns3::Ptr<ns3::Node> server = lab.AddPublicNode("server");
            ns3::Ptr<ns3::Node> nat = lab.AddNat("nat", preset, "10.0.0.0/24");
            ns3::Ptr<ns3::Node> host = lab.AddHost("host", nat);
            lab.Build();
            ns3::NatTestRaw raw(host, protocol);
            Ipv4Header header = ns3::NatTestFragmentHeader(lab.GetAddress(host),
                                                           lab.GetAddress(server),
                                                           protocol,
                                                           1,
                                                           0,
                                                           false);
            raw.SendAt(Seconds(1), header, std::vector<uint8_t>(40, 0x5a));
            // The firewall also refuses UDP to a port it does not list.
            ns3::NatTestUdp udp(host, 9);
            udp.SendAt(Seconds(1.1), lab.GetAddress(server), 9, 40);
            lab.Run(Seconds(2));
            std::string symptom = natt::req::Classify(lab, 0, 0);
            bool firewall = std::string(preset) == "firewall-ike-only";
            std::string esp = firewall ? "esp-blocked-by-firewall" : "esp-dropped-by-nat";
            EXPECT_GT(lab.GetProbe().GetNatDrops(), 0u) << preset;
            if (protocol == 50)
            {
                EXPECT_EQ(symptom, esp) << preset;
            }
            else
            {
                EXPECT_NE(symptom, "esp-blocked-by-firewall") << preset;
                EXPECT_NE(symptom, "esp-dropped-by-nat") << preset;
            }
        }
    }
}

// The same in a whole entry: NAT-T's IKE refused on UDP 4500 is not ESP
// blocked by the firewall.
TEST(ReqSymptoms, AFirewallThatRefusesUdp4500FailsIkeNotEsp)
{
    ScopedDefault rule("ns3::NatEngine::AllowList", "udp/500");
    ResultRow row = RunVariant("req-firewall", "natt");
    EXPECT_EQ(row.outcome, "fails");
    EXPECT_EQ(row.symptom, "ike-failed");
    EXPECT_GT(Metric(row, "nat_dropped"), 0);
}

// Wikipedia NAT traversal, servers behind NAT: each cause flips with a
// --set, in both IKE versions. The initiator policy decides once the
// server's UDP 500 and 4500 are forwarded ...
TEST(ServerBehindNat, ThePolicyAttributeDecidesWithForwardingOn)
{
    for (const std::string suffix : {"", "-ikev1"})
    {
        ResultRow allowed = RunVariantWithSets("server-behind-nat",
                                               "forwarding-refused-by-policy" + suffix,
                                               {"ns3::IkeDaemon::AllowResponderBehindNat=true"});
        EXPECT_EQ(allowed.outcome, "works") << suffix;
        EXPECT_GT(Metric(allowed, "esp_in_udp_sent"), 0) << "NAT-T in use" << suffix;
        ResultRow refused = RunVariantWithSets("server-behind-nat",
                                               "forwarding-allowed" + suffix,
                                               {"ns3::IkeDaemon::AllowResponderBehindNat=false"});
        EXPECT_EQ(refused.outcome, "fails") << suffix;
        EXPECT_EQ(refused.symptom, "server-behind-nat-refused") << suffix;
        EXPECT_EQ(Metric(refused, "ike_sas_established"), 0) << suffix;
    }
}

// ... and without the forwarding rules nothing from outside gets in.
TEST(ServerBehindNat, RemovingTheForwardingRulesDropsTheFirstIkeMessage)
{
    for (const std::string suffix : {"", "-ikev1"})
    {
        ResultRow row = RunVariantWithSets("server-behind-nat",
                                           "forwarding-allowed" + suffix,
                                           {"ns3::NatEngine::PortForwarding="});
        EXPECT_EQ(row.outcome, "fails") << suffix;
        EXPECT_EQ(row.symptom, "inbound-unsolicited-dropped") << suffix;
        EXPECT_GT(Metric(row, "nat_dropped"), 0) << suffix;
        ResultRow forwarded = RunVariantWithSets(
            "server-behind-nat",
            "no-forwarding" + suffix,
            {"ns3::NatEngine::PortForwarding=udp/500=172.16.0.2 udp/4500=172.16.0.2"});
        EXPECT_EQ(forwarded.outcome, "works") << suffix;
    }
}

// The policy is about the responder: a client behind its NAT reaching a
// public gateway is never refused.
TEST(ServerBehindNat, APublicGatewayIsNeverRefused)
{
    for (const char* variant : {"natt", "natt-ikev1"})
    {
        ResultRow row = RunVariantWithSets("req-telecommuter-multi-nat",
                                           variant,
                                           {"ns3::IkeDaemon::AllowResponderBehindNat=false"});
        EXPECT_EQ(row.outcome, "works") << variant;
    }
}
