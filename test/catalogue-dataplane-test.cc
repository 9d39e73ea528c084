/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The RFC 3715 2.1 data-plane entries of the catalogue (rfc3715-a, b, g,
// i, j, spoof) and the encapsulation-overhead measurement: every variant
// gives its expected outcome and symptom, the parameters move the outcome
// where the cause depends on them, and the metrics say what happened.

#include "catalogue-test-util.h"
#include "catalogue.h"
#include "catalogue/dataplane-common.h"
#include "lab.h"
#include "runner.h"

#include "ns3/core-module.h"
#include "ns3/ike-ports.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"
#include "ns3/security-association-database.h"

#include <cctype>
#include <gtest/gtest.h>
#include <map>
#include <string>

using namespace ns3;

using natt_test::Metric;
using natt_test::RunVariant;

namespace
{

struct Case
{
    const char* id;
    const char* variant;
};

/// gtest prints parameters in test listings; name the case, not its bytes.
void
PrintTo(const Case& c, std::ostream* os)
{
    *os << c.id << "/" << c.variant;
}

class DataplaneVariant : public testing::TestWithParam<Case>
{
};

} // namespace

TEST_P(DataplaneVariant, GivesItsExpectedOutcomeAndSymptom)
{
    natt::ResultRow row = RunVariant(GetParam().id, GetParam().variant);
    ASSERT_FALSE(row.expected.empty()) << "no such variant";
    EXPECT_EQ(row.outcome, row.expected);
    EXPECT_EQ(row.symptom, row.expectedSymptom);
    EXPECT_TRUE(row.Matches());
}

INSTANTIATE_TEST_SUITE_P(Catalogue,
                         DataplaneVariant,
                         testing::Values(Case{"rfc3715-a", "ah-transport"},
                                         Case{"rfc3715-a", "esp-natt"},
                                         Case{"rfc3715-b", "esp-transport"},
                                         Case{"rfc3715-b", "rfc3948-nat-oa"},
                                         Case{"rfc3715-b", "tunnel"},
                                         Case{"rfc3715-g", "no-ipsec"},
                                         Case{"rfc3715-g", "esp-transport"},
                                         Case{"rfc3715-g", "host-alg"},
                                         Case{"rfc3715-g", "tunnel-assigned-address"},
                                         Case{"rfc3715-i", "esp-transport"},
                                         Case{"rfc3715-i", "natt-inbound"},
                                         Case{"rfc3715-j", "napt-drops-esp"},
                                         Case{"rfc3715-j", "address-only-second-host"},
                                         Case{"rfc3715-j", "udp-encap"},
                                         Case{"rfc3715-spoof", "no-source-check"},
                                         Case{"rfc3715-spoof", "source-check"},
                                         Case{"encapsulation-overhead", "none"},
                                         Case{"encapsulation-overhead", "esp-transport"},
                                         Case{"encapsulation-overhead", "rfc3948"},
                                         Case{"encapsulation-overhead", "stenberg"},
                                         Case{"encapsulation-overhead", "tunnel"}),
                         [](const testing::TestParamInfo<Case>& info) {
                             std::string name =
                                 std::string(info.param.id) + "_" + info.param.variant;
                             for (auto& c : name)
                             {
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             }
                             return name;
                         });

TEST(DataplaneCatalogue, EveryVariantOfTheGroupIsTested)
{
    // The list above names every variant the entries declare.
    std::map<std::string, std::size_t> expected{{"rfc3715-a", 2},
                                                {"rfc3715-b", 3},
                                                {"rfc3715-g", 4},
                                                {"rfc3715-i", 2},
                                                {"rfc3715-j", 3},
                                                {"rfc3715-spoof", 2},
                                                {"encapsulation-overhead", 5}};
    for (const auto& [id, count] : expected)
    {
        const natt::Scenario* scenario = natt::FindScenario(id);
        ASSERT_NE(scenario, nullptr) << id;
        EXPECT_EQ(scenario->GetVariants().size(), count) << id;
    }
}

TEST(DataplaneRfc3715A, TheIcvFailsOnTheServerForEveryRequest)
{
    natt::ResultRow row = RunVariant("rfc3715-a", "ah-transport", {{"packets", "6"}});
    EXPECT_EQ(Metric(row, "icv_failures"), 6);
    EXPECT_EQ(Metric(row, "echo_replies"), 0);
    natt::ResultRow fixed = RunVariant("rfc3715-a", "esp-natt", {{"packets", "6"}});
    EXPECT_EQ(Metric(fixed, "echo_replies"), 6);
    EXPECT_EQ(Metric(fixed, "esp_delivered"), 12) << "requests and replies, both protected";
}

TEST(DataplaneRfc3715B, TcpAndUdpAreRefusedAfterDecapsulation)
{
    natt::ResultRow row = RunVariant("rfc3715-b", "esp-transport");
    EXPECT_EQ(Metric(row, "tcp_bytes_received"), 0);
    EXPECT_GT(Metric(row, "l4_checksum_drops"), 10) << "ten echoes and the TCP SYNs";
    for (const char* fix : {"rfc3948-nat-oa", "tunnel"})
    {
        natt::ResultRow fixed = RunVariant("rfc3715-b", fix, {{"tcp-bytes", "50000"}});
        EXPECT_EQ(Metric(fixed, "tcp_bytes_received"), 50000) << fix;
        EXPECT_EQ(Metric(fixed, "l4_checksum_drops"), 0) << fix;
    }
}

TEST(DataplaneRfc3715G, TheAlgTranslatesOnlyWhatItCanRead)
{
    natt::ResultRow clear = RunVariant("rfc3715-g", "no-ipsec");
    EXPECT_EQ(Metric(clear, "alg_mappings"), 1) << "the ALG rewrote the PORT command";
    EXPECT_EQ(Metric(clear, "embedded_is_control_peer"), 1);
    natt::ResultRow hidden = RunVariant("rfc3715-g", "esp-transport");
    EXPECT_EQ(Metric(hidden, "port_commands"), 1) << "the command reached the server";
    EXPECT_EQ(Metric(hidden, "alg_mappings"), 0) << "inside ESP the ALG saw nothing";
    EXPECT_EQ(Metric(hidden, "embedded_is_control_peer"), 0);
    EXPECT_EQ(Metric(hidden, "data_bytes_received"), 0);
    natt::ResultRow alg = RunVariant("rfc3715-g", "host-alg", {{"data-size", "30000"}});
    EXPECT_EQ(Metric(alg, "data_bytes_received"), 30000);
    EXPECT_EQ(Metric(alg, "alg_mappings"), 0) << "the host translated, not the NAT";
}

TEST(DataplaneRfc3715J, ASingleHostKeepsTheAddressOnlyMapping)
{
    // RFC 3715 2.2 j: address-only translation works while one host uses it.
    natt::ResultRow one =
        RunVariant("rfc3715-j", "address-only-second-host", {{"hosts", "1"}, {"packets", "5"}});
    EXPECT_EQ(one.outcome, "works");
    EXPECT_EQ(one.symptom, "none");
    natt::ResultRow three =
        RunVariant("rfc3715-j", "address-only-second-host", {{"hosts", "3"}, {"packets", "5"}});
    EXPECT_EQ(three.outcome, "fails");
    EXPECT_EQ(three.symptom, "esp-dropped-by-nat");
    EXPECT_EQ(Metric(three, "hosts_working"), 1) << "only the first host holds protocol 50";
}

TEST(DataplaneRfc3715J, UdpEncapsulationServesEveryHost)
{
    natt::ResultRow row = RunVariant("rfc3715-j", "udp-encap", {{"hosts", "4"}, {"packets", "5"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "hosts_working"), 4);
    EXPECT_EQ(Metric(row, "esp_dropped_by_nat"), 0);
    natt::ResultRow dropped = RunVariant("rfc3715-j", "napt-drops-esp", {{"hosts", "1"}});
    EXPECT_EQ(dropped.symptom, "esp-dropped-by-nat") << "one host or many, the NAPT drops ESP";
}

TEST(DataplaneRfc3715Spoof, TheCheckDropsEverySpoofedPacketAndNothingElse)
{
    natt::ResultRow open = RunVariant("rfc3715-spoof", "no-source-check", {{"packets", "7"}});
    EXPECT_EQ(Metric(open, "spoofed_accepted"), 7);
    natt::ResultRow checked = RunVariant("rfc3715-spoof", "source-check", {{"packets", "7"}});
    EXPECT_EQ(Metric(checked, "spoofed_accepted"), 0);
    EXPECT_EQ(Metric(checked, "spoofed_source_drops"), 7);
    EXPECT_EQ(Metric(checked, "own_replies"), 7);
}

TEST(DataplaneEncapsulationOverhead, MeasuredBytesMatchTheHeaderSizes)
{
    std::map<std::string, double> overhead;
    for (const char* variant : {"none", "esp-transport", "rfc3948", "stenberg", "tunnel"})
    {
        natt::ResultRow row =
            RunVariant("encapsulation-overhead", variant, {{"payload-size", "512"}});
        overhead[variant] = Metric(row, "overhead_bytes_per_packet");
        if (std::string(variant) == "none")
        {
            EXPECT_EQ(Metric(row, "wire_bytes_per_packet"), 512 + 28);
        }
    }
    EXPECT_EQ(overhead["none"], 0);
    // RFC 4303 with AES-CBC and HMAC-SHA1-96: SPI and sequence (8), IV (16),
    // padding of 520 + 2 up to 528 (6), pad length and next header (2), ICV (12).
    EXPECT_EQ(overhead["esp-transport"], 44);
    // RFC 3948 2.1: one UDP header more.
    EXPECT_EQ(overhead["rfc3948"] - overhead["esp-transport"], 8);
    // draft-stenberg: UDP 8 + the envelope of its Figure 3, 18 bytes (4.2
    // counts 17; see StenbergEnvelopeHeader).
    EXPECT_EQ(overhead["stenberg"] - overhead["esp-transport"], 8 + 18);
    // Tunnel mode: the inner IPv4 header (20), then 542 pads to 544 (2).
    EXPECT_EQ(overhead["tunnel"], 8 + 16 + 20 + 2 + 2 + 12);
}

TEST(DataplaneEncapsulationOverhead, BigPayloadsFragmentAndPayForIt)
{
    natt::ResultRow row =
        RunVariant("encapsulation-overhead", "stenberg", {{"payload-size", "1400"}});
    EXPECT_EQ(row.outcome, "works");
    EXPECT_EQ(Metric(row, "wire_packets_per_packet"), 2) << "1506 bytes do not fit 1500";
    natt::ResultRow small =
        RunVariant("encapsulation-overhead", "stenberg", {{"payload-size", "64"}});
    EXPECT_EQ(Metric(small, "wire_packets_per_packet"), 1);
}

TEST(DataplaneEncapsulationOverhead, TheSweepCoversEveryVariantAndSize)
{
    const natt::Scenario* scenario = natt::FindScenario("encapsulation-overhead");
    ASSERT_NE(scenario, nullptr);
    auto sweeps = scenario->GetSweeps();
    ASSERT_EQ(sweeps.size(), 1u);
    EXPECT_EQ(sweeps[0].name, "encapsulation-overhead");
    EXPECT_EQ(sweeps[0].points.size(), 25u);
}

// The model fix behind rfc3715-j's udp-encap with several hosts: manually
// keyed SAs for two hosts behind one NAT start with the same outer
// endpoint (the NAT's address, port 4500); when the second host's first
// packet arrives from another port, only its own SAs (same NAT-OA) follow.
TEST(DataplaneFollowPeer, OnlyTheSasOfTheHostThatMovedFollowIt)
{
    natt::RunContext context;
    context.variant = "follow-peer";
    natt::Lab lab("dataplane-test", context);
    NatHelper nat;
    nat.SetPreset("port-preserving");
    natt::dataplane::RemoteAccess net = natt::dataplane::AddRemoteAccess(lab, nat, 2);
    lab.Build();
    IpsecHelper ipsec;
    std::vector<IpsecHelper::Pair> pairs;
    std::vector<std::shared_ptr<natt::EchoFlow>> flows;
    for (uint32_t k = 0; k < 2; ++k)
    {
        natt::dataplane::TransportSpec spec;
        spec.options = natt::dataplane::EspOptions(IpsecEncapsulation::UDP_ENCAP);
        spec.natOa = true;
        spec.serverPort = static_cast<uint16_t>(7001 + k);
        pairs.push_back(
            natt::dataplane::AddTransportPair(ipsec, lab, net.hosts[k], net.nat, net.server, spec));
        flows.push_back(lab.AddUdpEcho(net.hosts[k],
                                       net.server,
                                       spec.serverPort,
                                       3,
                                       MilliSeconds(100),
                                       100,
                                       Seconds(1) + Seconds(k)));
    }
    lab.Run(Seconds(4));
    EXPECT_EQ(flows[0]->repliesReceived, 3u);
    EXPECT_EQ(flows[1]->repliesReceived, 3u);
    uint16_t first = pairs[0].outboundB->GetParameters().encapsulation.remotePort;
    uint16_t second = pairs[1].outboundB->GetParameters().encapsulation.remotePort;
    EXPECT_EQ(first, IKE_NAT_T_UDP_PORT) << "the first host kept its port through the NAT";
    EXPECT_NE(second, IKE_NAT_T_UDP_PORT) << "the second host's SAs moved to its mapped port";
    EXPECT_EQ(pairs[1].inboundB->GetParameters().encapsulation.remotePort, second);
    EXPECT_EQ(pairs[0].inboundB->GetParameters().encapsulation.remotePort, IKE_NAT_T_UDP_PORT);
}
