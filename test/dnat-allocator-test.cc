/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The DNAT router's block table (seed 003: "no port number is ever
// allocated to more than one single host at any given time").

#include "ns3/dnat-allocator.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

DnatAllocator::Config
SmallConfig()
{
    DnatAllocator::Config c;
    c.portFirst = 50000;
    c.portBlockSize = 100;
    c.portBlocks = 2;
    c.spiFirst = 0x1000;
    c.spiBlockSize = 0x100;
    c.spiBlocks = 3;
    return c;
}

const Ipv4Address kRouter("203.0.113.1");
const Ipv4Address kHost1("10.0.0.2");
const Ipv4Address kHost2("10.0.0.3");
const Ipv4Address kHost3("10.0.0.4");

} // namespace

TEST(DnatAllocator, GrantsDisjointBlocksAndDemultiplexes)
{
    DnatAllocator a(SmallConfig(), kRouter);
    auto status = DnatAllocationReplyHeader::STATUS_OK;
    auto l1 = a.Grant(kHost1, Seconds(0), Seconds(60), status);
    auto l2 = a.Grant(kHost2, Seconds(0), Seconds(60), status);
    ASSERT_TRUE(l1 && l2);
    EXPECT_EQ(l1->binding.firstPort, 50000);
    EXPECT_EQ(l1->binding.lastPort, 50099);
    EXPECT_EQ(l2->binding.firstPort, 50100);
    EXPECT_EQ(l2->binding.firstSpi, 0x1100u);
    EXPECT_EQ(l2->binding.routerAddress, kRouter);
    EXPECT_EQ(a.FindByPort(50150)->binding.hostAddress, kHost2);
    EXPECT_EQ(a.FindBySpi(0x10ff)->binding.hostAddress, kHost1);
    EXPECT_EQ(a.FindByPort(50200), nullptr);
    EXPECT_EQ(a.FindBySpi(0xfff), nullptr);

    // A retransmitted REQUEST costs no second block.
    auto again = a.Grant(kHost1, Seconds(1), Seconds(60), status);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->id, l1->id);
    // Two port blocks only: the third host is refused.
    EXPECT_FALSE(a.Grant(kHost3, Seconds(1), Seconds(60), status));
    EXPECT_EQ(status, DnatAllocationReplyHeader::STATUS_NO_PORTS);
}

TEST(DnatAllocator, RenewReleaseAndExpiry)
{
    DnatAllocator a(SmallConfig(), kRouter);
    auto status = DnatAllocationReplyHeader::STATUS_OK;
    auto l1 = a.Grant(kHost1, Seconds(0), Seconds(60), status);
    ASSERT_TRUE(l1);
    EXPECT_EQ(a.Renew(l1->id + 1, kHost1, Seconds(30), Seconds(60)), nullptr);
    EXPECT_EQ(a.Renew(l1->id, kHost2, Seconds(30), Seconds(60)), nullptr);
    ASSERT_NE(a.Renew(l1->id, kHost1, Seconds(30), Seconds(60)), nullptr);
    EXPECT_EQ(a.Expire(Seconds(80)), 0u);
    EXPECT_EQ(a.Expire(Seconds(91)), 1u);
    EXPECT_EQ(a.FindByPort(50000), nullptr);

    auto l2 = a.Grant(kHost2, Seconds(100), Seconds(60), status);
    ASSERT_TRUE(l2);
    EXPECT_EQ(l2->binding.firstPort, 50000); // the expired block is free again
    EXPECT_FALSE(a.Release(l2->id, kHost1));
    EXPECT_TRUE(a.Release(l2->id, kHost2));
    EXPECT_EQ(a.GetLeaseCount(), 0u);
}
