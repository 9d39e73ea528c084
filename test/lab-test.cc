/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The catalogue's topology builder: hosts behind NATs reach public nodes,
// private prefixes may repeat behind different NATs, nothing reaches a
// private address from outside, and the counters see what the models saw.

#include "lab.h"
#include "nat-test-util.h"

#include "ns3/core-module.h"
#include "ns3/ike-ports.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace ns3;
using natt::Lab;
using natt::RunContext;

namespace
{

RunContext
Context(const std::string& variant, const std::string& pcapDir = "")
{
    RunContext context;
    context.variant = variant;
    context.pcapDir = pcapDir;
    return context;
}

/// The header of an unfragmented datagram of \p protocol.
Ipv4Header
Plain(Ipv4Address source, Ipv4Address destination, uint8_t protocol)
{
    return NatTestFragmentHeader(source, destination, protocol, 1, 0, false);
}

std::vector<uint8_t>
Filler(std::size_t size)
{
    return std::vector<uint8_t>(size, 0x5a);
}

} // namespace

TEST(Lab, HostsBehindNatsWithTheSamePrivateAddressReachAServer)
{
    Lab lab("lab-test", Context("same-address"));
    Ptr<Node> server = lab.AddPublicNode("server");
    Ptr<Node> natA = lab.AddNat("nat-a", "port-preserving", "10.0.0.0/24");
    Ptr<Node> natB = lab.AddNat("nat-b", "symmetric", "10.0.0.0/24");
    Ptr<Node> a = lab.AddHost("host-a", natA);
    Ptr<Node> b = lab.AddHost("host-b", natB);
    EXPECT_EQ(lab.GetAddress(a), lab.GetAddress(b));
    EXPECT_EQ(lab.GetAddress(a), Ipv4Address("10.0.0.2"));
    auto flowA = lab.AddUdpEcho(a, server, 7, 5, Seconds(1), 100, Seconds(1));
    auto flowB = lab.AddUdpEcho(b, server, 9, 5, Seconds(1), 100, Seconds(1));
    lab.Run(Seconds(10));
    EXPECT_EQ(flowA->requestsSent, 5u);
    EXPECT_EQ(flowA->repliesReceived, 5u);
    EXPECT_EQ(flowB->repliesReceived, 5u);
    // The server sees the NATs' outside addresses, never the private one.
    ASSERT_EQ(flowA->receivedFrom.size(), 1u);
    EXPECT_EQ(flowA->receivedFrom.begin()->first, lab.GetAddress(natA));
    EXPECT_EQ(flowB->receivedFrom.begin()->first, lab.GetAddress(natB));
    EXPECT_EQ(lab.GetProbe().GetNatDrops(), 0u);
}

TEST(Lab, PrivateAddressesAreUnreachableFromOutside)
{
    Lab lab("lab-test", Context("unreachable"));
    Ptr<Node> server = lab.AddPublicNode("server");
    Ptr<Node> nat = lab.AddNat("nat", "port-preserving", "10.0.0.0/24");
    Ptr<Node> host = lab.AddHost("host", nat);
    auto flow = lab.AddUdpEcho(server, host, 7, 3, Seconds(1), 100, Seconds(1));
    lab.Run(Seconds(6));
    EXPECT_EQ(flow->requestsSent, 3u);
    EXPECT_EQ(flow->requestsReceived, 0u);
}

TEST(Lab, NestedNatsAndAGatewaySubnet)
{
    Lab lab("lab-test", Context("nested"));
    Ptr<Node> gateway = lab.AddRouter("gateway", "10.9.0.0/24");
    Ptr<Node> server = lab.AddHost("server", gateway);
    Ptr<Node> outer = lab.AddNat("isp-nat", "symmetric", "100.64.0.0/24");
    Ptr<Node> inner = lab.AddNat("home-nat", "port-preserving", "192.168.1.0/24", outer);
    Ptr<Node> host = lab.AddHost("host", inner);
    EXPECT_EQ(lab.GetAddress(inner), Ipv4Address("100.64.0.2"));
    EXPECT_EQ(lab.GetLanAddress(gateway), Ipv4Address("10.9.0.1"));
    // Reaching the gateway itself works through both NATs; the subnet
    // behind it is private, so the core has no route there.
    auto toGateway = lab.AddUdpEcho(host, gateway, 7, 3, Seconds(1), 100, Seconds(1));
    auto toServer = lab.AddUdpEcho(host, server, 9, 3, Seconds(1), 100, Seconds(1));
    lab.Run(Seconds(6));
    EXPECT_EQ(toGateway->repliesReceived, 3u);
    EXPECT_EQ(toGateway->receivedFrom.begin()->first, lab.GetAddress(outer));
    EXPECT_EQ(toServer->requestsReceived, 0u);
}

TEST(Lab, EspCountersAndPcaps)
{
    std::string dir = std::string(NATT_TEST_OUTPUT_DIR) + "/lab-test-pcap";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Lab lab("lab-test", Context("esp", dir));
    Ptr<Node> a = lab.AddPublicNode("a");
    Ptr<Node> b = lab.AddPublicNode("b");
    lab.Build();
    IpsecHelper ipsec;
    IpsecHelper::Options options;
    options.transform =
        IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_GCM_16, IpsecTransform::INTEG_NONE);
    ipsec.AddTransportPair(a, lab.GetAddress(a), b, lab.GetAddress(b), options);
    auto flow = lab.AddUdpEcho(a, b, 7, 4, Seconds(1), 200, Seconds(1));
    lab.Run(Seconds(6));
    EXPECT_EQ(flow->repliesReceived, 4u);
    EXPECT_EQ(lab.GetProbe().GetEspSent(), 8u);
    EXPECT_EQ(lab.GetProbe().GetEspDelivered(), 8u);
    EXPECT_EQ(lab.GetProbe().GetEspDelivered(b), 4u);
    EXPECT_EQ(lab.GetProbe().GetIpsecDrops(), 0u);
    natt::ResultRow row;
    lab.GetProbe().FillMetrics(row);
    ASSERT_FALSE(row.metrics.empty());
    EXPECT_EQ(row.metrics[1].first, "esp_sent");
    EXPECT_TRUE(std::filesystem::exists(dir + "/lab-test-esp-a-0.pcap"));
    EXPECT_TRUE(std::filesystem::exists(dir + "/lab-test-esp-keys/esp_sa"));
}

// A symptom names the traffic it is about: the NATs' drops are counted by
// IP protocol, ports and reason, and a filter sees only its own.
TEST(Lab, NatDropsAreCountedByProtocolPortAndReason)
{
    Lab lab("lab-test", Context("nat-drops"));
    Ptr<Node> server = lab.AddPublicNode("server");
    Ptr<Node> nat = lab.AddNat("nat", "port-preserving", "10.0.0.0/24");
    Ptr<Node> host = lab.AddHost("host", nat);
    lab.Build();
    // Unsolicited UDP from outside finds no mapping: 3 to IKE's port, 2 to
    // the echo port. From inside, GRE and ESP, which the NAPT cannot translate.
    NatTestUdp outside(server, 1234);
    NatTestRaw gre(host, 47);
    NatTestRaw esp(host, 50);
    for (uint32_t i = 0; i < 4; ++i)
    {
        Time at = Seconds(1) + MilliSeconds(100) * i;
        if (i < 3)
        {
            outside.SendAt(at, lab.GetAddress(nat), IKE_UDP_PORT, 40);
        }
        if (i < 2)
        {
            outside.SendAt(at, lab.GetAddress(nat), 7, 40);
            gre.SendAt(at, Plain(lab.GetAddress(host), lab.GetAddress(server), 47), Filler(40));
        }
        esp.SendAt(at, Plain(lab.GetAddress(host), lab.GetAddress(server), 50), Filler(40));
    }
    lab.Run(Seconds(3));

    using natt::NatDropFilter;
    EXPECT_EQ(lab.GetProbe().GetNatDrops(), 11u);
    EXPECT_EQ(lab.GetProbe().CountNatDrops(NatDropFilter()), 11u);
    EXPECT_EQ(lab.GetProbe().CountNatDrops(NatDropFilter::Ike()), 3u);
    EXPECT_EQ(lab.GetProbe().CountNatDrops(NatDropFilter::Ike({"no-mapping"})), 3u);
    EXPECT_EQ(lab.GetProbe().CountNatDrops(NatDropFilter::Ike({"firewall", "filtered"})), 0u);
    EXPECT_EQ(lab.GetProbe().CountNatDrops(NatDropFilter::Esp()), 4u);
    EXPECT_EQ(lab.GetProbe().CountNatDrops(NatDropFilter::Esp({"protocol-not-supported"})), 4u);
    EXPECT_EQ(lab.GetProbe().CountNatDrops(NatDropFilter::Esp({"address-in-use"})), 0u);
    NatDropFilter other;
    other.protocol = 47;
    EXPECT_EQ(lab.GetProbe().CountNatDrops(other), 2u);
    NatDropFilter echo;
    echo.protocol = 17;
    echo.destinationPorts = {7};
    EXPECT_EQ(lab.GetProbe().CountNatDrops(echo), 2u);
    echo.reasons = {"mapping-expired"};
    EXPECT_EQ(lab.GetProbe().CountNatDrops(echo), 0u);
}

// The receiver's own losses: a reassembly that never completes times out,
// and ns-3's UDP refuses a bad checksum, which the IPsec stack's filter in
// front of it reports.
TEST(Lab, IpDropsCountReassemblyTimeoutsAndChecksumFailures)
{
    Lab lab("lab-test", Context("ip-drops"));
    Ptr<Node> server = lab.AddPublicNode("server");
    Ptr<Node> nat = lab.AddNat("nat", "fragment-first-only", "10.0.0.0/24");
    Ptr<Node> host = lab.AddHost("host", nat);
    Ptr<Node> peer = lab.AddPublicNode("peer");
    lab.Build();
    // 3000 bytes of UDP: the NAT passes the first fragment only.
    NatTestUdp big(host, 9);
    big.SendAt(Seconds(1), lab.GetAddress(server), 9, 3000);
    // A UDP datagram whose checksum is wrong, and one whose checksum is right.
    NatTestRaw raw(peer, 17);
    std::vector<uint8_t> good =
        NatTestUdpDatagram(lab.GetAddress(peer), 9, lab.GetAddress(server), 9, Filler(20));
    std::vector<uint8_t> bad = good;
    bad[6] ^= 0xff;
    raw.SendAt(Seconds(1), Plain(lab.GetAddress(peer), lab.GetAddress(server), 17), bad);
    raw.SendAt(Seconds(1.1), Plain(lab.GetAddress(peer), lab.GetAddress(server), 17), good);
    TimeValue reassembly;
    server->GetObject<Ipv4L3Protocol>()->GetAttribute("FragmentExpirationTimeout", reassembly);
    lab.Run(Seconds(2) + reassembly.Get());
    EXPECT_EQ(lab.GetProbe().GetIpDrops(server, "fragment-timeout"), 1u);
    EXPECT_EQ(lab.GetProbe().GetIpDrops(server, "udp-checksum"), 1u);
    EXPECT_EQ(lab.GetProbe().GetIpDrops(server), 2u);
    EXPECT_EQ(lab.GetProbe().GetIpDrops(peer), 0u);
    EXPECT_EQ(lab.GetProbe().GetIpsecDrops(), 0u) << "plaintext: nothing reached IPsec";
}
