/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-handler.h"

#include "ikev2-auth-task.h"
#include "ikev2-child-create-task.h"
#include "ikev2-delete-task.h"
#include "ikev2-ike-init-task.h"
#include "ikev2-ike-rekey-task.h"
#include "ikev2-natd-task.h"

#include "ns3/ike-notify-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/log.h"
#include "ns3/message-digest.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2Handler");
NS_OBJECT_ENSURE_REGISTERED(Ikev2Handler);

namespace
{

std::string
Hex(const Bytes& bytes)
{
    std::ostringstream os;
    os << std::hex << std::setfill('0');
    for (uint8_t b : bytes)
    {
        os << std::setw(2) << unsigned(b);
    }
    return os.str();
}

std::string
EspEncryptionName(const IpsecTransform& t)
{
    // Wireshark's packet-ipsec.c esp_encryption_type_vals.
    switch (t.encryption)
    {
    case IpsecTransform::ENCR_NULL:
        return "NULL";
    case IpsecTransform::ENCR_AES_GCM_16:
        return "AES-GCM with 16 octet ICV [RFC4106]";
    default:
        return "AES-CBC [RFC3602]";
    }
}

std::string
EspIntegrityName(const IpsecTransform& t)
{
    // Wireshark's packet-ipsec.c esp_authentication_type_vals.
    switch (t.integrity)
    {
    case IpsecTransform::INTEG_HMAC_SHA1_96:
        return "HMAC-SHA-1-96 [RFC2404]";
    case IpsecTransform::INTEG_HMAC_SHA2_256_128:
        return "HMAC-SHA-256-128 [RFC4868]";
    default:
        return "NULL";
    }
}

/// An endpoint's family and address as Wireshark's esp_sa table writes them.
std::string
EspSaAddress(const IkeEndpoint& endpoint)
{
    std::ostringstream os;
    if (endpoint.IsIpv6())
    {
        os << endpoint.GetIpv6();
    }
    else
    {
        os << endpoint.GetIpv4();
    }
    return os.str();
}

} // namespace

TypeId
Ikev2Handler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ikev2Handler")
            .SetParent<IkeVersionHandler>()
            .SetGroupName("Natt")
            .AddConstructor<Ikev2Handler>()
            .AddAttribute("CookieThreshold",
                          "Half-open IKE SAs at which IKE_SA_INIT requests must carry a "
                          "cookie (RFC 7296 2.6); 0: always",
                          UintegerValue(100),
                          MakeUintegerAccessor(&Ikev2Handler::m_cookieThreshold),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxHalfOpen",
                          "Half-open IKE SAs (responder, IKE_SA_INIT answered, IKE_AUTH not yet "
                          "done) this responder holds at most; further IKE_SA_INIT requests are "
                          "dropped (strongSwan's charon.init_limit_half_open); 0: no limit",
                          UintegerValue(0),
                          MakeUintegerAccessor(&Ikev2Handler::m_maxHalfOpen),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

Ikev2Handler::Ikev2Handler()
    : m_cookieThreshold(100),
      m_maxHalfOpen(0)
{
}

void
Ikev2Handler::DoDispose()
{
    for (auto& entry : m_managers)
    {
        entry.second->Stop();
    }
    m_managers.clear();
    m_byInitiatorSpi.clear();
    m_halfOpen.clear();
    IkeVersionHandler::DoDispose();
}

uint8_t
Ikev2Handler::GetVersion() const
{
    return 2;
}

Ptr<Ikev2TaskManager>
Ikev2Handler::CreateTaskManager(Ptr<IkeSa> sa)
{
    Ptr<Ikev2TaskManager> manager = Create<Ikev2TaskManager>(this, sa);
    if (m_managers.insert_or_assign(PeekPointer(sa), manager).second)
    {
        std::vector<IkeSa*>& same = m_byInitiatorSpi[sa->GetInitiatorSpi()];
        same.insert(std::upper_bound(same.begin(), same.end(), PeekPointer(sa)), PeekPointer(sa));
    }
    return manager;
}

Ptr<Ikev2TaskManager>
Ikev2Handler::GetTaskManager(Ptr<IkeSa> sa) const
{
    auto it = m_managers.find(PeekPointer(sa));
    return it == m_managers.end() ? nullptr : it->second;
}

void
Ikev2Handler::Forget(Ptr<IkeSa> sa)
{
    if (m_managers.erase(PeekPointer(sa)) == 0)
    {
        return;
    }
    auto bucket = m_byInitiatorSpi.find(sa->GetInitiatorSpi());
    NS_ASSERT(bucket != m_byInitiatorSpi.end());
    auto& same = bucket->second;
    same.erase(std::remove(same.begin(), same.end(), PeekPointer(sa)), same.end());
    if (same.empty())
    {
        m_byInitiatorSpi.erase(bucket);
    }
}

void
Ikev2Handler::Initiate(Ptr<IkeSa> sa)
{
    const IkePeerConfig& config = sa->GetConfig();
    if (config.startOn4500)
    {
        // RFC 7296 2.23: a peer that expects a NAT may start on 4500
        // (the transport adds the non-ESP marker).
        sa->SetLocal({config.local.address, IKE_NAT_T_UDP_PORT});
        sa->SetRemote({config.remote.address, IKE_NAT_T_UDP_PORT});
    }
    sa->SetState(IkeSa::CONNECTING);
    Ptr<Ikev2TaskManager> m = CreateTaskManager(sa);
    m->Queue(IsakmpHeader::IKEV2_IKE_SA_INIT,
             {Create<Ikev2IkeInitTask>(PeekPointer(m), true),
              Create<Ikev2NatdTask>(PeekPointer(m), true)});
    std::vector<Ptr<IkeTask>> auth{Create<Ikev2AuthTask>(PeekPointer(m), true)};
    if (!config.children.empty())
    {
        auth.push_back(Create<Ikev2ChildCreateTask>(PeekPointer(m), true, true, 0));
    }
    m->Queue(IsakmpHeader::IKEV2_IKE_AUTH, auth);
    // Further children each get a CREATE_CHILD_SA of their own (RFC 7296 1.3).
    for (std::size_t k = 1; k < config.children.size(); ++k)
    {
        m->Queue(IsakmpHeader::IKEV2_CREATE_CHILD_SA,
                 {Create<Ikev2ChildCreateTask>(PeekPointer(m), true, false, k)});
    }
    m->Kick();
}

Ptr<Ikev2TaskManager>
Ikev2Handler::Find(uint64_t spiI, uint64_t spiR) const
{
    auto bucket = m_byInitiatorSpi.find(spiI);
    if (bucket == m_byInitiatorSpi.end())
    {
        return nullptr;
    }
    // In m_managers' order, so that of two SAs sharing an SPIi (a peer may
    // choose any) the same one answers as before the index.
    for (IkeSa* sa : bucket->second)
    {
        if (spiR == 0 || sa->GetResponderSpi() == 0 || sa->GetResponderSpi() == spiR)
        {
            return m_managers.at(sa);
        }
    }
    return nullptr;
}

uint32_t
Ikev2Handler::CountHalfOpen()
{
    // Only Receive below creates responder SAs in CONNECTING (the others are
    // ours, or a rekey's, born established), and none returns to it.
    m_halfOpen.erase(std::remove_if(m_halfOpen.begin(),
                                    m_halfOpen.end(),
                                    [this](const Ptr<IkeSa>& sa) {
                                        return sa->GetState() != IkeSa::CONNECTING ||
                                               m_managers.count(PeekPointer(sa)) == 0;
                                    }),
                     m_halfOpen.end());
    return static_cast<uint32_t>(m_halfOpen.size());
}

Bytes
Ikev2Handler::ComputeCookie(const Bytes& nonceI, const IkeEndpoint& initiator, uint64_t spiI) const
{
    // RFC 7296 2.6: Cookie = <VersionIDofSecret> | Hash(Ni | IPi | SPIi | <secret>).
    Bytes data = Concat(nonceI, initiator.GetAddressBytes(), Ikev2SpiBytes(spiI), m_cookieSecret);
    Bytes cookie{1};
    Bytes hash = MessageDigest::Digest(HashAlgorithm::Sha1, data);
    cookie.insert(cookie.end(), hash.begin(), hash.end());
    return cookie;
}

void
Ikev2Handler::AnswerWithCookie(const IkeMessage& request,
                               const Bytes& cookie,
                               const IkeEndpoint& local,
                               const IkeEndpoint& remote)
{
    IkeMessage response;
    IsakmpHeader& h = response.GetHeader();
    h = request.GetHeader();
    h.SetResponderSpi(0);
    h.SetFlag(IsakmpHeader::IKEV2_RESPONSE);
    auto notify = std::make_unique<IkeNotifyPayload>(2);
    notify->SetNotifyType(IkeNotifyPayload::COOKIE);
    notify->SetData(cookie);
    response.AddPayload(std::move(notify));
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(response);
    GetDaemon()->SendTo(p, local, remote);
}

void
Ikev2Handler::Receive(Ptr<Packet> message,
                      const IsakmpHeader& header,
                      const IkeEndpoint& local,
                      const IkeEndpoint& remote)
{
    Ptr<IkeDaemon> daemon = GetDaemon();
    Ptr<Ikev2TaskManager> m = Find(header.GetInitiatorSpi(), header.GetResponderSpi());
    bool initRequest = header.GetExchangeType() == IsakmpHeader::IKEV2_IKE_SA_INIT &&
                       !header.HasFlag(IsakmpHeader::IKEV2_RESPONSE) &&
                       header.GetResponderSpi() == 0;
    if (m && initRequest && !m->GetSa()->IsInitiator())
    {
        IkeSa::State state = m->GetSa()->GetState();
        if (state == IkeSa::FAILED || state == IkeSa::DESTROYED)
        {
            // A new attempt after a failed one (e.g. after INVALID_KE_PAYLOAD).
            m->Destroy();
            m = nullptr;
        }
    }
    if (m)
    {
        m->Receive(message, local, remote);
        return;
    }
    if (!initRequest)
    {
        daemon->NotifyDrop(message, IkeDaemon::NO_SA_DROP);
        return;
    }
    const IkePeerConfig* config = daemon->FindPeerFor(2, remote);
    if (!config)
    {
        daemon->NotifyDrop(message, IkeDaemon::NO_CONFIG_DROP);
        return;
    }
    IkeMessage request;
    message->PeekHeader(request);
    if (request.GetParseError() != IkeMessage::PARSE_OK)
    {
        daemon->NotifyDrop(message, IkeDaemon::MALFORMED_DROP);
        return;
    }
    if (CountHalfOpen() >= m_cookieThreshold)
    {
        // RFC 7296 2.6: under (suspected) flood, keep no state until the
        // initiator proves it receives at its address.
        if (m_cookieSecret.empty())
        {
            m_cookieSecret = daemon->RandomBytes(16);
        }
        const auto* nonce = request.Find<IkeNoncePayload>(IKEV2_PAYLOAD_NONCE);
        Bytes expected =
            ComputeCookie(nonce ? nonce->GetData() : Bytes(), remote, header.GetInitiatorSpi());
        const auto* first = dynamic_cast<const IkeNotifyPayload*>(
            request.GetPayloads().empty() ? nullptr : request.GetPayloads()[0].get());
        if (!first || first->GetNotifyType() != IkeNotifyPayload::COOKIE ||
            first->GetData() != expected)
        {
            daemon->NotifyDrop(message, IkeDaemon::COOKIE_REQUIRED_DROP);
            AnswerWithCookie(request, expected, local, remote);
            return;
        }
    }
    if (m_maxHalfOpen != 0 && CountHalfOpen() >= m_maxHalfOpen)
    {
        // The table of half-open SAs is full: a flood from spoofed sources
        // (which cookies would have kept out, RFC 7296 2.6) now locks out
        // honest initiators too.
        daemon->NotifyDrop(message, IkeDaemon::HALF_OPEN_LIMIT_DROP);
        return;
    }
    Ptr<IkeSa> sa = CreateObject<IkeSa>();
    sa->SetVersion(2);
    sa->SetInitiator(false);
    sa->SetConfig(*config);
    sa->SetLocal(local);
    sa->SetRemote(remote);
    sa->SetSpis(header.GetInitiatorSpi(), daemon->RandomSpi64());
    sa->SetStartTime(Simulator::Now());
    sa->SetState(IkeSa::CONNECTING);
    daemon->AddSa(sa);
    m_halfOpen.push_back(sa);
    m = CreateTaskManager(sa);
    m->Receive(message, local, remote);
}

void
Ikev2Handler::RekeyIkeSa(Ptr<IkeSa> sa)
{
    Ptr<Ikev2TaskManager> m = GetTaskManager(sa);
    if (!m || sa->GetState() != IkeSa::ESTABLISHED)
    {
        return;
    }
    m->Queue(IsakmpHeader::IKEV2_CREATE_CHILD_SA,
             {Create<Ikev2IkeRekeyTask>(PeekPointer(m), true)});
    m->Kick();
}

void
Ikev2Handler::RekeyChildSa(Ptr<IkeSa> sa, uint32_t inboundSpi)
{
    Ptr<Ikev2TaskManager> m = GetTaskManager(sa);
    if (!m || sa->GetState() != IkeSa::ESTABLISHED)
    {
        return;
    }
    const auto& children = sa->GetChildSas();
    for (const auto& child : children)
    {
        if (child.inboundSpi != inboundSpi)
        {
            continue;
        }
        const auto& configs = sa->GetConfig().children;
        std::size_t index = 0;
        for (std::size_t k = 0; k < configs.size(); ++k)
        {
            if (configs[k].name == child.name)
            {
                index = k;
            }
        }
        m->Queue(IsakmpHeader::IKEV2_CREATE_CHILD_SA,
                 {Create<Ikev2ChildCreateTask>(PeekPointer(m), true, false, index, inboundSpi)});
        m->Kick();
        return;
    }
}

void
Ikev2Handler::Delete(Ptr<IkeSa> sa)
{
    Ptr<Ikev2TaskManager> m = GetTaskManager(sa);
    if (!m)
    {
        return;
    }
    m->Queue(IsakmpHeader::IKEV2_INFORMATIONAL,
             {Create<Ikev2DeleteTask>(PeekPointer(m), true, std::vector<uint32_t>{})});
    m->Kick();
}

void
Ikev2Handler::DeleteChildSa(Ptr<IkeSa> sa, uint32_t inboundSpi)
{
    Ptr<Ikev2TaskManager> m = GetTaskManager(sa);
    if (!m)
    {
        return;
    }
    m->Queue(IsakmpHeader::IKEV2_INFORMATIONAL,
             {Create<Ikev2DeleteTask>(PeekPointer(m), true, std::vector<uint32_t>{inboundSpi})});
    m->Kick();
}

void
Ikev2Handler::CheckLiveness(Ptr<IkeSa> sa)
{
    Ptr<Ikev2TaskManager> m = GetTaskManager(sa);
    if (!m)
    {
        return;
    }
    // An INFORMATIONAL without payloads (RFC 7296 1.4); no answer after the
    // retransmissions fails the SA with "timeout".
    m->Queue(IsakmpHeader::IKEV2_INFORMATIONAL, {});
    m->Kick();
}

void
Ikev2Handler::StartIkeTimers(Ptr<IkeSa> sa)
{
    const IkePeerConfig& config = sa->GetConfig();
    // Only the SA's initiator rekeys on its own: two simultaneous rekeys
    // would collide (RFC 7296 2.8.1), which this model does not resolve.
    if (sa->IsInitiator() && config.ikeRekeyMargin.IsStrictlyPositive() &&
        config.ikeLifetime > config.ikeRekeyMargin)
    {
        Simulator::Schedule(config.ikeLifetime - config.ikeRekeyMargin,
                            &Ikev2Handler::RekeyIkeSa,
                            this,
                            sa);
    }
    if (config.dpdDelay.IsStrictlyPositive())
    {
        Simulator::Schedule(config.dpdDelay, &Ikev2Handler::CheckDeadPeer, this, sa);
    }
}

void
Ikev2Handler::CheckDeadPeer(Ptr<IkeSa> sa)
{
    Ptr<Ikev2TaskManager> m = GetTaskManager(sa);
    if (!m || sa->GetState() != IkeSa::ESTABLISHED)
    {
        return;
    }
    if (!m->IsBusy())
    {
        CheckLiveness(sa);
    }
    Simulator::Schedule(sa->GetConfig().dpdDelay, &Ikev2Handler::CheckDeadPeer, this, sa);
}

void
Ikev2Handler::StartChildTimer(const IkeChildConfig& config, uint32_t inboundSpi)
{
    if (config.rekeyMargin.IsStrictlyPositive() && config.lifetime > config.rekeyMargin)
    {
        Simulator::Schedule(config.lifetime - config.rekeyMargin,
                            &Ikev2Handler::RekeyChildBySpi,
                            this,
                            inboundSpi);
    }
}

void
Ikev2Handler::RekeyChildBySpi(uint32_t inboundSpi)
{
    // The child may have moved to a rekeyed IKE SA since the timer started.
    for (const auto& entry : m_managers)
    {
        Ptr<IkeSa> sa = entry.second->GetSa();
        for (const auto& child : sa->GetChildSas())
        {
            if (child.inboundSpi == inboundSpi && !child.rekeyed)
            {
                RekeyChildSa(sa, inboundSpi);
                return;
            }
        }
    }
}

Ipv4Address
Ikev2Handler::AllocateVirtualIp(const IkePeerConfig& config)
{
    uint32_t& next = m_poolNext[config.name];
    if (next >= config.addressPoolSize)
    {
        return Ipv4Address::GetAny();
    }
    return Ipv4Address(config.addressPool.Get() + next++);
}

void
Ikev2Handler::RecordIkeKeys(Ptr<Ikev2TaskManager> manager)
{
    Ptr<IkeSa> sa = manager->GetSa();
    const Ikev2Keys& k = manager->GetContext().keys;
    std::ostringstream line;
    line << Hex(Ikev2SpiBytes(sa->GetInitiatorSpi())) << ","
         << Hex(Ikev2SpiBytes(sa->GetResponderSpi())) << "," << Hex(k.GetSkEi()) << ","
         << Hex(k.GetSkEr()) << ",\"" << k.GetWiresharkEncryptionName() << "\"," << Hex(k.GetSkAi())
         << "," << Hex(k.GetSkAr()) << ",\"" << k.GetWiresharkIntegrityName() << "\"";
    m_ikeKeyLines.push_back(line.str());
}

void
Ikev2Handler::RecordChildKeys(Ptr<IkeSa> sa, const IkeChildSa& child, const Ikev2ChildKeys& keys)
{
    auto line =
        [](const IkeEndpoint& src, const IkeEndpoint& dst, uint32_t spi, const IpsecTransform& t) {
            std::ostringstream os;
            os << "\"" << (src.IsIpv6() ? "IPv6" : "IPv4") << "\",\"" << EspSaAddress(src)
               << "\",\"" << EspSaAddress(dst) << "\",\"0x" << std::hex << std::setw(8)
               << std::setfill('0') << spi << "\",\"" << EspEncryptionName(t) << "\",\"0x"
               << Hex(t.encryptionKey) << "\",\"" << EspIntegrityName(t) << "\",\"0x"
               << Hex(t.integrityKey) << "\"";
            return os.str();
        };
    const IkeEndpoint& local = sa->GetLocal();
    const IkeEndpoint& remote = sa->GetRemote();
    m_espKeyLines.push_back(line(local, remote, keys.outboundSpi, keys.outbound));
    m_espKeyLines.push_back(line(remote, local, keys.inboundSpi, keys.inbound));
}

const std::vector<std::string>&
Ikev2Handler::GetIkev2DecryptionTable() const
{
    return m_ikeKeyLines;
}

const std::vector<std::string>&
Ikev2Handler::GetEspSaTable() const
{
    return m_espKeyLines;
}

bool
Ikev2Handler::WriteWiresharkKeys(const std::string& directory) const
{
    std::ofstream ike(directory + "/ikev2_decryption_table");
    std::ofstream esp(directory + "/esp_sa");
    if (!ike || !esp)
    {
        return false;
    }
    for (const auto& l : m_ikeKeyLines)
    {
        ike << l << "\n";
    }
    for (const auto& l : m_espKeyLines)
    {
        esp << l << "\n";
    }
    return true;
}

} // namespace ns3
