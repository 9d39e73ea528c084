/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-auth-task.h"

#include "ikev2-handler.h"
#include "ikev2-task-manager.h"

#include "ns3/certificate-store.h"
#include "ns3/ike-cert-payload.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ikev2-auth-payload.h"
#include "ns3/log.h"
#include "ns3/message-digest.h"
#include "ns3/rsa-private-key.h"
#include "ns3/x509-certificate.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2AuthTask");

namespace
{

const char kKeyPad[] = "Key Pad for IKEv2";

PrfAlgorithm
PrfOf(uint16_t prf)
{
    return prf == 2 ? PrfAlgorithm::HmacSha1 : PrfAlgorithm::HmacSha256;
}

} // namespace

Ikev2AuthTask::Ikev2AuthTask(Ikev2TaskManager* manager, bool initiator)
    : m_manager(manager),
      m_initiator(initiator)
{
}

std::string
Ikev2AuthTask::GetName() const
{
    return "ike-auth";
}

Bytes
Ikev2AuthTask::SignedOctets(const Bytes& initMessage,
                            const Bytes& peerNonce,
                            const Bytes& skP,
                            const Bytes& idBody,
                            uint16_t prf)
{
    return Concat(initMessage, peerNonce, Prf(PrfOf(prf)).Compute(skP, idBody));
}

Bytes
Ikev2AuthTask::PskAuth(const Bytes& psk, const Bytes& octets, uint16_t prf)
{
    Prf p(PrfOf(prf));
    Bytes pad(kKeyPad, kKeyPad + sizeof(kKeyPad) - 1);
    return p.Compute(p.Compute(psk, pad), octets);
}

Bytes
Ikev2AuthTask::OurOctets(const Bytes& idBody) const
{
    const Ikev2SaContext& ctx = m_manager->GetContext();
    uint16_t prf = m_manager->GetSa()->GetConfig().proposal.prf;
    if (m_initiator)
    {
        return SignedOctets(ctx.initRequest, ctx.nonceR, ctx.keys.GetSkPi(), idBody, prf);
    }
    return SignedOctets(ctx.initResponse, ctx.nonceI, ctx.keys.GetSkPr(), idBody, prf);
}

Bytes
Ikev2AuthTask::PeerOctets(const Bytes& idBody) const
{
    const Ikev2SaContext& ctx = m_manager->GetContext();
    uint16_t prf = m_manager->GetSa()->GetConfig().proposal.prf;
    if (m_initiator)
    {
        return SignedOctets(ctx.initResponse, ctx.nonceI, ctx.keys.GetSkPr(), idBody, prf);
    }
    return SignedOctets(ctx.initRequest, ctx.nonceR, ctx.keys.GetSkPi(), idBody, prf);
}

void
Ikev2AuthTask::AddOurs(IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    const IkePeerConfig& config = sa->GetConfig();
    bool rsa = config.auth == IkePeerConfig::AUTH_RSA_SIGNATURE;
    auto id = std::make_unique<IkeIdPayload>(2, m_initiator);
    if (config.localId.data.empty() && rsa)
    {
        // RFC 4945 3.1.5: the certificate's subject as ID_DER_ASN1_DN.
        auto cert = X509Certificate::FromPem(config.certificatePem);
        id->SetIdentification(IkeIdPayload::ID_DER_ASN1_DN,
                              cert ? cert->GetSubjectNameDer() : Bytes());
    }
    else
    {
        id->SetIdentification(config.localId.type, config.localId.data);
    }
    Bytes idBody = id->GetBodyBytes();
    message.AddPayload(std::move(id));
    auto auth = std::make_unique<Ikev2AuthPayload>();
    Bytes octets = OurOctets(idBody);
    if (rsa)
    {
        auto cert = X509Certificate::FromPem(config.certificatePem);
        if (cert)
        {
            auto payload = std::make_unique<IkeCertPayload>(2);
            payload->SetEncoding(IkeCertPayloadBase::X509_SIGNATURE);
            payload->SetData(cert->GetDer());
            message.AddPayload(std::move(payload));
        }
        for (const auto& pem : config.chainPem)
        {
            auto extra = X509Certificate::FromPem(pem);
            if (extra)
            {
                auto payload = std::make_unique<IkeCertPayload>(2);
                payload->SetEncoding(IkeCertPayloadBase::X509_SIGNATURE);
                payload->SetData(extra->GetDer());
                message.AddPayload(std::move(payload));
            }
        }
        if (m_initiator && !config.caCertificatePem.empty())
        {
            // RFC 7296 3.7: CERTREQ names trusted CAs by the SHA-1 of their key.
            auto ca = X509Certificate::FromPem(config.caCertificatePem);
            if (ca)
            {
                auto request = std::make_unique<IkeCertRequestPayload>(2);
                request->SetEncoding(IkeCertPayloadBase::X509_SIGNATURE);
                request->SetData(
                    MessageDigest::Digest(HashAlgorithm::Sha1, ca->GetPublicKey()->GetDer()));
                message.AddPayload(std::move(request));
            }
        }
        auto key = RsaPrivateKey::FromPem(config.privateKeyPem);
        auth->SetMethod(Ikev2AuthPayload::RSA_DIGITAL_SIGNATURE);
        if (key)
        {
            auto signature = key->SignDigestInfo(HashAlgorithm::Sha1, octets);
            auth->SetData(signature ? signature.GetValue() : Bytes());
        }
    }
    else
    {
        auth->SetMethod(Ikev2AuthPayload::SHARED_KEY_MIC);
        auth->SetData(PskAuth(config.presharedKey, octets, config.proposal.prf));
    }
    message.AddPayload(std::move(auth));
}

IkeTask::Status
Ikev2AuthTask::Verify(const IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    const IkePeerConfig& config = sa->GetConfig();
    uint8_t idType = m_initiator ? IKEV2_PAYLOAD_IDR : IKEV2_PAYLOAD_IDI;
    const auto* id = message.Find<IkeIdPayload>(idType);
    const auto* auth = message.Find<Ikev2AuthPayload>(IKEV2_PAYLOAD_AUTH);
    if (!id || !auth)
    {
        return Failed("auth-failed");
    }
    // The identity must be the one configured for this peer (RFC 7296 2.15:
    // authentication binds the identity, the policy decides whether it is
    // acceptable).
    if (!config.remoteId.data.empty() &&
        (id->GetIdType() != config.remoteId.type || id->GetData() != config.remoteId.data))
    {
        NS_LOG_INFO("peer identity does not match the configuration");
        return Failed("id-mismatch");
    }
    IkeIdentity peerId{id->GetIdType(), id->GetData()};
    if (config.checkIdAgainstSource && peerId.IsSingleAddress() &&
        !(peerId == IkeIdentity::OfAddress(m_manager->GetContext().receivedRemote)))
    {
        // RFC 3715 2.1 c: a responder that insists an IP identity is the source.
        return Failed("id-mismatch");
    }
    Bytes octets = PeerOctets(id->GetBodyBytes());
    if (auth->GetMethod() == Ikev2AuthPayload::SHARED_KEY_MIC)
    {
        if (config.auth != IkePeerConfig::AUTH_PSK ||
            !ConstantTimeEquals(auth->GetData(),
                                PskAuth(config.presharedKey, octets, config.proposal.prf)))
        {
            return Failed("auth-failed");
        }
        return SUCCESS;
    }
    if (auth->GetMethod() != Ikev2AuthPayload::RSA_DIGITAL_SIGNATURE ||
        config.auth != IkePeerConfig::AUTH_RSA_SIGNATURE)
    {
        return Failed("auth-failed");
    }
    std::vector<X509Certificate> certificates;
    for (std::size_t k = 0;; ++k)
    {
        const auto* cert = message.Find<IkeCertPayload>(IKEV2_PAYLOAD_CERT, k);
        if (!cert)
        {
            break;
        }
        auto parsed = X509Certificate::FromDer(cert->GetData());
        if (!parsed)
        {
            return Failed("bad-certificate");
        }
        certificates.push_back(parsed.GetValue());
    }
    auto ca = X509Certificate::FromPem(config.caCertificatePem);
    if (certificates.empty() || !ca)
    {
        return Failed("auth-failed");
    }
    CertificateStore store;
    store.AddTrustAnchor(ca.GetValue());
    std::vector<X509Certificate> intermediates(certificates.begin() + 1, certificates.end());
    auto valid = store.Verify(certificates[0], intermediates);
    if (!valid)
    {
        NS_LOG_INFO("certificate rejected: " << valid.GetReason());
        return Failed("cert-untrusted");
    }
    auto key = certificates[0].GetPublicKey();
    if (!key || !key->VerifyDigestInfo(HashAlgorithm::Sha1, octets, auth->GetData()))
    {
        return Failed("auth-failed");
    }
    m_manager->GetSa()->SetPeerCertificate(certificates[0].GetDer());
    return SUCCESS;
}

IkeTask::Status
Ikev2AuthTask::Build(IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    if (!m_initiator && !m_failure.empty())
    {
        // RFC 7296 2.21.2: tell the initiator, in the protected response.
        auto notify = std::make_unique<IkeNotifyPayload>(2);
        notify->SetNotifyType(IkeNotifyPayload::AUTHENTICATION_FAILED);
        message.AddPayload(std::move(notify));
        return Failed(m_failure);
    }
    AddOurs(message);
    if (m_initiator)
    {
        return NEED_MORE;
    }
    sa->Set(IkeSa::COND_AUTHENTICATED);
    Ptr<IkeDaemon> daemon = m_manager->GetDaemon();
    daemon->NotifyEstablished(sa);
    m_manager->GetHandler()->StartIkeTimers(sa);
    if (sa->Has(IkeSa::COND_NAT_HERE) || sa->Has(IkeSa::COND_NAT_THERE) ||
        sa->Has(IkeSa::COND_NAT_FAKED))
    {
        daemon->NotifyNatDetected(sa);
    }
    return SUCCESS;
}

IkeTask::Status
Ikev2AuthTask::Process(const IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    if (m_initiator)
    {
        for (const auto& payload : message.GetPayloads())
        {
            const auto* n = dynamic_cast<const IkeNotifyPayload*>(payload.get());
            if (n && n->GetNotifyType() == IkeNotifyPayload::AUTHENTICATION_FAILED)
            {
                return Failed("auth-failed");
            }
        }
        Status status = Verify(message);
        if (status == FAILED)
        {
            return status;
        }
        sa->Set(IkeSa::COND_AUTHENTICATED);
        Ptr<IkeDaemon> daemon = m_manager->GetDaemon();
        daemon->NotifyEstablished(sa);
        m_manager->GetHandler()->StartIkeTimers(sa);
        // Reported once the ports have floated and the peer is authenticated,
        // so that listeners (keepalives) see the final endpoints.
        if (sa->IsBehindNat())
        {
            daemon->NotifyNatDetected(sa);
        }
        return SUCCESS;
    }
    Status status = Verify(message);
    if (status == FAILED)
    {
        m_failure = GetFailureReason();
        return FAILED;
    }
    return NEED_MORE;
}

} // namespace ns3
