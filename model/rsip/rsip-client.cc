/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rsip-client.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipip-tunnel-helper.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RsipClient");
NS_OBJECT_ENSURE_REGISTERED(RsipClient);

namespace
{
/// IPv4 and UDP headers around each RSIP message.
constexpr uint32_t kIpUdpBytes = 28;
} // namespace

TypeId
RsipClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RsipClient")
            .SetParent<Application>()
            .SetGroupName("Natt")
            .AddConstructor<RsipClient>()
            .AddAttribute("Ports",
                          "Ports asked for (RSAP-IP, RFC 3103 3.3.2 number); 0: the "
                          "gateway's default",
                          UintegerValue(16),
                          MakeUintegerAccessor(&RsipClient::m_ports),
                          MakeUintegerChecker<uint32_t>(0, 255))
            .AddAttribute("Spis",
                          "SPIs asked for (RSIPsec, RFC 3104 4.2); 0: none",
                          UintegerValue(4),
                          MakeUintegerAccessor(&RsipClient::m_spiCount),
                          MakeUintegerChecker<uint32_t>(0, 1024))
            .AddAttribute("RequestTimeout",
                          "Time before an unanswered request is sent again",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RsipClient::m_timeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("Retries",
                          "Tries of a request before the client gives up (rsip-no-lease)",
                          UintegerValue(3),
                          MakeUintegerAccessor(&RsipClient::m_retries),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

RsipClient::RsipClient()
    : m_ports(16),
      m_spiCount(4),
      m_timeout(Seconds(1)),
      m_retries(3),
      m_counter(0),
      m_clientId(0),
      m_leased(false),
      m_extensionBytes(0),
      m_controlBytes(0)
{
}

RsipClient::~RsipClient() = default;

void
RsipClient::DoDispose()
{
    m_socket = nullptr;
    m_leaseCallback = nullptr;
    Application::DoDispose();
}

void
RsipClient::SetAddresses(Ipv4Address gateway, Ipv4Address host)
{
    m_gateway = gateway;
    m_host = host;
}

void
RsipClient::SetLeaseCallback(std::function<void(const RsipLease&)> callback)
{
    m_leaseCallback = std::move(callback);
}

bool
RsipClient::HasLease() const
{
    return m_leased;
}

const RsipLease&
RsipClient::GetLease() const
{
    return m_lease;
}

uint64_t
RsipClient::GetFailureCount(const std::string& reason) const
{
    return m_failures.Get(reason);
}

uint64_t
RsipClient::GetExtensionBytes() const
{
    return m_extensionBytes;
}

uint64_t
RsipClient::GetControlBytes() const
{
    return m_controlBytes;
}

void
RsipClient::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(m_host, RsipMessage::PORT));
    m_socket->SetRecvCallback(MakeCallback(&RsipClient::Receive, this));
    Send(RsipMessage(RsipMessage::REGISTER_REQUEST), 1);
}

void
RsipClient::StopApplication()
{
    m_retransmit.Cancel();
    m_extend.Cancel();
    if (m_socket && m_clientId != 0)
    {
        // RFC 3103 4.1: free everything at the gateway; the answer is not waited for.
        RsipMessage request(RsipMessage::DE_REGISTER_REQUEST);
        request.AddClientId(m_clientId);
        Send(request, m_retries);
    }
}

void
RsipClient::Send(RsipMessage request, uint32_t tries)
{
    // RFC 3103 3.3.11: over UDP each request carries a new message counter.
    RsipMessage message = request;
    message.AddMessageCounter(++m_counter);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(message);
    m_controlBytes += packet->GetSize() + kIpUdpBytes;
    if (request.GetType() == RsipMessage::EXTEND_REQUEST)
    {
        m_extensionBytes += packet->GetSize() + kIpUdpBytes;
    }
    m_socket->SendTo(packet, 0, InetSocketAddress(m_gateway, RsipMessage::PORT));
    m_retransmit.Cancel();
    if (request.GetType() == RsipMessage::DE_REGISTER_REQUEST)
    {
        return;
    }
    if (tries < m_retries)
    {
        m_retransmit = Simulator::Schedule(m_timeout, &RsipClient::Send, this, request, tries + 1);
    }
    else
    {
        m_retransmit = Simulator::Schedule(m_timeout, [this]() {
            NS_LOG_LOGIC("no answer from the RSIP gateway");
            m_failures.Count(NO_LEASE);
        });
    }
}

void
RsipClient::Receive(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        RsipMessage response;
        packet->PeekHeader(response);
        if (!response.IsValid())
        {
            continue;
        }
        m_controlBytes += packet->GetSize() + kIpUdpBytes;
        if (response.GetType() == RsipMessage::EXTEND_RESPONSE)
        {
            m_extensionBytes += packet->GetSize() + kIpUdpBytes;
        }
        if (response.GetUint32(RsipMessage::MESSAGE_COUNTER) != m_counter)
        {
            continue; // an answer to an earlier try
        }
        m_retransmit.Cancel();
        // In an event of its own: the lease adds a tunnel interface, which
        // must not happen while ns-3 is delivering this packet.
        Simulator::ScheduleNow(&RsipClient::Handle, this, response);
    }
}

void
RsipClient::Handle(RsipMessage response)
{
    NS_LOG_FUNCTION(this << static_cast<int>(response.GetType()));
    switch (response.GetType())
    {
    case RsipMessage::REGISTER_RESPONSE: {
        m_clientId = response.GetUint32(RsipMessage::CLIENT_ID).value_or(0);
        m_leaseTime = Seconds(response.GetUint32(RsipMessage::LEASE_TIME).value_or(0));
        RsipMessage request(RsipMessage::ASSIGN_REQUEST_RSAP_IP);
        request.AddClientId(m_clientId);
        // RFC 3103 4.3: local address and ports "any", remote unspecified.
        request.AddAddress(Ipv4Address::GetAny());
        request.AddPorts(0, static_cast<uint8_t>(m_ports));
        request.AddAddress(Ipv4Address::GetAny());
        request.AddPorts(0, 0);
        Send(request, 1);
        break;
    }
    case RsipMessage::ASSIGN_RESPONSE_RSAP_IP: {
        auto ports = response.GetPorts();
        m_lease.external = response.GetAddress().value_or(Ipv4Address());
        m_lease.firstPort = ports ? ports->first : 0;
        m_lease.ports = ports ? ports->second : 0;
        m_bindIds.push_back(response.GetUint32(RsipMessage::BIND_ID).value_or(0));
        if (m_spiCount > 0)
        {
            AskForSpis();
        }
        else
        {
            Leased();
        }
        break;
    }
    case RsipMessage::ASSIGN_RESPONSE_RSIPSEC:
        m_lease.spis = response.GetSpis();
        m_bindIds.push_back(response.GetUint32(RsipMessage::BIND_ID).value_or(0));
        Leased();
        break;
    case RsipMessage::EXTEND_RESPONSE:
        break;
    case RsipMessage::ERROR_RESPONSE:
        NS_LOG_LOGIC("RSIP error " << response.GetError().value_or(0));
        m_failures.Count(ERROR_RECEIVED);
        break;
    default:
        break;
    }
}

void
RsipClient::AskForSpis()
{
    // RFC 3104 4.2: the SPI parameter with as many zero SPIs as wanted
    // asks the gateway to choose them.
    RsipMessage request(RsipMessage::ASSIGN_REQUEST_RSIPSEC);
    request.AddClientId(m_clientId);
    request.AddAddress(Ipv4Address::GetAny());
    request.AddSpis(std::vector<uint32_t>(m_spiCount, 0));
    Send(request, 1);
}

void
RsipClient::Leased()
{
    // RFC 3102 2.2.1: the host takes the external address as its own, on
    // the tunnel to the gateway, and sends through it.
    m_lease.tunnelInterface =
        IpIpTunnelHelper().Install(GetNode(),
                                   m_host,
                                   m_gateway,
                                   Ipv4InterfaceAddress(m_lease.external, Ipv4Mask::GetOnes()));
    m_leased = true;
    if (m_leaseTime.IsStrictlyPositive())
    {
        m_extend = Simulator::Schedule(m_leaseTime / 2, &RsipClient::Extend, this);
    }
    if (m_leaseCallback)
    {
        m_leaseCallback(m_lease);
    }
}

void
RsipClient::Extend()
{
    // One EXTEND_REQUEST per binding (RFC 3103 4.5), half-way through the lease.
    for (std::size_t k = 0; k < m_bindIds.size(); ++k)
    {
        RsipMessage request(RsipMessage::EXTEND_REQUEST);
        request.AddClientId(m_clientId);
        request.AddBindId(m_bindIds[k]);
        request.AddLeaseTime(static_cast<uint32_t>(m_leaseTime.GetSeconds()));
        Simulator::Schedule(MilliSeconds(10) * k, &RsipClient::Send, this, request, m_retries);
    }
    m_extend = Simulator::Schedule(m_leaseTime / 2, &RsipClient::Extend, this);
}

} // namespace ns3
