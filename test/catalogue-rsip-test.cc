/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// sol-rsip (RFC 3715 4.2, RFC 3102-3104): every variant gives the outcome
// and symptom the catalogue expects, and each cause, flipped by its
// parameter alone, makes the outcome follow.
#include "catalogue-test-util.h"

#include <gtest/gtest.h>

using natt::ResultRow;
using natt::Scenario;

using natt_test::Metric;
using natt_test::RunVariant;

namespace
{

const char* const kRsip = "sol-rsip";

TEST(CatalogueSolRsip, EveryVariantMatchesTheCatalogue)
{
    const Scenario* scenario = natt::FindScenario(kRsip);
    ASSERT_NE(scenario, nullptr);
    for (const auto& variant : scenario->GetVariants())
    {
        SCOPED_TRACE(variant.name);
        ResultRow row = RunVariant(kRsip, variant.name);
        EXPECT_EQ(row.outcome, variant.expected);
        EXPECT_EQ(row.symptom, variant.expectedSymptom);
    }
}

// Nothing on the path rewrites a packet: AH from host-1 and ESP from
// host-2 share the gateway's one address, every datagram comes back
// protected, and RSIP costs 20 bytes on the host's link and none beyond.
TEST(CatalogueSolRsip, TwoHostsShareTheAddressWithAhIntact)
{
    ResultRow row = RunVariant(kRsip, "rsip-ah-two-hosts");
    ASSERT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "ike_sas_established"), 2);
    EXPECT_EQ(Metric(row, "datagrams_echoed"), 10);
    EXPECT_EQ(Metric(row, "datagrams_accepted_protected"), 10);
    EXPECT_EQ(Metric(row, "ah_icv_failures"), 0);
    EXPECT_GE(Metric(row, "rsip_demultiplexed"), 10);
    EXPECT_EQ(Metric(row, "rsip_no_binding_drops"), 0);
    EXPECT_EQ(Metric(row, "rsip_bytes_per_packet_host_leg"), 20);
    EXPECT_EQ(Metric(row, "rsip_bytes_per_packet_internet_leg"), 0);
    EXPECT_GT(Metric(row, "rsip_lease_extension_bytes_per_s"), 0);
}

// Each cause flipped on the working variant by its parameter alone.
TEST(CatalogueSolRsip, EachCauseFlipsTheWorkingVariant)
{
    ResultRow legacy = RunVariant(kRsip, "rsip-ah-two-hosts", {{"legacy-responder", "true"}});
    EXPECT_EQ(legacy.outcome, "fails");
    EXPECT_EQ(legacy.symptom, "rsip-no-binding");
    EXPECT_GT(Metric(legacy, "rsip_no_binding_udp500"), 0);
    ResultRow noGateway = RunVariant(kRsip, "rsip-ah-two-hosts", {{"rsip-gateway", "false"}});
    EXPECT_EQ(noGateway.outcome, "fails");
    EXPECT_EQ(noGateway.symptom, "rsip-no-lease");
    EXPECT_EQ(Metric(noGateway, "rsip_no_lease"), 2);
    ResultRow tunnelLegacy = RunVariant(kRsip, "rsip-esp-tunnel", {{"legacy-responder", "true"}});
    EXPECT_EQ(tunnelLegacy.symptom, "rsip-no-binding");
    ResultRow off = RunVariant(kRsip,
                               "rsip-ah-two-hosts",
                               {{"legacy-responder", "false"}, {"rsip-gateway", "true"}});
    EXPECT_EQ(off.outcome, "works");
}

// The lease extensions are RSIP's keepalive: a longer lease costs fewer bytes.
TEST(CatalogueSolRsip, LongerLeasesCostFewerExtensionBytes)
{
    ResultRow shortLease = RunVariant(kRsip, "rsip-ah-two-hosts", {{"lease-time", "4"}});
    ResultRow longLease = RunVariant(kRsip, "rsip-ah-two-hosts", {{"lease-time", "3600"}});
    EXPECT_EQ(shortLease.outcome, "works");
    EXPECT_EQ(longLease.outcome, "works");
    EXPECT_GT(Metric(shortLease, "rsip_lease_extension_bytes_per_s"), 0);
    EXPECT_EQ(Metric(longLease, "rsip_lease_extension_bytes_per_s"), 0);
}

} // namespace
