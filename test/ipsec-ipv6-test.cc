/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IPsec over IPv6 (RFC 4301 with RFC 4303 / 4302 on IPv6) and IPv6 inside
// IPv4 tunnels (RFC 4891 A.2, B.2): unmodified UdpEcho and BulkSend
// through ESP and AH in transport and tunnel mode, with checksums on; AH's
// ICV over IPv6's immutable fields (RFC 4302 3.3.3.1.2); the inner-source
// check of a mixed-family tunnel; the esp_sa lines of IPv6 SAs and tshark
// decrypting an IPv6 capture with them.
//
// Output (test/output/ in the build tree): ipsec6-<case>.pcap, the key
// folder ipsec6-<case>-keys/ and tshark's dissection ipsec6-<case>.txt.
// Duplicate address detection is off so applications start on usable
// addresses. The simulated sites use ULA prefixes (fd00::/8): ns-3's
// Ipv6L3Protocol refuses to forward 2001:db8::/32 (RFC 3849).

#include "ipsec-test-topology.h"
#include "ipsec-tshark-util.h"
#include "shell-test-util.h"

#include "ns3/error-model.h"
#include "ns3/hmac.h"
#include "ns3/wireshark-esp-sa.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace ns3;
using namespace natt_test;

namespace
{

const std::string kOutputDir = NATT_TEST_OUTPUT_DIR;

/// Offsets in a frame as a PointToPointNetDevice receives it (PPP, then IPv6).
constexpr uint32_t kPpp = 2;
constexpr uint32_t kFlowLabelByte = kPpp + 3;
constexpr uint32_t kHopLimit = kPpp + 7;
constexpr uint32_t kSourceLastByte = kPpp + 23;
constexpr uint32_t kDestinationLastByte = kPpp + 39;

/**
 * A receive "error model" that corrupts nothing but rewrites one byte of
 * every IPv6 frame of a protocol, as a middlebox rewriting a header field
 * would.
 */
class RewriteByte : public ErrorModel
{
  public:
    RewriteByte(uint32_t offset, uint8_t mask, uint8_t nextHeader)
        : m_offset(offset),
          m_mask(mask),
          m_nextHeader(nextHeader)
    {
    }

    uint32_t rewritten{0};

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        if (bytes.size() <= std::max(m_offset, kPpp + 6) || bytes[kPpp + 6] != m_nextHeader)
        {
            return false;
        }
        bytes[m_offset] ^= m_mask;
        p->RemoveAtEnd(p->GetSize());
        p->AddAtEnd(Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size())));
        ++rewritten;
        return false;
    }

    void DoReset() override
    {
    }

    uint32_t m_offset;
    uint8_t m_mask;
    uint8_t m_nextHeader;
};

void
InstallStackWithoutDad(NodeContainer nodes)
{
    InternetStackHelper().Install(nodes);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        (*it)->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
    }
}

/// a (on fd00:1::/64) -- r -- b (on fd00:2::/64), r forwarding; hop limits change at r.
struct RoutedIpv6Hosts
{
    NodeContainer nodes;
    NetDeviceContainer links[2];
    Ipv6InterfaceContainer interfaces[2];

    RoutedIpv6Hosts()
    {
        EnableChecksums();
        nodes.Create(3);
        InstallStackWithoutDad(nodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        links[0] = p2p.Install(nodes.Get(0), nodes.Get(1));
        links[1] = p2p.Install(nodes.Get(1), nodes.Get(2));
        Ipv6AddressHelper first(Ipv6Address("fd00:1::"), Ipv6Prefix(64));
        interfaces[0] = first.Assign(links[0]);
        Ipv6AddressHelper second(Ipv6Address("fd00:2::"), Ipv6Prefix(64));
        interfaces[1] = second.Assign(links[1]);
        interfaces[0].SetForwarding(1, true);
        interfaces[1].SetForwarding(0, true);
        interfaces[0].SetDefaultRouteInAllNodes(1);
        interfaces[1].SetDefaultRouteInAllNodes(0);
    }

    Ptr<Node> A() const
    {
        return nodes.Get(0);
    }

    Ptr<Node> B() const
    {
        return nodes.Get(2);
    }

    Ipv6Address AddressA() const
    {
        return interfaces[0].GetAddress(0, 1);
    }

    Ipv6Address AddressB() const
    {
        return interfaces[1].GetAddress(1, 1);
    }
};

/**
 * hA -- gwA == gwB -- hB: IPv6 sites fd00:a::/64 and fd00:b::/64
 * behind two gateways whose link carries IPv4 (192.0.2.0/24) and IPv6
 * (fd00:ff::/64), so the tunnel's outer family can be either.
 */
struct Ipv6Sites
{
    NodeContainer nodes;
    NetDeviceContainer links[3];
    Ipv6InterfaceContainer sites[2];
    Ipv6InterfaceContainer core6;
    Ipv4InterfaceContainer core4;

    Ipv6Sites()
    {
        EnableChecksums();
        nodes.Create(4);
        InstallStackWithoutDad(nodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        links[0] = p2p.Install(nodes.Get(0), nodes.Get(1));
        links[1] = p2p.Install(nodes.Get(1), nodes.Get(2));
        links[2] = p2p.Install(nodes.Get(2), nodes.Get(3));
        Ipv6AddressHelper a(Ipv6Address("fd00:a::"), Ipv6Prefix(64));
        sites[0] = a.Assign(links[0]);
        Ipv6AddressHelper b(Ipv6Address("fd00:b::"), Ipv6Prefix(64));
        sites[1] = b.Assign(links[2]);
        Ipv6AddressHelper core(Ipv6Address("fd00:ff::"), Ipv6Prefix(64));
        core6 = core.Assign(links[1]);
        core4 = Ipv4AddressHelper("192.0.2.0", "255.255.255.0").Assign(links[1]);
        sites[0].SetForwarding(1, true);
        sites[1].SetForwarding(0, true);
        core6.SetForwarding(0, true);
        core6.SetForwarding(1, true);
        sites[0].SetDefaultRouteInAllNodes(1);
        sites[1].SetDefaultRouteInAllNodes(0);
    }

    Ptr<Node> HostA() const
    {
        return nodes.Get(0);
    }

    Ptr<Node> GwA() const
    {
        return nodes.Get(1);
    }

    Ptr<Node> GwB() const
    {
        return nodes.Get(2);
    }

    Ptr<Node> HostB() const
    {
        return nodes.Get(3);
    }

    Ipv6Address HostAAddress() const
    {
        return sites[0].GetAddress(0, 1);
    }

    Ipv6Address HostBAddress() const
    {
        return sites[1].GetAddress(1, 1);
    }

    /// The tunnel between the sites, IPv4 or IPv6 outside.
    IpsecHelper::Pair AddTunnel(IpsecHelper& ipsec, bool outerIpv6, IpsecHelper::Options options)
    {
        Ipv6Address netA("fd00:a::");
        Ipv6Address netB("fd00:b::");
        if (outerIpv6)
        {
            return ipsec.AddTunnelPair(GwA(),
                                       core6.GetAddress(0, 1),
                                       sites[0].GetAddress(1, 1),
                                       netA,
                                       Ipv6Prefix(64),
                                       GwB(),
                                       core6.GetAddress(1, 1),
                                       sites[1].GetAddress(0, 1),
                                       netB,
                                       Ipv6Prefix(64),
                                       options);
        }
        return ipsec.AddTunnelPair(GwA(),
                                   core4.GetAddress(0),
                                   sites[0].GetAddress(1, 1),
                                   netA,
                                   Ipv6Prefix(64),
                                   GwB(),
                                   core4.GetAddress(1),
                                   sites[1].GetAddress(0, 1),
                                   netB,
                                   Ipv6Prefix(64),
                                   options);
    }
};

IpsecHelper::Options
AhOptions()
{
    IpsecHelper::Options options;
    options.protocol = IPSEC_PROTOCOL_AH;
    options.transform = IpsecHelper::MakeTransform(IpsecTransform::ENCR_NULL,
                                                   IpsecTransform::INTEG_HMAC_SHA2_256_128);
    return options;
}

IpsecHelper::Options
GcmOptions()
{
    return EspOptions({"AesGcm16", IpsecTransform::ENCR_AES_GCM_16, IpsecTransform::INTEG_NONE});
}

class Ipsec6Transport : public testing::TestWithParam<NamedTransform>
{
};

} // namespace

TEST_P(Ipsec6Transport, EspCarriesUdpEchoAndTcpOverIpv6)
{
    RoutedIpv6Hosts net;
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    ipsec.AddTransportPair(net.A(),
                           net.AddressA(),
                           net.B(),
                           net.AddressB(),
                           EspOptions(GetParam()));
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.AddressB(), 5, &received);
    Ptr<PacketSink> sink = SetupBulk(net.A(), net.B(), net.AddressB(), 20000);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 5u);
    EXPECT_EQ(sink->GetTotalRx(), 20000u);
    EXPECT_GT(Stack(net.A())->GetProtectedCount(), 20u);
    EXPECT_GT(Stack(net.B())->GetAcceptedCount(), 20u);
    EXPECT_EQ(Stack(net.B())->GetDropCount(), 0u);
    Simulator::Destroy();
}

INSTANTIATE_TEST_SUITE_P(EveryTransform,
                         Ipsec6Transport,
                         testing::ValuesIn(AllTransforms()),
                         [](const testing::TestParamInfo<NamedTransform>& info) {
                             return std::string(info.param.name);
                         });

TEST(Ipsec6, PlaintextIsDroppedWhereTheSpdSaysProtect)
{
    RoutedIpv6Hosts net;
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    ipsec.AddTransportPair(net.A(), net.AddressA(), net.B(), net.AddressB(), GcmOptions());
    // A forgets its SPD: it now sends in the clear, which B must refuse.
    Stack(net.A())->GetSpd()->Clear();
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.AddressB(), 3, &received);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(received, 0u);
    EXPECT_EQ(Stack(net.B())->GetDropCount(IpsecStack::POLICY_MISMATCH_DROP), 3u);
    Simulator::Destroy();
}

TEST(Ipsec6, AhTransportHoldsWhileHopLimitAndFlowLabelChange)
{
    // RFC 4302 3.3.3.1.2: hop limit, traffic class and flow label are
    // mutable; r decrements the hop limit and a rewriter changes the flow
    // label, and the ICV still verifies.
    RoutedIpv6Hosts net;
    Ptr<RewriteByte> flowLabel = Create<RewriteByte>(kFlowLabelByte, 0x5a, IPSEC_PROTOCOL_AH);
    net.links[1].Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(flowLabel));
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    ipsec.AddTransportPair(net.A(), net.AddressA(), net.B(), net.AddressB(), AhOptions());
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.AddressB(), 5, &received);
    Ptr<PacketSink> sink = SetupBulk(net.A(), net.B(), net.AddressB(), 20000);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 5u);
    EXPECT_EQ(sink->GetTotalRx(), 20000u);
    EXPECT_GT(flowLabel->rewritten, 20u);
    EXPECT_EQ(Stack(net.B())->GetDropCount(IpsecStack::ICV_FAILURE_DROP), 0u);
    Simulator::Destroy();
}

TEST(Ipsec6, AhIcvBreaksWhenAnImmutableFieldIsRewritten)
{
    for (uint32_t offset : {kSourceLastByte, kDestinationLastByte})
    {
        RoutedIpv6Hosts net;
        Ptr<RewriteByte> rewrite = Create<RewriteByte>(offset, 0x01, IPSEC_PROTOCOL_AH);
        net.links[1].Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(rewrite));
        IpsecHelper ipsec;
        ipsec.AssignStreams(7);
        ipsec.AddTransportPair(net.A(), net.AddressA(), net.B(), net.AddressB(), AhOptions());
        uint32_t received = 0;
        SetupEcho(net.A(), net.B(), net.AddressB(), 5, &received);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        EXPECT_EQ(received, 0u) << "offset " << offset;
        if (offset == kSourceLastByte)
        {
            // A rewritten destination is not B's and never reaches AH.
            EXPECT_EQ(Stack(net.B())->GetDropCount(IpsecStack::ICV_FAILURE_DROP, IPSEC_PROTOCOL_AH),
                      5u);
        }
        Simulator::Destroy();
    }
}

TEST(Ipsec6, HopLimitAloneDoesNotCountAsRewrite)
{
    // The same rewriter on the hop limit: the ICV holds.
    RoutedIpv6Hosts net;
    Ptr<RewriteByte> hop = Create<RewriteByte>(kHopLimit, 0x07, IPSEC_PROTOCOL_AH);
    net.links[1].Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(hop));
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    ipsec.AddTransportPair(net.A(), net.AddressA(), net.B(), net.AddressB(), AhOptions());
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.AddressB(), 5, &received);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(received, 5u);
    EXPECT_EQ(hop->rewritten, 5u);
    Simulator::Destroy();
}

TEST(Ipsec6, AhOverIpv6IcvCoversTheImmutableHeaderFieldsKnownAnswer)
{
    // RFC 4302 3.3.3.1.2 and 2.2: the ICV is recomputed here from the bytes
    // on the wire, independently of the stack: the IPv6 header with traffic
    // class, flow label and hop limit zeroed, AH with its ICV field zeroed,
    // then the payload; over IPv6 the header is a multiple of 64 bits, so
    // HMAC-SHA-256-128's 16 bytes are followed by 4 bytes of padding.
    RoutedIpv6Hosts net;
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    IpsecHelper::Pair pair =
        ipsec.AddTransportPair(net.A(), net.AddressA(), net.B(), net.AddressB(), AhOptions());
    std::vector<std::vector<uint8_t>> frames;
    net.links[0].Get(0)->TraceConnectWithoutContext(
        "PhyTxBegin",
        MakeBoundCallback(
            +[](std::vector<std::vector<uint8_t>>* out, Ptr<const Packet> p) {
                std::vector<uint8_t> bytes(p->GetSize());
                p->CopyData(bytes.data(), bytes.size());
                if (bytes.size() > kPpp + 40 + 32 && bytes[kPpp + 6] == IPSEC_PROTOCOL_AH)
                {
                    out->push_back(bytes);
                }
            },
            &frames));
    uint32_t received = 0;
    SetupEcho(net.A(), net.B(), net.AddressB(), 2, &received);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(received, 2u);
    ASSERT_EQ(frames.size(), 2u);
    for (const auto& frame : frames)
    {
        std::vector<uint8_t> ip(frame.begin() + kPpp, frame.end());
        EXPECT_EQ(ip[40], 17) << "AH's next header: UDP";
        EXPECT_EQ((ip[41] + 2u) * 4u, 32u) << "12 fixed + 16 ICV + 4 padding";
        EXPECT_EQ(ip[7], 64) << "hop limit as sent";
        std::vector<uint8_t> icv(ip.begin() + 52, ip.begin() + 68);
        std::vector<uint8_t> padding(ip.begin() + 68, ip.begin() + 72);
        EXPECT_EQ(padding, std::vector<uint8_t>(4, 0));
        std::vector<uint8_t> input = ip;
        input[1] = input[2] = input[3] = 0; // traffic class and flow label
        input[0] &= 0xf0;
        input[7] = 0; // hop limit
        std::fill(input.begin() + 52, input.begin() + 72, 0);
        std::vector<uint8_t> expected =
            Hmac::Truncate(Hmac::Compute(HashAlgorithm::Sha256,
                                         pair.outboundA->GetParameters().transform.integrityKey,
                                         input),
                           16);
        EXPECT_EQ(icv, expected);
    }
    Simulator::Destroy();
}

TEST(Ipsec6, TunnelModeOverIpv6CarriesBothApplications)
{
    for (bool ah : {false, true})
    {
        Ipv6Sites net;
        IpsecHelper ipsec;
        ipsec.AssignStreams(7);
        net.AddTunnel(ipsec, true, ah ? AhOptions() : GcmOptions());
        uint32_t received = 0;
        SetupEcho(net.HostA(), net.HostB(), net.HostBAddress(), 5, &received);
        Ptr<PacketSink> sink = SetupBulk(net.HostA(), net.HostB(), net.HostBAddress(), 20000);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        EXPECT_EQ(received, 5u) << (ah ? "AH" : "ESP");
        EXPECT_EQ(sink->GetTotalRx(), 20000u) << (ah ? "AH" : "ESP");
        EXPECT_GT(Stack(net.GwB())->GetAcceptedCount(), 20u);
        EXPECT_EQ(Stack(net.GwB())->GetDropCount(IpsecStack::SPOOFED_SOURCE_DROP), 0u);
        Simulator::Destroy();
    }
}

TEST(Ipsec6, Ipv6InsideEspOverIpv4AndEspInUdp)
{
    // RFC 4891 A.2 (ESP over IPv4, next header 41) and B.2 (the same inside
    // UDP encapsulation).
    for (auto encapsulation : {IpsecEncapsulation::NONE, IpsecEncapsulation::UDP_ENCAP})
    {
        Ipv6Sites net;
        IpsecHelper ipsec;
        ipsec.AssignStreams(7);
        IpsecHelper::Options options = GcmOptions();
        options.encapsulation = encapsulation;
        IpsecHelper::Pair pair = net.AddTunnel(ipsec, false, options);
        EXPECT_EQ(pair.outboundA->GetParameters().family, IPSEC_FAMILY_IPV4);
        EXPECT_TRUE(pair.outboundA->GetParameters().selector.IsIpv6());
        uint32_t received = 0;
        SetupEcho(net.HostA(), net.HostB(), net.HostBAddress(), 5, &received);
        Ptr<PacketSink> sink = SetupBulk(net.HostA(), net.HostB(), net.HostBAddress(), 20000);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        EXPECT_EQ(received, 5u) << +encapsulation;
        EXPECT_EQ(sink->GetTotalRx(), 20000u) << +encapsulation;
        EXPECT_GT(Stack(net.GwB())->GetAcceptedCount(), 20u);
        uint64_t inUdp = Stack(net.GwA())->GetUdpEncapsulation()->GetEspSent();
        if (encapsulation == IpsecEncapsulation::NONE)
        {
            EXPECT_EQ(inUdp, 0u);
        }
        else
        {
            EXPECT_GT(inUdp, 20u);
        }
        Simulator::Destroy();
    }
}

TEST(Ipsec6, MixedFamilyTunnelDropsAnInnerSourceOutsideTheSelectors)
{
    // gwA protects everything it routes into the tunnel (::/0 outbound)
    // but gwB gave it only fd00:a::/64: an inner source from elsewhere
    // is spoofed (RFC 3715 5, RFC 4891 2.2).
    Ipv6Sites net;
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    IpsecHelper::End a;
    a.node = net.GwA();
    a.address = net.core4.GetAddress(0);
    a.peerAddress = net.core4.GetAddress(1);
    a.insideAddress6 = net.sites[0].GetAddress(1, 1);
    a.selector = IpsecSelector::SubnetToSubnet(Ipv6Address::GetAny(),
                                               Ipv6Prefix::GetZero(),
                                               Ipv6Address("fd00:b::"),
                                               Ipv6Prefix(64));
    IpsecHelper::End b = a;
    b.node = net.GwB();
    b.address = a.peerAddress;
    b.peerAddress = a.address;
    b.insideAddress6 = net.sites[1].GetAddress(0, 1);
    b.selector = IpsecSelector::SubnetToSubnet(Ipv6Address("fd00:b::"),
                                               Ipv6Prefix(64),
                                               Ipv6Address("fd00:a::"),
                                               Ipv6Prefix(64));
    ipsec.AddPair(a, b, IPSEC_MODE_TUNNEL, GcmOptions());
    // Host A also holds an address outside its site's prefix and sends from it.
    Ptr<Ipv6> ipv6 = net.HostA()->GetObject<Ipv6>();
    ipv6->AddAddress(1, Ipv6InterfaceAddress(Ipv6Address("fd00:99::1"), Ipv6Prefix(64)));
    Ptr<Socket> socket = Socket::CreateSocket(net.HostA(), UdpSocketFactory::GetTypeId());
    socket->Bind(Inet6SocketAddress(Ipv6Address("fd00:99::1"), 0));
    Simulator::Schedule(Seconds(1), [socket, &net]() {
        socket->SendTo(Create<Packet>(100), 0, Inet6SocketAddress(net.HostBAddress(), 9));
    });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(Stack(net.GwA())->GetProtectedCount(), 1u);
    EXPECT_EQ(Stack(net.GwB())->GetDropCount(IpsecStack::SPOOFED_SOURCE_DROP, IPSEC_PROTOCOL_ESP),
              1u);
    Simulator::Destroy();
}

TEST(Ipsec6, EspSaLinesNameIpv6AndTheOuterAddresses)
{
    SecurityAssociation::Parameters p;
    p.spi = 0x1234;
    p.direction = SecurityAssociation::OUTBOUND;
    p.family = IPSEC_FAMILY_IPV6;
    p.localAddress6 = Ipv6Address("2001:db8:ff::1");
    p.remoteAddress6 = Ipv6Address("2001:db8:ff::2");
    p.transform = IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_CBC,
                                             IpsecTransform::INTEG_HMAC_SHA1_96);
    p.transform.encryptionKey = std::vector<uint8_t>(16, 0x11);
    p.transform.integrityKey = std::vector<uint8_t>(20, 0x22);
    EXPECT_EQ(FormatWiresharkEspSa(SecurityAssociation(p)),
              "\"IPv6\",\"2001:db8:ff::1\",\"2001:db8:ff::2\",\"0x00001234\",\"AES-CBC "
              "[RFC3602]\",\"0x11111111111111111111111111111111\",\"HMAC-SHA-1-96 "
              "[RFC2404]\",\"0x2222222222222222222222222222222222222222\"");
    p.direction = SecurityAssociation::INBOUND;
    std::string inbound = FormatWiresharkEspSa(SecurityAssociation(p));
    EXPECT_EQ(inbound.rfind("\"IPv6\",\"2001:db8:ff::2\",\"2001:db8:ff::1\",", 0), 0u) << inbound;
    // IPv6 inside an IPv4 tunnel: the row is the outer family's.
    p.family = IPSEC_FAMILY_IPV4;
    p.localAddress = Ipv4Address("192.0.2.1");
    p.remoteAddress = Ipv4Address("192.0.2.2");
    p.selector = IpsecSelector::Any(IPSEC_FAMILY_IPV6);
    std::string mixed = FormatWiresharkEspSa(SecurityAssociation(p));
    EXPECT_EQ(mixed.rfind("\"IPv4\",\"192.0.2.2\",\"192.0.2.1\",", 0), 0u) << mixed;
}

TEST(Ipsec6Tshark, EspOverIpv6AndIpv6InEspOverIpv4Decrypt)
{
    std::filesystem::create_directories(kOutputDir);
    for (bool outerIpv6 : {true, false})
    {
        Ipv6Sites net;
        IpsecHelper ipsec;
        ipsec.AssignStreams(7);
        net.AddTunnel(ipsec,
                      outerIpv6,
                      EspOptions({"AesCbcSha256",
                                  IpsecTransform::ENCR_AES_CBC,
                                  IpsecTransform::INTEG_HMAC_SHA2_256_128}));
        uint32_t received = 0;
        SetupEcho(net.HostA(), net.HostB(), net.HostBAddress(), 5, &received);
        SetupBulk(net.HostA(), net.HostB(), net.HostBAddress(), 20000);
        std::string name = outerIpv6 ? "tunnel-over-ipv6" : "ipv6-in-ipv4";
        PointToPointHelper().EnablePcap(kOutputDir + "/ipsec6-" + name + ".pcap",
                                        net.links[1].Get(0),
                                        false,
                                        true);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        Simulator::Destroy();
        EXPECT_EQ(received, 5u) << name;
        SCOPED_TRACE(name);
        ExpectDecrypted(Dissect("ipsec6-" + name, net.nodes), 20);
    }
}
