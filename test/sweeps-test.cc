/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The matrix's sweeps: CSV layout the plot script relies on, and the plot
// script itself drawing a PNG from such a CSV.

#include "sweeps.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace natt;

namespace
{

ResultRow
Row(const std::string& outcome, double bytes)
{
    ResultRow row;
    row.outcome = outcome;
    row.symptom = outcome == "works" ? "none" : "mapping-expired";
    row.SetMetric("keepalive_bytes_per_second", bytes);
    return row;
}

} // namespace

TEST(Sweeps, CsvHasVariantSortedParametersOutcomeAndMetrics)
{
    Sweep sweep;
    sweep.name = "rfc3715-k-keepalive";
    sweep.points = {{"keepalives", {{"nat-udp-timeout", "10"}, {"keepalive-interval", "0"}}},
                    {"keepalives", {{"nat-udp-timeout", "10"}, {"keepalive-interval", "5"}}}};
    std::string csv = SweepToCsv(sweep, {Row("fails", 0), Row("works", 5.8)});
    EXPECT_EQ(csv,
              "variant,keepalive-interval,nat-udp-timeout,outcome,symptom,"
              "keepalive_bytes_per_second\n"
              "keepalives,0,10,fails,mapping-expired,0\n"
              "keepalives,5,10,works,none,5.8\n");
}

TEST(Sweeps, PlotScriptDrawsEveryCsv)
{
    std::string dir = std::string(NATT_TEST_OUTPUT_DIR) + "/sweeps-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Sweep sweep;
    sweep.name = "rfc3715-k-keepalive";
    sweep.points = {{"keepalives", {{"nat-udp-timeout", "10"}, {"keepalive-interval", "0"}}},
                    {"keepalives", {{"nat-udp-timeout", "60"}, {"keepalive-interval", "5"}}}};
    std::ofstream(dir + "/rfc3715-k-keepalive.csv")
        << SweepToCsv(sweep, {Row("fails", 0), Row("works", 5.8)});
    // A sweep the script has no special plot for still gets a generic one.
    Sweep other;
    other.name = "something-new";
    other.points = {{"a", {{"size", "1"}}}, {"a", {{"size", "2"}}}};
    std::ofstream(dir + "/something-new.csv")
        << SweepToCsv(other, {Row("works", 1), Row("works", 2)});
    ASSERT_EQ(DrawPlots(dir), 0);
    for (const char* png : {"/rfc3715-k-keepalive.png", "/something-new.png"})
    {
        std::ifstream in(dir + png, std::ios::binary);
        ASSERT_TRUE(in.good()) << png;
        char magic[8] = {};
        in.read(magic, 8);
        EXPECT_EQ(std::string(magic + 1, 3), "PNG");
    }
}
