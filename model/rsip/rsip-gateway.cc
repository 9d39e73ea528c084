/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rsip-gateway.h"

#include "rsip-demux-routing.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipip-tunnel-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RsipGateway");
NS_OBJECT_ENSURE_REGISTERED(RsipGateway);

namespace
{

constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;
constexpr uint8_t kEsp = 50;
constexpr uint8_t kAh = 51;

/// Big-endian integer of \p bytes bytes at \p offset of \p payload, if it is that long.
std::optional<uint32_t>
PeekBig(Ptr<const Packet> payload, uint32_t offset, uint32_t bytes)
{
    uint8_t buffer[8];
    if (payload->GetSize() < offset + bytes)
    {
        return std::nullopt;
    }
    payload->CopyData(buffer, offset + bytes);
    uint32_t x = 0;
    for (uint32_t k = 0; k < bytes; ++k)
    {
        x = (x << 8) | buffer[offset + k];
    }
    return x;
}

} // namespace

TypeId
RsipGateway::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RsipGateway")
            .SetParent<Application>()
            .SetGroupName("Natt")
            .AddConstructor<RsipGateway>()
            .AddAttribute("LeaseTime",
                          "How long an assignment lives without an EXTEND_REQUEST "
                          "(RFC 3103 3.3.3), in seconds on the wire",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&RsipGateway::m_leaseTime),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("FirstPort",
                          "First port of the external address's pool handed out (RSAP-IP)",
                          UintegerValue(10000),
                          MakeUintegerAccessor(&RsipGateway::m_firstPort),
                          MakeUintegerChecker<uint16_t>(1024))
            .AddAttribute("LastPort",
                          "Last port of the pool",
                          UintegerValue(60999),
                          MakeUintegerAccessor(&RsipGateway::m_lastPort),
                          MakeUintegerChecker<uint16_t>(1024))
            .AddAttribute("DefaultPorts",
                          "Ports assigned when a request asks for any number (count)",
                          UintegerValue(16),
                          MakeUintegerAccessor(&RsipGateway::m_defaultPorts),
                          MakeUintegerChecker<uint32_t>(1, 255))
            .AddAttribute("FirstSpi",
                          "First SPI of the pool handed out (RSIPsec, RFC 3104 4.2)",
                          UintegerValue(0x00001000),
                          MakeUintegerAccessor(&RsipGateway::m_firstSpi),
                          MakeUintegerChecker<uint32_t>(256))
            .AddAttribute("DefaultSpis",
                          "SPIs assigned when a request asks for any number (count)",
                          UintegerValue(4),
                          MakeUintegerAccessor(&RsipGateway::m_defaultSpis),
                          MakeUintegerChecker<uint32_t>(1, 1024))
            .AddTraceSource("Drop",
                            "A packet the gateway dropped, and why (a *_DROP name)",
                            MakeTraceSourceAccessor(&RsipGateway::m_dropTrace),
                            "ns3::NatEngine::DropTracedCallback");
    return tid;
}

RsipGateway::RsipGateway()
    : m_leaseTime(Seconds(60)),
      m_firstPort(10000),
      m_lastPort(60999),
      m_defaultPorts(16),
      m_firstSpi(0x1000),
      m_defaultSpis(4),
      m_nextPort(0),
      m_nextSpi(0),
      m_nextClientId(1),
      m_nextBindId(1),
      m_demultiplexed(0)
{
}

RsipGateway::~RsipGateway() = default;

void
RsipGateway::DoDispose()
{
    m_socket = nullptr;
    m_clients.clear();
    Application::DoDispose();
}

void
RsipGateway::SetAddresses(Ipv4Address external, Ipv4Address internal)
{
    m_external = external;
    m_internal = internal;
}

Ipv4Address
RsipGateway::GetExternalAddress() const
{
    return m_external;
}

Ipv4Address
RsipGateway::GetInternalAddress() const
{
    return m_internal;
}

void
RsipGateway::InstallDemux(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    Ptr<RsipDemuxRouting> demux = CreateObject<RsipDemuxRouting>();
    demux->SetGateway(this);
    demux->Install(ipv4);
}

void
RsipGateway::StartApplication()
{
    m_nextPort = m_firstPort;
    m_nextSpi = m_firstSpi;
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(m_internal, RsipMessage::PORT));
    m_socket->SetRecvCallback(MakeCallback(&RsipGateway::Receive, this));
}

void
RsipGateway::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
RsipGateway::Receive(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        // Answered in an event of its own: a registration adds a tunnel
        // interface, and ns-3's traffic-control layer must not get a new
        // protocol handler while it is delivering this packet.
        Simulator::ScheduleNow(&RsipGateway::Process, this, packet, from);
    }
}

void
RsipGateway::Process(Ptr<Packet> packet, Address from)
{
    RsipMessage request;
    packet->PeekHeader(request);
    if (!request.IsValid())
    {
        Drop(packet, MALFORMED_DROP);
        return;
    }
    Ipv4Address host = InetSocketAddress::ConvertFrom(from).GetIpv4();
    RsipMessage answer = Answer(request, host);
    // RFC 3103 3.3.11: over UDP every response echoes the request's counter.
    if (auto counter = request.GetUint32(RsipMessage::MESSAGE_COUNTER))
    {
        answer.AddMessageCounter(*counter);
    }
    Ptr<Packet> reply = Create<Packet>();
    reply->AddHeader(answer);
    m_socket->SendTo(reply, 0, from);
}

RsipMessage
RsipGateway::Answer(const RsipMessage& request, Ipv4Address host)
{
    NS_LOG_FUNCTION(this << static_cast<int>(request.GetType()) << host);
    if (request.GetType() == RsipMessage::REGISTER_REQUEST)
    {
        // RFC 3103 4.1: one registration per host; the tunnel to it is
        // made now (tunnel type IP-IP, RFC 3103 3.3.6).
        for (const auto& [id, client] : m_clients)
        {
            if (client.host == host)
            {
                return ErrorMessage(RsipMessage::ALREADY_REGISTERED);
            }
        }
        uint32_t id = m_nextClientId++;
        uint32_t interface = IpIpTunnelHelper().Install(GetNode(), m_internal, host);
        m_clients[id] = {host, IpIpTunnelHelper::GetDevice(GetNode(), interface)};
        RsipMessage response(RsipMessage::REGISTER_RESPONSE);
        response.AddClientId(id);
        response.AddLeaseTime(static_cast<uint32_t>(m_leaseTime.GetSeconds()));
        response.AddFlowPolicy(RsipMessage::FLOW_MACRO, RsipMessage::FLOW_NONE);
        response.AddMethod(RsipMessage::METHOD_RSAP_IP);
        response.AddTunnelType(RsipMessage::TUNNEL_IP_IP);
        return response;
    }
    auto clientId = request.GetUint32(RsipMessage::CLIENT_ID);
    if (!clientId || m_clients.count(*clientId) == 0 || m_clients[*clientId].host != host)
    {
        return ErrorMessage(clientId ? RsipMessage::BAD_CLIENT_ID : RsipMessage::REGISTER_FIRST);
    }
    switch (request.GetType())
    {
    case RsipMessage::ASSIGN_REQUEST_RSAP_IP:
        return Assign(request, *clientId, false);
    case RsipMessage::ASSIGN_REQUEST_RSIPSEC:
        return Assign(request, *clientId, true);
    case RsipMessage::EXTEND_REQUEST: {
        auto bindId = request.GetUint32(RsipMessage::BIND_ID);
        auto it = bindId ? m_bindings.find(*bindId) : m_bindings.end();
        if (it == m_bindings.end() || it->second.clientId != *clientId)
        {
            return ErrorMessage(RsipMessage::BAD_BIND_ID);
        }
        it->second.expiry = Simulator::Now() + m_leaseTime;
        RsipMessage response(RsipMessage::EXTEND_RESPONSE);
        response.AddClientId(*clientId);
        response.AddBindId(*bindId);
        response.AddLeaseTime(static_cast<uint32_t>(m_leaseTime.GetSeconds()));
        return response;
    }
    case RsipMessage::DE_REGISTER_REQUEST: {
        // RFC 3103 4.1: de-registering frees every binding of the client.
        for (auto it = m_bindings.begin(); it != m_bindings.end();)
        {
            it = it->second.clientId == *clientId ? m_bindings.erase(it) : std::next(it);
        }
        m_clients.erase(*clientId);
        RsipMessage response(RsipMessage::DE_REGISTER_RESPONSE);
        response.AddClientId(*clientId);
        return response;
    }
    default:
        return ErrorMessage(208); // UNSUPPORTED_MESSAGE
    }
}

RsipMessage
RsipGateway::Assign(const RsipMessage& request, uint32_t clientId, bool spis)
{
    // The request's count (Ports' number, or the SPI list's length) or the default.
    uint32_t count = spis ? m_defaultSpis : m_defaultPorts;
    if (!spis)
    {
        auto ports = request.GetPorts();
        count = ports && ports->second > 0 ? ports->second : count;
    }
    else if (!request.GetSpis().empty())
    {
        count = request.GetSpis().size();
    }
    uint32_t first = spis ? m_nextSpi : m_nextPort;
    if (!spis && static_cast<uint32_t>(m_nextPort) + count - 1 > m_lastPort)
    {
        return ErrorMessage(RsipMessage::LOCAL_ADDRPORT_UNAVAILABLE);
    }
    if (spis)
    {
        m_nextSpi += count;
    }
    else
    {
        m_nextPort = static_cast<uint16_t>(m_nextPort + count);
    }
    uint32_t bindId = m_nextBindId++;
    m_bindings[bindId] = {clientId, spis, first, count, Simulator::Now() + m_leaseTime};
    RsipMessage response(spis ? RsipMessage::ASSIGN_RESPONSE_RSIPSEC
                              : RsipMessage::ASSIGN_RESPONSE_RSAP_IP);
    response.AddClientId(clientId);
    response.AddBindId(bindId);
    // RFC 3103 3.3.1/3.3.2: the local (external) address and what is bound
    // on it, then the remote side, left open (any address, any port).
    response.AddAddress(m_external);
    if (spis)
    {
        std::vector<uint32_t> values;
        for (uint32_t k = 0; k < count; ++k)
        {
            values.push_back(first + k);
        }
        response.AddSpis(values);
    }
    else
    {
        response.AddPorts(static_cast<uint16_t>(first), static_cast<uint8_t>(count));
        response.AddAddress(Ipv4Address::GetAny());
        response.AddPorts(0, 0);
    }
    response.AddTunnelType(RsipMessage::TUNNEL_IP_IP);
    response.AddLeaseTime(static_cast<uint32_t>(m_leaseTime.GetSeconds()));
    return response;
}

RsipMessage
RsipGateway::ErrorMessage(uint16_t error)
{
    RsipMessage response(RsipMessage::ERROR_RESPONSE);
    response.AddError(error);
    return response;
}

const RsipGateway::Binding*
RsipGateway::FindBinding(bool spis, uint32_t value) const
{
    for (const auto& [id, binding] : m_bindings)
    {
        if (binding.spis == spis && value >= binding.first &&
            value - binding.first < binding.count && binding.expiry > Simulator::Now())
        {
            return &binding;
        }
    }
    return nullptr;
}

Ptr<IpIpTunnelNetDevice>
RsipGateway::Demultiplex(Ptr<const Packet> payload, const Ipv4Header& header, bool count)
{
    std::optional<uint32_t> key;
    bool spis = false;
    switch (header.GetProtocol())
    {
    case kUdp:
    case kTcp:
        key = PeekBig(payload, 2, 2); // destination port
        break;
    case kEsp:
        key = PeekBig(payload, 0, 4); // RFC 4303 2.1
        spis = true;
        break;
    case kAh:
        key = PeekBig(payload, 4, 4); // RFC 4302 2.4
        spis = true;
        break;
    default:
        return nullptr;
    }
    const Binding* binding = key ? FindBinding(spis, *key) : nullptr;
    if (!binding)
    {
        if (count)
        {
            Drop(payload, NO_BINDING_DROP);
        }
        return nullptr;
    }
    ++m_demultiplexed;
    return m_clients.at(binding->clientId).tunnel;
}

void
RsipGateway::Drop(Ptr<const Packet> packet, const char* reason)
{
    NS_LOG_LOGIC("drop " << reason);
    m_drops.Count(reason);
    m_dropTrace(packet, reason);
}

uint64_t
RsipGateway::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

uint64_t
RsipGateway::GetDemultiplexedCount() const
{
    return m_demultiplexed;
}

uint32_t
RsipGateway::GetClientCount() const
{
    return m_clients.size();
}

uint32_t
RsipGateway::GetAssignedCount() const
{
    return m_nextBindId - 1;
}

} // namespace ns3
