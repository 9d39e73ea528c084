/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The passthrough-router entry (Wikipedia, NAT traversal, "IPsec
// passthrough"): every variant gives the row the catalogue expects, and
// changing the design, the clients or the gap between them moves the
// outcome and the symptom with the cause.

#include "catalogue-test-util.h"
#include "catalogue.h"

#include <gtest/gtest.h>

using natt::ResultRow;
using natt_test::Metric;
using natt_test::RunVariant;

namespace
{

const char* const kId = "passthrough-router";

} // namespace

TEST(CataloguePassthrough, EveryVariantMatchesTheCatalogue)
{
    const natt::Scenario* scenario = natt::FindScenario(kId);
    ASSERT_NE(scenario, nullptr);
    for (const auto& variant : scenario->GetVariants())
    {
        ResultRow row = RunVariant(kId, variant.name);
        EXPECT_EQ(row.outcome, variant.expected) << variant.name;
        EXPECT_EQ(row.symptom, variant.expectedSymptom) << variant.name;
        EXPECT_EQ(Metric(row, "clients_working") == Metric(row, "clients"), row.outcome == "works")
            << variant.name;
    }
}

TEST(CataloguePassthrough, TheDesignDecidesWhoseEspPasses)
{
    // Two clients of one server: design 2 gives the server to client-1,
    // design 1 the whole of ESP; design 3 pairs each SPI right when the
    // clients start two seconds apart.
    ResultRow perServer = RunVariant(kId, "two-clients-same-server");
    EXPECT_GT(Metric(perServer, "nat_esp_server_busy"), 0);
    ResultRow oneHost = RunVariant(kId, "two-clients-same-server", {{"design", "one-host"}});
    EXPECT_EQ(oneHost.symptom, "esp-passthrough-busy");
    ResultRow learning = RunVariant(kId, "two-clients-same-server", {{"design", "ike-learning"}});
    EXPECT_EQ(learning.outcome, "works");
    // Different servers: design 2 works, design 1 does not.
    EXPECT_EQ(RunVariant(kId, "two-clients-different-servers-one-host", {{"design", "per-server"}})
                  .outcome,
              "works");
    EXPECT_EQ(RunVariant(kId, "two-clients-different-servers", {{"design", "one-host"}}).symptom,
              "esp-passthrough-busy");
    // Passthrough on or off.
    EXPECT_EQ(RunVariant(kId, "passthrough-disabled", {{"design", "per-server"}}).outcome, "works");
    EXPECT_EQ(RunVariant(kId, "one-client", {{"design", "disabled"}}).symptom,
              "esp-passthrough-disabled");
    // NAT-T needs nothing of the router, not even passthrough.
    EXPECT_EQ(RunVariant(kId, "natt", {{"design", "disabled"}}).outcome, "works");
}

TEST(CataloguePassthrough, TheLearningRaceIsLostOnlyWhileTheGapIsShort)
{
    ResultRow race = RunVariant(kId, "learning-race", {{"race-gap", "0"}});
    EXPECT_EQ(race.symptom, "esp-misdelivered");
    EXPECT_GT(Metric(race, "esp_misdelivered_fraction"), 0.0);
    EXPECT_EQ(Metric(race, "clients_working"), 1) << "client-2 gets its own ESP";
    ResultRow apart = RunVariant(kId, "learning-race", {{"race-gap", "2000"}});
    EXPECT_EQ(apart.outcome, "works");
    EXPECT_EQ(Metric(apart, "esp_misdelivered"), 0);
}
