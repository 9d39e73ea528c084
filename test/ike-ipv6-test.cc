/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKE over IPv6 (RFC 7296 and RFC 2409 run on either family): IPv6
// endpoints, NAT detection hashes over the 16 address bytes (RFC 3947 3.2,
// RFC 7296 2.23), IPv6 identities checked against the packet's source, and
// whole exchanges, on the loopback transport and on real nodes' UDP
// ports through IkeHelper.

#include "ikev1-test-util.h"
#include "ikev2-test-util.h"
#include "wire-samples.h"

#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-udp-transport.h"
#include "ns3/ikev1-isakmp-natd-task.h"
#include "ns3/ikev1-keys.h"
#include "ns3/ikev2-natd-task.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/udp-encapsulation.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sstream>

using namespace ns3;

namespace
{

using Bytes = std::vector<uint8_t>;

const Ipv6Address kInitiator6("2001:db8::a");
const Ipv6Address kResponder6("2001:db8::14");

/// HASH(SPIi | SPIr | IP | port) with the IPv6 address's 16 bytes, built by hand.
Bytes
NatdInput(uint64_t spiI, uint64_t spiR, Ipv6Address address, uint16_t port)
{
    Bytes in;
    for (uint64_t spi : {spiI, spiR})
    {
        for (int k = 7; k >= 0; --k)
        {
            in.push_back(uint8_t(spi >> (8 * k)));
        }
    }
    uint8_t ip[16];
    address.Serialize(ip);
    in.insert(in.end(), ip, ip + 16);
    in.push_back(uint8_t(port >> 8));
    in.push_back(uint8_t(port));
    return in;
}

std::string
ToText(const IkeEndpoint& endpoint)
{
    std::ostringstream os;
    os << endpoint;
    return os.str();
}

Bytes
NotifyData(const IkeMessage& m, uint16_t type)
{
    for (const auto& payload : m.GetPayloads())
    {
        const auto* n = dynamic_cast<const IkeNotifyPayload*>(payload.get());
        if (n && n->GetNotifyType() == type)
        {
            return n->GetData();
        }
    }
    return {};
}

/// The ikev2test configurations with IPv6 endpoints and IPv6 identities.
std::pair<IkePeerConfig, IkePeerConfig>
Ikev2Ipv6Configs()
{
    IkePeerConfig i = ikev2test::InitiatorConfig();
    IkePeerConfig r = ikev2test::ResponderConfig();
    i.local = {kInitiator6, IKE_UDP_PORT};
    i.remote = {kResponder6, IKE_UDP_PORT};
    r.local = {kResponder6, IKE_UDP_PORT};
    r.remote = {Ipv6Address::GetAny(), IKE_UDP_PORT};
    i.localId = IkeIdentity::Ipv6(kInitiator6);
    i.remoteId = IkeIdentity::Ipv6(kResponder6);
    r.localId = i.remoteId;
    r.remoteId = i.localId;
    return {i, r};
}

} // namespace

TEST(IkeEndpoint, HoldsEitherFamily)
{
    IkeEndpoint v4{Ipv4Address("192.0.2.1"), IKE_UDP_PORT};
    IkeEndpoint v6{kInitiator6, IKE_NAT_T_UDP_PORT};
    EXPECT_FALSE(v4.IsIpv6());
    EXPECT_TRUE(v6.IsIpv6());
    EXPECT_EQ(v4.GetIpv4(), Ipv4Address("192.0.2.1"));
    EXPECT_EQ(v6.GetIpv6(), kInitiator6);
    EXPECT_EQ(v4.GetAddressBytes(), (Bytes{192, 0, 2, 1}));
    EXPECT_EQ(v6.GetAddressBytes(),
              (Bytes{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a}));
    EXPECT_EQ(ToText(v4), "192.0.2.1:500");
    EXPECT_EQ(ToText(v6), "[2001:db8::a]:4500");
    EXPECT_TRUE(InetSocketAddress::IsMatchingType(v4.GetSocketAddress()));
    EXPECT_TRUE(Inet6SocketAddress::IsMatchingType(v6.GetSocketAddress()));
    EXPECT_EQ(IkeEndpoint::FromSocketAddress(v4.GetSocketAddress()), v4);
    EXPECT_EQ(IkeEndpoint::FromSocketAddress(v6.GetSocketAddress()), v6);
    EXPECT_NE(v4, (IkeEndpoint{Ipv4Address("192.0.2.1"), IKE_NAT_T_UDP_PORT}));
    EXPECT_TRUE((IkeEndpoint{Ipv6Address::GetAny(), IKE_UDP_PORT}).IsAny());
    EXPECT_FALSE(v6.IsAny());
    EXPECT_EQ(IkeIdentity::OfAddress(v6), IkeIdentity::Ipv6(kInitiator6));
    EXPECT_EQ(IkeIdentity::Ipv6(kInitiator6).ToString(), "2001:db8::a");
}

TEST(IkeEndpoint, ResponderWildcardsMatchTheirOwnFamilyOnly)
{
    Ptr<IkeDaemon> d = CreateObject<IkeDaemon>();
    IkePeerConfig any4;
    any4.name = "any4";
    any4.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
    IkePeerConfig any6 = any4;
    any6.name = "any6";
    any6.remote = {Ipv6Address::GetAny(), IKE_UDP_PORT};
    d->AddPeer(any4);
    d->AddPeer(any6);
    const IkePeerConfig* v6 = d->FindPeerFor(2, {kInitiator6, IKE_UDP_PORT});
    const IkePeerConfig* v4 = d->FindPeerFor(2, {Ipv4Address("192.0.2.1"), IKE_UDP_PORT});
    ASSERT_NE(v6, nullptr);
    ASSERT_NE(v4, nullptr);
    EXPECT_EQ(v6->name, "any6");
    EXPECT_EQ(v4->name, "any4");
    d->Dispose();
}

// RFC 7296 2.23: SHA-1(SPIi | SPIr | IP | port), the IP being 16 bytes for
// IPv6. The expected value was computed outside natt (Python's hashlib).
TEST(Ikev2NatDetection, HashesTheSixteenBytesOfAnIpv6Address)
{
    uint64_t spiI = 0x0102030405060708ull;
    uint64_t spiR = 0x1112131415161718ull;
    EXPECT_EQ(Ikev2NatdTask::Hash(spiI, spiR, {kInitiator6, IKE_UDP_PORT}),
              FromHex("eec9a481fbae6d3ba27dcba11899c78c77b10f0b"));
    EXPECT_EQ(Ikev2NatdTask::Hash(spiI, 0, {kResponder6, IKE_NAT_T_UDP_PORT}),
              FromHex("30117371de7bc6452d3c04170061e1184b18372b"));
}

TEST(Ikev2OverIpv6, EstablishesWithIpv6IdentitiesAndNatDetectionFindsNoNat)
{
    auto [ci, cr] = Ikev2Ipv6Configs();
    ci.checkIdAgainstSource = true;
    cr.checkIdAgainstSource = true; // RFC 3715 2.1 c holds without a NAT
    ikev2test::Ikev2Pair p(ci, cr);
    Ptr<IkeSa> sa = p.Establish();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED)
        << (p.logI.failures.empty() ? "" : p.logI.failures[0]);
    Ptr<IkeSa> responder = p.ResponderSa();
    ASSERT_EQ(responder->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(responder->GetRemote(), (IkeEndpoint{kInitiator6, IKE_UDP_PORT}));
    EXPECT_FALSE(sa->IsBehindNat());
    EXPECT_EQ(p.logI.children, 1u);
    EXPECT_EQ(p.logR.children, 1u);
    // The child goes into the data plane with IPv6 outer addresses.
    ASSERT_EQ(p.sadI->GetAll().size(), 2u);
    for (const auto& installed : p.sadI->GetAll())
    {
        EXPECT_EQ(installed->GetParameters().family, IPSEC_FAMILY_IPV6);
        EXPECT_EQ(installed->GetParameters().localAddress6, kInitiator6);
        EXPECT_EQ(installed->GetParameters().remoteAddress6, kResponder6);
    }

    // The NAT detection payloads of IKE_SA_INIT, recomputed by OpenSSL.
    IkeMessage request = ikev2test::Ikev2Pair::Parse(p.ti->GetSent().at(0));
    uint64_t spiI = request.GetHeader().GetInitiatorSpi();
    EXPECT_EQ(NotifyData(request, IkeNotifyPayload::NAT_DETECTION_SOURCE_IP),
              Digest(EVP_sha1(), NatdInput(spiI, 0, kInitiator6, IKE_UDP_PORT)));
    EXPECT_EQ(NotifyData(request, IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP),
              Digest(EVP_sha1(), NatdInput(spiI, 0, kResponder6, IKE_UDP_PORT)));
    IkeMessage response = ikev2test::Ikev2Pair::Parse(p.tr->GetSent().at(0));
    uint64_t spiR = response.GetHeader().GetResponderSpi();
    EXPECT_EQ(NotifyData(response, IkeNotifyPayload::NAT_DETECTION_SOURCE_IP),
              Digest(EVP_sha1(), NatdInput(spiI, spiR, kResponder6, IKE_UDP_PORT)));
}

TEST(Ikev2OverIpv6, AnIpv6IdentityThatIsNotTheSourceIsRefusedWhenChecked)
{
    auto [ci, cr] = Ikev2Ipv6Configs();
    ci.localId = IkeIdentity::Ipv6(Ipv6Address("2001:db8::99"));
    cr.remoteId = ci.localId;
    cr.checkIdAgainstSource = true;
    ikev2test::Ikev2Pair p(ci, cr);
    p.Establish();
    ASSERT_EQ(p.logR.failures.size(), 1u);
    EXPECT_EQ(p.logR.failures[0], "id-mismatch");
}

// RFC 3947 3.2: HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash
// (SHA-256 for PRF_HMAC_SHA2_256), the IP being 16 bytes for IPv6.
TEST(Ikev1OverIpv6, MainModeEstablishesAndHashesIpv6AddressesInNatD)
{
    ikev1test::Ikev1Pair p;
    p.ci.local = {kInitiator6, IKE_UDP_PORT};
    p.ci.remote = {kResponder6, IKE_UDP_PORT};
    p.cr.local = {kResponder6, IKE_UDP_PORT};
    p.cr.remote = {Ipv6Address::GetAny(), IKE_UDP_PORT};
    p.ci.localId = IkeIdentity::Ipv6(kInitiator6);
    p.cr.checkIdAgainstSource = true;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_FALSE(sa->IsBehindNat());
    EXPECT_EQ(sa->GetChildSas().size(), 1u);
    IkeMessage m3 = ikev1test::Parse(p.wire[2].packet);
    uint64_t ckyI = m3.GetHeader().GetInitiatorSpi();
    uint64_t ckyR = m3.GetHeader().GetResponderSpi();
    const auto* d0 = m3.Find<IkeNatDPayload>(IKEV1_PAYLOAD_NAT_D, 0);
    const auto* d1 = m3.Find<IkeNatDPayload>(IKEV1_PAYLOAD_NAT_D, 1);
    ASSERT_NE(d0, nullptr);
    ASSERT_NE(d1, nullptr);
    EXPECT_EQ(d0->GetData(),
              Digest(EVP_sha256(), NatdInput(ckyI, ckyR, kResponder6, IKE_UDP_PORT)));
    EXPECT_EQ(d1->GetData(),
              Digest(EVP_sha256(), NatdInput(ckyI, ckyR, kInitiator6, IKE_UDP_PORT)));
}

// IKEv2 on real nodes' UDP ports over IPv6: IkeHelper's transport opens
// the IPv6 ports beside the IPv4 ones the data plane owns.
TEST(Ikev2OverIpv6, CompletesAnExchangeBetweenTwoNodesOverUdpOnIpv6)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer link = p2p.Install(nodes);
    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper v4("192.0.2.0", "255.255.255.0");
    v4.Assign(link);
    Ipv6AddressHelper v6(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
    Ipv6InterfaceContainer interfaces = v6.Assign(link);
    Ipv6Address a = interfaces.GetAddress(0, 1);
    Ipv6Address b = interfaces.GetAddress(1, 1);

    IkeHelper ike;
    Ptr<IkeDaemon> da = ike.Install(nodes.Get(0));
    Ptr<IkeDaemon> db = ike.Install(nodes.Get(1));
    auto [ci, cr] = Ikev2Ipv6Configs();
    ci.local = {a, IKE_UDP_PORT};
    ci.remote = {b, IKE_UDP_PORT};
    ci.localId = IkeIdentity::Ipv6(a);
    ci.remoteId = IkeIdentity::Ipv6(b);
    cr.local = {b, IKE_UDP_PORT};
    cr.localId = ci.remoteId;
    cr.remoteId = ci.localId;
    cr.checkIdAgainstSource = true;
    da->AddPeer(ci);
    db->AddPeer(cr);
    ikev2test::TraceLog logA;
    ikev2test::TraceLog logB;
    logA.Connect(da);
    logB.Connect(db);
    // After duplicate address detection has made the addresses usable (RFC 4862 5.4).
    IkeHelper::Initiate(nodes.Get(0), ci.name, Seconds(3));
    Simulator::Stop(Seconds(10));
    Simulator::Run();

    EXPECT_EQ(logA.established, 1u);
    EXPECT_EQ(logB.established, 1u);
    EXPECT_EQ(logA.children, 1u);
    EXPECT_EQ(logB.children, 1u);
    EXPECT_TRUE(logA.failures.empty()) << logA.failures[0];
    ASSERT_FALSE(logB.receivedFrom.empty());
    EXPECT_EQ(logB.receivedFrom[0], (IkeEndpoint{a, IKE_UDP_PORT}));
    // Nothing of it went through the IPv4 ports.
    EXPECT_EQ(nodes.Get(0)->GetObject<UdpEncapsulation>()->GetIkeSent(), 0u);
    EXPECT_EQ(nodes.Get(1)->GetObject<UdpEncapsulation>()->GetIkeReceived(), 0u);
    Simulator::Destroy();
}

// The IPv6 NAT-T port has no ESP-in-UDP data plane: a datagram there
// without the non-ESP marker (RFC 3948 2.2) is not IKE, and is counted.
TEST(IkeUdpTransportIpv6, CountsWhatIsNotIkeOnTheNattPort)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    NetDeviceContainer link = p2p.Install(nodes);
    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper("192.0.2.0", "255.255.255.0").Assign(link);
    Ipv6AddressHelper v6(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
    Ipv6InterfaceContainer interfaces = v6.Assign(link);
    IkeHelper ike;
    Ptr<IkeDaemon> daemon = ike.Install(nodes.Get(0));
    Ptr<IkeUdpTransport> transport = DynamicCast<IkeUdpTransport>(daemon->GetTransport());
    ASSERT_NE(transport, nullptr);
    Ptr<Socket> sender = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
    sender->Bind6();
    uint8_t espLike[8] = {0x00, 0x00, 0x10, 0x01, 0, 0, 0, 1}; // an SPI, a sequence number
    Inet6SocketAddress to(interfaces.GetAddress(0, 1), IKE_NAT_T_UDP_PORT);
    Simulator::Schedule(Seconds(3), [&] { sender->SendTo(Create<Packet>(espLike, 8), 0, to); });
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    EXPECT_EQ(transport->GetDropCount(IkeUdpTransport::NOT_IKE_DROP), 1u);
    EXPECT_EQ(daemon->GetDropCount(), 0u) << "nothing reached IKE";
    Simulator::Destroy();
}
