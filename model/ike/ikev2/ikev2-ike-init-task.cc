/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-ike-init-task.h"

#include "ikev2-handler.h"
#include "ikev2-task-manager.h"

#include "ns3/ike-ke-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2IkeInitTask");

namespace
{

/// RFC 7296 2.10: nonces of at least half the PRF key size; 32 bytes suit both PRFs.
constexpr uint32_t kNonceSize = 32;

} // namespace

Ikev2IkeInitTask::Ikev2IkeInitTask(Ikev2TaskManager* manager, bool initiator)
    : m_manager(manager),
      m_initiator(initiator)
{
}

std::string
Ikev2IkeInitTask::GetName() const
{
    return "ike-init";
}

Ikev2Proposal
Ikev2IkeInitTask::MakeProposal(const IkeProposal& config)
{
    Ikev2Proposal p;
    p.number = 1;
    p.protocolId = Ikev2Proposal::PROTOCOL_IKE;
    p.transforms.push_back(Ikev2Transform::MakeEncr(config.encryption, config.encryptionKeyBits));
    p.transforms.push_back(Ikev2Transform::Make(Ikev2Transform::TYPE_PRF, config.prf));
    p.transforms.push_back(Ikev2Transform::Make(Ikev2Transform::TYPE_INTEG, config.integrity));
    p.transforms.push_back(Ikev2Transform::Make(Ikev2Transform::TYPE_DH, config.dhGroup));
    return p;
}

bool
Ikev2IkeInitTask::Matches(const Ikev2Proposal& proposal, const IkeProposal& config)
{
    if (proposal.protocolId != Ikev2Proposal::PROTOCOL_IKE)
    {
        return false;
    }
    // Any transform of a type may be acceptable (RFC 7296 3.3.6).
    auto offers = [&proposal](Ikev2Transform::Type type, uint16_t id, uint16_t keyLength) {
        for (const auto& t : proposal.transforms)
        {
            if (t.type == type && t.id == id && (keyLength == 0 || t.GetKeyLength() == keyLength))
            {
                return true;
            }
        }
        return false;
    };
    return offers(Ikev2Transform::TYPE_ENCR, config.encryption, config.encryptionKeyBits) &&
           offers(Ikev2Transform::TYPE_PRF, config.prf, 0) &&
           offers(Ikev2Transform::TYPE_INTEG, config.integrity, 0) &&
           offers(Ikev2Transform::TYPE_DH, config.dhGroup, 0);
}

void
Ikev2IkeInitTask::CreateDh(uint16_t group)
{
    m_dh = DiffieHellman::Create(group);
    if (m_dh)
    {
        m_dh->SetPrivateValue(m_manager->GetDaemon()->RandomBytes(m_dh->GetPrivateValueSize()));
    }
}

void
Ikev2IkeInitTask::DeriveKeys()
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    Ikev2SaContext& ctx = m_manager->GetContext();
    Bytes secret = m_dh->ComputeSharedSecret(m_peerKe).GetValue();
    ctx.keys = Ikev2Keys(sa->GetConfig().proposal);
    ctx.keys.Derive(secret, ctx.nonceI, ctx.nonceR, sa->GetInitiatorSpi(), sa->GetResponderSpi());
    ctx.haveKeys = true;
    m_manager->GetHandler()->RecordIkeKeys(m_manager);
}

IkeTask::Status
Ikev2IkeInitTask::Build(IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    const IkePeerConfig& config = sa->GetConfig();
    Ikev2SaContext& ctx = m_manager->GetContext();
    if (!m_initiator && m_error != 0)
    {
        // RFC 7296 2.21.1: errors in IKE_SA_INIT go back unprotected.
        auto notify = std::make_unique<IkeNotifyPayload>(2);
        notify->SetNotifyType(m_error);
        notify->SetData(m_errorData);
        message.AddPayload(std::move(notify));
        return m_error == IkeNotifyPayload::NO_PROPOSAL_CHOSEN ? Failed("no-proposal")
                                                               : Failed("invalid-ke");
    }
    if (m_initiator && !ctx.cookie.empty())
    {
        // RFC 7296 2.6: the cookie goes first.
        auto notify = std::make_unique<IkeNotifyPayload>(2);
        notify->SetNotifyType(IkeNotifyPayload::COOKIE);
        notify->SetData(ctx.cookie);
        message.AddPayload(std::move(notify));
    }
    if (!m_dh)
    {
        CreateDh(config.proposal.dhGroup);
        if (!m_dh)
        {
            return Failed("no-proposal");
        }
    }
    if (m_nonce.empty())
    {
        m_nonce = m_manager->GetDaemon()->RandomBytes(kNonceSize);
    }
    auto saPayload = std::make_unique<Ikev2SaPayload>();
    saPayload->AddProposal(MakeProposal(config.proposal));
    message.AddPayload(std::move(saPayload));
    auto ke = std::make_unique<IkeKePayload>(2);
    ke->SetDhGroup(m_dh->GetGroup());
    ke->SetData(m_dh->GetPublicValue());
    message.AddPayload(std::move(ke));
    auto nonce = std::make_unique<IkeNoncePayload>(2);
    nonce->SetData(m_nonce);
    message.AddPayload(std::move(nonce));
    if (config.fragmentation && (m_initiator || sa->Has(IkeSa::COND_FRAGMENTATION)))
    {
        auto notify = std::make_unique<IkeNotifyPayload>(2);
        notify->SetNotifyType(IkeNotifyPayload::IKEV2_FRAGMENTATION_SUPPORTED);
        message.AddPayload(std::move(notify));
    }
    if (m_initiator)
    {
        ctx.nonceI = m_nonce;
        return NEED_MORE;
    }
    ctx.nonceR = m_nonce;
    DeriveKeys();
    return SUCCESS;
}

IkeTask::Status
Ikev2IkeInitTask::Process(const IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    const IkePeerConfig& config = sa->GetConfig();
    Ikev2SaContext& ctx = m_manager->GetContext();
    bool fragmentation = false;
    for (const auto& payload : message.GetPayloads())
    {
        const auto* n = dynamic_cast<const IkeNotifyPayload*>(payload.get());
        if (!n)
        {
            continue;
        }
        switch (n->GetNotifyType())
        {
        case IkeNotifyPayload::COOKIE:
            if (m_initiator)
            {
                NS_LOG_INFO("responder asks for a cookie");
                ctx.cookie = n->GetData();
                return NEED_MORE;
            }
            break;
        case IkeNotifyPayload::INVALID_KE_PAYLOAD:
            if (m_initiator && n->GetData().size() == 2)
            {
                // RFC 7296 1.2: retry with the group the responder wants,
                // if we accept it.
                uint16_t group = (n->GetData()[0] << 8) | n->GetData()[1];
                if (group != config.proposal.dhGroup || !DiffieHellman::IsSupported(group))
                {
                    return Failed("no-proposal");
                }
                CreateDh(group);
                return NEED_MORE;
            }
            break;
        case IkeNotifyPayload::NO_PROPOSAL_CHOSEN:
            return Failed("no-proposal");
        case IkeNotifyPayload::IKEV2_FRAGMENTATION_SUPPORTED:
            fragmentation = true;
            break;
        default:
            if (n->IsError() && m_initiator)
            {
                return Failed("peer-error");
            }
            break;
        }
    }
    const auto* saPayload = message.Find<Ikev2SaPayload>(IKEV2_PAYLOAD_SA);
    const auto* ke = message.Find<IkeKePayload>(IKEV2_PAYLOAD_KE);
    const auto* nonce = message.Find<IkeNoncePayload>(IKEV2_PAYLOAD_NONCE);
    if (!saPayload || !ke || !nonce)
    {
        if (!m_initiator)
        {
            m_error = IkeNotifyPayload::NO_PROPOSAL_CHOSEN;
            return NEED_MORE;
        }
        return Failed("malformed");
    }
    bool match = false;
    for (const auto& p : saPayload->GetProposals())
    {
        match = match || Matches(p, config.proposal);
    }
    if (!match || !Ikev2Keys::IsSupported(config.proposal))
    {
        NS_LOG_INFO("no acceptable IKE proposal");
        if (m_initiator)
        {
            return Failed("no-proposal");
        }
        m_error = IkeNotifyPayload::NO_PROPOSAL_CHOSEN;
        return NEED_MORE;
    }
    if (ke->GetDhGroup() != config.proposal.dhGroup)
    {
        if (m_initiator)
        {
            return Failed("no-proposal");
        }
        // RFC 7296 1.2: tell the initiator which group we want.
        m_error = IkeNotifyPayload::INVALID_KE_PAYLOAD;
        m_errorData = {uint8_t(config.proposal.dhGroup >> 8), uint8_t(config.proposal.dhGroup)};
        return NEED_MORE;
    }
    if (config.fragmentation && fragmentation)
    {
        sa->Set(IkeSa::COND_FRAGMENTATION);
    }
    m_peerKe = ke->GetData();
    if (m_initiator)
    {
        ctx.nonceR = nonce->GetData();
        sa->SetSpis(sa->GetInitiatorSpi(), message.GetHeader().GetResponderSpi());
        if (!m_dh->ComputeSharedSecret(m_peerKe))
        {
            return Failed("bad-ke");
        }
        DeriveKeys();
        return SUCCESS;
    }
    ctx.nonceI = nonce->GetData();
    CreateDh(config.proposal.dhGroup);
    if (!m_dh || !m_dh->ComputeSharedSecret(m_peerKe))
    {
        m_error = IkeNotifyPayload::NO_PROPOSAL_CHOSEN;
        return NEED_MORE;
    }
    return NEED_MORE;
}

} // namespace ns3
