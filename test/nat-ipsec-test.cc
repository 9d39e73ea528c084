/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What the NAT presets do to IPsec: ESP per mode (RFC 3715 2.1 f, j) and IKE
// on port 500 (RFC 3715 2.2 n, o, 2.3 p), with two inside hosts.

#include "nat-ipsec-test-util.h"

#include "ns3/ike-ports.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

constexpr uint8_t kEsp = kNatTestEsp;

uint64_t
CookieOf(const NatTestArrival& a)
{
    uint64_t cookie = 0;
    for (int k = 0; k < 8; ++k)
    {
        cookie = cookie << 8 | a.bytes[k];
    }
    return cookie;
}

} // namespace

TEST(NatEsp, EspDroppingNatDropsEsp)
{
    NatTestbed::Options options;
    options.preset = "esp-dropping";
    NatTestbed bed(options);
    NatTestRaw host(bed.inside.Get(0), kEsp);
    NatTestRaw gateway(bed.outside.Get(0), kEsp);
    host.SendAt(Seconds(1), EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0)), EspBytes(1, 1));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_TRUE(gateway.arrivals.empty());
    EXPECT_EQ(bed.Drops("protocol-not-supported"), 1u);
    Simulator::Destroy();
}

TEST(NatEsp, AddressOnlyWorksForOneHostAndRefusesASecond)
{
    NatTestbed::Options options;
    options.preset = "address-only";
    options.insideHosts = 2;
    NatTestbed bed(options);
    NatTestRaw a(bed.inside.Get(0), kEsp);
    NatTestRaw b(bed.inside.Get(1), kEsp);
    NatTestRaw gateway(bed.outside.Get(0), kEsp);
    a.SendAt(Seconds(1), EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0)), EspBytes(0xa1, 1));
    gateway.SendAt(Seconds(2),
                   EspHeader(bed.OutsideAddress(0), bed.NatOutside()),
                   EspBytes(0x1a, 1));
    b.SendAt(Seconds(3), EspHeader(bed.InsideAddress(1), bed.OutsideAddress(0)), EspBytes(0xb1, 1));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    ASSERT_EQ(gateway.arrivals.size(), 1u);
    EXPECT_EQ(gateway.arrivals[0].header.GetSource(), bed.NatOutside());
    EXPECT_EQ(SpiOf(gateway.arrivals[0]), 0xa1u);
    ASSERT_EQ(a.arrivals.size(), 1u) << "inbound ESP reaches the host holding the protocol";
    EXPECT_EQ(SpiOf(a.arrivals[0]), 0x1au);
    EXPECT_TRUE(b.arrivals.empty());
    EXPECT_EQ(bed.Drops("address-in-use"), 1u);
    Simulator::Destroy();
}

TEST(NatEsp, SpiPassthroughRoutesUnknownInboundSpisToTheLastSender)
{
    // A and B each have an SA pair with the gateway. Inbound SPIs are chosen
    // by A and B and never seen leaving, so the first inbound packet of each
    // goes to whoever sent ESP to the gateway last, and stays bound there.
    NatTestbed::Options options;
    options.preset = "spi-passthrough";
    options.insideHosts = 2;
    NatTestbed bed(options);
    NatTestRaw a(bed.inside.Get(0), kEsp);
    NatTestRaw b(bed.inside.Get(1), kEsp);
    NatTestRaw gateway(bed.outside.Get(0), kEsp);
    Ipv4Header toNat = EspHeader(bed.OutsideAddress(0), bed.NatOutside());
    a.SendAt(Seconds(1), EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0)), EspBytes(0xa1, 1));
    gateway.SendAt(Seconds(2), toNat, EspBytes(0x1a, 1)); // for A: A sent last
    b.SendAt(Seconds(3), EspHeader(bed.InsideAddress(1), bed.OutsideAddress(0)), EspBytes(0xb1, 1));
    gateway.SendAt(Seconds(4), toNat, EspBytes(0x1b, 1)); // for B: B sent last
    gateway.SendAt(Seconds(5), toNat, EspBytes(0x1a, 2)); // bound to A
    a.SendAt(Seconds(6), EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0)), EspBytes(0xa1, 2));
    gateway.SendAt(Seconds(7), toNat, EspBytes(0x1b, 2)); // still bound to B
    Simulator::Stop(Seconds(9));
    Simulator::Run();
    ASSERT_EQ(a.arrivals.size(), 2u);
    EXPECT_EQ(SpiOf(a.arrivals[0]), 0x1au);
    EXPECT_EQ(SpiOf(a.arrivals[1]), 0x1au);
    ASSERT_EQ(b.arrivals.size(), 2u);
    EXPECT_EQ(SpiOf(b.arrivals[0]), 0x1bu);
    EXPECT_EQ(SpiOf(b.arrivals[1]), 0x1bu);
    EXPECT_EQ(gateway.arrivals.size(), 3u);
    Simulator::Destroy();
}

TEST(NatEsp, SpiPassthroughMisdeliversWhenTheGuessIsWrong)
{
    // RFC 3715 2.1 f: B sent last, so ESP meant for A (whose SPI the NAT
    // never saw) goes to B, and so does everything after on that SPI.
    NatTestbed::Options options;
    options.preset = "spi-passthrough";
    options.insideHosts = 2;
    NatTestbed bed(options);
    NatTestRaw a(bed.inside.Get(0), kEsp);
    NatTestRaw b(bed.inside.Get(1), kEsp);
    NatTestRaw gateway(bed.outside.Get(0), kEsp);
    Ipv4Header toNat = EspHeader(bed.OutsideAddress(0), bed.NatOutside());
    a.SendAt(Seconds(1), EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0)), EspBytes(0xa1, 1));
    b.SendAt(Seconds(2), EspHeader(bed.InsideAddress(1), bed.OutsideAddress(0)), EspBytes(0xb1, 1));
    gateway.SendAt(Seconds(3), toNat, EspBytes(0x77, 1)); // meant for A
    a.SendAt(Seconds(4), EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0)), EspBytes(0xa1, 2));
    gateway.SendAt(Seconds(5), toNat, EspBytes(0x77, 2)); // meant for A, still bound to B
    Simulator::Stop(Seconds(7));
    Simulator::Run();
    EXPECT_TRUE(a.arrivals.empty());
    EXPECT_EQ(b.arrivals.size(), 2u);
    Simulator::Destroy();
}

TEST(NatEsp, SpiPassthroughDropsEspNobodySent)
{
    NatTestbed::Options options;
    options.preset = "spi-passthrough";
    NatTestbed bed(options);
    NatTestRaw a(bed.inside.Get(0), kEsp);
    NatTestRaw gateway(bed.outside.Get(0), kEsp);
    gateway.SendAt(Seconds(1), EspHeader(bed.OutsideAddress(0), bed.NatOutside()), EspBytes(5, 1));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_TRUE(a.arrivals.empty());
    EXPECT_EQ(bed.Drops("no-mapping"), 1u);
    Simulator::Destroy();
}

namespace
{

struct IkeRun
{
    std::vector<uint16_t> gatewaySawPorts;
    std::vector<uint64_t> aGot;
    std::vector<uint64_t> bGot;
    uint64_t cookieDrops{0};
};

/// A and B start IKE from port 500 with cookies 0xA and 0xB; the gateway then
/// sends to the NAT's port 500 messages with cookies 0xA, 0xB and 0xC.
IkeRun
TwoInitiators(const std::string& preset)
{
    NatTestbed::Options options;
    options.preset = preset;
    options.insideHosts = 2;
    NatTestbed bed(options);
    NatTestUdp a(bed.inside.Get(0), IKE_UDP_PORT);
    NatTestUdp b(bed.inside.Get(1), IKE_UDP_PORT);
    NatTestUdp gateway(bed.outside.Get(0), IKE_UDP_PORT);
    a.SendBytesAt(Seconds(1), bed.OutsideAddress(0), IKE_UDP_PORT, IkeBytes(0xA, {1}));
    b.SendBytesAt(Seconds(2), bed.OutsideAddress(0), IKE_UDP_PORT, IkeBytes(0xB, {1}));
    Simulator::Schedule(Seconds(3), [&]() {
        // Answers go back where each message came from.
        for (const auto& arrival : gateway.arrivals)
        {
            gateway.SendBytes(arrival.from, arrival.fromPort, IkeBytes(CookieOf(arrival), {1}));
        }
    });
    gateway.SendBytesAt(Seconds(4), bed.NatOutside(), IKE_UDP_PORT, IkeBytes(0xC, {1}));
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    IkeRun run;
    for (const auto& arrival : gateway.arrivals)
    {
        run.gatewaySawPorts.push_back(arrival.fromPort);
    }
    for (const auto& arrival : a.arrivals)
    {
        run.aGot.push_back(CookieOf(arrival));
    }
    for (const auto& arrival : b.arrivals)
    {
        run.bGot.push_back(CookieOf(arrival));
    }
    run.cookieDrops = bed.Drops("ike-cookie-unknown");
    Simulator::Destroy();
    return run;
}

} // namespace

TEST(NatIsakmp, PortTranslatingNatKeepsTwoInitiatorsApart)
{
    IkeRun run = TwoInitiators("port-preserving");
    ASSERT_EQ(run.gatewaySawPorts.size(), 2u);
    EXPECT_EQ(run.gatewaySawPorts[0], IKE_UDP_PORT);
    EXPECT_NE(run.gatewaySawPorts[1], IKE_UDP_PORT) << "the second initiator's port is translated";
    EXPECT_EQ(run.aGot, (std::vector<uint64_t>{0xA, 0xC})) << "A holds external port 500";
    EXPECT_EQ(run.bGot, (std::vector<uint64_t>{0xB}));
}

TEST(NatIsakmp, Port500SpecialNatSendsBothRepliesToTheLastInitiator)
{
    // RFC 3715 2.2 o: both initiators appear as NAT:500; the gateway answers
    // NAT:500 twice and the NAT can only pick one host.
    IkeRun run = TwoInitiators("port-500-special");
    EXPECT_EQ(run.gatewaySawPorts, (std::vector<uint16_t>{IKE_UDP_PORT, IKE_UDP_PORT}));
    EXPECT_TRUE(run.aGot.empty()) << "A's reply is misrouted";
    EXPECT_EQ(run.bGot, (std::vector<uint64_t>{0xA, 0xB, 0xC}));
}

TEST(NatIsakmp, CookieInspectingNatRoutesByCookieAndDropsUnknownCookies)
{
    // RFC 3715 2.2 n: demultiplexing by initiator cookie works until the
    // gateway starts a phase 1 with cookies the NAT never saw.
    IkeRun run = TwoInitiators("cookie-inspecting");
    EXPECT_EQ(run.gatewaySawPorts, (std::vector<uint16_t>{IKE_UDP_PORT, IKE_UDP_PORT}));
    EXPECT_EQ(run.aGot, (std::vector<uint64_t>{0xA}));
    EXPECT_EQ(run.bGot, (std::vector<uint64_t>{0xB}));
    EXPECT_EQ(run.cookieDrops, 1u);
}

TEST(NatIsakmp, PayloadInspectingNatDropsUnknownPayloadsAndOrder)
{
    // RFC 3715 2.3 p: the NAT knows SA, KE, Nonce, ... in that order only.
    NatTestbed::Options options;
    options.preset = "payload-inspecting";
    NatTestbed bed(options);
    NatTestUdp host(bed.inside.Get(0), IKE_UDP_PORT);
    NatTestUdp host4500(bed.inside.Get(0), IKE_NAT_T_UDP_PORT);
    NatTestUdp gateway(bed.outside.Get(0), IKE_UDP_PORT);
    NatTestUdp gateway4500(bed.outside.Get(0), IKE_NAT_T_UDP_PORT);
    Ipv4Address g = bed.OutsideAddress(0);
    host.SendBytesAt(Seconds(1), g, IKE_UDP_PORT, IkeBytes(1, {1}));         // SA
    host.SendBytesAt(Seconds(2), g, IKE_UDP_PORT, IkeBytes(2, {1, 13}));     // SA, Vendor ID
    host.SendBytesAt(Seconds(3), g, IKE_UDP_PORT, IkeBytes(3, {4, 1}));      // KE before SA
    host.SendBytesAt(Seconds(4), g, IKE_UDP_PORT, IkeBytes(4, {4, 10, 20})); // KE, Nonce, NAT-D
    host.SendBytesAt(Seconds(5),
                     g,
                     IKE_UDP_PORT,
                     IkeBytes(5, {4, 10, 5, 8})); // KE, Nonce, ID, HASH
    std::vector<uint8_t> floated{0, 0, 0, 0};     // non-ESP marker
    auto vid = IkeBytes(6, {1, 13});
    floated.insert(floated.end(), vid.begin(), vid.end());
    host4500.SendBytesAt(Seconds(6), g, IKE_NAT_T_UDP_PORT, floated); // port 4500 is not inspected
    gateway.SendBytesAt(Seconds(7), bed.NatOutside(), IKE_UDP_PORT, IkeBytes(7, {1, 13}));
    Simulator::Stop(Seconds(9));
    Simulator::Run();
    std::vector<uint64_t> passed;
    for (const auto& arrival : gateway.arrivals)
    {
        passed.push_back(CookieOf(arrival));
    }
    EXPECT_EQ(passed, (std::vector<uint64_t>{1, 5}));
    EXPECT_EQ(gateway4500.arrivals.size(), 1u);
    EXPECT_TRUE(host.arrivals.empty()) << "inbound vendor ID is dropped too";
    EXPECT_EQ(bed.Drops("isakmp-payload-rejected"), 4u);
    Simulator::Destroy();
}
