/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// hostile-peer and ike-init-flood (issue 14, RFC 3715 3): the outcome
// follows the defence, whatever the variant's name. Cookies on or off,
// anti-replay on or off, flip the row.

#include "catalogue-test-util.h"

#include <gtest/gtest.h>

using namespace natt;
using natt_test::ExpectRow;
using natt_test::Metric;
using natt_test::RunVariant;
using natt_test::RunVariantWithSets;

TEST(HostilePeer, EveryHostilePacketIsDroppedWithAReasonAndTheHonestSaCarriesOn)
{
    ResultRow row = RunVariant("hostile-peer", "attack");
    ExpectRow(row, "works", "none");
    // 2 targets x 4 carriers x 5 kinds, then the replays.
    double replayed = Metric(row, "hostile_replayed");
    EXPECT_GT(replayed, 0);
    EXPECT_EQ(Metric(row, "hostile_sent"), 40 + replayed);
    EXPECT_EQ(Metric(row, "hostile_dropped"), Metric(row, "hostile_sent"));
    EXPECT_EQ(Metric(row, "honest_lost"), 0);
    // The replays (of honest ESP only) are the anti-replay window's, the
    // wrong SPIs the SAD's.
    EXPECT_EQ(Metric(row, "drop_ipsec_replay"), replayed);
    EXPECT_GT(Metric(row, "drop_ipsec_no_sa"), 0);
    EXPECT_GT(Metric(row, "drop_ike_no_sa"), 0);
    EXPECT_GT(Metric(row, "drop_ike_malformed"), 0);
}

TEST(HostilePeer, WithoutTheReplayCheckReplaysReachTheServer)
{
    ResultRow row = RunVariant("hostile-peer", "no-replay-check");
    ExpectRow(row, "fails", "replay-accepted");
    EXPECT_GT(Metric(row, "replays_accepted"), 0);
    EXPECT_LT(Metric(row, "hostile_dropped"), Metric(row, "hostile_sent"));
    // The check turned back on through the attribute: the row works.
    ResultRow on = RunVariantWithSets("hostile-peer",
                                      "no-replay-check",
                                      {"ns3::IpsecStack::CheckReplay=true"});
    ExpectRow(on, "works", "none");
}

TEST(IkeInitFlood, WithoutCookiesTheFloodFillsTheHalfOpenLimit)
{
    ResultRow row = RunVariant("ike-init-flood", "no-cookies");
    ExpectRow(row, "fails", "half-open-limit");
    EXPECT_EQ(Metric(row, "half_open_peak"), 50);
    EXPECT_GT(Metric(row, "half_open_limit_drops"), 0);
    EXPECT_EQ(Metric(row, "cookie_required_drops"), 0);
    EXPECT_GT(Metric(row, "responder_memory_bytes"), 0);
    // Cookies turned on through the attribute: host-a connects.
    ResultRow on = RunVariantWithSets("ike-init-flood",
                                      "no-cookies",
                                      {"ns3::Ikev2Handler::CookieThreshold=10"});
    ExpectRow(on, "works", "none");
}

TEST(IkeInitFlood, CookiesKeepTheSpoofedFloodOutAndLetTheHonestClientIn)
{
    ResultRow row = RunVariant("ike-init-flood", "cookies");
    ExpectRow(row, "works", "none");
    // The flood's 10, and host-a's own until its IKE_AUTH.
    EXPECT_EQ(Metric(row, "half_open_peak"), 11);
    EXPECT_GT(Metric(row, "cookie_required_drops"), 0);
    EXPECT_EQ(Metric(row, "half_open_limit_drops"), 0);
    EXPECT_EQ(Metric(row, "echo_replies"), 5);
    // A threshold above the limit is no cookie at all: the flood wins.
    ResultRow off = RunVariant("ike-init-flood", "cookies", {{"cookie-threshold", "60"}});
    ExpectRow(off, "fails", "half-open-limit");
    // A flood too slow to fill the limit before host-a starts leaves room without cookies.
    ResultRow slow = RunVariant("ike-init-flood", "no-cookies", {{"flood-rate", "1"}});
    ExpectRow(slow, "works", "none");
}
