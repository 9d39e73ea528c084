/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The wire oracle for what the NAT rewrites: capture both sides of a NAT
// carrying clear UDP and TCP and let tshark verify the IPv4, UDP and TCP
// checksums of every packet (DESIGN section 7).

#include "nat-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/point-to-point-helper.h"

#include <cstdio>
#include <gtest/gtest.h>
#include <string>

using namespace ns3;

namespace
{

/// Output of \p command, or nullopt-like empty with \p ok false.
std::string
RunCommand(const std::string& command, bool& ok)
{
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    ok = pipe != nullptr;
    if (!pipe)
    {
        return out;
    }
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof(buffer), pipe))
    {
        out.append(buffer, n);
    }
    int status = pclose(pipe);
    ok = status == 0;
    if (!ok)
    {
        out += "\n(exit status " + std::to_string(status) + ")";
    }
    return out;
}

std::size_t
Lines(const std::string& text)
{
    std::size_t lines = 0;
    for (char c : text)
    {
        lines += c == '\n';
    }
    return lines;
}

} // namespace

TEST(NatPcap, TsharkFindsNoBadChecksumOnEitherSide)
{
    bool ok;
    RunCommand("tshark --version > /dev/null 2>&1", ok);
    if (!ok)
    {
        GTEST_SKIP() << "tshark is not installed";
    }
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    NodeContainer nodes;
    nodes.Create(3);
    InternetStackHelper stack;
    stack.Install(nodes);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    link.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer inside = link.Install(nodes.Get(0), nodes.Get(1));
    NetDeviceContainer outside = link.Install(nodes.Get(1), nodes.Get(2));
    Ipv4AddressHelper address;
    address.SetBase("10.0.0.0", "255.255.255.0");
    Ipv4InterfaceContainer in = address.Assign(inside);
    address.SetBase("203.0.113.0", "255.255.255.0");
    Ipv4InterfaceContainer out = address.Assign(outside);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(nodes.Get(0)->GetObject<Ipv4>())->SetDefaultRoute(in.GetAddress(1), 1);
    NatHelper helper;
    helper.SetPreset("port-preserving");
    helper.SetAttribute("PortAllocation", StringValue("Sequential")); // ports really change
    Ptr<NatEngine> engine =
        helper.Install(nodes.Get(1), NetDeviceContainer(inside.Get(1)), outside.Get(0));

    UdpEchoServerHelper echoServer(9);
    echoServer.Install(nodes.Get(2)).Start(Seconds(0.5));
    UdpEchoClientHelper echoClient(out.GetAddress(1), 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(20));
    echoClient.SetAttribute("Interval", TimeValue(MilliSeconds(50)));
    echoClient.SetAttribute("PacketSize", UintegerValue(301)); // odd: exercises the last byte
    echoClient.Install(nodes.Get(0)).Start(Seconds(1));
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 8080));
    sink.Install(nodes.Get(2)).Start(Seconds(0.5));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(out.GetAddress(1), 8080));
    bulk.SetAttribute("MaxBytes", UintegerValue(50000));
    bulk.Install(nodes.Get(0)).Start(Seconds(1.2));

    // The files are held here, not by the helper, so they can be closed
    // (flushed) before tshark reads them.
    std::string prefix = std::string(NATT_TEST_OUTPUT_DIR) + "/nat-pcap";
    PcapHelper pcap;
    std::vector<Ptr<PcapFileWrapper>> files;
    for (const auto& side : {std::make_pair(std::string("-inside.pcap"), inside.Get(1)),
                             std::make_pair(std::string("-outside.pcap"), outside.Get(0))})
    {
        files.push_back(pcap.CreateFile(prefix + side.first, std::ios::out, PcapHelper::DLT_PPP));
        pcap.HookDefaultSink<NetDevice>(side.second, "PromiscSniffer", files.back());
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_GT(engine->GetStats().translatedOutbound, 20u);
    EXPECT_GT(engine->GetStats().translatedInbound, 20u);
    Simulator::Destroy();
    for (auto& file : files)
    {
        file->Close();
    }

    for (const std::string side : {"-inside.pcap", "-outside.pcap"})
    {
        std::string file = prefix + side;
        std::string base = "tshark -n -r '" + file +
                           "' -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE"
                           " -o tcp.check_checksum:TRUE";
        std::string all = RunCommand(base + " -Y 'udp || tcp' 2>/dev/null", ok);
        ASSERT_TRUE(ok) << file << ": " << all;
        EXPECT_GT(Lines(all), 40u) << file << " holds the UDP and TCP packets";
        std::string udp = RunCommand(base + " -Y 'udp.checksum.status==\"Good\"' 2>/dev/null", ok);
        EXPECT_EQ(Lines(udp), 40u) << file << ": UDP checksums were verified, not skipped";
        std::string tcp = RunCommand(base + " -Y 'tcp.checksum.status==\"Good\"' 2>/dev/null", ok);
        EXPECT_GT(Lines(tcp), 20u) << file << ": TCP checksums were verified";
        std::string bad =
            RunCommand(base + " -Y 'ip.checksum.status==\"Bad\" || udp.checksum.status==\"Bad\""
                              " || tcp.checksum.status==\"Bad\"' 2>/dev/null",
                       ok);
        ASSERT_TRUE(ok) << bad;
        EXPECT_EQ(bad, "") << file << " has packets with bad checksums";
    }
}

TEST(NatPcap, TsharkSeesTheBadChecksumTheNatCouldNotFix)
{
    // The negative control of the test above: a datagram whose checksum was
    // already wrong is translated incrementally and stays wrong (RFC 1624).
    bool ok;
    RunCommand("tshark --version > /dev/null 2>&1", ok);
    if (!ok)
    {
        GTEST_SKIP() << "tshark is not installed";
    }
    NatTestbed::Options options;
    NatTestbed bed(options);
    std::string file = std::string(NATT_TEST_OUTPUT_DIR) + "/nat-pcap-bad-outside.pcap";
    PcapHelper pcap;
    Ptr<PcapFileWrapper> wrapper = pcap.CreateFile(file, std::ios::out, PcapHelper::DLT_EN10MB);
    pcap.HookDefaultSink<NetDevice>(bed.outsideDevices.Get(0), "PromiscSniffer", wrapper);
    NatTestRaw clientRaw(bed.inside.Get(0), 17);
    auto good = NatTestUdpDatagram(bed.InsideAddress(0),
                                   5000,
                                   bed.OutsideAddress(0),
                                   7000,
                                   std::vector<uint8_t>(64, 1));
    auto bad = good;
    bad[6] ^= 0x10;
    Ipv4Header h;
    h.SetSource(bed.InsideAddress(0));
    h.SetDestination(bed.OutsideAddress(0));
    h.SetProtocol(17);
    h.SetTtl(64);
    clientRaw.SendAt(Seconds(1), h, good);
    clientRaw.SendAt(Seconds(2), h, bad);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    Simulator::Destroy();
    wrapper->Close();
    std::string base = "tshark -n -r '" + file + "' -o udp.check_checksum:TRUE";
    std::string bads = RunCommand(base + " -Y 'udp.checksum.status==\"Bad\"' 2>/dev/null", ok);
    ASSERT_TRUE(ok) << bads;
    EXPECT_EQ(Lines(bads), 1u);
    std::string goods = RunCommand(base + " -Y 'udp.checksum.status==\"Good\"' 2>/dev/null", ok);
    EXPECT_EQ(Lines(goods), 1u);
}
