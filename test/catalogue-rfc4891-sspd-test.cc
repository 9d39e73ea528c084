/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// rfc4891-tunnel-sspd (RFC 4891 2.2, A.1-A.3): each outcome follows its
// cause. Specific against generic selectors, the spoofer on or off and
// RIPng on or off flip the row, whatever the variant's name.

#include "catalogue-test-util.h"

#include <gtest/gtest.h>

using namespace natt;
using natt_test::ExpectRow;
using natt_test::Metric;
using natt_test::RunVariant;

namespace
{

const char* const kId = "rfc4891-tunnel-sspd";

} // namespace

TEST(Rfc4891TunnelSspd, SpecificSelectorsDropTheForgedSource)
{
    // A.2 and A.3: no SPD entry covers fd00:3:0:1::66, so ESP never carries it.
    for (const char* variant : {"sspd-host-to-host", "sspd-host-to-router"})
    {
        ResultRow row = RunVariant(kId, variant);
        ExpectRow(row, "works", "none");
        EXPECT_EQ(Metric(row, "echo_replies"), 10) << variant;
        EXPECT_EQ(Metric(row, "esp_delivered"), 20) << variant;
        EXPECT_EQ(Metric(row, "spoofed_accepted"), 0) << variant;
        EXPECT_EQ(Metric(row, "spoofed_dropped"), 10) << variant;
        EXPECT_EQ(Metric(row, "multicast_dropped"), 0) << variant;
    }
}

TEST(Rfc4891TunnelSspd, GenericSelectorsCarryTheForgedSource)
{
    ResultRow generic = RunVariant(kId, "generic-spd-no-filter");
    ExpectRow(generic, "fails", "spoofed-inner-accepted");
    EXPECT_EQ(Metric(generic, "spoofed_accepted"), 10);
    EXPECT_EQ(Metric(generic, "spoofed_dropped"), 0);
    // Inside ESP: echo requests, replies and the forged packets.
    EXPECT_EQ(Metric(generic, "esp_delivered"), 30);
    // The spoofer off: ::/0 selectors carry the echoes fine.
    ResultRow quiet = RunVariant(kId, "generic-spd-no-filter", {{"spoofed-packets", "0"}});
    ExpectRow(quiet, "works", "none");
    // Specific selectors in the generic variant: the spoof is dropped.
    ResultRow specific = RunVariant(kId, "generic-spd-no-filter", {{"selectors", "host-to-host"}});
    ExpectRow(specific, "works", "none");
    EXPECT_EQ(Metric(specific, "spoofed_dropped"), 10);
    // Generic selectors in a specific variant: the spoof comes through.
    ResultRow opened = RunVariant(kId, "sspd-host-to-router", {{"selectors", "generic"}});
    ExpectRow(opened, "fails", "spoofed-inner-accepted");
}

TEST(Rfc4891TunnelSspd, MulticastCannotEnterTheTunnel)
{
    // A.1: RIPng's ff02::9 has no link to cross; the unicast echoes still do.
    ResultRow ripng = RunVariant(kId, "sspd-multicast");
    ExpectRow(ripng, "fails", "multicast-not-carried");
    EXPECT_GT(Metric(ripng, "multicast_dropped"), 0);
    EXPECT_EQ(Metric(ripng, "echo_replies"), 10);
    ResultRow off = RunVariant(kId, "sspd-multicast", {{"multicast", "off"}});
    ExpectRow(off, "works", "none");
    EXPECT_EQ(Metric(off, "multicast_dropped"), 0);
    ResultRow on = RunVariant(kId, "sspd-host-to-host", {{"multicast", "on"}});
    ExpectRow(on, "fails", "multicast-not-carried");
}
