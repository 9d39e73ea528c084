/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "hostile-packet-source.h"

#include "hostile-tag.h"

#include "ns3/boolean.h"
#include "ns3/ike-ports.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/security-policy-database.h"
#include "ns3/socket.h"
#include "ns3/udp-encap-non-esp-marker.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HostilePacketSource");
NS_OBJECT_ENSURE_REGISTERED(HostilePacketSource);

std::string
HostileCarrierName(HostileCarrier carrier)
{
    switch (carrier)
    {
    case HostileCarrier::IKE:
        return "ike";
    case HostileCarrier::IKE_NATT:
        return "ike-4500";
    case HostileCarrier::ESP:
        return "esp";
    case HostileCarrier::ESP_IN_UDP:
        return "esp-in-udp";
    }
    return "?";
}

TypeId
HostilePacketSource::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HostilePacketSource")
            .SetParent<Application>()
            .SetGroupName("Natt")
            .AddConstructor<HostilePacketSource>()
            .AddAttribute("Ttl",
                          "IP time to live of the hostile packets, in hops",
                          UintegerValue(64),
                          MakeUintegerAccessor(&HostilePacketSource::m_ttl),
                          MakeUintegerChecker<uint8_t>(1))
            .AddAttribute("Tos",
                          "IP type-of-service octet of the hostile packets, replays included: "
                          "by default DSCP 1 (lower effort, RFC 8622), a mark pcap readers use "
                          "to tell attack frames (no model reads it)",
                          UintegerValue(0x04),
                          MakeUintegerAccessor(&HostilePacketSource::m_tos),
                          MakeUintegerChecker<uint8_t>())
            .AddTraceSource("Tx",
                            "A hostile packet (IPv4 header first) and its HostileTag number",
                            MakeTraceSourceAccessor(&HostilePacketSource::m_txTrace),
                            "ns3::HostilePacketSource::TxTracedCallback");
    return tid;
}

HostilePacketSource::HostilePacketSource()
    : m_ttl(64),
      m_tos(0x04)
{
}

void
HostilePacketSource::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

void
HostilePacketSource::StartApplication()
{
}

void
HostilePacketSource::StopApplication()
{
}

uint32_t
HostilePacketSource::Send(Ptr<const Packet> payload,
                          Ipv4Address source,
                          Ipv4Address destination,
                          HostileCarrier carrier)
{
    Ptr<Packet> p = payload->Copy();
    uint8_t protocol = UdpL4Protocol::PROT_NUMBER;
    uint16_t port = IKE_NAT_T_UDP_PORT;
    switch (carrier)
    {
    case HostileCarrier::ESP:
        protocol = IPSEC_PROTOCOL_ESP;
        break;
    case HostileCarrier::IKE:
        port = IKE_UDP_PORT;
        break;
    case HostileCarrier::IKE_NATT:
        p->AddHeader(UdpEncapNonEspMarker());
        break;
    case HostileCarrier::ESP_IN_UDP:
        break;
    }
    if (protocol == UdpL4Protocol::PROT_NUMBER)
    {
        UdpHeader udp;
        udp.SetSourcePort(port);
        udp.SetDestinationPort(port);
        udp.EnableChecksums();
        udp.InitializeChecksum(source, destination, protocol);
        p->AddHeader(udp);
    }
    Ipv4Header ip;
    ip.SetSource(source);
    ip.SetDestination(destination);
    ip.SetProtocol(protocol);
    ip.SetTtl(m_ttl);
    ip.SetPayloadSize(p->GetSize());
    p->AddHeader(ip);
    return Write(p);
}

uint32_t
HostilePacketSource::SendIp(Ptr<const Packet> packet)
{
    return Write(packet->Copy());
}

uint32_t
HostilePacketSource::Write(Ptr<Packet> packet)
{
    if (!m_socket)
    {
        // Bound to the uplink, so that IP takes any source address (an
        // unbound raw socket looks the source up among its own).
        m_socket = Socket::CreateSocket(GetNode(), Ipv4RawSocketFactory::GetTypeId());
        m_socket->SetAttribute("IpHeaderInclude", BooleanValue(true));
        m_socket->BindToNetDevice(GetNode()->GetObject<Ipv4>()->GetNetDevice(1));
    }
    Ipv4Header ip;
    packet->RemoveHeader(ip);
    ip.SetTos(m_tos);
    packet->AddHeader(ip);
    HostileTag tag;
    tag.SetId(++m_sent);
    packet->AddPacketTag(tag);
    m_txTrace(packet, tag.GetId());
    m_socket->SendTo(packet, 0, InetSocketAddress(ip.GetDestination(), 0));
    return tag.GetId();
}

uint32_t
HostilePacketSource::GetSent() const
{
    return m_sent;
}

} // namespace ns3
