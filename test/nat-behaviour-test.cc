/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Hairpinning, forwarding rules, the firewall, reboot, nested NATs, TCP
// state, ICMP echo, the FTP-like ALG and checksum handling, each through a
// simulated NAT; and the preset registry and attribute precedence.

#include "nat-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/ike-ports.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/nat-checksum.h"
#include "ns3/nat-presets.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-l4-protocol.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(NatHairpin, InsideHostsReachEachOtherThroughTheOutsideAddress)
{
    for (bool hairpin : {true, false})
    {
        NatTestbed::Options options;
        options.preset = "full-cone";
        options.insideHosts = 2;
        options.attributes = {{"Hairpinning", hairpin ? "true" : "false"}};
        NatTestbed bed(options);
        NatTestUdp a(bed.inside.Get(0), 5000);
        NatTestUdp b(bed.inside.Get(1), 6000);
        NatTestUdp server(bed.outside.Get(0), 7000);
        a.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10); // A is now NAT:5000
        b.SendAt(Seconds(2), bed.NatOutside(), 5000, 20);
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        if (hairpin)
        {
            ASSERT_EQ(a.arrivals.size(), 1u);
            EXPECT_EQ(a.arrivals[0].from, bed.NatOutside()) << "RFC 4787 REQ-9: external source";
            EXPECT_EQ(a.arrivals[0].fromPort, 6000);
            EXPECT_EQ(bed.engine->GetStats().hairpinned, 1u);
        }
        else
        {
            EXPECT_TRUE(a.arrivals.empty());
            EXPECT_EQ(bed.Drops("hairpin-disabled"), 1u);
        }
        Simulator::Destroy();
    }
}

TEST(NatForwarding, StaticRuleLetsUnsolicitedTrafficIn)
{
    for (bool rule : {true, false})
    {
        NatTestbed::Options options;
        if (rule)
        {
            options.attributes = {{"PortForwarding", "udp/500=10.0.0.2:500 udp/4500=10.0.0.2"}};
        }
        NatTestbed bed(options);
        NatTestUdp responder(bed.inside.Get(0), IKE_UDP_PORT);
        NatTestUdp initiator(bed.outside.Get(0), IKE_UDP_PORT);
        initiator.SendAt(Seconds(1), bed.NatOutside(), IKE_UDP_PORT, 30);
        responder.ReplyAt(Seconds(2), 0, 40);
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        if (rule)
        {
            ASSERT_EQ(responder.arrivals.size(), 1u);
            EXPECT_EQ(responder.arrivals[0].from, bed.OutsideAddress(0));
            ASSERT_EQ(initiator.arrivals.size(), 1u);
            EXPECT_EQ(initiator.arrivals[0].from, bed.NatOutside());
            EXPECT_EQ(initiator.arrivals[0].fromPort, IKE_UDP_PORT)
                << "the answer leaves from the rule's port";
        }
        else
        {
            EXPECT_TRUE(responder.arrivals.empty()) << "RFC 3715 2.2 h";
            EXPECT_EQ(bed.Drops("no-mapping"), 1u);
        }
        Simulator::Destroy();
    }
}

TEST(NatFirewall, AllowListPassesOnlyIkePorts)
{
    NatTestbed::Options options;
    options.preset = "firewall-ike-only";
    NatTestbed bed(options);
    NatTestUdp ike(bed.inside.Get(0), IKE_UDP_PORT);
    NatTestUdp natt(bed.inside.Get(0), IKE_NAT_T_UDP_PORT);
    NatTestUdp other(bed.inside.Get(0), 5000);
    NatTestUdp g500(bed.outside.Get(0), IKE_UDP_PORT);
    NatTestUdp g4500(bed.outside.Get(0), IKE_NAT_T_UDP_PORT);
    NatTestUdp g7000(bed.outside.Get(0), 7000);
    ike.SendAt(Seconds(1), bed.OutsideAddress(0), IKE_UDP_PORT, 10);
    natt.SendAt(Seconds(1), bed.OutsideAddress(0), IKE_NAT_T_UDP_PORT, 10);
    other.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(g500.arrivals.size(), 1u);
    EXPECT_EQ(g4500.arrivals.size(), 1u);
    EXPECT_TRUE(g7000.arrivals.empty());
    EXPECT_EQ(bed.Drops("firewall"), 1u);
    // The Drop trace's packet starts with the IPv4 header it arrived with,
    // so observers filter drops by protocol and ports (Lab's NatDropFilter).
    ASSERT_EQ(bed.droppedPackets.size(), 1u);
    EXPECT_EQ(bed.dropReasons.at(0), NatEngine::FIREWALL_DROP);
    Ptr<Packet> dropped = bed.droppedPackets[0]->Copy();
    Ipv4Header ip;
    dropped->RemoveHeader(ip);
    EXPECT_EQ(ip.GetProtocol(), UdpL4Protocol::PROT_NUMBER);
    EXPECT_EQ(ip.GetDestination(), bed.OutsideAddress(0));
    UdpHeader udp;
    dropped->RemoveHeader(udp);
    EXPECT_EQ(udp.GetDestinationPort(), 7000);
    Simulator::Destroy();
}

TEST(NatReboot, RebootLosesAllMappings)
{
    NatTestbed::Options options;
    NatTestbed bed(options);

    struct Recorder
    {
        std::vector<std::string> reasons;

        void Expired(const NatMappingInfo&, const std::string& reason)
        {
            reasons.push_back(reason);
        }
    } recorder;

    bed.engine->TraceConnectWithoutContext("MappingExpired",
                                           MakeCallback(&Recorder::Expired, &recorder));
    NatTestUdp client(bed.inside.Get(0), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10);
    server.ReplyAt(Seconds(2), 0, 11);
    Simulator::Schedule(Seconds(3), &NatEngine::Reboot, bed.engine);
    server.ReplyAt(Seconds(4), 0, 12);
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    ASSERT_EQ(client.arrivals.size(), 1u);
    EXPECT_EQ(client.arrivals[0].size, 11u);
    EXPECT_EQ(recorder.reasons, (std::vector<std::string>{"reboot"}));
    EXPECT_EQ(bed.Drops("no-mapping"), 1u);
    Simulator::Destroy();
}

TEST(NatRebind, RebindMovesAMappingToANewPort)
{
    NatTestbed::Options options;
    NatTestbed bed(options);
    std::vector<std::pair<uint16_t, uint16_t>> rebound;
    bed.engine->TraceConnectWithoutContext("MappingRebound",
                                           MakeBoundCallback(
                                               +[](std::vector<std::pair<uint16_t, uint16_t>>* r,
                                                   const NatMappingInfo& before,
                                                   const NatMappingInfo& after) {
                                                   r->emplace_back(before.externalPort,
                                                                   after.externalPort);
                                               },
                                               &rebound));
    NatTestUdp client(bed.inside.Get(0), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10);
    uint16_t moved = 0;
    Simulator::Schedule(Seconds(2), [&]() {
        ASSERT_EQ(server.arrivals.size(), 1u);
        EXPECT_EQ(bed.engine->Rebind(UdpL4Protocol::PROT_NUMBER, 4321), 0)
            << "no mapping on that port";
        moved = bed.engine->Rebind(UdpL4Protocol::PROT_NUMBER, server.arrivals[0].fromPort);
    });
    // The server answers the old port: the NAT no longer maps it.
    server.ReplyAt(Seconds(3), 0, 11);
    // The client notices nothing; its next datagram leaves from the new port.
    client.SendAt(Seconds(4), bed.OutsideAddress(0), 7000, 20);
    server.ReplyAt(Seconds(5), 1, 12);
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    ASSERT_EQ(server.arrivals.size(), 2u);
    uint16_t old = server.arrivals[0].fromPort;
    EXPECT_NE(moved, 0);
    EXPECT_NE(moved, old);
    EXPECT_EQ(server.arrivals[1].fromPort, moved);
    EXPECT_EQ(rebound, (std::vector<std::pair<uint16_t, uint16_t>>{{old, moved}}));
    ASSERT_EQ(client.arrivals.size(), 1u);
    EXPECT_EQ(client.arrivals[0].size, 12u) << "only the answer to the new port arrives";
    EXPECT_EQ(bed.Drops("no-mapping"), 1u);
    EXPECT_EQ(bed.engine->GetStats().mappingsRebound, 1u);
    EXPECT_EQ(bed.engine->GetStats().mappingsCreated, 1u) << "moved, not made again";
    Simulator::Destroy();
}

TEST(NatNesting, NatBehindNatOverPointToPointLinks)
{
    // A (10.0.0.2) -- NAT1 (192.168.1.2 outside) -- NAT2 (203.0.113.1) -- X
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    NodeContainer nodes;
    nodes.Create(4);
    Ptr<Node> host = nodes.Get(0);
    Ptr<Node> nat1 = nodes.Get(1);
    Ptr<Node> nat2 = nodes.Get(2);
    Ptr<Node> server = nodes.Get(3);
    InternetStackHelper stack;
    stack.Install(nodes);
    PointToPointHelper link;
    NetDeviceContainer d1 = link.Install(host, nat1);
    NetDeviceContainer d2 = link.Install(nat1, nat2);
    NetDeviceContainer d3 = link.Install(nat2, server);
    Ipv4AddressHelper address;
    address.SetBase("10.0.0.0", "255.255.255.0");
    Ipv4InterfaceContainer i1 = address.Assign(d1);
    address.SetBase("192.168.1.0", "255.255.255.0");
    Ipv4InterfaceContainer i2 = address.Assign(d2);
    address.SetBase("203.0.113.0", "255.255.255.0");
    Ipv4InterfaceContainer i3 = address.Assign(d3);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(host->GetObject<Ipv4>())->SetDefaultRoute(i1.GetAddress(1), 1);
    routing.GetStaticRouting(nat1->GetObject<Ipv4>())->SetDefaultRoute(i2.GetAddress(1), 2);
    NatHelper helper;
    helper.SetPreset("port-preserving");
    Ptr<NatEngine> inner = helper.Install(nat1, NetDeviceContainer(d1.Get(1)), d2.Get(0));
    Ptr<NatEngine> outer = helper.Install(nat2, NetDeviceContainer(d2.Get(1)), d3.Get(0));
    NatTestUdp client(host, 5000);
    NatTestUdp sink(server, 7000);
    client.SendAt(Seconds(1), i3.GetAddress(1), 7000, 10);
    sink.ReplyAt(Seconds(2), 0, 20);
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    ASSERT_EQ(sink.arrivals.size(), 1u);
    EXPECT_EQ(sink.arrivals[0].from, i3.GetAddress(0)) << "the outer NAT's address";
    ASSERT_EQ(client.arrivals.size(), 1u);
    EXPECT_EQ(client.arrivals[0].from, i3.GetAddress(1));
    EXPECT_EQ(inner->GetStats().translatedOutbound, 1u);
    EXPECT_EQ(outer->GetStats().translatedInbound, 1u);
    EXPECT_EQ(inner->GetMappings().at(0).externalAddress, i2.GetAddress(0));
    Simulator::Destroy();
}

TEST(NatTcp, BulkTransferCrossesTheNatAndItsMappingClosesWithTheConnection)
{
    NatTestbed::Options options;
    NatTestbed bed(options);
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 8080));
    ApplicationContainer sinks = sinkHelper.Install(bed.outside.Get(0));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(bed.OutsideAddress(0), 8080));
    bulk.SetAttribute("MaxBytes", UintegerValue(200000));
    ApplicationContainer sender = bulk.Install(bed.inside.Get(0));
    sender.Start(Seconds(1));
    std::size_t duringTransfer = 0;
    std::size_t afterClose = 0;
    Simulator::Schedule(Seconds(1.5), [&]() { duringTransfer = bed.engine->GetMappingCount(); });
    Simulator::Schedule(Seconds(30), [&]() { afterClose = bed.engine->GetMappingCount(); });
    Simulator::Stop(Seconds(31));
    Simulator::Run();
    EXPECT_EQ(DynamicCast<PacketSink>(sinks.Get(0))->GetTotalRx(), 200000u)
        << "every segment passed the TCP checksum check after translation";
    EXPECT_EQ(duringTransfer, 1u);
    EXPECT_EQ(afterClose, 0u) << "FIN both ways: closing timeout (10 s), not 2 h 4 min";
    Simulator::Destroy();
}

TEST(NatTcp, ResetClosesTheMapping)
{
    NatTestbed::Options options;
    NatTestbed bed(options);
    // Nobody listens on the server's port 9: it answers the SYN with a RST.
    Ptr<Socket> socket = Socket::CreateSocket(bed.inside.Get(0), TcpSocketFactory::GetTypeId());
    socket->SetAttribute("ConnCount", UintegerValue(1));
    Simulator::Schedule(Seconds(1), [&]() {
        socket->Bind();
        socket->Connect(InetSocketAddress(bed.OutsideAddress(0), 9));
    });
    std::size_t afterSyn = 0;
    std::size_t later = 0;
    Simulator::Schedule(Seconds(1.5), [&]() { afterSyn = bed.engine->GetMappingCount(); });
    // ns-3's client retries its SYN once (at 4 s), again answered by a RST.
    Simulator::Schedule(Seconds(25), [&]() { later = bed.engine->GetMappingCount(); });
    Simulator::Stop(Seconds(26));
    Simulator::Run();
    EXPECT_EQ(afterSyn, 1u);
    EXPECT_EQ(later, 0u) << "RST: closing timeout, not the transitory 240 s";
    Simulator::Destroy();
}

TEST(NatIcmp, EchoCrossesTheNatByIdentifier)
{
    NatTestbed::Options options;
    options.insideHosts = 2;
    NatTestbed bed(options);
    NatTestRaw a(bed.inside.Get(0), 1);
    NatTestRaw b(bed.inside.Get(1), 1);
    auto echo = [](uint16_t id, uint16_t seq) {
        std::vector<uint8_t> m{8,
                               0,
                               0,
                               0,
                               uint8_t(id >> 8),
                               uint8_t(id),
                               uint8_t(seq >> 8),
                               uint8_t(seq),
                               1,
                               2,
                               3,
                               4,
                               5,
                               6,
                               7,
                               8};
        uint16_t checksum = ~NatChecksum::Sum(m.data(), m.size(), 0);
        m[2] = checksum >> 8;
        m[3] = checksum & 0xff;
        return m;
    };
    Ipv4Header h;
    h.SetProtocol(1);
    h.SetTtl(64);
    h.SetDestination(bed.OutsideAddress(0));
    h.SetSource(bed.InsideAddress(0));
    a.SendAt(Seconds(1), h, echo(7, 1));
    h.SetSource(bed.InsideAddress(1));
    b.SendAt(Seconds(1.5), h, echo(7, 2)); // same identifier: translated to another
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    auto replies = [](const NatTestRaw& raw) {
        std::vector<uint16_t> seqs;
        for (const auto& arrival : raw.arrivals)
        {
            if (arrival.payload.size() >= 8 && arrival.payload[0] == 0)
            {
                EXPECT_EQ((arrival.payload[4] << 8) | arrival.payload[5], 7)
                    << "identifier restored";
                seqs.push_back((arrival.payload[6] << 8) | arrival.payload[7]);
            }
        }
        return seqs;
    };
    EXPECT_EQ(replies(a), (std::vector<uint16_t>{1}));
    EXPECT_EQ(replies(b), (std::vector<uint16_t>{2}));
    EXPECT_EQ(bed.engine->GetStats().translatedInbound, 2u);
    Simulator::Destroy();
}

TEST(NatIcmp, TheNatAnswersPingsToItsOutsideAddress)
{
    NatTestbed::Options options;
    NatTestbed bed(options);
    NatTestRaw peer(bed.outside.Get(0), 1);
    std::vector<uint8_t> m{8, 0, 0, 0, 0, 9, 0, 1};
    uint16_t checksum = ~NatChecksum::Sum(m.data(), m.size(), 0);
    m[2] = checksum >> 8;
    m[3] = checksum & 0xff;
    Ipv4Header h;
    h.SetProtocol(1);
    h.SetTtl(64);
    h.SetSource(bed.OutsideAddress(0));
    h.SetDestination(bed.NatOutside());
    peer.SendAt(Seconds(1), h, m);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    ASSERT_EQ(peer.arrivals.size(), 1u);
    EXPECT_EQ(peer.arrivals[0].header.GetSource(), bed.NatOutside());
    EXPECT_EQ(peer.arrivals[0].payload[0], 0) << "an echo reply";
    EXPECT_EQ(bed.engine->GetStats().dropped, 0u);
    Simulator::Destroy();
}

class NatAlgTest : public testing::TestWithParam<std::string>
{
};

TEST_P(NatAlgTest, PortCommandIsRewrittenAndTheDataConnectionGetsIn)
{
    NatTestbed::Options options;
    options.preset = GetParam();
    NatTestbed bed(options);
    NatTestTcpServer control(bed.outside.Get(0), 21);
    NatTestTcpServer data(bed.inside.Get(0), 5000);
    Ptr<Socket> client = Socket::CreateSocket(bed.inside.Get(0), TcpSocketFactory::GetTypeId());
    Ptr<Socket> serverData =
        Socket::CreateSocket(bed.outside.Get(0), TcpSocketFactory::GetTypeId());
    Simulator::Schedule(Seconds(1), [&]() {
        client->Bind();
        client->Connect(InetSocketAddress(bed.OutsideAddress(0), 21));
    });
    Simulator::Schedule(Seconds(2), &NatTestSendText, client, std::string("USER test\r\n"));
    Simulator::Schedule(Seconds(3),
                        &NatTestSendText,
                        client,
                        std::string("PORT 10,0,0,2,19,136\r\n"));
    Simulator::Schedule(Seconds(4), &NatTestSendText, client, std::string("RETR file\r\n"));
    // The server connects to what the (rewritten) PORT command said.
    Simulator::Schedule(Seconds(5), [&]() {
        auto start = control.received.find("PORT ");
        ASSERT_NE(start, std::string::npos);
        unsigned a[6] = {};
        ASSERT_EQ(std::sscanf(control.received.c_str() + start + 5,
                              "%u,%u,%u,%u,%u,%u",
                              &a[0],
                              &a[1],
                              &a[2],
                              &a[3],
                              &a[4],
                              &a[5]),
                  6);
        Ipv4Address address((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]);
        serverData->Bind();
        serverData->Connect(InetSocketAddress(address, a[4] * 256 + a[5]));
    });
    Simulator::Schedule(Seconds(6), &NatTestSendText, serverData, std::string("DATA"));
    Simulator::Schedule(Seconds(7), &NatTestSendText, client, std::string("QUIT\r\n"));
    Simulator::Stop(Seconds(9));
    Simulator::Run();
    std::string expected = "USER test\r\nPORT 203,0,113,1,19,136\r\nRETR file\r\nQUIT\r\n";
    if (GetParam() == "symmetric")
    {
        // A random external port: compare all but the port digits.
        auto portStart = control.received.find("203,0,113,1,");
        ASSERT_NE(portStart, std::string::npos);
        auto lineEnd = control.received.find("\r\n", portStart);
        expected.replace(expected.find("19,136"),
                         6,
                         control.received.substr(portStart + 12, lineEnd - portStart - 12));
    }
    EXPECT_EQ(control.received, expected)
        << "the address is the NAT's, and later segments are still in sequence";
    EXPECT_EQ(data.received, "DATA");
    Simulator::Destroy();
}

INSTANTIATE_TEST_SUITE_P(NatAlg,
                         NatAlgTest,
                         testing::Values("port-preserving", "symmetric"),
                         [](const testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
                             return name;
                         });

namespace
{

/// Full Internet checksum of \p bytes (RFC 1071), for comparison.
uint16_t
FullChecksum(const std::vector<uint8_t>& bytes)
{
    return static_cast<uint16_t>(~NatChecksum::Sum(bytes.data(), bytes.size(), 0));
}

/// 0x0000 and 0xffff are the same value in ones' complement.
bool
SameChecksum(uint16_t a, uint16_t b)
{
    return a == b || (a == 0xffff && b == 0) || (a == 0 && b == 0xffff);
}

} // namespace

TEST(NatChecksums, IncrementalUpdatesMatchRecomputation)
{
    Ptr<UniformRandomVariable> random = CreateObject<UniformRandomVariable>();
    random->SetStream(3);
    for (int round = 0; round < 200; ++round)
    {
        std::vector<uint8_t> bytes(40 + 2 * random->GetInteger(0, 30));
        for (auto& b : bytes)
        {
            b = random->GetInteger(0, 255);
        }
        uint16_t checksum = FullChecksum(bytes);
        // An address (two words) and a port change.
        uint32_t oldAddress = (bytes[12] << 24) | (bytes[13] << 16) | (bytes[14] << 8) | bytes[15];
        uint32_t newAddress = random->GetInteger(0, 0xffffffff);
        bytes[12] = newAddress >> 24;
        bytes[13] = newAddress >> 16;
        bytes[14] = newAddress >> 8;
        bytes[15] = newAddress;
        checksum = NatChecksum::Adjust32(checksum, oldAddress, newAddress);
        uint16_t oldPort = (bytes[0] << 8) | bytes[1];
        uint16_t newPort = random->GetInteger(0, 0xffff);
        bytes[0] = newPort >> 8;
        bytes[1] = newPort & 0xff;
        checksum = NatChecksum::Adjust(checksum, oldPort, newPort);
        EXPECT_TRUE(SameChecksum(checksum, FullChecksum(bytes))) << "round " << round;
        // A tail rewritten with a different length, from an odd offset.
        uint32_t offset = 21;
        std::vector<uint8_t> tail(bytes.begin() + offset, bytes.end());
        std::vector<uint8_t> newTail(random->GetInteger(1, 40), 0);
        for (auto& b : newTail)
        {
            b = random->GetInteger(0, 255);
        }
        checksum = NatChecksum::AdjustBytes(checksum,
                                            offset,
                                            tail.data(),
                                            tail.size(),
                                            newTail.data(),
                                            newTail.size());
        bytes.resize(offset);
        bytes.insert(bytes.end(), newTail.begin(), newTail.end());
        EXPECT_TRUE(SameChecksum(checksum, FullChecksum(bytes))) << "round " << round;
    }
}

TEST(NatChecksums, TranslatedDatagramsPassAndBadChecksumsStayBad)
{
    NatTestbed::Options options;
    NatTestbed bed(options);
    NatTestRaw clientRaw(bed.inside.Get(0), 17);
    NatTestUdp server(bed.outside.Get(0), 7000);
    std::vector<uint8_t> payload(100, 0x33);
    auto good =
        NatTestUdpDatagram(bed.InsideAddress(0), 5000, bed.OutsideAddress(0), 7000, payload);
    auto bad = good;
    bad[6] ^= 0x01; // the checksum field
    Ipv4Header h;
    h.SetSource(bed.InsideAddress(0));
    h.SetDestination(bed.OutsideAddress(0));
    h.SetProtocol(17);
    h.SetTtl(64);
    clientRaw.SendAt(Seconds(1), h, good);
    clientRaw.SendAt(Seconds(2), h, bad);
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    EXPECT_EQ(server.arrivals.size(), 1u) << "the corrupted datagram is translated but still fails";
    EXPECT_EQ(bed.engine->GetStats().translatedOutbound, 2u);
    Simulator::Destroy();
}

TEST(NatPresetRegistry, HasTheIssuePresetsAndEveryValueIsAccepted)
{
    for (const char* name : {"port-preserving",
                             "cookie-inspecting",
                             "port-500-special",
                             "fragment-dropping",
                             "spi-passthrough",
                             "esp-dropping",
                             "address-only",
                             "payload-inspecting",
                             "symmetric",
                             "full-cone",
                             "short-timeout"})
    {
        EXPECT_NE(NatPresets::Find(name), nullptr) << name;
    }
    for (const auto& preset : NatPresets::GetAll())
    {
        ObjectFactory factory;
        factory.SetTypeId(NatEngine::GetTypeId());
        for (const auto& attribute : preset.attributes)
        {
            TypeId::AttributeInformation info;
            ASSERT_TRUE(NatEngine::GetTypeId().LookupAttributeByName(attribute.first, &info))
                << preset.name << ": " << attribute.first;
            EXPECT_TRUE(info.checker->CreateValidValue(StringValue(attribute.second)))
                << preset.name << ": " << attribute.first << "=" << attribute.second;
        }
    }
}

TEST(NatPresetRegistry, SetDefaultWinsOverThePresetAndHelperAttributesWinOverBoth)
{
    Config::SetDefault("ns3::NatEngine::UdpMappingTimeout", StringValue("45s"));
    Config::SetDefault("ns3::NatEngine::Filtering", StringValue("AddressDependent"));
    {
        NatTestbed::Options options;
        options.preset = "short-timeout"; // sets 30 s and AddressAndPortDependent
        options.attributes = {{"Filtering", "EndpointIndependent"}};
        NatTestbed bed(options);
        TimeValue timeout;
        bed.engine->GetAttribute("UdpMappingTimeout", timeout);
        EXPECT_EQ(timeout.Get(), Seconds(45)) << "--set beats the preset";
        StringValue filtering; // as a name: EnumValue is a template from ns-3.41 on
        bed.engine->GetAttribute("Filtering", filtering);
        EXPECT_EQ(filtering.Get(), "EndpointIndependent") << "SetAttribute beats --set";
        TimeValue icmp;
        bed.engine->GetAttribute("IcmpMappingTimeout", icmp);
        EXPECT_EQ(icmp.Get(), Seconds(30)) << "the preset beats the built-in default";
        Simulator::Destroy();
    }
    Config::SetDefault("ns3::NatEngine::UdpMappingTimeout", StringValue("300s"));
    Config::SetDefault("ns3::NatEngine::Filtering", StringValue("EndpointIndependent"));
}

TEST(NatLocal, UnmatchedInboundPacketsCanReachTheNatNodeItself)
{
    for (bool local : {true, false})
    {
        NatTestbed::Options options;
        options.attributes = {{"DeliverUnmatchedLocally", local ? "true" : "false"}};
        NatTestbed bed(options);
        NatTestUdp onNat(bed.nat, IKE_UDP_PORT); // e.g. a gateway that is also the NAT
        NatTestUdp peer(bed.outside.Get(0), IKE_UDP_PORT);
        peer.SendAt(Seconds(1), bed.NatOutside(), IKE_UDP_PORT, 10);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        EXPECT_EQ(onNat.arrivals.size(), local ? 1u : 0u);
        EXPECT_EQ(bed.Drops("no-mapping"), local ? 0u : 1u);
        Simulator::Destroy();
    }
}

TEST(NatRouting, GlobalRoutingCanBePopulatedAfterTheNatIsInstalled)
{
    // Scenarios often use global routing; the wrapper must not hide it.
    NatTestbed::Options options;
    NatTestbed bed(options);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    NatTestUdp client(bed.inside.Get(0), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10);
    server.ReplyAt(Seconds(2), 0, 20);
    // Global routing also tells the outside how to reach the inside network;
    // the NAT keeps that realm private.
    server.SendAt(Seconds(2.5), bed.InsideAddress(0), 5000, 30);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    ASSERT_EQ(server.arrivals.size(), 1u);
    EXPECT_EQ(server.arrivals[0].from, bed.NatOutside());
    ASSERT_EQ(client.arrivals.size(), 1u);
    EXPECT_EQ(client.arrivals[0].size, 20u);
    EXPECT_EQ(bed.Drops("inside-address"), 1u);
    Simulator::Destroy();
}

TEST(NatEngineConfig, RuleListsAreCheckedByTheirAttributes)
{
    // ns-3's StringChecker takes any text; these lists have their own
    // checker, so a malformed one is refused where it is set (Config,
    // `natt --set`) instead of aborting the engine's setter later.
    Ptr<NatEngine> engine = CreateObject<NatEngine>();
    EXPECT_TRUE(engine->SetAttributeFailSafe("AllowList", StringValue("udp/500 udp/4500 esp")));
    EXPECT_FALSE(engine->SetAttributeFailSafe("AllowList", StringValue("garbage")));
    EXPECT_FALSE(engine->SetAttributeFailSafe("AllowList", StringValue("udp/70000")));
    StringValue kept;
    engine->GetAttribute("AllowList", kept);
    EXPECT_EQ(kept.Get(), "udp/500 udp/4500 esp");
    EXPECT_TRUE(
        engine->SetAttributeFailSafe("PortForwarding",
                                     StringValue("udp/500=10.0.0.2:500 udp/4500=10.0.0.2")));
    EXPECT_FALSE(engine->SetAttributeFailSafe("PortForwarding", StringValue("udp/500=nowhere")));
    EXPECT_FALSE(engine->SetAttributeFailSafe("PortForwarding", StringValue("udp/500")));
    engine->GetAttribute("PortForwarding", kept);
    EXPECT_EQ(kept.Get(), "udp/500=10.0.0.2:500 udp/4500=10.0.0.2");
    EXPECT_TRUE(Config::SetDefaultFailSafe("ns3::NatEngine::AllowList", StringValue("tcp")));
    EXPECT_FALSE(Config::SetDefaultFailSafe("ns3::NatEngine::AllowList", StringValue("tcp/")));
    Config::SetDefault("ns3::NatEngine::AllowList", StringValue(""));
}
