/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The home routers' "IPsec passthrough" designs (Wikipedia, NAT traversal):
// ESP serialised to one host, one host per server, IKE cookie and SPI
// learning, and passthrough disabled; each failure under its own reason.

#include "nat-ipsec-test-util.h"

#include "ns3/ike-ports.h"
#include "ns3/nat-passthrough-routers.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

NatTestbed::Options
RouterOptions(const std::string& preset)
{
    NatTestbed::Options options;
    options.preset = preset;
    options.insideHosts = 2;
    options.attributes = {{"OtherMappingTimeout", "10s"}};
    return options;
}

/// ESP from inside host \p k to outside host \p server.
void
SendEsp(NatTestRaw& host, NatTestbed& bed, uint32_t k, uint32_t server, double at, uint32_t spi)
{
    host.SendAt(Seconds(at),
                EspHeader(bed.InsideAddress(k), bed.OutsideAddress(server)),
                EspBytes(spi, 1));
}

/// ESP from outside host \p server's socket to the router.
void
SendEspIn(NatTestRaw& server, NatTestbed& bed, uint32_t index, double at, uint32_t spi)
{
    server.SendAt(Seconds(at),
                  EspHeader(bed.OutsideAddress(index), bed.NatOutside()),
                  EspBytes(spi, 1));
}

} // namespace

TEST(NatPassthroughRouters, OneHostHoldsEspForEveryServerUntilIdle)
{
    NatTestbed bed(RouterOptions("passthrough-one-host"));
    NatTestRaw a(bed.inside.Get(0), kNatTestEsp);
    NatTestRaw b(bed.inside.Get(1), kNatTestEsp);
    NatTestRaw s1(bed.outside.Get(0), kNatTestEsp);
    NatTestRaw s2(bed.outside.Get(1), kNatTestEsp);
    SendEsp(a, bed, 0, 0, 1, 0xa1);  // A holds passthrough
    SendEsp(b, bed, 1, 1, 2, 0xb2);  // another server, still refused
    SendEspIn(s2, bed, 1, 3, 0x2b);  // meant for B, reaches the holder
    SendEsp(b, bed, 1, 1, 20, 0xb2); // A idle for 10 s: B takes over
    SendEspIn(s2, bed, 1, 21, 0x2b);
    Simulator::Stop(Seconds(23));
    Simulator::Run();
    EXPECT_EQ(s1.arrivals.size(), 1u);
    ASSERT_EQ(s2.arrivals.size(), 1u) << "B's second try";
    EXPECT_EQ(SpiOf(s2.arrivals[0]), 0xb2u);
    ASSERT_EQ(a.arrivals.size(), 1u);
    EXPECT_EQ(SpiOf(a.arrivals[0]), 0x2bu) << "serialised: the holder gets every server's ESP";
    ASSERT_EQ(b.arrivals.size(), 1u);
    EXPECT_EQ(bed.Drops(NatOneHostPassthrough::PASSTHROUGH_BUSY_DROP), 1u);
    Simulator::Destroy();
}

TEST(NatPassthroughRouters, PerServerGivesEachServerToOneHost)
{
    NatTestbed bed(RouterOptions("passthrough-per-server"));
    NatTestRaw a(bed.inside.Get(0), kNatTestEsp);
    NatTestRaw b(bed.inside.Get(1), kNatTestEsp);
    NatTestRaw s1(bed.outside.Get(0), kNatTestEsp);
    NatTestRaw s2(bed.outside.Get(1), kNatTestEsp);
    SendEsp(a, bed, 0, 0, 1, 0xa1);
    SendEsp(b, bed, 1, 1, 2, 0xb2);
    SendEsp(b, bed, 1, 0, 3, 0xb1); // A's server
    SendEspIn(s1, bed, 0, 4, 0x1a);
    SendEspIn(s2, bed, 1, 5, 0x2b);
    Simulator::Stop(Seconds(7));
    Simulator::Run();
    ASSERT_EQ(s1.arrivals.size(), 1u);
    EXPECT_EQ(SpiOf(s1.arrivals[0]), 0xa1u);
    EXPECT_EQ(s2.arrivals.size(), 1u);
    ASSERT_EQ(a.arrivals.size(), 1u);
    EXPECT_EQ(SpiOf(a.arrivals[0]), 0x1au);
    ASSERT_EQ(b.arrivals.size(), 1u);
    EXPECT_EQ(SpiOf(b.arrivals[0]), 0x2bu);
    EXPECT_EQ(bed.Drops(NatPerServerPassthrough::SERVER_BUSY_DROP), 1u);
    EXPECT_EQ(bed.Drops(NatOneHostPassthrough::PASSTHROUGH_BUSY_DROP), 0u);
    Simulator::Destroy();
}

namespace
{

/// Hosts A and B behind a design-3 router, their IKE and ESP, and two servers.
struct LearningRouter
{
    NatTestbed bed{RouterOptions("passthrough-ike-learning")};
    NatTestUdp aIke{bed.inside.Get(0), IKE_UDP_PORT};
    NatTestUdp bIke{bed.inside.Get(1), IKE_UDP_PORT};
    NatTestUdp gatewayIke{bed.outside.Get(0), IKE_UDP_PORT};
    NatTestRaw a{bed.inside.Get(0), kNatTestEsp};
    NatTestRaw b{bed.inside.Get(1), kNatTestEsp};
    NatTestRaw s1{bed.outside.Get(0), kNatTestEsp};
    NatTestRaw s2{bed.outside.Get(1), kNatTestEsp};

    /// \p host starts (\p responder 0) or continues an exchange with server 1.
    void Ike(NatTestUdp& host, double at, uint64_t cookie, uint64_t responder = 0)
    {
        host.SendBytesAt(Seconds(at),
                         bed.OutsideAddress(0),
                         IKE_UDP_PORT,
                         IkeBytes(cookie, {1}, responder));
    }
};

} // namespace

TEST(NatPassthroughRouters, IkeLearningPairsANewSpiWithTheLastInitiator)
{
    // A and B start IKE with server 1, B last; later A sends a message of
    // its exchange (responder cookie set), which is no initiation. Server
    // 1's first ESP of a new SPI goes to B: right for 0x2b, wrong for 0x1a.
    LearningRouter r;
    r.Ike(r.aIke, 1, 0xA);
    r.Ike(r.bIke, 2, 0xB);
    r.Ike(r.aIke, 3, 0xA, 0xAA);
    SendEspIn(r.s1, r.bed, 0, 4, 0x1a); // meant for A
    SendEspIn(r.s1, r.bed, 0, 5, 0x2b); // meant for B
    SendEspIn(r.s1, r.bed, 0, 6, 0x1a); // bound to B from the first
    SendEspIn(r.s2, r.bed, 1, 7, 0x3c); // nobody initiated to server 2
    Simulator::Stop(Seconds(9));
    Simulator::Run();
    EXPECT_EQ(r.gatewayIke.arrivals.size(), 3u);
    EXPECT_TRUE(r.a.arrivals.empty()) << "misdelivered: the SPI was paired with B";
    ASSERT_EQ(r.b.arrivals.size(), 3u);
    EXPECT_EQ(SpiOf(r.b.arrivals[0]), 0x1au);
    EXPECT_EQ(r.bed.Drops(NatIkeLearningPassthrough::NO_INITIATOR_DROP), 1u);
    Simulator::Destroy();
}

TEST(NatPassthroughRouters, IkeLearningIsRightWhenTheExchangesDoNotOverlap)
{
    LearningRouter r;
    r.Ike(r.aIke, 1, 0xA);
    SendEspIn(r.s1, r.bed, 0, 2, 0x1a);
    r.Ike(r.bIke, 3, 0xB);
    SendEspIn(r.s1, r.bed, 0, 4, 0x2b);
    SendEspIn(r.s1, r.bed, 0, 5, 0x1a);
    Simulator::Stop(Seconds(7));
    Simulator::Run();
    ASSERT_EQ(r.a.arrivals.size(), 2u);
    EXPECT_EQ(SpiOf(r.a.arrivals[1]), 0x1au);
    ASSERT_EQ(r.b.arrivals.size(), 1u);
    EXPECT_EQ(SpiOf(r.b.arrivals[0]), 0x2bu);
    Simulator::Destroy();
}

TEST(NatPassthroughRouters, DisabledDropsEspAndPassesUdp4500)
{
    NatTestbed bed(RouterOptions("passthrough-disabled"));
    NatTestRaw a(bed.inside.Get(0), kNatTestEsp);
    NatTestRaw s1(bed.outside.Get(0), kNatTestEsp);
    NatTestUdp natt(bed.inside.Get(0), IKE_NAT_T_UDP_PORT);
    NatTestUdp gateway(bed.outside.Get(0), IKE_NAT_T_UDP_PORT);
    SendEsp(a, bed, 0, 0, 1, 0xa1);
    natt.SendAt(Seconds(2), bed.OutsideAddress(0), IKE_NAT_T_UDP_PORT, 100);
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    EXPECT_TRUE(s1.arrivals.empty());
    EXPECT_EQ(bed.Drops(NatPassthroughDisabled::PASSTHROUGH_DISABLED_DROP), 1u);
    EXPECT_EQ(gateway.arrivals.size(), 1u);
    Simulator::Destroy();
}

TEST(NatPassthroughRouters, PresetsKeepPort500AndTheEnumReadsEachDesign)
{
    for (const auto& [preset, name] : std::vector<std::pair<std::string, std::string>>{
             {"passthrough-one-host", "PassthroughOneHost"},
             {"passthrough-per-server", "PassthroughPerServer"},
             {"passthrough-ike-learning", "PassthroughIkeLearning"},
             {"passthrough-disabled", "PassthroughDisabled"}})
    {
        NatTestbed bed(RouterOptions(preset));
        StringValue value;
        bed.engine->GetAttribute("OtherProtocols", value);
        EXPECT_EQ(value.Get(), name) << preset;
        NatTestUdp ike(bed.inside.Get(1), IKE_UDP_PORT);
        NatTestUdp gateway(bed.outside.Get(0), IKE_UDP_PORT);
        ike.SendAt(Seconds(1), bed.OutsideAddress(0), IKE_UDP_PORT, 100);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        ASSERT_EQ(gateway.arrivals.size(), 1u) << preset;
        EXPECT_EQ(gateway.arrivals[0].fromPort, IKE_UDP_PORT) << preset << ": port 500 kept";
        Simulator::Destroy();
    }
}
