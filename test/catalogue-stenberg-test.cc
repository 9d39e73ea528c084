/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// draft-stenberg end to end (issue 13): every variant of the stenberg-*
// entries gives the outcome and symptom the catalogue expects, each cause
// flipped by a parameter alone makes the outcome follow, the costs are the
// ones the draft's wire formats give; and the matrix report's fixes table
// is built from the rows, never from a number of its own.

#include "catalogue-test-util.h"
#include "catalogue.h"
#include "fixes.h"
#include "report.h"

#include <gtest/gtest.h>
#include <map>
#include <string>

using natt::ResultRow;
using natt::Scenario;

using natt_test::Metric;
using natt_test::RunVariant;

TEST(CatalogueStenberg, EveryVariantMatchesTheCatalogue)
{
    for (const char* id :
         {"stenberg-probe", "stenberg-encap", "stenberg-heartbeat", "stenberg-builtin-nat"})
    {
        const Scenario* scenario = natt::FindScenario(id);
        ASSERT_NE(scenario, nullptr) << id;
        for (const auto& variant : scenario->GetVariants())
        {
            SCOPED_TRACE(std::string(id) + "/" + variant.name);
            ResultRow row = RunVariant(id, variant.name);
            EXPECT_EQ(row.outcome, variant.expected);
            EXPECT_EQ(row.symptom, variant.expectedSymptom);
        }
    }
}

// 3.1.2: the responder's answer follows the path, and ESP follows the answer.
TEST(CatalogueStenberg, TheProbeChoosesTheEnvelopeOnlyThroughANat)
{
    ResultRow plain = RunVariant("stenberg-probe", "no-nat");
    EXPECT_EQ(Metric(plain, "nat_chosen"), 0);
    EXPECT_EQ(Metric(plain, "envelopes_sent"), 0);
    EXPECT_GT(Metric(plain, "plain_esp_sent"), 0);
    ResultRow nat = RunVariant("stenberg-probe", "behind-nat");
    EXPECT_EQ(Metric(nat, "nat_chosen"), 1);
    EXPECT_EQ(Metric(nat, "plain_esp_sent"), 0);
    EXPECT_GT(Metric(nat, "envelopes_sent"), 0);
}

TEST(CatalogueStenberg, EachCauseFlips)
{
    struct Flip
    {
        std::string id;
        std::string variant;
        std::map<std::string, std::string> set;
        std::string outcome;
    };

    const std::vector<Flip> flips{
        // A gateway that implements the draft answers the probe.
        {"stenberg-probe", "peer-without-support", {{"gateway-supports-draft", "true"}}, "works"},
        // The probe says "NAT" and the envelope is chosen.
        {"stenberg-probe", "no-nat", {{"client-nat", "port-preserving"}}, "works"},
        // A NAT that does not parse ISAKMP lets the envelope through ...
        {"stenberg-encap", "payload-inspecting-nat", {{"nat", "port-preserving"}}, "works"},
        // ... and one that does refuses it.
        {"stenberg-encap", "napt", {{"nat", "payload-inspecting"}}, "fails"},
        // One host alone has port 500 to itself.
        {"stenberg-encap", "port-500-special-two-hosts", {{"hosts", "1"}}, "works"},
        // Every envelope leaves from port 500, which a port-preserving NAT
        // keeps for one host; RFC 3948 gives each host a port of its own.
        {"stenberg-encap", "napt", {{"hosts", "2"}}, "fails"},
        {"stenberg-encap", "rfc3948", {{"hosts", "8"}}, "works"},
        // Heartbeats more often than the NAT forgets keep the mapping.
        {"stenberg-heartbeat", "heartbeat", {{"heartbeat-interval", "0"}}, "fails"},
        {"stenberg-heartbeat", "heartbeat", {{"nat-udp-timeout", "5"}}, "fails"},
    };
    for (const auto& flip : flips)
    {
        SCOPED_TRACE(flip.id + "/" + flip.variant);
        EXPECT_EQ(RunVariant(flip.id, flip.variant, flip.set).outcome, flip.outcome);
    }
}

// 4.2: UDP 8 + the envelope of Figure 3, 18 octets (the draft's text says 17).
TEST(CatalogueStenberg, EnvelopeAddsTwentySixBytesWhereRfc3948AddsEight)
{
    EXPECT_EQ(Metric(RunVariant("stenberg-encap", "napt"), "added_bytes_per_packet"), 26);
    EXPECT_EQ(Metric(RunVariant("stenberg-encap", "rfc3948"), "added_bytes_per_packet"), 8);
}

// ISSUE2: the same private address twice; the built-in NAT tells them apart.
TEST(CatalogueStenberg, TheBuiltinNatMapsEachClient)
{
    ResultRow with = RunVariant("stenberg-builtin-nat", "with-builtin-nat");
    EXPECT_EQ(Metric(with, "builtin_nat_mappings"), 2);
    EXPECT_EQ(Metric(with, "esp_misdelivered"), 0);
    EXPECT_GT(Metric(with, "builtin_nat_outbound"), 0);
    ResultRow without = RunVariant("stenberg-builtin-nat", "without-builtin-nat");
    EXPECT_GT(Metric(without, "esp_misdelivered"), 0);
    // The cause is two clients: one alone works without the built-in NAT, and
    // the parameter alone turns the fix on.
    EXPECT_EQ(RunVariant("stenberg-builtin-nat", "without-builtin-nat", {{"clients", "1"}}).outcome,
              "works");
    EXPECT_EQ(RunVariant("stenberg-builtin-nat", "without-builtin-nat", {{"builtin-nat", "true"}})
                  .outcome,
              "works");
}

// 4.2: (IP 20 + UDP 8 + 18) x 2 every 10 s; 9 pings and 9 replies in the 92 s run.
TEST(CatalogueStenberg, HeartbeatCostsNineBytesASecond)
{
    ResultRow row = RunVariant("stenberg-heartbeat", "heartbeat");
    EXPECT_EQ(Metric(row, "keepalive_bytes"), 18 * 46);
    EXPECT_NEAR(Metric(row, "keepalive_bytes_per_second"), 9.0, 0.01);
    EXPECT_EQ(Metric(RunVariant("stenberg-heartbeat", "no-heartbeat"), "keepalive_bytes"), 0);
}

namespace
{

ResultRow
Row(const std::string& id,
    const std::string& variant,
    const std::string& source,
    const std::string& outcome,
    std::vector<std::pair<std::string, double>> metrics = {})
{
    ResultRow row;
    row.id = id;
    row.variant = variant;
    row.source = source;
    row.expected = "works";
    row.expectedSymptom = "none";
    row.outcome = outcome;
    row.symptom = outcome == "works" ? "none" : "traffic-lost";
    row.metrics = std::move(metrics);
    return row;
}

std::string
LineOf(const std::string& table, const std::string& start)
{
    std::size_t at = table.find("| " + start);
    if (at == std::string::npos)
    {
        return "";
    }
    return table.substr(at, table.find('\n', at) - at);
}

} // namespace

TEST(FixesTable, FillsFromTheRowsAndSaysNotMeasuredOtherwise)
{
    std::vector<ResultRow> rows{
        Row("rfc3715-k", "stenberg-heartbeat", "RFC 3715 2.2 k", "works"),
        Row("stenberg-encap", "napt", "draft", "works", {{"added_bytes_per_packet", 26}}),
        Row("stenberg-heartbeat",
            "heartbeat",
            "draft",
            "works",
            {{"keepalive_bytes_per_second", 9}}),
        // A failing row shows nothing: rfc3715-j is not fixed here.
        Row("rfc3715-j", "udp-encap", "RFC 3715 2.2 j", "fails"),
    };
    std::string table = natt::FixesTable(rows);
    std::string stenberg = LineOf(table, "draft-stenberg");
    EXPECT_NE(stenberg.find("| 2.2 k |"), std::string::npos) << stenberg;
    EXPECT_NE(stenberg.find("26 (stenberg-encap/napt)"), std::string::npos) << stenberg;
    EXPECT_NE(stenberg.find("9 (stenberg-heartbeat/heartbeat)"), std::string::npos) << stenberg;
    std::string natt = LineOf(table, "NAT-T");
    EXPECT_NE(natt.find("none in this run"), std::string::npos) << natt;
    EXPECT_NE(natt.find("| 0 | not measured | not measured |"), std::string::npos) << natt;
    for (const char* fix : {"RSIP", "3Com", "6to4"})
    {
        EXPECT_NE(LineOf(table, fix).find("not measured | not measured"), std::string::npos) << fix;
    }
    // The report carries the table.
    EXPECT_NE(natt::MatrixReport(rows).find("## Which fix, at what cost"), std::string::npos);
}

TEST(FixesTable, AnEntryDeclaresItsUseInOneLine)
{
    static const natt::RegisteredFixUse kUse{
        {"rsip", "sol-rsip-test", "tunnel", "added_bytes_per_packet"}};
    std::vector<ResultRow> rows{
        Row("sol-rsip-test", "tunnel", "RFC 3715 4.2", "works", {{"added_bytes_per_packet", 20}})};
    std::string rsip = LineOf(natt::FixesTable(rows), "RSIP");
    EXPECT_NE(rsip.find("| 1 | 20 (sol-rsip-test/tunnel) | not measured |"), std::string::npos)
        << rsip;
}
