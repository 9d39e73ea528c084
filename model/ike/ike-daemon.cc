/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-daemon.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/pointer.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeDaemon");
NS_OBJECT_ENSURE_REGISTERED(IkeVersionHandler);
NS_OBJECT_ENSURE_REGISTERED(IkeDaemon);

TypeId
IkeVersionHandler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeVersionHandler").SetParent<Object>().SetGroupName("Natt");
    return tid;
}

void
IkeVersionHandler::SetDaemon(Ptr<IkeDaemon> daemon)
{
    m_daemon = daemon;
}

Ptr<IkeDaemon>
IkeVersionHandler::GetDaemon() const
{
    return m_daemon;
}

void
IkeVersionHandler::DoDispose()
{
    m_daemon = nullptr;
    Object::DoDispose();
}

TypeId
IkeDaemon::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IkeDaemon")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<IkeDaemon>()
            // strongSwan's defaults: 4 s, growing by 1.8 per try, 5 tries
            // (charon.retransmit_timeout / _base / _tries).
            .AddAttribute("RetransmitTimeout",
                          "Time before the first retransmission of an unanswered request",
                          TimeValue(Seconds(4)),
                          MakeTimeAccessor(&IkeDaemon::m_retransmitTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RetransmitBase",
                          "Factor by which each further retransmission timeout grows",
                          DoubleValue(1.8),
                          MakeDoubleAccessor(&IkeDaemon::m_retransmitBase),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("RetransmitTries",
                          "Retransmissions before an exchange is given up",
                          UintegerValue(5),
                          MakeUintegerAccessor(&IkeDaemon::m_retransmitTries),
                          MakeUintegerChecker<uint32_t>())
            // Windows since XP SP2 refuses by default to set up SAs with a
            // server behind a NAT (the AssumeUDPEncapsulationContextOnSendRule
            // registry value 0; the Wikipedia NAT traversal article). One
            // switch here: Windows' value 2, both sides behind NATs, is not
            // told apart from 1.
            .AddAttribute("AllowResponderBehindNat",
                          "As initiator, set up SAs with a responder that NAT detection "
                          "finds behind a NAT (RFC 3947 3.2, RFC 7296 2.23); false gives such "
                          "an SA up with the failure server-behind-nat-refused",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IkeDaemon::m_allowResponderBehindNat),
                          MakeBooleanChecker())
            .AddAttribute("FollowPeer",
                          "Once an IKE SA is up, move it and its UDP-encapsulated child SAs to "
                          "the address and port an authenticated IKE message of the peer came "
                          "from (RFC 7296 2.23; RFC 3947 peers do the same); false: a strict "
                          "peer (libreswan 5's \"MOBIKE disabled, ignoring peer endpoint "
                          "change\") that keeps sending where the SA was set up",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IkeDaemon::m_followPeer),
                          MakeBooleanChecker())
            // A DNAT host keeps the SPIs of its incoming SAs in the block its
            // router allocated (3Com DNAT disclosure, "IPsec Across a DNAT
            // Network"); RFC 4303 2.1 reserves 1-255.
            .AddAttribute("InboundSpiFirst",
                          "Smallest SPI this daemon chooses for an incoming child SA",
                          UintegerValue(256),
                          MakeUintegerAccessor(&IkeDaemon::m_inboundSpiFirst),
                          MakeUintegerChecker<uint32_t>(256))
            .AddAttribute("InboundSpiLast",
                          "Largest SPI this daemon chooses for an incoming child SA",
                          UintegerValue(0xffffffffu),
                          MakeUintegerAccessor(&IkeDaemon::m_inboundSpiLast),
                          MakeUintegerChecker<uint32_t>(256))
            .AddTraceSource("Sent",
                            "An IKE message was sent for the first time",
                            MakeTraceSourceAccessor(&IkeDaemon::m_sentTrace),
                            "ns3::IkeDaemon::MessageTracedCallback")
            .AddTraceSource("Retransmit",
                            "An IKE message was sent again",
                            MakeTraceSourceAccessor(&IkeDaemon::m_retransmitTrace),
                            "ns3::IkeDaemon::MessageTracedCallback")
            .AddTraceSource("Received",
                            "An IKE message arrived (local, remote endpoints)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_receivedTrace),
                            "ns3::IkeDaemon::ReceivedTracedCallback")
            .AddTraceSource("Established",
                            "An IKE SA was authenticated",
                            MakeTraceSourceAccessor(&IkeDaemon::m_establishedTrace),
                            "ns3::IkeDaemon::SaTracedCallback")
            .AddTraceSource("Failure",
                            "An IKE SA failed, with a reason code",
                            MakeTraceSourceAccessor(&IkeDaemon::m_failureTrace),
                            "ns3::IkeDaemon::SaReasonTracedCallback")
            .AddTraceSource("ChildSa",
                            "A child SA pair was installed",
                            MakeTraceSourceAccessor(&IkeDaemon::m_childSaTrace),
                            "ns3::IkeDaemon::ChildSaTracedCallback")
            .AddTraceSource("NatDetected",
                            "NAT detection found a NAT between the peers of an IKE SA",
                            MakeTraceSourceAccessor(&IkeDaemon::m_natTrace),
                            "ns3::IkeDaemon::SaTracedCallback")
            .AddTraceSource("Drop",
                            "A message was dropped before any SA took it, with a reason",
                            MakeTraceSourceAccessor(&IkeDaemon::m_dropTrace),
                            "ns3::IkeDaemon::DropTracedCallback");
    return tid;
}

IkeDaemon::IkeDaemon()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

void
IkeDaemon::DoDispose()
{
    for (auto& handler : m_handlers)
    {
        handler.second->Dispose();
    }
    m_handlers.clear();
    m_sas.clear();
    m_transport = nullptr;
    m_spd = nullptr;
    m_sad = nullptr;
    Object::DoDispose();
}

void
IkeDaemon::SetTransport(Ptr<IkeTransport> transport)
{
    m_transport = transport;
    m_transport->SetReceiveCallback(MakeCallback(&IkeDaemon::Receive, this));
}

Ptr<IkeTransport>
IkeDaemon::GetTransport() const
{
    return m_transport;
}

void
IkeDaemon::SetHandler(Ptr<IkeVersionHandler> handler)
{
    handler->SetDaemon(this);
    m_handlers[handler->GetVersion()] = handler;
}

Ptr<IkeVersionHandler>
IkeDaemon::GetHandler(uint8_t version) const
{
    auto it = m_handlers.find(version);
    return it == m_handlers.end() ? nullptr : it->second;
}

void
IkeDaemon::SetIpsecDatabases(Ptr<SecurityPolicyDatabase> spd, Ptr<SecurityAssociationDatabase> sad)
{
    m_spd = spd;
    m_sad = sad;
}

Ptr<SecurityPolicyDatabase>
IkeDaemon::GetSpd() const
{
    return m_spd;
}

Ptr<SecurityAssociationDatabase>
IkeDaemon::GetSad() const
{
    return m_sad;
}

void
IkeDaemon::AddPeer(const IkePeerConfig& config)
{
    m_peers.push_back(config);
}

const std::vector<IkePeerConfig>&
IkeDaemon::GetPeers() const
{
    return m_peers;
}

const IkePeerConfig*
IkeDaemon::FindPeer(const std::string& name) const
{
    for (const auto& peer : m_peers)
    {
        if (peer.name == name)
        {
            return &peer;
        }
    }
    return nullptr;
}

const IkePeerConfig*
IkeDaemon::FindPeerFor(uint8_t version, const IkeEndpoint& remote) const
{
    // A definition naming the port too wins: peers that share one address
    // are told apart by their IKE port (RSIP hosts, RFC 3104 4.1).
    for (const auto& peer : m_peers)
    {
        if (peer.version == version && peer.remote == remote)
        {
            return &peer;
        }
    }
    for (const auto& peer : m_peers)
    {
        if (peer.version == version &&
            (peer.remote.address == remote.address ||
             (peer.remote.IsAny() && peer.remote.IsIpv6() == remote.IsIpv6())))
        {
            return &peer;
        }
    }
    return nullptr;
}

Ptr<IkeSa>
IkeDaemon::Initiate(const std::string& name)
{
    const IkePeerConfig* config = FindPeer(name);
    if (!config)
    {
        return nullptr;
    }
    Ptr<IkeVersionHandler> handler = GetHandler(config->version);
    if (!handler)
    {
        return nullptr;
    }
    Ptr<IkeSa> sa = CreateObject<IkeSa>();
    sa->SetVersion(config->version);
    sa->SetInitiator(true);
    sa->SetConfig(*config);
    sa->SetLocal(config->local);
    sa->SetRemote(config->remote);
    sa->SetSpis(RandomSpi64(), 0);
    sa->SetStartTime(Simulator::Now());
    AddSa(sa);
    handler->Initiate(sa);
    return sa;
}

void
IkeDaemon::AddSa(Ptr<IkeSa> sa)
{
    m_sas.push_back(sa);
}

void
IkeDaemon::RemoveSa(Ptr<IkeSa> sa)
{
    m_sas.erase(std::remove(m_sas.begin(), m_sas.end(), sa), m_sas.end());
}

Ptr<IkeSa>
IkeDaemon::FindSa(uint64_t initiatorSpi, uint64_t responderSpi) const
{
    for (const auto& sa : m_sas)
    {
        if (sa->GetInitiatorSpi() == initiatorSpi &&
            (responderSpi == 0 || sa->GetResponderSpi() == 0 ||
             sa->GetResponderSpi() == responderSpi))
        {
            return sa;
        }
    }
    return nullptr;
}

std::vector<Ptr<IkeSa>>
IkeDaemon::GetSas() const
{
    return m_sas;
}

void
IkeDaemon::Send(Ptr<IkeSa> sa, Ptr<Packet> message, bool retransmission)
{
    ++sa->messagesSent;
    if (retransmission)
    {
        ++sa->retransmissions;
        m_retransmitTrace(sa, message);
    }
    else
    {
        m_sentTrace(sa, message);
    }
    m_transport->Send(message, sa->GetLocal(), sa->GetRemote());
}

void
IkeDaemon::SendTo(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote)
{
    m_sentTrace(nullptr, message);
    m_transport->Send(message, local, remote);
}

void
IkeDaemon::Receive(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote)
{
    m_receivedTrace(message, local, remote);
    IsakmpHeader header;
    if (message->GetSize() < IsakmpHeader::kSize || message->PeekHeader(header) == 0)
    {
        NotifyDrop(message, TRUNCATED_DROP);
        return;
    }
    Ptr<IkeVersionHandler> handler = GetHandler(header.GetMajorVersion());
    if (!handler)
    {
        // RFC 7296 2.5 / RFC 2408 5.1: a version this daemon does not speak.
        NotifyDrop(message, BAD_VERSION_DROP);
        return;
    }
    handler->Receive(message, header, local, remote);
}

std::vector<uint8_t>
IkeDaemon::RandomBytes(uint32_t n)
{
    std::vector<uint8_t> bytes(n);
    for (auto& b : bytes)
    {
        b = static_cast<uint8_t>(m_random->GetInteger(0, 255));
    }
    return bytes;
}

uint64_t
IkeDaemon::RandomSpi64()
{
    uint64_t spi = 0;
    while (spi == 0)
    {
        for (uint8_t b : RandomBytes(8))
        {
            spi = (spi << 8) | b;
        }
    }
    return spi;
}

uint32_t
IkeDaemon::RandomSpi32()
{
    if (!m_spis.empty())
    {
        return m_spis[m_nextSpi++ % m_spis.size()];
    }
    return m_random->GetInteger(m_inboundSpiFirst, std::max(m_inboundSpiFirst, m_inboundSpiLast));
}

void
IkeDaemon::SetSpis(const std::vector<uint32_t>& spis)
{
    m_spis = spis;
    m_nextSpi = 0;
}

int64_t
IkeDaemon::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
IkeDaemon::NotifyFailure(Ptr<IkeSa> sa, const std::string& reason)
{
    NS_LOG_FUNCTION(this << sa << reason);
    sa->Fail(reason);
    ++m_failures[reason];
    m_failureTrace(sa, reason);
}

void
IkeDaemon::NotifyEstablished(Ptr<IkeSa> sa)
{
    sa->SetState(IkeSa::ESTABLISHED);
    m_establishedTrace(sa);
}

void
IkeDaemon::NotifyChildSa(Ptr<IkeSa> sa, const IkeChildSa& child)
{
    m_childSaTrace(sa, child);
}

void
IkeDaemon::NotifyNatDetected(Ptr<IkeSa> sa)
{
    m_natTrace(sa);
}

void
IkeDaemon::NotifyDrop(Ptr<const Packet> message, const char* reason)
{
    NS_LOG_FUNCTION(this << reason);
    m_drops.Count(reason);
    m_dropTrace(message, reason);
}

bool
IkeDaemon::RefusesResponderBehindNat(Ptr<const IkeSa> sa) const
{
    return !m_allowResponderBehindNat && sa->IsInitiator() && sa->Has(IkeSa::COND_NAT_THERE);
}

Time
IkeDaemon::GetRetransmitTimeout(uint32_t attempt) const
{
    return Seconds(m_retransmitTimeout.GetSeconds() * std::pow(m_retransmitBase, attempt));
}

bool
IkeDaemon::FollowsPeer() const
{
    return m_followPeer;
}

uint32_t
IkeDaemon::GetRetransmitTries() const
{
    return m_retransmitTries;
}

uint64_t
IkeDaemon::GetFailureCount(const std::string& reason) const
{
    auto it = m_failures.find(reason);
    return it == m_failures.end() ? 0 : it->second;
}

uint64_t
IkeDaemon::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

} // namespace ns3
