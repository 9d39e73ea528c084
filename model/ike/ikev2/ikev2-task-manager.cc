/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-task-manager.h"

#include "ikev2-auth-task.h"
#include "ikev2-child-create-task.h"
#include "ikev2-delete-task.h"
#include "ikev2-handler.h"
#include "ikev2-ike-init-task.h"
#include "ikev2-ike-rekey-task.h"
#include "ikev2-natd-task.h"

#include "ns3/ike-ports.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2TaskManager");

Ikev2TaskManager::Ikev2TaskManager(Ptr<Ikev2Handler> handler, Ptr<IkeSa> sa)
    : m_handler(handler),
      m_sa(sa),
      m_protection(sa, [this](uint32_t n) { return GetDaemon()->RandomBytes(n); })
{
}

Ikev2TaskManager::~Ikev2TaskManager() = default;

Ptr<IkeSa>
Ikev2TaskManager::GetSa() const
{
    return m_sa;
}

Ptr<IkeDaemon>
Ikev2TaskManager::GetDaemon() const
{
    return m_handler->GetDaemon();
}

Ptr<Ikev2Handler>
Ikev2TaskManager::GetHandler() const
{
    return m_handler;
}

Ikev2SaContext&
Ikev2TaskManager::GetContext()
{
    return m_context;
}

uint32_t
Ikev2TaskManager::GetNextRequestId() const
{
    return m_nextRequestId;
}

uint32_t
Ikev2TaskManager::GetExpectedRequestId() const
{
    return m_expectedRequestId;
}

void
Ikev2TaskManager::SetNextRequestId(uint32_t id)
{
    m_nextRequestId = id;
}

void
Ikev2TaskManager::Queue(IsakmpHeader::ExchangeType exchangeType, std::vector<Ptr<IkeTask>> tasks)
{
    m_queue.push_back({exchangeType, std::move(tasks)});
}

bool
Ikev2TaskManager::IsBusy() const
{
    return m_busy;
}

void
Ikev2TaskManager::Kick()
{
    if (m_busy || m_destroyed || m_queue.empty())
    {
        return;
    }
    IkeSa::State state = m_sa->GetState();
    if (state == IkeSa::FAILED || state == IkeSa::DESTROYED)
    {
        m_queue.clear();
        return;
    }
    m_active = m_queue.front();
    m_queue.pop_front();
    SendRequest();
}

IkeMessage
Ikev2TaskManager::MakeMessage(IsakmpHeader::ExchangeType exchangeType,
                              uint32_t messageId,
                              bool response) const
{
    IkeMessage m;
    IsakmpHeader& h = m.GetHeader();
    h.SetMajorVersion(2);
    h.SetMinorVersion(0);
    h.SetInitiatorSpi(m_sa->GetInitiatorSpi());
    h.SetResponderSpi(m_sa->GetResponderSpi());
    h.SetExchangeType(exchangeType);
    // RFC 7296 3.1: the I flag marks the original initiator of the IKE SA,
    // the R flag a response, whoever sends it.
    h.SetFlag(IsakmpHeader::IKEV2_INITIATOR, m_sa->IsInitiator());
    h.SetFlag(IsakmpHeader::IKEV2_RESPONSE, response);
    h.SetMessageId(messageId);
    return m;
}

void
Ikev2TaskManager::SendRequest()
{
    IkeMessage m = MakeMessage(m_active.type, m_nextRequestId, false);
    for (auto& task : m_active.tasks)
    {
        if (task->Build(m) == IkeTask::FAILED)
        {
            Fail(task->GetFailureReason());
            return;
        }
    }
    if (m_active.type == IsakmpHeader::IKEV2_IKE_SA_INIT)
    {
        // The SPIs may have changed (cookie retry keeps them; a new SA has
        // no responder SPI yet).
        Ptr<Packet> p = Ikev2MessageProtection::ToPacket(m);
        m_context.initRequest = Ikev2MessageProtection::ToBytes(p);
        m_requestPackets = {p};
    }
    else
    {
        m_requestPackets = m_protection.Protect(m, m_context.keys);
    }
    m_busy = true;
    m_retries = 0;
    SendPackets(m_requestPackets, false);
    m_retransmitEvent.Cancel();
    m_retransmitEvent = Simulator::Schedule(GetDaemon()->GetRetransmitTimeout(0),
                                            &Ikev2TaskManager::Retransmit,
                                            this);
}

void
Ikev2TaskManager::Retransmit()
{
    if (!m_busy || m_destroyed)
    {
        return;
    }
    if (m_retries >= GetDaemon()->GetRetransmitTries())
    {
        // RFC 7296 2.4: an unanswered request means the peer is gone.
        Fail("timeout");
        return;
    }
    ++m_retries;
    NS_LOG_INFO("retransmitting request " << m_nextRequestId << " try " << m_retries);
    SendPackets(m_requestPackets, true);
    m_retransmitEvent = Simulator::Schedule(GetDaemon()->GetRetransmitTimeout(m_retries),
                                            &Ikev2TaskManager::Retransmit,
                                            this);
}

void
Ikev2TaskManager::SendPackets(const std::vector<Ptr<Packet>>& packets, bool retransmission)
{
    for (const auto& p : packets)
    {
        GetDaemon()->Send(m_sa, p->Copy(), retransmission);
    }
}

void
Ikev2TaskManager::Receive(Ptr<Packet> packet, const IkeEndpoint& local, const IkeEndpoint& remote)
{
    Ptr<IkeDaemon> daemon = GetDaemon();
    IkeSa::State state = m_sa->GetState();
    if (m_destroyed || state == IkeSa::FAILED || state == IkeSa::DESTROYED)
    {
        daemon->NotifyDrop(packet, IkeDaemon::SA_GONE_DROP);
        return;
    }
    Bytes raw = Ikev2MessageProtection::ToBytes(packet);
    IkeMessage wire;
    packet->PeekHeader(wire);
    if (wire.GetParseError() != IkeMessage::PARSE_OK)
    {
        daemon->NotifyDrop(packet, IkeDaemon::MALFORMED_DROP);
        return;
    }
    const IsakmpHeader& h = wire.GetHeader();
    bool response = h.HasFlag(IsakmpHeader::IKEV2_RESPONSE);
    uint32_t id = h.GetMessageId();
    if (response)
    {
        if (!m_busy || id != m_nextRequestId || h.GetExchangeType() != m_active.type)
        {
            daemon->NotifyDrop(packet, IkeDaemon::UNEXPECTED_RESPONSE_DROP);
            return;
        }
    }
    else
    {
        if (m_haveResponse && id + 1 == m_expectedRequestId)
        {
            // RFC 7296 2.1: a retransmitted request gets the same response
            // again; RFC 7383 2.6.1: for a fragmented request, only the
            // first fragment triggers it.
            const auto* skf = wire.Find<Ikev2EncryptedFragmentPayload>(IKEV2_PAYLOAD_SKF);
            if (!skf || skf->GetFragmentNumber() == 1)
            {
                ++m_sa->messagesReceived;
                SendPackets(m_responsePackets, true);
            }
            return;
        }
        if (id != m_expectedRequestId)
        {
            daemon->NotifyDrop(packet, IkeDaemon::INVALID_MESSAGE_ID_DROP);
            return;
        }
    }

    IkeMessage plain;
    if (h.GetExchangeType() == IsakmpHeader::IKEV2_IKE_SA_INIT)
    {
        plain = wire;
        if (response)
        {
            m_context.initResponse = raw;
        }
        else
        {
            m_context.initRequest = raw;
        }
    }
    else
    {
        bool complete = false;
        std::string reason;
        const Ikev2Keys* keys = m_context.haveKeys ? &m_context.keys : nullptr;
        if (!m_protection.Unprotect(wire, keys, plain, complete, reason))
        {
            daemon->NotifyDrop(packet, reason.c_str());
            return;
        }
        // ICV verified (for a fragment: this fragment's ICV).
        if (!complete)
        {
            return;
        }
        // RFC 7296 2.23: with a NAT on the path, the peer is wherever its
        // last authenticated message came from (the NAT may have moved it,
        // and the initiator has floated to 4500). A strict peer
        // (FollowPeer false) takes the float while the SA is being set
        // up, and nothing once it is authenticated.
        bool follow = GetDaemon()->FollowsPeer() || !m_sa->Has(IkeSa::COND_AUTHENTICATED);
        if (m_sa->IsBehindNat() && follow &&
            (remote != m_sa->GetRemote() || local != m_sa->GetLocal()))
        {
            NS_LOG_INFO("peer moved from " << m_sa->GetRemote() << " to " << remote);
            m_sa->SetRemote(remote);
            m_sa->SetLocal(local);
            if (local.port == IKE_NAT_T_UDP_PORT)
            {
                m_sa->Set(IkeSa::COND_FLOATED);
            }
            GetInstaller().FollowPeer(m_sa);
        }
    }
    ++m_sa->messagesReceived;
    m_context.receivedLocal = local;
    m_context.receivedRemote = remote;
    Ptr<Ikev2TaskManager> self(this);
    if (response)
    {
        HandleResponse(plain);
    }
    else
    {
        HandleRequest(plain, wire);
    }
}

void
Ikev2TaskManager::HandleResponse(const IkeMessage& plain)
{
    m_retransmitEvent.Cancel();
    bool restart = false;
    for (auto& task : m_active.tasks)
    {
        IkeTask::Status status = task->Process(plain);
        if (status == IkeTask::FAILED)
        {
            m_busy = false;
            Fail(task->GetFailureReason());
            return;
        }
        restart = restart || status == IkeTask::NEED_MORE;
    }
    if (m_destroyed)
    {
        return;
    }
    if (restart)
    {
        // A COOKIE or INVALID_KE_PAYLOAD answer: the same exchange again,
        // with the same message ID (RFC 7296 2.6, 1.2).
        SendRequest();
        return;
    }
    m_busy = false;
    ++m_nextRequestId;
    m_active = Exchange();
    Kick();
}

void
Ikev2TaskManager::HandleRequest(const IkeMessage& plain, const IkeMessage& wire)
{
    IsakmpHeader::ExchangeType type = plain.GetHeader().GetExchangeType();
    uint32_t id = plain.GetHeader().GetMessageId();
    std::vector<Ptr<IkeTask>> tasks = CreateResponderTasks(plain);
    Ptr<IkeTask> failed;
    for (auto& task : tasks)
    {
        if (task->Process(plain) == IkeTask::FAILED)
        {
            failed = task;
            break;
        }
    }
    IkeMessage response = MakeMessage(type, id, true);
    std::string failure;
    if (failed)
    {
        failed->Build(response);
        failure = failed->GetFailureReason();
    }
    else
    {
        for (auto& task : tasks)
        {
            if (task->Build(response) == IkeTask::FAILED)
            {
                failure = task->GetFailureReason();
                break;
            }
        }
    }
    if (type == IsakmpHeader::IKEV2_IKE_SA_INIT)
    {
        // The responder SPI is known now; the response carries it.
        response.GetHeader().SetResponderSpi(m_sa->GetResponderSpi());
        Ptr<Packet> p = Ikev2MessageProtection::ToPacket(response);
        m_context.initResponse = Ikev2MessageProtection::ToBytes(p);
        m_responsePackets = {p};
    }
    else
    {
        m_responsePackets = m_protection.Protect(response, m_context.keys);
    }
    m_haveResponse = true;
    m_expectedRequestId = id + 1;
    SendPackets(m_responsePackets, false);
    if (!failure.empty())
    {
        Fail(failure);
        return;
    }
    if (m_destroyAfterResponse)
    {
        Destroy();
        return;
    }
    Kick();
}

std::vector<Ptr<IkeTask>>
Ikev2TaskManager::CreateResponderTasks(const IkeMessage& plain)
{
    std::vector<Ptr<IkeTask>> tasks;
    switch (plain.GetHeader().GetExchangeType())
    {
    case IsakmpHeader::IKEV2_IKE_SA_INIT:
        tasks.push_back(Create<Ikev2IkeInitTask>(this, false));
        tasks.push_back(Create<Ikev2NatdTask>(this, false));
        break;
    case IsakmpHeader::IKEV2_IKE_AUTH:
        tasks.push_back(Create<Ikev2AuthTask>(this, false));
        tasks.push_back(Create<Ikev2ChildCreateTask>(this, false, true));
        break;
    case IsakmpHeader::IKEV2_CREATE_CHILD_SA: {
        const auto* sa = plain.Find<Ikev2SaPayload>(IKEV2_PAYLOAD_SA);
        if (sa && !sa->GetProposals().empty() &&
            sa->GetProposals()[0].protocolId == Ikev2Proposal::PROTOCOL_IKE)
        {
            tasks.push_back(Create<Ikev2IkeRekeyTask>(this, false));
        }
        else
        {
            tasks.push_back(Create<Ikev2ChildCreateTask>(this, false, false));
        }
        break;
    }
    default:
        // INFORMATIONAL: deletes, or nothing at all (a liveness check).
        tasks.push_back(Create<Ikev2DeleteTask>(this, false));
        break;
    }
    return tasks;
}

void
Ikev2TaskManager::Fail(const std::string& reason)
{
    NS_LOG_INFO("IKE SA failed: " << reason);
    m_retransmitEvent.Cancel();
    m_busy = false;
    m_queue.clear();
    if (m_sa->GetState() != IkeSa::FAILED && m_sa->GetState() != IkeSa::DESTROYED)
    {
        GetDaemon()->NotifyFailure(m_sa, reason);
    }
    // A failed IKE SA is of no further use: once the message being handled
    // is done it leaves the daemon's table, and its child SAs the SAD; the
    // Failure trace and counters keep the reason.
    Ptr<Ikev2TaskManager> self = this;
    Simulator::ScheduleNow([self]() {
        if (self->m_destroyed || self->m_sa->GetState() != IkeSa::FAILED)
        {
            return;
        }
        self->m_destroyed = true;
        self->m_retransmitEvent.Cancel();
        while (!self->m_sa->GetChildSas().empty())
        {
            self->RemoveChild(self->m_sa->GetChildSas().front().inboundSpi);
        }
        self->GetDaemon()->RemoveSa(self->m_sa);
        self->m_handler->Forget(self->m_sa);
    });
}

void
Ikev2TaskManager::Destroy()
{
    if (m_destroyed)
    {
        return;
    }
    m_destroyed = true;
    m_retransmitEvent.Cancel();
    m_busy = false;
    m_queue.clear();
    m_sa->SetState(IkeSa::DESTROYED);
    GetDaemon()->RemoveSa(m_sa);
    m_handler->Forget(m_sa);
}

void
Ikev2TaskManager::Stop()
{
    m_retransmitEvent.Cancel();
    m_busy = false;
    m_queue.clear();
}

void
Ikev2TaskManager::DestroyAfterResponse()
{
    m_destroyAfterResponse = true;
}

IkeChildSaInstaller
Ikev2TaskManager::GetInstaller() const
{
    return IkeChildSaInstaller(GetDaemon()->GetSad(), GetDaemon()->GetSpd());
}

void
Ikev2TaskManager::InstallChild(IkeChildSa child,
                               const IkeChildConfig& config,
                               const Bytes& keymat,
                               bool exchangeInitiator,
                               Ipv4Address originalLocal,
                               Ipv4Address originalRemote)
{
    Ptr<IkeDaemon> daemon = GetDaemon();
    // RFC 7296 2.17: initiator-to-responder encryption and integrity keys
    // first, then the other direction's.
    std::size_t encrSize = IkeChildSaInstaller::GetEncryptionKeySize(config);
    std::size_t offset = 0;
    IpsecTransform iToR = IkeChildSaInstaller::TakeTransform(config, keymat, encrSize, offset);
    IpsecTransform rToI = IkeChildSaInstaller::TakeTransform(config, keymat, encrSize, offset);

    Ikev2ChildKeys keys;
    keys.inboundSpi = child.inboundSpi;
    keys.outboundSpi = child.outboundSpi;
    keys.outbound = exchangeInitiator ? iToR : rToI;
    keys.inbound = exchangeInitiator ? rToI : iToR;
    m_context.childKeys[child.inboundSpi] = keys;

    child.protocol = config.protocol;
    child.installed = Simulator::Now();
    // RFC 7296 2.23 / RFC 3948: behind a NAT (or faking one), ESP travels
    // in UDP on the IKE SA's (floated) ports.
    if (m_sa->IsBehindNat())
    {
        child.encapsulation.type = IpsecEncapsulation::UDP_ENCAP;
        child.encapsulation.localPort = m_sa->GetLocal().port;
        child.encapsulation.remotePort = m_sa->GetRemote().port;
    }
    if (daemon->GetSpd() && daemon->GetSad() && IkeChildSaInstaller::CanInstall(m_sa))
    {
        IkeChildSaInstaller installer = GetInstaller();
        auto policy = m_context.policies.find(child.name);
        if (policy == m_context.policies.end())
        {
            policy =
                m_context.policies.emplace(child.name, installer.AddPolicies(m_sa, child)).first;
        }
        SecurityAssociation::Parameters p;
        p.selector = child.selector;
        // RFC 3948 NAT-OA: the addresses the traffic selectors name. They
        // are IPv4 ones (RFC 7296 3.10.1); an IPv6 selector has none.
        bool natOa = !m_sa->GetLocal().IsIpv6() && !child.selector.IsIpv6();
        if (natOa)
        {
            p.originalLocal = m_sa->GetConfig().local.GetIpv4();
            p.originalRemote = child.selector.remoteAddress;
        }
        if (natOa && !originalRemote.IsAny())
        {
            // The SPD entry matches the IKE SA's addresses; the SA names the
            // peer by its original address, which the inbound selector check
            // uses for encapsulated packets (as IpsecHelper's NAT-OA does).
            p.originalLocal = originalLocal;
            p.originalRemote = originalRemote;
            p.selector.remoteAddress = originalRemote;
            p.selector.remoteMask = Ipv4Mask::GetOnes();
        }
        p.hardLifetime = config.lifetime;
        if (!config.rekeyMargin.IsZero())
        {
            p.softLifetime = config.lifetime - config.rekeyMargin;
        }
        installer.InstallSas(m_sa,
                             child,
                             p,
                             keys.inbound,
                             keys.outbound,
                             policy->second.second,
                             policy->second.first);
    }
    m_sa->GetChildSas().push_back(child);
    m_handler->RecordChildKeys(m_sa, child, keys);
    if (exchangeInitiator)
    {
        m_handler->StartChildTimer(config, child.inboundSpi);
    }
    daemon->NotifyChildSa(m_sa, child);
}

bool
Ikev2TaskManager::RemoveChild(uint32_t inboundSpi)
{
    auto& children = m_sa->GetChildSas();
    for (auto it = children.begin(); it != children.end(); ++it)
    {
        if (it->inboundSpi != inboundSpi)
        {
            continue;
        }
        IkeChildSaInstaller installer = GetInstaller();
        installer.RemoveSas(*it);
        std::string name = it->name;
        children.erase(it);
        // The child's policies go with its last SA pair (a rekeyed child's
        // successor, installed first, keeps them), as strongSwan removes a
        // CHILD_SA's policies with it.
        bool used = false;
        for (const auto& c : children)
        {
            used = used || c.name == name;
        }
        auto policy = m_context.policies.find(name);
        if (!used && policy != m_context.policies.end() && GetDaemon()->GetSpd())
        {
            installer.RemovePolicies(policy->second);
            m_context.policies.erase(policy);
        }
        return true;
    }
    return false;
}

void
Ikev2TaskManager::TransferChildren(Ptr<Ikev2TaskManager> other)
{
    // RFC 7296 2.18: the child SAs of a rekeyed IKE SA move to the new one.
    for (const auto& child : m_sa->GetChildSas())
    {
        other->m_sa->GetChildSas().push_back(child);
    }
    m_sa->GetChildSas().clear();
    other->m_context.childKeys = m_context.childKeys;
    other->m_context.policies = m_context.policies;
    other->m_context.virtualIp = m_context.virtualIp;
}

} // namespace ns3
