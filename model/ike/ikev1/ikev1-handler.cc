/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-handler.h"

#include "ikev1-informational-task.h"

#include "ns3/ike-child-sa-installer.h"
#include "ns3/ike-ports.h"
#include "ns3/log.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"
#include "ns3/simulator.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1Handler");
NS_OBJECT_ENSURE_REGISTERED(Ikev1Handler);

TypeId
Ikev1Handler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ikev1Handler")
            .SetParent<IkeVersionHandler>()
            .SetGroupName("Natt")
            .AddConstructor<Ikev1Handler>()
            .AddTraceSource("ChildFailure",
                            "A Quick Mode failed, with a reason code; the "
                            "ISAKMP SA stays up",
                            MakeTraceSourceAccessor(&Ikev1Handler::m_childFailureTrace),
                            "ns3::IkeDaemon::SaReasonTracedCallback");
    return tid;
}

Ikev1Handler::Ikev1Handler() = default;

void
Ikev1Handler::DoDispose()
{
    for (auto& m : m_managers)
    {
        m.second->Stop();
    }
    m_managers.clear();
    IkeVersionHandler::DoDispose();
}

uint8_t
Ikev1Handler::GetVersion() const
{
    return 1;
}

void
Ikev1Handler::Initiate(Ptr<IkeSa> sa)
{
    Ptr<Ikev1TaskManager> manager = Create<Ikev1TaskManager>(this, sa);
    m_managers[sa] = manager;
    for (const auto& child : sa->GetConfig().children)
    {
        manager->QueueQuickMode(child);
    }
    manager->InitiatePhase1();
}

void
Ikev1Handler::Receive(Ptr<Packet> message,
                      const IsakmpHeader& header,
                      const IkeEndpoint& local,
                      const IkeEndpoint& remote)
{
    Ptr<IkeDaemon> daemon = GetDaemon();
    Ptr<IkeSa> sa = daemon->FindSa(header.GetInitiatorSpi(), header.GetResponderSpi());
    Ptr<Ikev1TaskManager> manager = sa ? GetTaskManager(sa) : nullptr;
    if (!manager)
    {
        IsakmpHeader::ExchangeType type = header.GetExchangeType();
        if (header.GetResponderSpi() != 0 ||
            (type != IsakmpHeader::IKEV1_MAIN_MODE && type != IsakmpHeader::IKEV1_AGGRESSIVE))
        {
            daemon->NotifyDrop(message, IkeDaemon::UNKNOWN_SA_DROP);
            return;
        }
        const IkePeerConfig* config = daemon->FindPeerFor(1, remote);
        if (!config)
        {
            daemon->NotifyDrop(message, IkeDaemon::NO_CONFIG_DROP);
            return;
        }
        // A new phase 1: we are its responder, with a cookie of our own.
        sa = CreateObject<IkeSa>();
        sa->SetVersion(1);
        sa->SetInitiator(false);
        sa->SetConfig(*config);
        sa->SetLocal(local);
        IkeEndpoint peer = remote;
        if (config->replyToPort500)
        {
            peer.port = IKE_UDP_PORT;
        }
        sa->SetRemote(peer);
        if (local.port != IKE_UDP_PORT)
        {
            sa->Set(IkeSa::COND_FLOATED);
        }
        sa->SetSpis(header.GetInitiatorSpi(), daemon->RandomSpi64());
        sa->SetStartTime(Simulator::Now());
        daemon->AddSa(sa);
        manager = Create<Ikev1TaskManager>(this, sa);
        m_managers[sa] = manager;
        manager->AcceptPhase1(type);
    }
    manager->Receive(message, header, local, remote);
}

void
Ikev1Handler::RekeyIkeSa(Ptr<IkeSa> old)
{
    Ptr<Ikev1TaskManager> oldManager = GetTaskManager(old);
    if (!oldManager || old->GetState() != IkeSa::ESTABLISHED)
    {
        return;
    }
    // RFC 3715 2.3 n: a phase-1 rekey is a new ISAKMP SA with new cookies,
    // negotiated from where the peer is now; the old SA goes once it is up.
    Ptr<IkeDaemon> daemon = GetDaemon();
    Ptr<IkeSa> fresh = CreateObject<IkeSa>();
    fresh->SetVersion(1);
    fresh->SetInitiator(true);
    fresh->SetConfig(old->GetConfig());
    fresh->SetLocal(old->GetLocal());
    fresh->SetRemote(old->GetRemote());
    if (old->Has(IkeSa::COND_FLOATED))
    {
        fresh->Set(IkeSa::COND_FLOATED);
    }
    fresh->SetSpis(daemon->RandomSpi64(), 0);
    fresh->SetStartTime(Simulator::Now());
    daemon->AddSa(fresh);
    old->SetState(IkeSa::REKEYING);
    Ptr<Ikev1TaskManager> manager = Create<Ikev1TaskManager>(this, fresh);
    manager->replaces = old;
    m_managers[fresh] = manager;
    manager->InitiatePhase1();
}

void
Ikev1Handler::CompletePhase1Rekey(Ptr<IkeSa> old, Ptr<IkeSa> fresh)
{
    Ptr<Ikev1TaskManager> oldManager = GetTaskManager(old);
    if (!oldManager)
    {
        return;
    }
    oldManager->SendInformational(Ikev1InformationalTask::MakeDeleteIsakmp(old));
    Forget(old, fresh);
}

void
Ikev1Handler::RekeyChildSa(Ptr<IkeSa> sa, uint32_t inboundSpi)
{
    Ptr<Ikev1TaskManager> manager = GetTaskManager(sa);
    if (!manager || sa->GetState() != IkeSa::ESTABLISHED)
    {
        // A phase-1 rekey may have moved the child to the ISAKMP SA that replaced \p sa.
        manager = nullptr;
        for (const auto& m : m_managers)
        {
            if (m.first->GetState() == IkeSa::ESTABLISHED &&
                m.second->childConfigs.count(inboundSpi))
            {
                sa = m.first;
                manager = m.second;
            }
        }
        if (!manager)
        {
            return;
        }
    }
    auto it = manager->childConfigs.find(inboundSpi);
    if (it == manager->childConfigs.end())
    {
        return;
    }
    for (const auto& c : sa->GetChildSas())
    {
        if (c.inboundSpi == inboundSpi && c.rekeyed)
        {
            return;
        }
    }
    manager->QueueQuickMode(it->second, inboundSpi);
}

void
Ikev1Handler::Delete(Ptr<IkeSa> sa)
{
    Ptr<Ikev1TaskManager> manager = GetTaskManager(sa);
    if (!manager)
    {
        return;
    }
    if (manager->IsPhase1Done())
    {
        sa->SetState(IkeSa::DELETING);
        for (const auto& c : sa->GetChildSas())
        {
            if (!c.rekeyed)
            {
                manager->SendInformational(
                    Ikev1InformationalTask::MakeDeleteChild(c.protocol, c.inboundSpi));
            }
        }
        manager->SendInformational(Ikev1InformationalTask::MakeDeleteIsakmp(sa));
    }
    for (const auto& c : sa->GetChildSas())
    {
        RemoveChild(sa, c.inboundSpi, true);
    }
    Forget(sa, nullptr);
}

void
Ikev1Handler::SendDpd(Ptr<IkeSa> sa)
{
    Ptr<Ikev1TaskManager> manager = GetTaskManager(sa);
    if (manager && manager->IsPhase1Done())
    {
        manager->SendDpd();
    }
}

Ptr<Ikev1TaskManager>
Ikev1Handler::GetTaskManager(Ptr<IkeSa> sa) const
{
    auto it = m_managers.find(sa);
    return it == m_managers.end() ? nullptr : it->second;
}

void
Ikev1Handler::Forget(Ptr<IkeSa> sa, Ptr<IkeSa> successor)
{
    Ptr<Ikev1TaskManager> manager = GetTaskManager(sa);
    if (!manager)
    {
        return;
    }
    manager->Stop();
    if (!successor)
    {
        // The peer finished a phase-1 rekey: the newest SA with it takes the children over.
        for (const auto& m : m_managers)
        {
            if (m.first != sa && m.first->GetState() == IkeSa::ESTABLISHED &&
                m.first->GetConfig().name == sa->GetConfig().name &&
                m.first->GetRemote().address == sa->GetRemote().address)
            {
                successor = m.first;
            }
        }
    }
    if (successor)
    {
        auto& children = successor->GetChildSas();
        children.insert(children.end(), sa->GetChildSas().begin(), sa->GetChildSas().end());
        GetTaskManager(successor)->AdoptChildConfigs(manager->childConfigs);
    }
    else
    {
        for (const auto& c : sa->GetChildSas())
        {
            RemoveChild(sa, c.inboundSpi, true);
        }
    }
    sa->GetChildSas().clear();
    if (sa->GetState() != IkeSa::FAILED)
    {
        sa->SetState(IkeSa::DESTROYED);
    }
    GetDaemon()->RemoveSa(sa);
    m_managers.erase(sa);
}

void
Ikev1Handler::RecordKeys(Ptr<IkeSa> sa, const Bytes& encryptionKey)
{
    m_keyLog.emplace_back(sa->GetInitiatorSpi(), encryptionKey);
}

std::string
Ikev1Handler::GetWiresharkDecryptionTable() const
{
    std::ostringstream os;
    for (const auto& entry : m_keyLog)
    {
        // UAT files take byte fields as bare hex; quotes would make them text.
        os << std::hex << std::setfill('0') << std::setw(16) << entry.first << ",";
        for (uint8_t b : entry.second)
        {
            os << std::setw(2) << unsigned(b);
        }
        os << "\n" << std::dec;
    }
    return os.str();
}

void
Ikev1Handler::NotifyChildFailure(Ptr<IkeSa> sa, const std::string& reason)
{
    NS_LOG_INFO("Quick Mode failed: " << reason);
    ++m_childFailures[reason];
    m_childFailureTrace(sa, reason);
}

uint64_t
Ikev1Handler::GetChildFailureCount(const std::string& reason) const
{
    auto it = m_childFailures.find(reason);
    return it == m_childFailures.end() ? 0 : it->second;
}

namespace
{
/// Whether \p child's selectors name the peer by the address its NAT made (SpdSelector).
bool
IsBoundToNat(const IkeChildSa& child)
{
    // draft-stenberg 3.2 restores the original source instead, and leaves
    // peers with one private address to the built-in NAT (3.4).
    return child.mode == IPSEC_MODE_TRANSPORT &&
           child.encapsulation.type == IpsecEncapsulation::UDP_ENCAP;
}

/**
 * RFC 3947 5.2 / RFC 3948 3.1: a transport-mode packet through a NAT
 * carries the IKE SA's addresses as the NAT left them, not the ones the
 * Quick Mode IDs name. Its SPD entry is bound to those (the peer's public
 * address), so peers with the same private address behind different NATs
 * get entries of their own (RFC 3715 2.1 e).
 */
IpsecSelector
SpdSelector(Ptr<IkeSa> sa, const IkeChildSa& child)
{
    IpsecSelector selector = child.selector;
    if (IsBoundToNat(child))
    {
        selector.localAddress = sa->GetLocal().GetIpv4();
        selector.localMask = Ipv4Mask::GetOnes();
        selector.remoteAddress = sa->GetRemote().GetIpv4();
        selector.remoteMask = Ipv4Mask::GetOnes();
    }
    return selector;
}

} // namespace

void
Ikev1Handler::InstallChild(Ptr<IkeSa> sa,
                           const IkeChildSa& child,
                           const IkeChildConfig& config,
                           const Bytes& inboundKeymat,
                           const Bytes& outboundKeymat,
                           Ipv4Address originalLocal,
                           Ipv4Address originalRemote)
{
    Ptr<IkeDaemon> daemon = GetDaemon();
    Ptr<SecurityAssociationDatabase> sad = daemon->GetSad();
    Ptr<SecurityPolicyDatabase> spd = daemon->GetSpd();
    // The SA keeps the peer's original address (NAT-OA) for the inbound
    // check where its SPD entry names the address the NAT made (SpdSelector).
    IpsecSelector policySelector = SpdSelector(sa, child);
    IpsecSelector saSelector = child.selector;
    if (IsBoundToNat(child))
    {
        Ipv4Mask host = Ipv4Mask::GetOnes();
        saSelector.localAddress = sa->GetLocal().GetIpv4();
        saSelector.localMask = host;
        bool haveOriginal = originalRemote.IsInitialized() && !originalRemote.IsAny();
        saSelector.remoteAddress = haveOriginal ? originalRemote : sa->GetRemote().GetIpv4();
        saSelector.remoteMask = host;
    }
    if (sad && IkeChildSaInstaller::CanInstall(sa))
    {
        IkeChildSaInstaller installer(sad, spd);
        // RFC 2409 5.5: a KEYMAT per direction, the encryption key first.
        std::size_t enc = IkeChildSaInstaller::GetEncryptionKeySize(config);
        std::size_t inOffset = 0;
        std::size_t outOffset = 0;
        IpsecTransform in =
            IkeChildSaInstaller::TakeTransform(config, inboundKeymat, enc, inOffset);
        IpsecTransform out =
            IkeChildSaInstaller::TakeTransform(config, outboundKeymat, enc, outOffset);
        SecurityAssociation::Parameters p;
        p.selector = saSelector;
        p.originalLocal = originalLocal;
        p.originalRemote = originalRemote;
        p.hardLifetime = config.lifetime;
        if (config.rekeyMargin.IsStrictlyPositive() && config.lifetime > config.rekeyMargin)
        {
            p.softLifetime = config.lifetime - config.rekeyMargin;
        }
        uint32_t inPolicy = 0;
        uint32_t outPolicy = 0;
        if (spd)
        {
            inPolicy = installer.FindOrAddPolicy(sa,
                                                 child,
                                                 policySelector,
                                                 IpsecPolicy::INBOUND,
                                                 m_ownPolicies);
            outPolicy = installer.FindOrAddPolicy(sa,
                                                  child,
                                                  policySelector,
                                                  IpsecPolicy::OUTBOUND,
                                                  m_ownPolicies);
        }
        installer.InstallSas(sa, child, p, in, out, inPolicy, outPolicy);
    }
    sa->GetChildSas().push_back(child);
    daemon->NotifyChildSa(sa, child);
}

void
Ikev1Handler::RemoveChild(Ptr<IkeSa> sa, uint32_t spi, bool inbound)
{
    Ptr<SecurityAssociationDatabase> sad = GetDaemon()->GetSad();
    if (!sad)
    {
        return;
    }
    IkeChildSaInstaller installer(sad, GetDaemon()->GetSpd());
    for (const auto& c : sa->GetChildSas())
    {
        if ((inbound ? c.inboundSpi : c.outboundSpi) == spi)
        {
            installer.RemoveSas(c);
            installer.RemoveUnusedPolicies(SpdSelector(sa, c), m_ownPolicies);
        }
    }
}

} // namespace ns3
