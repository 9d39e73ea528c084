/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IPv6 selectors in IKE (RFC 4301 4.4.1.1 selectors of either family):
// IpsecSelector sides to and from IKEv2's TS_IPV6_ADDR_RANGE (RFC 7296
// 3.13.1) and IKEv1's IPv6 client IDs (RFC 2409 5.5, RFC 2407 4.6.2);
// IKEv2 and IKEv1 over IPv4 negotiating IPv6 selectors (RFC 4891 B.2);
// and protocol-41 selectors between two IPv4 endpoints (RFC 4891 5.1).

#include "ike-payload-test-util.h"
#include "ikev1-test-util.h"
#include "ikev2-test-util.h"

#include "ns3/ike-selector-side.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

using Side = IkeSelectorSide;

const Ipv6Address kSiteA("2001:db8:a::");
const Ipv6Address kSiteB("2001:db8:b::");
/// IP protocol 41, IPv6 in IPv4 (RFC 4213 3.5).
constexpr uint8_t kProtocol6in4 = 41;

IpsecSelector
Sites(Ipv6Address local, Ipv6Address remote)
{
    return IpsecSelector::SubnetToSubnet(local, Ipv6Prefix(48), remote, Ipv6Prefix(48));
}

} // namespace

TEST(IkeSelectorSide, WritesAnIpv6PrefixAsATsIpv6AddrRange)
{
    IpsecSelector s = Sites(kSiteA, kSiteB);
    s.protocol = 6;
    s.localPortStart = 80;
    s.localPortEnd = 80;
    Ikev2TrafficSelector local = Side::ToTrafficSelector(s, Side::LOCAL);
    EXPECT_EQ(local,
              Ikev2TrafficSelector::Ipv6Range(kSiteA,
                                              Ipv6Address("2001:db8:a:ffff:ffff:ffff:ffff:ffff"),
                                              6,
                                              80,
                                              80));
    Ikev2TrafficSelector remote = Side::ToTrafficSelector(s, Side::REMOTE);
    EXPECT_EQ(remote.type, Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE);
    EXPECT_EQ(remote.GetStartIpv6(), kSiteB);
    EXPECT_EQ(remote.startPort, 0);
    EXPECT_EQ(remote.endPort, 65535);

    // Back: the smallest prefix that holds each range.
    IpsecSelector back;
    Side::SetFromRange(back, Side::LOCAL, local);
    Side::SetFromRange(back, Side::REMOTE, remote);
    EXPECT_TRUE(back.IsIpv6());
    EXPECT_EQ(back.localAddress6, kSiteA);
    EXPECT_EQ(back.localPrefixLength6, 48);
    EXPECT_EQ(back.remoteAddress6, kSiteB);
    EXPECT_EQ(back.remotePrefixLength6, 48);

    // A range that is no prefix widens to the smallest one holding it.
    IpsecSelector host;
    Side::SetFromRange(
        host,
        Side::LOCAL,
        Ikev2TrafficSelector::Ipv6Range(Ipv6Address("2001:db8::1"), Ipv6Address("2001:db8::1")));
    EXPECT_EQ(host.localPrefixLength6, 128);
    Side::SetFromRange(
        host,
        Side::LOCAL,
        Ikev2TrafficSelector::Ipv6Range(Ipv6Address("2001:db8::1"), Ipv6Address("2001:db8::2")));
    EXPECT_EQ(host.localPrefixLength6, 126);
    EXPECT_EQ(host.localAddress6, Ipv6Address("2001:db8::"));
}

TEST(IkeSelectorSide, KeepsIpv4SelectorsAsTheyWere)
{
    IpsecSelector s = IpsecSelector::HostToHost(Ipv4Address("192.0.2.1"),
                                                Ipv4Address("198.51.100.2"),
                                                kProtocol6in4);
    EXPECT_EQ(Side::ToTrafficSelector(s, Side::LOCAL),
              Ikev2TrafficSelector::Ipv4Range(Ipv4Address("192.0.2.1"),
                                              Ipv4Address("192.0.2.1"),
                                              kProtocol6in4));
    IpsecSelector net = IpsecSelector::SubnetToSubnet(Ipv4Address("10.1.0.0"),
                                                      Ipv4Mask("255.255.0.0"),
                                                      Ipv4Address("10.2.0.0"),
                                                      Ipv4Mask("255.255.0.0"));
    IpsecSelector back = Sites(kSiteA, kSiteB); // an IPv6 selector becomes IPv4
    Side::SetFromRange(back, Side::LOCAL, Side::ToTrafficSelector(net, Side::LOCAL));
    Side::SetFromRange(back, Side::REMOTE, Side::ToTrafficSelector(net, Side::REMOTE));
    EXPECT_FALSE(back.IsIpv6());
    EXPECT_EQ(back.localAddress, Ipv4Address("10.1.0.0"));
    EXPECT_EQ(back.localMask, Ipv4Mask("255.255.0.0"));
    EXPECT_EQ(back.remoteAddress, Ipv4Address("10.2.0.0"));
}

TEST(IkeSelectorSide, MeetsAndWithinCompareOneFamilyOnly)
{
    IpsecSelector s = Sites(kSiteA, kSiteB);
    auto inside =
        Ikev2TrafficSelector::Ipv6Range(Ipv6Address("2001:db8:a::5"), Ipv6Address("2001:db8:a::9"));
    auto outside =
        Ikev2TrafficSelector::Ipv6Range(Ipv6Address("2001:db8:c::"), Ipv6Address("2001:db8:c::ff"));
    auto around =
        Ikev2TrafficSelector::Ipv6Range(Ipv6Address("2001:db8::"), Ipv6Address("2001:db8:ffff::"));
    EXPECT_TRUE(Side::Meets(s, Side::LOCAL, inside));
    EXPECT_TRUE(Side::Meets(s, Side::LOCAL, around));
    EXPECT_FALSE(Side::Meets(s, Side::LOCAL, outside));
    EXPECT_FALSE(Side::Meets(
        s,
        Side::LOCAL,
        Ikev2TrafficSelector::Ipv4Range(Ipv4Address("0.0.0.0"), Ipv4Address("255.255.255.255"))))
        << "an IPv4 range never meets an IPv6 prefix";

    IpsecSelector narrow = s;
    narrow.SetLocal(Ipv6Address("2001:db8:a:1::"), Ipv6Prefix(64));
    EXPECT_TRUE(Side::IsWithin(narrow, s, Side::LOCAL));
    EXPECT_FALSE(Side::IsWithin(s, narrow, Side::LOCAL));
    EXPECT_TRUE(Side::IsWithin(narrow, s, Side::REMOTE));
    EXPECT_FALSE(Side::IsWithin(IpsecSelector::Any(IPSEC_FAMILY_IPV4), s, Side::LOCAL));
}

TEST(IkeSelectorSide, WritesAndReadsIkev1Ipv6ClientIdsWithProtocol41)
{
    IpsecSelector s = Sites(kSiteA, kSiteB);
    s.protocol = kProtocol6in4;
    std::unique_ptr<IkeIdPayload> idci = Side::ToClientId(s, Side::LOCAL);
    const std::vector<uint8_t> expected = Concat({
        {0x00, 0x00, 0x00, 0x28}, // generic header: length 40
        {0x06, 0x29, 0x00, 0x00}, // ID_IPV6_ADDR_SUBNET, protocol 41, port any
        {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, // 2001:db8:a::
        {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, // /48
    });
    EXPECT_EQ(SerializeHeader(*idci), expected);

    IpsecSelector host =
        IpsecSelector::HostToHost(Ipv6Address("2001:db8::1"), Ipv6Address("2001:db8::2"), 17);
    host.remotePortStart = 500;
    host.remotePortEnd = 500;
    std::unique_ptr<IkeIdPayload> idcr = Side::ToClientId(host, Side::REMOTE);
    EXPECT_EQ(idcr->GetIdType(), IkeIdPayload::ID_IPV6_ADDR);
    EXPECT_EQ(idcr->GetIpv6Address(), Ipv6Address("2001:db8::2"));
    EXPECT_EQ(idcr->GetProtocolId(), 17);
    EXPECT_EQ(idcr->GetPort(), 500) << "a single port is named";

    IpsecSelector back;
    ASSERT_TRUE(Side::SetFromClientId(back, Side::REMOTE, *idci));
    ASSERT_TRUE(Side::SetFromClientId(back, Side::LOCAL, *idcr));
    EXPECT_TRUE(back.IsIpv6());
    EXPECT_EQ(back.remoteAddress6, kSiteA);
    EXPECT_EQ(back.remotePrefixLength6, 48);
    EXPECT_EQ(back.localAddress6, Ipv6Address("2001:db8::2"));
    EXPECT_EQ(back.localPrefixLength6, 128);
}

// RFC 4891 B.2: IKEv2 over IPv4 (here through a NAT) negotiating a tunnel
// whose inside is IPv6. The responder narrows to its own, smaller policy
// (RFC 7296 2.9) in the IPv6 family as it does in IPv4.
TEST(Ikev2Ipv6Selectors, IkeOverIpv4NegotiatesAnIpv6InsideTunnelAndNarrows)
{
    IkePeerConfig ci = ikev2test::InitiatorConfig();
    IkePeerConfig cr = ikev2test::ResponderConfig();
    ci.children[0].selector = IpsecSelector::SubnetToSubnet(kSiteA,
                                                            Ipv6Prefix(48),
                                                            Ipv6Address("2001:db8::"),
                                                            Ipv6Prefix(32));
    cr.children[0].selector = Sites(kSiteB, kSiteA);
    ikev2test::Ikev2Pair p(ci, cr, true);
    Ptr<IkeSa> sa = p.Establish();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    ASSERT_EQ(sa->GetChildSas().size(), 1u) << (p.logI.failures.empty() ? "" : p.logI.failures[0]);
    const IpsecSelector& mine = sa->GetChildSas()[0].selector;
    EXPECT_TRUE(mine.IsIpv6());
    EXPECT_EQ(mine.localAddress6, kSiteA);
    EXPECT_EQ(mine.localPrefixLength6, 48);
    EXPECT_EQ(mine.remoteAddress6, kSiteB) << "narrowed to the responder's /48";
    EXPECT_EQ(mine.remotePrefixLength6, 48);
    const IpsecSelector& theirs = p.ResponderSa()->GetChildSas().at(0).selector;
    EXPECT_EQ(theirs, Sites(kSiteB, kSiteA));
    EXPECT_EQ(sa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::UDP_ENCAP)
        << "IPv6 inside ESP-in-UDP over IPv4";
    // The IPv4 data plane takes the SAs, with their IPv6 selectors.
    ASSERT_EQ(p.sadI->GetAll().size(), 2u);
    EXPECT_TRUE(p.sadI->GetAll()[0]->GetParameters().selector.IsIpv6());
}

TEST(Ikev2Ipv6Selectors, APeerMixingFamiliesInTsiAndTsrIsRefused)
{
    IkePeerConfig ci = ikev2test::InitiatorConfig();
    IkePeerConfig cr = ikev2test::ResponderConfig();
    ci.children[0].selector = Sites(kSiteA, kSiteB);
    ikev2test::Ikev2Pair p(ci, cr);
    Ptr<IkeSa> sa = p.Establish();
    EXPECT_TRUE(sa->GetChildSas().empty()) << "IPv6 proposed, only IPv4 configured";
    EXPECT_TRUE(p.ResponderSa()->GetChildSas().empty());
}

// RFC 4891 5.1: the SPD of a 6in4 tunnel protected in transport mode names
// IP protocol 41 between the two IPv4 tunnel endpoints. IKEv2 carries the
// protocol in both traffic selectors (RFC 7296 3.13.1).
TEST(Ikev2Ipv6Selectors, NegotiatesProtocol41BetweenIpv4Endpoints)
{
    IkePeerConfig ci = ikev2test::InitiatorConfig();
    IkePeerConfig cr = ikev2test::ResponderConfig();
    ci.children[0].mode = IPSEC_MODE_TRANSPORT;
    cr.children[0].mode = IPSEC_MODE_TRANSPORT;
    ci.children[0].selector = IpsecSelector::HostToHost(ikev2test::kInitiatorAddress,
                                                        ikev2test::kResponderAddress,
                                                        kProtocol6in4);
    cr.children[0].selector = IpsecSelector::HostToHost(ikev2test::kResponderAddress,
                                                        ikev2test::kInitiatorAddress,
                                                        kProtocol6in4);
    ikev2test::Ikev2Pair p(ci, cr);
    Ptr<IkeSa> sa = p.Establish();
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    EXPECT_EQ(sa->GetChildSas()[0].mode, IPSEC_MODE_TRANSPORT);
    EXPECT_EQ(sa->GetChildSas()[0].selector, ci.children[0].selector);
    EXPECT_EQ(p.ResponderSa()->GetChildSas().at(0).selector, cr.children[0].selector);
    // The installed policy protects protocol 41 and nothing else.
    IpsecTrafficKey sixInFour;
    sixInFour.local = ikev2test::kInitiatorAddress;
    sixInFour.remote = ikev2test::kResponderAddress;
    sixInFour.protocol = kProtocol6in4;
    IpsecTrafficKey udp = sixInFour;
    udp.protocol = 17;
    ASSERT_EQ(p.sadI->GetAll().size(), 2u);
    const IpsecSelector& installed = p.sadI->GetAll()[0]->GetParameters().selector;
    EXPECT_TRUE(installed.Matches(sixInFour));
    EXPECT_FALSE(installed.Matches(udp));
}

// IKEv1 Quick Mode over IPv4 with IPv6 client IDs, and with protocol 41.
TEST(Ikev1Ipv6Selectors, QuickModeNegotiatesIpv6ClientIdsOverIpv4)
{
    ikev1test::Ikev1Pair p;
    p.ci.children[0].selector = Sites(kSiteA, kSiteB);
    p.ci.children[0].selector.protocol = kProtocol6in4;
    p.cr.children[0].selector = Sites(kSiteB, kSiteA);
    p.cr.children[0].selector.protocol = kProtocol6in4;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    EXPECT_EQ(sa->GetChildSas()[0].selector, p.ci.children[0].selector);
    ASSERT_EQ(p.ResponderSa()->GetChildSas().size(), 1u);
    EXPECT_EQ(p.ResponderSa()->GetChildSas()[0].selector, p.cr.children[0].selector);
}

TEST(Ikev1Ipv6Selectors, QuickModeNegotiatesProtocol41BetweenIpv4Endpoints)
{
    ikev1test::Ikev1Pair p;
    for (auto* c : {&p.ci, &p.cr})
    {
        bool initiator = c == &p.ci;
        c->children[0].mode = IPSEC_MODE_TRANSPORT;
        c->children[0].selector =
            IpsecSelector::HostToHost(initiator ? ikev1test::kInitiator : ikev1test::kResponder,
                                      initiator ? ikev1test::kResponder : ikev1test::kInitiator,
                                      kProtocol6in4);
    }
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    EXPECT_EQ(sa->GetChildSas()[0].selector.protocol, kProtocol6in4);
    ASSERT_EQ(p.ResponderSa()->GetChildSas().size(), 1u);
    EXPECT_EQ(p.ResponderSa()->GetChildSas()[0].selector, p.cr.children[0].selector);
}
