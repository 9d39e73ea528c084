/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The 6in4 tunnel device and its protocol-41 receiver (RFC 4213 3), the
// 6to4 router (RFC 3056), and IPsec protecting protocol 41 (RFC 4891 5.1)
// with a stack that was there before the tunnel.

#include "catalogue/rfc4891-common.h"
#include "lab.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"
#include "ns3/ipv6-in-ipv4-l4-protocol.h"
#include "ns3/ipv6-in-ipv4-tunnel-helper.h"
#include "ns3/ipv6-in-ipv4-tunnel-net-device.h"
#include "ns3/six-to-four-helper.h"
#include "ns3/six-to-four-net-device.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace natt;

namespace
{

constexpr uint16_t kPort = 9;

/// Datagrams a UDP sink on \p node's port 9 received.
std::shared_ptr<uint32_t>
AddSink(Ptr<Node> node)
{
    auto count = std::make_shared<uint32_t>(0);
    PacketSinkHelper sink("ns3::UdpSocketFactory",
                          Inet6SocketAddress(Ipv6Address::GetAny(), kPort));
    ApplicationContainer app = sink.Install(node);
    app.Start(Seconds(0));
    app.Get(0)->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](uint32_t* c, Ptr<const Packet>, const Address&) { ++*c; },
            count.get()));
    return count;
}

/// \p packets UDP datagrams from \p client to \p server (IPv6) from 2 s.
void
AddClient(Ptr<Node> client, Ipv6Address server, uint32_t packets)
{
    UdpClientHelper helper(server, kPort);
    helper.SetAttribute("MaxPackets", UintegerValue(packets));
    helper.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
    helper.SetAttribute("PacketSize", UintegerValue(100));
    helper.Install(client).Start(Seconds(2));
}

/// Two sites with a configured tunnel between their routers and static routes into it.
struct Tunnel
{
    Ptr<Node> tep1;
    Ptr<Node> tep2;
    Ptr<Node> host1;
    Ptr<Node> host2;
    Ptr<Node> attacker;
    Ptr<Ipv6InIpv4TunnelNetDevice> device1;
    Ptr<Ipv6InIpv4TunnelNetDevice> device2;
};

Tunnel
BuildTunnel(Lab& lab, bool ingressFilter)
{
    Tunnel t;
    t.tep1 = lab.AddRouter("tep1", "10.1.0.0/24");
    t.tep2 = lab.AddRouter("tep2", "10.2.0.0/24");
    t.host1 = lab.AddHost("site1-host", t.tep1);
    t.host2 = lab.AddHost("site2-host", t.tep2);
    t.attacker = lab.AddPublicNode("attacker");
    lab.AddIpv6Lan(t.tep1, "fd00:1:0:1::/64");
    lab.AddIpv6Lan(t.tep2, "fd00:2:0:1::/64");
    lab.Build();
    Ipv6InIpv4TunnelHelper helper;
    helper.SetDeviceAttribute("IngressFilter", BooleanValue(ingressFilter));
    NetDeviceContainer devices =
        helper.Install(t.tep1, lab.GetAddress(t.tep1), t.tep2, lab.GetAddress(t.tep2));
    t.device1 = DynamicCast<Ipv6InIpv4TunnelNetDevice>(devices.Get(0));
    t.device2 = DynamicCast<Ipv6InIpv4TunnelNetDevice>(devices.Get(1));
    t.device2->AddIngressPrefix(Ipv6Address("fd00:1::"), Ipv6Prefix(48));
    Ipv6InIpv4TunnelHelper::AddRoute(t.device1, Ipv6Address("fd00:2::"), Ipv6Prefix(48));
    Ipv6InIpv4TunnelHelper::AddRoute(t.device2, Ipv6Address("fd00:1::"), Ipv6Prefix(48));
    return t;
}

RunContext
Context(const std::string& variant)
{
    RunContext context;
    context.variant = variant;
    return context;
}

TEST(Ipv6InIpv4Tunnel, CarriesIpv6BetweenSitesWithTheStaticMtu)
{
    Lab lab("tunnel-test", Context("carries"));
    Tunnel t = BuildTunnel(lab, false);
    auto received = AddSink(t.host2);
    AddClient(t.host1, lab.GetIpv6Address(t.host2), 5);
    lab.Run(Seconds(3));
    EXPECT_EQ(*received, 5u);
    EXPECT_EQ(t.device1->GetMtu(), 1280); // RFC 4213 3.2
    EXPECT_TRUE(t.device1->IsPointToPoint());
    EXPECT_GE(t.device1->GetEncapsulatedCount(), 5u);
    EXPECT_GE(t.device2->GetDecapsulatedCount(), 5u);
    EXPECT_EQ(t.device2->GetDropCount(), 0u);
}

/// The attacker sends 5 packets with \p source as outer IPv4 source; \return what host2 got.
uint32_t
RunOuterSpoof(bool spoofTep1, bool checkOuterSource, Tunnel* out = nullptr)
{
    Lab lab("tunnel-test", Context("outer-spoof"));
    Tunnel t = BuildTunnel(lab, false);
    t.device2->SetAttribute("CheckOuterSource", BooleanValue(checkOuterSource));
    auto received = AddSink(t.host2);
    Ipv4Address source = spoofTep1 ? lab.GetAddress(t.tep1) : lab.GetAddress(t.attacker);
    for (int k = 0; k < 5; ++k)
    {
        Simulator::Schedule(Seconds(2) + MilliSeconds(100) * k,
                            &rfc4891::SendOuterSpoof,
                            t.attacker,
                            source,
                            lab.GetAddress(t.tep2),
                            lab.GetIpv6Address(t.host2));
    }
    lab.Run(Seconds(3));
    if (out)
    {
        *out = t;
    }
    return *received;
}

TEST(Ipv6InIpv4Tunnel, OuterSourceCheckDropsOtherSourcesButNotAForgedEndpoint)
{
    Tunnel t;
    // RFC 4213 3.6: the attacker's own address is refused...
    EXPECT_EQ(RunOuterSpoof(false, true, &t), 0u);
    EXPECT_EQ(t.device2->GetDropCount(Ipv6InIpv4TunnelNetDevice::OUTER_SOURCE_MISMATCH_DROP), 5u);
    // ...and taken when the check is off...
    EXPECT_EQ(RunOuterSpoof(false, false), 5u);
    // ...but a forged endpoint address passes it (RFC 4891 2, threat 1).
    EXPECT_EQ(RunOuterSpoof(true, true), 5u);
}

/// Inner spoof from host1 with a third site's source: \return what host2 got.
uint32_t
RunInnerSpoof(bool ingressFilter, Tunnel* out)
{
    Lab lab("tunnel-test", Context("inner-spoof"));
    Tunnel t = BuildTunnel(lab, ingressFilter);
    auto received = AddSink(t.host2);
    for (int k = 0; k < 5; ++k)
    {
        Simulator::Schedule(Seconds(2) + MilliSeconds(100) * k,
                            &rfc4891::SendInnerSpoof,
                            t.host1,
                            Ipv6Address("fd00:3:0:1::66"),
                            lab.GetIpv6Address(t.host2));
    }
    lab.Run(Seconds(3));
    *out = t;
    return *received;
}

TEST(Ipv6InIpv4Tunnel, IngressFilterDropsForeignInnerSources)
{
    Tunnel t;
    EXPECT_EQ(RunInnerSpoof(false, &t), 5u);
    EXPECT_EQ(RunInnerSpoof(true, &t), 0u);
    EXPECT_EQ(t.device2->GetDropCount(Ipv6InIpv4TunnelNetDevice::INGRESS_FILTERED_DROP), 5u);
}

TEST(Ipv6InIpv4Tunnel, ProtocolFortyOneToAnAddressWithoutTunnelIsCounted)
{
    Lab lab("tunnel-test", Context("no-tunnel"));
    Tunnel t = BuildTunnel(lab, false);
    // tep1's LAN address has no tunnel: protocol 41 to it from its own LAN is no tunnel's.
    Simulator::Schedule(Seconds(2),
                        &rfc4891::SendOuterSpoof,
                        t.host1,
                        lab.GetAddress(t.host1),
                        lab.GetLanAddress(t.tep1),
                        lab.GetIpv6Address(t.host1));
    lab.Run(Seconds(3));
    EXPECT_EQ(t.tep1->GetObject<Ipv6InIpv4L4Protocol>()->GetDropCount(
                  Ipv6InIpv4L4Protocol::NO_TUNNEL_DROP),
              1u);
}

TEST(Ipv6InIpv4Tunnel, IpsecStackProtectsProtocolFortyOneOfALaterTunnel)
{
    // The Lab's IpsecStacks exist before the tunnel's protocol 41 does.
    Lab lab("tunnel-test", Context("ipsec"));
    Tunnel t = BuildTunnel(lab, false);
    IpsecHelper ipsec;
    IpsecHelper::End a;
    a.node = t.tep1;
    a.address = lab.GetAddress(t.tep1);
    a.peerAddress = lab.GetAddress(t.tep2);
    a.selector = IpsecSelector::HostToHost(a.address, a.peerAddress, 41);
    IpsecHelper::End b;
    b.node = t.tep2;
    b.address = a.peerAddress;
    b.peerAddress = a.address;
    b.selector = IpsecSelector::HostToHost(b.address, b.peerAddress, 41);
    ipsec.AddPair(a, b, IPSEC_MODE_TRANSPORT, IpsecHelper::Options());
    auto received = AddSink(t.host2);
    AddClient(t.host1, lab.GetIpv6Address(t.host2), 5);
    for (int k = 0; k < 3; ++k)
    {
        Simulator::Schedule(Seconds(2.05) + MilliSeconds(100) * k,
                            &rfc4891::SendOuterSpoof,
                            t.attacker,
                            lab.GetAddress(t.tep1),
                            lab.GetAddress(t.tep2),
                            lab.GetIpv6Address(t.host2));
    }
    lab.Run(Seconds(3));
    EXPECT_EQ(*received, 5u);
    Ptr<IpsecStack> stack1 = t.tep1->GetObject<IpsecStack>();
    Ptr<IpsecStack> stack2 = t.tep2->GetObject<IpsecStack>();
    EXPECT_GE(stack1->GetProtectedCount(), 5u);
    EXPECT_GE(stack2->GetAcceptedCount(), 5u);
    // The forged plaintext protocol 41 meets the PROTECT policy (RFC 4891 5.1).
    EXPECT_EQ(stack2->GetDropCount(IpsecStack::POLICY_MISMATCH_DROP), 3u);
}

TEST(SixToFour, PrefixAndEmbeddedAddress)
{
    Ipv4Address outside("192.0.2.4");
    EXPECT_EQ(SixToFourNetDevice::GetPrefix(outside), Ipv6Address("2002:c000:204::"));
    EXPECT_EQ(SixToFourNetDevice::GetEmbeddedIpv4(Ipv6Address("2002:c000:204:1::2")), outside);
    EXPECT_EQ(SixToFourNetDevice::GetEmbeddedIpv4(Ipv6Address("2001:db8::1")),
              Ipv4Address::GetAny());
    EXPECT_EQ(SixToFourHelper::GetLanPrefix(outside), Ipv6Address("2002:c000:204:1::"));
    EXPECT_FALSE(SixToFourNetDevice::IsGlobalIpv4(Ipv4Address("10.1.2.3")));
    EXPECT_FALSE(SixToFourNetDevice::IsGlobalIpv4(Ipv4Address("100.64.0.1"))); // RFC 6598
    EXPECT_FALSE(SixToFourNetDevice::IsGlobalIpv4(Ipv4Address("192.168.1.1")));
    EXPECT_TRUE(SixToFourNetDevice::IsGlobalIpv4(Ipv4Address("198.18.0.2")));
}

/// What a 6to4 run between two sites counted.
struct SixToFourRun
{
    uint32_t received{0};
    uint64_t coreNoRoute{0};
    Ipv4Address outsideB;
};

/**
 * 6to4 router A (public) and 6to4 router B, public or behind a NAT (its
 * outside address then private); a host behind A sends 5 datagrams to a
 * host behind B at its 6to4 address.
 */
SixToFourRun
RunSixToFour(bool bBehindNat)
{
    Lab lab("tunnel-test", Context(bBehindNat ? "6to4-private" : "6to4-public"));
    Ptr<Node> routerA = lab.AddRouter("6to4-a", "10.1.0.0/24");
    Ptr<Node> nat = bBehindNat ? lab.AddNat("nat", "port-preserving", "10.9.0.0/24") : nullptr;
    Ptr<Node> routerB = lab.AddRouter("6to4-b", "10.2.0.0/24", nat);
    Ptr<Node> hostA = lab.AddHost("host-a", routerA);
    Ptr<Node> hostB = lab.AddHost("host-b", routerB);
    lab.Build();
    SixToFourHelper helper;
    Ipv4Address outsideA = lab.GetAddress(routerA);
    Ipv4Address outsideB = lab.GetAddress(routerB);
    helper.Install(routerA, outsideA, lab.GetLanDevice(routerA));
    helper.Install(routerB, outsideB, lab.GetLanDevice(routerB));
    SixToFourHelper::AddHost(hostA, lab.GetLanDevice(hostA), outsideA, 2);
    Ipv6Address addressB = SixToFourHelper::AddHost(hostB, lab.GetLanDevice(hostB), outsideB, 2);
    auto received = AddSink(hostB);
    AddClient(hostA, addressB, 5);
    lab.Run(Seconds(3));
    SixToFourRun run;
    run.received = *received;
    run.coreNoRoute = lab.GetProbe().GetIpDrops(lab.GetInternet(), "no-route");
    run.outsideB = outsideB;
    return run;
}

TEST(SixToFour, PrefixOfAPrivateOutsideAddressIsUnreachable)
{
    SixToFourRun open = RunSixToFour(false);
    EXPECT_TRUE(SixToFourNetDevice::IsGlobalIpv4(open.outsideB));
    EXPECT_EQ(open.received, 5u);
    EXPECT_EQ(open.coreNoRoute, 0u);
    // Behind a NAT the router still derives 2002:0a09:...::/48, but the
    // core has no route to the private address it embeds.
    SixToFourRun hidden = RunSixToFour(true);
    EXPECT_FALSE(SixToFourNetDevice::IsGlobalIpv4(hidden.outsideB));
    EXPECT_EQ(hidden.received, 0u);
    EXPECT_GE(hidden.coreNoRoute, 5u);
}

} // namespace
