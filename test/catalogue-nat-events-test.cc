/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// nat-reboot and nat-rebinding (issue 14): what happens to an SA when the
// NAT under it loses or moves its mapping. Each outcome
// follows its cause: liveness checks on or off, the NAT's new port or its
// old one, a peer that follows the new port or keeps the old one.

#include "catalogue-test-util.h"

#include <gtest/gtest.h>

using namespace natt;
using natt_test::ExpectRow;
using natt_test::Metric;
using natt_test::RunVariant;
using natt_test::RunVariantWithSets;

TEST(NatReboot, WithoutLivenessChecksTheSaIsSilentlyDead)
{
    for (const char* version : {"1", "2"})
    {
        ResultRow row = RunVariant("nat-reboot", "no-dpd", {{"ike-version", version}});
        ExpectRow(row, "fails", "sa-silently-dead");
        // The gateway's ESP meets no mapping at the old port; the keepalive
        // made one on another port; no IKE SA failed or was made again.
        EXPECT_GT(Metric(row, "drops_at_old_port"), 0) << version;
        EXPECT_NE(Metric(row, "new_port"), 0) << version;
        EXPECT_NE(Metric(row, "new_port"), Metric(row, "old_port")) << version;
        EXPECT_EQ(Metric(row, "esp_to_host_after_event"), 0) << version;
        EXPECT_EQ(Metric(row, "recovery_time_s"), -1) << version;
        EXPECT_EQ(Metric(row, "ike_failures"), 0) << version;
        EXPECT_EQ(Metric(row, "ike_sas_established"), 1) << version;
        EXPECT_EQ(Metric(row, "liveness_checks"), 0) << version;
    }
}

TEST(NatReboot, LivenessChecksBringTheSaBack)
{
    for (const char* version : {"1", "2"})
    {
        ResultRow row = RunVariant("nat-reboot", "dpd", {{"ike-version", version}});
        ExpectRow(row, "works", "none");
        EXPECT_GT(Metric(row, "liveness_checks"), 0) << version;
        EXPECT_GT(Metric(row, "esp_to_host_after_event"), 0) << version;
        // The first check after the reboot (at most dpd-delay later) moves the SA.
        EXPECT_GT(Metric(row, "recovery_time_s"), 0) << version;
        EXPECT_LE(Metric(row, "recovery_time_s"), 10.5) << version;
        EXPECT_EQ(Metric(row, "ike_sas_established"), 1) << version;
        // Checks more often: recovery sooner.
        ResultRow fast =
            RunVariant("nat-reboot", "dpd", {{"ike-version", version}, {"dpd-delay", "3"}});
        ExpectRow(fast, "works", "none");
        EXPECT_LE(Metric(fast, "recovery_time_s"), 3.5) << version;
    }
}

TEST(NatReboot, APortPreservingNatRemakesTheOldPortAndNeedsNoLivenessCheck)
{
    // The cause removed: the keepalive after the reboot gets 4500 back.
    ResultRow row = RunVariant("nat-reboot", "no-dpd", {{"nat-port-allocation", "preserve"}});
    ExpectRow(row, "works", "none");
    EXPECT_EQ(Metric(row, "new_port"), Metric(row, "old_port"));
    // The first keepalive comes at most 20 s after the reboot.
    EXPECT_GT(Metric(row, "recovery_time_s"), 0);
    EXPECT_LE(Metric(row, "recovery_time_s"), 20.5);
}

TEST(NatReboot, AGatewayThatDoesNotFollowLosesTheSaDespiteLivenessChecks)
{
    // libreswan issue 1728: the check from the new port is not followed;
    // its answer goes to the old port and host-a gives the SA up.
    for (const char* version : {"1", "2"})
    {
        // Checks every 3 s: IKEv1 gives up after RetransmitTries unanswered
        // R-U-THEREs (RFC 3706 5.5), well within the run.
        ResultRow row = RunVariantWithSets("nat-reboot",
                                           "dpd",
                                           {std::string("ike-version=") + version,
                                            "dpd-delay=3",
                                            "ns3::IkeDaemon::FollowPeer=false"});
        ExpectRow(row, "fails", "ike-failed");
        EXPECT_GT(Metric(row, "ike_failures"), 0) << version;
        EXPECT_GT(Metric(row, "drops_at_old_port"), 0) << version;
    }
}

TEST(NatRebinding, AStrictPeerKeepsSendingToTheOldPort)
{
    for (const char* version : {"1", "2"})
    {
        ResultRow row = RunVariant("nat-rebinding", "strict-peer", {{"ike-version", version}});
        ExpectRow(row, "fails", "esp-to-old-port");
        EXPECT_NE(Metric(row, "new_port"), Metric(row, "old_port")) << version;
        EXPECT_GT(Metric(row, "esp_from_host_after_event"), 0) << version;
        EXPECT_EQ(Metric(row, "esp_to_host_after_event"), 0) << version;
        EXPECT_GT(Metric(row, "drops_at_old_port"), 0) << version;
        EXPECT_LT(Metric(row, "echo_replies"), Metric(row, "echo_sent")) << version;
    }
}

TEST(NatRebinding, APeerThatFollowsTheNewPortLosesNothing)
{
    for (const char* version : {"1", "2"})
    {
        ResultRow row = RunVariant("nat-rebinding", "follows-new-port", {{"ike-version", version}});
        ExpectRow(row, "works", "none");
        EXPECT_NE(Metric(row, "new_port"), Metric(row, "old_port")) << version;
        EXPECT_EQ(Metric(row, "echo_replies"), Metric(row, "echo_sent")) << version;
        EXPECT_EQ(Metric(row, "drops_at_old_port"), 0) << version;
        EXPECT_EQ(Metric(row, "ike_sas_established"), 1) << version;
    }
    // Following switched off on the RFC 3948 variant: the outcome follows the cause.
    ResultRow strict = RunVariantWithSets("nat-rebinding",
                                          "follows-new-port",
                                          {"ns3::IpsecStack::FollowPeer=false"});
    ExpectRow(strict, "fails", "esp-to-old-port");
    // And on for the strict peer.
    ResultRow following =
        RunVariantWithSets("nat-rebinding",
                           "strict-peer",
                           {"ns3::IpsecStack::FollowPeer=true", "ns3::IkeDaemon::FollowPeer=true"});
    ExpectRow(following, "works", "none");
}
