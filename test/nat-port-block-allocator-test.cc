/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Per-host port blocks (RFC 7422), a NatPortAllocator: each inside host gets
// external ports only from its own blocks, deterministic ones when
// InsideBase is set.

#include "nat-test-util.h"

#include "ns3/nat-port-block-allocator.h"
#include "ns3/pointer.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

struct Send
{
    uint32_t host;
    uint16_t port;
    double at;
};

/// The external ports the server saw, in the order of \p sends (0: none arrived).
std::vector<uint16_t>
PortsSeen(Ptr<NatPortBlockAllocator> allocator,
          const std::vector<Send>& sends,
          uint64_t* exhausted = nullptr)
{
    NatTestbed::Options options;
    options.insideHosts = 2;
    options.attributes = {{"PortRangeMin", "20000"}, {"PortRangeMax", "20999"}};
    NatTestbed bed(options);
    bed.engine->SetAttribute("PortAllocator", PointerValue(allocator));
    NatTestUdp server(bed.outside.Get(0), 7000);
    std::vector<std::unique_ptr<NatTestUdp>> sockets;
    for (const auto& send : sends)
    {
        sockets.push_back(std::make_unique<NatTestUdp>(bed.inside.Get(send.host), send.port));
        sockets.back()->SendAt(Seconds(send.at), bed.OutsideAddress(0), 7000, 10);
    }
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    std::vector<uint16_t> ports;
    for (const auto& arrival : server.arrivals)
    {
        ports.push_back(arrival.fromPort);
    }
    ports.resize(sends.size(), 0);
    if (exhausted)
    {
        *exhausted = bed.Drops("ports-exhausted");
    }
    Simulator::Destroy();
    return ports;
}

Ptr<NatPortBlockAllocator>
Blocks(uint32_t size, uint32_t perHost, const std::string& insideBase = "0.0.0.0")
{
    auto allocator = CreateObject<NatPortBlockAllocator>();
    allocator->SetAttribute("BlockSize", UintegerValue(size));
    allocator->SetAttribute("BlocksPerHost", UintegerValue(perHost));
    allocator->SetAttribute("InsideBase", Ipv4AddressValue(insideBase.c_str()));
    return allocator;
}

} // namespace

TEST(NatPortBlockAllocator, EachHostGetsPortsFromItsOwnBlock)
{
    auto ports = PortsSeen(Blocks(100, 1), {{0, 5000, 1}, {0, 5001, 1.1}, {1, 5000, 2}});
    EXPECT_EQ(ports, (std::vector<uint16_t>{20000, 20001, 20100}))
        << "not the preset's preserved 5000: the second host starts a block up";
}

TEST(NatPortBlockAllocator, AFullBlockRefusesItsHostOnly)
{
    uint64_t exhausted = 0;
    auto ports = PortsSeen(Blocks(2, 1),
                           {{0, 5000, 1}, {0, 5001, 1.1}, {0, 5002, 1.2}, {1, 5000, 2}},
                           &exhausted);
    EXPECT_EQ(exhausted, 1u) << "the first host's third mapping";
    EXPECT_EQ(ports, (std::vector<uint16_t>{20000, 20001, 20002, 0}))
        << "the second host still gets its block";

    auto more = PortsSeen(Blocks(2, 2),
                          {{0, 5000, 1}, {0, 5001, 1.1}, {0, 5002, 1.2}, {1, 5000, 2}},
                          &exhausted);
    EXPECT_EQ(exhausted, 0u) << "two blocks per host";
    EXPECT_EQ(more, (std::vector<uint16_t>{20000, 20001, 20002, 20004}));
}

TEST(NatPortBlockAllocator, InsideBaseMakesTheBlockAFunctionOfTheAddress)
{
    // 10.0.0.3 sends first but is InsideBase + 1: block 1 all the same.
    auto allocator = Blocks(100, 1, "10.0.0.2");
    auto ports = PortsSeen(allocator, {{1, 5000, 1}, {0, 5000, 2}});
    EXPECT_EQ(ports, (std::vector<uint16_t>{20100, 20000}));
    EXPECT_EQ(allocator->GetBlocks(Ipv4Address("10.0.0.3"), 20000), (std::vector<uint16_t>{20100}));
}
