/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "udp-encapsulation.h"

#include "ipsec-bypass-tag.h"
#include "ipsec-stack.h"

#include "ns3/abort.h"
#include "ns3/ike-ports.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/nat-keepalive-header.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/stenberg-envelope-header.h"
#include "ns3/stenberg-heartbeat-header.h"
#include "ns3/udp-encap-non-esp-marker.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("UdpEncapsulation");
NS_OBJECT_ENSURE_REGISTERED(UdpEncapsulation);

TypeId
UdpEncapsulation::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::UdpEncapsulation")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<UdpEncapsulation>()
            .AddAttribute("IkePort",
                          "UDP port of IKE and of draft-stenberg's envelope (RFC 2408)",
                          UintegerValue(IKE_UDP_PORT),
                          MakeUintegerAccessor(&UdpEncapsulation::m_ikePort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("NattPort",
                          "UDP port of ESP-in-UDP and floated IKE (RFC 3948)",
                          UintegerValue(IKE_NAT_T_UDP_PORT),
                          MakeUintegerAccessor(&UdpEncapsulation::m_nattPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("KeepaliveInterval",
                          "Time between NAT-keepalives to a peer (RFC 3948 2.3), in seconds",
                          TimeValue(Seconds(20)),
                          MakeTimeAccessor(&UdpEncapsulation::m_keepaliveInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("HeartbeatInterval",
                          "draft-stenberg HEARTBEAT_INTERVAL (3.3), in seconds",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&UdpEncapsulation::m_heartbeatInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddTraceSource("Rx",
                            "A packet arrived on an owned port, with its kind",
                            MakeTraceSourceAccessor(&UdpEncapsulation::m_rxTrace),
                            "ns3::UdpEncapsulation::KindTracedCallback")
            .AddTraceSource("Tx",
                            "A packet was sent from an owned port, with its kind",
                            MakeTraceSourceAccessor(&UdpEncapsulation::m_txTrace),
                            "ns3::UdpEncapsulation::KindTracedCallback");
    return tid;
}

UdpEncapsulation::UdpEncapsulation() = default;
UdpEncapsulation::~UdpEncapsulation() = default;

void
UdpEncapsulation::DoDispose()
{
    for (auto& entry : m_keepalives)
    {
        entry.second.Cancel();
    }
    for (auto& entry : m_heartbeats)
    {
        entry.second.Cancel();
    }
    for (auto& entry : m_endPoints)
    {
        // Still UDP's: its DoDispose, had it run first, would have emptied this map.
        entry.second->SetRxCallback(
            MakeNullCallback<void, Ptr<Packet>, Ipv4Header, uint16_t, Ptr<Ipv4Interface>>());
        entry.second->SetDestroyCallback(MakeNullCallback<void>());
        m_udp->DeAllocate(entry.second);
    }
    m_endPoints.clear();
    m_node = nullptr;
    m_stack = nullptr;
    m_ipv4 = nullptr;
    m_udp = nullptr;
    m_ikeReceive = IkeReceiveCallback();
    Object::DoDispose();
}

void
UdpEncapsulation::Setup(Ptr<Node> node, Ptr<IpsecStack> stack)
{
    m_node = node;
    m_stack = stack;
    m_ipv4 = node->GetObject<Ipv4L3Protocol>();
    m_udp = node->GetObject<UdpL4Protocol>();
    NS_ABORT_MSG_UNLESS(m_ipv4 && m_udp, "UdpEncapsulation needs the node's IPv4 and UDP");
    Open(m_ikePort);
    Open(m_nattPort);
}

bool
UdpEncapsulation::IsOwnPort(uint16_t port) const
{
    return port == m_ikePort || port == m_nattPort;
}

uint16_t
UdpEncapsulation::GetIkePort() const
{
    return m_ikePort;
}

uint16_t
UdpEncapsulation::GetNattPort() const
{
    return m_nattPort;
}

UdpEncapsulation::PeerKey
UdpEncapsulation::Key(const InetSocketAddress& address)
{
    return {address.GetIpv4().Get(), address.GetPort()};
}

void
UdpEncapsulation::Open(uint16_t port)
{
    if (m_endPoints.count(port) != 0)
    {
        return;
    }
    // The port's own UDP endpoint, bound to any address, as a socket's
    // (UdpSocketImpl::Bind): datagrams come straight from the node's UDP
    // demultiplexer, as in the kernel's ESP-in-UDP receive (RFC 3948 2).
    Ipv4EndPoint* endPoint = m_udp->Allocate(nullptr, port);
    if (!endPoint)
    {
        NS_LOG_WARN("UDP port " << port << " is taken on node " << m_node->GetId());
        return;
    }
    endPoint->SetRxCallback(Callback<void, Ptr<Packet>, Ipv4Header, uint16_t, Ptr<Ipv4Interface>>(
        [this, port](Ptr<Packet> packet,
                     Ipv4Header header,
                     uint16_t sourcePort,
                     Ptr<Ipv4Interface> interface) {
            ForwardUp(packet, header, sourcePort, interface, port);
        }));
    // UDP disposes of its endpoints itself when the node goes first.
    endPoint->SetDestroyCallback(Callback<void>([this, port]() { m_endPoints.erase(port); }));
    m_endPoints[port] = endPoint;
}

void
UdpEncapsulation::ForwardUp(Ptr<Packet> packet,
                            const Ipv4Header& header,
                            uint16_t sourcePort,
                            Ptr<Ipv4Interface> interface,
                            uint16_t port)
{
    InetSocketAddress remote(header.GetSource(), sourcePort);
    InetSocketAddress local(header.GetDestination(), port);
    if (port == m_ikePort)
    {
        ReceiveIkePort(packet, local, remote, interface);
    }
    else
    {
        ReceiveNatt(packet, local, remote, interface);
    }
}

void
UdpEncapsulation::DeliverIke(Ptr<Packet> message,
                             const InetSocketAddress& local,
                             const InetSocketAddress& remote)
{
    ++m_ikeReceived;
    m_rxTrace(message, "ike");
    if (!m_ikeReceive.IsNull())
    {
        m_ikeReceive(message, local, remote);
    }
}

void
UdpEncapsulation::ReceiveNatt(Ptr<Packet> packet,
                              const InetSocketAddress& local,
                              const InetSocketAddress& remote,
                              Ptr<Ipv4Interface> interface)
{
    uint32_t size = packet->GetSize();
    uint8_t head[4] = {0, 0, 0, 0};
    packet->CopyData(head, std::min<uint32_t>(size, 4));
    // RFC 3948 2.3: one octet 0xFF.
    if (size == NatKeepaliveHeader::kSize && head[0] == NatKeepaliveHeader::kKeepaliveByte)
    {
        ++m_keepalivesReceived;
        m_rxTrace(packet, "keepalive");
        return;
    }
    // RFC 3948 2.2: a zero "SPI" is the non-ESP marker of an IKE message.
    if (size >= UdpEncapNonEspMarker::kSize && head[0] == 0 && head[1] == 0 && head[2] == 0 &&
        head[3] == 0)
    {
        UdpEncapNonEspMarker marker;
        packet->RemoveHeader(marker);
        DeliverIke(packet, local, remote);
        return;
    }
    ++m_espReceived;
    m_rxTrace(packet, "esp");
    Ipv4Header outer;
    outer.SetSource(remote.GetIpv4());
    outer.SetDestination(local.GetIpv4());
    outer.SetProtocol(50);
    outer.SetPayloadSize(size);
    m_stack->ReceiveEsp(packet, outer, interface, IpsecEncapsulation::UDP_ENCAP, remote.GetPort());
}

void
UdpEncapsulation::ReceiveIkePort(Ptr<Packet> packet,
                                 const InetSocketAddress& local,
                                 const InetSocketAddress& remote,
                                 Ptr<Ipv4Interface> interface)
{
    uint8_t head[StenbergEnvelopeHeader::kFixedSize];
    uint32_t size = packet->GetSize();
    // draft-stenberg 3.2: the IKE version octet (17) is zero, invalid for IKE.
    if (size < StenbergEnvelopeHeader::kFixedSize)
    {
        DeliverIke(packet, local, remote);
        return;
    }
    packet->CopyData(head, sizeof(head));
    if (head[StenbergEnvelopeHeader::kIkeVersionOffset] != 0)
    {
        DeliverIke(packet, local, remote);
        return;
    }
    if (head[0] == StenbergEnvelopeHeader::TYPE_IPV4_ENCAPSULATION)
    {
        StenbergEnvelopeHeader envelope;
        if (packet->RemoveHeader(envelope) == 0 ||
            envelope.GetParseError() != StenbergEnvelopeHeader::PARSE_OK ||
            envelope.GetProtocol() != 50)
        {
            m_rxTrace(packet, "stenberg-malformed");
            return;
        }
        ++m_espReceived;
        m_rxTrace(packet, "stenberg-esp");
        // 3.2: decapsulation restores the original header from the
        // envelope, the source included, before IPsec processing.
        Ipv4Header outer;
        outer.SetSource(envelope.GetSource());
        outer.SetDestination(local.GetIpv4());
        outer.SetProtocol(50);
        outer.SetTos(envelope.GetTos());
        outer.SetIdentification(envelope.GetIdentification());
        outer.SetPayloadSize(packet->GetSize());
        m_stack->ReceiveEsp(packet,
                            outer,
                            interface,
                            IpsecEncapsulation::STENBERG,
                            remote.GetPort());
        return;
    }
    if (head[0] == StenbergEnvelopeHeader::TYPE_HEARTBEAT)
    {
        StenbergHeartbeatHeader heartbeat;
        packet->RemoveHeader(heartbeat);
        if (heartbeat.IsPing())
        {
            ++m_heartbeatsReceived;
            m_rxTrace(packet, "heartbeat-ping");
            // 3.3: no replies to peers without SAs, at most one per half interval.
            PeerKey key = Key(remote);
            auto last = m_lastHeartbeatReply.find(key);
            if (!HasSaWith(remote) || (last != m_lastHeartbeatReply.end() &&
                                       Simulator::Now() - last->second < m_heartbeatInterval / 2))
            {
                m_rxTrace(packet, "heartbeat-not-answered");
                return;
            }
            m_lastHeartbeatReply[key] = Simulator::Now();
            StenbergHeartbeatHeader reply;
            reply.SetFlag(StenbergHeartbeatHeader::FLAG_HEARTBEAT_REPLY);
            Ptr<Packet> answer = Create<Packet>();
            answer->AddHeader(reply);
            ++m_heartbeatRepliesSent;
            m_txTrace(answer, "heartbeat-reply");
            SendRaw(answer, m_ikePort, remote);
        }
        else if (heartbeat.IsReply())
        {
            ++m_heartbeatRepliesReceived;
            m_rxTrace(packet, "heartbeat-reply");
        }
        return;
    }
    // 3.2: undefined types are dropped silently.
    m_rxTrace(packet, "stenberg-unknown");
}

bool
UdpEncapsulation::HasSaWith(const InetSocketAddress& peer) const
{
    // 3.3: the pair is (address, port), as the draft's SAs are tied to both.
    for (const auto& sa : m_stack->GetSad()->GetAll())
    {
        const SecurityAssociation::Parameters& p = sa->GetParameters();
        if (p.remoteAddress == peer.GetIpv4() &&
            p.encapsulation.type == IpsecEncapsulation::STENBERG &&
            p.encapsulation.remotePort == peer.GetPort())
        {
            return true;
        }
    }
    return false;
}

void
UdpEncapsulation::SetIkeReceiveCallback(IkeReceiveCallback callback)
{
    m_ikeReceive = callback;
}

void
UdpEncapsulation::SendRaw(Ptr<Packet> packet, uint16_t localPort, const InetSocketAddress& remote)
{
    packet->AddPacketTag(IpsecBypassTag());
    // The port stays open: it receives the answers.
    Open(localPort);
    // What UdpSocketImpl::DoSendTo does for a socket bound to the any
    // address, with no TTL, TOS or priority set: route, take the route's
    // source, and hand the datagram to UDP (no broadcast: a peer is one
    // host). With no route nothing is sent or counted, as there.
    Ipv4Header header;
    header.SetDestination(remote.GetIpv4());
    header.SetProtocol(UdpL4Protocol::PROT_NUMBER);
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route =
        m_ipv4->GetRoutingProtocol()->RouteOutput(packet, header, nullptr, error);
    if (!route)
    {
        NS_LOG_LOGIC("no route to " << remote.GetIpv4());
        return;
    }
    m_udp->Send(packet, route->GetSource(), remote.GetIpv4(), localPort, remote.GetPort(), route);
}

void
UdpEncapsulation::SendIke(Ptr<Packet> message,
                          const InetSocketAddress& local,
                          const InetSocketAddress& remote)
{
    Ptr<Packet> packet = message->Copy();
    // RFC 3948 2.2 / RFC 7296 2.23: IKE beside ESP carries the marker.
    if (local.GetPort() != m_ikePort && remote.GetPort() != m_ikePort)
    {
        packet->AddHeader(UdpEncapNonEspMarker());
    }
    ++m_ikeSent;
    m_txTrace(packet, "ike");
    SendRaw(packet, local.GetPort(), remote);
}

void
UdpEncapsulation::SendEsp(Ptr<Packet> esp, Ptr<const SecurityAssociation> sa)
{
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    ++m_espSent;
    if (p.encapsulation.type == IpsecEncapsulation::STENBERG)
    {
        // 3.2: the envelope keeps what the NAT would rewrite or the
        // receiver needs to rebuild the original header.
        StenbergEnvelopeHeader envelope;
        envelope.SetProtocol(50);
        envelope.SetSource(p.localAddress);
        envelope.SetIdentification(m_envelopeId++);
        esp->AddHeader(envelope);
        m_txTrace(esp, "stenberg-esp");
        SendRaw(esp, m_ikePort, InetSocketAddress(p.remoteAddress, p.encapsulation.remotePort));
        return;
    }
    m_txTrace(esp, "esp");
    SendRaw(esp,
            p.encapsulation.localPort,
            InetSocketAddress(p.remoteAddress, p.encapsulation.remotePort));
}

void
UdpEncapsulation::StartKeepalive(const InetSocketAddress& local, const InetSocketAddress& remote)
{
    PeerKey key = Key(remote);
    m_keepalives[key].Cancel();
    m_keepalives[key] = Simulator::Schedule(m_keepaliveInterval,
                                            &UdpEncapsulation::SendKeepalive,
                                            this,
                                            local,
                                            remote);
}

void
UdpEncapsulation::StopKeepalive(const InetSocketAddress& remote)
{
    auto it = m_keepalives.find(Key(remote));
    if (it != m_keepalives.end())
    {
        it->second.Cancel();
        m_keepalives.erase(it);
    }
}

void
UdpEncapsulation::SendKeepalive(InetSocketAddress local, InetSocketAddress remote)
{
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(NatKeepaliveHeader());
    ++m_keepalivesSent;
    m_txTrace(packet, "keepalive");
    SendRaw(packet, local.GetPort(), remote);
    m_keepalives[Key(remote)] = Simulator::Schedule(m_keepaliveInterval,
                                                    &UdpEncapsulation::SendKeepalive,
                                                    this,
                                                    local,
                                                    remote);
}

void
UdpEncapsulation::StartHeartbeat(const InetSocketAddress& local, const InetSocketAddress& remote)
{
    PeerKey key = Key(remote);
    m_heartbeats[key].Cancel();
    m_heartbeats[key] = Simulator::Schedule(m_heartbeatInterval,
                                            &UdpEncapsulation::SendHeartbeat,
                                            this,
                                            local,
                                            remote);
}

void
UdpEncapsulation::StopHeartbeat(const InetSocketAddress& remote)
{
    auto it = m_heartbeats.find(Key(remote));
    if (it != m_heartbeats.end())
    {
        it->second.Cancel();
        m_heartbeats.erase(it);
    }
}

void
UdpEncapsulation::SendHeartbeat(InetSocketAddress local, InetSocketAddress remote)
{
    StenbergHeartbeatHeader ping;
    ping.SetFlag(StenbergHeartbeatHeader::FLAG_HEARTBEAT_PING);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(ping);
    ++m_heartbeatsSent;
    m_txTrace(packet, "heartbeat-ping");
    SendRaw(packet, m_ikePort, remote);
    m_heartbeats[Key(remote)] = Simulator::Schedule(m_heartbeatInterval,
                                                    &UdpEncapsulation::SendHeartbeat,
                                                    this,
                                                    local,
                                                    remote);
}

uint64_t
UdpEncapsulation::GetKeepalivesSent() const
{
    return m_keepalivesSent;
}

uint64_t
UdpEncapsulation::GetKeepalivesReceived() const
{
    return m_keepalivesReceived;
}

uint64_t
UdpEncapsulation::GetHeartbeatsSent() const
{
    return m_heartbeatsSent;
}

uint64_t
UdpEncapsulation::GetHeartbeatsReceived() const
{
    return m_heartbeatsReceived;
}

uint64_t
UdpEncapsulation::GetHeartbeatRepliesSent() const
{
    return m_heartbeatRepliesSent;
}

uint64_t
UdpEncapsulation::GetHeartbeatRepliesReceived() const
{
    return m_heartbeatRepliesReceived;
}

uint64_t
UdpEncapsulation::GetIkeSent() const
{
    return m_ikeSent;
}

uint64_t
UdpEncapsulation::GetIkeReceived() const
{
    return m_ikeReceived;
}

uint64_t
UdpEncapsulation::GetEspSent() const
{
    return m_espSent;
}

uint64_t
UdpEncapsulation::GetEspReceived() const
{
    return m_espReceived;
}

} // namespace ns3
