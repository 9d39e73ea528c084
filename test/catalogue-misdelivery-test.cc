/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// rfc3715-f's misdelivered ESP, by the reason the receiving host's stack
// dropped it: what the entry's description says is what the counters show
// (issue 10, "rfc3715-f text").

#include "catalogue-test-util.h"

#include <gtest/gtest.h>

using natt_test::Metric;
using natt_test::RunVariant;

// Random SPIs: the host the NAT guessed has no SA for the SPI.
TEST(Rfc3715FMisdelivery, RandomSpisAreDroppedForWantOfAnSa)
{
    natt::ResultRow row = RunVariant("rfc3715-f", "spi-demux-nat");
    EXPECT_EQ(row.symptom, "esp-misdelivered");
    EXPECT_GT(Metric(row, "esp_misdelivered_no_sa"), 0);
    EXPECT_EQ(Metric(row, "esp_misdelivered_replay"), 0);
    EXPECT_EQ(Metric(row, "esp_misdelivered_icv"), 0);
    EXPECT_EQ(Metric(row, "esp_misdelivered"), Metric(row, "esp_misdelivered_no_sa"));
}

// One SPI for all: the receiving host's own SA has it, and its replay
// window is checked before the ICV (RFC 4303 3.4.3). A sequence number that
// SA has already accepted is a replay, a new one fails the ICV; which one
// depends on whose replies come first, which shifts with the seed.
TEST(Rfc3715FMisdelivery, ASharedSpiMeetsTheReplayWindowBeforeTheIcv)
{
    natt::RunRequest request = natt_test::Request("rfc3715-f", "same-spi");
    ASSERT_NE(request.scenario, nullptr);
    request.context.parameters = natt::ApplySets({}, request.scenario);
    double replays = 0;
    double icvFailures = 0;
    for (uint32_t seed = 1; seed <= 5; ++seed)
    {
        request.context.seed = seed;
        natt::ResultRow row = natt::RunInProcess(request);
        EXPECT_EQ(row.symptom, "esp-misdelivered") << "seed " << seed;
        EXPECT_EQ(Metric(row, "esp_misdelivered_no_sa"), 0) << "seed " << seed;
        EXPECT_EQ(Metric(row, "esp_misdelivered_replay") + Metric(row, "esp_misdelivered_icv"),
                  Metric(row, "esp_misdelivered"))
            << "seed " << seed;
        EXPECT_GT(Metric(row, "esp_misdelivered"), 0) << "seed " << seed;
        replays += Metric(row, "esp_misdelivered_replay");
        icvFailures += Metric(row, "esp_misdelivered_icv");
    }
    EXPECT_GT(replays, 0) << "some misdelivered sequence numbers had been seen: replays";
    EXPECT_GT(icvFailures, 0) << "some had not: they reached the ICV and failed it";

    // One host: nobody to confuse, nothing misdelivered.
    natt::ResultRow one = RunVariant("rfc3715-f", "same-spi", {{"hosts", "1"}});
    EXPECT_EQ(one.outcome, "works");
    EXPECT_EQ(Metric(one, "esp_misdelivered"), 0);
}
