/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// CREATE_CHILD_SA rekeying (RFC 7296 1.3.2, 1.3.3, 2.8, 2.18) started by
// either side, through a NAT: the responder's requests must reach the
// initiator through its floated, translated port.

#include "ikev2-test-util.h"

#include "ns3/ike-delete-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-ports.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ikev2test;

namespace
{

struct Endpoints
{
    IkeEndpoint source;
    IkeEndpoint destination;
};

/// Outbound NAPT for the initiator that also records where packets went.
std::vector<Endpoints> g_fromResponder;

bool
RecordingInbound(IkeEndpoint& source, IkeEndpoint& destination)
{
    g_fromResponder.push_back({source, destination});
    return Napt::Inbound(source, destination);
}

} // namespace

TEST(Ikev2Rekey, InitiatorRekeysTheChildSaAndDeletesTheOldOne)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.Establish();
    Ptr<IkeSa> rsa = p.ResponderSa();
    IkeChildSa old = sa->GetChildSas().at(0);
    p.hi->RekeyChildSa(sa, old.inboundSpi);
    // CREATE_CHILD_SA request: N(REKEY_SA), SA, Ni, TSi, TSr.
    ASSERT_TRUE(p.ToResponder());
    ASSERT_EQ(rsa->GetChildSas().size(), 2u) << "new pair installed beside the old one";
    EXPECT_TRUE(rsa->GetChildSas()[0].rekeyed);
    // CREATE_CHILD_SA response.
    ASSERT_TRUE(p.ToInitiator());
    ASSERT_EQ(sa->GetChildSas().size(), 2u);
    EXPECT_EQ(p.sadI->GetAll().size(), 4u);
    // INFORMATIONAL request: D(ESP, old inbound SPI).
    IkeMessage del = Ikev2Pair::Parse(p.tr->PeekPending());
    EXPECT_EQ(del.GetHeader().GetExchangeType(), IsakmpHeader::IKEV2_INFORMATIONAL);
    ASSERT_TRUE(p.ToResponder());
    ASSERT_EQ(rsa->GetChildSas().size(), 1u);
    // INFORMATIONAL response: D(ESP, the responder's old inbound SPI).
    ASSERT_TRUE(p.ToInitiator());
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    const IkeChildSa& fresh = sa->GetChildSas()[0];
    EXPECT_NE(fresh.inboundSpi, old.inboundSpi);
    EXPECT_EQ(fresh.inboundSpi, rsa->GetChildSas()[0].outboundSpi);
    EXPECT_EQ(fresh.outboundSpi, rsa->GetChildSas()[0].inboundSpi);
    EXPECT_EQ(p.sadI->GetAll().size(), 2u);
    EXPECT_EQ(p.sadR->GetAll().size(), 2u);
    EXPECT_EQ(p.sadI->FindInbound(IPSEC_PROTOCOL_ESP, old.inboundSpi), nullptr);
    EXPECT_NE(p.sadI->FindInbound(IPSEC_PROTOCOL_ESP, fresh.inboundSpi), nullptr);
    EXPECT_EQ(p.logI.children, 2u);
}

TEST(Ikev2Rekey, ResponderRekeysTheChildSaThroughTheNat)
{
    g_fromResponder.clear();
    Ikev2Pair p(InitiatorConfig(), ResponderConfig(), true);
    p.tr->SetPathCallback(MakeCallback(&RecordingInbound));
    Ptr<IkeSa> sa = p.Establish();
    Ptr<IkeSa> rsa = p.ResponderSa();
    ASSERT_EQ(rsa->GetState(), IkeSa::ESTABLISHED);
    g_fromResponder.clear();
    IkeChildSa old = rsa->GetChildSas().at(0);
    p.hr->RekeyChildSa(rsa, old.inboundSpi);
    // CREATE_CHILD_SA request from the responder: message ID 0 of its own
    // sequence, sent to the NAT mapping of the initiator's port 4500.
    ASSERT_EQ(g_fromResponder.size(), 1u);
    EXPECT_EQ(g_fromResponder[0].destination, (IkeEndpoint{kNatAddress, 62000}))
        << "to the NAT mapping of the floated port";
    EXPECT_EQ(g_fromResponder[0].source.port, IKE_NAT_T_UDP_PORT);
    IkeMessage request = Ikev2Pair::Parse(p.ti->PeekPending());
    EXPECT_EQ(request.GetHeader().GetMessageId(), 0u);
    EXPECT_FALSE(request.GetHeader().HasFlag(IsakmpHeader::IKEV2_INITIATOR));
    ASSERT_TRUE(p.ToInitiator());
    // CREATE_CHILD_SA response.
    ASSERT_TRUE(p.ToResponder());
    // INFORMATIONAL: D(ESP) from the responder, and its response.
    ASSERT_TRUE(p.ToInitiator());
    ASSERT_TRUE(p.ToResponder());
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    ASSERT_EQ(rsa->GetChildSas().size(), 1u);
    EXPECT_NE(rsa->GetChildSas()[0].inboundSpi, old.inboundSpi);
    EXPECT_EQ(sa->GetChildSas()[0].outboundSpi, rsa->GetChildSas()[0].inboundSpi);
    EXPECT_EQ(sa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
    EXPECT_EQ(rsa->GetChildSas()[0].encapsulation.remotePort, 62000);
    EXPECT_EQ(p.sadR->GetAll().size(), 2u);
}

TEST(Ikev2Rekey, ChildRekeyWithPerfectForwardSecrecyRunsAFreshExchange)
{
    IkePeerConfig c = InitiatorConfig();
    IkePeerConfig r = ResponderConfig();
    c.children[0].pfsGroup = 31;
    r.children[0].pfsGroup = 31;
    Ikev2Pair p(c, r);
    Ptr<IkeSa> sa = p.Establish();
    p.hi->RekeyChildSa(sa, sa->GetChildSas().at(0).inboundSpi);
    // CREATE_CHILD_SA request with KEi.
    IkeMessage request = Ikev2Pair::Parse(p.tr->PeekPending());
    (void)request;
    p.tr->DeliverAll();
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    EXPECT_EQ(p.ResponderSa()->GetChildSas().size(), 1u);
    EXPECT_EQ(p.logI.children, 2u);
}

TEST(Ikev2Rekey, InitiatorRekeysTheIkeSa)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.Establish();
    Ptr<IkeSa> rsa = p.ResponderSa();
    IkeChildSa child = sa->GetChildSas().at(0);
    p.hi->RekeyIkeSa(sa);
    EXPECT_EQ(sa->GetState(), IkeSa::REKEYING);
    // CREATE_CHILD_SA request: SA(IKE, new SPIi), Ni, KEi.
    ASSERT_TRUE(p.ToResponder());
    ASSERT_EQ(p.r->GetSas().size(), 2u);
    Ptr<IkeSa> rnew = p.ResponderSa(true);
    EXPECT_EQ(rnew->GetState(), IkeSa::ESTABLISHED);
    EXPECT_FALSE(rnew->IsInitiator());
    // CREATE_CHILD_SA response: SA(IKE, new SPIr), Nr, KEr.
    ASSERT_TRUE(p.ToInitiator());
    Ptr<IkeSa> inew = p.InitiatorSa(true);
    ASSERT_NE(inew, sa);
    EXPECT_EQ(inew->GetInitiatorSpi(), rnew->GetInitiatorSpi());
    EXPECT_EQ(inew->GetResponderSpi(), rnew->GetResponderSpi());
    EXPECT_NE(inew->GetInitiatorSpi(), sa->GetInitiatorSpi());
    // The child SA moved to the new IKE SA on both sides.
    ASSERT_EQ(inew->GetChildSas().size(), 1u);
    EXPECT_EQ(inew->GetChildSas()[0].inboundSpi, child.inboundSpi);
    EXPECT_EQ(rnew->GetChildSas().size(), 1u);
    // Same keys on both sides.
    const auto& ki = p.hi->GetTaskManager(inew)->GetContext().keys;
    const auto& kr = p.hr->GetTaskManager(rnew)->GetContext().keys;
    EXPECT_EQ(ki.GetSkD(), kr.GetSkD());
    EXPECT_EQ(ki.GetSkEi(), kr.GetSkEi());
    EXPECT_NE(ki.GetSkD(), p.hi->GetTaskManager(sa)->GetContext().keys.GetSkD());
    // INFORMATIONAL request on the old SA: D(IKE); its response.
    ASSERT_TRUE(p.ToResponder());
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::DESTROYED);
    EXPECT_EQ(rsa->GetState(), IkeSa::DESTROYED);
    EXPECT_EQ(p.i->GetSas().size(), 1u);
    EXPECT_EQ(p.r->GetSas().size(), 1u);
    EXPECT_EQ(p.sadI->GetAll().size(), 2u) << "the children survive the IKE SA rekey";
    // The new IKE SA works: a liveness check on it.
    p.hi->CheckLiveness(inew);
    ASSERT_TRUE(p.ToResponder());
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(inew->GetState(), IkeSa::ESTABLISHED);
    // And a child rekey on it.
    p.hi->RekeyChildSa(inew, child.inboundSpi);
    p.tr->DeliverAll();
    EXPECT_EQ(inew->GetChildSas().size(), 1u);
    EXPECT_NE(inew->GetChildSas()[0].inboundSpi, child.inboundSpi);
}

TEST(Ikev2Rekey, ResponderRekeysTheIkeSaThroughTheNat)
{
    g_fromResponder.clear();
    Ikev2Pair p(InitiatorConfig(), ResponderConfig(), true);
    p.tr->SetPathCallback(MakeCallback(&RecordingInbound));
    Ptr<IkeSa> sa = p.Establish();
    Ptr<IkeSa> rsa = p.ResponderSa();
    g_fromResponder.clear();
    p.hr->RekeyIkeSa(rsa);
    // CREATE_CHILD_SA request from the responder, to the floated port.
    ASSERT_EQ(g_fromResponder.size(), 1u);
    EXPECT_EQ(g_fromResponder[0].destination, (IkeEndpoint{kNatAddress, 62000}))
        << "to the NAT mapping of the floated port";
    ASSERT_TRUE(p.ToInitiator());
    // CREATE_CHILD_SA response.
    ASSERT_TRUE(p.ToResponder());
    Ptr<IkeSa> rnew = p.ResponderSa(true);
    Ptr<IkeSa> inew = p.InitiatorSa(true);
    EXPECT_TRUE(rnew->IsInitiator()) << "whoever rekeys initiates the new SA (RFC 7296 2.18)";
    EXPECT_FALSE(inew->IsInitiator());
    EXPECT_TRUE(inew->Has(IkeSa::COND_NAT_HERE));
    EXPECT_EQ(rnew->GetRemote(), (IkeEndpoint{kNatAddress, 62000}));
    // INFORMATIONAL: D(IKE) for the old SA, and its response.
    ASSERT_TRUE(p.ToInitiator());
    ASSERT_TRUE(p.ToResponder());
    EXPECT_EQ(sa->GetState(), IkeSa::DESTROYED);
    EXPECT_EQ(rsa->GetState(), IkeSa::DESTROYED);
    // Rekey the child from the initiator on the new SA: works with the new keys.
    p.hi->RekeyChildSa(inew, inew->GetChildSas().at(0).inboundSpi);
    p.tr->DeliverAll();
    EXPECT_EQ(inew->GetChildSas().size(), 1u);
    EXPECT_EQ(rnew->GetChildSas().size(), 1u);
    EXPECT_EQ(inew->GetChildSas()[0].outboundSpi, rnew->GetChildSas()[0].inboundSpi);
    EXPECT_TRUE(p.logI.failures.empty());
    EXPECT_TRUE(p.logR.failures.empty());
}

TEST(Ikev2Rekey, LifetimesRekeyTheChildAndTheIkeSaOnTheirOwn)
{
    IkePeerConfig c = InitiatorConfig();
    c.ikeLifetime = Seconds(100);
    c.ikeRekeyMargin = Seconds(10);
    c.children[0].lifetime = Seconds(40);
    c.children[0].rekeyMargin = Seconds(5);
    Ikev2Pair p(c, ResponderConfig(), true);
    // Messages arrive 10 ms after they are sent, without the test's help.
    p.ti->SetAutoDelivery(MilliSeconds(10));
    p.tr->SetAutoDelivery(MilliSeconds(10));
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    Simulator::Stop(Seconds(120));
    Simulator::Run();
    EXPECT_EQ(sa->GetState(), IkeSa::DESTROYED) << "replaced at 90 s";
    ASSERT_EQ(p.i->GetSas().size(), 1u);
    Ptr<IkeSa> current = p.InitiatorSa();
    EXPECT_EQ(current->GetState(), IkeSa::ESTABLISHED);
    ASSERT_EQ(current->GetChildSas().size(), 1u);
    // The child was rekeyed at 35 s, 70 s and, on the new IKE SA, at 105 s.
    EXPECT_EQ(p.logI.children, 4u);
    EXPECT_EQ(p.sadI->GetAll().size(), 2u);
    EXPECT_TRUE(p.logI.failures.empty());
    EXPECT_TRUE(p.logR.failures.empty());
}

TEST(Ikev2Rekey, DeadPeerDetectionNoticesAPeerThatIsGone)
{
    IkePeerConfig c = InitiatorConfig();
    c.dpdDelay = Seconds(30);
    Ikev2Pair p(c);
    Ptr<IkeSa> sa = p.Establish();
    // The responder vanishes: everything sent to it is lost from now on.
    p.ti->SetPathCallback(MakeCallback(+[](IkeEndpoint&, IkeEndpoint&) { return false; }));
    Simulator::Stop(Seconds(300));
    Simulator::Run();
    EXPECT_EQ(sa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(sa->GetFailureReason(), "timeout");
}
