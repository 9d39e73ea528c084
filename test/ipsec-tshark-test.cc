/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The tshark oracle for the data plane (DESIGN section 7): captures of
// simulated ESP (transport, tunnel, and UDP-encapsulated through a NAT) are
// decrypted by Wireshark's tshark with nothing but the `esp_sa` and
// `preferences` files natt writes next to them, and must show the inner
// UDP / TCP with no malformed packet and no expert warning.
//
// Output (test/output/ in the build tree): ipsec-<case>.pcap, the key
// folder ipsec-<case>-keys/ and tshark's dissection ipsec-<case>.txt.

#include "ipsec-test-nat.h"
#include "ipsec-test-topology.h"
#include "ipsec-tshark-util.h"
#include "shell-test-util.h"

#include "ns3/ike-ports.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace ns3;
using namespace natt_test;

namespace
{

const std::string kOutputDir = NATT_TEST_OUTPUT_DIR;

class IpsecTshark : public testing::TestWithParam<NamedTransform>
{
};

} // namespace

TEST_P(IpsecTshark, TransportModeDecrypts)
{
    std::filesystem::create_directories(kOutputDir);
    TwoHosts net;
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    ipsec.AddTransportPair(net.nodes.Get(0),
                           net.Address(0),
                           net.nodes.Get(1),
                           net.Address(1),
                           EspOptions(GetParam()));
    uint32_t received = 0;
    SetupEcho(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 5, &received);
    SetupBulk(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 20000);
    std::string name = std::string("transport-") + GetParam().name;
    PointToPointHelper().EnablePcap(kOutputDir + "/ipsec-" + name + ".pcap",
                                    net.devices.Get(0),
                                    false,
                                    true);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    Simulator::Destroy();
    EXPECT_EQ(received, 5u);
    ExpectDecrypted(Dissect("ipsec-" + name, net.nodes), 20);
}

TEST_P(IpsecTshark, TunnelModeDecrypts)
{
    std::filesystem::create_directories(kOutputDir);
    TwoSubnets net;
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    net.AddTunnel(ipsec, EspOptions(GetParam()));
    uint32_t received = 0;
    SetupEcho(net.H0(), net.H1(), net.H1Address(), 5, &received);
    SetupBulk(net.H0(), net.H1(), net.H1Address(), 20000);
    std::string name = std::string("tunnel-") + GetParam().name;
    PointToPointHelper().EnablePcap(kOutputDir + "/ipsec-" + name + ".pcap",
                                    net.links[1].Get(0),
                                    false,
                                    true);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    Simulator::Destroy();
    EXPECT_EQ(received, 5u);
    ExpectDecrypted(Dissect("ipsec-" + name, net.nodes), 20);
}

INSTANTIATE_TEST_SUITE_P(EveryTransform,
                         IpsecTshark,
                         testing::ValuesIn(AllTransforms()),
                         [](const testing::TestParamInfo<NamedTransform>& info) {
                             return std::string(info.param.name);
                         });

TEST(IpsecTsharkNat, UdpEncapsulatedEspDecryptsOnBothSidesOfTheNat)
{
    std::filesystem::create_directories(kOutputDir);
    // Keepalives in the capture too (RFC 3948 2.3), more often than the default.
    Config::SetDefault("ns3::UdpEncapsulation::KeepaliveInterval", TimeValue(Seconds(1)));
    BehindNat net;
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    IpsecHelper::End a;
    a.node = net.A();
    a.address = net.Private();
    a.peerAddress = net.Server();
    a.selector = IpsecSelector::HostToHost(net.Private(), net.Server());
    a.natOaLocal = net.Public();
    IpsecHelper::End b;
    b.node = net.B();
    b.address = net.Server();
    b.peerAddress = net.Public();
    b.selector = IpsecSelector::HostToHost(net.Server(), net.Public());
    b.natOaRemote = net.Private();
    IpsecHelper::Options options;
    options.transform = IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_CBC,
                                                   IpsecTransform::INTEG_HMAC_SHA2_256_128);
    options.encapsulation = IpsecEncapsulation::UDP_ENCAP;
    ipsec.AddPair(a, b, IPSEC_MODE_TRANSPORT, options);
    Stack(net.A())->GetUdpEncapsulation()->StartKeepalive(
        InetSocketAddress(net.Private(), IKE_NAT_T_UDP_PORT),
        InetSocketAddress(net.Server(), IKE_NAT_T_UDP_PORT));
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.Server(), 5, &received);
    SetupBulk(net.A(), net.B(), net.Server(), 20000);
    PointToPointHelper p2p;
    p2p.EnablePcap(kOutputDir + "/ipsec-natt-inside.pcap", net.insideLink.Get(0), false, true);
    p2p.EnablePcap(kOutputDir + "/ipsec-natt-outside.pcap", net.outsideLink.Get(1), false, true);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    Simulator::Destroy();
    EXPECT_EQ(received, 5u);
    // Each side's SA lines carry the addresses that side's packets use.
    ExpectDecrypted(Dissect("ipsec-natt-inside", net.nodes), 20);
    ExpectDecrypted(Dissect("ipsec-natt-outside", net.nodes), 20);
    std::string protocols = RunShell(
        "WIRESHARK_CONFIG_DIR=" + kOutputDir + "/ipsec-natt-outside-keys /usr/bin/tshark -n -r " +
        kOutputDir + "/ipsec-natt-outside.pcap -T fields -e frame.protocols");
    EXPECT_NE(protocols.find("udp:udpencap:esp"), std::string::npos) << protocols;
}
