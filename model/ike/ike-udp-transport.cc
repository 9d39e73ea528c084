/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-udp-transport.h"

#include "ns3/inet6-socket-address.h"
#include "ns3/ipsec-bypass-tag.h"
#include "ns3/ipv6-packet-info-tag.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/socket.h"
#include "ns3/udp-encap-non-esp-marker.h"
#include "ns3/udp-encapsulation.h"
#include "ns3/udp-socket-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeUdpTransport");
NS_OBJECT_ENSURE_REGISTERED(IkeUdpTransport);

TypeId
IkeUdpTransport::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeUdpTransport")
                            .SetParent<IkeTransport>()
                            .SetGroupName("Natt")
                            .AddConstructor<IkeUdpTransport>();
    return tid;
}

void
IkeUdpTransport::Install(Ptr<Node> node)
{
    Ptr<UdpEncapsulation> encapsulation = node->GetObject<UdpEncapsulation>();
    NS_ABORT_MSG_UNLESS(encapsulation, "IkeUdpTransport needs the node's IpsecStack");
    SetUdpEncapsulation(encapsulation);
    m_node = node;
    if (node->GetObject<Ipv6>())
    {
        // Listen from the start, as a responder must (RFC 7296 2).
        GetSocket6(encapsulation->GetIkePort());
        GetSocket6(encapsulation->GetNattPort());
    }
}

void
IkeUdpTransport::SetUdpEncapsulation(Ptr<UdpEncapsulation> encapsulation)
{
    m_encapsulation = encapsulation;
    m_encapsulation->SetIkeReceiveCallback(MakeCallback(&IkeUdpTransport::Receive, this));
}

Ptr<UdpEncapsulation>
IkeUdpTransport::GetUdpEncapsulation() const
{
    return m_encapsulation;
}

uint64_t
IkeUdpTransport::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

void
IkeUdpTransport::Send(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote)
{
    NS_LOG_FUNCTION(this << local << remote);
    if (!remote.IsIpv6())
    {
        m_encapsulation->SendIke(message,
                                 InetSocketAddress(local.GetIpv4(), local.port),
                                 InetSocketAddress(remote.GetIpv4(), remote.port));
        return;
    }
    NS_ABORT_MSG_UNLESS(m_node && m_node->GetObject<Ipv6>(),
                        "IKE over IPv6 on a node without IPv6");
    Ptr<Packet> packet = message->Copy();
    // RFC 3948 2.2 / RFC 7296 2.23: IKE beside ESP carries the marker, on either family.
    uint16_t ikePort = m_encapsulation->GetIkePort();
    if (local.port != ikePort && remote.port != ikePort)
    {
        packet->AddHeader(UdpEncapNonEspMarker());
    }
    // IKE's own traffic passes the node's SPD (the bypass policy of IKE daemons).
    packet->AddPacketTag(IpsecBypassTag());
    GetSocket6(local.port)->SendTo(packet, 0, remote.GetSocketAddress());
}

Ptr<Socket>
IkeUdpTransport::GetSocket6(uint16_t port)
{
    auto it = m_sockets6.find(port);
    if (it != m_sockets6.end())
    {
        return it->second;
    }
    Ptr<Socket> socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), port));
    socket->SetRecvPktInfo(true);
    socket->SetRecvCallback(MakeCallback(&IkeUdpTransport::HandleRead6, this));
    m_sockets6[port] = socket;
    return socket;
}

void
IkeUdpTransport::HandleRead6(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        if (!Inet6SocketAddress::IsMatchingType(from))
        {
            continue;
        }
        Address bound;
        socket->GetSockName(bound);
        IkeEndpoint local = IkeEndpoint::FromSocketAddress(bound);
        Ipv6PacketInfoTag info;
        if (packet->RemovePacketTag(info))
        {
            local.address = info.GetAddress();
        }
        if (local.port == m_encapsulation->GetNattPort())
        {
            // RFC 3948 2.2: only a zero "SPI", the non-ESP marker, starts IKE here.
            uint8_t head[UdpEncapNonEspMarker::kSize] = {1, 1, 1, 1};
            packet->CopyData(head, UdpEncapNonEspMarker::kSize);
            if (packet->GetSize() < UdpEncapNonEspMarker::kSize || head[0] != 0 || head[1] != 0 ||
                head[2] != 0 || head[3] != 0)
            {
                NS_LOG_INFO("not IKE on the IPv6 NAT-T port, " << packet->GetSize() << " bytes");
                m_drops.Count(NOT_IKE_DROP);
                continue;
            }
            UdpEncapNonEspMarker marker;
            packet->RemoveHeader(marker);
        }
        Deliver(packet, local, IkeEndpoint::FromSocketAddress(from));
    }
}

void
IkeUdpTransport::Receive(Ptr<Packet> message,
                         const InetSocketAddress& local,
                         const InetSocketAddress& remote)
{
    Deliver(message, IkeEndpoint::FromSocketAddress(local), IkeEndpoint::FromSocketAddress(remote));
}

void
IkeUdpTransport::DoDispose()
{
    if (m_encapsulation)
    {
        m_encapsulation->SetIkeReceiveCallback(UdpEncapsulation::IkeReceiveCallback());
    }
    m_encapsulation = nullptr;
    for (auto& entry : m_sockets6)
    {
        entry.second->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        entry.second->Close();
    }
    m_sockets6.clear();
    m_node = nullptr;
    IkeTransport::DoDispose();
}

} // namespace ns3
