/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-phase1-task.h"

#include "ikev1-informational-task.h"

#include "ns3/certificate-store.h"
#include "ns3/ike-cert-payload.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/log.h"
#include "ns3/rsa-private-key.h"
#include "ns3/x509-certificate.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1Phase1Task");

Ikev1Phase1Task::Ikev1Phase1Task(Ikev1TaskManager* manager, bool initiator)
    : m_manager(manager),
      m_initiator(initiator)
{
}

namespace
{
/// A life duration: TV when it fits 16 bits, TLV otherwise (RFC 2408 3.3).
IkeAttribute
LifeDuration(uint16_t type, uint32_t seconds)
{
    if (seconds <= 0xffff)
    {
        return IkeAttribute::Tv(type, uint16_t(seconds));
    }
    return IkeAttribute::Tlv(
        type,
        {uint8_t(seconds >> 24), uint8_t(seconds >> 16), uint8_t(seconds >> 8), uint8_t(seconds)});
}

uint16_t
Attr(const Ikev1Transform& t, uint16_t type)
{
    const IkeAttribute* a = t.FindAttribute(type);
    return a ? uint16_t(a->GetIntegerValue()) : 0;
}

/// A phase 1 SA payload: one ISAKMP proposal holding \p transform (RFC 2409 5).
std::unique_ptr<Ikev1SaPayload>
IsakmpSa(const Ikev1Transform& transform)
{
    Ikev1Proposal p;
    p.number = 1;
    p.protocolId = Ikev1SaPayload::PROTO_ISAKMP;
    p.transforms.push_back(transform);
    auto sa = std::make_unique<Ikev1SaPayload>();
    sa->AddProposal(p);
    return sa;
}
} // namespace

std::unique_ptr<Ikev1SaPayload>
Ikev1Phase1Task::BuildSa() const
{
    const IkePeerConfig& config = m_manager->GetSa()->GetConfig();
    Ikev1Transform t;
    t.number = 1;
    t.transformId = Ikev1SaPayload::KEY_IKE;
    // RFC 2409 appendix A values; IkeProposal holds IKEv2 numbers, mapped here.
    t.AddTv(Ikev1SaPayload::IKE_ATTR_ENCRYPTION_ALGORITHM, Ikev1SaPayload::IKE_ENCR_AES_CBC);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_KEY_LENGTH, config.proposal.encryptionKeyBits);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_HASH_ALGORITHM,
            Ikev1Keys::HashAttributeFor(config.proposal.prf));
    t.AddTv(Ikev1SaPayload::IKE_ATTR_AUTH_METHOD, m_manager->authMethod);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_GROUP_DESCRIPTION, config.proposal.dhGroup);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_LIFE_TYPE, Ikev1SaPayload::LIFE_TYPE_SECONDS);
    t.attributes.push_back(LifeDuration(Ikev1SaPayload::IKE_ATTR_LIFE_DURATION,
                                        uint32_t(config.ikeLifetime.GetSeconds())));
    return IsakmpSa(t);
}

bool
Ikev1Phase1Task::SelectSa(const Ikev1SaPayload& offer)
{
    const IkePeerConfig& config = m_manager->GetSa()->GetConfig();
    for (const auto& p : offer.GetProposals())
    {
        if (p.protocolId != Ikev1SaPayload::PROTO_ISAKMP)
        {
            continue;
        }
        for (const auto& t : p.transforms)
        {
            if (t.transformId == Ikev1SaPayload::KEY_IKE &&
                Attr(t, Ikev1SaPayload::IKE_ATTR_ENCRYPTION_ALGORITHM) ==
                    Ikev1SaPayload::IKE_ENCR_AES_CBC &&
                Attr(t, Ikev1SaPayload::IKE_ATTR_KEY_LENGTH) == config.proposal.encryptionKeyBits &&
                Attr(t, Ikev1SaPayload::IKE_ATTR_HASH_ALGORITHM) ==
                    Ikev1Keys::HashAttributeFor(config.proposal.prf) &&
                Attr(t, Ikev1SaPayload::IKE_ATTR_AUTH_METHOD) == m_manager->authMethod &&
                Attr(t, Ikev1SaPayload::IKE_ATTR_GROUP_DESCRIPTION) == config.proposal.dhGroup &&
                DiffieHellman::IsSupported(config.proposal.dhGroup))
            {
                m_chosen = t;
                m_hasChosen = true;
                return true;
            }
        }
    }
    return false;
}

std::unique_ptr<Ikev1SaPayload>
Ikev1Phase1Task::BuildChosenSa() const
{
    return IsakmpSa(m_chosen);
}

bool
Ikev1Phase1Task::CheckChosenSa(const Ikev1SaPayload& chosen)
{
    if (chosen.GetProposals().size() != 1 || chosen.GetProposals()[0].transforms.size() != 1)
    {
        return false;
    }
    Ikev1SaPayload offered = *BuildSa();
    const Ikev1Transform& t = chosen.GetProposals()[0].transforms[0];
    for (const auto& o : offered.GetProposals()[0].transforms)
    {
        if (o.attributes == t.attributes)
        {
            return true;
        }
    }
    return false;
}

void
Ikev1Phase1Task::AddKeNonce(IkeMessage& message)
{
    Ikev1TaskManager& m = *m_manager;
    Ptr<IkeDaemon> daemon = m.GetDaemon();
    if (!m.dh)
    {
        m.dh = DiffieHellman::Create(m.GetSa()->GetConfig().proposal.dhGroup);
        NS_ABORT_MSG_UNLESS(m.dh, "unsupported DH group");
        while (!m.dh->SetPrivateValue(daemon->RandomBytes(m.dh->GetPrivateValueSize())))
        {
        }
        (m_initiator ? m.gxi : m.gxr) = m.dh->GetPublicValue();
        (m_initiator ? m.ni : m.nr) = daemon->RandomBytes(32);
    }
    auto ke = std::make_unique<IkeKePayload>(1);
    ke->SetData(m.dh->GetPublicValue());
    message.AddPayload(std::move(ke));
    auto nonce = std::make_unique<IkeNoncePayload>(1);
    nonce->SetData(m_initiator ? m.ni : m.nr);
    message.AddPayload(std::move(nonce));
}

bool
Ikev1Phase1Task::ReadKeNonce(const IkeMessage& message)
{
    const auto* ke = message.Find<IkeKePayload>(IKEV1_PAYLOAD_KE);
    const auto* nonce = message.Find<IkeNoncePayload>(IKEV1_PAYLOAD_NONCE);
    if (!ke || !nonce || nonce->GetData().size() < 8)
    {
        return false;
    }
    (m_initiator ? m_manager->gxr : m_manager->gxi) = ke->GetData();
    (m_initiator ? m_manager->nr : m_manager->ni) = nonce->GetData();
    return true;
}

bool
Ikev1Phase1Task::DeriveKeys()
{
    Ikev1TaskManager& m = *m_manager;
    auto secret = m.dh->ComputeSharedSecret(m_initiator ? m.gxr : m.gxi);
    if (!secret)
    {
        return false;
    }
    m.gxy = *secret;
    const IkePeerConfig& config = m.GetSa()->GetConfig();
    if (config.auth == IkePeerConfig::AUTH_PSK)
    {
        m.keys->DeriveSkeyidPsk(config.presharedKey, m.ni, m.nr);
    }
    else
    {
        m.keys->DeriveSkeyidSig(m.ni, m.nr, m.gxy);
    }
    m.keys->DeriveKeys(m.gxy, m.CookieI(), m.CookieR(), m.gxi, m.gxr);
    return true;
}

void
Ikev1Phase1Task::AddDpdVendorId(IkeMessage& message)
{
    if (m_manager->GetSa()->GetConfig().natTraversal == IkePeerConfig::NATT_NONE ||
        (!m_initiator && !m_manager->peerDpdVid))
    {
        return;
    }
    auto vid = std::make_unique<IkeVendorIdPayload>(1);
    vid->SetData(kIkeVendorIdDpd);
    message.AddPayload(std::move(vid));
}

bool
Ikev1Phase1Task::AcceptOffer(const IkeMessage& message)
{
    const auto* offer = message.Find<Ikev1SaPayload>(IKEV1_PAYLOAD_SA);
    if (!offer || !SelectSa(*offer))
    {
        return false;
    }
    // SAi_b, the offer's body, enters HASH_I and HASH_R (RFC 2409 5).
    m_manager->saiB = offer->GetBodyBytes();
    ReadDpdVendorId(message);
    return true;
}

bool
Ikev1Phase1Task::AcceptChoice(const IkeMessage& message)
{
    const auto* chosen = message.Find<Ikev1SaPayload>(IKEV1_PAYLOAD_SA);
    if (!chosen || !CheckChosenSa(*chosen))
    {
        return false;
    }
    Ptr<IkeSa> sa = m_manager->GetSa();
    sa->SetSpis(sa->GetInitiatorSpi(), message.GetHeader().GetResponderSpi());
    ReadDpdVendorId(message);
    return true;
}

void
Ikev1Phase1Task::ReadDpdVendorId(const IkeMessage& message)
{
    for (std::size_t k = 0; message.FindPayload(IKEV1_PAYLOAD_VENDOR_ID, k); ++k)
    {
        if (message.Find<IkeVendorIdPayload>(IKEV1_PAYLOAD_VENDOR_ID, k)->GetData() ==
            kIkeVendorIdDpd)
        {
            m_manager->peerDpdVid = true;
        }
    }
}

void
Ikev1Phase1Task::AddId(IkeMessage& message)
{
    const IkePeerConfig& config = m_manager->GetSa()->GetConfig();
    auto id = std::make_unique<IkeIdPayload>(1, m_initiator);
    id->SetIdentification(config.localId.type, config.localId.data);
    m_idB = id->GetBodyBytes();
    message.AddPayload(std::move(id));
}

void
Ikev1Phase1Task::AddProof(IkeMessage& message)
{
    Ikev1TaskManager& m = *m_manager;
    const IkePeerConfig& config = m.GetSa()->GetConfig();
    Bytes hash =
        m.keys->ComputeAuthHash(m_initiator, m.gxi, m.gxr, m.CookieI(), m.CookieR(), m.saiB, m_idB);
    if (config.auth == IkePeerConfig::AUTH_PSK)
    {
        auto h = std::make_unique<IkeHashPayload>();
        h->SetData(hash);
        message.AddPayload(std::move(h));
        return;
    }
    // RFC 2409 5.1: with signatures the hash is signed as it is (no DigestInfo).
    std::vector<std::string> pems = {config.certificatePem};
    pems.insert(pems.end(), config.chainPem.begin(), config.chainPem.end());
    for (const auto& pem : pems)
    {
        auto cert = X509Certificate::FromPem(pem);
        if (!cert)
        {
            continue;
        }
        auto c = std::make_unique<IkeCertPayload>(1);
        c->SetEncoding(IkeCertPayloadBase::X509_SIGNATURE);
        c->SetData(cert->GetDer());
        message.AddPayload(std::move(c));
    }
    auto key = RsaPrivateKey::FromPem(config.privateKeyPem);
    NS_ABORT_MSG_UNLESS(key, "bad private key: " << key.GetReason());
    auto sig = std::make_unique<IkeSignaturePayload>();
    sig->SetData(*key->SignRaw(hash));
    message.AddPayload(std::move(sig));
}

std::string
Ikev1Phase1Task::ReadPeerId(const IkeMessage& message)
{
    Ikev1TaskManager& m = *m_manager;
    const IkePeerConfig& config = m.GetSa()->GetConfig();
    const auto* id = message.Find<IkeIdPayload>(IKEV1_PAYLOAD_ID);
    if (!id)
    {
        return "auth-failed";
    }
    m_peerId.type = id->GetIdType();
    m_peerId.data = id->GetData();
    m_peerIdB = id->GetBodyBytes();
    if (!config.remoteId.data.empty() && !(m_peerId == config.remoteId))
    {
        return "id-mismatch";
    }
    if (!m_initiator && config.checkIdAgainstSource && m_peerId.IsSingleAddress())
    {
        // RFC 3715 2.1 c: an IP identity must be the packet's source, which a NAT changes.
        if (!(m_peerId == IkeIdentity::OfAddress(m.rxRemote)))
        {
            return "id-mismatch";
        }
    }
    return "";
}

std::string
Ikev1Phase1Task::VerifyProof(const IkeMessage& message)
{
    Ikev1TaskManager& m = *m_manager;
    const IkePeerConfig& config = m.GetSa()->GetConfig();
    Bytes hash = m.keys->ComputeAuthHash(!m_initiator,
                                         m.gxi,
                                         m.gxr,
                                         m.CookieI(),
                                         m.CookieR(),
                                         m.saiB,
                                         m_peerIdB);
    if (config.auth == IkePeerConfig::AUTH_PSK)
    {
        const auto* h = message.Find<IkeHashPayload>(IKEV1_PAYLOAD_HASH);
        if (!h || !ConstantTimeEquals(h->GetData(), hash))
        {
            return "auth-failed";
        }
        return "";
    }
    const auto* sig = message.Find<IkeSignaturePayload>(IKEV1_PAYLOAD_SIG);
    const auto* first = message.Find<IkeCertPayload>(IKEV1_PAYLOAD_CERT);
    if (!sig || !first)
    {
        return "auth-failed";
    }
    auto leaf = X509Certificate::FromDer(first->GetData());
    if (!leaf)
    {
        return "auth-failed";
    }
    std::vector<X509Certificate> chain;
    for (std::size_t k = 1; message.Find<IkeCertPayload>(IKEV1_PAYLOAD_CERT, k); ++k)
    {
        auto c = X509Certificate::FromDer(
            message.Find<IkeCertPayload>(IKEV1_PAYLOAD_CERT, k)->GetData());
        if (c)
        {
            chain.push_back(*c);
        }
    }
    CertificateStore store;
    auto anchor = X509Certificate::FromPem(config.caCertificatePem);
    if (!anchor || !store.AddTrustAnchor(*anchor) || !store.Verify(*leaf, chain))
    {
        return "auth-failed";
    }
    auto key = leaf->GetPublicKey();
    if (!key || !key->VerifyRaw(hash, sig->GetData()))
    {
        return "auth-failed";
    }
    // The identity must be one the certificate vouches for (RFC 4945 3.1).
    if (m_peerId.type == IkeIdPayload::ID_FQDN || m_peerId.type == IkeIdPayload::ID_USER_FQDN)
    {
        std::string name(m_peerId.data.begin(), m_peerId.data.end());
        bool found = false;
        for (const auto& san : leaf->GetSubjectAltNames())
        {
            found = found || san.value == name;
        }
        if (!found)
        {
            return "id-mismatch";
        }
    }
    return "";
}

} // namespace ns3
