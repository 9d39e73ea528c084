/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The catalogue entries of the seeds' existing solutions (RFC 3715 4):
// every variant gives the outcome and symptom the catalogue expects, and
// each cause, flipped by a parameter alone, makes the outcome follow.

#include "catalogue-test-util.h"
#include "catalogue.h"

#include <gtest/gtest.h>
#include <map>
#include <string>

using natt::ResultRow;
using natt::Scenario;

using natt_test::Metric;
using natt_test::RunVariant;

namespace
{

const char* const kTunnel = "sol-tunnel-mode";

} // namespace

TEST(CatalogueSolTunnelMode, EveryVariantMatchesTheCatalogue)
{
    const Scenario* scenario = natt::FindScenario(kTunnel);
    ASSERT_NE(scenario, nullptr);
    for (const auto& variant : scenario->GetVariants())
    {
        SCOPED_TRACE(variant.name);
        ResultRow row = RunVariant(kTunnel, variant.name);
        EXPECT_EQ(row.outcome, variant.expected);
        EXPECT_EQ(row.symptom, variant.expectedSymptom);
        EXPECT_EQ(Metric(row, "ike_sas_established") > 0,
                  variant.name != "address-validation" && variant.name != "certificates");
    }
}

// RFC 3715 4.1: the baseline works with no NAT-T at all: plain ESP, no UDP 4500.
TEST(CatalogueSolTunnelMode, BaselineIsPlainEspThroughTheNat)
{
    ResultRow row = RunVariant(kTunnel, "baseline");
    ASSERT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "echo_replies"), 10);
    EXPECT_EQ(Metric(row, "inbound_received"), 10);
    EXPECT_GT(Metric(row, "esp_delivered"), 0);
    EXPECT_EQ(Metric(row, "nat_dropped"), 0);
}

// Each of 4.1's conditions crossed on the baseline by its parameter alone:
// off works, on fails with the symptom of the 2.x item it leads to.
TEST(CatalogueSolTunnelMode, EachConditionFlipsTheBaseline)
{
    const std::map<std::string, std::pair<std::map<std::string, std::string>, std::string>> flips =
        {
            {"protocol", {{{"protocol", "ah"}}, "ah-icv-mismatch"}},
            {"address-validation", {{{"address-validation", "true"}}, "ike-id-mismatch"}},
            {"gateway-selectors", {{{"gateway-selectors", "observed"}}, "selector-mismatch"}},
            {"clients", {{{"clients", "2"}}, "esp-dropped-by-nat"}},
            {"auth", {{{"auth", "certificates"}}, "ike-fragment-dropped"}},
        };
    for (const auto& [name, flip] : flips)
    {
        SCOPED_TRACE(name);
        ResultRow on = RunVariant(kTunnel, "baseline", flip.first);
        EXPECT_EQ(on.outcome, "fails");
        EXPECT_EQ(on.symptom, flip.second);
    }
    ResultRow off = RunVariant(kTunnel,
                               "baseline",
                               {{"protocol", "esp"},
                                {"address-validation", "false"},
                                {"gateway-selectors", "any"},
                                {"clients", "1"},
                                {"auth", "psk"}});
    EXPECT_EQ(off.outcome, "works");
}

// 4.1 6: the pause, not the variant's name, lets the binding lapse.
TEST(CatalogueSolTunnelMode, IdleFailsOnlyPastTheNatTimeout)
{
    ResultRow below = RunVariant(kTunnel, "idle", {{"idle", "20"}, {"nat-timeout", "30"}});
    EXPECT_EQ(below.outcome, "works");
    EXPECT_EQ(Metric(below, "nat_mapping_expired_drops"), 0);
    ResultRow above = RunVariant(kTunnel, "idle", {{"idle", "40"}, {"nat-timeout", "30"}});
    EXPECT_EQ(above.outcome, "fails");
    EXPECT_EQ(above.symptom, "mapping-expired");
    EXPECT_GT(Metric(above, "nat_mapping_expired_drops"), 0);
    ResultRow longer = RunVariant(kTunnel, "idle", {{"idle", "40"}, {"nat-timeout", "60"}});
    EXPECT_EQ(longer.outcome, "works");
}

// 4.1 4: the first host keeps ESP's binding; every later one loses its ESP.
TEST(CatalogueSolTunnelMode, OnlyTheFirstClientsEspCrossesTheNat)
{
    ResultRow row = RunVariant(kTunnel, "two-clients", {{"clients", "3"}});
    EXPECT_EQ(row.symptom, "esp-dropped-by-nat");
    EXPECT_EQ(Metric(row, "clients"), 3);
    EXPECT_EQ(Metric(row, "ike_sas_established"), 3);
    // host-1's ten requests reach the gateway; host-2's and host-3's die in the NAT.
    EXPECT_EQ(Metric(row, "esp_delivered"), 10);
    EXPECT_EQ(Metric(row, "nat_esp_drops"), 20);
    // The gateway's three any-to-any policies overlap, so even host-1's
    // replies leave on another host's SA and host-1 cannot open them.
    EXPECT_EQ(Metric(row, "echo_replies"), 0);
}
