/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The 3Com DNAT entries (seed 003): dnat-ports and dnat-spi give the
// catalogue's outcomes and symptoms from the router's counters, each cause
// flips with its parameter alone, and the router never changes a byte of
// TCP, UDP, ESP or AH.

#include "catalogue-test-util.h"
#include "catalogue.h"

#include <gtest/gtest.h>

using natt::ResultRow;
using natt_test::Metric;
using natt_test::RunVariant;

TEST(CatalogueDnatPorts, TwoHostsWorkAndTheRouterChangesNoTransportByte)
{
    ResultRow row = RunVariant("dnat-ports", "two-hosts");
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(row.symptom, "none");
    EXPECT_GT(Metric(row, "transport_identical"), 0);
    EXPECT_EQ(Metric(row, "transport_changed"), 0);
    EXPECT_GT(Metric(row, "dnat_inbound"), 0) << "TCP's ACKs came back through the tunnel";
    // RFC 2003 3.1: the outer header, without options, on the host-router leg only.
    EXPECT_EQ(Metric(row, "dnat_bytes_added_host_leg"), 20);
    EXPECT_EQ(Metric(row, "dnat_bytes_added_internet"), 0);
    // Two hosts, a grant and two renewals each (lease 4 s, 6 s run):
    // 3 x (24 + 40 + 2 x 28) bytes per host.
    EXPECT_EQ(Metric(row, "dnat_allocation_bytes_per_s"), 2 * 3 * (24 + 40 + 56) / 6.0);
}

TEST(CatalogueDnatPorts, TheStrayPortAloneDecides)
{
    ResultRow stray = RunVariant("dnat-ports", "port-outside-block");
    EXPECT_EQ(stray.outcome, "fails");
    EXPECT_EQ(stray.symptom, "port-outside-block");
    EXPECT_EQ(Metric(stray, "dnat_port_outside_block"), 10) << "every UDP datagram of the host";

    ResultRow fixed = RunVariant("dnat-ports", "port-outside-block", {{"stray-port", "no"}});
    EXPECT_EQ(fixed.outcome, "works");
    ResultRow broken = RunVariant("dnat-ports", "two-hosts", {{"stray-port", "yes"}});
    EXPECT_EQ(broken.outcome, "fails");
    EXPECT_EQ(broken.symptom, "port-outside-block");
    // With one host the stray port is that host's own.
    ResultRow one = RunVariant("dnat-ports", "two-hosts", {{"hosts", "1"}, {"stray-port", "yes"}});
    EXPECT_EQ(one.symptom, "port-outside-block");
}

TEST(CatalogueDnatSpi, SpiBlocksCarryEspAndAhWithTheirIcvIntact)
{
    ResultRow row = RunVariant("dnat-spi", "spi-blocks");
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(row.symptom, "none");
    EXPECT_EQ(Metric(row, "icv_failures"), 0);
    EXPECT_GT(Metric(row, "ipsec_accepted_by_hosts"), 0);
    EXPECT_EQ(Metric(row, "transport_changed"), 0);
    EXPECT_GT(Metric(row, "transport_identical"), 0);
}

TEST(CatalogueDnatSpi, TheStraySpiAloneDecides)
{
    ResultRow stray = RunVariant("dnat-spi", "spi-outside-block");
    EXPECT_EQ(stray.outcome, "fails");
    EXPECT_EQ(stray.symptom, "spi-outside-block");
    EXPECT_GT(Metric(stray, "dnat_spi_outside_block"), 0);
    EXPECT_EQ(RunVariant("dnat-spi", "spi-outside-block", {{"stray-spi", "no"}}).outcome, "works");
    ResultRow broken = RunVariant("dnat-spi", "spi-blocks", {{"stray-spi", "yes"}});
    EXPECT_EQ(broken.symptom, "spi-outside-block");
    // Four hosts, ESP and AH alternating, all in their blocks.
    EXPECT_EQ(RunVariant("dnat-spi", "spi-blocks", {{"hosts", "4"}}).outcome, "works");
}

TEST(CatalogueDnatSpi, TheRemoteAuthenticatesTheLcaCertificateAndItsRanges)
{
    ResultRow row = RunVariant("dnat-spi", "lca-certificates");
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "lca_ranges_matched"), 2);
    EXPECT_EQ(Metric(row, "ike_sas_established"), 2);
    EXPECT_GT(Metric(row, "ipsec_accepted_by_hosts"), 0);

    // An SPI outside the certificate's range: the remote refuses the SA.
    ResultRow stray = RunVariant("dnat-spi", "lca-certificates", {{"stray-spi", "yes"}});
    EXPECT_EQ(stray.outcome, "fails");
    EXPECT_EQ(stray.symptom, "lca-range-refused");
    EXPECT_EQ(Metric(stray, "lca_ranges_refused"), 1);
}

TEST(CatalogueDnatSpi, TheTrustAnchorAloneDecides)
{
    ResultRow untrusted = RunVariant("dnat-spi", "untrusted-lca");
    EXPECT_EQ(untrusted.outcome, "fails");
    EXPECT_EQ(untrusted.symptom, "auth-failed");
    EXPECT_EQ(Metric(untrusted, "ike_auth_failed"), 2);
    EXPECT_EQ(RunVariant("dnat-spi", "untrusted-lca", {{"remote-trusts", "router-lca"}}).outcome,
              "works");
    EXPECT_EQ(RunVariant("dnat-spi", "lca-certificates", {{"remote-trusts", "other-lca"}}).symptom,
              "auth-failed");
}
