/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-quick-mode-task.h"

#include "ikev1-handler.h"

#include "ns3/ike-child-sa-installer.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-nat-oa-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-selector-side.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1QuickModeTask");

namespace
{
uint16_t
Attr(const Ikev1Transform& t, uint16_t type)
{
    const IkeAttribute* a = t.FindAttribute(type);
    return a ? uint16_t(a->GetIntegerValue()) : 0;
}

uint16_t
AuthAlgorithmFor(IpsecTransform::Integrity integrity)
{
    return integrity == IpsecTransform::INTEG_HMAC_SHA1_96
               ? Ikev1SaPayload::IPSEC_AUTH_HMAC_SHA
               : Ikev1SaPayload::IPSEC_AUTH_HMAC_SHA2_256;
}

/**
 * The transform ID of what \p child asks for: AH's names its integrity
 * algorithm (RFC 2407 4.4.3), ESP's its cipher (RFC 2407 4.4.4).
 */
Ikev1SaPayload::TransformId
TransformIdFor(const IkeChildConfig& child)
{
    if (child.protocol == IPSEC_PROTOCOL_AH)
    {
        return child.integrity == IpsecTransform::INTEG_HMAC_SHA1_96 ? Ikev1SaPayload::AH_SHA
                                                                     : Ikev1SaPayload::AH_SHA2_256;
    }
    return Ikev1SaPayload::ESP_AES_CBC;
}

} // namespace

Ikev1QuickModeTask::Ikev1QuickModeTask(Ikev1TaskManager* manager,
                                       bool initiator,
                                       uint32_t messageId,
                                       const IkeChildConfig& child,
                                       uint32_t replaces)
    : m_manager(manager),
      m_initiator(initiator),
      m_messageId(messageId),
      m_child(child),
      m_replaces(replaces)
{
}

std::string
Ikev1QuickModeTask::GetName() const
{
    return "quick-mode";
}

Bytes
Ikev1QuickModeTask::Mid() const
{
    return {uint8_t(m_messageId >> 24),
            uint8_t(m_messageId >> 16),
            uint8_t(m_messageId >> 8),
            uint8_t(m_messageId)};
}

Ikev1SaPayload::ProtocolId
Ikev1QuickModeTask::ProtocolIdFor(IpsecProtocol protocol)
{
    return protocol == IPSEC_PROTOCOL_AH ? Ikev1SaPayload::PROTO_IPSEC_AH
                                         : Ikev1SaPayload::PROTO_IPSEC_ESP;
}

uint16_t
Ikev1QuickModeTask::EncapsulationModeFor(Ptr<IkeSa> sa, IpsecMode mode)
{
    bool udp = sa->IsBehindNat() && sa->Has(IkeSa::COND_FLOATED) && !sa->Has(IkeSa::COND_STENBERG);
    if (mode == IPSEC_MODE_TUNNEL)
    {
        return udp ? Ikev1SaPayload::ENCAP_UDP_TUNNEL : Ikev1SaPayload::ENCAP_TUNNEL;
    }
    return udp ? Ikev1SaPayload::ENCAP_UDP_TRANSPORT : Ikev1SaPayload::ENCAP_TRANSPORT;
}

std::vector<std::unique_ptr<IkePayload>>
Ikev1QuickModeTask::BuildRest()
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    Ptr<IkeDaemon> daemon = m_manager->GetDaemon();
    std::vector<std::unique_ptr<IkePayload>> rest;
    m_spiIn = daemon->RandomSpi32();
    Bytes& nonce = m_initiator ? m_ni : m_nr;
    nonce = daemon->RandomBytes(32);
    uint16_t group = m_initiator ? m_child.pfsGroup
                                 : Attr(m_transform, Ikev1SaPayload::IPSEC_ATTR_GROUP_DESCRIPTION);

    Ikev1Transform t;
    if (m_initiator)
    {
        t.number = 1;
        t.transformId = TransformIdFor(m_child);
        t.AddTv(Ikev1SaPayload::IPSEC_ATTR_SA_LIFE_TYPE, Ikev1SaPayload::LIFE_TYPE_SECONDS);
        uint32_t life = uint32_t(m_child.lifetime.GetSeconds());
        if (life <= 0xffff)
        {
            t.AddTv(Ikev1SaPayload::IPSEC_ATTR_SA_LIFE_DURATION, uint16_t(life));
        }
        else
        {
            t.attributes.push_back(IkeAttribute::Tlv(
                Ikev1SaPayload::IPSEC_ATTR_SA_LIFE_DURATION,
                {uint8_t(life >> 24), uint8_t(life >> 16), uint8_t(life >> 8), uint8_t(life)}));
        }
        m_encapMode = EncapsulationModeFor(sa, m_child.mode);
        t.AddTv(Ikev1SaPayload::IPSEC_ATTR_ENCAPSULATION_MODE, m_encapMode);
        // RFC 2407 4.5: AH's authentication algorithm must match its transform ID;
        // AH has no cipher, so no key length.
        t.AddTv(Ikev1SaPayload::IPSEC_ATTR_AUTH_ALGORITHM, AuthAlgorithmFor(m_child.integrity));
        if (m_child.protocol != IPSEC_PROTOCOL_AH)
        {
            t.AddTv(Ikev1SaPayload::IPSEC_ATTR_KEY_LENGTH, m_child.encryptionKeyBits);
        }
        if (group != 0)
        {
            t.AddTv(Ikev1SaPayload::IPSEC_ATTR_GROUP_DESCRIPTION, group);
        }
        m_transform = t;
    }
    Ikev1Proposal p;
    p.number = 1;
    p.protocolId = ProtocolIdFor(m_child.protocol);
    p.SetSpi32(m_spiIn);
    p.transforms.push_back(m_transform);
    auto saPayload = std::make_unique<Ikev1SaPayload>();
    saPayload->AddProposal(p);
    rest.push_back(std::move(saPayload));

    auto n = std::make_unique<IkeNoncePayload>(1);
    n->SetData(nonce);
    rest.push_back(std::move(n));

    if (group != 0)
    {
        m_dh = DiffieHellman::Create(group);
        while (!m_dh->SetPrivateValue(daemon->RandomBytes(m_dh->GetPrivateValueSize())))
        {
        }
        auto ke = std::make_unique<IkeKePayload>(1);
        ke->SetData(m_dh->GetPublicValue());
        rest.push_back(std::move(ke));
    }
    if (m_initiator)
    {
        m_idci = IkeSelectorSide::ToClientId(m_child.selector, IkeSelectorSide::LOCAL);
        m_idcr = IkeSelectorSide::ToClientId(m_child.selector, IkeSelectorSide::REMOTE);
    }
    rest.push_back(m_idci->Clone());
    rest.push_back(m_idcr->Clone());
    if (m_encapMode == Ikev1SaPayload::ENCAP_UDP_TRANSPORT)
    {
        // RFC 3947 5.2: the original addresses, for the transport-mode checksum fix-up.
        auto oaI = std::make_unique<IkeNatOaPayload>();
        auto oaR = std::make_unique<IkeNatOaPayload>();
        oaI->SetIpv4Address(m_initiator ? sa->GetLocal().GetIpv4() : sa->GetRemote().GetIpv4());
        oaR->SetIpv4Address(m_initiator ? sa->GetRemote().GetIpv4() : sa->GetLocal().GetIpv4());
        rest.push_back(std::move(oaI));
        rest.push_back(std::move(oaR));
    }
    return rest;
}

void
Ikev1QuickModeTask::AddHashed(IkeMessage& message,
                              std::vector<std::unique_ptr<IkePayload>> rest,
                              const Bytes& prefix)
{
    IkeMessage::LinkPayloads(rest);
    Bytes restBytes = IkeMessage::SerializePayloads(rest);
    auto hash = std::make_unique<IkeHashPayload>();
    hash->SetData(m_manager->keys->PrfA(Concat(Mid(), prefix, restBytes)));
    message.GetHeader().SetFlag(IsakmpHeader::IKEV1_ENCRYPTION);
    message.AddPayload(std::move(hash));
    for (auto& p : rest)
    {
        message.AddPayload(std::move(p));
    }
}

bool
Ikev1QuickModeTask::CheckHash(const IkeMessage& message, const Bytes& prefix) const
{
    const auto& payloads = message.GetPayloads();
    if (payloads.empty() || payloads[0]->GetPayloadType() != IKEV1_PAYLOAD_HASH)
    {
        return false;
    }
    std::vector<std::unique_ptr<IkePayload>> rest;
    for (std::size_t k = 1; k < payloads.size(); ++k)
    {
        rest.push_back(payloads[k]->Clone());
    }
    Bytes expected =
        m_manager->keys->PrfA(Concat(Mid(), prefix, IkeMessage::SerializePayloads(rest)));
    return ConstantTimeEquals(static_cast<const IkeHashPayload&>(*payloads[0]).GetData(), expected);
}

std::string
Ikev1QuickModeTask::ReadSa(const IkeMessage& message)
{
    const auto* sa = message.Find<Ikev1SaPayload>(IKEV1_PAYLOAD_SA);
    if (!sa)
    {
        return "no-proposal";
    }
    for (const auto& p : sa->GetProposals())
    {
        if (p.protocolId != ProtocolIdFor(m_child.protocol) || p.spi.size() != 4)
        {
            continue;
        }
        bool ah = m_child.protocol == IPSEC_PROTOCOL_AH;
        for (const auto& t : p.transforms)
        {
            uint16_t mode = Attr(t, Ikev1SaPayload::IPSEC_ATTR_ENCAPSULATION_MODE);
            uint16_t keyBits = Attr(t, Ikev1SaPayload::IPSEC_ATTR_KEY_LENGTH);
            bool ok = t.transformId == TransformIdFor(m_child) &&
                      Attr(t, Ikev1SaPayload::IPSEC_ATTR_AUTH_ALGORITHM) ==
                          AuthAlgorithmFor(m_child.integrity) &&
                      keyBits == (ah ? 0 : m_child.encryptionKeyBits) && mode >= 1 && mode <= 4;
            uint16_t group = Attr(t, Ikev1SaPayload::IPSEC_ATTR_GROUP_DESCRIPTION);
            ok = ok && (group == 0 || DiffieHellman::IsSupported(group));
            if (m_initiator)
            {
                ok = ok && t.attributes == m_transform.attributes;
            }
            if (ok)
            {
                m_transform = t;
                m_encapMode = mode;
                m_spiOut = p.GetSpi32();
                return "";
            }
        }
    }
    return "no-proposal";
}

bool
Ikev1QuickModeTask::ReadNonceKe(const IkeMessage& message)
{
    const auto* n = message.Find<IkeNoncePayload>(IKEV1_PAYLOAD_NONCE);
    if (!n)
    {
        return false;
    }
    (m_initiator ? m_nr : m_ni) = n->GetData();
    uint16_t group = Attr(m_transform, Ikev1SaPayload::IPSEC_ATTR_GROUP_DESCRIPTION);
    const auto* ke = message.Find<IkeKePayload>(IKEV1_PAYLOAD_KE);
    if (group == 0)
    {
        return ke == nullptr;
    }
    if (!ke)
    {
        return false;
    }
    if (m_initiator)
    {
        auto secret = m_dh->ComputeSharedSecret(ke->GetData());
        if (!secret)
        {
            return false;
        }
        m_gqmxy = *secret;
    }
    else
    {
        // The responder makes its DH value when it builds message 2.
        m_gqmxy = ke->GetData();
    }
    return true;
}

void
Ikev1QuickModeTask::ReadIds(const IkeMessage& message)
{
    const auto* idci = message.Find<IkeIdPayload>(IKEV1_PAYLOAD_ID, 0);
    const auto* idcr = message.Find<IkeIdPayload>(IKEV1_PAYLOAD_ID, 1);
    if (idci && idcr && !m_initiator)
    {
        m_idci = idci->Clone();
        m_idcr = idcr->Clone();
    }
    const auto* oaI = message.Find<IkeNatOaPayload>(IKEV1_PAYLOAD_NAT_OA, 0);
    const auto* oaR = message.Find<IkeNatOaPayload>(IKEV1_PAYLOAD_NAT_OA, 1);
    if (oaI && oaR)
    {
        // RFC 3947 5.2: each side sends the addresses as it sees them; what
        // the peer put into its packets (its NAT-OAs) is what RFC 3948
        // 3.1.2 takes out of the checksum. From the responder, NAT-OAi is
        // the initiator as the NAT made it, NAT-OAr the responder's own.
        m_natOaI = oaI->GetIpv4Address();
        m_natOaR = oaR->GetIpv4Address();
    }
}

void
Ikev1QuickModeTask::Install()
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    std::size_t encBytes = IkeChildSaInstaller::GetEncryptionKeySize(m_child);
    std::size_t size = encBytes + IkeChildSaInstaller::GetIntegrityKeySize(m_child.integrity);
    // RFC 2409 5.5: each direction's KEYMAT is keyed on that direction's
    // SPI and on the protocol of the SA.
    Ikev1SaPayload::ProtocolId protocolId = ProtocolIdFor(m_child.protocol);
    Bytes in = m_manager->keys->ComputeKeymat(m_gqmxy, protocolId, m_spiIn, m_ni, m_nr, size);
    Bytes out = m_manager->keys->ComputeKeymat(m_gqmxy, protocolId, m_spiOut, m_ni, m_nr, size);
    IkeChildSa child;
    child.name = m_child.name;
    child.inboundSpi = m_spiIn;
    child.outboundSpi = m_spiOut;
    child.protocol = m_child.protocol;
    child.mode = (m_encapMode == Ikev1SaPayload::ENCAP_TUNNEL ||
                  m_encapMode == Ikev1SaPayload::ENCAP_UDP_TUNNEL)
                     ? IPSEC_MODE_TUNNEL
                     : IPSEC_MODE_TRANSPORT;
    m_child.mode = child.mode;
    if (sa->Has(IkeSa::COND_STENBERG))
    {
        child.encapsulation.type = IpsecEncapsulation::STENBERG;
    }
    else if (m_encapMode == Ikev1SaPayload::ENCAP_UDP_TUNNEL ||
             m_encapMode == Ikev1SaPayload::ENCAP_UDP_TRANSPORT)
    {
        child.encapsulation.type = IpsecEncapsulation::UDP_ENCAP;
    }
    child.encapsulation.localPort = sa->GetLocal().port;
    child.encapsulation.remotePort = sa->GetRemote().port;
    child.selector = m_child.selector;
    child.installed = Simulator::Now();
    // Original addresses as the peer wrote them: ours as it addressed us, its own as source.
    Ipv4Address origLocal = m_initiator ? m_natOaI : m_natOaR;
    Ipv4Address origRemote = m_initiator ? m_natOaR : m_natOaI;
    m_manager->GetHandler()->InstallChild(sa, child, m_child, in, out, origLocal, origRemote);
}

IkeTask::Status
Ikev1QuickModeTask::Build(IkeMessage& message)
{
    switch (m_step++)
    {
    case 0: // message 1 (initiator): HASH(1), SA, Ni, [KE], IDci, IDcr, [NAT-OAi, NAT-OAr]
        AddHashed(message, BuildRest(), {});
        return NEED_MORE;
    case 1: { // message 2 (responder): HASH(2), SA, Nr, [KE], IDci, IDcr, [NAT-OA]
        auto rest = BuildRest();
        if (m_dh)
        {
            auto secret = m_dh->ComputeSharedSecret(m_gqmxy);
            if (!secret)
            {
                return Failed("bad-ke");
            }
            m_gqmxy = *secret;
        }
        AddHashed(message, std::move(rest), m_ni);
        return NEED_MORE;
    }
    case 2: { // message 3 (initiator): HASH(3)
        auto hash = std::make_unique<IkeHashPayload>();
        hash->SetData(m_manager->keys->PrfA(Concat(Bytes{0}, Mid(), m_ni, m_nr)));
        message.GetHeader().SetFlag(IsakmpHeader::IKEV1_ENCRYPTION);
        message.AddPayload(std::move(hash));
        m_manager->QuickModeDone(m_child, m_spiIn, m_replaces, true);
        return SUCCESS;
    }
    }
    return Failed("internal");
}

IkeTask::Status
Ikev1QuickModeTask::Process(const IkeMessage& message)
{
    switch (m_step++)
    {
    case 0: { // message 1 at the responder
        if (!CheckHash(message, {}))
        {
            return Failed("auth-failed");
        }
        ReadIds(message);
        // Our policy for the traffic the initiator names (or the first one we have).
        const IkePeerConfig& config = m_manager->GetSa()->GetConfig();
        // IDci names the initiator's side, our remote one (RFC 2409 5.5).
        IpsecSelector proposed;
        bool haveIds =
            m_idci && m_idcr &&
            IkeSelectorSide::SetFromClientId(proposed,
                                             IkeSelectorSide::REMOTE,
                                             static_cast<const IkeIdPayload&>(*m_idci)) &&
            IkeSelectorSide::SetFromClientId(proposed,
                                             IkeSelectorSide::LOCAL,
                                             static_cast<const IkeIdPayload&>(*m_idcr));
        if (!config.children.empty())
        {
            m_child = config.children[0];
            for (const auto& c : config.children)
            {
                // The IDs name addresses (and a protocol this model
                // does not narrow to); protocol and ports stay ours.
                IpsecSelector candidate = c.selector;
                IkeSelectorSide::CopyPrefix(candidate, proposed, IkeSelectorSide::LOCAL);
                IkeSelectorSide::CopyPrefix(candidate, proposed, IkeSelectorSide::REMOTE);
                if (haveIds && candidate.IsWithin(c.selector))
                {
                    // Narrow our policy to the traffic the initiator names, so
                    // that peers behind different NATs get distinct selectors.
                    m_child = c;
                    m_child.selector = candidate;
                    break;
                }
            }
        }
        else if (haveIds)
        {
            IkeSelectorSide::CopyPrefix(m_child.selector, proposed, IkeSelectorSide::LOCAL);
            IkeSelectorSide::CopyPrefix(m_child.selector, proposed, IkeSelectorSide::REMOTE);
        }
        if (!m_idci)
        {
            m_idci = IkeSelectorSide::ToClientId(m_child.selector, IkeSelectorSide::REMOTE);
            m_idcr = IkeSelectorSide::ToClientId(m_child.selector, IkeSelectorSide::LOCAL);
        }
        std::string reason = ReadSa(message);
        if (!reason.empty())
        {
            return Failed(reason);
        }
        if (!ReadNonceKe(message))
        {
            return Failed("bad-ke");
        }
        return NEED_MORE;
    }
    case 1: { // message 2 at the initiator
        if (!CheckHash(message, m_ni))
        {
            return Failed("auth-failed");
        }
        std::string reason = ReadSa(message);
        if (!reason.empty())
        {
            return Failed(reason);
        }
        if (!ReadNonceKe(message))
        {
            return Failed("bad-ke");
        }
        ReadIds(message);
        if (m_natOaR.IsAny() && m_encapMode == Ikev1SaPayload::ENCAP_UDP_TRANSPORT)
        {
            m_natOaI = m_manager->GetSa()->GetLocal().GetIpv4();
            m_natOaR = m_manager->GetSa()->GetRemote().GetIpv4();
        }
        Install();
        return NEED_MORE;
    }
    case 2: { // message 3 at the responder
        const auto* hash = message.Find<IkeHashPayload>(IKEV1_PAYLOAD_HASH);
        Bytes expected = m_manager->keys->PrfA(Concat(Bytes{0}, Mid(), m_ni, m_nr));
        if (!hash || !ConstantTimeEquals(hash->GetData(), expected))
        {
            return Failed("auth-failed");
        }
        Install();
        m_manager->QuickModeDone(m_child, m_spiIn, 0, false);
        return SUCCESS;
    }
    }
    return Failed("internal");
}

} // namespace ns3
