/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// nat-table-exhaustion (draft-stenberg 4.3, RFC 6888 REQ-4): one inside
// host fills the NAT's table and an honest IPsec client is refused; a
// per-host limit, set by the variant or by --set alone, lets it in.

#include "catalogue-test-util.h"

#include <gtest/gtest.h>

using namespace natt;
using natt_test::ExpectRow;
using natt_test::Metric;
using natt_test::RunVariant;
using natt_test::RunVariantWithSets;

namespace
{

const char* const kId = "nat-table-exhaustion";
const char* const kLimit = "ns3::NatEngine::MaxMappingsPerHost";

} // namespace

TEST(NatTableExhaustion, AGreedyHostFillsTheTableAndTheHonestHostIsRefused)
{
    ResultRow row = RunVariant(kId, "no-per-host-limit");
    ExpectRow(row, "fails", "nat-table-full");
    EXPECT_EQ(Metric(row, "greedy_mappings"), 64);
    EXPECT_EQ(Metric(row, "honest_mappings"), 0);
    EXPECT_GT(Metric(row, "honest_ike_refused"), 0);
    EXPECT_GT(Metric(row, "table_full_drops"), 0);
    EXPECT_EQ(Metric(row, "host_limit_drops"), 0);
    EXPECT_EQ(Metric(row, "ike_sas_established"), 0);
    // Fewer greedy flows than the table holds: the honest host fits.
    ResultRow few = RunVariant(kId, "no-per-host-limit", {{"greedy-flows", "50"}});
    ExpectRow(few, "works", "none");
}

TEST(NatTableExhaustion, APerHostLimitCapsTheGreedyHost)
{
    ResultRow row = RunVariant(kId, "per-host-limit");
    ExpectRow(row, "works", "none");
    EXPECT_EQ(Metric(row, "greedy_mappings"), 16);
    // Every greedy flow past the 16th (a few of its first datagrams wait
    // for ARP and are lost before the NAT: ns-3's ArpCache queues 3).
    EXPECT_GT(Metric(row, "host_limit_drops"), 150);
    EXPECT_EQ(Metric(row, "table_full_drops"), 0);
    EXPECT_EQ(Metric(row, "honest_ike_refused"), 0);
    EXPECT_EQ(Metric(row, "echo_replies"), 10);
    EXPECT_GT(Metric(row, "esp_delivered"), 0);
}

TEST(NatTableExhaustion, TheLimitAloneFlipsTheRow)
{
    // --set of the attribute wins over either variant's setting.
    ResultRow limited = RunVariantWithSets(kId, "no-per-host-limit", {std::string(kLimit) + "=16"});
    ExpectRow(limited, "works", "none");
    EXPECT_EQ(Metric(limited, "greedy_mappings"), 16);
    ResultRow unlimited = RunVariantWithSets(kId, "per-host-limit", {std::string(kLimit) + "=0"});
    ExpectRow(unlimited, "fails", "nat-table-full");
    EXPECT_EQ(Metric(unlimited, "greedy_mappings"), 64);
    // A limit that leaves the honest host no room is named as such.
    ResultRow tight = RunVariantWithSets(kId, "per-host-limit", {std::string(kLimit) + "=1"});
    // One mapping each: honest-host's IKE_SA_INIT gets UDP 500, and NAT-T's
    // move to 4500 (RFC 7296 2.23) is refused.
    ExpectRow(tight, "fails", "nat-host-mapping-limit");
    EXPECT_EQ(Metric(tight, "honest_mappings"), 1);
}
