/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-task-manager.h"

#include "ikev1-aggressive-mode-task.h"
#include "ikev1-handler.h"
#include "ikev1-informational-task.h"
#include "ikev1-isakmp-natd-task.h"
#include "ikev1-main-mode-task.h"
#include "ikev1-quick-mode-task.h"
#include "ikev1-stenberg-natd-task.h"

#include "ns3/aes-cbc.h"
#include "ns3/ike-child-sa-installer.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/log.h"
#include "ns3/security-association-database.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1TaskManager");

namespace
{
Bytes
ToBytes(Ptr<const Packet> p)
{
    Bytes b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// Failure reason for an error notify (RFC 2408 3.14.1).
std::string
ReasonFor(IkeNotifyPayload::NotifyType notify)
{
    switch (notify)
    {
    case IkeNotifyPayload::NO_PROPOSAL_CHOSEN:
        return "no-proposal";
    case IkeNotifyPayload::IKEV1_INVALID_ID_INFORMATION:
        return "id-mismatch";
    case IkeNotifyPayload::AUTHENTICATION_FAILED:
    case IkeNotifyPayload::IKEV1_INVALID_HASH_INFORMATION:
    case IkeNotifyPayload::IKEV1_PAYLOAD_MALFORMED:
        return "auth-failed";
    default:
        return "peer-error";
    }
}

/**
 * The error notify that tells the peer why a message failed (RFC 2408
 * 3.14.1); none (0) for a refusal by this side's own policy, of which the
 * peer did nothing wrong: the IKEv2 initiator tells its peer nothing either.
 */
IkeNotifyPayload::NotifyType
NotifyFor(const std::string& reason)
{
    if (reason == IkeDaemon::SERVER_BEHIND_NAT_REFUSED)
    {
        return IkeNotifyPayload::NotifyType{};
    }
    return reason == "no-proposal"   ? IkeNotifyPayload::NO_PROPOSAL_CHOSEN
           : reason == "id-mismatch" ? IkeNotifyPayload::IKEV1_INVALID_ID_INFORMATION
                                     : IkeNotifyPayload::AUTHENTICATION_FAILED;
}
} // namespace

Ikev1TaskManager::Ikev1TaskManager(Ikev1Handler* handler, Ptr<IkeSa> sa)
    : m_handler(handler),
      m_sa(sa)
{
    const IkePeerConfig& config = sa->GetConfig();
    keys = Create<Ikev1Keys>(config.proposal.prf, config.proposal.encryptionKeyBits);
    authMethod = config.auth == IkePeerConfig::AUTH_PSK ? 1 : 3;
}

Ikev1TaskManager::~Ikev1TaskManager() = default;

Ptr<IkeSa>
Ikev1TaskManager::GetSa() const
{
    return m_sa;
}

Ptr<IkeDaemon>
Ikev1TaskManager::GetDaemon() const
{
    return m_handler->GetDaemon();
}

Ikev1Handler*
Ikev1TaskManager::GetHandler() const
{
    return m_handler;
}

Bytes
Ikev1TaskManager::Cookie(uint64_t cookie)
{
    Bytes b(8);
    for (int k = 7; k >= 0; --k)
    {
        b[k] = uint8_t(cookie);
        cookie >>= 8;
    }
    return b;
}

Bytes
Ikev1TaskManager::CookieI() const
{
    return Cookie(m_sa->GetInitiatorSpi());
}

Bytes
Ikev1TaskManager::CookieR() const
{
    return Cookie(m_sa->GetResponderSpi());
}

void
Ikev1TaskManager::InitiatePhase1()
{
    const IkePeerConfig& config = m_sa->GetConfig();
    m_sa->SetState(IkeSa::CONNECTING);
    Exchange& ex = m_exchanges[0];
    ex.messageId = 0;
    bool aggressive = config.ikev1Mode == IkePeerConfig::AGGRESSIVE_MODE;
    ex.type = aggressive ? IsakmpHeader::IKEV1_AGGRESSIVE : IsakmpHeader::IKEV1_MAIN_MODE;
    if (aggressive)
    {
        ex.tasks.push_back(Create<Ikev1AggressiveModeTask>(this, true));
    }
    else
    {
        ex.tasks.push_back(Create<Ikev1MainModeTask>(this, true));
    }
    // draft-stenberg 3.1: Aggressive Mode cannot carry the probe, so it falls back to RFC 3947.
    if (config.natTraversal == IkePeerConfig::NATT_STENBERG && !aggressive)
    {
        ex.tasks.push_back(Create<Ikev1StenbergNatdTask>(this, true));
    }
    else if (config.natTraversal != IkePeerConfig::NATT_NONE)
    {
        ex.tasks.push_back(Create<Ikev1IsakmpNatdTask>(this, true, aggressive));
    }
    BuildAndSend(ex);
}

void
Ikev1TaskManager::AcceptPhase1(IsakmpHeader::ExchangeType exchangeType)
{
    const IkePeerConfig& config = m_sa->GetConfig();
    m_sa->SetState(IkeSa::CONNECTING);
    Exchange& ex = m_exchanges[0];
    ex.messageId = 0;
    ex.type = exchangeType;
    bool aggressive = exchangeType == IsakmpHeader::IKEV1_AGGRESSIVE;
    if (aggressive)
    {
        ex.tasks.push_back(Create<Ikev1AggressiveModeTask>(this, false));
    }
    else
    {
        ex.tasks.push_back(Create<Ikev1MainModeTask>(this, false));
    }
    if (config.natTraversal == IkePeerConfig::NATT_STENBERG && !aggressive)
    {
        ex.tasks.push_back(Create<Ikev1StenbergNatdTask>(this, false));
    }
    else if (config.natTraversal != IkePeerConfig::NATT_NONE)
    {
        ex.tasks.push_back(Create<Ikev1IsakmpNatdTask>(this, false, aggressive));
    }
}

void
Ikev1TaskManager::AdoptChildConfigs(const std::map<uint32_t, IkeChildConfig>& configs)
{
    childConfigs.insert(configs.begin(), configs.end());
}

void
Ikev1TaskManager::QueueQuickMode(const IkeChildConfig& child, uint32_t replaces)
{
    m_queue.push_back({child, replaces});
    StartNextQuickMode();
}

void
Ikev1TaskManager::StartNextQuickMode()
{
    if (!m_phase1Done || m_quickModeActive || m_queue.empty() ||
        m_sa->GetState() != IkeSa::ESTABLISHED)
    {
        return;
    }
    QueuedChild next = m_queue.front();
    m_queue.erase(m_queue.begin());
    m_quickModeActive = true;
    uint32_t mid = NewMessageId();
    Exchange& ex = m_exchanges[mid];
    ex.messageId = mid;
    ex.type = IsakmpHeader::IKEV1_QUICK_MODE;
    ex.ours = true;
    ex.tasks.push_back(Create<Ikev1QuickModeTask>(this, true, mid, next.config, next.replaces));
    BuildAndSend(ex);
}

uint32_t
Ikev1TaskManager::NewMessageId()
{
    uint32_t mid = 0;
    while (mid == 0 || m_exchanges.count(mid))
    {
        for (uint8_t b : GetDaemon()->RandomBytes(4))
        {
            mid = (mid << 8) | b;
        }
    }
    return mid;
}

Ptr<Packet>
Ikev1TaskManager::Encode(IkeMessage& message)
{
    IsakmpHeader& h = message.GetHeader();
    h.SetMajorVersion(1);
    h.SetMinorVersion(0);
    h.SetInitiatorSpi(m_sa->GetInitiatorSpi());
    h.SetResponderSpi(m_sa->GetResponderSpi());
    if (h.HasFlag(IsakmpHeader::IKEV1_ENCRYPTION))
    {
        // RFC 2409 5.3 / RFC 2408 3.1: the body after the header is
        // encrypted, padded with zeros to the cipher's block size.
        std::vector<std::unique_ptr<IkePayload>> payloads;
        for (const auto& p : message.GetPayloads())
        {
            payloads.push_back(p->Clone());
        }
        IkeMessage::LinkPayloads(payloads);
        Bytes plain = IkeMessage::SerializePayloads(payloads);
        plain.resize((plain.size() + AesCbc::BlockSize - 1) / AesCbc::BlockSize *
                     AesCbc::BlockSize);
        IkeMessage out;
        out.GetHeader() = h;
        out.GetHeader().SetNextPayload(payloads.empty() ? IKE_PAYLOAD_NONE
                                                        : payloads[0]->GetPayloadType());
        out.SetEncryptedBody(keys->Encrypt(h.GetMessageId(), plain));
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(out);
        return p;
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(message);
    return p;
}

bool
Ikev1TaskManager::Decode(const Bytes& raw, IkeMessage& message)
{
    Ptr<Packet> p = Create<Packet>(raw.data(), raw.size());
    IkeMessage parsed;
    if (p->RemoveHeader(parsed) == 0 || parsed.GetParseError() != IkeMessage::PARSE_OK)
    {
        return false;
    }
    message.GetHeader() = parsed.GetHeader();
    if (!parsed.GetHeader().HasFlag(IsakmpHeader::IKEV1_ENCRYPTION))
    {
        for (const auto& payload : parsed.GetPayloads())
        {
            message.AddPayload(payload->Clone());
        }
        message.GetHeader().SetNextPayload(parsed.GetHeader().GetNextPayload());
        return true;
    }
    if (!keys->IsReady())
    {
        return false;
    }
    Bytes plain = keys->Decrypt(parsed.GetHeader().GetMessageId(), parsed.GetEncryptedBody());
    if (plain.empty())
    {
        return false;
    }
    Buffer buffer;
    buffer.AddAtStart(plain.size());
    buffer.Begin().Write(plain.data(), plain.size());
    WireReader r(buffer.Begin(), plain.size());
    std::vector<std::unique_ptr<IkePayload>> payloads;
    uint8_t failed = 0;
    if (IkeMessage::ParsePayloadChain(1,
                                      parsed.GetHeader().GetNextPayload(),
                                      r,
                                      payloads,
                                      failed,
                                      true) != IkeMessage::PARSE_OK)
    {
        return false;
    }
    for (auto& payload : payloads)
    {
        message.AddPayload(std::move(payload));
    }
    message.GetHeader().SetNextPayload(parsed.GetHeader().GetNextPayload());
    return true;
}

void
Ikev1TaskManager::BuildAndSend(Exchange& ex)
{
    IkeMessage message;
    message.GetHeader().SetExchangeType(ex.type);
    message.GetHeader().SetMessageId(ex.messageId);
    std::vector<Ptr<IkeTask>> remaining;
    for (auto& task : ex.tasks)
    {
        IkeTask::Status status = task->Build(message);
        if (status == IkeTask::FAILED)
        {
            std::string reason = task->GetFailureReason();
            Fail(reason);
            return;
        }
        if (status == IkeTask::NEED_MORE)
        {
            remaining.push_back(task);
        }
    }
    ex.tasks = remaining;
    Ptr<Packet> packet = Encode(message);
    ex.lastSent = packet;
    ex.attempts = 0;
    Simulator::Cancel(ex.timer);
    NS_LOG_INFO("IKEv1 send " << message);
    GetDaemon()->Send(m_sa, packet->Copy());
    uint32_t mid = ex.messageId;
    if (!ex.tasks.empty())
    {
        // We wait for an answer: retransmit if none comes (RFC 2408 5.1 leaves the timers to us).
        ex.timer = Simulator::Schedule(GetDaemon()->GetRetransmitTimeout(0),
                                       &Ikev1TaskManager::Retransmit,
                                       Ptr<Ikev1TaskManager>(this),
                                       mid);
    }
    else
    {
        ScheduleForget(mid);
        if (mid == 0)
        {
            Phase1Done();
        }
    }
}

void
Ikev1TaskManager::ScheduleForget(uint32_t messageId)
{
    // Long enough for every retransmission the peer may still send.
    Time keep = Seconds(0);
    for (uint32_t k = 0; k <= GetDaemon()->GetRetransmitTries(); ++k)
    {
        keep += GetDaemon()->GetRetransmitTimeout(k);
    }
    Simulator::Schedule(keep,
                        &Ikev1TaskManager::ForgetExchange,
                        Ptr<Ikev1TaskManager>(this),
                        messageId);
}

void
Ikev1TaskManager::ForgetExchange(uint32_t messageId)
{
    auto it = m_exchanges.find(messageId);
    if (it != m_exchanges.end() && it->second.tasks.empty())
    {
        m_exchanges.erase(it);
        if (messageId != 0)
        {
            keys->ForgetIv(messageId);
        }
    }
}

void
Ikev1TaskManager::Retransmit(uint32_t messageId)
{
    auto it = m_exchanges.find(messageId);
    if (it == m_exchanges.end() || it->second.tasks.empty())
    {
        return;
    }
    Exchange& ex = it->second;
    if (ex.attempts >= GetDaemon()->GetRetransmitTries())
    {
        Fail("timeout");
        return;
    }
    ++ex.attempts;
    NS_LOG_INFO("IKEv1 retransmit " << messageId << " try " << ex.attempts);
    GetDaemon()->Send(m_sa, ex.lastSent->Copy(), true);
    ex.timer = Simulator::Schedule(GetDaemon()->GetRetransmitTimeout(ex.attempts),
                                   &Ikev1TaskManager::Retransmit,
                                   Ptr<Ikev1TaskManager>(this),
                                   messageId);
}

void
Ikev1TaskManager::Receive(Ptr<Packet> packet,
                          const IsakmpHeader& header,
                          const IkeEndpoint& local,
                          const IkeEndpoint& remote)
{
    Bytes raw = ToBytes(packet);
    uint32_t mid = header.GetMessageId();
    auto it = m_exchanges.find(mid);
    if (it != m_exchanges.end() && it->second.lastReceived == raw)
    {
        // The peer did not get our answer: send it again (RFC 2408 5.1).
        if (it->second.lastSent)
        {
            GetDaemon()->Send(m_sa, it->second.lastSent->Copy(), true);
        }
        return;
    }
    if (m_sa->GetState() == IkeSa::FAILED || m_sa->GetState() == IkeSa::DESTROYED)
    {
        GetDaemon()->NotifyDrop(packet, IkeDaemon::SA_GONE_DROP);
        return;
    }
    if (it != m_exchanges.end() && it->second.type != header.GetExchangeType() &&
        header.GetExchangeType() != IsakmpHeader::IKEV1_INFORMATIONAL)
    {
        GetDaemon()->NotifyDrop(packet, IkeDaemon::UNEXPECTED_EXCHANGE_DROP);
        return;
    }
    IkeMessage message;
    bool decoded = Decode(raw, message);
    if (!decoded)
    {
        bool encrypted = header.HasFlag(IsakmpHeader::IKEV1_ENCRYPTION);
        if (encrypted && !m_phase1Done && keys->IsReady() && mid == 0)
        {
            // Keys that disagree (a wrong pre-shared key) decrypt to garbage.
            Fail("auth-failed", IkeNotifyPayload::IKEV1_PAYLOAD_MALFORMED);
        }
        else
        {
            // A damaged or forged message is dropped; the exchange goes on
            // (and retransmission recovers if it was the real one).
            GetDaemon()->NotifyDrop(packet,
                                    encrypted ? IkeDaemon::UNDECRYPTABLE_DROP
                                              : IkeDaemon::MALFORMED_DROP);
        }
        return;
    }
    NS_LOG_INFO("IKEv1 received " << message);
    ++m_sa->messagesReceived;
    rxLocal = local;
    rxRemote = remote;
    IsakmpHeader::ExchangeType type = header.GetExchangeType();
    if (type == IsakmpHeader::IKEV1_INFORMATIONAL)
    {
        if (!header.HasFlag(IsakmpHeader::IKEV1_ENCRYPTION))
        {
            ProcessUnprotectedNotify(message);
            return;
        }
        // One message, no answer: its IV is of no further use.
        keys->ForgetIv(mid);
        // It decrypted, so it is the peer's (an R-U-THERE among them): with
        // a NAT on the path, it says where the peer is now.
        if (m_sa->IsBehindNat())
        {
            UpdatePeer(local, remote);
        }
        Ptr<Ikev1InformationalTask> task = Create<Ikev1InformationalTask>(this, mid);
        if (task->Process(message) == IkeTask::FAILED)
        {
            GetDaemon()->NotifyDrop(packet, task->GetFailureReason().c_str());
        }
        return;
    }
    if (it == m_exchanges.end())
    {
        if (type != IsakmpHeader::IKEV1_QUICK_MODE || !m_phase1Done)
        {
            GetDaemon()->NotifyDrop(packet, IkeDaemon::UNEXPECTED_EXCHANGE_DROP);
            return;
        }
        Exchange& ex = m_exchanges[mid];
        ex.messageId = mid;
        ex.type = type;
        ex.tasks.push_back(Create<Ikev1QuickModeTask>(this, false, mid, IkeChildConfig(), 0));
        it = m_exchanges.find(mid);
    }
    Exchange& ex = it->second;
    if (ex.tasks.empty())
    {
        GetDaemon()->NotifyDrop(packet, IkeDaemon::EXCHANGE_DONE_DROP);
        return;
    }
    ex.lastReceived = raw;
    Simulator::Cancel(ex.timer);
    UpdatePeer(local, remote);
    std::vector<Ptr<IkeTask>> remaining;
    for (auto& task : ex.tasks)
    {
        IkeTask::Status status = task->Process(message);
        if (status == IkeTask::FAILED)
        {
            std::string reason = task->GetFailureReason();
            IkeNotifyPayload::NotifyType notify = NotifyFor(reason);
            if (mid != 0)
            {
                // A failed Quick Mode leaves the ISAKMP SA standing; the
                // initiator hears why in a protected notify (RFC 2408 5.5).
                Simulator::Cancel(ex.timer);
                bool ours = ex.ours;
                m_exchanges.erase(mid);
                m_handler->NotifyChildFailure(m_sa, reason);
                auto n = std::make_unique<IkeNotifyPayload>(1);
                n->SetProtocolId(3); // PROTO_IPSEC_ESP
                n->SetNotifyType(notify);
                std::vector<std::unique_ptr<IkePayload>> payloads;
                payloads.push_back(std::move(n));
                SendInformational(std::move(payloads));
                if (ours)
                {
                    m_quickModeActive = false;
                    StartNextQuickMode();
                }
                return;
            }
            Fail(reason, notify);
            return;
        }
        if (status == IkeTask::NEED_MORE)
        {
            remaining.push_back(task);
        }
    }
    ex.tasks = remaining;
    if (!ex.tasks.empty())
    {
        BuildAndSend(ex);
    }
    else
    {
        ScheduleForget(mid);
        if (mid == 0)
        {
            Phase1Done();
        }
    }
}

void
Ikev1TaskManager::ProcessUnprotectedNotify(const IkeMessage& message)
{
    // Before phase 1 is up the peer can only complain in the clear; such a
    // notify is unauthenticated, so it ends a setup under way and nothing else.
    const IkeNotifyPayload* n = message.Find<IkeNotifyPayload>(IKEV1_PAYLOAD_NOTIFY);
    if (!n || m_phase1Done || !n->IsError())
    {
        GetDaemon()->NotifyDrop(nullptr, IkeDaemon::UNPROTECTED_INFORMATIONAL_DROP);
        return;
    }
    Fail(ReasonFor(n->GetNotifyType()));
}

bool
Ikev1TaskManager::IsPhase1Done() const
{
    return m_phase1Done;
}

void
Ikev1TaskManager::Phase1Done()
{
    if (m_phase1Done)
    {
        return;
    }
    m_phase1Done = true;
    keys->EndPhase1();
    m_sa->Set(IkeSa::COND_AUTHENTICATED);
    GetDaemon()->NotifyEstablished(m_sa);
    m_handler->RecordKeys(m_sa, keys->GetEncryptionKey());
    ScheduleTimers();
    if (replaces)
    {
        m_handler->CompletePhase1Rekey(replaces, m_sa);
        replaces = nullptr;
    }
    StartNextQuickMode();
}

void
Ikev1TaskManager::UpdatePeer(const IkeEndpoint& local, const IkeEndpoint& remote)
{
    bool authenticated = m_sa->Has(IkeSa::COND_AUTHENTICATED);
    if (authenticated && !GetDaemon()->FollowsPeer())
    {
        return; // a strict peer: the endpoints phase 1 ended with, for good
    }
    // The peer's current endpoint, kept from its messages so that rekeys
    // reach an initiator behind a NAPT; a legacy responder answers port 500
    // whatever the source port was (RFC 3715 2.1 d).
    IkeEndpoint peer = remote;
    if (m_sa->GetConfig().replyToPort500)
    {
        peer.port = IKE_UDP_PORT;
    }
    // A NAT that rebound the peer after phase 1 moved its ESP-in-UDP too:
    // the children follow, as RFC 7296 2.23 has IKEv2's do (RFC 3947 is
    // silent; strongSwan and Openswan update both for IKEv1).
    bool moved = authenticated && m_sa->IsBehindNat() &&
                 (peer != m_sa->GetRemote() || local != m_sa->GetLocal());
    m_sa->SetRemote(peer);
    if (local != m_sa->GetLocal())
    {
        m_sa->SetLocal(local);
        if (local.port != IKE_UDP_PORT)
        {
            m_sa->Set(IkeSa::COND_FLOATED);
        }
    }
    if (moved)
    {
        NS_LOG_INFO("peer moved to " << peer);
        IkeChildSaInstaller(GetDaemon()->GetSad(), GetDaemon()->GetSpd()).FollowPeer(m_sa);
    }
}

void
Ikev1TaskManager::ScheduleTimers()
{
    const IkePeerConfig& config = m_sa->GetConfig();
    if (config.ikeRekeyMargin.IsStrictlyPositive() && config.ikeLifetime > config.ikeRekeyMargin &&
        m_sa->IsInitiator())
    {
        Ptr<IkeSa> sa = m_sa;
        Ptr<Ikev1Handler> handler = m_handler; // kept alive until the event runs
        m_rekeyEvent = Simulator::Schedule(config.ikeLifetime - config.ikeRekeyMargin,
                                           [handler, sa]() { handler->RekeyIkeSa(sa); });
    }
    if (config.dpdDelay.IsStrictlyPositive() && peerDpdVid)
    {
        m_dpdEvent = Simulator::Schedule(config.dpdDelay,
                                         &Ikev1TaskManager::DpdTick,
                                         Ptr<Ikev1TaskManager>(this));
    }
}

void
Ikev1TaskManager::DpdTick()
{
    if (m_dpdOutstanding && ++m_dpdMissed > GetDaemon()->GetRetransmitTries())
    {
        // RFC 3706 5.5: the peer is declared dead after unanswered R-U-THEREs.
        Fail("dpd-timeout");
        return;
    }
    SendDpd();
    m_dpdEvent = Simulator::Schedule(m_sa->GetConfig().dpdDelay,
                                     &Ikev1TaskManager::DpdTick,
                                     Ptr<Ikev1TaskManager>(this));
}

void
Ikev1TaskManager::SendDpd()
{
    // RFC 3706 5.5: the sequence number starts random and counts up.
    if (m_dpdSequence == 0)
    {
        for (uint8_t b : GetDaemon()->RandomBytes(3))
        {
            m_dpdSequence = (m_dpdSequence << 8) | b;
        }
        m_dpdSequence |= 1;
    }
    else
    {
        ++m_dpdSequence;
    }
    m_dpdOutstanding = true;
    SendInformational(Ikev1InformationalTask::MakeDpd(this, false, m_dpdSequence));
}

void
Ikev1TaskManager::DpdAcked(uint32_t sequence)
{
    if (sequence == m_dpdSequence)
    {
        m_dpdOutstanding = false;
        m_dpdMissed = 0;
    }
}

void
Ikev1TaskManager::SendInformational(std::vector<std::unique_ptr<IkePayload>> payloads)
{
    if (!m_phase1Done)
    {
        // No keys yet: a notify in the clear, as RFC 2408 5.1 allows.
        IkeMessage message;
        message.GetHeader().SetExchangeType(IsakmpHeader::IKEV1_INFORMATIONAL);
        for (auto& p : payloads)
        {
            message.AddPayload(std::move(p));
        }
        GetDaemon()->Send(m_sa, Encode(message));
        return;
    }
    uint32_t mid = NewMessageId();
    Ptr<Ikev1InformationalTask> task = Create<Ikev1InformationalTask>(this, mid);
    task->SetPayloads(std::move(payloads));
    IkeMessage message;
    message.GetHeader().SetExchangeType(IsakmpHeader::IKEV1_INFORMATIONAL);
    message.GetHeader().SetMessageId(mid);
    task->Build(message);
    GetDaemon()->Send(m_sa, Encode(message));
    keys->ForgetIv(mid);
}

void
Ikev1TaskManager::QuickModeDone(const IkeChildConfig& child,
                                uint32_t inboundSpi,
                                uint32_t replacesSpi,
                                bool initiator)
{
    childConfigs[inboundSpi] = child;
    if (initiator)
    {
        m_quickModeActive = false;
        if (child.rekeyMargin.IsStrictlyPositive() && child.lifetime > child.rekeyMargin)
        {
            Ptr<IkeSa> sa = m_sa;
            Ptr<Ikev1Handler> handler = m_handler; // kept alive until the event runs
            Simulator::Schedule(child.lifetime - child.rekeyMargin, [handler, sa, inboundSpi]() {
                handler->RekeyChildSa(sa, inboundSpi);
            });
        }
    }
    if (replacesSpi != 0)
    {
        // The new pair is in place: retire the old one and tell the peer
        // (RFC 2408 3.15). Make before break: the peer keeps sending on the
        // old SA until it has the new one, and a Quick Mode responder
        // installs only when message 3 arrives (RFC 2409 5.5), so what it
        // sends meanwhile is still accepted on the old inbound SA for a
        // retransmission timeout. Nothing more leaves on the old outbound SA.
        Ptr<SecurityAssociationDatabase> sad = GetDaemon()->GetSad();
        for (auto& c : m_sa->GetChildSas())
        {
            if (c.inboundSpi == replacesSpi)
            {
                c.rekeyed = true;
                if (sad)
                {
                    IpsecProtocol protocol = c.protocol;
                    sad->Remove(protocol, c.outboundSpi, SecurityAssociation::OUTBOUND);
                    Simulator::Schedule(
                        GetDaemon()->GetRetransmitTimeout(0),
                        [sad, protocol, replacesSpi]() {
                            sad->Remove(protocol, replacesSpi, SecurityAssociation::INBOUND);
                        });
                }
            }
        }
        SendInformational(Ikev1InformationalTask::MakeDeleteChild(child.protocol, replacesSpi));
    }
    StartNextQuickMode();
}

void
Ikev1TaskManager::AbortQuickMode(const std::string& reason)
{
    for (auto it = m_exchanges.begin(); it != m_exchanges.end(); ++it)
    {
        if (it->second.type == IsakmpHeader::IKEV1_QUICK_MODE && it->second.ours &&
            !it->second.tasks.empty())
        {
            Simulator::Cancel(it->second.timer);
            m_exchanges.erase(it);
            m_handler->NotifyChildFailure(m_sa, reason);
            m_quickModeActive = false;
            StartNextQuickMode();
            return;
        }
    }
}

void
Ikev1TaskManager::Fail(const std::string& reason, IkeNotifyPayload::NotifyType notify)
{
    NS_LOG_INFO("IKEv1 SA fails: " << reason);
    if (notify != 0 && m_sa->GetState() != IkeSa::FAILED)
    {
        auto n = std::make_unique<IkeNotifyPayload>(1);
        n->SetProtocolId(1);
        n->SetNotifyType(notify);
        std::vector<std::unique_ptr<IkePayload>> payloads;
        payloads.push_back(std::move(n));
        // Sent in the clear: whatever went wrong, the peer may not share our keys.
        bool done = m_phase1Done;
        m_phase1Done = false;
        SendInformational(std::move(payloads));
        m_phase1Done = done;
    }
    Stop();
    GetDaemon()->NotifyFailure(m_sa, reason);
    // A failed ISAKMP SA is of no further use: once the message being
    // handled is done it leaves the daemon's table, and any child SAs it
    // had leave the SAD; the Failure trace and counters keep the reason.
    Ptr<Ikev1Handler> handler = m_handler;
    Ptr<IkeSa> sa = m_sa;
    Simulator::ScheduleNow([handler, sa]() { handler->Forget(sa); });
}

void
Ikev1TaskManager::Stop()
{
    // The timers' events hold a Ptr to this manager (or to the handler, which
    // holds it), and a cancelled event keeps its arguments while an EventId
    // refers to it: drop the EventIds too, or the cycle keeps the manager,
    // its keys and tasks alive after the SA and the daemon are gone.
    for (auto& ex : m_exchanges)
    {
        Release(ex.second.timer);
        ex.second.tasks.clear();
    }
    Release(m_rekeyEvent);
    Release(m_dpdEvent);
}

void
Ikev1TaskManager::Release(EventId& event)
{
    Simulator::Cancel(event);
    event = EventId();
}

} // namespace ns3
