/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The RFC 3715 2.1 f and 2.2 k-m entries of the catalogue (SPIs,
// keepalives, fragments): every variant gives its expected outcome and
// symptom, the parameters move the outcome where the cause depends on
// them, and the metrics say what happened.

#include "catalogue-test-util.h"
#include "catalogue.h"
#include "lab.h"
#include "runner.h"

#include "ns3/nstime.h"

#include <cctype>
#include <gtest/gtest.h>
#include <map>
#include <string>

using natt_test::Metric;
using natt_test::RunVariant;

namespace
{

struct Case
{
    const char* id;
    const char* variant;
};

class SpiVariant : public testing::TestWithParam<Case>
{
};

/// Each variant as the catalogue expects it.
TEST_P(SpiVariant, MatchesTheCatalogue)
{
    natt::ResultRow row = RunVariant(GetParam().id, GetParam().variant);
    auto variant = natt::FindScenario(GetParam().id)->FindVariant(GetParam().variant);
    ASSERT_TRUE(variant.has_value());
    EXPECT_EQ(row.outcome, variant->expected);
    EXPECT_EQ(row.symptom, variant->expectedSymptom);
    EXPECT_TRUE(row.Matches());
}

INSTANTIATE_TEST_SUITE_P(Catalogue,
                         SpiVariant,
                         testing::Values(Case{"rfc3715-f", "spi-demux-nat"},
                                         Case{"rfc3715-f", "same-spi"},
                                         Case{"rfc3715-f", "spi-blocks"},
                                         Case{"rfc3715-f", "udp-encapsulation"},
                                         Case{"rfc3715-k", "no-keepalives"},
                                         Case{"rfc3715-k", "rfc3948-keepalives"},
                                         Case{"rfc3715-k", "stenberg-heartbeat"},
                                         Case{"rfc3715-l", "id-collision"},
                                         Case{"rfc3715-l", "first-fragment-only"},
                                         Case{"rfc3715-l", "ip-id-translation"},
                                         Case{"rfc3715-l", "path-sized-datagrams"},
                                         Case{"rfc3715-m", "certificates"},
                                         Case{"rfc3715-m", "ikev2-fragmentation"},
                                         Case{"rfc3715-m", "reassembling-nat"},
                                         Case{"rfc3715-m", "pre-shared-keys"}),
                         [](const testing::TestParamInfo<Case>& info) {
                             std::string name =
                                 std::string(info.param.id) + "_" + info.param.variant;
                             for (char& c : name)
                             {
                                 if (!std::isalnum(static_cast<unsigned char>(c)))
                                 {
                                     c = '_';
                                 }
                             }
                             return name;
                         });

TEST(CatalogueSpi, EveryVariantOfTheGroupIsTested)
{
    // The list above and the catalogue must not drift apart.
    std::map<std::string, std::size_t> counts{{"rfc3715-f", 4},
                                              {"rfc3715-k", 3},
                                              {"rfc3715-l", 4},
                                              {"rfc3715-m", 4}};
    for (const auto& [id, count] : counts)
    {
        const natt::Scenario* scenario = natt::FindScenario(id);
        ASSERT_NE(scenario, nullptr) << id;
        EXPECT_EQ(scenario->GetVariants().size(), count) << id;
    }
}

// ---------------------------------------------------------------- rfc3715-f

TEST(CatalogueSpiF, MisdeliveredEspIsMeasured)
{
    natt::ResultRow row = RunVariant("rfc3715-f", "spi-demux-nat");
    // Both hosts start within 10 ms, before either first reply returns: the
    // NAT binds both inbound SPIs to host-2, which sent last.
    EXPECT_GT(Metric(row, "esp_misdelivered"), 0);
    EXPECT_NEAR(Metric(row, "esp_misdelivered_fraction"), 0.5, 1e-9);
    natt::ResultRow blocks = RunVariant("rfc3715-f", "spi-blocks");
    EXPECT_EQ(Metric(blocks, "esp_misdelivered"), 0);
    EXPECT_EQ(Metric(blocks, "esp_misdelivered_fraction"), 0);
}

TEST(CatalogueSpiF, OneHostHasNobodyToBeConfusedWith)
{
    natt::ResultRow row = RunVariant("rfc3715-f", "spi-demux-nat", {{"hosts", "1"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(row.symptom, "none");
    EXPECT_EQ(Metric(row, "esp_misdelivered"), 0);
}

TEST(CatalogueSpiF, HostsThatTakeTurnsAreGuessedRight)
{
    // Each host's first reply is back before the next host sends: the
    // passthrough NAT's last-sender guess is right every time.
    natt::ResultRow row = RunVariant("rfc3715-f", "spi-demux-nat", {{"start-spread", "3000"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "esp_misdelivered"), 0);
}

TEST(CatalogueSpiF, MoreHostsMoreMisdelivery)
{
    natt::ResultRow row = RunVariant("rfc3715-f", "spi-demux-nat", {{"hosts", "8"}});
    EXPECT_EQ(row.symptom, "esp-misdelivered");
    EXPECT_DOUBLE_EQ(Metric(row, "esp_misdelivered_fraction"), 7.0 / 8.0);
    natt::ResultRow blocks = RunVariant("rfc3715-f", "spi-blocks", {{"hosts", "8"}});
    EXPECT_EQ(blocks.outcome, "works");
    natt::ResultRow udp = RunVariant("rfc3715-f", "udp-encapsulation", {{"hosts", "8"}});
    EXPECT_EQ(udp.outcome, "works");
}

// ---------------------------------------------------------------- rfc3715-k

TEST(CatalogueSpiK, AMappingThatOutlivesTheIdleTimeNeedsNoKeepalives)
{
    natt::ResultRow row = RunVariant("rfc3715-k", "no-keepalives", {{"nat-udp-timeout", "120"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "keepalive_bytes"), 0);
}

TEST(CatalogueSpiK, KeepalivesSlowerThanTheTimeoutDoNotHelp)
{
    natt::ResultRow row = RunVariant("rfc3715-k",
                                     "rfc3948-keepalives",
                                     {{"nat-udp-timeout", "20"}, {"keepalive-interval", "30"}});
    EXPECT_EQ(row.outcome, "fails");
    EXPECT_EQ(row.symptom, "mapping-expired");
    EXPECT_GT(Metric(row, "keepalive_bytes"), 0);
}

TEST(CatalogueSpiK, IntervalZeroMeansNoKeepalives)
{
    natt::ResultRow row =
        RunVariant("rfc3715-k", "rfc3948-keepalives", {{"keepalive-interval", "0"}});
    EXPECT_EQ(row.symptom, "mapping-expired");
    EXPECT_EQ(Metric(row, "keepalive_bytes"), 0);
    natt::ResultRow heartbeat =
        RunVariant("rfc3715-k", "stenberg-heartbeat", {{"keepalive-interval", "0"}});
    EXPECT_EQ(heartbeat.symptom, "mapping-expired");
}

TEST(CatalogueSpiK, KeepaliveCostIsOnePacketPerInterval)
{
    // RFC 3948 2.3: one octet of payload, 29 bytes on the wire (IP + UDP + 1).
    natt::ResultRow row = RunVariant("rfc3715-k", "rfc3948-keepalives");
    EXPECT_EQ(Metric(row, "keepalive_bytes"), 29.0 * Metric(row, "keepalives_sent"));
    EXPECT_GT(Metric(row, "keepalive_bytes_per_second"), 1.0);
    EXPECT_LT(Metric(row, "keepalive_bytes_per_second"), 29.0 / 20 + 0.01);
}

// ---------------------------------------------------------------- rfc3715-l

TEST(CatalogueSpiL, OneHostCannotCollideWithItself)
{
    natt::ResultRow row = RunVariant("rfc3715-l", "id-collision", {{"hosts", "1"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "fragment_id_collisions"), 0);
    EXPECT_GT(Metric(row, "outbound_fragments"), 0);
}

TEST(CatalogueSpiL, CollisionsLoseDatagrams)
{
    natt::ResultRow row = RunVariant("rfc3715-l", "id-collision");
    EXPECT_GT(Metric(row, "fragment_id_collisions"), 0);
    EXPECT_LT(Metric(row, "datagrams_received"), Metric(row, "datagrams_sent"));
    EXPECT_EQ(Metric(row, "nat_fragment_drops"), 0) << "the NAT dropped nothing";
    natt::ResultRow fixed = RunVariant("rfc3715-l", "ip-id-translation");
    EXPECT_EQ(Metric(fixed, "fragment_id_collisions"), 0);
}

// The symptom is the receiver's: the gateway loses datagrams in reassembly
// (fragments of one datagram put with another's, which UDP then refuses by
// checksum, or left waiting until the reassembly timer) exactly when the
// hosts' IP IDs meet; with the IDs translated it loses nothing.
TEST(CatalogueSpiL, TheReceiverCountsWhatCollidingIdsCost)
{
    natt::ResultRow row = RunVariant("rfc3715-l", "id-collision");
    EXPECT_EQ(row.symptom, "fragment-id-collision");
    double lost = Metric(row, "datagrams_sent") - Metric(row, "datagrams_received");
    double receiverLosses = Metric(row, "reassembly_timeouts") + Metric(row, "udp_checksum_drops");
    EXPECT_GT(lost, 0);
    // Two hosts: each shared ID leaves one host's fragments over, one
    // reassembly the gateway gives up per lost datagram.
    EXPECT_EQ(receiverLosses, lost) << "each lost datagram is a loss the gateway counted";
    EXPECT_EQ(Metric(row, "esp_dropped"), 0) << "nothing wrong reached ESP";
    natt::ResultRow alone = RunVariant("rfc3715-l", "id-collision", {{"hosts", "1"}});
    natt::ResultRow translated = RunVariant("rfc3715-l", "ip-id-translation");
    for (const natt::ResultRow& fixed : {alone, translated})
    {
        EXPECT_EQ(fixed.outcome, "works") << fixed.variant;
        EXPECT_EQ(Metric(fixed, "reassembly_timeouts"), 0) << fixed.variant;
        EXPECT_EQ(Metric(fixed, "udp_checksum_drops"), 0) << fixed.variant;
    }
    // A NAT that drops later fragments leaves the first ones waiting: the
    // NAT's drop counter names that loss before the receiver's timeouts.
    natt::ResultRow dropped = RunVariant("rfc3715-l", "first-fragment-only");
    EXPECT_EQ(dropped.symptom, "fragment-dropped");
    EXPECT_GT(Metric(dropped, "reassembly_timeouts"), 0);
    EXPECT_EQ(Metric(dropped, "udp_checksum_drops"), 0);
}

TEST(CatalogueSpiL, SwitchedHostsReachTheServer)
{
    // Lab::AddSwitchedHost: the hosts' own links meet in a learning bridge.
    natt::RunContext context;
    context.variant = "switched";
    natt::Lab lab("lab-switch", context);
    ns3::Ptr<ns3::Node> server = lab.AddPublicNode("server");
    ns3::Ptr<ns3::Node> nat = lab.AddNat("nat", "port-preserving", "10.0.0.0/24");
    ns3::Ptr<ns3::Node> a = lab.AddSwitchedHost("host-a", nat);
    ns3::Ptr<ns3::Node> b = lab.AddSwitchedHost("host-b", nat);
    EXPECT_EQ(lab.GetAddress(a), ns3::Ipv4Address("10.0.0.2"));
    EXPECT_EQ(lab.GetAddress(b), ns3::Ipv4Address("10.0.0.3"));
    auto flowA = lab.AddUdpEcho(a, server, 7, 3, ns3::Seconds(1), 100, ns3::Seconds(1));
    auto flowB = lab.AddUdpEcho(b, server, 9, 3, ns3::Seconds(1), 100, ns3::Seconds(1));
    lab.Run(ns3::Seconds(5));
    EXPECT_EQ(flowA->repliesReceived, 3u);
    EXPECT_EQ(flowB->repliesReceived, 3u);
    EXPECT_EQ(flowA->receivedFrom.begin()->first, lab.GetAddress(nat));
}

TEST(CatalogueSpiL, DatagramsThatFitAreNotFragmented)
{
    natt::ResultRow row = RunVariant("rfc3715-l", "first-fragment-only", {{"payload", "1000"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "outbound_fragments"), 0);
    EXPECT_EQ(Metric(row, "nat_fragment_drops"), 0);
}

TEST(CatalogueSpiL, FragmentsAreCountedWhereTheyGo)
{
    natt::ResultRow dropped = RunVariant("rfc3715-l", "first-fragment-only");
    // Two fragments a datagram: the NAT passes the first and drops the second.
    EXPECT_EQ(Metric(dropped, "nat_fragment_drops"), Metric(dropped, "datagrams_sent"));
    EXPECT_EQ(Metric(dropped, "datagrams_received"), 0);
    natt::ResultRow fixed = RunVariant("rfc3715-l", "ip-id-translation");
    EXPECT_EQ(Metric(fixed, "outbound_fragments"), 2 * Metric(fixed, "datagrams_sent"));
    natt::ResultRow sized = RunVariant("rfc3715-l", "path-sized-datagrams");
    EXPECT_EQ(Metric(sized, "outbound_fragments"), 0);
    EXPECT_GT(Metric(sized, "datagrams_sent"), Metric(fixed, "datagrams_sent"));
}

// ---------------------------------------------------------------- rfc3715-m

TEST(CatalogueSpiM, AChainThatFitsOneDatagramNeedsNoFragmentation)
{
    // No CA certificate: IKE_AUTH (about 1.45 KB) still fits the 1500-byte MTU.
    natt::ResultRow row = RunVariant("rfc3715-m", "certificates", {{"chain-certs", "0"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_LT(Metric(row, "largest_ike_message_bytes"), 1500 - 20 - 8 - 4);
    EXPECT_EQ(Metric(row, "nat_fragment_drops"), 0);
}

TEST(CatalogueSpiM, LongerChainsMakeBiggerMessages)
{
    natt::ResultRow one = RunVariant("rfc3715-m", "certificates", {{"chain-certs", "1"}});
    natt::ResultRow four = RunVariant("rfc3715-m", "certificates", {{"chain-certs", "4"}});
    EXPECT_EQ(one.symptom, "ike-fragment-dropped");
    EXPECT_EQ(four.symptom, "ike-fragment-dropped");
    EXPECT_GT(Metric(four, "cert_chain_bytes"), Metric(one, "cert_chain_bytes") + 3 * 800);
    EXPECT_GT(Metric(four, "largest_ike_message_bytes"), Metric(one, "largest_ike_message_bytes"));
    EXPECT_GT(Metric(one, "ike_failures"), 0);
    EXPECT_EQ(Metric(one, "ike_sas_established"), 0);
    // RFC 7383: the same chain in fragments that each fit the path.
    natt::ResultRow fragmented =
        RunVariant("rfc3715-m", "ikev2-fragmentation", {{"chain-certs", "4"}});
    EXPECT_EQ(fragmented.outcome, "works");
    EXPECT_LE(Metric(fragmented, "largest_ike_message_bytes"), 1280);
}

} // namespace
