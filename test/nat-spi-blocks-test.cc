/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The SpiBlocks mode of the NAT (3Com DNAT disclosure, "IPsec over DNAT"):
// each inside host gets its own block of SPIs, and inbound ESP goes to the
// host whose block holds its SPI, whoever sent last (RFC 3715 2.1 f fix).

#include "nat-ipsec-test-util.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

constexpr uint8_t kEsp = kNatTestEsp;

NatTestbed::Options
SpiBlockOptions(uint32_t hosts)
{
    NatTestbed::Options options;
    options.preset = "spi-passthrough";
    options.insideHosts = hosts;
    options.attributes = {{"OtherProtocols", "SpiBlocks"},
                          {"SpiBlockBase", "4096"},
                          {"SpiBlockSize", "256"}};
    return options;
}

} // namespace

TEST(NatSpiBlocks, BlocksAreDisjointAndStablePerHost)
{
    NatTestbed bed(SpiBlockOptions(3));
    auto a = bed.engine->AllocateSpiBlock(bed.InsideAddress(0));
    auto b = bed.engine->AllocateSpiBlock(bed.InsideAddress(1));
    EXPECT_EQ(a.first, 4096u);
    EXPECT_EQ(a.second, 4096u + 255u);
    EXPECT_EQ(b.first, 4096u + 256u);
    EXPECT_EQ(b.second, 4096u + 511u);
    EXPECT_EQ(bed.engine->AllocateSpiBlock(bed.InsideAddress(0)), a) << "asking again";
    Simulator::Destroy();
}

TEST(NatSpiBlocks, InboundEspFollowsTheBlockNotTheLastSender)
{
    // The case SpiPassthrough gets wrong: B sent last, yet ESP whose SPI
    // lies in A's block goes to A.
    NatTestbed bed(SpiBlockOptions(2));
    auto blockA = bed.engine->AllocateSpiBlock(bed.InsideAddress(0));
    auto blockB = bed.engine->AllocateSpiBlock(bed.InsideAddress(1));
    NatTestRaw a(bed.inside.Get(0), kEsp);
    NatTestRaw b(bed.inside.Get(1), kEsp);
    NatTestRaw gateway(bed.outside.Get(0), kEsp);
    Ipv4Header toNat = EspHeader(bed.OutsideAddress(0), bed.NatOutside());
    a.SendAt(Seconds(1), EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0)), EspBytes(0x77, 1));
    b.SendAt(Seconds(2), EspHeader(bed.InsideAddress(1), bed.OutsideAddress(0)), EspBytes(0x78, 1));
    gateway.SendAt(Seconds(3), toNat, EspBytes(blockA.first + 17, 1));
    gateway.SendAt(Seconds(4), toNat, EspBytes(blockB.second, 1));
    gateway.SendAt(Seconds(5), toNat, EspBytes(blockA.second, 2));
    Simulator::Stop(Seconds(7));
    Simulator::Run();
    ASSERT_EQ(gateway.arrivals.size(), 2u);
    EXPECT_EQ(gateway.arrivals[0].header.GetSource(), bed.NatOutside());
    ASSERT_EQ(a.arrivals.size(), 2u);
    ASSERT_EQ(b.arrivals.size(), 1u);
    EXPECT_EQ(a.arrivals[0].payload, EspBytes(blockA.first + 17, 1))
        << "the NAT does not modify the ESP it forwards";
    EXPECT_EQ(b.arrivals[0].payload, EspBytes(blockB.second, 1));
    Simulator::Destroy();
}

TEST(NatSpiBlocks, SpisOutsideEveryBlockAreDropped)
{
    NatTestbed bed(SpiBlockOptions(1));
    auto block = bed.engine->AllocateSpiBlock(bed.InsideAddress(0));
    NatTestRaw a(bed.inside.Get(0), kEsp);
    NatTestRaw gateway(bed.outside.Get(0), kEsp);
    Ipv4Header toNat = EspHeader(bed.OutsideAddress(0), bed.NatOutside());
    a.SendAt(Seconds(1), EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0)), EspBytes(0x77, 1));
    gateway.SendAt(Seconds(2), toNat, EspBytes(300, 1));              // below the first block
    gateway.SendAt(Seconds(3), toNat, EspBytes(block.second + 1, 1)); // no host has that block
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_TRUE(a.arrivals.empty()) << "nothing is guessed";
    EXPECT_EQ(bed.Drops("no-mapping"), 2u);
    Simulator::Destroy();
}
