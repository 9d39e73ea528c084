/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKEv1 exchanges between two in-process peers, message by message
// (strongSwan's exchange tests): Main and Aggressive Mode, PSK and
// certificates, Quick Mode with and without PFS, NAT-T per RFC 3947 and
// draft-stenberg, rekeying, retransmission, DPD and the failure cases.

#include "ikev1-test-util.h"

#include "ns3/ike-delete-payload.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/ike-vendor-ids.h"
#include "ns3/ikev1-informational-task.h"
#include "ns3/ikev1-isakmp-natd-task.h"
#include "ns3/ikev1-sa-payload.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

using namespace ns3;
using namespace ns3::ikev1test;

namespace
{

bool
HasVendorId(const IkeMessage& m, const std::vector<uint8_t>& vid)
{
    for (std::size_t k = 0; m.FindPayload(IKEV1_PAYLOAD_VENDOR_ID, k); ++k)
    {
        if (m.Find<IkeVendorIdPayload>(IKEV1_PAYLOAD_VENDOR_ID, k)->GetData() == vid)
        {
            return true;
        }
    }
    return false;
}

/// SHA-256 straight from OpenSSL's EVP_Digest, beside natt's wrappers.
Bytes
Sha256(const Bytes& data)
{
    Bytes out(32);
    unsigned int n = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &n, EVP_sha256(), nullptr);
    return out;
}

Bytes
U64(uint64_t v)
{
    Bytes b(8);
    for (int k = 7; k >= 0; --k, v >>= 8)
    {
        b[k] = uint8_t(v);
    }
    return b;
}

} // namespace

TEST(Ikev1MainMode, PskEstablishesPhase1AndAQuickModeWithoutNat)
{
    Ikev1Pair p;
    Ptr<IkeSa> sa = p.Start();
    // Main Mode message 1 (SA, vendor IDs) waits at the responder.
    ASSERT_EQ(p.tr->GetPending(), 1u);
    IkeMessage m1 = Parse(p.tr->PeekPending());
    EXPECT_EQ(m1.GetHeader().GetExchangeType(), IsakmpHeader::IKEV1_MAIN_MODE);
    EXPECT_EQ(m1.GetHeader().GetResponderSpi(), 0u) << "the responder cookie is not known yet";
    EXPECT_TRUE(HasVendorId(m1, kIkeVendorIdRfc3947));
    ASSERT_TRUE(p.ToResponder());
    // Message 2: the responder's cookie and its choice.
    IkeMessage m2 = Parse(p.ti->PeekPending());
    EXPECT_NE(m2.GetHeader().GetResponderSpi(), 0u);
    ASSERT_TRUE(p.ToInitiator());
    // Messages 3 and 4: KE, nonces and NAT-D, in the clear.
    IkeMessage m3 = Parse(p.tr->PeekPending());
    EXPECT_NE(m3.FindPayload(IKEV1_PAYLOAD_KE), nullptr);
    EXPECT_NE(m3.FindPayload(IKEV1_PAYLOAD_NAT_D, 1), nullptr);
    ASSERT_TRUE(p.ToResponder());
    ASSERT_TRUE(p.ToInitiator());
    // Message 5: encrypted, and still on port 500 without a NAT.
    IkeMessage m5 = Parse(p.tr->PeekPending());
    EXPECT_TRUE(m5.GetHeader().HasFlag(IsakmpHeader::IKEV1_ENCRYPTION));
    EXPECT_EQ(p.wire.back().source.port, IKE_UDP_PORT);
    ASSERT_TRUE(p.ToResponder());
    // Message 6 establishes the initiator, which starts Quick Mode.
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    Ptr<IkeSa> rsa = p.ResponderSa();
    EXPECT_EQ(rsa->GetState(), IkeSa::ESTABLISHED);
    // Quick Mode messages 1-3.
    IkeMessage q1 = Parse(p.tr->PeekPending());
    EXPECT_EQ(q1.GetHeader().GetExchangeType(), IsakmpHeader::IKEV1_QUICK_MODE);
    EXPECT_NE(q1.GetHeader().GetMessageId(), 0u);
    p.Run();
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    ASSERT_EQ(rsa->GetChildSas().size(), 1u);
    EXPECT_EQ(sa->GetChildSas()[0].inboundSpi, rsa->GetChildSas()[0].outboundSpi);
    EXPECT_EQ(sa->GetChildSas()[0].outboundSpi, rsa->GetChildSas()[0].inboundSpi);
    EXPECT_EQ(sa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::NONE);
    EXPECT_FALSE(sa->IsBehindNat());
    EXPECT_TRUE(sa->Has(IkeSa::COND_NATT_SUPPORTED));
    EXPECT_EQ(p.wire.size(), 9u) << "six Main Mode and three Quick Mode messages";
    EXPECT_NE(p.hi->GetWiresharkDecryptionTable(), "");
}

TEST(Ikev1MainMode, DetectsANatAndFloatsTo4500FromMessage5)
{
    Ikev1Pair p;
    p.nat = true;
    p.UseDatabases();
    int natEvents = 0;
    p.i->TraceConnectWithoutContext("NatDetected", MakeCallback(+[](int* n, Ptr<const IkeSa>) {
                                                       ++*n;
                                                   }).Bind(&natEvents));
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    Ptr<IkeSa> rsa = p.ResponderSa();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    ASSERT_EQ(rsa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_TRUE(sa->Has(IkeSa::COND_NAT_HERE));
    EXPECT_FALSE(sa->Has(IkeSa::COND_NAT_THERE));
    EXPECT_TRUE(rsa->Has(IkeSa::COND_NAT_THERE));
    EXPECT_FALSE(rsa->Has(IkeSa::COND_NAT_HERE));
    EXPECT_EQ(natEvents, 1);
    // Messages 1-4 on 500, message 5 on 4500 from 4500 (RFC 3947 4).
    EXPECT_EQ(p.wire[3].destination.port, 10500);
    EXPECT_EQ(p.wire[4].source.port, 14500) << "the NAT mapped the initiator's 4500";
    EXPECT_EQ(p.wire[4].destination.port, IKE_NAT_T_UDP_PORT);
    EXPECT_EQ(rsa->GetRemote(), (IkeEndpoint{kNatPublic, 14500}))
        << "the responder keeps the peer's current endpoint";
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    const IkeChildSa& child = sa->GetChildSas()[0];
    EXPECT_EQ(child.encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
    EXPECT_EQ(child.encapsulation.localPort, IKE_NAT_T_UDP_PORT);
    EXPECT_EQ(rsa->GetChildSas()[0].encapsulation.remotePort, 14500);
    // Both directions are in each side's SAD, keys matching crosswise.
    auto in = p.i->GetSad()->FindInbound(IPSEC_PROTOCOL_ESP, child.inboundSpi);
    auto peerOut = p.r->GetSad()->GetAll();
    ASSERT_NE(in, nullptr);
    bool matched = false;
    for (const auto& s : peerOut)
    {
        if (s->GetSpi() == child.inboundSpi &&
            s->GetParameters().direction == SecurityAssociation::OUTBOUND)
        {
            matched = s->GetParameters().transform.encryptionKey ==
                          in->GetParameters().transform.encryptionKey &&
                      s->GetParameters().transform.integrityKey ==
                          in->GetParameters().transform.integrityKey;
        }
    }
    EXPECT_TRUE(matched) << "KEYMAT agrees on both ends of the SA";
    EXPECT_EQ(in->GetParameters().transform.encryptionKey.size(), 16u);
    EXPECT_EQ(in->GetParameters().transform.integrityKey.size(), 32u);
}

TEST(Ikev1MainMode, NatDHashesAreThoseOfRfc3947)
{
    Ikev1Pair p;
    p.nat = true;
    p.Start();
    p.Run();
    // Main Mode message 3, as the responder got it.
    IkeMessage m3 = Parse(p.wire[2].packet);
    uint64_t ckyI = m3.GetHeader().GetInitiatorSpi();
    uint64_t ckyR = m3.GetHeader().GetResponderSpi();
    auto natd = [&](Ipv4Address a, uint16_t port) {
        uint8_t ip[4];
        a.Serialize(ip);
        return Sha256(Concat(U64(ckyI),
                             U64(ckyR),
                             Bytes(ip, ip + 4),
                             Bytes{uint8_t(port >> 8), uint8_t(port)}));
    };
    const auto* d0 = m3.Find<IkeNatDPayload>(IKEV1_PAYLOAD_NAT_D, 0);
    const auto* d1 = m3.Find<IkeNatDPayload>(IKEV1_PAYLOAD_NAT_D, 1);
    ASSERT_NE(d0, nullptr);
    ASSERT_NE(d1, nullptr);
    EXPECT_EQ(d0->GetData(), natd(kResponder, IKE_UDP_PORT)) << "first the destination as sent";
    EXPECT_EQ(d1->GetData(), natd(kInitiator, IKE_UDP_PORT)) << "then the sender's own address";
    EXPECT_NE(d1->GetData(), natd(p.wire[2].source.GetIpv4(), p.wire[2].source.port))
        << "which is not what the NAT made of it";
    // Message 4: the responder hashes what it saw, the NAT's address.
    IkeMessage m4 = Parse(p.wire[3].packet);
    EXPECT_EQ(m4.Find<IkeNatDPayload>(IKEV1_PAYLOAD_NAT_D, 0)->GetData(), natd(kNatPublic, 10500));
    EXPECT_EQ(m4.Find<IkeNatDPayload>(IKEV1_PAYLOAD_NAT_D, 1)->GetData(),
              natd(kResponder, IKE_UDP_PORT));
}

TEST(Ikev1AggressiveMode, PskThroughANatEstablishesAndFloatsForMessage3)
{
    Ikev1Pair p;
    p.nat = true;
    p.ci.ikev1Mode = IkePeerConfig::AGGRESSIVE_MODE;
    Ptr<IkeSa> sa = p.Start();
    // Aggressive Mode message 1 carries SA, KE, nonce and the identity in the clear.
    IkeMessage a1 = Parse(p.tr->PeekPending());
    EXPECT_EQ(a1.GetHeader().GetExchangeType(), IsakmpHeader::IKEV1_AGGRESSIVE);
    EXPECT_NE(a1.FindPayload(IKEV1_PAYLOAD_ID), nullptr);
    EXPECT_NE(a1.FindPayload(IKEV1_PAYLOAD_KE), nullptr);
    p.Run();
    Ptr<IkeSa> rsa = p.ResponderSa();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(rsa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_TRUE(sa->Has(IkeSa::COND_NAT_HERE));
    // Message 3's NAT-D hash the ports it travels on (4500), so the
    // responder sees the NAT on the initiator's side only.
    EXPECT_FALSE(rsa->Has(IkeSa::COND_NAT_HERE));
    EXPECT_TRUE(rsa->Has(IkeSa::COND_NAT_THERE));
    // Message 2 has NAT-D; message 3 goes to 4500 (RFC 3947 4).
    EXPECT_NE(Parse(p.wire[1].packet).FindPayload(IKEV1_PAYLOAD_NAT_D), nullptr);
    EXPECT_EQ(p.wire[2].destination.port, IKE_NAT_T_UDP_PORT);
    ASSERT_EQ(rsa->GetChildSas().size(), 1u);
    EXPECT_EQ(rsa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
}

TEST(Ikev1Certificates, MainModeWithRsaSignaturesAndAChainEstablishes)
{
    Ikev1Pair p;
    p.UseCertificates();
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(p.ResponderSa()->GetState(), IkeSa::ESTABLISHED);
    EXPECT_GT(p.wire[4].packet->GetSize(), 1000u) << "message 5 carries two certificates";
}

TEST(Ikev1Certificates, AggressiveModeWithRsaSignaturesEstablishes)
{
    Ikev1Pair p;
    p.UseCertificates();
    p.ci.ikev1Mode = IkePeerConfig::AGGRESSIVE_MODE;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(p.ResponderSa()->GetState(), IkeSa::ESTABLISHED);
    EXPECT_NE(Parse(p.wire[1].packet).FindPayload(IKEV1_PAYLOAD_SIG), nullptr);
}

TEST(Ikev1Certificates, ATamperedMessageFailsSignatureVerification)
{
    Ikev1Pair p;
    p.UseCertificates();
    p.ci.ikev1Mode = IkePeerConfig::AGGRESSIVE_MODE;
    Ptr<IkeSa> sa = p.Start();
    ASSERT_TRUE(p.ToResponder());
    // Aggressive Mode message 2 in the clear: change one byte of the responder's nonce.
    Ptr<const Packet> m2 = p.ti->PeekPending();
    IkeMessage parsed = Parse(m2);
    auto* nonce = dynamic_cast<IkeNoncePayload*>(
        const_cast<IkePayload*>(parsed.FindPayload(IKEV1_PAYLOAD_NONCE)));
    ASSERT_NE(nonce, nullptr);
    Bytes n = nonce->GetData();
    n[0] ^= 0x01;
    nonce->SetData(n);
    Ptr<Packet> tampered = Create<Packet>();
    tampered->AddHeader(parsed);
    p.ti->DropNext();
    p.tr->Send(tampered, {kResponder, IKE_UDP_PORT}, {kInitiator, IKE_UDP_PORT});
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(sa->GetFailureReason(), "auth-failed");
}

TEST(Ikev1Certificates, ABigCertificateMakesAMessage5ThatMustFragment)
{
    Ikev1Pair p;
    p.nat = true;
    p.UseCertificates();
    TestPki pki(NATT_SOURCE_DIR);
    p.ci.certificatePem = *pki.ReadCertificatePem(TestPki::Entity::Big);
    p.ci.privateKeyPem = *pki.ReadKeyPem(TestPki::Entity::Big);
    p.ci.localId = IkeIdentity::UserFqdn("big@natt.test");
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_GT(p.wire[4].packet->GetSize(), 6000u)
        << "Main Mode message 5 is larger than any common MTU";
}

TEST(Ikev1Certificates, ACertificateFromAnUntrustedCaFails)
{
    Ikev1Pair p;
    p.UseCertificates();
    TestPki pki(NATT_SOURCE_DIR);
    p.cr.certificatePem = *pki.ReadCertificatePem(TestPki::Entity::Rogue);
    p.cr.privateKeyPem = *pki.ReadKeyPem(TestPki::Entity::Rogue);
    p.cr.chainPem.clear();
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(p.ResponderSa()->GetState(), IkeSa::ESTABLISHED) << "the responder trusts the client";
    EXPECT_EQ(sa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(sa->GetFailureReason(), "auth-failed") << "the impostor's chain does not verify";
}

TEST(Ikev1Certificates, AnIdentityTheCertificateDoesNotNameFails)
{
    Ikev1Pair p;
    p.UseCertificates();
    p.ci.localId = IkeIdentity::Fqdn("gateway.natt.test"); // the client's certificate says client
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(p.ResponderSa()->GetFailureReason(), "id-mismatch");
    EXPECT_EQ(sa->GetFailureReason(), "id-mismatch");
}

TEST(Ikev1QuickMode, WithPfsSendsKeAndInstallsDifferentKeys)
{
    Ikev1Pair p;
    p.UseDatabases();
    p.ci.children[0].pfsGroup = 14;
    p.cr.children[0].pfsGroup = 14;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    ASSERT_EQ(p.ResponderSa()->GetChildSas().size(), 1u);
    // The Quick Mode messages are encrypted; their KE is checked through
    // the size: a 256-byte MODP-2048 value makes message 1 far larger.
    EXPECT_GT(p.wire[6].packet->GetSize(), 400u);
    auto sad = p.i->GetSad()->GetAll();
    ASSERT_EQ(sad.size(), 2u);
    EXPECT_NE(sad[0]->GetParameters().transform.encryptionKey,
              sad[1]->GetParameters().transform.encryptionKey)
        << "each direction has its own KEYMAT";
}

// RFC 2407 4.4.1, 4.4.3: an AH proposal (protocol 2, transform AH_SHA2_256
// with its authentication algorithm, no key length) installs AH SAs whose
// integrity keys agree, and a delete names protocol AH.
TEST(Ikev1QuickMode, NegotiatesAhWhenBothSidesAskForIt)
{
    Ikev1Pair p;
    p.UseDatabases();
    for (auto* c : {&p.ci, &p.cr})
    {
        c->children[0].protocol = IPSEC_PROTOCOL_AH;
        c->children[0].encryption = IpsecTransform::ENCR_NULL;
        c->children[0].encryptionKeyBits = 0;
    }
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    const IkeChildSa& child = sa->GetChildSas()[0];
    EXPECT_EQ(child.protocol, IPSEC_PROTOCOL_AH);
    EXPECT_EQ(child.mode, IPSEC_MODE_TUNNEL);
    auto in = p.i->GetSad()->FindInbound(IPSEC_PROTOCOL_AH, child.inboundSpi);
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(p.i->GetSad()->FindInbound(IPSEC_PROTOCOL_ESP, child.inboundSpi), nullptr);
    const IpsecTransform& t = in->GetParameters().transform;
    EXPECT_EQ(t.encryption, IpsecTransform::ENCR_NULL);
    EXPECT_TRUE(t.encryptionKey.empty());
    EXPECT_EQ(t.integrityKey.size(), 32u);
    Ptr<SecurityAssociation> peerOut;
    for (const auto& s : p.r->GetSad()->GetAll())
    {
        if (s->GetSpi() == child.inboundSpi)
        {
            peerOut = s;
        }
    }
    ASSERT_NE(peerOut, nullptr);
    EXPECT_EQ(peerOut->GetParameters().protocol, IPSEC_PROTOCOL_AH);
    EXPECT_EQ(peerOut->GetParameters().transform.integrityKey, t.integrityKey);
    auto deletes = Ikev1InformationalTask::MakeDeleteChild(IPSEC_PROTOCOL_AH, child.inboundSpi);
    ASSERT_EQ(deletes.size(), 1u);
    EXPECT_EQ(static_cast<const IkeDeletePayload&>(*deletes[0]).GetProtocolId(), 2);
}

// An AH initiator and an ESP-only responder share no proposal.
TEST(Ikev1QuickMode, AhAgainstAnEspPolicyIsRefused)
{
    Ikev1Pair p;
    p.UseDatabases();
    p.ci.children[0].protocol = IPSEC_PROTOCOL_AH;
    p.ci.children[0].encryption = IpsecTransform::ENCR_NULL;
    p.ci.children[0].encryptionKeyBits = 0;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_TRUE(sa->GetChildSas().empty());
    EXPECT_TRUE(p.r->GetSad()->GetAll().empty());
}

TEST(Ikev1QuickMode, TheResponderNarrowsItsPolicyToTheInitiatorsIds)
{
    Ikev1Pair p;
    p.ci.children[0].selector = IpsecSelector::SubnetToSubnet(Ipv4Address("10.1.7.0"),
                                                              Ipv4Mask("255.255.255.0"),
                                                              Ipv4Address("10.2.0.0"),
                                                              Ipv4Mask("255.255.0.0"));
    p.Start();
    p.Run();
    ASSERT_EQ(p.ResponderSa()->GetChildSas().size(), 1u);
    const IpsecSelector& s = p.ResponderSa()->GetChildSas()[0].selector;
    EXPECT_EQ(s.remoteAddress, Ipv4Address("10.1.7.0"));
    EXPECT_EQ(s.remoteMask, Ipv4Mask("255.255.255.0"));
    EXPECT_EQ(s.localMask, Ipv4Mask("255.255.0.0"));
}

TEST(Ikev1QuickMode, TransportModeThroughANatCarriesNatOa)
{
    Ikev1Pair p;
    p.nat = true;
    p.UseDatabases();
    p.ci.children[0].mode = IPSEC_MODE_TRANSPORT;
    p.ci.children[0].selector = IpsecSelector::HostToHost(kInitiator, kResponder);
    p.cr.children[0].mode = IPSEC_MODE_TRANSPORT;
    p.cr.children[0].selector = IpsecSelector::HostToHost(kResponder, kNatPublic);
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    Ptr<IkeSa> rsa = p.ResponderSa();
    ASSERT_EQ(rsa->GetChildSas().size(), 1u);
    EXPECT_EQ(rsa->GetChildSas()[0].mode, IPSEC_MODE_TRANSPORT);
    Ptr<SecurityAssociation> in =
        p.r->GetSad()->FindInbound(IPSEC_PROTOCOL_ESP, rsa->GetChildSas()[0].inboundSpi);
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->GetParameters().originalRemote, kInitiator)
        << "NAT-OAi told the responder the initiator's own address";
    EXPECT_EQ(in->GetParameters().encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
}

TEST(Ikev1Rekey, Phase1RekeyUsesNewCookiesAndKeepsTheChildren)
{
    Ikev1Pair p;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    Ptr<IkeSa> oldResponder = p.ResponderSa();
    uint32_t spi = sa->GetChildSas()[0].inboundSpi;
    // A new Main Mode with new cookies, then a delete of the old ISAKMP SA.
    p.hi->RekeyIkeSa(sa);
    p.Run();
    ASSERT_EQ(p.i->GetSas().size(), 1u);
    ASSERT_EQ(p.r->GetSas().size(), 1u);
    Ptr<IkeSa> fresh = p.i->GetSas()[0];
    EXPECT_NE(fresh, sa);
    EXPECT_NE(fresh->GetInitiatorSpi(), sa->GetInitiatorSpi()) << "RFC 3715 2.3 n: new cookies";
    EXPECT_NE(fresh->GetResponderSpi(), sa->GetResponderSpi());
    EXPECT_EQ(fresh->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(sa->GetState(), IkeSa::DESTROYED);
    EXPECT_EQ(oldResponder->GetState(), IkeSa::DESTROYED);
    ASSERT_EQ(fresh->GetChildSas().size(), 1u);
    EXPECT_EQ(fresh->GetChildSas()[0].inboundSpi, spi);
    EXPECT_EQ(p.r->GetSas()[0]->GetChildSas().size(), 1u);
}

TEST(Ikev1Rekey, ResponderRekeysPhase1ThroughTheNatToTheInitiatorsMapping)
{
    Ikev1Pair p;
    p.nat = true;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    Ptr<IkeSa> rsa = p.ResponderSa();
    ASSERT_EQ(rsa->GetState(), IkeSa::ESTABLISHED);
    p.hr->RekeyIkeSa(rsa);
    p.Run();
    ASSERT_EQ(p.r->GetSas().size(), 1u);
    Ptr<IkeSa> fresh = p.r->GetSas()[0];
    EXPECT_TRUE(fresh->IsInitiator());
    EXPECT_EQ(fresh->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(fresh->GetRemote(), (IkeEndpoint{kNatPublic, 14500}));
    EXPECT_EQ(p.i->GetSas().size(), 1u);
    EXPECT_EQ(p.i->GetSas()[0]->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(p.i->GetSas()[0]->GetChildSas().size(), 1u);
}

TEST(Ikev1Rekey, Phase2RekeyFromBothSidesReplacesTheChild)
{
    Ikev1Pair p;
    p.UseDatabases();
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    Ptr<IkeSa> rsa = p.ResponderSa();
    uint32_t first = sa->GetChildSas()[0].inboundSpi;
    // The initiator rekeys: Quick Mode, then a delete for the old pair.
    p.hi->RekeyChildSa(sa, first);
    p.Run();
    ASSERT_EQ(sa->GetChildSas().size(), 2u);
    EXPECT_TRUE(sa->GetChildSas()[0].rekeyed);
    EXPECT_TRUE(rsa->GetChildSas()[0].rekeyed) << "the delete reached the responder";
    EXPECT_EQ(p.r->GetSad()->GetAll().size(), 2u);
    // Make before break: the old inbound SA takes what the responder sent
    // before it had the new pair, for one retransmission timeout.
    EXPECT_EQ(p.i->GetSad()->GetAll().size(), 3u);
    EXPECT_NE(p.i->GetSad()->FindInbound(IPSEC_PROTOCOL_ESP, first), nullptr);
    Simulator::Stop(p.i->GetRetransmitTimeout(0) + MilliSeconds(1));
    Simulator::Run();
    EXPECT_EQ(p.i->GetSad()->FindInbound(IPSEC_PROTOCOL_ESP, first), nullptr);
    EXPECT_EQ(p.i->GetSad()->GetAll().size(), 2u);
    // The responder rekeys the new pair.
    uint32_t second = rsa->GetChildSas()[1].inboundSpi;
    p.hr->RekeyChildSa(rsa, second);
    p.Run();
    ASSERT_EQ(rsa->GetChildSas().size(), 3u);
    EXPECT_TRUE(rsa->GetChildSas()[1].rekeyed);
    EXPECT_TRUE(sa->GetChildSas()[1].rekeyed);
    EXPECT_FALSE(sa->GetChildSas()[2].rekeyed);
    EXPECT_EQ(p.i->GetSad()->GetAll().size(), 2u);
    EXPECT_EQ(p.r->GetSad()->GetAll().size(), 3u) << "the rekeying side keeps the old inbound SA";
    Simulator::Stop(p.r->GetRetransmitTimeout(0) + MilliSeconds(1));
    Simulator::Run();
    EXPECT_EQ(p.r->GetSad()->GetAll().size(), 2u);
    // One policy per direction throughout: the successors took them over.
    EXPECT_EQ(p.i->GetSpd()->GetPolicies().size(), 2u);
    EXPECT_EQ(p.r->GetSpd()->GetPolicies().size(), 2u);
}

TEST(Ikev1Rekey, LifetimesDriveRekeysOfBothPhases)
{
    Ikev1Pair p;
    p.UseDatabases();
    p.ci.ikeLifetime = Seconds(100);
    p.ci.ikeRekeyMargin = Seconds(20);
    p.ci.children[0].lifetime = Seconds(60);
    p.ci.children[0].rekeyMargin = Seconds(10);
    p.ti->SetAutoDelivery(MilliSeconds(5));
    p.tr->SetAutoDelivery(MilliSeconds(5));
    Ptr<IkeSa> sa = p.Start();
    // Phase 2 rekeys at 50 s, phase 1 at 80 s, phase 2 again at 100 s (under the new ISAKMP SA).
    Simulator::Stop(Seconds(120));
    Simulator::Run();
    ASSERT_EQ(p.i->GetSas().size(), 1u);
    Ptr<IkeSa> fresh = p.i->GetSas()[0];
    EXPECT_NE(fresh->GetInitiatorSpi(), sa->GetInitiatorSpi());
    EXPECT_EQ(fresh->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(sa->GetState(), IkeSa::DESTROYED);
    ASSERT_EQ(fresh->GetChildSas().size(), 3u) << "the first pair and two replacements";
    EXPECT_TRUE(fresh->GetChildSas()[0].rekeyed);
    EXPECT_TRUE(fresh->GetChildSas()[1].rekeyed);
    EXPECT_FALSE(fresh->GetChildSas()[2].rekeyed);
    EXPECT_EQ(p.i->GetSad()->GetAll().size(), 2u) << "only the current pair is installed";
    EXPECT_EQ(p.r->GetSad()->GetAll().size(), 2u);
}

TEST(Ikev1Retransmission, ALostMessage3IsSentAgainAfterTheTimeout)
{
    Ikev1Pair p;
    Ptr<IkeSa> sa = p.Start();
    ASSERT_TRUE(p.ToResponder()); // message 1
    ASSERT_TRUE(p.ToInitiator()); // message 2
    ASSERT_TRUE(p.tr->DropNext()) << "message 3 is lost";
    Simulator::Stop(Seconds(4.5));
    Simulator::Run();
    EXPECT_EQ(sa->retransmissions, 1u);
    ASSERT_EQ(p.tr->GetPending(), 1u) << "message 3 again";
    p.Run();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(sa->GetChildSas().size(), 1u);
}

TEST(Ikev1Retransmission, ALostMessage6IsAnsweredAgainAndTriesRunOutWithATimeout)
{
    Ikev1Pair p;
    Ptr<IkeSa> sa = p.Start();
    for (int k = 0; k < 2; ++k)
    {
        ASSERT_TRUE(p.ToResponder());
        ASSERT_TRUE(p.ToInitiator());
    }
    ASSERT_TRUE(p.ToResponder()); // message 5
    ASSERT_TRUE(p.ti->DropNext()) << "message 6 is lost";
    Simulator::Stop(Seconds(4.5));
    Simulator::Run();
    ASSERT_TRUE(p.ToResponder()) << "message 5 again";
    EXPECT_EQ(p.ResponderSa()->retransmissions, 1u) << "the responder sends message 6 again";
    p.Run();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);

    // A responder that never answers: the tries run out.
    Ikev1Pair q;
    Ptr<IkeSa> lost = q.Start();
    Simulator::Stop(Seconds(300));
    Simulator::Run();
    EXPECT_EQ(lost->GetState(), IkeSa::FAILED);
    EXPECT_EQ(lost->GetFailureReason(), "timeout");
    EXPECT_EQ(lost->retransmissions, q.i->GetRetransmitTries());
}

TEST(Ikev1Retransmission, ALostQuickModeMessage3IsRecoveredByTheResponder)
{
    Ikev1Pair p;
    Ptr<IkeSa> sa = p.Start();
    for (int k = 0; k < 3; ++k)
    {
        ASSERT_TRUE(p.ToResponder());
        ASSERT_TRUE(p.ToInitiator());
    }
    // Quick Mode message 1 and 2; message 3 is lost.
    ASSERT_TRUE(p.ToResponder());
    ASSERT_TRUE(p.ToInitiator());
    ASSERT_EQ(sa->GetChildSas().size(), 1u) << "the initiator installed after message 2";
    ASSERT_TRUE(p.tr->DropNext());
    Ptr<IkeSa> rsa = p.ResponderSa();
    EXPECT_TRUE(rsa->GetChildSas().empty());
    // The responder sends message 2 again; the initiator answers with message 3 again.
    Simulator::Stop(Seconds(4.5));
    Simulator::Run();
    EXPECT_EQ(rsa->retransmissions, 1u);
    p.Run();
    EXPECT_EQ(sa->retransmissions, 1u);
    ASSERT_EQ(rsa->GetChildSas().size(), 1u);
    EXPECT_EQ(rsa->GetChildSas()[0].inboundSpi, sa->GetChildSas()[0].outboundSpi);
}

TEST(Ikev1Dpd, RUThereIsAcknowledged)
{
    Ikev1Pair p;
    p.ci.dpdDelay = Seconds(10);
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_TRUE(HasVendorId(Parse(p.wire[1].packet),
                            {0xaf,
                             0xca,
                             0xd7,
                             0x13,
                             0x68,
                             0xa1,
                             0xf1,
                             0xc9,
                             0x6b,
                             0x86,
                             0x96,
                             0xfc,
                             0x77,
                             0x57,
                             0x01,
                             0x00}))
        << "the responder answered the DPD vendor ID";
    std::size_t before = p.wire.size();
    p.ti->SetAutoDelivery(MilliSeconds(1));
    p.tr->SetAutoDelivery(MilliSeconds(1));
    Simulator::Stop(Seconds(35));
    Simulator::Run();
    // Three R-U-THERE and three ACKs, all in Informational exchanges.
    EXPECT_EQ(p.wire.size() - before, 6u);
    EXPECT_EQ(Parse(p.wire.back().packet).GetHeader().GetExchangeType(),
              IsakmpHeader::IKEV1_INFORMATIONAL);
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);

    // A peer that stops answering is declared dead.
    p.tr->SetPathCallback(MakeCallback(+[](IkeEndpoint&, IkeEndpoint&) { return false; }));
    Simulator::Stop(Seconds(200));
    Simulator::Run();
    EXPECT_EQ(sa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(sa->GetFailureReason(), "dpd-timeout");
}

TEST(Ikev1Failures, AWrongPresharedKeyFailsAuthentication)
{
    Ikev1Pair p;
    p.cr.presharedKey = {'w', 'r', 'o', 'n', 'g'};
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(p.ResponderSa()->GetState(), IkeSa::FAILED);
    EXPECT_EQ(p.ResponderSa()->GetFailureReason(), "auth-failed");
    EXPECT_EQ(sa->GetState(), IkeSa::FAILED);
    EXPECT_EQ(sa->GetFailureReason(), "auth-failed");
    EXPECT_EQ(p.r->GetFailureCount("auth-failed"), 1u);
}

TEST(Ikev1Failures, AnIpIdentityBehindANatFailsTheSourceCheck)
{
    // RFC 3715 2.1 c: the identity is the private address, the source the NAT's.
    Ikev1Pair p;
    p.nat = true;
    p.ci.localId = IkeIdentity::Ipv4(kInitiator);
    p.cr.checkIdAgainstSource = true;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(p.ResponderSa()->GetFailureReason(), "id-mismatch");
    EXPECT_EQ(sa->GetFailureReason(), "id-mismatch");

    // Without the NAT the same identity passes.
    Ikev1Pair q;
    q.ci.localId = IkeIdentity::Ipv4(kInitiator);
    q.cr.checkIdAgainstSource = true;
    Ptr<IkeSa> ok = q.Start();
    q.Run();
    EXPECT_EQ(ok->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev1Failures, AnUnexpectedIdentityFails)
{
    Ikev1Pair p;
    p.cr.remoteId = IkeIdentity::UserFqdn("alice@natt.test");
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(p.ResponderSa()->GetFailureReason(), "id-mismatch");

    Ikev1Pair q;
    q.ci.localId = IkeIdentity::KeyId({1, 2, 3, 4});
    q.cr.remoteId = IkeIdentity::KeyId({1, 2, 3, 4});
    Ptr<IkeSa> ok = q.Start();
    q.Run();
    EXPECT_EQ(ok->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev1Failures, NoCommonProposalIsRefused)
{
    Ikev1Pair p;
    p.cr.proposal.dhGroup = 31;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    EXPECT_EQ(p.ResponderSa()->GetFailureReason(), "no-proposal");
    EXPECT_EQ(sa->GetFailureReason(), "no-proposal");
}

TEST(Ikev1Failures, AQuickModeWithoutACommonProposalFailsAndKeepsTheIsakmpSa)
{
    Ikev1Pair p;
    p.cr.children[0].integrity = IpsecTransform::INTEG_HMAC_SHA1_96;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    // Quick Mode message 1 is refused with a protected NO-PROPOSAL-CHOSEN.
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(p.ResponderSa()->GetState(), IkeSa::ESTABLISHED);
    EXPECT_TRUE(sa->GetChildSas().empty());
    EXPECT_EQ(p.hr->GetChildFailureCount("no-proposal"), 1u);
    EXPECT_EQ(p.hi->GetChildFailureCount("no-proposal"), 1u) << "the initiator heard why";
    EXPECT_EQ(Parse(p.wire.back().packet).GetHeader().GetExchangeType(),
              IsakmpHeader::IKEV1_INFORMATIONAL);
}

TEST(Ikev1MainMode, AFakedNatForcesEncapsulationWithoutANat)
{
    Ikev1Pair p;
    p.ci.forceEncapsulation = true;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_TRUE(sa->Has(IkeSa::COND_NAT_FAKED));
    EXPECT_TRUE(p.ResponderSa()->Has(IkeSa::COND_NAT_THERE)) << "the responder believes it";
    EXPECT_EQ(p.wire[4].destination.port, IKE_NAT_T_UDP_PORT);
    EXPECT_EQ(sa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
}

TEST(Ikev1Failures, AMalformedMessageIsDroppedAndTheExchangeGoesOn)
{
    Ikev1Pair p;
    Ptr<IkeSa> sa = p.Start();
    ASSERT_TRUE(p.ToResponder()); // Main Mode message 1
    // Message 2 arrives twice: first cut short after 40 bytes, then whole.
    Ptr<Packet> real = p.ti->PeekPending()->Copy();
    p.ti->DropNext();
    Ptr<Packet> broken = real->Copy();
    broken->RemoveAtEnd(real->GetSize() - 40);
    p.tr->Send(broken, {kResponder, IKE_UDP_PORT}, {kInitiator, IKE_UDP_PORT});
    p.tr->Send(real, {kResponder, IKE_UDP_PORT}, {kInitiator, IKE_UDP_PORT});
    ASSERT_TRUE(p.ToInitiator());
    EXPECT_EQ(sa->GetState(), IkeSa::CONNECTING) << "a broken message does not end the SA";
    EXPECT_EQ(p.i->GetDropCount("malformed"), 1u);
    p.Run();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev1Legacy, NattNoneSendsNoVendorIdsNoNatDAndStaysOn500)
{
    Ikev1Pair p;
    p.nat = true;
    p.ci.natTraversal = IkePeerConfig::NATT_NONE;
    p.cr.natTraversal = IkePeerConfig::NATT_NONE;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    for (const auto& w : p.wire)
    {
        IkeMessage m = Parse(w.packet);
        EXPECT_EQ(m.FindPayload(IKEV1_PAYLOAD_VENDOR_ID), nullptr);
        EXPECT_EQ(m.FindPayload(IKEV1_PAYLOAD_NAT_D), nullptr);
        EXPECT_TRUE(w.source.port == IKE_UDP_PORT || w.source.port == 10500);
        EXPECT_TRUE(w.destination.port == IKE_UDP_PORT || w.destination.port == 10500);
    }
    EXPECT_FALSE(sa->IsBehindNat()) << "nothing detected";
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    EXPECT_EQ(sa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::NONE);
}

TEST(Ikev1Legacy, AnRfcPeerFacingALegacyPeerFallsBackToPlainEsp)
{
    Ikev1Pair p;
    p.cr.natTraversal = IkePeerConfig::NATT_NONE;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_FALSE(sa->Has(IkeSa::COND_NATT_SUPPORTED));
    EXPECT_EQ(Parse(p.wire[2].packet).FindPayload(IKEV1_PAYLOAD_NAT_D), nullptr);
    EXPECT_EQ(sa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::NONE);
}

TEST(Ikev1Legacy, AReplyToPort500ResponderAnswersPort500WhateverTheSourcePort)
{
    Ikev1Pair p;
    p.nat = true;
    p.cr.replyToPort500 = true;
    Ptr<IkeSa> sa = p.Start();
    // Main Mode message 1 comes from the NAT's port 10500.
    ASSERT_TRUE(p.ToResponder());
    EXPECT_EQ(p.wire[0].source.port, 10500);
    // The answer goes to port 500 of the NAT, which has no mapping there.
    ASSERT_EQ(p.wire.size(), 2u);
    EXPECT_EQ(p.wire[1].destination, (IkeEndpoint{kNatPublic, IKE_UDP_PORT}));
    EXPECT_EQ(p.ti->GetPending(), 0u) << "the NAT dropped it";
    // Without the NAT the same responder works (port 500 is the source port).
    Ikev1Pair q;
    q.cr.replyToPort500 = true;
    Ptr<IkeSa> ok = q.Start();
    q.Run();
    EXPECT_EQ(ok->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev1Stenberg, ProbeAndDecisionChooseTheDraftsEncapsulationBehindANat)
{
    Ikev1Pair p;
    p.nat = true;
    p.ci.natTraversal = IkePeerConfig::NATT_STENBERG;
    p.cr.natTraversal = IkePeerConfig::NATT_STENBERG;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    Ptr<IkeSa> rsa = p.ResponderSa();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    // The draft's vendor ID in messages 1-4, no RFC 3947 one.
    for (int k = 0; k < 4; ++k)
    {
        IkeMessage m = Parse(p.wire[k].packet);
        EXPECT_TRUE(HasVendorId(m, kIkeVendorIdStenberg00)) << "message " << k + 1;
        EXPECT_FALSE(HasVendorId(m, kIkeVendorIdRfc3947));
        EXPECT_EQ(m.FindPayload(IKEV1_PAYLOAD_NAT_D), nullptr);
    }
    EXPECT_TRUE(rsa->Has(IkeSa::COND_STENBERG)) << "the responder decided from the probe";
    EXPECT_TRUE(rsa->Has(IkeSa::COND_NAT_THERE));
    EXPECT_TRUE(sa->Has(IkeSa::COND_STENBERG)) << "the decision byte reached the initiator";
    EXPECT_EQ(p.wire[4].destination.port, IKE_UDP_PORT) << "the draft does not float";
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    EXPECT_EQ(sa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::STENBERG);
    EXPECT_EQ(rsa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::STENBERG);
}

TEST(Ikev1Stenberg, WithoutANatTheDecisionIsNo)
{
    Ikev1Pair p;
    p.ci.natTraversal = IkePeerConfig::NATT_STENBERG;
    p.cr.natTraversal = IkePeerConfig::NATT_STENBERG;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_FALSE(sa->Has(IkeSa::COND_STENBERG));
    EXPECT_FALSE(p.ResponderSa()->Has(IkeSa::COND_STENBERG));
    EXPECT_EQ(sa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::NONE);
}

TEST(Ikev1Stenberg, AggressiveModeFallsBackToRfc3947)
{
    Ikev1Pair p;
    p.nat = true;
    p.ci.ikev1Mode = IkePeerConfig::AGGRESSIVE_MODE;
    p.ci.natTraversal = IkePeerConfig::NATT_STENBERG;
    Ptr<IkeSa> sa = p.Start();
    EXPECT_FALSE(HasVendorId(Parse(p.tr->PeekPending()), kIkeVendorIdStenberg00));
    p.Run();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(sa->GetChildSas()[0].encapsulation.type, IpsecEncapsulation::UDP_ENCAP);
}

TEST(Ikev1Reproducibility, TheSameSeedGivesTheSameBytes)
{
    auto run = []() {
        Ikev1Pair p;
        p.nat = true;
        p.ci.children[0].pfsGroup = 31;
        p.cr.children[0].pfsGroup = 31;
        p.Start();
        p.Run();
        std::vector<Bytes> out;
        for (const auto& w : p.wire)
        {
            Bytes b(w.packet->GetSize());
            w.packet->CopyData(b.data(), b.size());
            out.push_back(b);
        }
        return out;
    };
    auto a = run();
    auto b = run();
    EXPECT_EQ(a.size(), 9u);
    EXPECT_EQ(a, b);
}

TEST(Ikev1Delete, DeletingTheSaTellsThePeer)
{
    Ikev1Pair p;
    p.UseDatabases();
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    Ptr<IkeSa> rsa = p.ResponderSa();
    p.hi->Delete(sa);
    p.Run();
    EXPECT_EQ(sa->GetState(), IkeSa::DESTROYED);
    EXPECT_EQ(rsa->GetState(), IkeSa::DESTROYED);
    EXPECT_TRUE(p.r->GetSas().empty());
    EXPECT_TRUE(p.r->GetSad()->GetAll().empty());
    EXPECT_TRUE(p.i->GetSad()->GetAll().empty());
    // The policies went with the last SAs that used them.
    EXPECT_TRUE(p.r->GetSpd()->GetPolicies().empty());
    EXPECT_TRUE(p.i->GetSpd()->GetPolicies().empty());
}

TEST(Ikev1TaskManager, IsFreedOnceTheDaemonsAreDisposed)
{
    // A task manager's timers (retransmission, DPD) are events holding a
    // Ptr to it, and it keeps their EventIds: unless it lets go of them when
    // stopped, each ISAKMP SA's manager, with its keys and tasks, outlives
    // the daemons.
    Ptr<Ikev1TaskManager> mi;
    Ptr<Ikev1TaskManager> mr;
    {
        Ikev1Pair p;
        p.ci.dpdDelay = Seconds(10);
        p.cr.dpdDelay = Seconds(10);
        Ptr<IkeSa> sa = p.Start();
        p.Run();
        ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
        mi = p.hi->GetTaskManager(sa);
        mr = p.hr->GetTaskManager(p.ResponderSa());
        ASSERT_TRUE(mi && mr);
        EXPECT_GT(mi->GetReferenceCount(), 1u); // the handler holds it too
    } // the pair disposes both daemons and destroys the simulator
    EXPECT_EQ(mi->GetReferenceCount(), 1u);
    EXPECT_EQ(mr->GetReferenceCount(), 1u);
}
