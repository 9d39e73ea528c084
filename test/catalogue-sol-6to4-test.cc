/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// sol-6to4 (RFC 3715 4.3, RFC 3056): IKEv2 and ESP or AH between 6to4
// hosts work through a NAT that is the 6to4 router, and the row follows
// the router's outside address: private behind a second NAT, the core
// drops protocol 41 towards it; public, it works.

#include "catalogue-test-util.h"

#include <gtest/gtest.h>

using namespace natt;
using natt_test::ExpectRow;
using natt_test::Metric;
using natt_test::RunVariant;

namespace
{

const char* const kId = "sol-6to4";

} // namespace

TEST(SolSixToFour, EspAndAhCrossTheNatInsideProtocolFortyOne)
{
    for (const char* variant : {"single-nat", "ah-over-6to4"})
    {
        SCOPED_TRACE(variant);
        ResultRow row = RunVariant(kId, variant);
        ExpectRow(row, "works", "none");
        EXPECT_EQ(Metric(row, "ike_sas_established"), 1);
        EXPECT_EQ(Metric(row, "echo_replies"), 10);
        EXPECT_GE(Metric(row, "ipsec_accepted"), 10);
        EXPECT_EQ(Metric(row, "outside_global"), 1);
        EXPECT_EQ(Metric(row, "proto41_unrouted"), 0);
        // Every IKE message and echo went through the pseudo-interfaces.
        EXPECT_GE(Metric(row, "sixtofour_encapsulated"), 20);
        EXPECT_EQ(Metric(row, "nat_dropped"), 0);
    }
    EXPECT_GT(Metric(RunVariant(kId, "single-nat"), "esp_delivered"), 0);
    EXPECT_EQ(Metric(RunVariant(kId, "ah-over-6to4"), "esp_delivered"), 0) << "AH, not ESP";
}

TEST(SolSixToFour, APrivateOutsideAddressMakesThePrefixUnreachable)
{
    ResultRow hidden = RunVariant(kId, "double-nat");
    ExpectRow(hidden, "fails", "6to4-prefix-unreachable");
    EXPECT_EQ(Metric(hidden, "outside_global"), 0);
    // peer-host's IKE_SA_INIT and its retransmissions, dropped by the core.
    EXPECT_GE(Metric(hidden, "proto41_unrouted"), 1);
    EXPECT_EQ(Metric(hidden, "ike_sas_established"), 0);
    EXPECT_EQ(Metric(hidden, "echo_replies"), 0);
    // The cause removed: a public outside address, and the counters follow.
    ResultRow open = RunVariant(kId, "double-nat", {{"outside-address", "public"}});
    ExpectRow(open, "works", "none");
    EXPECT_EQ(Metric(open, "outside_global"), 1);
    EXPECT_EQ(Metric(open, "proto41_unrouted"), 0);
    EXPECT_EQ(Metric(open, "echo_replies"), 10);
}
