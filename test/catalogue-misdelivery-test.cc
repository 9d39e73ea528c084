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
    EXPECT_EQ(Metric(row, "esp_misdelivered_no_sa"), 10);
    EXPECT_EQ(Metric(row, "esp_misdelivered_replay"), 0);
    EXPECT_EQ(Metric(row, "esp_misdelivered_icv"), 0);
    EXPECT_EQ(Metric(row, "esp_misdelivered"), 10);
}

// One SPI for all: the host's own SA has it, and its replay window, checked
// before the ICV (RFC 4303 3.4.3), catches the sequence numbers it has seen.
TEST(Rfc3715FMisdelivery, ASharedSpiMeetsTheReplayWindowBeforeTheIcv)
{
    natt::ResultRow two = RunVariant("rfc3715-f", "same-spi");
    EXPECT_EQ(two.symptom, "esp-misdelivered");
    EXPECT_EQ(Metric(two, "esp_misdelivered_no_sa"), 0);
    EXPECT_EQ(Metric(two, "esp_misdelivered_replay"), 9);
    EXPECT_EQ(Metric(two, "esp_misdelivered_icv"), 1);

    // With more hosts the misdelivered sequence numbers are new to the
    // receiving SA, so they reach the ICV and fail it.
    natt::ResultRow four = RunVariant("rfc3715-f", "same-spi", {{"hosts", "4"}});
    EXPECT_EQ(four.symptom, "esp-misdelivered");
    EXPECT_EQ(Metric(four, "esp_misdelivered_replay"), 0);
    EXPECT_EQ(Metric(four, "esp_misdelivered_icv"), 30);
    EXPECT_EQ(Metric(four, "esp_misdelivered"), 30);

    // One host: nobody to confuse, nothing misdelivered.
    natt::ResultRow one = RunVariant("rfc3715-f", "same-spi", {{"hosts", "1"}});
    EXPECT_EQ(one.outcome, "works");
    EXPECT_EQ(Metric(one, "esp_misdelivered"), 0);
}
