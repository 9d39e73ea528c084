/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// rfc4891-transport (RFC 4891 2, 2.1, 5.1): each outcome follows its cause.
// rfc4891-nat (B.2): the NAPT drops protocol 41, and ESP; ESP-in-UDP by
// IKEv2 with NAT-T passes it.
// The attacker on or off, IPsec on or off, the ingress filter on or off
// flip the row; RIPng's prefix added at run time is delivered, and
// protected when IPsec is on; tshark sees IPv6 inside the decrypted ESP.

#include "catalogue-test-util.h"
#include "shell-test-util.h"

#include <filesystem>
#include <functional>
#include <gtest/gtest.h>

using namespace natt;
using natt_test::ExpectRow;
using natt_test::Metric;
using natt_test::RunVariant;
using natt_test::RunVariantWithSets;
namespace fs = std::filesystem;

namespace
{

const char* const kId = "rfc4891-transport";

} // namespace

TEST(Rfc4891Transport, AttackerSpoofingTheEndpointIsAcceptedWithoutIpsec)
{
    ResultRow plain = RunVariant(kId, "plain-6in4");
    ExpectRow(plain, "fails", "spoofed-6in4-accepted");
    EXPECT_EQ(Metric(plain, "spoofed_accepted"), 10);
    EXPECT_EQ(Metric(plain, "esp_sent"), 0);
    // The attacker off: the plain tunnel works, the new prefix included.
    ResultRow quiet = RunVariant(kId, "plain-6in4", {{"spoofed-packets", "0"}});
    ExpectRow(quiet, "works", "none");
    EXPECT_EQ(Metric(quiet, "new_prefix_delivered"), 5);
    EXPECT_EQ(Metric(quiet, "new_prefix_protected"), 0);
}

TEST(Rfc4891Transport, IpsecOnProtocolFortyOneDropsTheAttackersPackets)
{
    ResultRow row = RunVariant(kId, "ipsec-transport");
    ExpectRow(row, "works", "none");
    EXPECT_EQ(Metric(row, "spoofed_accepted"), 0);
    EXPECT_EQ(Metric(row, "spoofed_dropped"), 10);
    EXPECT_EQ(Metric(row, "ike_sas_established"), 1);
    EXPECT_EQ(Metric(row, "echo_replies"), 10);
    // RFC 4891 5 requirement 2: RIPng's new prefix, protected unchanged.
    EXPECT_EQ(Metric(row, "new_prefix_delivered"), 5);
    EXPECT_EQ(Metric(row, "new_prefix_protected"), 5);
}

TEST(Rfc4891Transport, IngressFilterFlipsTheInnerSpoof)
{
    ResultRow open = RunVariant(kId, "inner-spoof");
    ExpectRow(open, "fails", "spoofed-inner-accepted");
    EXPECT_EQ(Metric(open, "spoofed_accepted"), 10);
    ResultRow filtered = RunVariant(kId, "inner-spoof-ingress-filtered");
    ExpectRow(filtered, "works", "none");
    EXPECT_EQ(Metric(filtered, "spoofed_dropped"), 10);
    // The user's --set of the filter wins over the variant's setting.
    ResultRow set = RunVariantWithSets(kId,
                                       "inner-spoof",
                                       {"ns3::Ipv6InIpv4TunnelNetDevice::IngressFilter=true"});
    ExpectRow(set, "works", "none");
    ResultRow unset = RunVariantWithSets(kId,
                                         "inner-spoof-ingress-filtered",
                                         {"ns3::Ipv6InIpv4TunnelNetDevice::IngressFilter=false"});
    ExpectRow(unset, "fails", "spoofed-inner-accepted");
}

namespace
{

/**
 * Run \p variants of entry \p id with pcaps into a fresh \p dir, and
 * return a reader of the frame protocols in tep1's uplink pcap of a
 * variant, decrypted with that run's key files.
 */
std::function<std::string(const std::string&)>
Tep1Protocols(const std::string& id,
              const std::string& dir,
              std::initializer_list<const char*> variants)
{
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* variant : variants)
    {
        natt::RunRequest request = natt_test::Request(id, variant);
        for (const auto& parameter : request.scenario->GetParameters())
        {
            request.context.parameters[parameter.name] = parameter.defaultValue;
        }
        request.context.pcapDir = dir;
        natt::RunInProcess(request);
    }
    return [id, dir](const std::string& variant) {
        std::string prefix = dir + "/" + id + "-" + variant;
        return ns3::RunShell("WIRESHARK_CONFIG_DIR=" + prefix + "-keys /usr/bin/tshark -n -r " +
                             prefix + "-tep1-0.pcap -T fields -e frame.protocols");
    };
}

} // namespace

TEST(Rfc4891Transport, TsharkDecryptsIpv6InsideEsp)
{
    auto stacks = Tep1Protocols(kId,
                                std::string(NATT_TEST_OUTPUT_DIR) + "/rfc4891-transport-tshark",
                                {"plain-6in4", "ipsec-transport"});
    // Plain: IPv6 directly in protocol 41. IPsec: ESP, decrypted, then IPv6.
    std::string plain = stacks("plain-6in4");
    EXPECT_NE(plain.find("ip:ipv6:udp"), std::string::npos) << plain;
    std::string esp = stacks("ipsec-transport");
    EXPECT_NE(esp.find("ip:esp:ipv6:udp"), std::string::npos) << esp;
    EXPECT_EQ(esp.find("ip:ipv6:udp"), std::string::npos) << "plaintext protocol 41 left tep1";
}

TEST(Rfc4891Nat, NaptDropsProtocolFortyOneAndEsp)
{
    // RFC 4891 B.2: neither protocol 41 nor ESP has ports a NAPT could map.
    ResultRow plain = RunVariant("rfc4891-nat", "plain-6in4");
    ExpectRow(plain, "fails", "proto41-dropped-by-nat");
    EXPECT_GT(Metric(plain, "nat_dropped"), 0);
    ResultRow esp = RunVariant("rfc4891-nat", "ipsec-transport");
    ExpectRow(esp, "fails", "esp-dropped-by-nat");
    // IKE itself passes on UDP 500; what it negotiates does not.
    EXPECT_EQ(Metric(esp, "ike_sas_established"), 1);
    EXPECT_EQ(Metric(esp, "esp_delivered"), 0);
    // The cause removed: a NAT that maps protocol 41 by address carries the tunnel.
    ResultRow mapped = RunVariant("rfc4891-nat", "address-only-nat");
    ExpectRow(mapped, "works", "none");
    EXPECT_EQ(Metric(mapped, "echo_replies"), 10);
}

// RFC 4891 B.2's answer: IPv6 inside ESP-in-UDP, negotiated by IKEv2 with
// NAT-T, passes the NAPT; the same child without NAT-T is plain ESP and
// does not.
TEST(Rfc4891Nat, Ikev2NatTraversalCarriesIpv6InsideEspInUdp)
{
    ResultRow row = RunVariant("rfc4891-nat", "ikev2-natt-tunnel");
    ExpectRow(row, "works", "none");
    EXPECT_EQ(Metric(row, "ike_sas_established"), 1);
    EXPECT_EQ(Metric(row, "echo_replies"), 10);
    EXPECT_GT(Metric(row, "esp_delivered"), 0);
    EXPECT_EQ(Metric(row, "tunnel_encapsulated"), 0) << "no 6in4 device";
    // The prefix tep2 adds lies inside the child's /48: protected unchanged.
    EXPECT_EQ(Metric(row, "new_prefix_delivered"), 5);
    EXPECT_EQ(Metric(row, "new_prefix_protected"), 5);
    ResultRow off = RunVariant("rfc4891-nat", "ikev2-natt-tunnel", {{"nat-traversal", "false"}});
    ExpectRow(off, "fails", "esp-dropped-by-nat");
    EXPECT_EQ(Metric(off, "ike_sas_established"), 1);
    EXPECT_EQ(Metric(off, "echo_replies"), 0);
    EXPECT_EQ(Metric(off, "esp_delivered"), 0);
}

// RFC 4891 B.2 point 2: a NAT that moves tep1 to a new port under the tunnel.
TEST(Rfc4891Nat, TheTunnelFollowsTheNatsNewPortAfterAReboot)
{
    // RFC 4891 B.2 point 2: no new IKE SA, echoes answered after the reboot.
    ResultRow row = RunVariant("rfc4891-nat", "natt-after-rebinding");
    ExpectRow(row, "works", "none");
    EXPECT_EQ(Metric(row, "ike_sas_established"), 1);
    EXPECT_EQ(Metric(row, "echo_replies"), 10);
    EXPECT_NE(Metric(row, "new_port"), 0);
    EXPECT_NE(Metric(row, "new_port"), Metric(row, "old_port"));
    EXPECT_GT(Metric(row, "esp_to_tep1_after_reboot"), 0);
    EXPECT_GT(Metric(row, "esp_to_tep2_after_reboot"), 0);
    // tep2 made strict: its replies go to the old port.
    ResultRow strict = RunVariantWithSets("rfc4891-nat",
                                          "natt-after-rebinding",
                                          {"ns3::IpsecStack::FollowPeer=false"});
    ExpectRow(strict, "fails", "esp-to-old-port");
    EXPECT_GT(Metric(strict, "drops_at_old_port"), 0);
    // A port-preserving home-nat gives tep1 its old port: the cause is not exercised.
    ResultRow same = RunVariantWithSets("rfc4891-nat",
                                        "natt-after-rebinding",
                                        {"ns3::NatEngine::PortAllocation=Preserve"});
    EXPECT_EQ(same.outcome, "error");
    EXPECT_EQ(same.symptom, "port-not-changed");
}

TEST(Rfc4891Nat, TsharkDecryptsIpv6InsideEspInUdp)
{
    auto stacks = Tep1Protocols("rfc4891-nat",
                                std::string(NATT_TEST_OUTPUT_DIR) + "/rfc4891-nat-tshark",
                                {"ikev2-natt-tunnel"});
    std::string frames = stacks("ikev2-natt-tunnel");
    EXPECT_NE(frames.find("ip:udp:udpencap:esp:ipv6:udp"), std::string::npos) << frames;
    EXPECT_EQ(frames.find("_ws.malformed"), std::string::npos) << frames;
}
