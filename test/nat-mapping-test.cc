/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 4787 mapping and filtering classes, port allocation and timeouts,
// each a small simulation with real packets through the NAT.

#include "nat-test-util.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>

using namespace ns3;

namespace
{

/// The external ports seen by two outside hosts (on two ports of the first)
/// when one inside endpoint sends to X:7000, X:7001 and Y:7000.
std::vector<uint16_t>
ExternalPorts(const std::string& mapping)
{
    NatTestbed::Options options;
    options.attributes = {{"Mapping", mapping}};
    NatTestbed bed(options);
    NatTestUdp client(bed.inside.Get(0), 5000);
    NatTestUdp x7000(bed.outside.Get(0), 7000);
    NatTestUdp x7001(bed.outside.Get(0), 7001);
    NatTestUdp y7000(bed.outside.Get(1), 7000);
    client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 100);
    client.SendAt(Seconds(2), bed.OutsideAddress(0), 7001, 100);
    client.SendAt(Seconds(3), bed.OutsideAddress(1), 7000, 100);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    std::vector<uint16_t> ports;
    for (auto* sink : {&x7000, &x7001, &y7000})
    {
        EXPECT_EQ(sink->arrivals.size(), 1u);
        if (!sink->arrivals.empty())
        {
            EXPECT_EQ(sink->arrivals[0].from, bed.NatOutside()) << "the source is translated";
            ports.push_back(sink->arrivals[0].fromPort);
        }
    }
    Simulator::Destroy();
    return ports;
}

} // namespace

TEST(NatMapping, EndpointIndependentMappingReusesOnePort)
{
    auto ports = ExternalPorts("EndpointIndependent");
    ASSERT_EQ(ports.size(), 3u);
    EXPECT_EQ(ports[0], 5000) << "the inside port is preserved";
    EXPECT_EQ(ports[1], ports[0]);
    EXPECT_EQ(ports[2], ports[0]);
}

TEST(NatMapping, AddressDependentMappingSplitsByRemoteAddress)
{
    auto ports = ExternalPorts("AddressDependent");
    ASSERT_EQ(ports.size(), 3u);
    EXPECT_EQ(ports[1], ports[0]) << "same remote address, other port: same mapping";
    EXPECT_NE(ports[2], ports[0]) << "other remote address: new mapping";
}

TEST(NatMapping, AddressAndPortDependentMappingSplitsByRemoteEndpoint)
{
    auto ports = ExternalPorts("AddressAndPortDependent");
    ASSERT_EQ(ports.size(), 3u);
    EXPECT_NE(ports[1], ports[0]);
    EXPECT_NE(ports[2], ports[0]);
    EXPECT_NE(ports[2], ports[1]);
}

namespace
{

/// Whether the inside host hears X:7001 and Y:7000 after sending to X:7000.
std::pair<bool, bool>
Filtered(const std::string& filtering, uint64_t& filteredDrops)
{
    NatTestbed::Options options;
    options.attributes = {{"Filtering", filtering}};
    NatTestbed bed(options);
    NatTestUdp client(bed.inside.Get(0), 5000);
    NatTestUdp x7000(bed.outside.Get(0), 7000);
    NatTestUdp x7001(bed.outside.Get(0), 7001);
    NatTestUdp y7000(bed.outside.Get(1), 7000);
    client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 100);
    x7000.ReplyAt(Seconds(2), 0, 10);
    x7001.SendAt(Seconds(3), bed.NatOutside(), 5000, 11);
    y7000.SendAt(Seconds(4), bed.NatOutside(), 5000, 12);
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    bool fromX7001 = false;
    bool fromY = false;
    bool fromX7000 = false;
    for (const auto& a : client.arrivals)
    {
        fromX7000 |= a.from == bed.OutsideAddress(0) && a.fromPort == 7000;
        fromX7001 |= a.from == bed.OutsideAddress(0) && a.fromPort == 7001;
        fromY |= a.from == bed.OutsideAddress(1);
    }
    EXPECT_TRUE(fromX7000) << "the endpoint the host sent to always gets in";
    filteredDrops = bed.Drops("filtered");
    Simulator::Destroy();
    return {fromX7001, fromY};
}

} // namespace

TEST(NatFiltering, EndpointIndependentFilteringLetsAnyoneIn)
{
    uint64_t drops;
    auto heard = Filtered("EndpointIndependent", drops);
    EXPECT_TRUE(heard.first);
    EXPECT_TRUE(heard.second);
    EXPECT_EQ(drops, 0u);
}

TEST(NatFiltering, AddressDependentFilteringChecksTheAddress)
{
    uint64_t drops;
    auto heard = Filtered("AddressDependent", drops);
    EXPECT_TRUE(heard.first) << "same address, other port";
    EXPECT_FALSE(heard.second) << "an address the host never sent to";
    EXPECT_EQ(drops, 1u);
}

TEST(NatFiltering, AddressAndPortDependentFilteringChecksBoth)
{
    uint64_t drops;
    auto heard = Filtered("AddressAndPortDependent", drops);
    EXPECT_FALSE(heard.first);
    EXPECT_FALSE(heard.second);
    EXPECT_EQ(drops, 2u);
}

namespace
{

/// External ports of two inside hosts both sending from port 5000.
std::pair<uint16_t, uint16_t>
TwoHostPorts(const std::string& allocation)
{
    NatTestbed::Options options;
    options.insideHosts = 2;
    options.attributes = {{"PortAllocation", allocation},
                          {"PortRangeMin", "20000"},
                          {"PortRangeMax", "20999"}};
    NatTestbed bed(options);
    NatTestUdp a(bed.inside.Get(0), 5000);
    NatTestUdp b(bed.inside.Get(1), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    a.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 100);
    b.SendAt(Seconds(2), bed.OutsideAddress(0), 7000, 100);
    server.ReplyAt(Seconds(3), 0, 10);
    server.ReplyAt(Seconds(3), 1, 20);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(server.arrivals.size(), 2u);
    std::pair<uint16_t, uint16_t> ports{0, 0};
    if (server.arrivals.size() == 2)
    {
        ports = {server.arrivals[0].fromPort, server.arrivals[1].fromPort};
    }
    // Replies reach the right host whatever the ports.
    EXPECT_EQ(a.arrivals.size(), 1u);
    EXPECT_EQ(b.arrivals.size(), 1u);
    if (a.arrivals.size() == 1 && b.arrivals.size() == 1)
    {
        EXPECT_EQ(a.arrivals[0].size, 10u);
        EXPECT_EQ(b.arrivals[0].size, 20u);
    }
    Simulator::Destroy();
    return ports;
}

} // namespace

TEST(NatPorts, PreservationKeepsTheFirstAndMovesTheCollision)
{
    auto ports = TwoHostPorts("Preserve");
    EXPECT_EQ(ports.first, 5000);
    EXPECT_NE(ports.second, 5000);
    EXPECT_GE(ports.second, 20000) << "the collision falls back to the range";
    EXPECT_LE(ports.second, 20999);
}

TEST(NatPorts, SequentialAllocationTakesTheNextPorts)
{
    auto ports = TwoHostPorts("Sequential");
    EXPECT_EQ(ports.first, 20000);
    EXPECT_EQ(ports.second, 20001);
}

TEST(NatPorts, RandomAllocationStaysInTheRange)
{
    auto ports = TwoHostPorts("Random");
    EXPECT_NE(ports.first, ports.second);
    for (uint16_t port : {ports.first, ports.second})
    {
        EXPECT_GE(port, 20000);
        EXPECT_LE(port, 20999);
    }
}

namespace
{

/// The inside host sends at 1 s; the remote answers at the given times.
std::vector<uint32_t>
RepliesHeard(const std::string& refresh, std::vector<double> replyTimes, uint64_t& expiredDrops)
{
    NatTestbed::Options options;
    options.preset = "short-timeout";
    options.attributes = {{"Refresh", refresh}};
    NatTestbed bed(options);
    NatTestUdp client(bed.inside.Get(0), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 100);
    uint32_t size = 10;
    for (double t : replyTimes)
    {
        server.ReplyAt(Seconds(t), 0, size++);
    }
    Simulator::Stop(Seconds(100));
    Simulator::Run();
    std::vector<uint32_t> heard;
    for (const auto& a : client.arrivals)
    {
        heard.push_back(a.size);
    }
    expiredDrops = bed.Drops("mapping-expired");
    Simulator::Destroy();
    return heard;
}

} // namespace

TEST(NatTimeouts, UdpMappingExpiresAfterTheIdleTimeout)
{
    uint64_t expired;
    // short-timeout: 30 s. 20 s after the send it is alive, 40 s after it is gone.
    auto heard = RepliesHeard("Outbound", {21, 41}, expired);
    EXPECT_EQ(heard, (std::vector<uint32_t>{10}));
    EXPECT_EQ(expired, 1u);
}

TEST(NatTimeouts, InboundTrafficDoesNotRefreshWhenOutboundOnly)
{
    uint64_t expired;
    auto heard = RepliesHeard("Outbound", {21, 41, 51}, expired);
    EXPECT_EQ(heard, (std::vector<uint32_t>{10}));
    EXPECT_EQ(expired, 2u) << "the tombstone keeps the reason for later packets";
}

TEST(NatTimeouts, InboundTrafficRefreshesWhenBidirectional)
{
    uint64_t expired;
    auto heard = RepliesHeard("Bidirectional", {21, 41, 61, 100 - 5}, expired);
    EXPECT_EQ(heard, (std::vector<uint32_t>{10, 11, 12}));
    EXPECT_EQ(expired, 1u);
}

TEST(NatTimeouts, MappingExpiryFiresItsTrace)
{
    NatTestbed::Options options;
    options.preset = "short-timeout";
    NatTestbed bed(options);

    struct Recorder
    {
        std::vector<std::string> reasons;
        std::vector<double> times;

        void Expired(const NatMappingInfo&, const std::string& reason)
        {
            reasons.push_back(reason);
            times.push_back(Simulator::Now().GetSeconds());
        }
    } recorder;

    bed.engine->TraceConnectWithoutContext("MappingExpired",
                                           MakeCallback(&Recorder::Expired, &recorder));
    NatTestUdp client(bed.inside.Get(0), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 100);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    ASSERT_EQ(recorder.reasons.size(), 1u);
    EXPECT_EQ(recorder.reasons[0], "timeout");
    EXPECT_GT(recorder.times[0], 31.0);
    EXPECT_LE(recorder.times[0], 33.0) << "the sweep runs every second";
    EXPECT_EQ(bed.engine->GetMappingCount(), 0u);
    Simulator::Destroy();
}

namespace
{

/// What the outside host heard, and the NAT's refusals, when inside host
/// h sends from each port of \p ports[h] (one datagram each, 100 ms apart,
/// host 0 first) through a NAT with \p attributes.
struct LimitRun
{
    std::vector<size_t> delivered; ///< per inside host
    uint64_t hostLimit{0};
    uint64_t tableFull{0};
};

LimitRun
SendFromPorts(const std::vector<std::vector<uint16_t>>& ports,
              const std::vector<std::pair<std::string, std::string>>& attributes,
              Time gap = MilliSeconds(100))
{
    NatTestbed::Options options;
    options.insideHosts = ports.size();
    options.attributes = attributes;
    NatTestbed bed(options);
    NatTestUdp server(bed.outside.Get(0), 7000);
    // One socket per (host, port): a port repeated is the same flow again.
    std::map<std::pair<uint32_t, uint16_t>, std::unique_ptr<NatTestUdp>> sockets;
    Time at = Seconds(1);
    for (uint32_t host = 0; host < ports.size(); ++host)
    {
        for (uint16_t port : ports[host])
        {
            auto& socket = sockets[{host, port}];
            if (!socket)
            {
                socket = std::make_unique<NatTestUdp>(bed.inside.Get(host), port);
            }
            socket->SendAt(at, bed.OutsideAddress(0), 7000, 10);
            at += gap;
        }
    }
    Simulator::Stop(at + Seconds(1));
    Simulator::Run();
    LimitRun run;
    run.delivered.resize(ports.size(), 0);
    for (const auto& arrival : server.arrivals)
    {
        // Port preservation: the external port is the inside port, which tells the host.
        for (uint32_t host = 0; host < ports.size(); ++host)
        {
            const auto& own = ports[host];
            run.delivered[host] += std::count(own.begin(), own.end(), arrival.fromPort) > 0;
        }
    }
    run.hostLimit = bed.Drops(NatEngine::HOST_MAPPING_LIMIT_DROP);
    run.tableFull = bed.Drops(NatEngine::TABLE_FULL_DROP);
    Simulator::Destroy();
    return run;
}

} // namespace

// RFC 6888 REQ-4: one host's share of the table is capped; the others keep theirs.
TEST(NatMappingLimits, PerHostLimitCapsOneHostAndLeavesRoomForTheOthers)
{
    std::vector<std::vector<uint16_t>> ports = {{5000, 5001, 5002, 5003, 5004}, {6000, 6001}};
    LimitRun open = SendFromPorts(ports, {{"MaxMappings", "5"}});
    EXPECT_EQ(open.delivered, (std::vector<size_t>{5, 0})) << "the first host took the table";
    EXPECT_EQ(open.tableFull, 2u);
    EXPECT_EQ(open.hostLimit, 0u);

    LimitRun capped = SendFromPorts(ports, {{"MaxMappings", "5"}, {"MaxMappingsPerHost", "3"}});
    EXPECT_EQ(capped.delivered, (std::vector<size_t>{3, 2}));
    EXPECT_EQ(capped.hostLimit, 2u) << "the first host's fourth and fifth flows";
    EXPECT_EQ(capped.tableFull, 0u);
}

TEST(NatMappingLimits, AnExistingMappingIsNotCountedTwice)
{
    // The same flow again reuses its mapping: the limit counts mappings, not packets.
    LimitRun run = SendFromPorts({{5000, 5000, 5000, 5001}}, {{"MaxMappingsPerHost", "2"}});
    EXPECT_EQ(run.delivered, (std::vector<size_t>{4}));
    EXPECT_EQ(run.hostLimit, 0u);
}

TEST(NatMappingLimits, AnExpiredMappingFreesItsPlace)
{
    // 2.3 s apart with a 1.5 s UDP timeout: the engine's sweep (every 1 s
    // from the mapping's creation) has removed each mapping before the next flow.
    LimitRun run = SendFromPorts({{5000, 5001, 5002}},
                                 {{"MaxMappingsPerHost", "1"}, {"UdpMappingTimeout", "1.5s"}},
                                 MilliSeconds(2300));
    EXPECT_EQ(run.delivered, (std::vector<size_t>{3}));
    EXPECT_EQ(run.hostLimit, 0u);
    // 100 ms apart, the first mapping is still live.
    LimitRun busy = SendFromPorts({{5000, 5001, 5002}},
                                  {{"MaxMappingsPerHost", "1"}, {"UdpMappingTimeout", "1.5s"}});
    EXPECT_EQ(busy.delivered, (std::vector<size_t>{1}));
    EXPECT_EQ(busy.hostLimit, 2u);
}
