/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKE on real topologies (IkeHelper): the daemons talk over the nodes'
// UDP ports 500 and 4500 through natt's NAT model, install their child
// SAs in the IPsec stacks, and an unmodified UdpEcho pair is protected by
// them. Road warrior (RFC 3715 3, "telecommuter"):
//
//   host 10.0.0.1 -- nat 10.0.0.2 | 203.0.113.1 -- router 203.0.113.2 |
//   198.51.100.1 -- gateway 198.51.100.2 | 192.168.1.1 -- server 192.168.1.2
//
// with a tunnel-mode child SA 10.0.0.0/24 <-> 192.168.1.0/24.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-ports.h"
#include "ns3/ikev1-handler.h"
#include "ns3/internet-module.h"
#include "ns3/nat-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/udp-encapsulation.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const Ipv4Address kHost("10.0.0.1");
const Ipv4Address kGateway("198.51.100.2");
const Ipv4Address kServer("192.168.1.2");

/// One flavour of IKE, as the tests name it.
struct Flavour
{
    const char* name;
    uint8_t version;
    IkePeerConfig::Ikev1Mode mode;
};

const Flavour kMainMode{"Ikev1MainMode", 1, IkePeerConfig::MAIN_MODE};
const Flavour kAggressiveMode{"Ikev1AggressiveMode", 1, IkePeerConfig::AGGRESSIVE_MODE};
const Flavour kIkev2{"Ikev2", 2, IkePeerConfig::MAIN_MODE};

/// Counts what a daemon's traces report.
struct DaemonLog
{
    uint32_t established{0};
    uint32_t natDetected{0};
    uint32_t children{0};
    std::vector<std::string> failures;

    void Connect(Ptr<IkeDaemon> d)
    {
        d->TraceConnectWithoutContext("Established", MakeCallback(&DaemonLog::OnEstablished, this));
        d->TraceConnectWithoutContext("NatDetected", MakeCallback(&DaemonLog::OnNat, this));
        d->TraceConnectWithoutContext("ChildSa", MakeCallback(&DaemonLog::OnChild, this));
        d->TraceConnectWithoutContext("Failure", MakeCallback(&DaemonLog::OnFailure, this));
    }

    void OnEstablished(Ptr<const IkeSa>)
    {
        ++established;
    }

    void OnNat(Ptr<const IkeSa>)
    {
        ++natDetected;
    }

    void OnChild(Ptr<const IkeSa>, const IkeChildSa&)
    {
        ++children;
    }

    void OnFailure(Ptr<const IkeSa>, const std::string& reason)
    {
        failures.push_back(reason);
    }
};

/// The road-warrior topology above, with IKE installed on host and gateway.
struct RoadWarrior
{
    NodeContainer nodes;                   // host, nat, router, gateway, server
    std::vector<NetDeviceContainer> links; // host-nat, nat-router, router-gateway, gateway-server
    Ptr<NatEngine> nat;
    Ptr<IkeDaemon> hostDaemon;
    Ptr<IkeDaemon> gatewayDaemon;
    DaemonLog hostLog;
    DaemonLog gatewayLog;
    std::vector<Time> echoes; ///< when the client got each echo back

    explicit RoadWarrior(const std::string& preset, bool keepalives = true)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        nodes.Create(5);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        for (uint32_t i = 0; i + 1 < nodes.GetN(); ++i)
        {
            links.push_back(p2p.Install(nodes.Get(i), nodes.Get(i + 1)));
        }
        InternetStackHelper internet;
        internet.Install(nodes);
        const char* networks[] = {"10.0.0.0", "203.0.113.0", "198.51.100.0", "192.168.1.0"};
        for (uint32_t i = 0; i < links.size(); ++i)
        {
            Ipv4AddressHelper addresses(networks[i], "255.255.255.0");
            addresses.Assign(links[i]);
        }
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        NatHelper natHelper;
        natHelper.SetPreset(preset);
        nat = natHelper.Install(nodes.Get(1), NetDeviceContainer(links[0].Get(1)), links[1].Get(0));

        IkeHelper ike;
        ike.SetKeepalives(keepalives);
        // Short retransmissions keep a failing run short.
        ike.SetDaemonAttribute("RetransmitTimeout", TimeValue(Seconds(1)));
        ike.SetDaemonAttribute("RetransmitTries", UintegerValue(2));
        hostDaemon = ike.Install(Host());
        gatewayDaemon = ike.Install(Gateway());
        IkeHelper::AssignStreams(nodes, 100);
        NatHelper::AssignStreams(nodes, 200);
        for (Ptr<Node> n : {Host(), Gateway()})
        {
            Encapsulation(n)->SetAttribute("KeepaliveInterval", TimeValue(Seconds(1)));
            Encapsulation(n)->SetAttribute("HeartbeatInterval", TimeValue(Seconds(1)));
        }
        hostLog.Connect(hostDaemon);
        gatewayLog.Connect(gatewayDaemon);
    }

    ~RoadWarrior()
    {
        Simulator::Destroy();
    }

    Ptr<Node> Host() const
    {
        return nodes.Get(0);
    }

    Ptr<Node> Gateway() const
    {
        return nodes.Get(3);
    }

    Ptr<Node> Server() const
    {
        return nodes.Get(4);
    }

    static Ptr<UdpEncapsulation> Encapsulation(Ptr<Node> node)
    {
        return node->GetObject<IpsecStack>()->GetUdpEncapsulation();
    }

    static IkePeerConfig HostConfig(const Flavour& flavour)
    {
        IkePeerConfig c;
        c.name = "gateway";
        c.version = flavour.version;
        c.ikev1Mode = flavour.mode;
        c.local = {kHost, IKE_UDP_PORT};
        c.remote = {kGateway, IKE_UDP_PORT};
        c.localId = IkeIdentity::Fqdn("host.natt.test");
        c.remoteId = IkeIdentity::Fqdn("gateway.natt.test");
        c.presharedKey = {'s', 'e', 'c', 'r', 'e', 't'};
        IkeChildConfig child;
        child.name = "net";
        child.selector = IpsecSelector::SubnetToSubnet(Ipv4Address("10.0.0.0"),
                                                       Ipv4Mask("/24"),
                                                       Ipv4Address("192.168.1.0"),
                                                       Ipv4Mask("/24"));
        c.children.push_back(child);
        return c;
    }

    static IkePeerConfig GatewayConfig(const Flavour& flavour)
    {
        IkePeerConfig c = HostConfig(flavour);
        c.name = "clients";
        c.local = {kGateway, IKE_UDP_PORT};
        c.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
        std::swap(c.localId, c.remoteId);
        c.children[0].selector = IpsecSelector::SubnetToSubnet(Ipv4Address("192.168.1.0"),
                                                               Ipv4Mask("/24"),
                                                               Ipv4Address("10.0.0.0"),
                                                               Ipv4Mask("/24"));
        return c;
    }

    /// UdpEcho from the host to the server (at \p server): \p packets, one every \p interval from
    /// \p start.
    void Echo(Time start, uint32_t packets, Time interval, const Address& server = kServer)
    {
        UdpEchoServerHelper echoServer(9);
        echoServer.Install(Server()).Start(Seconds(0));
        UdpEchoClientHelper client(server, 9);
        client.SetAttribute("MaxPackets", UintegerValue(packets));
        client.SetAttribute("Interval", TimeValue(interval));
        client.SetAttribute("PacketSize", UintegerValue(200));
        ApplicationContainer apps = client.Install(Host());
        apps.Start(start);
        apps.Get(0)->TraceConnectWithoutContext("Rx",
                                                MakeBoundCallback(
                                                    +[](std::vector<Time>* log, Ptr<const Packet>) {
                                                        log->push_back(Simulator::Now());
                                                    },
                                                    &echoes));
    }

    /// Echoes that came back in [from, to).
    uint32_t EchoesBetween(Time from, Time to) const
    {
        uint32_t n = 0;
        for (Time t : echoes)
        {
            n += (t >= from && t < to) ? 1 : 0;
        }
        return n;
    }

    /// The first IKE SA of \p daemon that is established, or nullptr.
    static Ptr<IkeSa> Established(Ptr<IkeDaemon> daemon)
    {
        for (const auto& sa : daemon->GetSas())
        {
            if (sa->GetState() == IkeSa::ESTABLISHED)
            {
                return sa;
            }
        }
        return nullptr;
    }
};

struct Case
{
    Flavour flavour;
    const char* preset;
};

class IkeSimulation : public testing::TestWithParam<Case>
{
};

} // namespace

TEST_P(IkeSimulation, EstablishesThroughTheNatAndProtectsUdpEcho)
{
    const Case& c = GetParam();
    RoadWarrior net(c.preset);
    net.hostDaemon->AddPeer(RoadWarrior::HostConfig(c.flavour));
    net.gatewayDaemon->AddPeer(RoadWarrior::GatewayConfig(c.flavour));
    IkeHelper::Initiate(net.Host(), "gateway", Seconds(1));
    net.Echo(Seconds(2), 10, MilliSeconds(200));
    Simulator::Stop(Seconds(6));
    Simulator::Run();

    EXPECT_TRUE(net.hostLog.failures.empty()) << net.hostLog.failures.front();
    EXPECT_TRUE(net.gatewayLog.failures.empty()) << net.gatewayLog.failures.front();
    Ptr<IkeSa> host = RoadWarrior::Established(net.hostDaemon);
    Ptr<IkeSa> gateway = RoadWarrior::Established(net.gatewayDaemon);
    ASSERT_TRUE(host) << "the host has an established IKE SA";
    ASSERT_TRUE(gateway) << "the gateway has an established IKE SA";
    // NAT detection (RFC 3947 3, RFC 7296 2.23): each side knows which one is behind it.
    EXPECT_TRUE(host->Has(IkeSa::COND_NAT_HERE));
    EXPECT_FALSE(host->Has(IkeSa::COND_NAT_THERE));
    EXPECT_TRUE(gateway->Has(IkeSa::COND_NAT_THERE));
    EXPECT_FALSE(gateway->Has(IkeSa::COND_NAT_HERE));
    EXPECT_GE(net.hostLog.natDetected, 1u);
    // The ports floated to 4500, and the gateway answers the NAT's mapping of it.
    EXPECT_EQ(host->GetLocal().port, IKE_NAT_T_UDP_PORT);
    EXPECT_EQ(host->GetRemote(), (IkeEndpoint{kGateway, IKE_NAT_T_UDP_PORT}));
    EXPECT_EQ(gateway->GetRemote().address, Ipv4Address("203.0.113.1"));
    EXPECT_NE(gateway->GetRemote().port, IKE_UDP_PORT);
    ASSERT_EQ(host->GetChildSas().size(), 1u);
    EXPECT_EQ(host->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::UDP_ENCAP);

    EXPECT_EQ(net.echoes.size(), 10u) << "every echo came back through the SAs";
    Ptr<IpsecStack> hostStack = net.Host()->GetObject<IpsecStack>();
    Ptr<IpsecStack> gatewayStack = net.Gateway()->GetObject<IpsecStack>();
    // Each request and each reply went as ESP inside UDP 4500 (RFC 3948).
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Host())->GetEspSent(), 10u);
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Gateway())->GetEspReceived(), 10u);
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Gateway())->GetEspSent(), 10u);
    EXPECT_EQ(gatewayStack->GetAcceptedCount(), 10u);
    EXPECT_EQ(hostStack->GetAcceptedCount(), 10u);
    EXPECT_EQ(hostStack->GetDropCount(), 0u);
    EXPECT_EQ(gatewayStack->GetDropCount(), 0u);
    // Behind the NAT the host keeps its mapping open (RFC 3948 2.3), the gateway does not.
    EXPECT_GT(RoadWarrior::Encapsulation(net.Host())->GetKeepalivesSent(), 2u);
    EXPECT_GT(RoadWarrior::Encapsulation(net.Gateway())->GetKeepalivesReceived(), 2u)
        << "the keepalives crossed the NAT on the ESP mapping";
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Gateway())->GetKeepalivesSent(), 0u);
}

namespace
{

/// Rekey the newest child SA of \p daemon's established IKE SA.
void
RekeyChild(Ptr<IkeDaemon> daemon)
{
    Ptr<IkeSa> sa = RoadWarrior::Established(daemon);
    if (!sa || sa->GetChildSas().empty())
    {
        ADD_FAILURE() << "no established IKE SA with a child SA to rekey at "
                      << Simulator::Now().As(Time::S);
        return;
    }
    const IkeChildSa& child = sa->GetChildSas().back();
    daemon->GetHandler(sa->GetVersion())->RekeyChildSa(sa, child.inboundSpi);
}

void
RekeyIke(Ptr<IkeDaemon> daemon)
{
    Ptr<IkeSa> sa = RoadWarrior::Established(daemon);
    if (!sa)
    {
        ADD_FAILURE() << "no established IKE SA to rekey at " << Simulator::Now().As(Time::S);
        return;
    }
    daemon->GetHandler(sa->GetVersion())->RekeyIkeSa(sa);
}

/// The SPIs of the established IKE SA and the inbound SPI of its newest child, now.
struct Snapshot
{
    uint64_t ikeSpi{0};
    uint32_t childSpi{0};
    uint16_t remotePort{0};
};

void
Take(Ptr<IkeDaemon> daemon, Snapshot* snapshot)
{
    Ptr<IkeSa> sa = RoadWarrior::Established(daemon);
    if (sa)
    {
        snapshot->ikeSpi = sa->GetInitiatorSpi();
        snapshot->childSpi = sa->GetChildSas().empty() ? 0 : sa->GetChildSas().back().inboundSpi;
        snapshot->remotePort = sa->GetRemote().port;
    }
}

} // namespace

TEST_P(IkeSimulation, RekeysFromBothSidesWhileTrafficFlows)
{
    const Case& c = GetParam();
    RoadWarrior net(c.preset);
    net.hostDaemon->AddPeer(RoadWarrior::HostConfig(c.flavour));
    net.gatewayDaemon->AddPeer(RoadWarrior::GatewayConfig(c.flavour));
    IkeHelper::Initiate(net.Host(), "gateway", Seconds(1));
    // One echo every 100 ms from 2 s to 12 s.
    net.Echo(Seconds(2), 100, MilliSeconds(100));
    // Child SA rekey by the initiator, then by the responder, then the IKE
    // SA by each; the responder's requests must find the host behind the
    // NAT at its floated port (RFC 3947 4 / RFC 7296 2.23).
    Simulator::Schedule(Seconds(3), &RekeyChild, net.hostDaemon);
    Simulator::Schedule(Seconds(5), &RekeyChild, net.gatewayDaemon);
    Simulator::Schedule(Seconds(7), &RekeyIke, net.hostDaemon);
    Simulator::Schedule(Seconds(9), &RekeyIke, net.gatewayDaemon);
    std::vector<Snapshot> host(6);
    std::vector<Snapshot> gateway(6);
    for (uint32_t k = 0; k < 6; ++k)
    {
        Time at = Seconds(2.5 + 2 * k);
        Simulator::Schedule(at, &Take, net.hostDaemon, &host[k]);
        Simulator::Schedule(at, &Take, net.gatewayDaemon, &gateway[k]);
    }
    uint64_t keepalivesBefore = 0;
    Simulator::Schedule(Seconds(10), [&net, &keepalivesBefore]() {
        keepalivesBefore = RoadWarrior::Encapsulation(net.Host())->GetKeepalivesSent();
    });
    Simulator::Stop(Seconds(13));
    Simulator::Run();

    EXPECT_TRUE(net.hostLog.failures.empty()) << net.hostLog.failures.front();
    EXPECT_TRUE(net.gatewayLog.failures.empty()) << net.gatewayLog.failures.front();
    // Snapshots at 2.5 (first SAs), 4.5 (host's child rekey), 6.5 (gateway's
    // child rekey), 8.5 (host's IKE rekey), 10.5 (gateway's IKE rekey).
    for (uint32_t k = 1; k < 5; ++k)
    {
        bool childStep = k <= 2;
        SCOPED_TRACE(testing::Message() << "after rekey " << k);
        ASSERT_NE(host[k].ikeSpi, 0u);
        EXPECT_EQ(host[k].ikeSpi, gateway[k].ikeSpi) << "both sides on the same IKE SA";
        if (childStep)
        {
            EXPECT_NE(host[k].childSpi, host[k - 1].childSpi) << "a new child SA";
            EXPECT_EQ(host[k].ikeSpi, host[k - 1].ikeSpi) << "on the same IKE SA";
        }
        else
        {
            EXPECT_NE(host[k].ikeSpi, host[k - 1].ikeSpi) << "a new IKE SA";
        }
        EXPECT_EQ(gateway[k].remotePort, gateway[0].remotePort)
            << "the gateway still talks to the NAT's mapping of the host's port 4500";
    }
    // Every echo came back, across every rekey (make before break).
    EXPECT_EQ(net.echoes.size(), 100u);
    for (uint32_t k = 0; k < 4; ++k)
    {
        Time from = Seconds(3.5 + 2 * k);
        EXPECT_EQ(net.EchoesBetween(from, from + Seconds(1)), 10u)
            << "echoes flowed after rekey " << k + 1;
    }
    // Only the newest child SA pair is left in each SAD.
    EXPECT_EQ(net.Host()->GetObject<IpsecStack>()->GetSad()->GetAll().size(), 2u);
    EXPECT_EQ(net.Gateway()->GetObject<IpsecStack>()->GetSad()->GetAll().size(), 2u);
    EXPECT_EQ(net.Host()->GetObject<IpsecStack>()->GetDropCount(), 0u);
    EXPECT_EQ(net.Gateway()->GetObject<IpsecStack>()->GetDropCount(), 0u);
    // The keepalives went on after the IKE SAs they started with were replaced.
    EXPECT_GT(RoadWarrior::Encapsulation(net.Host())->GetKeepalivesSent(), keepalivesBefore + 1);
}

namespace
{

class IkeSimulationFlavour : public testing::TestWithParam<Flavour>
{
};

} // namespace

TEST_P(IkeSimulationFlavour, WrongPresharedKeyFailsWithTheReasonCounted)
{
    RoadWarrior net("port-preserving");
    net.hostDaemon->AddPeer(RoadWarrior::HostConfig(GetParam()));
    IkePeerConfig gateway = RoadWarrior::GatewayConfig(GetParam());
    gateway.presharedKey = {'w', 'r', 'o', 'n', 'g'};
    net.gatewayDaemon->AddPeer(gateway);
    IkeHelper::Initiate(net.Host(), "gateway", Seconds(1));
    Simulator::Stop(Seconds(12));
    Simulator::Run();

    EXPECT_EQ(net.hostLog.established + net.gatewayLog.established, 0u);
    EXPECT_EQ(net.hostLog.children + net.gatewayLog.children, 0u);
    std::vector<std::string> failures = net.hostLog.failures;
    failures.insert(failures.end(), net.gatewayLog.failures.begin(), net.gatewayLog.failures.end());
    ASSERT_FALSE(failures.empty()) << "the run failed with a reason";
    uint64_t authFailures = net.hostDaemon->GetFailureCount("auth-failed") +
                            net.gatewayDaemon->GetFailureCount("auth-failed");
    EXPECT_GE(authFailures, 1u) << "first reason: " << failures.front();
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Host())->GetEspSent(), 0u);
    EXPECT_EQ(net.Host()->GetObject<IpsecStack>()->GetSad()->GetAll().size(), 0u);
    EXPECT_EQ(net.Gateway()->GetObject<IpsecStack>()->GetSad()->GetAll().size(), 0u);
    // Nothing keeps a mapping for an SA that never came up.
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Host())->GetKeepalivesSent(), 0u);
    // Failed SAs leave the daemons' tables; the counters keep the reason.
    EXPECT_TRUE(net.hostDaemon->GetSas().empty());
    EXPECT_TRUE(net.gatewayDaemon->GetSas().empty());
}

INSTANTIATE_TEST_SUITE_P(Flavours,
                         IkeSimulationFlavour,
                         testing::Values(kMainMode, kAggressiveMode, kIkev2),
                         [](const testing::TestParamInfo<Flavour>& info) {
                             return std::string(info.param.name);
                         });

INSTANTIATE_TEST_SUITE_P(Flavours,
                         IkeSimulation,
                         testing::Values(Case{kMainMode, "port-preserving"},
                                         Case{kAggressiveMode, "port-preserving"},
                                         Case{kIkev2, "port-preserving"},
                                         Case{kMainMode, "symmetric"},
                                         Case{kAggressiveMode, "symmetric"},
                                         Case{kIkev2, "symmetric"}),
                         [](const testing::TestParamInfo<Case>& info) {
                             std::string preset = info.param.preset;
                             preset.erase(std::remove(preset.begin(), preset.end(), '-'),
                                          preset.end());
                             return std::string(info.param.flavour.name) + "_" + preset;
                         });

namespace
{

class IkeSimulationAcquire : public testing::TestWithParam<Flavour>
{
};

uint32_t
CountLines(const std::string& path)
{
    std::ifstream in(path);
    uint32_t n = 0;
    for (std::string line; std::getline(in, line);)
    {
        n += (!line.empty() && line[0] != '#') ? 1 : 0;
    }
    return n;
}

} // namespace

TEST_P(IkeSimulationAcquire, TrafficOnATrapPolicyStartsTheNegotiation)
{
    RoadWarrior net("port-preserving");
    IkePeerConfig host = RoadWarrior::HostConfig(GetParam());
    net.hostDaemon->AddPeer(host);
    net.gatewayDaemon->AddPeer(RoadWarrior::GatewayConfig(GetParam()));
    // A trap policy (strongSwan's auto=route): PROTECT with no SA yet, and
    // the remote subnet routed into the tunnel interface. No Initiate call.
    Ptr<IpsecStack> stack = net.Host()->GetObject<IpsecStack>();
    IpsecPolicy trap;
    trap.selector = host.children[0].selector;
    trap.direction = IpsecPolicy::OUTBOUND;
    trap.action = IpsecPolicy::PROTECT;
    trap.mode = IPSEC_MODE_TUNNEL;
    trap.tunnelLocal = kHost;
    trap.tunnelRemote = kGateway;
    stack->GetSpd()->Add(trap);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(net.Host()->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("192.168.1.0"),
                            Ipv4Mask("/24"),
                            stack->GetTunnelInterface(kHost));
    net.Echo(Seconds(1), 10, MilliSeconds(200));
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    EXPECT_EQ(net.hostLog.established, 1u) << "the first packet started one IKE SA";
    EXPECT_TRUE(net.hostLog.failures.empty());
    EXPECT_GE(stack->GetDropCount(IpsecStack::NO_SA_DROP), 1u)
        << "the packet that triggered the negotiation had no SA yet";
    EXPECT_GE(net.echoes.size(), 9u) << "the rest went through the negotiated SA";
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Host())->GetEspSent(), net.echoes.size());
}

INSTANTIATE_TEST_SUITE_P(Flavours,
                         IkeSimulationAcquire,
                         testing::Values(kMainMode, kIkev2),
                         [](const testing::TestParamInfo<Flavour>& info) {
                             return std::string(info.param.name);
                         });

TEST(IkeSimulationWireshark, ProfileHoldsTheKeysOfEveryIkeAndChildSa)
{
    std::string base = std::string(NATT_TEST_OUTPUT_DIR) + "/ike-simulation-profile";
    std::filesystem::remove_all(base);
    for (const Flavour& flavour : {kMainMode, kIkev2})
    {
        RoadWarrior net("port-preserving");
        net.hostDaemon->AddPeer(RoadWarrior::HostConfig(flavour));
        net.gatewayDaemon->AddPeer(RoadWarrior::GatewayConfig(flavour));
        IkeHelper::Initiate(net.Host(), "gateway", Seconds(1));
        Simulator::Schedule(Seconds(2), &RekeyChild, net.hostDaemon);
        Simulator::Schedule(Seconds(3), &RekeyIke, net.hostDaemon);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        std::string folder = base + "/" + flavour.name;
        ASSERT_TRUE(IkeHelper::WriteWiresharkProfile(folder, net.nodes));
        std::ifstream preferences(folder + "/preferences");
        std::string text((std::istreambuf_iterator<char>(preferences)),
                         std::istreambuf_iterator<char>());
        EXPECT_NE(text.find("esp.enable_encryption_decode: TRUE"), std::string::npos);
        // Both IKE SAs (the first and its rekey), as each daemon logged them.
        uint32_t ikeLines = CountLines(folder + (flavour.version == 1 ? "/ikev1_decryption_table"
                                                                      : "/ikev2_decryption_table"));
        EXPECT_EQ(ikeLines, 4u) << "two IKE SAs, logged by both daemons";
        EXPECT_EQ(CountLines(folder + (flavour.version == 1 ? "/ikev2_decryption_table"
                                                            : "/ikev1_decryption_table")),
                  0u);
        // Each SA of the current pair twice: with the private address the
        // host's SAD names (a capture inside the NAT) and with the NAT's
        // public one the gateway's names (a capture outside), and the same
        // for the pair the child rekey replaced, gone from the SADs.
        EXPECT_EQ(CountLines(folder + "/esp_sa"), 8u);
    }
}

TEST(IkeSimulationKeepalives, DisabledByTheHelper)
{
    RoadWarrior net("port-preserving", false);
    net.hostDaemon->AddPeer(RoadWarrior::HostConfig(kIkev2));
    net.gatewayDaemon->AddPeer(RoadWarrior::GatewayConfig(kIkev2));
    IkeHelper::Initiate(net.Host(), "gateway", Seconds(1));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    ASSERT_TRUE(RoadWarrior::Established(net.hostDaemon));
    EXPECT_TRUE(RoadWarrior::Established(net.hostDaemon)->Has(IkeSa::COND_NAT_HERE));
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Host())->GetKeepalivesSent(), 0u);
}

TEST(IkeSimulationKeepalives, StopWhenTheIkeSaIsDeleted)
{
    for (const Flavour& flavour : {kMainMode, kIkev2})
    {
        SCOPED_TRACE(flavour.name);
        RoadWarrior net("port-preserving");
        net.hostDaemon->AddPeer(RoadWarrior::HostConfig(flavour));
        net.gatewayDaemon->AddPeer(RoadWarrior::GatewayConfig(flavour));
        IkeHelper::Initiate(net.Host(), "gateway", Seconds(1));
        uint64_t atDelete = 0;
        Simulator::Schedule(Seconds(4), [&net, &atDelete]() {
            Ptr<IkeSa> sa = RoadWarrior::Established(net.hostDaemon);
            ASSERT_TRUE(sa);
            atDelete = RoadWarrior::Encapsulation(net.Host())->GetKeepalivesSent();
            net.hostDaemon->GetHandler(sa->GetVersion())->Delete(sa);
        });
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        EXPECT_GE(atDelete, 2u) << "keepalives ran while the SA was up";
        EXPECT_EQ(RoadWarrior::Encapsulation(net.Host())->GetKeepalivesSent(), atDelete)
            << "none after the delete";
        EXPECT_FALSE(RoadWarrior::Established(net.hostDaemon));
        // The deleted SAs took their SAD and SPD entries with them, on both ends.
        for (Ptr<Node> node : {net.Host(), net.Gateway()})
        {
            EXPECT_TRUE(node->GetObject<IpsecStack>()->GetSad()->GetAll().empty());
            EXPECT_TRUE(node->GetObject<IpsecStack>()->GetSpd()->GetPolicies().empty());
        }
    }
}

TEST(IkeSimulationKeepalives, StenbergInitiatorSendsHeartbeats)
{
    RoadWarrior net("port-preserving");
    IkePeerConfig host = RoadWarrior::HostConfig(kMainMode);
    host.natTraversal = IkePeerConfig::NATT_STENBERG;
    IkePeerConfig gateway = RoadWarrior::GatewayConfig(kMainMode);
    gateway.natTraversal = IkePeerConfig::NATT_STENBERG;
    net.hostDaemon->AddPeer(host);
    net.gatewayDaemon->AddPeer(gateway);
    IkeHelper::Initiate(net.Host(), "gateway", Seconds(1));
    net.Echo(Seconds(2), 5, MilliSeconds(200));
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    Ptr<IkeSa> sa = RoadWarrior::Established(net.hostDaemon);
    ASSERT_TRUE(sa);
    EXPECT_TRUE(sa->Has(IkeSa::COND_STENBERG));
    EXPECT_EQ(net.echoes.size(), 5u) << "the echoes crossed in draft-stenberg envelopes";
    // draft-stenberg 3.3: the initiator pings, the responder answers; no RFC 3948 keepalives.
    EXPECT_GT(RoadWarrior::Encapsulation(net.Host())->GetHeartbeatsSent(), 2u);
    EXPECT_GT(RoadWarrior::Encapsulation(net.Gateway())->GetHeartbeatRepliesSent(), 2u);
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Gateway())->GetHeartbeatsSent(), 0u);
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Host())->GetKeepalivesSent(), 0u);
}

TEST_P(IkeSimulationFlavour, LifetimesDriveTheRekeysWhileTrafficFlows)
{
    // The lifetimes of the configuration, not calls from the test, start
    // the rekeys: the child SA at 3 s after it came up, the IKE SA at 5 s.
    RoadWarrior net("symmetric");
    IkePeerConfig host = RoadWarrior::HostConfig(GetParam());
    host.children[0].lifetime = Seconds(5);
    host.children[0].rekeyMargin = Seconds(2);
    host.ikeLifetime = Seconds(7);
    host.ikeRekeyMargin = Seconds(2);
    IkePeerConfig gateway = RoadWarrior::GatewayConfig(GetParam());
    gateway.children[0].lifetime = Seconds(5);
    gateway.children[0].rekeyMargin = Seconds(2);
    gateway.ikeLifetime = Seconds(7);
    gateway.ikeRekeyMargin = Seconds(2);
    net.hostDaemon->AddPeer(host);
    net.gatewayDaemon->AddPeer(gateway);
    IkeHelper::Initiate(net.Host(), "gateway", Seconds(1));
    net.Echo(Seconds(2), 60, MilliSeconds(100));
    Snapshot first;
    Snapshot last;
    Simulator::Schedule(Seconds(2), &Take, net.hostDaemon, &first);
    Simulator::Schedule(Seconds(8.9), &Take, net.hostDaemon, &last);
    Simulator::Stop(Seconds(9));
    Simulator::Run();

    EXPECT_TRUE(net.hostLog.failures.empty()) << net.hostLog.failures.front();
    EXPECT_TRUE(net.gatewayLog.failures.empty()) << net.gatewayLog.failures.front();
    ASSERT_NE(first.ikeSpi, 0u);
    ASSERT_NE(last.ikeSpi, 0u) << "an established IKE SA at the end";
    EXPECT_NE(last.ikeSpi, first.ikeSpi) << "the IKE SA was rekeyed";
    EXPECT_NE(last.childSpi, first.childSpi) << "the child SA was rekeyed";
    EXPECT_GE(net.hostLog.children, 2u);
    EXPECT_EQ(net.echoes.size(), 60u) << "no echo lost to a rekey";
    EXPECT_EQ(net.Host()->GetObject<IpsecStack>()->GetDropCount(), 0u);
    EXPECT_EQ(net.Gateway()->GetObject<IpsecStack>()->GetDropCount(), 0u);
}

namespace
{

// RFC 4891 B.2: the road warrior with IPv6 sites, the host's own
// fd00:a::/64 (on its NAT-side link, which the IPv4-only NAT does not
// route) and the server's fd00:b::/64 behind the gateway. IKEv2 runs
// over IPv4 and negotiates a tunnel whose inside is IPv6; IkeHelper routes
// the remote prefix into each node's IPv6 tunnel interface. (Unique local
// prefixes: ns-3 does not forward the documentation prefix 2001:db8::/32.)
const Ipv6Address kSiteA("fd00:a::");
const Ipv6Address kSiteB("fd00:b::");

/// \return the server's IPv6 address
Ipv6Address
AddIpv6Sites(RoadWarrior& net)
{
    for (uint32_t i = 0; i < net.nodes.GetN(); ++i)
    {
        net.nodes.Get(i)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
    }
    Ipv6AddressHelper(kSiteA, Ipv6Prefix(64))
        .Assign(NetDeviceContainer(net.links[0].Get(0)));
    Ipv6InterfaceContainer site =
        Ipv6AddressHelper(kSiteB, Ipv6Prefix(64)).Assign(net.links[3]);
    site.SetForwarding(0, true);
    site.SetDefaultRouteInAllNodes(0);
    return site.GetAddress(1, 1);
}

IkePeerConfig
Ipv6SitesConfig(bool host, IkePeerConfig::NatTraversal natTraversal)
{
    IkePeerConfig c = host ? RoadWarrior::HostConfig(kIkev2) : RoadWarrior::GatewayConfig(kIkev2);
    c.natTraversal = natTraversal;
    Ipv6Address local = host ? kSiteA : kSiteB;
    Ipv6Address remote = host ? kSiteB : kSiteA;
    c.children[0].selector =
        IpsecSelector::SubnetToSubnet(local, Ipv6Prefix(64), remote, Ipv6Prefix(64));
    return c;
}

/// Ten echoes from the host to the server's IPv6 address, IKEv2 with \p natTraversal.
void
RunIpv6Sites(RoadWarrior& net, IkePeerConfig::NatTraversal natTraversal)
{
    Ipv6Address server = AddIpv6Sites(net);
    net.hostDaemon->AddPeer(Ipv6SitesConfig(true, natTraversal));
    net.gatewayDaemon->AddPeer(Ipv6SitesConfig(false, natTraversal));
    IkeHelper::Initiate(net.Host(), "gateway", Seconds(1));
    net.Echo(Seconds(2), 10, MilliSeconds(200), server);
    Simulator::Stop(Seconds(6));
    Simulator::Run();
}

} // namespace

TEST(IkeSimulationIpv6Sites, NatTraversalCarriesIpv6InsideEspInUdpThroughTheNat)
{
    RoadWarrior net("port-preserving");
    RunIpv6Sites(net, IkePeerConfig::NATT_RFC);

    EXPECT_TRUE(net.hostLog.failures.empty()) << net.hostLog.failures.front();
    Ptr<IkeSa> host = RoadWarrior::Established(net.hostDaemon);
    ASSERT_TRUE(host);
    EXPECT_TRUE(host->Has(IkeSa::COND_NAT_HERE));
    ASSERT_EQ(host->GetChildSas().size(), 1u);
    EXPECT_TRUE(host->GetChildSas()[0].selector.IsIpv6());
    EXPECT_EQ(host->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::UDP_ENCAP);

    EXPECT_EQ(net.echoes.size(), 10u) << "every IPv6 echo came back through the SAs";
    // Each request and each reply went as ESP inside UDP 4500 over IPv4.
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Host())->GetEspSent(), 10u);
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Gateway())->GetEspReceived(), 10u);
    EXPECT_EQ(RoadWarrior::Encapsulation(net.Gateway())->GetEspSent(), 10u);
    Ptr<IpsecStack> hostStack = net.Host()->GetObject<IpsecStack>();
    Ptr<IpsecStack> gatewayStack = net.Gateway()->GetObject<IpsecStack>();
    EXPECT_EQ(gatewayStack->GetAcceptedCount(), 10u);
    EXPECT_EQ(hostStack->GetAcceptedCount(), 10u);
    EXPECT_EQ(hostStack->GetDropCount(), 0u);
    EXPECT_EQ(gatewayStack->GetDropCount(), 0u);
    EXPECT_EQ(net.nat->GetDropCount(NatEngine::PROTOCOL_NOT_SUPPORTED_DROP), 0u);
}

TEST(IkeSimulationIpv6Sites, WithoutNatTraversalTheNatDropsTheEsp)
{
    RoadWarrior net("port-preserving");
    RunIpv6Sites(net, IkePeerConfig::NATT_NONE);

    // IKE passes the NAPT on UDP 500 and installs the child, but its ESP
    // has no ports to map (RFC 4891 B.2).
    Ptr<IkeSa> host = RoadWarrior::Established(net.hostDaemon);
    ASSERT_TRUE(host);
    ASSERT_EQ(host->GetChildSas().size(), 1u);
    EXPECT_EQ(host->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::NONE);
    EXPECT_GT(net.Host()->GetObject<IpsecStack>()->GetProtectedCount(), 0u)
        << "the requests went into the tunnel";
    EXPECT_TRUE(net.echoes.empty());
    EXPECT_EQ(net.Gateway()->GetObject<IpsecStack>()->GetAcceptedCount(), 0u);
    EXPECT_GT(net.nat->GetDropCount(NatEngine::PROTOCOL_NOT_SUPPORTED_DROP), 0u);
}
