/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// DropCounter, the one way NatEngine, IpsecStack and IkeDaemon count drops
// by reason.

#include "ns3/drop-counter.h"
#include "ns3/ike-daemon.h"
#include "ns3/nat-engine.h"

#include <gtest/gtest.h>
#include <string>

using namespace ns3;

TEST(DropCounter, CountsEachReasonByItsName)
{
    DropCounter drops;
    drops.Count(NatEngine::NO_MAPPING_DROP);
    drops.Count(NatEngine::NO_MAPPING_DROP);
    drops.Count(NatEngine::FIREWALL_DROP);
    EXPECT_EQ(drops.Get("no-mapping"), 2u);
    EXPECT_EQ(drops.Get(NatEngine::FIREWALL_DROP), 1u);
    EXPECT_EQ(drops.Get(NatEngine::FILTERED_DROP), 0u) << "a reason never counted";
    EXPECT_EQ(drops.Get(), 3u) << "every reason's";
    ASSERT_EQ(drops.GetCounts().size(), 2u);
    EXPECT_EQ(drops.GetCounts().begin()->first, "firewall") << "in name order";
}

TEST(DropCounter, CountsByTheStringNotThePointer)
{
    // A reason made at run time (a task's failure reason, IKEv1) counts
    // under the same name as the constant.
    DropCounter drops;
    std::string made = std::string("mal") + "formed";
    drops.Count(made.c_str());
    drops.Count(IkeDaemon::MALFORMED_DROP);
    EXPECT_EQ(drops.Get(IkeDaemon::MALFORMED_DROP), 2u);
}
