/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKE_AUTH with certificates (RSA signatures, RFC 7296 2.15, 3.6, 3.7) and
// IKE fragmentation (RFC 7383) of the big messages they make.

#include "ikev2-test-util.h"

#include "ns3/ike-cert-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ikev2test;

namespace
{

/// The client authenticates with \p client's certificate, the gateway with its own.
Ikev2Pair*
CertificatePair(TestPki::Entity client, uint32_t fragmentSize = 1280, bool fragmentation = true)
{
    IkePeerConfig c = InitiatorConfig();
    IkePeerConfig r = ResponderConfig();
    UseCertificates(c, client);
    UseCertificates(r, TestPki::Entity::Gateway);
    c.remoteId = IkeIdentity();
    r.remoteId = IkeIdentity();
    c.localId = IkeIdentity();
    r.localId = IkeIdentity();
    c.fragmentSize = fragmentSize;
    r.fragmentSize = fragmentSize;
    c.fragmentation = fragmentation;
    r.fragmentation = fragmentation;
    return new Ikev2Pair(c, r);
}

} // namespace

TEST(Ikev2Auth, CertificatesChainingToTheRootAuthenticateBothSides)
{
    std::unique_ptr<Ikev2Pair> p(CertificatePair(TestPki::Entity::Client, 8000));
    Ptr<IkeSa> sa = p->i->Initiate("gateway");
    ASSERT_TRUE(p->ToResponder()); // IKE_SA_INIT request
    ASSERT_TRUE(p->ToInitiator()); // IKE_SA_INIT response
    // IKE_AUTH request: IDi (DN), CERT, CERT (intermediate), CERTREQ, AUTH(RSA), SA, TSi, TSr.
    ASSERT_TRUE(p->ToResponder());
    ASSERT_TRUE(p->ToInitiator()); // IKE_AUTH response
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(p->ResponderSa()->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev2Auth, CertificateFromAnUntrustedCaIsRejected)
{
    std::unique_ptr<Ikev2Pair> p(CertificatePair(TestPki::Entity::Rogue, 8000));
    Ptr<IkeSa> sa = p->Establish();
    EXPECT_EQ(p->ResponderSa()->GetFailureReason(), "cert-untrusted");
    EXPECT_EQ(sa->GetFailureReason(), "auth-failed");
}

TEST(Ikev2Auth, SignatureOverATamperedMessageFailsVerification)
{
    std::unique_ptr<Ikev2Pair> p(CertificatePair(TestPki::Entity::Client, 8000));
    Ptr<IkeSa> sa = p->i->Initiate("gateway");
    // IKE_SA_INIT request, altered on the way where no key depends on it:
    // the proposal number (RFC 7296 3.3.1) of the SA payload. The responder
    // signs nothing of it, but the initiator's AUTH covers the whole message
    // it sent (RFC 7296 2.15).
    Ptr<Packet> original = p->tr->PeekPending()->Copy();
    ASSERT_TRUE(p->tr->DropNext());
    std::vector<uint8_t> bytes(original->GetSize());
    original->CopyData(bytes.data(), bytes.size());
    ASSERT_EQ(bytes[16], IKEV2_PAYLOAD_SA) << "SA is the first payload";
    ASSERT_EQ(bytes[36], 1) << "proposal number 1";
    bytes[36] = 2;
    p->ti->Send(Create<Packet>(bytes.data(), bytes.size()),
                {kInitiatorAddress, IKE_UDP_PORT},
                {kResponderAddress, IKE_UDP_PORT});
    ASSERT_TRUE(p->ToResponder());
    ASSERT_TRUE(p->ToInitiator()); // IKE_SA_INIT response
    ASSERT_TRUE(p->ToResponder()); // IKE_AUTH request: the signature does not verify
    EXPECT_EQ(p->ResponderSa()->GetFailureReason(), "auth-failed");
    ASSERT_TRUE(p->ToInitiator()); // IKE_AUTH response: N(AUTHENTICATION_FAILED)
    EXPECT_EQ(sa->GetFailureReason(), "auth-failed");
}

TEST(Ikev2Auth, BigCertificateMessagesAreFragmented)
{
    std::unique_ptr<Ikev2Pair> p(CertificatePair(TestPki::Entity::Big, 1280));
    Ptr<IkeSa> sa = p->i->Initiate("gateway");
    ASSERT_TRUE(p->ToResponder()); // IKE_SA_INIT request (N(FRAGMENTATION_SUPPORTED))
    ASSERT_TRUE(p->ToInitiator()); // IKE_SA_INIT response (N(FRAGMENTATION_SUPPORTED))
    ASSERT_TRUE(sa->Has(IkeSa::COND_FRAGMENTATION));
    // IKE_AUTH request: several SKF messages, none above 1280 bytes.
    std::size_t fragments = p->tr->GetPending();
    ASSERT_GT(fragments, 4u);
    for (std::size_t k = 0; k < fragments; ++k)
    {
        Ptr<const Packet> f = p->tr->PeekPending();
        EXPECT_LE(f->GetSize(), 1280u);
        IkeMessage m = Ikev2Pair::Parse(f);
        ASSERT_EQ(m.GetPayloads().size(), 1u);
        const auto* skf = dynamic_cast<const Ikev2EncryptedFragmentPayload*>(m.GetPayload(0));
        ASSERT_NE(skf, nullptr);
        EXPECT_EQ(skf->GetFragmentNumber(), k + 1);
        EXPECT_EQ(skf->GetTotalFragments(), fragments);
        EXPECT_EQ(skf->GetNextPayload(), k == 0 ? IKEV2_PAYLOAD_IDI : 0);
        ASSERT_TRUE(p->ToResponder());
        if (k + 1 < fragments)
        {
            EXPECT_EQ(p->ti->GetPending(), 0u) << "nothing until the last fragment";
        }
    }
    // IKE_AUTH response (the gateway's certificate: fragmented too).
    p->ti->DeliverAll();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    EXPECT_EQ(p->ResponderSa()->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev2Auth, LostFragmentIsRecoveredByRetransmission)
{
    std::unique_ptr<Ikev2Pair> p(CertificatePair(TestPki::Entity::Big, 1280));
    Ptr<IkeSa> sa = p->i->Initiate("gateway");
    ASSERT_TRUE(p->ToResponder()); // IKE_SA_INIT request
    ASSERT_TRUE(p->ToInitiator()); // IKE_SA_INIT response
    // IKE_AUTH request: the second fragment is lost.
    ASSERT_TRUE(p->ToResponder());
    ASSERT_TRUE(p->tr->DropNext());
    while (p->ToResponder())
    {
    }
    EXPECT_EQ(p->ti->GetPending(), 0u);
    Simulator::Stop(Seconds(4.5));
    Simulator::Run();
    // All fragments again (RFC 7383 2.6.2), then the response.
    p->tr->DeliverAll();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
}

TEST(Ikev2Auth, WithoutFragmentationTheMessageGoesWhole)
{
    std::unique_ptr<Ikev2Pair> p(CertificatePair(TestPki::Entity::Big, 1280, false));
    Ptr<IkeSa> sa = p->i->Initiate("gateway");
    ASSERT_TRUE(p->ToResponder());
    ASSERT_TRUE(p->ToInitiator());
    EXPECT_FALSE(sa->Has(IkeSa::COND_FRAGMENTATION));
    ASSERT_EQ(p->tr->GetPending(), 1u);
    EXPECT_GT(p->tr->PeekPending()->GetSize(), 5000u);
    p->tr->DeliverAll();
    EXPECT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
}
