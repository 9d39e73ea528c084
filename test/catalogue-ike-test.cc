/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The catalogue entries of RFC 3715 2.1-2.3 "IKE through NATs" (c, d, h,
// n, o, p) and the ike-setup measurement: every variant gives the outcome
// and symptom the catalogue expects, and changing a parameter so that the
// cause goes away changes the outcome.

#include "catalogue-test-util.h"
#include "catalogue.h"
#include "runner.h"

#include <gtest/gtest.h>
#include <map>
#include <ostream>
#include <string>
#include <vector>

using natt::ResultRow;
using natt::Scenario;

using natt_test::Metric;
using natt_test::RunVariant;
using natt_test::ScopedDefault;

namespace
{

struct Case
{
    std::string id;
    std::string variant;
};

std::vector<Case>
AllCases()
{
    std::vector<Case> cases;
    for (const char* id : {"rfc3715-c",
                           "rfc3715-d",
                           "rfc3715-h",
                           "rfc3715-n",
                           "rfc3715-o",
                           "rfc3715-p",
                           "ike-setup"})
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

/// How gtest names a case in its output (instead of the struct's bytes).
void
PrintTo(const Case& c, std::ostream* os)
{
    *os << c.id << " " << c.variant;
}

class CatalogueIke : public testing::TestWithParam<Case>
{
};

} // namespace

TEST_P(CatalogueIke, VariantMatchesTheCatalogue)
{
    const Case& c = GetParam();
    const Scenario* scenario = natt::FindScenario(c.id);
    ASSERT_NE(scenario, nullptr) << c.id << " is not in the catalogue";
    auto variant = scenario->FindVariant(c.variant);
    ASSERT_TRUE(variant.has_value());
    ResultRow row = RunVariant(c.id, c.variant);
    EXPECT_EQ(row.outcome, variant->expected);
    EXPECT_EQ(row.symptom, variant->expectedSymptom);
    EXPECT_TRUE(row.Matches());
    if (row.outcome == "works")
    {
        EXPECT_GT(Metric(row, "esp_delivered") + Metric(row, "ike_sas_established"), 0);
    }
}

INSTANTIATE_TEST_SUITE_P(Entries,
                         CatalogueIke,
                         testing::ValuesIn(AllCases()),
                         [](const testing::TestParamInfo<Case>& info) {
                             std::string name = info.param.id + "_" + info.param.variant;
                             for (char& ch : name)
                             {
                                 if (!isalnum(static_cast<unsigned char>(ch)))
                                 {
                                     ch = '_';
                                 }
                             }
                             return name;
                         });

// RFC 3715 2.1 c holds for IKEv2 as well (RFC 7296 3.5 ID_IPV4_ADDR).
TEST(CatalogueIkeParameters, AddressIdentityFailsWithIkev2Too)
{
    ResultRow row = RunVariant("rfc3715-c", "ipv4-address-id", {{"ike-version", "2"}});
    EXPECT_EQ(row.outcome, "fails");
    EXPECT_EQ(row.symptom, "ike-id-mismatch");
}

// RFC 3715 2.1 d: one host keeps port 500, so even the legacy responder reaches it.
TEST(CatalogueIkeParameters, LegacyResponderReachesASingleHost)
{
    ResultRow row = RunVariant("rfc3715-d", "legacy-responder", {{"hosts", "1"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "ike_misrouted"), 0);
}

TEST(CatalogueIkeParameters, Rfc3947ResponderServesFourHosts)
{
    ResultRow row = RunVariant("rfc3715-d", "rfc3947-responder", {{"hosts", "4"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "rekeys_done"), 4);
}

// ike-reply-misrouted needs replies that went to the wrong host or to a
// port 500 nobody owns: IKE that a firewall rule drops is something else,
// on port 500 as on 4500.
TEST(CatalogueIkeSymptoms, IkeDroppedByAFirewallIsNotMisrouted)
{
    {
        // NAT-T floats to 4500, which the NAT's allow list refuses.
        ScopedDefault rule("ns3::NatEngine::AllowList", "udp/500 esp");
        ResultRow row = RunVariant("rfc3715-d", "rfc3947-responder");
        EXPECT_EQ(row.outcome, "fails");
        EXPECT_EQ(row.symptom, "ike-dropped-by-nat");
        EXPECT_GT(Metric(row, "ike_nat_dropped"), 0);
        EXPECT_EQ(Metric(row, "ike_misrouted"), 0);
        EXPECT_EQ(Metric(row, "ike_to_port500_undeliverable"), 0);
    }
    {
        // The legacy responder's port 500 itself is refused.
        ScopedDefault rule("ns3::NatEngine::AllowList", "udp/4500 esp");
        ResultRow row = RunVariant("rfc3715-d", "legacy-responder");
        EXPECT_EQ(row.outcome, "fails");
        EXPECT_EQ(row.symptom, "ike-dropped-by-nat");
        EXPECT_GT(Metric(row, "ike_nat_dropped"), 0);
    }
    ResultRow misrouted = RunVariant("rfc3715-d", "legacy-responder");
    EXPECT_EQ(misrouted.symptom, "ike-reply-misrouted");
    EXPECT_GT(Metric(misrouted, "ike_misrouted"), 0);
}

// A rekey check passes only when rekeys were started: rekeys due before
// any SA exists start none, and the row cannot match.
TEST(CatalogueIkeSymptoms, ARekeyThatStartedNothingIsNotAPass)
{
    for (const auto& [id, variant] :
         std::map<std::string, std::string>{{"rfc3715-d", "rfc3947-responder"},
                                            {"rfc3715-o", "natt-float"}})
    {
        // The CLI refuses a rekey before ikecommon::kEarliestRekeySeconds;
        // the entry itself is given one here (RunVariant checks no range),
        // to see it refuse to pass.
        ResultRow early = RunVariant(id, variant, {{"rekey-at", "1"}});
        EXPECT_EQ(early.outcome, "error") << id;
        EXPECT_EQ(early.symptom, "rekey-not-started") << id;
        EXPECT_FALSE(early.Matches()) << id;
        EXPECT_EQ(Metric(early, "rekeys_started"), 0) << id;
        ResultRow none = RunVariant(id, variant, {{"rekey-at", "0"}});
        EXPECT_EQ(none.outcome, "works") << id << ": no rekey asked for, none checked";
        ResultRow rekeyed = RunVariant(id, variant);
        EXPECT_EQ(rekeyed.outcome, "works") << id;
        EXPECT_GT(Metric(rekeyed, "rekeys_started"), 0) << id;
        EXPECT_EQ(Metric(rekeyed, "rekeys_done"), Metric(rekeyed, "rekeys_started")) << id;
    }
}

// RFC 3715 2.3 o: a host alone behind the NAT has port 500 to itself.
TEST(CatalogueIkeParameters, Port500SpecialNatServesOneHost)
{
    ResultRow row = RunVariant("rfc3715-o", "legacy-ike", {{"hosts", "1"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "hosts_on_port_500"), 1);
}

TEST(CatalogueIkeParameters, Port500CollisionWithThreeHosts)
{
    ResultRow row = RunVariant("rfc3715-o", "legacy-ike", {{"hosts", "3"}});
    EXPECT_EQ(row.outcome, "fails");
    EXPECT_EQ(row.symptom, "ike-port500-collision");
    EXPECT_EQ(Metric(row, "hosts_on_port_500"), 3);
}

// RFC 3715 2.3 n: new cookies that leave through the NAT first are learnt.
TEST(CatalogueIkeParameters, CookieNatLearnsAnInsideRekey)
{
    ResultRow row = RunVariant("rfc3715-n", "cookie-demux", {{"rekeyer", "host"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "ike_cookie_unknown"), 0);
}

// RFC 3715 2.1 h: without keepalives the mapping the inside host made expires.
TEST(CatalogueIkeParameters, InsideInitiatorNeedsKeepalives)
{
    ResultRow row = RunVariant("rfc3715-h", "inside-initiates", {{"keepalives", "false"}});
    EXPECT_EQ(row.outcome, "fails");
    EXPECT_EQ(row.symptom, "mapping-expired");
}

TEST(CatalogueIkeParameters, IdleShorterThanTheTimeoutNeedsNoKeepalives)
{
    ResultRow row =
        RunVariant("rfc3715-h", "inside-initiates", {{"keepalives", "false"}, {"idle", "10"}});
    EXPECT_EQ(row.outcome, "works");
}

// ike-setup: Main Mode + Quick Mode is 9 messages, Aggressive 6, IKEv2 4.
TEST(CatalogueIkeParameters, SetupMessageCountsWithoutNat)
{
    EXPECT_EQ(Metric(RunVariant("ike-setup", "ikev1-main", {{"preset", "none"}}), "ike_messages"),
              9);
    EXPECT_EQ(
        Metric(RunVariant("ike-setup", "ikev1-aggressive", {{"preset", "none"}}), "ike_messages"),
        6);
    EXPECT_EQ(Metric(RunVariant("ike-setup", "ikev2", {{"preset", "none"}}), "ike_messages"), 4);
}

TEST(CatalogueIkeParameters, SetupFailsThroughAPayloadInspectingNat)
{
    ResultRow row = RunVariant("ike-setup", "ikev1-main", {{"preset", "payload-inspecting"}});
    EXPECT_EQ(row.outcome, "fails");
    EXPECT_EQ(row.symptom, "isakmp-payload-rejected");
}

TEST(CatalogueIkeParameters, SetupSweepCoversEveryVariantAndPreset)
{
    const Scenario* scenario = natt::FindScenario("ike-setup");
    ASSERT_NE(scenario, nullptr);
    auto sweeps = scenario->GetSweeps();
    ASSERT_EQ(sweeps.size(), 1u);
    EXPECT_EQ(sweeps[0].name, "ike-setup");
    EXPECT_EQ(sweeps[0].points.size(), 3u * 9u);
}
