/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The catalogue at scale (issue 17): a LAN of hundreds of hosts is a tree of
// switches of bounded fan-out below the router's segment, its hosts reach
// the router without an ARP flood, and req-many-behind-one-nat with a few
// hundred clients works with every client's SA up.

#include "catalogue.h"
#include "lab.h"
#include "options.h"
#include "runner.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <gtest/gtest.h>

using namespace ns3;
using natt::Lab;
using natt::RunContext;

namespace
{

/// \p node's ARP entry for \p neighbor on its interface through \p device, or nullptr.
ArpCache::Entry*
ArpEntry(Ptr<NetDevice> device, Ipv4Address neighbor)
{
    Ptr<Ipv4L3Protocol> ipv4 = device->GetNode()->GetObject<Ipv4L3Protocol>();
    return ipv4->GetInterface(ipv4->GetInterfaceForDevice(device))->GetArpCache()->Lookup(neighbor);
}

double
Metric(const natt::ResultRow& row, const std::string& name)
{
    for (const auto& [key, value] : row.metrics)
    {
        if (key == name)
        {
            return value;
        }
    }
    ADD_FAILURE() << "no metric " << name;
    return -1;
}

} // namespace

TEST(LabScale, HostsPastTheSegmentJoinThroughSwitchesOfBoundedFanOut)
{
    RunContext context;
    context.variant = "switched";
    Lab lab("lab-scale-test", context);
    Ptr<Node> server = lab.AddPublicNode("server");
    const uint32_t hosts = 100;
    Ptr<Node> nat = lab.AddNat("nat", "port-preserving", Lab::SizePrefix("10.0.0.0/24", hosts));
    std::vector<Ptr<Node>> nodes;
    for (uint32_t i = 1; i <= hosts; ++i)
    {
        nodes.push_back(lab.AddHost("host-" + std::to_string(i), nat));
    }
    // The first 32 share the router's segment with it and the aggregation
    // switch; the others each have a link of their own to a leaf switch.
    Ptr<Channel> segment = lab.GetLanDevice(nat)->GetChannel();
    EXPECT_EQ(segment->GetNDevices(), 34u);
    EXPECT_EQ(lab.GetLanDevice(nodes[31])->GetChannel(), segment);
    EXPECT_EQ(lab.GetLanDevice(nodes[32])->GetChannel()->GetNDevices(), 2u);
    EXPECT_EQ(lab.GetLanDevice(nodes[99])->GetChannel()->GetNDevices(), 2u);
    // No node has more ports than the fan-out and its uplink.
    NodeContainer all = lab.GetAllNodes();
    for (auto it = all.Begin(); it != all.End(); ++it)
    {
        if (*it != lab.GetInternet())
        {
            EXPECT_LE((*it)->GetNDevices(), 34u) << lab.GetName(*it);
        }
    }
    // A switched host and its router know each other without ARP; a host on
    // the segment still asks.
    Ipv4Address router = lab.GetLanAddress(nat);
    EXPECT_NE(ArpEntry(lab.GetLanDevice(nodes[99]), router), nullptr);
    EXPECT_NE(ArpEntry(lab.GetLanDevice(nat), lab.GetAddress(nodes[99])), nullptr);
    EXPECT_EQ(ArpEntry(lab.GetLanDevice(nodes[0]), router), nullptr);

    auto first = lab.AddUdpEcho(nodes[0], server, 7, 3, Seconds(1), 100, Seconds(1));
    auto last = lab.AddUdpEcho(nodes[99], server, 9, 3, Seconds(1), 100, Seconds(1));
    // An idle host in another leaf: the switches filter what was learned on
    // the port it came in on, so it sees the segment's broadcasts (ARP),
    // never the six echo frames between host-1 and the NAT.
    uint32_t idleFrames = 0;
    lab.GetLanDevice(nodes[50])->TraceConnectWithoutContext(
        "PhyRxEnd",
        MakeBoundCallback(
            +[](uint32_t* n, Ptr<const Packet>) { ++*n; },
            &idleFrames));
    lab.Run(Seconds(6));
    EXPECT_EQ(first->repliesReceived, 3u);
    EXPECT_EQ(last->repliesReceived, 3u);
    EXPECT_GT(idleFrames, 0u);
    EXPECT_LT(idleFrames, 6u);
    EXPECT_EQ(lab.GetProbe().GetNatDrops(), 0u);
}

TEST(LabScale, ThreeHundredClientsBehindOneNatAllGetTheirSas)
{
    const natt::Scenario* many = natt::FindScenario("req-many-behind-one-nat");
    ASSERT_NE(many, nullptr);
    natt::RunRequest request;
    request.scenario = many;
    request.context.variant = "natt";
    request.context.parameters = natt::ApplySets({"clients=300"}, many);
    std::vector<natt::ResultRow> rows = natt::RunIsolated({request}, 1);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].outcome, "works") << rows[0].symptom;
    // Every client's IKE SA and child SAs are up and carried its echoes.
    EXPECT_EQ(Metric(rows[0], "clients"), 300);
    EXPECT_EQ(Metric(rows[0], "ike_sas_established"), 300);
    EXPECT_EQ(Metric(rows[0], "echo_replies"), 3000);
    EXPECT_EQ(Metric(rows[0], "esp_delivered"), 6000);
    EXPECT_EQ(Metric(rows[0], "esp_misdelivered"), 0);
}

namespace
{

/// rfc3715-f's \p variant with 200 hosts, all starting within 10 ms, and the user's \p attributes.
natt::ResultRow
RunRfc3715F(const std::string& variant, const std::map<std::string, std::string>& attributes = {})
{
    const natt::Scenario* entry = natt::FindScenario("rfc3715-f");
    EXPECT_NE(entry, nullptr);
    natt::RunRequest request;
    request.scenario = entry;
    request.context.variant = variant;
    request.context.parameters = natt::ApplySets({"hosts=200"}, entry);
    request.context.attributes = attributes;
    std::vector<natt::ResultRow> rows = natt::RunIsolated({request}, 1);
    EXPECT_EQ(rows.size(), 1u);
    return rows.empty() ? natt::ResultRow() : rows[0];
}

} // namespace

// The switched hosts send their first echo without asking for the NAT's MAC,
// so all 200 first echoes reach the gateway while it resolves the server's:
// its ARP queue, then its device queue when the queue is flushed, must hold
// them (the tree's first version lost 22 of them from 145 hosts on).
TEST(LabScale, TwoHundredHostsStartingAtOnceGetEveryReplyThroughAColdGateway)
{
    for (const std::string variant : {"udp-encapsulation", "spi-blocks"})
    {
        natt::ResultRow row = RunRfc3715F(variant);
        EXPECT_EQ(row.outcome, "works") << variant << ": " << row.symptom;
        // Each host's 10 requests and the gateway's 10 replies, all in ESP.
        EXPECT_EQ(Metric(row, "esp_sent"), 4000) << variant;
        EXPECT_EQ(Metric(row, "esp_delivered"), 4000) << variant;
    }
    // With ARP queues of 64, as before, the gateway drops first echoes.
    natt::ResultRow row =
        RunRfc3715F("udp-encapsulation", {{"ns3::ArpCache::PendingQueueSize", "64"}});
    EXPECT_EQ(row.outcome, "fails");
    EXPECT_EQ(row.symptom, "traffic-lost");
    EXPECT_LT(Metric(row, "esp_sent"), 4000);
}
