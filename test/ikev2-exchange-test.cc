/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKEv2 exchanges between two daemons, message by message (RFC 7296):
// IKE_SA_INIT and IKE_AUTH with and without a NAT between the peers, the
// failure cases, retransmissions, cookies, the configuration payload,
// liveness and delete. Each step names the message it delivers.

#include "ikev2-test-util.h"

#include "ns3/ike-notify-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/ikev2-encrypted-payload.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ikev2test;

namespace
{

uint8_t
ExchangeOf(Ptr<const Packet> p)
{
    return Ikev2Pair::Parse(p).GetHeader().GetExchangeType();
}

bool
HasNotify(const IkeMessage& m, uint16_t type)
{
    for (const auto& payload : m.GetPayloads())
    {
        const auto* n = dynamic_cast<const IkeNotifyPayload*>(payload.get());
        if (n && n->GetNotifyType() == type)
        {
            return true;
        }
    }
    return false;
}

} // namespace

TEST(Ikev2Exchange, EstablishesWithPresharedKeysInFourMessages)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    ASSERT_NE(sa, nullptr);
    EXPECT_EQ(sa->GetState(), IkeSa::CONNECTING);

    // IKE_SA_INIT request: SA, KE, Ni, N(NAT_DETECTION_*), N(FRAGMENTATION_SUPPORTED).
    ASSERT_EQ(p.tr->GetPending(), 1u);
    IkeMessage init = Ikev2Pair::Parse(p.tr->PeekPending());
    EXPECT_EQ(init.GetHeader().GetExchangeType(), IsakmpHeader::IKEV2_IKE_SA_INIT);
    EXPECT_EQ(init.GetHeader().GetResponderSpi(), 0u);
    EXPECT_TRUE(init.GetHeader().HasFlag(IsakmpHeader::IKEV2_INITIATOR));
    EXPECT_NE(init.FindPayload(IKEV2_PAYLOAD_SA), nullptr);
    EXPECT_NE(init.FindPayload(IKEV2_PAYLOAD_KE), nullptr);
    EXPECT_NE(init.FindPayload(IKEV2_PAYLOAD_NONCE), nullptr);
    EXPECT_TRUE(HasNotify(init, IkeNotifyPayload::NAT_DETECTION_SOURCE_IP));
    EXPECT_TRUE(HasNotify(init, IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP));
    EXPECT_TRUE(HasNotify(init, IkeNotifyPayload::IKEV2_FRAGMENTATION_SUPPORTED));
    ASSERT_TRUE(p.ToResponder());

    // IKE_SA_INIT response: SA, KE, Nr, NAT-D, with the responder's SPI.
    ASSERT_EQ(p.ti->GetPending(), 1u);
    IkeMessage initResponse = Ikev2Pair::Parse(p.ti->PeekPending());
    EXPECT_TRUE(initResponse.GetHeader().HasFlag(IsakmpHeader::IKEV2_RESPONSE));
    EXPECT_NE(initResponse.GetHeader().GetResponderSpi(), 0u);
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetResponderSpi(), initResponse.GetHeader().GetResponderSpi());
    EXPECT_TRUE(sa->Has(IkeSa::COND_FRAGMENTATION));

    // IKE_AUTH request: one SK payload, message ID 1, still on port 500 (no NAT).
    ASSERT_EQ(p.tr->GetPending(), 1u);
    IkeMessage auth = Ikev2Pair::Parse(p.tr->PeekPending());
    EXPECT_EQ(auth.GetHeader().GetExchangeType(), IsakmpHeader::IKEV2_IKE_AUTH);
    EXPECT_EQ(auth.GetHeader().GetMessageId(), 1u);
    ASSERT_EQ(auth.GetPayloads().size(), 1u);
    EXPECT_EQ(auth.GetPayloads()[0]->GetPayloadType(), IKEV2_PAYLOAD_SK);
    ASSERT_TRUE(p.ToResponder());
    Ptr<IkeSa> rsa = p.ResponderSa();
    ASSERT_NE(rsa, nullptr);
    EXPECT_EQ(rsa->GetState(), IkeSa::ESTABLISHED);

    // IKE_AUTH response: IDr, AUTH, SA, TSi, TSr.
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_TRUE(sa->Has(IkeSa::COND_AUTHENTICATED));
    EXPECT_FALSE(sa->IsBehindNat());
    EXPECT_EQ(sa->GetLocal().port, IKE_UDP_PORT);
    EXPECT_EQ(p.logI.natDetected, 0u);

    // One child SA pair, the SPIs crossed, installed in both SADs unencapsulated.
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    ASSERT_EQ(rsa->GetChildSas().size(), 1u);
    const IkeChildSa& ci = sa->GetChildSas()[0];
    const IkeChildSa& cr = rsa->GetChildSas()[0];
    EXPECT_EQ(ci.inboundSpi, cr.outboundSpi);
    EXPECT_EQ(ci.outboundSpi, cr.inboundSpi);
    EXPECT_EQ(ci.encapsulation.type, IpsecEncapsulation::NONE);
    EXPECT_EQ(ci.mode, IPSEC_MODE_TUNNEL);
    EXPECT_EQ(ci.selector.remoteAddress, Ipv4Address("192.168.1.0"));
    EXPECT_EQ(cr.selector.remoteAddress, Ipv4Address("10.0.0.0"));
    Ptr<SecurityAssociation> in = p.sadI->FindInbound(IPSEC_PROTOCOL_ESP, ci.inboundSpi);
    Ptr<SecurityAssociation> out = p.sadR->FindInbound(IPSEC_PROTOCOL_ESP, cr.inboundSpi);
    ASSERT_NE(in, nullptr);
    ASSERT_NE(out, nullptr);
    // The keys one side sends with are those the other receives with.
    auto all = p.sadR->GetAll();
    bool matched = false;
    for (const auto& s : all)
    {
        if (s->GetSpi() == ci.inboundSpi)
        {
            matched = s->GetParameters().transform.encryptionKey ==
                      in->GetParameters().transform.encryptionKey;
        }
    }
    EXPECT_TRUE(matched);
    EXPECT_EQ(p.logI.established, 1u);
    EXPECT_EQ(p.logR.established, 1u);
    EXPECT_TRUE(p.logI.failures.empty());
    EXPECT_EQ(p.tr->GetPending() + p.ti->GetPending(), 0u);
}

TEST(Ikev2Exchange, DetectsANatAndFloatsTo4500)
{
    Ikev2Pair p(InitiatorConfig(), ResponderConfig(), true);
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    // IKE_SA_INIT request leaves from 500, arrives from the NAT's 61000.
    ASSERT_TRUE(p.ToResponder());
    Ptr<IkeSa> rsa = p.ResponderSa();
    EXPECT_TRUE(rsa->Has(IkeSa::COND_NAT_THERE)) << "the responder sees the initiator's NAT";
    EXPECT_FALSE(rsa->Has(IkeSa::COND_NAT_HERE));
    // IKE_SA_INIT response.
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_TRUE(sa->Has(IkeSa::COND_NAT_HERE)) << "the initiator learns it is behind a NAT";
    EXPECT_FALSE(sa->Has(IkeSa::COND_NAT_THERE));
    EXPECT_TRUE(sa->Has(IkeSa::COND_FLOATED));
    EXPECT_EQ(sa->GetLocal().port, IKE_NAT_T_UDP_PORT);
    EXPECT_EQ(sa->GetRemote().port, IKE_NAT_T_UDP_PORT);
    // IKE_AUTH request, from 4500 through the NAT (62000).
    ASSERT_TRUE(p.ToResponder());
    EXPECT_EQ(p.logR.receivedFrom.back(), (IkeEndpoint{kNatAddress, 62000}));
    EXPECT_EQ(rsa->GetRemote(), (IkeEndpoint{kNatAddress, 62000}));
    EXPECT_EQ(rsa->GetLocal().port, IKE_NAT_T_UDP_PORT);
    // IKE_AUTH response.
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(rsa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(p.logI.natDetected, 1u);
    EXPECT_EQ(p.logR.natDetected, 1u);
    // ESP in UDP on the IKE SA's ports (RFC 3948).
    const IkeChildSa& ci = sa->GetChildSas().at(0);
    const IkeChildSa& cr = rsa->GetChildSas().at(0);
    EXPECT_EQ(ci.encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
    EXPECT_EQ(ci.encapsulation.localPort, IKE_NAT_T_UDP_PORT);
    EXPECT_EQ(ci.encapsulation.remotePort, IKE_NAT_T_UDP_PORT);
    EXPECT_EQ(cr.encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
    EXPECT_EQ(cr.encapsulation.remotePort, 62000) << "the responder sends to the NAT mapping";
    Ptr<SecurityAssociation> s = p.sadR->FindInbound(IPSEC_PROTOCOL_ESP, cr.inboundSpi);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->GetParameters().encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
}

TEST(Ikev2Exchange, StartsOn4500WhenConfigured)
{
    IkePeerConfig c = InitiatorConfig();
    c.startOn4500 = true;
    Ikev2Pair p(c, ResponderConfig(), true);
    Ptr<IkeSa> sa = p.Establish();
    EXPECT_EQ(p.logR.receivedFrom.front(), (IkeEndpoint{kNatAddress, 62000}));
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(sa->GetLocal().port, IKE_NAT_T_UDP_PORT);
}

TEST(Ikev2Exchange, FakesANatToForceEncapsulation)
{
    IkePeerConfig c = InitiatorConfig();
    c.forceEncapsulation = true;
    Ikev2Pair p(c);
    Ptr<IkeSa> sa = p.Establish();
    Ptr<IkeSa> rsa = p.ResponderSa();
    EXPECT_TRUE(sa->Has(IkeSa::COND_NAT_FAKED));
    EXPECT_FALSE(sa->Has(IkeSa::COND_NAT_HERE));
    EXPECT_TRUE(rsa->Has(IkeSa::COND_NAT_THERE)) << "the bogus source hash looks like a NAT";
    EXPECT_EQ(sa->GetLocal().port, IKE_NAT_T_UDP_PORT);
    EXPECT_EQ(sa->GetChildSas().at(0).encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
    EXPECT_EQ(rsa->GetChildSas().at(0).encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
}

TEST(Ikev2Exchange, LegacyPeerWithoutNatTraversalNegotiatesPlainIke)
{
    IkePeerConfig c = InitiatorConfig();
    c.natTraversal = IkePeerConfig::NATT_NONE;
    Ikev2Pair p(c);
    Ptr<IkeSa> sa = p.Establish();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_FALSE(sa->Has(IkeSa::COND_NATT_SUPPORTED));
    EXPECT_FALSE(p.ResponderSa()->Has(IkeSa::COND_NATT_SUPPORTED));
    EXPECT_EQ(sa->GetChildSas().at(0).encapsulation.type, IpsecEncapsulation::NONE);
}

TEST(Ikev2Exchange, WrongPresharedKeyFailsAuthentication)
{
    IkePeerConfig c = InitiatorConfig();
    c.presharedKey = {'w', 'r', 'o', 'n', 'g'};
    Ikev2Pair p(c);
    Ptr<IkeSa> sa = p.Establish();
    Ptr<IkeSa> rsa = p.ResponderSa();
    EXPECT_EQ(rsa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(rsa->GetFailureReason(), "auth-failed");
    // The IKE_AUTH response carried AUTHENTICATION_FAILED.
    EXPECT_EQ(sa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(sa->GetFailureReason(), "auth-failed");
    EXPECT_TRUE(sa->GetChildSas().empty());
    EXPECT_TRUE(p.sadR->GetAll().empty());
    EXPECT_EQ(p.r->GetFailureCount("auth-failed"), 1u);
}

TEST(Ikev2Exchange, IdentityMismatchIsRefused)
{
    IkePeerConfig c = InitiatorConfig();
    c.localId = IkeIdentity::Fqdn("mallory.natt.test");
    Ikev2Pair p(c);
    Ptr<IkeSa> sa = p.Establish();
    EXPECT_EQ(p.ResponderSa()->GetFailureReason(), "id-mismatch");
    EXPECT_EQ(sa->GetFailureReason(), "auth-failed");
    ASSERT_EQ(p.logR.failures.size(), 1u);
    EXPECT_EQ(p.logR.failures[0], "id-mismatch");
}

TEST(Ikev2Exchange, NoCommonProposalIsAnsweredWithNoProposalChosen)
{
    IkePeerConfig c = InitiatorConfig();
    c.proposal.encryptionKeyBits = 128;
    Ikev2Pair p(c);
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    // IKE_SA_INIT request.
    ASSERT_TRUE(p.ToResponder());
    // IKE_SA_INIT response: N(NO_PROPOSAL_CHOSEN) alone.
    IkeMessage response = Ikev2Pair::Parse(p.ti->PeekPending());
    EXPECT_TRUE(HasNotify(response, IkeNotifyPayload::NO_PROPOSAL_CHOSEN));
    EXPECT_EQ(response.FindPayload(IKEV2_PAYLOAD_KE), nullptr);
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetFailureReason(), "no-proposal");
    EXPECT_EQ(p.ResponderSa()->GetFailureReason(), "no-proposal");
    EXPECT_EQ(p.tr->GetPending(), 0u);
}

TEST(Ikev2Exchange, Curve25519AndSha1PrfEstablishToo)
{
    IkePeerConfig c = InitiatorConfig();
    IkePeerConfig r = ResponderConfig();
    for (auto* config : {&c, &r})
    {
        config->proposal.dhGroup = 31;
        config->proposal.prf = 2;
        config->proposal.integrity = 2;
        config->proposal.encryptionKeyBits = 128;
    }
    Ikev2Pair p(c, r);
    Ptr<IkeSa> sa = p.Establish();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(p.ResponderSa()->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev2Exchange, LostRequestIsRetransmitted)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    ASSERT_TRUE(p.ToResponder()); // IKE_SA_INIT request
    ASSERT_TRUE(p.ToInitiator()); // IKE_SA_INIT response
    // IKE_AUTH request: lost.
    ASSERT_TRUE(p.tr->DropNext());
    Simulator::Stop(Seconds(4.5));
    Simulator::Run();
    // IKE_AUTH request again, after the 4 s retransmission timeout.
    ASSERT_EQ(p.tr->GetPending(), 1u);
    EXPECT_EQ(p.logI.retransmits, 1u);
    EXPECT_EQ(sa->retransmissions, 1u);
    ASSERT_TRUE(p.ToResponder());
    ASSERT_TRUE(p.ToInitiator()); // IKE_AUTH response
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev2Exchange, LostResponseIsResentFromTheCache)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    ASSERT_TRUE(p.ToResponder()); // IKE_SA_INIT request
    ASSERT_TRUE(p.ToInitiator()); // IKE_SA_INIT response
    ASSERT_TRUE(p.ToResponder()); // IKE_AUTH request
    Ptr<Packet> first = p.ti->PeekPending()->Copy();
    ASSERT_TRUE(p.ti->DropNext()); // IKE_AUTH response: lost
    Simulator::Stop(Seconds(4.5));
    Simulator::Run();
    // IKE_AUTH request retransmitted; the responder answers from its cache
    // (RFC 7296 2.1) without processing it again.
    ASSERT_TRUE(p.ToResponder());
    ASSERT_EQ(p.ti->GetPending(), 1u);
    Ptr<const Packet> again = p.ti->PeekPending();
    ASSERT_EQ(again->GetSize(), first->GetSize());
    std::vector<uint8_t> a(first->GetSize());
    std::vector<uint8_t> b(again->GetSize());
    first->CopyData(a.data(), a.size());
    again->CopyData(b.data(), b.size());
    EXPECT_EQ(a, b) << "the same bytes, not a new response";
    EXPECT_EQ(p.logR.established, 1u);
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev2Exchange, UnansweredRequestsTimeOut)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    // IKE_SA_INIT request and all five retransmissions: lost.
    for (int k = 0; k < 7; ++k)
    {
        while (p.tr->DropNext())
        {
        }
        Simulator::Stop(Seconds(60));
        Simulator::Run();
    }
    EXPECT_EQ(sa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(sa->GetFailureReason(), "timeout");
    EXPECT_EQ(sa->retransmissions, 5u);
}

TEST(Ikev2Exchange, ResponderUnderLoadAsksForACookie)
{
    Ikev2Pair p;
    p.hr->SetAttribute("CookieThreshold", UintegerValue(0));
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    // IKE_SA_INIT request without a cookie.
    ASSERT_TRUE(p.ToResponder());
    EXPECT_TRUE(p.r->GetSas().empty()) << "no state kept for it";
    EXPECT_EQ(p.r->GetDropCount("cookie-required"), 1u);
    // IKE_SA_INIT response: N(COOKIE) only.
    IkeMessage cookie = Ikev2Pair::Parse(p.ti->PeekPending());
    EXPECT_TRUE(HasNotify(cookie, IkeNotifyPayload::COOKIE));
    ASSERT_TRUE(p.ToInitiator());
    // IKE_SA_INIT request again, N(COOKIE) first.
    IkeMessage retry = Ikev2Pair::Parse(p.tr->PeekPending());
    ASSERT_FALSE(retry.GetPayloads().empty());
    EXPECT_EQ(retry.GetPayloads()[0]->GetPayloadType(), IKEV2_PAYLOAD_NOTIFY);
    EXPECT_EQ(retry.GetHeader().GetMessageId(), 0u);
    ASSERT_TRUE(p.ToResponder());
    ASSERT_TRUE(p.ToInitiator()); // IKE_SA_INIT response
    ASSERT_TRUE(p.ToResponder()); // IKE_AUTH request
    ASSERT_TRUE(p.ToInitiator()); // IKE_AUTH response
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev2Exchange, TheCookieThresholdCountsOnlySasStillHalfOpen)
{
    // RFC 7296 2.6: cookies are asked for while too many SAs are half-open;
    // one that has authenticated no longer counts.
    Ikev2Pair p;
    p.hr->SetAttribute("CookieThreshold", UintegerValue(1));
    p.i->Initiate("gateway");
    ASSERT_TRUE(p.ToResponder()); // the first IKE_SA_INIT request: state kept
    ASSERT_EQ(p.r->GetSas().size(), 1u);
    p.i->Initiate("gateway");
    ASSERT_TRUE(p.ToResponder()); // the second, while the first is half-open
    EXPECT_EQ(p.r->GetDropCount("cookie-required"), 1u);
    EXPECT_EQ(p.r->GetSas().size(), 1u) << "no state kept for it";
    ASSERT_TRUE(p.ToInitiator()); // the first's IKE_SA_INIT response
    ASSERT_TRUE(p.ToResponder()); // its IKE_AUTH request
    ASSERT_EQ(p.ResponderSa()->GetState(), IkeSa::ESTABLISHED);
    p.i->Initiate("gateway");
    ASSERT_TRUE(p.ToResponder()); // a third, with no SA half-open
    EXPECT_EQ(p.r->GetDropCount("cookie-required"), 1u) << "no cookie asked for";
    EXPECT_EQ(p.r->GetSas().size(), 2u);
}

TEST(Ikev2Exchange, GatewayAssignsAnInnerAddressThroughTheConfigurationPayload)
{
    IkePeerConfig c = InitiatorConfig();
    c.children[0].requestVirtualIp = true;
    c.children[0].selector.remoteAddress = Ipv4Address("0.0.0.0");
    c.children[0].selector.remoteMask = Ipv4Mask("0.0.0.0");
    IkePeerConfig r = ResponderConfig();
    r.addressPool = Ipv4Address("10.99.0.1");
    r.addressPoolSize = 10;
    r.children[0].selector.remoteAddress = Ipv4Address("0.0.0.0");
    r.children[0].selector.remoteMask = Ipv4Mask("0.0.0.0");
    Ikev2Pair p(c, r, true);
    Ptr<IkeSa> sa = p.Establish();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    const IkeChildSa& ci = sa->GetChildSas().at(0);
    const IkeChildSa& cr = p.ResponderSa()->GetChildSas().at(0);
    EXPECT_EQ(ci.selector.localAddress, Ipv4Address("10.99.0.1"));
    EXPECT_EQ(ci.selector.localMask, Ipv4Mask("255.255.255.255"));
    EXPECT_EQ(cr.selector.remoteAddress, Ipv4Address("10.99.0.1"));
    EXPECT_EQ(cr.selector.localAddress, Ipv4Address("192.168.1.0"));
    EXPECT_EQ(p.hi->GetTaskManager(sa)->GetContext().virtualIp, Ipv4Address("10.99.0.1"));
}

TEST(Ikev2Exchange, LivenessCheckIsAnswered)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.Establish();
    p.hi->CheckLiveness(sa);
    // INFORMATIONAL request: an SK payload with nothing inside.
    ASSERT_EQ(ExchangeOf(p.tr->PeekPending()), IsakmpHeader::IKEV2_INFORMATIONAL);
    ASSERT_TRUE(p.ToResponder());
    // INFORMATIONAL response.
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_FALSE(p.hi->GetTaskManager(sa)->IsBusy());
}

TEST(Ikev2Exchange, DeadPeerTimesOutTheLivenessCheck)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.Establish();
    p.hi->CheckLiveness(sa);
    for (int k = 0; k < 7; ++k)
    {
        while (p.tr->DropNext())
        {
        }
        Simulator::Stop(Seconds(60));
        Simulator::Run();
    }
    EXPECT_EQ(sa->GetFailureReason(), "timeout");
}

TEST(Ikev2Exchange, DeleteRemovesTheIkeSaAndItsChildrenOnBothSides)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.Establish();
    Ptr<IkeSa> rsa = p.ResponderSa();
    EXPECT_EQ(p.sadI->GetAll().size(), 2u);
    p.i->GetHandler(2)->Delete(sa);
    EXPECT_EQ(sa->GetState(), IkeSa::DELETING);
    // INFORMATIONAL request: D(IKE).
    ASSERT_TRUE(p.ToResponder());
    EXPECT_EQ(rsa->GetState(), IkeSa::DESTROYED);
    EXPECT_TRUE(p.r->GetSas().empty());
    EXPECT_TRUE(p.sadR->GetAll().empty());
    // INFORMATIONAL response (empty).
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::DESTROYED);
    EXPECT_TRUE(p.i->GetSas().empty());
    EXPECT_TRUE(p.sadI->GetAll().empty());
}

TEST(Ikev2Exchange, SameSeedsGiveTheSameBytes)
{
    auto run = []() {
        Ikev2Pair p(InitiatorConfig(), ResponderConfig(), true);
        p.Establish();
        std::vector<std::vector<uint8_t>> out;
        for (const auto* t : {&p.ti, &p.tr})
        {
            for (const auto& m : (*t)->GetSent())
            {
                std::vector<uint8_t> bytes(m->GetSize());
                m->CopyData(bytes.data(), bytes.size());
                out.push_back(bytes);
            }
        }
        return out;
    };
    auto a = run();
    auto b = run();
    ASSERT_EQ(a.size(), 4u);
    EXPECT_EQ(a, b);
}

TEST(Ikev2Exchange, ResponderWithoutTheOfferedGroupAnswersNoProposalChosen)
{
    IkePeerConfig r = ResponderConfig();
    r.proposal.dhGroup = 31;
    IkePeerConfig c = InitiatorConfig();
    Ikev2Pair p(c, r);
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    // IKE_SA_INIT request with a MODP-2048 KE; the responder accepts only Curve25519.
    ASSERT_TRUE(p.ToResponder());
    // IKE_SA_INIT response: N(NO_PROPOSAL_CHOSEN), since the proposal names group 14.
    IkeMessage response = Ikev2Pair::Parse(p.ti->PeekPending());
    EXPECT_TRUE(HasNotify(response, IkeNotifyPayload::NO_PROPOSAL_CHOSEN));
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetFailureReason(), "no-proposal");
}

TEST(Ikev2Exchange, NatRebindingMovesTheEncapsulatedChildSas)
{
    Ikev2Pair p(InitiatorConfig(), ResponderConfig(), true);
    Ptr<IkeSa> sa = p.Establish();
    Ptr<IkeSa> rsa = p.ResponderSa();
    ASSERT_EQ(rsa->GetRemote(), (IkeEndpoint{kNatAddress, 62000}));
    // The NAT forgets the mapping and picks a new port for 4500.
    p.ti->SetPathCallback(MakeCallback(+[](IkeEndpoint& source, IkeEndpoint&) {
        source = {kNatAddress, uint16_t(source.port == IKE_UDP_PORT ? 61000 : 63000)};
        return true;
    }));
    p.tr->SetPathCallback(MakeCallback(+[](IkeEndpoint&, IkeEndpoint& destination) {
        if (destination.address == kNatAddress)
        {
            destination = {kInitiatorAddress, IKE_NAT_T_UDP_PORT};
        }
        return true;
    }));
    // INFORMATIONAL (liveness) request from the new port, and its response.
    p.hi->CheckLiveness(sa);
    ASSERT_TRUE(p.ToResponder());
    EXPECT_EQ(rsa->GetRemote(), (IkeEndpoint{kNatAddress, 63000}));
    const IkeChildSa& child = rsa->GetChildSas().at(0);
    EXPECT_EQ(child.encapsulation.remotePort, 63000);
    for (const auto& s : p.sadR->GetAll())
    {
        EXPECT_EQ(s->GetParameters().encapsulation.remotePort, 63000);
    }
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev2Exchange, SecondChildSaComesInItsOwnCreateChildSa)
{
    IkePeerConfig c = InitiatorConfig();
    IkePeerConfig r = ResponderConfig();
    IkeChildConfig second = c.children[0];
    second.name = "dmz";
    second.mode = IPSEC_MODE_TRANSPORT;
    second.selector = IpsecSelector::HostToHost(kInitiatorAddress, kResponderAddress, 17);
    c.children.push_back(second);
    IkeChildConfig mirrored = second;
    mirrored.selector = IpsecSelector::HostToHost(kResponderAddress, kInitiatorAddress, 17);
    r.children.push_back(mirrored);
    Ikev2Pair p(c, r);
    Ptr<IkeSa> sa = p.Establish();
    // CREATE_CHILD_SA request: SA, Ni, TSi, TSr, N(USE_TRANSPORT_MODE).
    ASSERT_EQ(ExchangeOf(p.tr->PeekPending()), IsakmpHeader::IKEV2_CREATE_CHILD_SA);
    ASSERT_TRUE(p.ToResponder());
    // CREATE_CHILD_SA response.
    ASSERT_TRUE(p.ToInitiator());
    ASSERT_EQ(sa->GetChildSas().size(), 2u);
    const IkeChildSa& dmz = p.ResponderSa()->GetChildSas().at(1);
    EXPECT_EQ(dmz.name, "dmz");
    EXPECT_EQ(dmz.mode, IPSEC_MODE_TRANSPORT);
    EXPECT_EQ(sa->GetChildSas()[1].mode, IPSEC_MODE_TRANSPORT);
    EXPECT_EQ(dmz.selector.protocol, 17);
    EXPECT_EQ(p.sadI->GetAll().size(), 4u);
}

TEST(Ikev2Exchange, ResponderNarrowsAnyProtocolToItsChildSelectors)
{
    // RFC 7296 2.9: the initiator asks for every protocol (TSi protocol 0);
    // the responder's policy allows UDP alone, so both ends install UDP.
    IkePeerConfig r = ResponderConfig();
    r.children[0].selector.protocol = 17;
    Ikev2Pair p(InitiatorConfig(), r);
    Ptr<IkeSa> sa = p.Establish();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    ASSERT_EQ(p.ResponderSa()->GetChildSas().size(), 1u);
    EXPECT_EQ(p.ResponderSa()->GetChildSas()[0].selector.protocol, 17);
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    EXPECT_EQ(sa->GetChildSas()[0].selector.protocol, 17);
}

TEST(Ikev2Exchange, ResponderRefusesAProtocolItsChildSelectorsExclude)
{
    // The initiator asks for TCP; the responder's child allows UDP alone.
    // Taking TSi's protocol unchecked gave the initiator a TCP SA that the
    // responder's policy never allowed (RFC 7296 2.9, RFC 3715 3).
    IkePeerConfig c = InitiatorConfig();
    c.children[0].selector.protocol = 6;
    IkePeerConfig r = ResponderConfig();
    r.children[0].selector.protocol = 17;
    Ikev2Pair p(c, r);
    Ptr<IkeSa> sa = p.Establish();
    EXPECT_TRUE(p.ResponderSa()->GetChildSas().empty());
    EXPECT_TRUE(p.sadR->GetAll().empty());
    EXPECT_TRUE(sa->GetChildSas().empty());
    EXPECT_TRUE(p.sadI->GetAll().empty());
    // The same pair with the responder allowing TCP gets its child.
    r.children[0].selector.protocol = 6;
    Ikev2Pair q(c, r);
    Ptr<IkeSa> ok = q.Establish();
    ASSERT_EQ(q.ResponderSa()->GetChildSas().size(), 1u);
    EXPECT_EQ(q.ResponderSa()->GetChildSas()[0].selector.protocol, 6);
}
