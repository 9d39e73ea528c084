/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-ike-rekey-task.h"

#include "ikev2-delete-task.h"
#include "ikev2-handler.h"
#include "ikev2-ike-init-task.h"
#include "ikev2-task-manager.h"

#include "ns3/ike-ke-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2IkeRekeyTask");

Ikev2IkeRekeyTask::Ikev2IkeRekeyTask(Ikev2TaskManager* manager, bool initiator)
    : m_manager(manager),
      m_initiator(initiator)
{
}

std::string
Ikev2IkeRekeyTask::GetName() const
{
    return "ike-rekey";
}

IkeTask::Status
Ikev2IkeRekeyTask::Build(IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    Ptr<IkeDaemon> daemon = m_manager->GetDaemon();
    const IkePeerConfig& config = sa->GetConfig();
    if (m_noProposal)
    {
        auto notify = std::make_unique<IkeNotifyPayload>(2);
        notify->SetNotifyType(IkeNotifyPayload::NO_PROPOSAL_CHOSEN);
        message.AddPayload(std::move(notify));
        // The old IKE SA stays as it is (RFC 7296 2.21.3).
        return SUCCESS;
    }
    m_spi = daemon->RandomSpi64();
    m_nonce = daemon->RandomBytes(32);
    m_dh = DiffieHellman::Create(config.proposal.dhGroup);
    m_dh->SetPrivateValue(daemon->RandomBytes(m_dh->GetPrivateValueSize()));
    if (!m_initiator && !m_dh->ComputeSharedSecret(m_peerKe))
    {
        // A KE value its group cannot use (a wrong length, or an X25519 value
        // of small order, RFC 8031 2.3): INVALID_SYNTAX (RFC 7296 3.10.1),
        // and the old IKE SA stays as it is (2.21.3).
        auto notify = std::make_unique<IkeNotifyPayload>(2);
        notify->SetNotifyType(IkeNotifyPayload::INVALID_SYNTAX);
        message.AddPayload(std::move(notify));
        return SUCCESS;
    }
    Ikev2Proposal proposal = Ikev2IkeInitTask::MakeProposal(config.proposal);
    // RFC 7296 3.3.1: in a rekey the proposal carries the sender's new SPI.
    proposal.SetSpi64(m_spi);
    auto saPayload = std::make_unique<Ikev2SaPayload>();
    saPayload->AddProposal(proposal);
    message.AddPayload(std::move(saPayload));
    auto nonce = std::make_unique<IkeNoncePayload>(2);
    nonce->SetData(m_nonce);
    message.AddPayload(std::move(nonce));
    auto ke = std::make_unique<IkeKePayload>(2);
    ke->SetDhGroup(m_dh->GetGroup());
    ke->SetData(m_dh->GetPublicValue());
    message.AddPayload(std::move(ke));
    if (m_initiator)
    {
        sa->SetState(IkeSa::REKEYING);
        return NEED_MORE;
    }
    CreateNewSa();
    return SUCCESS;
}

IkeTask::Status
Ikev2IkeRekeyTask::Process(const IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    const IkePeerConfig& config = sa->GetConfig();
    for (const auto& payload : message.GetPayloads())
    {
        const auto* n = dynamic_cast<const IkeNotifyPayload*>(payload.get());
        if (n && n->IsError() && m_initiator)
        {
            // The old SA stays (RFC 7296 2.21.3); nothing more to do.
            NS_LOG_INFO("IKE SA rekey refused");
            sa->SetState(IkeSa::ESTABLISHED);
            return SUCCESS;
        }
    }
    const auto* saPayload = message.Find<Ikev2SaPayload>(IKEV2_PAYLOAD_SA);
    const auto* nonce = message.Find<IkeNoncePayload>(IKEV2_PAYLOAD_NONCE);
    const auto* ke = message.Find<IkeKePayload>(IKEV2_PAYLOAD_KE);
    const Ikev2Proposal* chosen = nullptr;
    if (saPayload)
    {
        for (const auto& p : saPayload->GetProposals())
        {
            if (!chosen && p.spi.size() == 8 && Ikev2IkeInitTask::Matches(p, config.proposal))
            {
                chosen = &p;
            }
        }
    }
    if (!chosen || !nonce || !ke || ke->GetDhGroup() != config.proposal.dhGroup)
    {
        if (m_initiator)
        {
            sa->SetState(IkeSa::ESTABLISHED);
            return SUCCESS;
        }
        m_noProposal = true;
        return NEED_MORE;
    }
    m_peerSpi = chosen->GetSpi64();
    m_peerNonce = nonce->GetData();
    m_peerKe = ke->GetData();
    if (m_initiator)
    {
        if (!m_dh->ComputeSharedSecret(m_peerKe))
        {
            // The responder's KE value is unusable (RFC 8031 2.3): keep the old SA.
            NS_LOG_INFO("IKE SA rekey response with an unusable KE value");
            sa->SetState(IkeSa::ESTABLISHED);
            return SUCCESS;
        }
        CreateNewSa();
    }
    return m_initiator ? SUCCESS : NEED_MORE;
}

void
Ikev2IkeRekeyTask::CreateNewSa()
{
    Ptr<IkeSa> old = m_manager->GetSa();
    Ptr<IkeDaemon> daemon = m_manager->GetDaemon();
    Ptr<Ikev2Handler> handler = m_manager->GetHandler();
    // RFC 7296 2.18: the new SA's initiator is whoever started the rekey.
    uint64_t spiI = m_initiator ? m_spi : m_peerSpi;
    uint64_t spiR = m_initiator ? m_peerSpi : m_spi;
    const Bytes& nonceI = m_initiator ? m_nonce : m_peerNonce;
    const Bytes& nonceR = m_initiator ? m_peerNonce : m_nonce;
    Bytes secret = m_dh->ComputeSharedSecret(m_peerKe).GetValue();

    Ptr<IkeSa> sa = CreateObject<IkeSa>();
    sa->SetVersion(2);
    sa->SetInitiator(m_initiator);
    sa->SetConfig(old->GetConfig());
    sa->SetLocal(old->GetLocal());
    sa->SetRemote(old->GetRemote());
    sa->SetSpis(spiI, spiR);
    sa->SetStartTime(Simulator::Now());
    for (uint32_t c = 1; c <= IkeSa::COND_AUTHENTICATED; c <<= 1)
    {
        if (old->GetConditions() & c)
        {
            sa->Set(static_cast<IkeSa::Condition>(c));
        }
    }
    daemon->AddSa(sa);
    Ptr<Ikev2TaskManager> m = handler->CreateTaskManager(sa);
    Ikev2SaContext& ctx = m->GetContext();
    ctx.keys = Ikev2Keys(old->GetConfig().proposal);
    ctx.keys
        .DeriveRekeyed(m_manager->GetContext().keys.GetSkD(), secret, nonceI, nonceR, spiI, spiR);
    ctx.haveKeys = true;
    ctx.nonceI = nonceI;
    ctx.nonceR = nonceR;
    handler->RecordIkeKeys(m);
    m_manager->TransferChildren(m);
    sa->SetState(IkeSa::ESTABLISHED);
    handler->StartIkeTimers(sa);
    old->SetState(IkeSa::REKEYING);
    if (m_initiator)
    {
        // RFC 7296 2.18: the initiator of the rekey deletes the old IKE SA.
        m_manager->Queue(IsakmpHeader::IKEV2_INFORMATIONAL,
                         {Create<Ikev2DeleteTask>(m_manager, true, std::vector<uint32_t>{})});
    }
}

} // namespace ns3
