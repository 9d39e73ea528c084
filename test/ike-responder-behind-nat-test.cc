/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The initiator policy IkeDaemon::AllowResponderBehindNat (Windows since
// XP SP2 refuses servers behind a NAT, Wikipedia NAT traversal): which side
// NAT detection puts the NAT on decides, for IKEv1 (RFC 3947 3.2) and
// IKEv2 (RFC 7296 2.23). Message by message over the loopback transport,
// with a NAT that forwards UDP 500 and 4500 to the responder.

#include "ikev1-test-util.h"
#include "ikev2-test-util.h"

#include "ns3/boolean.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

// RFC 5737 / RFC 1918: the address the initiator knows the server by
// (its NAT's), and the server's own behind it.
const Ipv4Address kServerPublic("203.0.113.80");
const Ipv4Address kServerPrivate("172.16.0.2");

/// A NAPT in front of the responder whose forwarding rules send UDP 500 and
/// 4500 to it unchanged; only the address is rewritten.
struct ForwardingNat
{
    /// What the initiator sends: to the public address, forwarded inside.
    static bool Inbound(IkeEndpoint& /* source */, IkeEndpoint& destination)
    {
        if (destination.address == kServerPublic)
        {
            destination.address = kServerPrivate;
        }
        return true;
    }

    /// What the responder sends: from the NAT's public address.
    static bool Outbound(IkeEndpoint& source, IkeEndpoint& /* destination */)
    {
        if (source.address == kServerPrivate)
        {
            source.address = kServerPublic;
        }
        return true;
    }

    static void Install(Ptr<IkeLoopbackTransport> initiator, Ptr<IkeLoopbackTransport> responder)
    {
        initiator->SetPathCallback(MakeCallback(&ForwardingNat::Inbound));
        responder->SetPathCallback(MakeCallback(&ForwardingNat::Outbound));
    }
};

void
RefuseServersBehindNat(Ptr<IkeDaemon> daemon)
{
    daemon->SetAttribute("AllowResponderBehindNat", BooleanValue(false));
}

/// An IKEv2 pair whose responder sits behind ForwardingNat.
struct Ikev2ServerBehindNat : ikev2test::Ikev2Pair
{
    static IkePeerConfig Initiator()
    {
        IkePeerConfig c = ikev2test::InitiatorConfig();
        c.remote.address = kServerPublic;
        return c;
    }

    static IkePeerConfig Responder()
    {
        IkePeerConfig c = ikev2test::ResponderConfig();
        c.local.address = kServerPrivate;
        return c;
    }

    Ikev2ServerBehindNat()
        : Ikev2Pair(Initiator(), Responder())
    {
        ForwardingNat::Install(ti, tr);
    }
};

/// An IKEv1 pair whose responder sits behind ForwardingNat.
struct Ikev1ServerBehindNat : ikev1test::Ikev1Pair
{
    explicit Ikev1ServerBehindNat(IkePeerConfig::Ikev1Mode mode)
    {
        ci.remote.address = kServerPublic;
        ci.ikev1Mode = mode;
        cr.local.address = kServerPrivate;
        cr.ikev1Mode = mode;
        UseDatabases();
        ForwardingNat::Install(ti, tr);
    }
};

} // namespace

TEST(ResponderBehindNat, Ikev2InitiatorAllowsItByDefaultAndFloats)
{
    Ikev2ServerBehindNat p;
    Ptr<IkeSa> sa = p.Establish();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_TRUE(sa->Has(IkeSa::COND_NAT_THERE)) << "NAT_DETECTION_SOURCE_IP did not match";
    EXPECT_FALSE(sa->Has(IkeSa::COND_NAT_HERE));
    EXPECT_TRUE(p.ResponderSa()->Has(IkeSa::COND_NAT_HERE));
    EXPECT_EQ(sa->GetRemote(), (IkeEndpoint{kServerPublic, IKE_NAT_T_UDP_PORT}));
}

TEST(ResponderBehindNat, Ikev2InitiatorRefusesItAfterIkeSaInit)
{
    Ikev2ServerBehindNat p;
    RefuseServersBehindNat(p.i);
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    ASSERT_TRUE(p.ToResponder()); // IKE_SA_INIT request
    ASSERT_TRUE(p.ToInitiator()); // IKE_SA_INIT response, with the NAT_DETECTION notifies
    EXPECT_EQ(sa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(sa->GetFailureReason(), IkeDaemon::SERVER_BEHIND_NAT_REFUSED);
    EXPECT_EQ(p.logI.failures, std::vector<std::string>{IkeDaemon::SERVER_BEHIND_NAT_REFUSED});
    EXPECT_EQ(p.i->GetFailureCount(IkeDaemon::SERVER_BEHIND_NAT_REFUSED), 1u);
    EXPECT_EQ(p.tr->GetPending(), 0u) << "no IKE_AUTH follows";
    EXPECT_EQ(p.logI.established, 0u);
}

TEST(ResponderBehindNat, Ikev1MainModeInitiatorRefusesItAtMessage4)
{
    Ikev1ServerBehindNat p(IkePeerConfig::MAIN_MODE);
    RefuseServersBehindNat(p.i);
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(sa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(sa->GetFailureReason(), IkeDaemon::SERVER_BEHIND_NAT_REFUSED);
    EXPECT_EQ(p.i->GetFailureCount(IkeDaemon::SERVER_BEHIND_NAT_REFUSED), 1u);
    // Four Main Mode messages, then nothing: the refusal sends no error
    // notify, so the responder has no authentication failure to report.
    EXPECT_EQ(p.ti->GetSent().size(), 2u);
    EXPECT_EQ(p.tr->GetSent().size(), 2u);
    EXPECT_EQ(p.r->GetFailureCount("auth-failed"), 0u);
    EXPECT_NE(p.ResponderSa()->GetState(), IkeSa::ESTABLISHED);
}

TEST(ResponderBehindNat, Ikev1AggressiveModeInitiatorRefusesItAtMessage2)
{
    Ikev1ServerBehindNat p(IkePeerConfig::AGGRESSIVE_MODE);
    RefuseServersBehindNat(p.i);
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(sa->GetFailureReason(), IkeDaemon::SERVER_BEHIND_NAT_REFUSED);
    EXPECT_EQ(p.ti->GetSent().size(), 1u) << "no message 3";
}

TEST(ResponderBehindNat, Ikev1InitiatorAllowsItByDefault)
{
    for (auto mode : {IkePeerConfig::MAIN_MODE, IkePeerConfig::AGGRESSIVE_MODE})
    {
        Ikev1ServerBehindNat p(mode);
        Ptr<IkeSa> sa = p.Start();
        p.Run();
        EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED) << int(mode);
        EXPECT_TRUE(sa->Has(IkeSa::COND_NAT_THERE)) << int(mode);
        EXPECT_TRUE(sa->Has(IkeSa::COND_FLOATED)) << int(mode);
    }
}

// The policy is about the responder: a NAT in front of the initiator, which
// the responder sees as a NAT there, refuses nothing, whichever daemon
// holds the policy.
TEST(ResponderBehindNat, AnInitiatorBehindANatIsNeverRefused)
{
    ikev2test::Ikev2Pair v2(ikev2test::InitiatorConfig(), ikev2test::ResponderConfig(), true);
    RefuseServersBehindNat(v2.i);
    RefuseServersBehindNat(v2.r);
    Ptr<IkeSa> sa = v2.Establish();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_TRUE(sa->Has(IkeSa::COND_NAT_HERE));
    EXPECT_TRUE(v2.ResponderSa()->Has(IkeSa::COND_NAT_THERE));
    EXPECT_EQ(v2.ResponderSa()->GetState(), IkeSa::ESTABLISHED);

    ikev1test::Ikev1Pair v1;
    v1.nat = true;
    v1.UseDatabases();
    RefuseServersBehindNat(v1.i);
    RefuseServersBehindNat(v1.r);
    Ptr<IkeSa> sa1 = v1.Start();
    v1.Run();
    EXPECT_EQ(sa1->GetState(), IkeSa::ESTABLISHED);
    EXPECT_TRUE(sa1->Has(IkeSa::COND_NAT_HERE));
    EXPECT_EQ(v1.ResponderSa()->GetState(), IkeSa::ESTABLISHED);
}

// RefusesResponderBehindNat reads only the role, the peer's NAT and the policy.
TEST(ResponderBehindNat, OnlyAnInitiatorWithTheResponderBehindANatIsRefused)
{
    Ptr<IkeDaemon> daemon = CreateObject<IkeDaemon>();
    Ptr<IkeSa> sa = CreateObject<IkeSa>();
    sa->SetInitiator(true);
    sa->Set(IkeSa::COND_NAT_THERE);
    EXPECT_FALSE(daemon->RefusesResponderBehindNat(sa)) << "allowed by default";
    RefuseServersBehindNat(daemon);
    EXPECT_TRUE(daemon->RefusesResponderBehindNat(sa));
    sa->SetInitiator(false);
    EXPECT_FALSE(daemon->RefusesResponderBehindNat(sa)) << "a responder has no such policy";
    sa->SetInitiator(true);
    sa->Set(IkeSa::COND_NAT_THERE, false);
    sa->Set(IkeSa::COND_NAT_HERE);
    sa->Set(IkeSa::COND_NAT_FAKED);
    EXPECT_FALSE(daemon->RefusesResponderBehindNat(sa)) << "our own NAT, real or faked";
    daemon->Dispose();
}
