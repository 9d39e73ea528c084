/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// SPD, SAD and the anti-replay window (RFC 4301 4.4, RFC 4303 3.4.3).

#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>
#include <random>
#include <sstream>

using namespace ns3;

namespace
{

IpsecTrafficKey
Udp(const char* local, const char* remote, uint16_t localPort, uint16_t remotePort)
{
    IpsecTrafficKey key;
    key.local = Ipv4Address(local);
    key.remote = Ipv4Address(remote);
    key.protocol = 17;
    key.localPort = localPort;
    key.remotePort = remotePort;
    return key;
}

} // namespace

TEST(IpsecSelector, MatchesPrefixesProtocolAndPorts)
{
    IpsecSelector s = IpsecSelector::SubnetToSubnet(Ipv4Address("10.1.0.0"),
                                                    Ipv4Mask("/16"),
                                                    Ipv4Address("10.2.3.0"),
                                                    Ipv4Mask("/24"));
    EXPECT_TRUE(s.Matches(Udp("10.1.7.7", "10.2.3.9", 1000, 2000)));
    EXPECT_FALSE(s.Matches(Udp("10.1.7.7", "10.2.4.9", 1000, 2000))) << "remote outside /24";
    s.protocol = 6;
    EXPECT_FALSE(s.Matches(Udp("10.1.7.7", "10.2.3.9", 1000, 2000))) << "TCP-only selector";
    s.protocol = 17;
    s.remotePortStart = s.remotePortEnd = 53;
    EXPECT_FALSE(s.Matches(Udp("10.1.7.7", "10.2.3.9", 1000, 2000)));
    EXPECT_TRUE(s.Matches(Udp("10.1.7.7", "10.2.3.9", 1000, 53)));
    IpsecTrafficKey esp = Udp("10.1.7.7", "10.2.3.9", 0, 0);
    esp.protocol = 50;
    s.protocol = 0;
    EXPECT_TRUE(s.Matches(esp)) << "port ranges do not apply to protocols without ports";
}

TEST(IpsecSelector, KnowsWhenOneSelectorLiesWithinAnother)
{
    IpsecSelector host =
        IpsecSelector::HostToHost(Ipv4Address("10.1.0.5"), Ipv4Address("10.2.3.4"));
    IpsecSelector nets = IpsecSelector::SubnetToSubnet(Ipv4Address("10.1.0.0"),
                                                       Ipv4Mask("/16"),
                                                       Ipv4Address("10.2.0.0"),
                                                       Ipv4Mask("/16"));
    EXPECT_TRUE(host.IsWithin(nets));
    EXPECT_FALSE(nets.IsWithin(host));
}

TEST(SecurityPolicyDatabase, FirstMatchingEntryWins)
{
    Ptr<SecurityPolicyDatabase> spd = CreateObject<SecurityPolicyDatabase>();
    IpsecPolicy bypassDns;
    bypassDns.selector =
        IpsecSelector::HostToHost(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2"), 17);
    bypassDns.selector.remotePortStart = bypassDns.selector.remotePortEnd = 53;
    bypassDns.action = IpsecPolicy::BYPASS;
    IpsecPolicy protectAll;
    protectAll.selector =
        IpsecSelector::HostToHost(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2"));
    protectAll.action = IpsecPolicy::PROTECT;
    uint32_t dnsId = spd->Add(bypassDns);
    uint32_t allId = spd->Add(protectAll);

    const IpsecPolicy* p = spd->Lookup(IpsecPolicy::OUTBOUND, Udp("10.0.0.1", "10.0.0.2", 999, 53));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->id, dnsId);
    p = spd->Lookup(IpsecPolicy::OUTBOUND, Udp("10.0.0.1", "10.0.0.2", 999, 80));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->id, allId);
    EXPECT_EQ(spd->Lookup(IpsecPolicy::INBOUND, Udp("10.0.0.1", "10.0.0.2", 999, 80)), nullptr)
        << "entries apply only to their direction";
    EXPECT_EQ(spd->Lookup(IpsecPolicy::OUTBOUND, Udp("10.0.0.1", "10.0.0.9", 1, 2)), nullptr);
    EXPECT_EQ(spd->GetDefaultAction(), IpsecPolicy::BYPASS);

    IpsecPolicy discardFirst = protectAll;
    discardFirst.action = IpsecPolicy::DISCARD;
    uint32_t discardId = spd->AddFirst(discardFirst);
    EXPECT_EQ(spd->Lookup(IpsecPolicy::OUTBOUND, Udp("10.0.0.1", "10.0.0.2", 999, 53))->id,
              discardId);
    EXPECT_TRUE(spd->Remove(discardId));
    EXPECT_FALSE(spd->Remove(discardId));
}

// The SPD's lookup index (per-remote-host buckets beside the other
// entries) must give what a walk of the list gives: the first match in list
// order (RFC 4301 4.4.1). Random entries of both kinds, random keys, and
// changes of every kind between the lookups.
TEST(SecurityPolicyDatabase, IndexedLookupEqualsTheFirstMatchInListOrder)
{
    Ptr<SecurityPolicyDatabase> spd = CreateObject<SecurityPolicyDatabase>();
    std::mt19937 rng(7);
    auto pick = [&rng](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
    auto address = [&pick](uint32_t net) {
        return Ipv4Address((10u << 24) | (net << 8) | (1 + pick(4)));
    };
    auto reference = [&spd](IpsecPolicy::Direction d,
                            const IpsecTrafficKey& key) -> const IpsecPolicy* {
        for (const IpsecPolicy& p : spd->GetPolicies())
        {
            if (p.direction == d && p.selector.Matches(key))
            {
                return &p;
            }
        }
        return nullptr;
    };
    uint32_t hostEntries = 0;
    uint32_t matched = 0;
    for (int step = 0; step < 4000; ++step)
    {
        uint32_t op = pick(10);
        if (op < 3 || spd->GetPolicies().empty())
        {
            IpsecPolicy p;
            p.direction = pick(2) ? IpsecPolicy::INBOUND : IpsecPolicy::OUTBOUND;
            p.action = static_cast<IpsecPolicy::Action>(pick(3));
            bool host = pick(2);
            hostEntries += host;
            p.selector =
                IpsecSelector::SubnetToSubnet(Ipv4Address((10u << 24) | (pick(2) << 8)),
                                              Ipv4Mask("/23"),
                                              address(pick(3)),
                                              host ? Ipv4Mask::GetOnes() : Ipv4Mask("/24"));
            p.selector.protocol = pick(2) ? 17 : 0;
            if (pick(2))
            {
                p.selector.remotePortStart = p.selector.remotePortEnd = 53;
            }
            (pick(5) == 0) ? spd->AddFirst(p) : spd->Add(p);
        }
        else if (op == 3)
        {
            const auto& all = spd->GetPolicies();
            EXPECT_TRUE(spd->Remove(all[pick(all.size())].id));
        }
        else
        {
            IpsecTrafficKey key = Udp("0.0.0.0", "0.0.0.0", 1000, pick(2) ? 53 : 80);
            key.local = address(pick(2));
            key.remote = address(pick(3));
            auto d = pick(2) ? IpsecPolicy::INBOUND : IpsecPolicy::OUTBOUND;
            const IpsecPolicy* want = reference(d, key);
            ASSERT_EQ(spd->Lookup(d, key), want) << "step " << step;
            matched += want != nullptr;
            for (const IpsecPolicy& p : spd->GetPolicies())
            {
                ASSERT_EQ(spd->Find(p.id), &p);
            }
        }
    }
    EXPECT_GT(hostEntries, 100u);
    EXPECT_GT(matched, 500u) << "the keys must hit entries for the comparison to mean anything";
    EXPECT_EQ(spd->Find(0xffffffff), nullptr);
}

TEST(ReplayWindow, AcceptsEachSequenceOnceWithinTheWindow)
{
    ReplayWindow w(64);
    EXPECT_FALSE(w.Check(0)) << "sequence numbers start at 1 (RFC 4303 3.3.3)";
    EXPECT_TRUE(w.Check(1));
    w.Update(1);
    EXPECT_FALSE(w.Check(1)) << "a replay is refused";
    w.Update(5);
    EXPECT_TRUE(w.Check(3)) << "a late packet inside the window is accepted";
    w.Update(3);
    EXPECT_FALSE(w.Check(3));
    EXPECT_FALSE(w.Check(5));
    w.Update(100);
    EXPECT_FALSE(w.Check(36)) << "left of the window (100 - 64)";
    EXPECT_TRUE(w.Check(37)) << "the oldest number still inside the window";
    EXPECT_FALSE(w.Check(100));
    w.Update(37);
    EXPECT_FALSE(w.Check(37));
    w.Update(101);
    EXPECT_FALSE(w.Check(37)) << "slid out of the window";
    EXPECT_FALSE(w.Check(100)) << "still remembered after the slide";
    EXPECT_TRUE(w.Check(99));
}

TEST(ReplayWindow, WorksForWindowsWiderThanOneWord)
{
    ReplayWindow w(1024);
    for (uint32_t s = 1; s <= 2000; s += 2)
    {
        ASSERT_TRUE(w.Check(s));
        w.Update(s);
    }
    EXPECT_TRUE(w.Check(1998)) << "an even number never seen";
    EXPECT_FALSE(w.Check(1999));
    EXPECT_TRUE(w.Check(1000)) << "inside the 1024 window";
    EXPECT_FALSE(w.Check(975)) << "left of the window";
}

TEST(SecurityAssociationDatabase, FindsInboundBySpiAndOutboundByPolicy)
{
    Ptr<SecurityAssociationDatabase> sad = CreateObject<SecurityAssociationDatabase>();
    SecurityAssociation::Parameters in;
    in.spi = 0x1000;
    in.direction = SecurityAssociation::INBOUND;
    ASSERT_NE(sad->Install(in), nullptr);
    EXPECT_EQ(sad->Install(in), nullptr) << "an inbound SPI is unique at its receiver";
    EXPECT_NE(sad->FindInbound(IPSEC_PROTOCOL_ESP, 0x1000), nullptr);
    EXPECT_EQ(sad->FindInbound(IPSEC_PROTOCOL_AH, 0x1000), nullptr) << "keyed by protocol too";

    SecurityAssociation::Parameters out;
    out.spi = 0x2000;
    out.policyId = 7;
    sad->Install(out);
    out.spi = 0x2001; // rekeyed
    sad->Install(out);
    ASSERT_NE(sad->FindOutbound(7), nullptr);
    EXPECT_EQ(sad->FindOutbound(7)->GetSpi(), 0x2001u) << "the newest SA of a policy is used";
    EXPECT_TRUE(sad->Remove(IPSEC_PROTOCOL_ESP, 0x2001, SecurityAssociation::OUTBOUND));
    EXPECT_EQ(sad->FindOutbound(7)->GetSpi(), 0x2000u);
    EXPECT_EQ(sad->GetAll().size(), 2u);
    Simulator::Destroy();
}

TEST(SecurityAssociation, ExpiresByBytesAndTime)
{
    SecurityAssociation::Parameters p;
    p.softByteLimit = 1000;
    p.hardByteLimit = 2000;
    p.hardLifetime = Seconds(60);
    SecurityAssociation sa(p);
    sa.SetInstallTime(Seconds(10));
    sa.AddTraffic(1500);
    EXPECT_TRUE(sa.IsSoftExpired(Seconds(11)));
    EXPECT_FALSE(sa.IsHardExpired(Seconds(11)));
    EXPECT_TRUE(sa.IsHardExpired(Seconds(70)));
    sa.AddTraffic(500);
    EXPECT_TRUE(sa.IsHardExpired(Seconds(11)));
    EXPECT_EQ(sa.NextSequence(), 1u);
    EXPECT_EQ(sa.NextSequence(), 2u);
}

namespace
{

IpsecTrafficKey
Udp6(const char* local, const char* remote, uint16_t localPort, uint16_t remotePort)
{
    IpsecTrafficKey key = IpsecTrafficKey::ForIpv6(Ipv6Address(local), Ipv6Address(remote), 17);
    key.localPort = localPort;
    key.remotePort = remotePort;
    return key;
}

} // namespace

TEST(IpsecSelector, MatchesIpv6PrefixesProtocolAndPorts)
{
    // RFC 4301 4.4.1.1: selector addresses may be IPv6 prefixes.
    IpsecSelector s = IpsecSelector::SubnetToSubnet(Ipv6Address("2001:db8:1::"),
                                                    Ipv6Prefix(48),
                                                    Ipv6Address("2001:db8:2:3::"),
                                                    Ipv6Prefix(64));
    EXPECT_TRUE(s.IsIpv6());
    EXPECT_EQ(s.family, IPSEC_FAMILY_IPV6);
    EXPECT_TRUE(s.Matches(Udp6("2001:db8:1:7::7", "2001:db8:2:3::9", 1000, 2000)));
    EXPECT_FALSE(s.Matches(Udp6("2001:db8:1:7::7", "2001:db8:2:4::9", 1000, 2000)))
        << "remote outside the /64";
    EXPECT_FALSE(s.Matches(Udp6("2001:db9:1::7", "2001:db8:2:3::9", 1000, 2000)))
        << "local outside the /48";
    s.protocol = 6;
    EXPECT_FALSE(s.Matches(Udp6("2001:db8:1::7", "2001:db8:2:3::9", 1000, 2000)));
    s.protocol = 17;
    s.remotePortStart = s.remotePortEnd = 53;
    EXPECT_TRUE(s.Matches(Udp6("2001:db8:1::7", "2001:db8:2:3::9", 1000, 53)));
    EXPECT_FALSE(s.Matches(Udp6("2001:db8:1::7", "2001:db8:2:3::9", 1000, 54)));

    // A prefix length that is not a multiple of 8 compares the partial byte.
    IpsecSelector odd = IpsecSelector::SubnetToSubnet(Ipv6Address("2001:db8::"),
                                                      Ipv6Prefix(33),
                                                      Ipv6Address::GetAny(),
                                                      Ipv6Prefix::GetZero());
    EXPECT_TRUE(odd.Matches(Udp6("2001:db8:7fff::1", "::1", 1, 2)));
    EXPECT_FALSE(odd.Matches(Udp6("2001:db8:8000::1", "::1", 1, 2)));
}

TEST(IpsecSelector, NeverMatchesAcrossFamilies)
{
    IpsecSelector any4 = IpsecSelector::Any(IPSEC_FAMILY_IPV4);
    IpsecSelector any6 = IpsecSelector::Any(IPSEC_FAMILY_IPV6);
    EXPECT_TRUE(any4.Matches(Udp("10.0.0.1", "10.0.0.2", 1, 2)));
    EXPECT_FALSE(any4.Matches(Udp6("2001:db8::1", "2001:db8::2", 1, 2))) << "0.0.0.0/0 is not ::/0";
    EXPECT_TRUE(any6.Matches(Udp6("2001:db8::1", "2001:db8::2", 1, 2)));
    EXPECT_FALSE(any6.Matches(Udp("10.0.0.1", "10.0.0.2", 1, 2)));
    EXPECT_FALSE(any4.IsWithin(any6));
    EXPECT_FALSE(any4 == any6);
    EXPECT_TRUE(IpsecSelector() == any4) << "a default selector is IPv4, as before";
}

TEST(IpsecSelector, KnowsWhenOneIpv6SelectorLiesWithinAnother)
{
    IpsecSelector host =
        IpsecSelector::HostToHost(Ipv6Address("2001:db8:1::5"), Ipv6Address("2001:db8:2::4"));
    IpsecSelector nets = IpsecSelector::SubnetToSubnet(Ipv6Address("2001:db8:1::"),
                                                       Ipv6Prefix(48),
                                                       Ipv6Address("2001:db8:2::"),
                                                       Ipv6Prefix(48));
    EXPECT_TRUE(host.IsWithin(nets));
    EXPECT_FALSE(nets.IsWithin(host));
    EXPECT_TRUE(nets.IsWithin(IpsecSelector::Any(IPSEC_FAMILY_IPV6)));
    IpsecSelector elsewhere =
        IpsecSelector::HostToHost(Ipv6Address("2001:db8:3::5"), Ipv6Address("2001:db8:2::4"));
    EXPECT_FALSE(elsewhere.IsWithin(nets));
}

TEST(IpsecSelector, Ipv6SidesReadBackAsPrefixesAndRanges)
{
    IpsecSelector s;
    s.SetLocal(Ipv6Address("2001:db8:1:2:3:4:5:6"), Ipv6Prefix(64));
    s.SetRemote(Ipv6Address("2001:db8:aa::1"), Ipv6Prefix(128));
    EXPECT_TRUE(s.IsIpv6());
    EXPECT_EQ(s.localAddress6, Ipv6Address("2001:db8:1:2::")) << "host bits cleared";
    EXPECT_EQ(s.GetLocalPrefix6().GetPrefixLength(), 64);
    auto local = s.GetLocalRange6();
    EXPECT_EQ(local.first, Ipv6Address("2001:db8:1:2::"));
    EXPECT_EQ(local.second, Ipv6Address("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    auto remote = s.GetRemoteRange6();
    EXPECT_EQ(remote.first, Ipv6Address("2001:db8:aa::1"));
    EXPECT_EQ(remote.second, Ipv6Address("2001:db8:aa::1"));
    std::ostringstream text;
    text << s;
    EXPECT_EQ(text.str(), "2001:db8:1:2::/64[0-65535] <-> 2001:db8:aa::1/128[0-65535] proto 0");

    // The tunnel-mode source check reads the remote side alone.
    EXPECT_TRUE(s.MatchesRemote(Udp6("2001:db8:1:2::9", "2001:db8:aa::1", 1, 2)));
    EXPECT_FALSE(s.MatchesRemote(Udp6("2001:db8:1:2::9", "2001:db8:aa::2", 1, 2)));
    EXPECT_TRUE(s.WithAnyRemote().Matches(Udp6("2001:db8:1:2::9", "2001:db8:aa::2", 1, 2)));
}

TEST(SecurityPolicyDatabase, LooksUpIpv6Entries)
{
    Ptr<SecurityPolicyDatabase> spd = CreateObject<SecurityPolicyDatabase>();
    IpsecPolicy v4;
    v4.selector = IpsecSelector::Any(IPSEC_FAMILY_IPV4);
    v4.action = IpsecPolicy::DISCARD;
    spd->Add(v4);
    IpsecPolicy v6;
    v6.selector = IpsecSelector::HostToHost(Ipv6Address("2001:db8::1"), Ipv6Address("2001:db8::2"));
    v6.action = IpsecPolicy::PROTECT;
    uint32_t id = spd->Add(v6);
    const IpsecPolicy* p =
        spd->Lookup(IpsecPolicy::OUTBOUND, Udp6("2001:db8::1", "2001:db8::2", 1, 2));
    ASSERT_NE(p, nullptr) << "the IPv4 catch-all does not swallow IPv6 traffic";
    EXPECT_EQ(p->id, id);
}
