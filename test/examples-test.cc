/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The example programs users copy from (examples/*.cc) still build, run
// and print what their header comments promise. Each runs as its own
// process, in a folder of its own under the test output directory, and its
// standard output is checked line by line.

#include "shell-test-util.h"

#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const std::string kExamplesDir = NATT_EXAMPLES_DIR;
const std::string kOutputDir = NATT_TEST_OUTPUT_DIR;

/// What a run printed, and how it ended.
struct ExampleRun
{
    std::string out;
    int status{-1};

    /// Lines containing \p text.
    std::size_t Count(const std::string& text) const
    {
        std::istringstream lines(out);
        std::size_t n = 0;
        for (std::string line; std::getline(lines, line);)
        {
            n += line.find(text) != std::string::npos ? 1 : 0;
        }
        return n;
    }

    bool Has(const std::string& text) const
    {
        return out.find(text) != std::string::npos;
    }
};

/// Run examples/\p name with \p args in the folder \p folder (created under the output dir).
ExampleRun
RunExample(const std::string& name, const std::string& args, const std::string& folder)
{
    std::string dir = kOutputDir + "/examples-" + folder;
    std::string marker = "exit-status=";
    ExampleRun run;
    run.out = RunShell("mkdir -p " + dir + " && cd " + dir + " && rm -rf ./* && " + kExamplesDir +
                       "/" + name + " " + args + "; echo " + marker + "$?");
    std::size_t at = run.out.rfind(marker);
    if (at != std::string::npos)
    {
        run.status = std::atoi(run.out.c_str() + at + marker.size());
        run.out.erase(at);
    }
    return run;
}

} // namespace

TEST(Examples, NatExampleTranslatesBothHostsEchoes)
{
    ExampleRun run = RunExample("nat-example", "", "nat");
    EXPECT_EQ(run.status, 0) << run.out;
    EXPECT_EQ(run.Count("(outbound)"), 2u) << "one mapping per host:\n" << run.out;
    EXPECT_TRUE(run.Has("preset port-preserving: translated 6 out, 6 in; 0 dropped")) << run.out;
}

TEST(Examples, CustomNatDropsPlainEspAndPassesEspInUdp)
{
    ExampleRun run = RunExample("custom-nat-example", "", "custom-nat");
    EXPECT_EQ(run.status, 0) << run.out;
    // RFC 3715 2.2 j: the NAT knows UDP but not protocol 50.
    EXPECT_EQ(run.Count("host-a (ESP in UDP) got its echo back"), 3u) << run.out;
    EXPECT_EQ(run.Count("host-b (ESP) got its echo back"), 0u) << run.out;
    EXPECT_EQ(run.Count("(protocol 50): protocol-not-supported"), 3u) << run.out;
}

namespace
{

/// The tunnel example's checks, for one IKE version and NAT preset.
void
CheckTunnel(const ExampleRun& run, int version)
{
    EXPECT_EQ(run.status, 0) << run.out;
    std::string ike = "IKEv" + std::to_string(version) + " SA established";
    EXPECT_EQ(run.Count(ike), 2u) << "both ends:\n" << run.out;
    EXPECT_TRUE(run.Has("road-warrior: NAT detected, behind this side")) << run.out;
    EXPECT_TRUE(run.Has("gateway: NAT detected, behind the peer")) << run.out;
    EXPECT_EQ(run.Count("tunnel mode, SPI in 0x"), 2u) << run.out;
    EXPECT_EQ(run.Count("ESP in UDP 4500 -> "), 2u) << "UDP-encapsulated:\n" << run.out;
    EXPECT_EQ(run.Count("road-warrior got echo"), 5u) << run.out;
    EXPECT_TRUE(run.Has("echoes received: 5 of 5")) << run.out;
    EXPECT_FALSE(run.Has("IKE failed")) << run.out;
    // 20 s keepalives over a 60 s run, after the last ESP packet at 6 s.
    EXPECT_TRUE(run.Has("ESP-in-UDP sent, 2 NAT-keepalives sent")) << run.out;
}

} // namespace

TEST(Examples, TunnelIkev2ThroughPortPreservingNat)
{
    CheckTunnel(RunExample("natt-tunnel-example", "", "tunnel-ikev2"), 2);
}

TEST(Examples, TunnelIkev1MainModeThroughSymmetricNat)
{
    CheckTunnel(
        RunExample("natt-tunnel-example", "--ikeVersion=1 --preset=symmetric", "tunnel-ikev1"),
        1);
}

TEST(Examples, TunnelPcapDecryptsWithTheKeyFolder)
{
    ExampleRun run = RunExample("natt-tunnel-example", "--pcap=1", "tunnel-pcap");
    ASSERT_EQ(run.status, 0) << run.out;
    std::string dir = kOutputDir + "/examples-tunnel-pcap";
    std::string command = "WIRESHARK_CONFIG_DIR=natt-tunnel-example-keys tshark -r "
                          "natt-tunnel-example-1-2.pcap";
    ASSERT_TRUE(run.Has("decrypt with: " + command)) << run.out;
    if (std::system("test -x /usr/bin/tshark") != 0)
    {
        GTEST_SKIP() << "no tshark";
    }
    // The printed command, as a user would type it, with the protocols of each frame.
    std::string fields =
        RunShell("cd " + dir + " && " + command + " -n -T fields -e frame.protocols");
    std::istringstream lines(fields);
    std::size_t echoes = 0;
    std::size_t frames = 0;
    for (std::string line; std::getline(lines, line);)
    {
        ++frames;
        EXPECT_EQ(line.find("malformed"), std::string::npos) << line;
        // ESP inside UDP 4500, decrypted down to the inner UDP echo.
        echoes += line.find("udpencap:esp:ip:udp:echo") != std::string::npos ? 1 : 0;
    }
    EXPECT_GT(frames, 10u) << fields;
    EXPECT_EQ(echoes, 10u) << "5 requests and 5 replies decrypted:\n" << fields;
    std::string expert = RunShell("cd " + dir + " && " + command + " -n -q -z expert,error");
    EXPECT_EQ(expert.find("Errors ("), std::string::npos) << expert;
}

TEST(Examples, TransportThroughTwoNats)
{
    ExampleRun run = RunExample("natt-transport-example", "", "transport");
    EXPECT_EQ(run.status, 0) << run.out;
    EXPECT_EQ(run.Count("child SA transport mode, ESP in UDP 4500 -> "), 2u) << run.out;
    EXPECT_TRUE(run.Has("host-b received 100000 of 100000 TCP bytes")) << run.out;
    EXPECT_TRUE(run.Has("host-a got 5 of 5 UDP echoes back")) << run.out;
    EXPECT_FALSE(run.Has("IPsec dropped")) << run.out;
    EXPECT_FALSE(run.Has("IKE failed")) << run.out;
}

TEST(Examples, Rfc4891TunnelCarriesIpv6InsideEsp)
{
    ExampleRun run = RunExample("rfc4891-tunnel-example", "", "rfc4891");
    EXPECT_EQ(run.status, 0) << run.out;
    EXPECT_TRUE(run.Has("echo replies: 5 of 5")) << run.out;
    // RFC 4891 5.1: every packet the tunnel carried left as ESP (RIPng's too).
    EXPECT_FALSE(run.Has("tep1 ESP protected: 0\n")) << run.out;
    ExampleRun plain = RunExample("rfc4891-tunnel-example", "--ipsec=0", "rfc4891-plain");
    EXPECT_EQ(plain.status, 0) << plain.out;
    EXPECT_FALSE(plain.Has("ESP")) << plain.out;
}

TEST(Examples, PortParityAllocatorAddedWithoutTouchingTheEngine)
{
    // RFC 4787 4.2.2: the example's own NatPortAllocator keeps parity where
    // the stock fallback (the next free port from 1025) changes it.
    ExampleRun parity = RunExample("nat-port-parity-example", "", "port-parity");
    EXPECT_EQ(parity.status, 0) << parity.out;
    EXPECT_TRUE(parity.Has("allocator ns3::NatParityPortAllocator")) << parity.out;
    EXPECT_TRUE(parity.Has("parity kept for 4 of 4 remapped ports")) << parity.out;
    ExampleRun stock =
        RunExample("nat-port-parity-example", "--allocator=stock", "port-parity-stock");
    EXPECT_EQ(stock.status, 0) << stock.out;
    EXPECT_TRUE(stock.Has("parity kept for 0 of 4 remapped ports")) << stock.out;
}
