/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 4787 mapping (4.1), filtering (5) and timers (4.3) as behaviour
// objects: the engine translates with whichever objects its
// MappingBehaviour, FilteringBehaviour and MappingTimers attributes hold, the
// old enum and timeout attributes choose or configure the stock ones, and the
// mapping table under them keeps its O(1) indices and tombstones.

#include "nat-test-util.h"

#include "ns3/nat-filtering-behaviour.h"
#include "ns3/nat-mapping-behaviour.h"
#include "ns3/nat-mapping-table.h"
#include "ns3/nat-mapping-timers.h"
#include "ns3/pointer.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

/// Lets in only remote endpoints on port 7000, whoever the inside host sent to.
class Port7000Filtering : public NatFilteringBehaviour
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::NatTestPort7000Filtering")
                                .SetParent<NatFilteringBehaviour>()
                                .SetGroupName("Natt")
                                .AddConstructor<Port7000Filtering>();
        return tid;
    }

    bool Permits(const NatMapping& mapping, uint32_t address, uint16_t port) const override
    {
        return port == 7000;
    }
};

/// Address-dependent, so Mapping reads it back as that; counts its calls.
class CountingMapping : public NatAddressDependentMapping
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::NatTestCountingMapping")
                                .SetParent<NatAddressDependentMapping>()
                                .SetGroupName("Natt")
                                .AddConstructor<CountingMapping>();
        return tid;
    }

    NatMappingKey MakeKey(uint8_t protocol,
                          uint32_t insideAddress,
                          uint16_t insidePort,
                          uint32_t remoteAddress,
                          uint16_t remotePort) const override
    {
        ++calls;
        return NatAddressDependentMapping::MakeKey(protocol,
                                                   insideAddress,
                                                   insidePort,
                                                   remoteAddress,
                                                   remotePort);
    }

    mutable uint32_t calls{0};
};

/// UDP mappings last one second, and nothing refreshes them after creation.
class ShortTimers : public NatMappingTimers
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::NatTestShortTimers")
                                .SetParent<NatMappingTimers>()
                                .SetGroupName("Natt")
                                .AddConstructor<ShortTimers>();
        return tid;
    }

    int64_t TimeoutOf(const NatMapping& m) const override
    {
        return m.protocol == 17 ? Seconds(1).GetNanoSeconds() : NatMappingTimers::TimeoutOf(m);
    }

    bool Refreshes(bool outbound, const NatMapping& m) const override
    {
        return false;
    }
};

/// One inside host sends from 5000 to two servers at 1 s and 2 s; each
/// server answers at \p replyAt. \return the external ports the servers saw
/// and what the host got back.
struct TwoServers
{
    uint16_t portSeenBy0{0};
    uint16_t portSeenBy1{0};
    std::size_t repliesIn{0};
};

TwoServers
SendToTwoServers(NatTestbed& bed, Time replyAt)
{
    NatTestUdp host(bed.inside.Get(0), 5000);
    NatTestUdp s0(bed.outside.Get(0), 7000);
    NatTestUdp s1(bed.outside.Get(1), 7000);
    host.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10);
    host.SendAt(Seconds(2), bed.OutsideAddress(1), 7000, 10);
    s0.ReplyAt(replyAt, 0, 10);
    s1.ReplyAt(replyAt, 0, 10);
    Simulator::Stop(replyAt + Seconds(1));
    Simulator::Run();
    TwoServers seen;
    seen.portSeenBy0 = s0.arrivals.empty() ? 0 : s0.arrivals[0].fromPort;
    seen.portSeenBy1 = s1.arrivals.empty() ? 0 : s1.arrivals[0].fromPort;
    seen.repliesIn = host.arrivals.size();
    Simulator::Destroy();
    return seen;
}

NatTestbed::Options
TwoOutside()
{
    NatTestbed::Options options;
    options.outsideHosts = 3;
    return options;
}

} // namespace

TEST(NatMappingBehaviour, TheObjectDecidesWhichRemotesShareAMapping)
{
    {
        NatTestbed bed(TwoOutside());
        TwoServers seen = SendToTwoServers(bed, Seconds(3));
        EXPECT_EQ(seen.portSeenBy0, 5000);
        EXPECT_EQ(seen.portSeenBy1, 5000) << "the preset's endpoint-independent mapping";
    }
    {
        NatTestbed bed(TwoOutside());
        auto mapping = CreateObject<CountingMapping>();
        bed.engine->SetAttribute("MappingBehaviour", PointerValue(mapping));
        TwoServers seen = SendToTwoServers(bed, Seconds(3));
        EXPECT_EQ(seen.portSeenBy0, 5000);
        EXPECT_NE(seen.portSeenBy1, 5000) << "a second mapping for the second address";
        EXPECT_EQ(seen.repliesIn, 2u) << "both mappings lead back";
        EXPECT_GE(mapping->calls, 2u);
    }
}

TEST(NatMappingBehaviour, TheMappingEnumChoosesAndReadsBackTheStockObject)
{
    auto engine = CreateObject<NatEngine>();
    PointerValue behaviour;
    engine->GetAttribute("MappingBehaviour", behaviour);
    EXPECT_EQ(behaviour.Get<NatMappingBehaviour>()->GetInstanceTypeId(),
              NatMappingBehaviour::GetTypeId());
    engine->SetAttribute("Mapping", StringValue("AddressAndPortDependent"));
    engine->GetAttribute("MappingBehaviour", behaviour);
    EXPECT_TRUE(
        DynamicCast<NatAddressAndPortDependentMapping>(behaviour.Get<NatMappingBehaviour>()));
    engine->SetAttribute("MappingBehaviour", PointerValue(CreateObject<CountingMapping>()));
    StringValue name;
    engine->GetAttribute("Mapping", name);
    EXPECT_EQ(name.Get(), "AddressDependent") << "a custom object reads as its stock base";
}

TEST(NatFilteringBehaviour, TheObjectDecidesWhoMaySendIn)
{
    // The host sends to server 0 only; server 1 (port 7000 too) answers
    // unsolicited to the same external port.
    auto run = [](const std::function<void(NatTestbed&)>& configure) {
        NatTestbed bed(TwoOutside());
        configure(bed);
        NatTestUdp host(bed.inside.Get(0), 5000);
        NatTestUdp s0(bed.outside.Get(0), 7000);
        NatTestUdp s1(bed.outside.Get(1), 7000);
        host.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10);
        s1.SendAt(Seconds(2), bed.NatOutside(), 5000, 10);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        auto result = std::make_pair(host.arrivals.size(), bed.Drops("filtered"));
        Simulator::Destroy();
        return result;
    };
    auto preset = run([](NatTestbed&) {});
    EXPECT_EQ(preset.first, 0u) << "the preset filters by address and port";
    EXPECT_EQ(preset.second, 1u);
    auto custom = run([](NatTestbed& bed) {
        bed.engine->SetAttribute("FilteringBehaviour",
                                 PointerValue(CreateObject<Port7000Filtering>()));
    });
    EXPECT_EQ(custom.first, 1u) << "the custom filter lets port 7000 in";
    EXPECT_EQ(custom.second, 0u);
    auto open = run([](NatTestbed& bed) {
        bed.engine->SetAttribute("Filtering", StringValue("EndpointIndependent"));
    });
    EXPECT_EQ(open.first, 1u) << "the enum chose the stock endpoint-independent object";
}

TEST(NatFilteringBehaviour, TheFilteringEnumReadsBackTheStockBase)
{
    auto engine = CreateObject<NatEngine>();
    engine->SetAttribute("FilteringBehaviour",
                         PointerValue(CreateObject<NatAddressDependentFiltering>()));
    StringValue name;
    engine->GetAttribute("Filtering", name);
    EXPECT_EQ(name.Get(), "AddressDependent");
    engine->SetAttribute("FilteringBehaviour", PointerValue(CreateObject<Port7000Filtering>()));
    engine->GetAttribute("Filtering", name);
    EXPECT_EQ(name.Get(), "EndpointIndependent");
}

TEST(NatMappingTimers, CustomTimersExpireTheMappingUnderTheEngine)
{
    {
        NatTestbed bed(TwoOutside());
        EXPECT_EQ(SendToTwoServers(bed, Seconds(3)).repliesIn, 2u) << "300 s by default";
    }
    NatTestbed bed(TwoOutside());
    bed.engine->SetAttribute("MappingTimers", PointerValue(CreateObject<ShortTimers>()));
    // Created at 1 s and not refreshed by the packet at 2 s: idle past 1 s at 3 s.
    EXPECT_EQ(SendToTwoServers(bed, Seconds(3)).repliesIn, 0u);
    EXPECT_EQ(bed.Drops("mapping-expired"), 2u);
}

TEST(NatMappingTimers, TheOldNamesSetTheCurrentTimersObject)
{
    auto engine = CreateObject<NatEngine>();
    engine->SetAttribute("UdpMappingTimeout", TimeValue(Seconds(20)));
    engine->SetAttribute("Refresh", StringValue("Bidirectional"));
    PointerValue timers;
    engine->GetAttribute("MappingTimers", timers);
    TimeValue udp;
    timers.Get<NatMappingTimers>()->GetAttribute("UdpMappingTimeout", udp);
    EXPECT_EQ(udp.Get(), Seconds(20));
    StringValue refresh;
    timers.Get<NatMappingTimers>()->GetAttribute("Refresh", refresh);
    EXPECT_EQ(refresh.Get(), "Bidirectional");

    // Timers given at construction keep their values over the names' defaults.
    auto given = CreateObject<NatMappingTimers>();
    given->SetAttribute("IcmpMappingTimeout", TimeValue(Seconds(7)));
    ObjectFactory factory("ns3::NatEngine");
    factory.Set("MappingTimers", PointerValue(given));
    auto built = factory.Create<NatEngine>();
    TimeValue icmp;
    built->GetAttribute("IcmpMappingTimeout", icmp);
    EXPECT_EQ(icmp.Get(), Seconds(7)) << "the old name reads the given object";
}

TEST(NatMappingTable, FindsExpiresAndRemembersExpiredPorts)
{
    NatMappingTable table;
    auto timers = CreateObject<NatMappingTimers>();
    timers->SetAttribute("UdpMappingTimeout", TimeValue(Seconds(10)));
    table.SetTimers(timers);
    std::vector<std::string> reasons;
    table.SetExpiredCallback(NatMappingTable::ExpiredCallback(
        [&reasons](uint32_t, const NatMapping&, const std::string& reason) {
            reasons.push_back(reason);
        }));
    const int64_t s = Seconds(1).GetNanoSeconds();
    NatMappingKey key{0x0a000002, 0, 5000, 0, 17};
    uint32_t index = table.Create(key, 6000, 0xcb007102, 7000, false, 0);
    EXPECT_EQ(table.GetLiveCount(), 1u);
    uint32_t found = 99;
    bool expired = true;
    ASSERT_NE(table.FindInbound(17, 6000, 5 * s, found, expired), nullptr);
    EXPECT_EQ(found, index);
    EXPECT_FALSE(expired);
    EXPECT_NE(table.FindOutbound(key, 5 * s, found), nullptr);
    NatMappingHandle handle{index, table.At(index).generation};
    EXPECT_TRUE(table.IsLive(handle));

    // Idle past 10 s: the lookup expires it and leaves a tombstone.
    EXPECT_EQ(table.FindInbound(17, 6000, 11 * s, found, expired), nullptr);
    EXPECT_TRUE(expired);
    EXPECT_EQ(table.GetLiveCount(), 0u);
    EXPECT_FALSE(table.IsLive(handle)) << "the generation moved on";
    EXPECT_EQ(table.FindInbound(17, 6001, 11 * s, found, expired), nullptr);
    EXPECT_FALSE(expired) << "no mapping ever had 6001";

    // A new mapping on the port clears the tombstone; Clear is a reboot.
    table.Create(key, 6000, 0, 0, false, 12 * s);
    table.Clear(13 * s);
    EXPECT_EQ(table.FindInbound(17, 6000, 13 * s, found, expired), nullptr);
    EXPECT_FALSE(expired) << "a reboot forgets";
    EXPECT_EQ(reasons, (std::vector<std::string>{"timeout", "reboot"}));
}
