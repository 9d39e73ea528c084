/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Port allocation as a behaviour object (NatPortAllocator): the engine
// translates with whichever allocator its PortAllocator attribute holds, and
// the old PortAllocation enum chooses a stock one.

#include "nat-test-util.h"

#include "ns3/nat-preserve-port-allocator.h"
#include "ns3/nat-random-port-allocator.h"
#include "ns3/pointer.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

/// Hands out 40000, 40001, ... and remembers whom it was asked for.
class FixedPortAllocator : public NatPortAllocator
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::NatTestFixedPortAllocator")
                                .SetParent<NatPortAllocator>()
                                .SetGroupName("Natt")
                                .AddConstructor<FixedPortAllocator>();
        return tid;
    }

    bool Allocate(const NatPortRequest& request, uint16_t& port) override
    {
        asked.push_back(request.insideAddress);
        port = m_next++;
        return true;
    }

    std::vector<Ipv4Address> asked;

  private:
    uint16_t m_next{40000};
};

/// The external ports of two inside hosts sending from 5000, one second apart;
/// \p between runs after the first has left.
std::pair<uint16_t, uint16_t>
TwoHostPorts(NatTestbed& bed, const std::function<void()>& between)
{
    NatTestUdp a(bed.inside.Get(0), 5000);
    NatTestUdp b(bed.inside.Get(1), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    a.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 100);
    Simulator::Schedule(Seconds(1.5), between);
    b.SendAt(Seconds(2), bed.OutsideAddress(0), 7000, 100);
    server.ReplyAt(Seconds(3), 0, 10);
    server.ReplyAt(Seconds(3), 1, 20);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    std::pair<uint16_t, uint16_t> ports{0, 0};
    EXPECT_EQ(server.arrivals.size(), 2u);
    if (server.arrivals.size() == 2)
    {
        ports = {server.arrivals[0].fromPort, server.arrivals[1].fromPort};
    }
    // The replies find their hosts through whatever ports were chosen.
    EXPECT_EQ(a.arrivals.size(), 1u);
    EXPECT_EQ(b.arrivals.size(), 1u);
    return ports;
}

NatTestbed::Options
TwoHosts()
{
    NatTestbed::Options options;
    options.insideHosts = 2;
    options.attributes = {{"PortRangeMin", "20000"}, {"PortRangeMax", "20999"}};
    return options;
}

} // namespace

TEST(NatPortAllocator, ACustomAllocatorChoosesTheExternalPorts)
{
    NatTestbed bed(TwoHosts());
    auto custom = CreateObject<FixedPortAllocator>();
    bed.engine->SetAttribute("PortAllocator", PointerValue(custom));
    auto ports = TwoHostPorts(bed, [] {});
    EXPECT_EQ(ports.first, 40000) << "not the preset's preserved 5000";
    EXPECT_EQ(ports.second, 40001);
    ASSERT_EQ(custom->asked.size(), 2u);
    EXPECT_EQ(custom->asked[0], bed.InsideAddress(0));
    EXPECT_EQ(custom->asked[1], bed.InsideAddress(1));
    Simulator::Destroy();
}

TEST(NatPortAllocator, TranslationFollowsAnAllocatorSwappedMidRun)
{
    NatTestbed bed(TwoHosts());
    Ptr<NatEngine> engine = bed.engine;
    auto ports = TwoHostPorts(bed, [engine] {
        engine->SetAttribute("PortAllocator", PointerValue(CreateObject<FixedPortAllocator>()));
    });
    EXPECT_EQ(ports.first, 5000) << "the preset preserves the first";
    EXPECT_EQ(ports.second, 40000) << "the swapped-in allocator chose the second";
    Simulator::Destroy();
}

TEST(NatPortAllocator, TheOldEnumChoosesTheStockAllocator)
{
    auto engine = CreateObject<NatEngine>();
    PointerValue allocator;
    engine->GetAttribute("PortAllocator", allocator);
    EXPECT_TRUE(DynamicCast<NatPreservePortAllocator>(allocator.Get<NatPortAllocator>()))
        << "the default";
    engine->SetAttribute("PortAllocation", StringValue("Random"));
    engine->GetAttribute("PortAllocator", allocator);
    EXPECT_TRUE(DynamicCast<NatRandomPortAllocator>(allocator.Get<NatPortAllocator>()));
    engine->SetAttribute("PortAllocator", PointerValue(CreateObject<NatSequentialPortAllocator>()));
    StringValue name;
    engine->GetAttribute("PortAllocation", name);
    EXPECT_EQ(name.Get(), "Sequential") << "the enum reads the object back";
    engine->SetAttribute("PortAllocation", StringValue("Preserve"));
    engine->GetAttribute("PortAllocation", name);
    EXPECT_EQ(name.Get(), "Preserve");
}
