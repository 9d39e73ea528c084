/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Every fragment mode, in order (fragmented by the sender's stack) and out
// of order (fragments written by the test), both directions, and the IP-ID
// collision of two inside hosts (RFC 3715 2.1 l, 2.2 m).

#include "nat-test-util.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

constexpr uint32_t kPayload = 1200;

struct FragmentRun
{
    bool delivered{false};
    bool intact{false};
    NatEngine::Stats stats;
    uint64_t fragmentDrops{0};
    uint64_t notFirstDrops{0};
};

/**
 * One 1200-byte UDP datagram crosses the NAT in pieces. In order: the
 * sender's link has a 576-byte MTU and its stack fragments. Out of order:
 * the test writes three fragments and sends them last, middle, first.
 */
FragmentRun
SendFragmented(const std::string& mode, bool inbound, bool outOfOrder)
{
    NatTestbed::Options options;
    options.attributes = {{"Fragments", mode}};
    options.insideMtu = inbound ? 1500 : 576;
    options.outsideMtu = inbound ? 576 : 1500;
    NatTestbed bed(options);
    NatTestUdp client(bed.inside.Get(0), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    NatTestRaw clientRaw(bed.inside.Get(0), 17);
    NatTestRaw serverRaw(bed.outside.Get(0), 17);
    std::vector<uint8_t> payload(kPayload);
    for (uint32_t k = 0; k < kPayload; ++k)
    {
        payload[k] = static_cast<uint8_t>(k * 7);
    }
    // Open the mapping with a small datagram first.
    client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10);
    Ipv4Address src = inbound ? bed.OutsideAddress(0) : bed.InsideAddress(0);
    Ipv4Address dst = inbound ? bed.NatOutside() : bed.OutsideAddress(0);
    uint16_t srcPort = inbound ? 7000 : 5000;
    uint16_t dstPort = inbound ? 5000 : 7000;
    if (!outOfOrder)
    {
        (inbound ? server : client).SendBytesAt(Seconds(2), dst, dstPort, payload);
    }
    else
    {
        std::vector<uint8_t> datagram = NatTestUdpDatagram(src, srcPort, dst, dstPort, payload);
        NatTestRaw& sender = inbound ? serverRaw : clientRaw;
        const std::vector<std::pair<uint32_t, uint32_t>> pieces{{800, 408}, {400, 400}, {0, 400}};
        double t = 2;
        for (const auto& piece : pieces)
        {
            bool more = piece.first + piece.second < datagram.size();
            std::vector<uint8_t> bytes(datagram.begin() + piece.first,
                                       datagram.begin() + piece.first + piece.second);
            sender.SendAt(Seconds(t),
                          NatTestFragmentHeader(src, dst, 17, 0x4242, piece.first, more),
                          bytes);
            t += 0.1;
        }
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    FragmentRun run;
    NatTestUdp& receiver = inbound ? client : server;
    for (const auto& arrival : receiver.arrivals)
    {
        if (arrival.size == kPayload)
        {
            run.delivered = true;
            run.intact = arrival.bytes == payload;
        }
    }
    run.stats = bed.engine->GetStats();
    run.fragmentDrops = bed.Drops("fragment");
    run.notFirstDrops = bed.Drops("fragment-not-first");
    Simulator::Destroy();
    return run;
}

} // namespace

TEST(NatFragments, ForwardPassesFragmentsInOrderAndOutOfOrder)
{
    for (bool inbound : {false, true})
    {
        for (bool outOfOrder : {false, true})
        {
            FragmentRun run = SendFragmented("Forward", inbound, outOfOrder);
            EXPECT_TRUE(run.delivered && run.intact)
                << "inbound " << inbound << " out of order " << outOfOrder;
            EXPECT_EQ(run.stats.fragmentsHeld, 0u) << "stateless";
        }
    }
}

TEST(NatFragments, FragmentDroppingNatDropsEveryFragment)
{
    for (bool inbound : {false, true})
    {
        FragmentRun run = SendFragmented("Drop", inbound, false);
        EXPECT_FALSE(run.delivered);
        EXPECT_EQ(run.fragmentDrops, 3u) << "576-byte MTU: three fragments";
    }
    FragmentRun run = SendFragmented("Drop", false, true);
    EXPECT_FALSE(run.delivered);
    EXPECT_EQ(run.fragmentDrops, 3u);
}

TEST(NatFragments, FirstOnlyNatLosesTheRestOfTheDatagram)
{
    for (bool inbound : {false, true})
    {
        for (bool outOfOrder : {false, true})
        {
            FragmentRun run = SendFragmented("FirstOnly", inbound, outOfOrder);
            EXPECT_FALSE(run.delivered);
            EXPECT_EQ(run.notFirstDrops, 2u);
        }
    }
}

TEST(NatFragments, TableNatHoldsEarlyFragmentsUntilTheFirst)
{
    for (bool inbound : {false, true})
    {
        FragmentRun inOrder = SendFragmented("Table", inbound, false);
        EXPECT_TRUE(inOrder.delivered && inOrder.intact);
        EXPECT_EQ(inOrder.stats.fragmentsHeld, 0u);
        FragmentRun outOfOrder = SendFragmented("Table", inbound, true);
        EXPECT_TRUE(outOfOrder.delivered && outOfOrder.intact) << "inbound " << inbound;
        EXPECT_EQ(outOfOrder.stats.fragmentsHeld, 2u) << "last and middle wait for the first";
    }
}

TEST(NatFragments, ReassemblingNatTranslatesWholeDatagrams)
{
    for (bool inbound : {false, true})
    {
        for (bool outOfOrder : {false, true})
        {
            FragmentRun run = SendFragmented("Reassemble", inbound, outOfOrder);
            EXPECT_TRUE(run.delivered && run.intact)
                << "inbound " << inbound << " out of order " << outOfOrder;
            EXPECT_EQ(run.stats.datagramsReassembled, 1u);
        }
    }
}

TEST(NatFragments, TableNatDropsHeldFragmentsWhenTheFirstNeverComes)
{
    NatTestbed::Options options;
    options.attributes = {{"Fragments", "Table"}, {"FragmentTimeout", "2s"}};
    NatTestbed bed(options);
    NatTestRaw clientRaw(bed.inside.Get(0), 17);
    std::vector<uint8_t> bytes(400, 1);
    clientRaw.SendAt(
        Seconds(1),
        NatTestFragmentHeader(bed.InsideAddress(0), bed.OutsideAddress(0), 17, 9, 400, true),
        bytes);
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    EXPECT_EQ(bed.Drops("fragment-timeout"), 1u);
    Simulator::Destroy();
}

namespace
{

/// Datagrams X received when A and B send interleaved fragments with one IP ID.
uint32_t
CollidingFragments(const std::string& preset)
{
    NatTestbed::Options options;
    options.preset = preset;
    options.insideHosts = 2;
    NatTestbed bed(options);
    NatTestUdp a(bed.inside.Get(0), 5000);
    NatTestUdp b(bed.inside.Get(1), 5000);
    NatTestRaw aRaw(bed.inside.Get(0), 17);
    NatTestRaw bRaw(bed.inside.Get(1), 17);
    NatTestUdp server(bed.outside.Get(0), 7000);
    Ipv4Address x = bed.OutsideAddress(0);
    a.SendAt(Seconds(1), x, 7000, 10);
    b.SendAt(Seconds(1.5), x, 7000, 10);
    auto da =
        NatTestUdpDatagram(bed.InsideAddress(0), 5000, x, 7000, std::vector<uint8_t>(792, 0x11));
    auto db =
        NatTestUdpDatagram(bed.InsideAddress(1), 5000, x, 7000, std::vector<uint8_t>(792, 0x22));
    for (int half = 0; half < 2; ++half)
    {
        uint32_t offset = half * 400;
        bool more = half == 0;
        double t = 2 + half;
        aRaw.SendAt(Seconds(t),
                    NatTestFragmentHeader(bed.InsideAddress(0), x, 17, 77, offset, more),
                    std::vector<uint8_t>(da.begin() + offset, da.begin() + offset + 400));
        bRaw.SendAt(Seconds(t + 0.1),
                    NatTestFragmentHeader(bed.InsideAddress(1), x, 17, 77, offset, more),
                    std::vector<uint8_t>(db.begin() + offset, db.begin() + offset + 400));
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    uint32_t whole = 0;
    for (const auto& arrival : server.arrivals)
    {
        whole += arrival.size == 792;
    }
    Simulator::Destroy();
    return whole;
}

} // namespace

TEST(NatFragments, WithoutIpIdTranslationTwoHostsFragmentsCollide)
{
    EXPECT_LT(CollidingFragments("fragment-forwarding"), 2u)
        << "same source, destination, protocol and ID after translation";
}

TEST(NatFragments, IpIdTranslationKeepsTwoHostsFragmentsApart)
{
    EXPECT_EQ(CollidingFragments("ip-id-translating"), 2u);
}
