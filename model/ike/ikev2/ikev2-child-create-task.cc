/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-child-create-task.h"

#include "ikev2-delete-task.h"
#include "ikev2-handler.h"
#include "ikev2-task-manager.h"

#include "ns3/ike-ke-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-selector-side.h"
#include "ns3/ikev2-configuration-payload.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2ChildCreateTask");

namespace
{

constexpr uint32_t kNonceSize = 32;

uint16_t
EncrId(IpsecTransform::Encryption e)
{
    switch (e)
    {
    case IpsecTransform::ENCR_NULL:
        return Ikev2Transform::ENCR_NULL;
    case IpsecTransform::ENCR_AES_GCM_16:
        return Ikev2Transform::ENCR_AES_GCM_16;
    default:
        return Ikev2Transform::ENCR_AES_CBC;
    }
}

uint16_t
IntegId(IpsecTransform::Integrity i)
{
    switch (i)
    {
    case IpsecTransform::INTEG_HMAC_SHA1_96:
        return Ikev2Transform::AUTH_HMAC_SHA1_96;
    case IpsecTransform::INTEG_HMAC_SHA2_256_128:
        return Ikev2Transform::AUTH_HMAC_SHA2_256_128;
    default:
        return Ikev2Transform::AUTH_NONE;
    }
}

bool
Accepts(const Ikev2Proposal& p, const IkeChildConfig& config, bool pfs)
{
    if (p.protocolId != Ikev2Proposal::PROTOCOL_ESP || p.spi.size() != 4)
    {
        return false;
    }
    bool encr = false;
    bool integ = IntegId(config.integrity) == Ikev2Transform::AUTH_NONE;
    bool dh = !pfs;
    for (const auto& t : p.transforms)
    {
        if (t.type == Ikev2Transform::TYPE_ENCR && t.id == EncrId(config.encryption) &&
            (config.encryption == IpsecTransform::ENCR_NULL ||
             t.GetKeyLength() == config.encryptionKeyBits))
        {
            encr = true;
        }
        if (t.type == Ikev2Transform::TYPE_INTEG && t.id == IntegId(config.integrity))
        {
            integ = true;
        }
        if (t.type == Ikev2Transform::TYPE_DH && t.id == config.pfsGroup)
        {
            dh = true;
        }
    }
    return encr && integ && dh;
}

} // namespace

Ikev2ChildCreateTask::Ikev2ChildCreateTask(Ikev2TaskManager* manager,
                                           bool initiator,
                                           bool inIkeAuth,
                                           std::size_t configIndex,
                                           uint32_t rekeySpi)
    : m_manager(manager),
      m_initiator(initiator),
      m_inIkeAuth(inIkeAuth),
      m_configIndex(configIndex),
      m_rekeySpi(rekeySpi)
{
}

std::string
Ikev2ChildCreateTask::GetName() const
{
    return m_rekeySpi ? "child-rekey" : "child-create";
}

Ikev2Proposal
Ikev2ChildCreateTask::MakeProposal(const IkeChildConfig& config, uint32_t spi, bool pfs)
{
    Ikev2Proposal p;
    p.number = 1;
    p.protocolId = Ikev2Proposal::PROTOCOL_ESP;
    p.SetSpi32(spi);
    p.transforms.push_back(Ikev2Transform::MakeEncr(
        EncrId(config.encryption),
        config.encryption == IpsecTransform::ENCR_NULL ? 0 : config.encryptionKeyBits));
    if (IntegId(config.integrity) != Ikev2Transform::AUTH_NONE)
    {
        p.transforms.push_back(
            Ikev2Transform::Make(Ikev2Transform::TYPE_INTEG, IntegId(config.integrity)));
    }
    if (pfs)
    {
        p.transforms.push_back(Ikev2Transform::Make(Ikev2Transform::TYPE_DH, config.pfsGroup));
    }
    p.transforms.push_back(
        Ikev2Transform::Make(Ikev2Transform::TYPE_ESN, Ikev2Transform::ESN_NONE));
    return p;
}

const IkeChildConfig&
Ikev2ChildCreateTask::GetConfig() const
{
    return m_config;
}

IkeTask::Status
Ikev2ChildCreateTask::Build(IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    Ptr<IkeDaemon> daemon = m_manager->GetDaemon();
    Ikev2SaContext& ctx = m_manager->GetContext();
    if (!m_initiator && !m_failure.empty())
    {
        auto notify = std::make_unique<IkeNotifyPayload>(2);
        notify->SetNotifyType(m_error);
        message.AddPayload(std::move(notify));
        return Failed(m_failure);
    }
    if (m_initiator)
    {
        const auto& configs = sa->GetConfig().children;
        if (m_configIndex >= configs.size())
        {
            return Failed("no-child-config");
        }
        m_config = configs[m_configIndex];
        m_selector = m_config.selector;
        m_mode = m_config.mode;
        if (!ctx.virtualIp.IsAny() && !m_selector.IsIpv6())
        {
            m_selector.localAddress = ctx.virtualIp;
            m_selector.localMask = Ipv4Mask("255.255.255.255");
        }
    }
    bool pfs = !m_inIkeAuth && m_config.pfsGroup != 0 && (m_initiator || !m_peerKe.empty());
    if (pfs && !m_dh)
    {
        m_dh = DiffieHellman::Create(m_config.pfsGroup);
        if (!m_dh)
        {
            return Failed("no-proposal");
        }
        m_dh->SetPrivateValue(daemon->RandomBytes(m_dh->GetPrivateValueSize()));
    }
    m_inboundSpi = daemon->RandomSpi32();
    if (m_initiator && m_rekeySpi != 0)
    {
        // RFC 7296 1.3.3: name the child SA being replaced by our inbound SPI.
        auto rekey = std::make_unique<IkeNotifyPayload>(2);
        rekey->SetNotifyType(IkeNotifyPayload::REKEY_SA);
        rekey->SetProtocolId(Ikev2Proposal::PROTOCOL_ESP);
        rekey->SetSpi32(m_rekeySpi);
        message.AddPayload(std::move(rekey));
    }
    if (m_initiator && m_inIkeAuth && m_config.requestVirtualIp)
    {
        auto cp = std::make_unique<Ikev2ConfigurationPayload>();
        cp->SetCfgType(Ikev2ConfigurationPayload::CFG_REQUEST);
        cp->AddAttribute(Ikev2ConfigAttribute::Empty(Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS));
        message.AddPayload(std::move(cp));
        m_wantsVirtualIp = true;
    }
    if (!m_initiator && !m_assigned.IsAny())
    {
        auto cp = std::make_unique<Ikev2ConfigurationPayload>();
        cp->SetCfgType(Ikev2ConfigurationPayload::CFG_REPLY);
        cp->AddAttribute(
            Ikev2ConfigAttribute::Ipv4(Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS, m_assigned));
        message.AddPayload(std::move(cp));
    }
    auto saPayload = std::make_unique<Ikev2SaPayload>();
    saPayload->AddProposal(MakeProposal(m_config, m_inboundSpi, pfs));
    message.AddPayload(std::move(saPayload));
    if (!m_inIkeAuth)
    {
        m_nonce = daemon->RandomBytes(kNonceSize);
        auto nonce = std::make_unique<IkeNoncePayload>(2);
        nonce->SetData(m_nonce);
        message.AddPayload(std::move(nonce));
        if (pfs)
        {
            auto ke = std::make_unique<IkeKePayload>(2);
            ke->SetDhGroup(m_dh->GetGroup());
            ke->SetData(m_dh->GetPublicValue());
            message.AddPayload(std::move(ke));
        }
    }
    // TSi is the initiator's side of the traffic, TSr the responder's. A
    // responder that substituted addresses answers with the traffic
    // selectors it received (RFC 7296 2.23.1).
    const IpsecSelector& s = m_natSubstituted ? m_tsSelector : m_selector;
    Ikev2TrafficSelector ours = IkeSelectorSide::ToTrafficSelector(s, IkeSelectorSide::LOCAL);
    Ikev2TrafficSelector theirs = IkeSelectorSide::ToTrafficSelector(s, IkeSelectorSide::REMOTE);
    if (m_wantsVirtualIp)
    {
        // RFC 7296 2.19: any address, the gateway narrows it to the one it assigns.
        ours =
            Ikev2TrafficSelector::Ipv4Range(Ipv4Address("0.0.0.0"), Ipv4Address("255.255.255.255"));
    }
    auto tsi = std::make_unique<Ikev2TrafficSelectorPayload>(IKEV2_PAYLOAD_TSI);
    tsi->AddTrafficSelector(m_initiator ? ours : theirs);
    message.AddPayload(std::move(tsi));
    auto tsr = std::make_unique<Ikev2TrafficSelectorPayload>(IKEV2_PAYLOAD_TSR);
    tsr->AddTrafficSelector(m_initiator ? theirs : ours);
    message.AddPayload(std::move(tsr));
    if (m_mode == IPSEC_MODE_TRANSPORT)
    {
        auto transport = std::make_unique<IkeNotifyPayload>(2);
        transport->SetNotifyType(IkeNotifyPayload::USE_TRANSPORT_MODE);
        message.AddPayload(std::move(transport));
    }
    if (m_initiator)
    {
        return NEED_MORE;
    }
    return Install();
}

IkeTask::Status
Ikev2ChildCreateTask::Install()
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    Ikev2SaContext& ctx = m_manager->GetContext();
    Bytes secret;
    if (m_dh && !m_peerKe.empty())
    {
        auto shared = m_dh->ComputeSharedSecret(m_peerKe);
        if (!shared)
        {
            return Failed("bad-ke");
        }
        secret = shared.GetValue();
    }
    Bytes nonceI = m_inIkeAuth ? ctx.nonceI : (m_initiator ? m_nonce : m_peerNonce);
    Bytes nonceR = m_inIkeAuth ? ctx.nonceR : (m_initiator ? m_peerNonce : m_nonce);
    std::size_t encr = IkeChildSaInstaller::GetEncryptionKeySize(m_config);
    std::size_t integ = IkeChildSaInstaller::GetIntegrityKeySize(m_config.integrity);
    Bytes keymat = ctx.keys.DeriveChildKeymat(secret, nonceI, nonceR, 2 * (encr + integ));
    IkeChildSa child;
    child.name = m_config.name;
    child.inboundSpi = m_inboundSpi;
    child.outboundSpi = m_outboundSpi;
    child.mode = m_mode;
    child.selector = m_selector;
    if (m_natSubstituted)
    {
        // The traffic selectors' addresses are the ones the peer's stack
        // computed its TCP / UDP checksums with (RFC 7296 2.23.1, the role
        // NAT-OA plays in IKEv1, RFC 3947 5.2).
        m_manager->InstallChild(child,
                                m_config,
                                keymat,
                                m_initiator,
                                m_tsSelector.localAddress,
                                m_tsSelector.remoteAddress);
    }
    else
    {
        m_manager->InstallChild(child, m_config, keymat, m_initiator);
    }
    if (m_rekeySpi != 0)
    {
        for (auto& old : sa->GetChildSas())
        {
            if ((m_initiator && old.inboundSpi == m_rekeySpi) ||
                (!m_initiator && old.outboundSpi == m_rekeySpi))
            {
                old.rekeyed = true;
            }
        }
        if (m_initiator)
        {
            // RFC 7296 2.8: new pair installed; now delete the old one.
            m_manager->Queue(
                IsakmpHeader::IKEV2_INFORMATIONAL,
                {Create<Ikev2DeleteTask>(m_manager, true, std::vector<uint32_t>{m_rekeySpi})});
        }
    }
    return SUCCESS;
}

IkeTask::Status
Ikev2ChildCreateTask::Process(const IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    Ikev2SaContext& ctx = m_manager->GetContext();
    bool transport = false;
    for (const auto& payload : message.GetPayloads())
    {
        const auto* n = dynamic_cast<const IkeNotifyPayload*>(payload.get());
        if (!n)
        {
            continue;
        }
        switch (n->GetNotifyType())
        {
        case IkeNotifyPayload::NO_PROPOSAL_CHOSEN:
            return Failed("no-proposal");
        case IkeNotifyPayload::TS_UNACCEPTABLE:
            return Failed("ts-unacceptable");
        case IkeNotifyPayload::INTERNAL_ADDRESS_FAILURE:
        case IkeNotifyPayload::FAILED_CP_REQUIRED:
            return Failed("no-virtual-ip");
        case IkeNotifyPayload::USE_TRANSPORT_MODE:
            transport = true;
            break;
        case IkeNotifyPayload::REKEY_SA:
            if (!m_initiator)
            {
                m_rekeySpi = n->GetSpi32();
            }
            break;
        default:
            break;
        }
    }
    const auto* saPayload = message.Find<Ikev2SaPayload>(IKEV2_PAYLOAD_SA);
    const auto* tsi = message.Find<Ikev2TrafficSelectorPayload>(IKEV2_PAYLOAD_TSI);
    const auto* tsr = message.Find<Ikev2TrafficSelectorPayload>(IKEV2_PAYLOAD_TSR);
    const auto* nonce = message.Find<IkeNoncePayload>(IKEV2_PAYLOAD_NONCE);
    const auto* ke = message.Find<IkeKePayload>(IKEV2_PAYLOAD_KE);
    const auto* cp = message.Find<Ikev2ConfigurationPayload>(IKEV2_PAYLOAD_CP);

    if (!m_initiator)
    {
        // Which of our children the peer asks for: the one being rekeyed,
        // else the one its traffic selectors name (chosen below).
        const auto& configs = sa->GetConfig().children;
        m_config = configs.empty() ? IkeChildConfig() : configs[0];
        if (m_rekeySpi != 0)
        {
            bool found = false;
            for (const auto& old : sa->GetChildSas())
            {
                if (old.outboundSpi == m_rekeySpi)
                {
                    found = true;
                    for (const auto& c : configs)
                    {
                        if (c.name == old.name)
                        {
                            m_config = c;
                        }
                    }
                }
            }
            if (!found)
            {
                m_error = IkeNotifyPayload::CHILD_SA_NOT_FOUND;
                m_failure = "child-not-found";
                return Failed(m_failure);
            }
        }
    }
    if (!saPayload || !tsi || !tsr || tsi->GetTrafficSelectors().empty() ||
        tsr->GetTrafficSelectors().empty() || (!m_inIkeAuth && !nonce))
    {
        m_error = IkeNotifyPayload::INVALID_SYNTAX;
        m_failure = "malformed";
        return Failed(m_failure);
    }
    if (!m_initiator && m_rekeySpi == 0)
    {
        // A new child: the first of ours whose selectors meet the proposed
        // ones (ours mirrored: our local side is TSr).
        const Ikev2TrafficSelector& pi = tsi->GetTrafficSelectors()[0];
        const Ikev2TrafficSelector& pr = tsr->GetTrafficSelectors()[0];
        for (const auto& c : sa->GetConfig().children)
        {
            uint8_t protocol = 0;
            if (IkeSelectorSide::Meets(c.selector, IkeSelectorSide::LOCAL, pr) &&
                IkeSelectorSide::Meets(c.selector, IkeSelectorSide::REMOTE, pi) &&
                IkeSelectorSide::NarrowProtocol(c.selector.protocol, pi.ipProtocolId, protocol))
            {
                m_config = c;
                break;
            }
        }
    }
    if (ke)
    {
        m_peerKe = ke->GetData();
    }
    bool pfs = !m_inIkeAuth && m_config.pfsGroup != 0;
    const Ikev2Proposal* chosen = nullptr;
    for (const auto& p : saPayload->GetProposals())
    {
        if (!chosen && Accepts(p, m_config, pfs && ke))
        {
            chosen = &p;
        }
    }
    if (!chosen || (pfs && !ke && m_initiator))
    {
        m_error = IkeNotifyPayload::NO_PROPOSAL_CHOSEN;
        m_failure = "no-proposal";
        return Failed(m_failure);
    }
    m_outboundSpi = chosen->GetSpi32();
    if (nonce)
    {
        m_peerNonce = nonce->GetData();
    }
    const Ikev2TrafficSelector& i = tsi->GetTrafficSelectors()[0];
    const Ikev2TrafficSelector& r = tsr->GetTrafficSelectors()[0];
    bool ipv6 = i.type == Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE;
    // RFC 7296 2.9: the child carries only the IP protocol both policies
    // allow. The responder narrows the initiator's TSi to its own policy;
    // the initiator accepts the responder's narrowing only within its own.
    // Taking the peer's protocol unchecked gave a peer whose child allows
    // only UDP, say, an SA for every protocol.
    uint8_t protocol = 0;
    bool protocolMeets =
        IkeSelectorSide::NarrowProtocol(m_config.selector.protocol,
                                        m_initiator ? r.ipProtocolId : i.ipProtocolId,
                                        protocol);
    if (i.type != r.type || ipv6 != m_config.selector.IsIpv6() || !protocolMeets)
    {
        // One selector is of one family (RFC 4301 4.4.1.1): an IPv4 TSi
        // with an IPv6 TSr, or selectors of the family our policy does
        // not have, name no traffic this model can protect; nor do
        // selectors of another protocol than ours.
        m_error = IkeNotifyPayload::TS_UNACCEPTABLE;
        m_failure = "ts-unacceptable";
        return Failed(m_failure);
    }
    if (m_initiator)
    {
        if (cp && cp->GetCfgType() == Ikev2ConfigurationPayload::CFG_REPLY)
        {
            const auto* attribute = cp->FindAttribute(Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS);
            Ipv4Address assigned;
            if (attribute && attribute->GetIpv4(assigned))
            {
                NS_LOG_INFO("gateway assigned " << assigned);
                ctx.virtualIp = assigned;
            }
        }
        else if (m_wantsVirtualIp)
        {
            return Failed("no-virtual-ip");
        }
        // The responder may have narrowed the selectors (RFC 7296 2.9).
        IkeSelectorSide::SetFromRange(m_selector, IkeSelectorSide::LOCAL, i);
        IkeSelectorSide::SetFromRange(m_selector, IkeSelectorSide::REMOTE, r);
        m_selector.protocol = protocol;
        m_mode = transport ? IPSEC_MODE_TRANSPORT : IPSEC_MODE_TUNNEL;
        SubstituteNatAddresses();
        return Install();
    }
    if (cp && cp->GetCfgType() == Ikev2ConfigurationPayload::CFG_REQUEST &&
        cp->FindAttribute(Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS))
    {
        m_assigned = m_manager->GetHandler()->AllocateVirtualIp(sa->GetConfig());
        if (m_assigned.IsAny())
        {
            m_error = IkeNotifyPayload::INTERNAL_ADDRESS_FAILURE;
            m_failure = "no-virtual-ip";
            return Failed(m_failure);
        }
        ctx.virtualIp = m_assigned;
    }
    m_selector = m_config.selector;
    m_selector.protocol = protocol;
    IkeSelectorSide::SetFromRange(m_selector, IkeSelectorSide::LOCAL, r);
    IkeSelectorSide::SetFromRange(m_selector, IkeSelectorSide::REMOTE, i);
    // RFC 7296 2.9: narrow to our own policy where it is the smaller one.
    IpsecSelector proposed = m_selector;
    const IpsecSelector& ours = m_config.selector;
    for (auto side : {IkeSelectorSide::LOCAL, IkeSelectorSide::REMOTE})
    {
        if (IkeSelectorSide::IsWithin(ours, proposed, side))
        {
            IkeSelectorSide::CopyPrefix(m_selector, ours, side);
        }
    }
    m_selector.localPortStart = r.startPort;
    m_selector.localPortEnd = r.endPort;
    m_selector.remotePortStart = i.startPort;
    m_selector.remotePortEnd = i.endPort;
    if (!m_assigned.IsAny() && !m_selector.IsIpv6())
    {
        // The client's traffic comes from the address we gave it (RFC 7296 2.19).
        m_selector.remoteAddress = m_assigned;
        m_selector.remoteMask = Ipv4Mask("255.255.255.255");
    }
    m_mode = transport && m_config.mode == IPSEC_MODE_TRANSPORT ? IPSEC_MODE_TRANSPORT
                                                                : IPSEC_MODE_TUNNEL;
    SubstituteNatAddresses();
    return NEED_MORE;
}

void
Ikev2ChildCreateTask::SubstituteNatAddresses()
{
    // RFC 7296 2.23.1: in transport mode across a NAT the traffic selectors
    // name addresses the packets do not carry (the initiator's private
    // address, the address it sent IKE to), so the SPD entries use the
    // IKE SA's addresses, which the packets do carry, and the traffic
    // selectors' addresses are kept as the original addresses.
    Ptr<IkeSa> sa = m_manager->GetSa();
    // Only IPv4 has NATs to substitute for, and only IPv4 selectors take IPv4 addresses.
    m_natSubstituted = m_mode == IPSEC_MODE_TRANSPORT && sa->IsBehindNat() &&
                       !sa->GetLocal().IsIpv6() && !m_selector.IsIpv6();
    if (!m_natSubstituted)
    {
        return;
    }
    m_tsSelector = m_selector;
    m_selector.localAddress = sa->GetLocal().GetIpv4();
    m_selector.localMask = Ipv4Mask::GetOnes();
    m_selector.remoteAddress = sa->GetRemote().GetIpv4();
    m_selector.remoteMask = Ipv4Mask::GetOnes();
}

} // namespace ns3
