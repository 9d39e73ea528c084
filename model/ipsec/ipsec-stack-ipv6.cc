/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IpsecStack's IPv6 half: hooks into Ipv6L3Protocol and its layer-4
// protocols, the IPv6 form of AH's ICV input, and delivery of what arrives
// over IPv6 or as an IPv6 packet inside a tunnel. Everything that does not
// depend on the family is shared: SPD lookup and the tunnel selector
// checks in ipsec-stack.cc, ESP sealing and opening and AH's header and ICV
// in ipsec-stack-esp-ah.cc.

#include "ipsec-bypass-tag.h"
#include "ipsec-l4-protocol.h"
#include "ipsec-plaintext-filter.h"
#include "ipsec-stack.h"

#include "ns3/ah-header.h"
#include "ns3/icmpv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/virtual-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecStackIpv6");

namespace
{

constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;
constexpr uint8_t kIcmpv6 = 58;
constexpr uint8_t kIpv6InIp = 41;
constexpr uint8_t kNoProtocol = 0;
constexpr uint32_t kIpv6HeaderSize = 40;

/**
 * RFC 4302 3.3.3.1.2: the IPv6 header as AH's ICV sees it. Version,
 * payload length, next header and the addresses are covered; traffic
 * class, flow label and hop limit are mutable and count as zero.
 */
std::vector<uint8_t>
AhIpv6Part(Ipv6Address source, Ipv6Address destination, uint32_t afterIp)
{
    std::vector<uint8_t> data(kIpv6HeaderSize, 0);
    data[0] = 0x60;
    data[4] = static_cast<uint8_t>(afterIp >> 8);
    data[5] = static_cast<uint8_t>(afterIp);
    data[6] = IPSEC_PROTOCOL_AH;
    source.GetBytes(data.data() + 8);
    destination.GetBytes(data.data() + 24);
    return data;
}

/// Neighbour discovery (RFC 4861) is link-local machinery IPsec never protects.
bool
IsNeighbourDiscovery(Ptr<const Packet> packet, uint8_t protocol)
{
    if (protocol != kIcmpv6 || packet->GetSize() < 1)
    {
        return false;
    }
    uint8_t type;
    packet->CopyData(&type, 1);
    return type >= Icmpv6Header::ICMPV6_ND_ROUTER_SOLICITATION &&
           type <= Icmpv6Header::ICMPV6_ND_REDIRECTION;
}

} // namespace

void
IpsecStack::Setup6()
{
    for (uint8_t protocol : {kIcmpv6, kTcp, kUdp})
    {
        Ptr<IpL4Protocol> l4 = m_ipv6->GetProtocol(protocol);
        if (l4)
        {
            Intercept6(l4);
        }
    }
    for (uint8_t protocol : {kTcp, kUdp})
    {
        Ptr<IpL4Protocol> l4 = m_ipv6->GetProtocol(protocol);
        if (l4)
        {
            Ptr<IpsecPlaintextFilter> filter = CreateObject<IpsecPlaintextFilter>();
            filter->Setup(this, l4);
            m_ipv6->Remove(l4);
            m_ipv6->Insert(filter);
        }
    }
}

void
IpsecStack::Intercept6(Ptr<IpL4Protocol> l4)
{
    uint8_t protocol = static_cast<uint8_t>(l4->GetProtocolNumber());
    m_l6[protocol] = l4;
    m_downTargets6[protocol] = l4->GetDownTarget6();
    l4->SetDownTarget6(MakeCallback(&IpsecStack::OutboundTransport6, this));
}

uint32_t
IpsecStack::GetTunnelInterface6(Ipv6Address address)
{
    if (m_tunnelInterface6 == 0)
    {
        NS_ABORT_MSG_UNLESS(m_ipv6, "IpsecStack is not aggregated to a node with IPv6");
        CreateTunnelDevice();
        m_tunnelInterface6 = m_ipv6->AddInterface(m_tunnelDevice);
        m_ipv6->AddAddress(m_tunnelInterface6,
                           Ipv6InterfaceAddress(address, Ipv6Prefix(128)),
                           true);
        m_ipv6->SetForwarding(m_tunnelInterface6, true);
        m_ipv6->SetUp(m_tunnelInterface6);
    }
    return m_tunnelInterface6;
}

void
IpsecStack::OutboundTransport6(Ptr<Packet> packet,
                               Ipv6Address source,
                               Ipv6Address destination,
                               uint8_t protocol,
                               Ptr<Ipv6Route> route)
{
    const auto& down = m_downTargets6[protocol];
    IpsecBypassTag tag;
    if (packet->RemovePacketTag(tag) || destination.IsMulticast() || destination.IsLinkLocal() ||
        destination.IsLocalhost() || IsNeighbourDiscovery(packet, protocol))
    {
        down(packet, source, destination, protocol, route);
        return;
    }
    if (source.IsAny() && route)
    {
        source = route->GetSource();
    }
    IpsecTrafficKey key = IpsecTrafficKey::ForIpv6(source, destination, protocol);
    PeekPorts(packet, 0, key, true);
    bool bypass = false;
    Ptr<SecurityAssociation> sa = SelectOutbound(packet, key, &bypass);
    if (bypass)
    {
        down(packet, source, destination, protocol, route);
        return;
    }
    if (!sa)
    {
        return;
    }
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    uint8_t nextHeader = protocol;
    if (p.mode == IPSEC_MODE_TUNNEL)
    {
        // A host that is its own tunnel endpoint: the whole packet goes inside.
        Ipv6Header inner;
        inner.SetSource(source);
        inner.SetDestination(destination);
        inner.SetNextHeader(protocol);
        inner.SetPayloadLength(static_cast<uint16_t>(packet->GetSize()));
        inner.SetHopLimit(64);
        packet->AddHeader(inner);
        nextHeader = kIpv6InIp;
        route = nullptr;
    }
    else if (p.family != IPSEC_FAMILY_IPV6 || p.remoteAddress6 != destination)
    {
        route = nullptr;
    }
    Protect(sa, packet, nextHeader, nullptr, route);
}

void
IpsecStack::TunnelSend6(Ptr<Packet> packet)
{
    Ipv6Header inner;
    if (packet->GetSize() < kIpv6HeaderSize || packet->PeekHeader(inner) == 0)
    {
        Drop(packet, MALFORMED_DROP, kNoProtocol);
        return;
    }
    Ipv6Address destination = inner.GetDestination();
    if (destination.IsMulticast() || destination.IsLinkLocal() || inner.GetSource().IsLinkLocal())
    {
        // Neighbour discovery on the tunnel interface itself means nothing
        // (the device needs no address resolution); anything else is a
        // protocol that needs a link the tunnel is not (RFC 4891 A.1).
        Ptr<Packet> payload = packet->Copy();
        payload->RemoveHeader(inner);
        if (!IsNeighbourDiscovery(payload, inner.GetNextHeader()))
        {
            Drop(packet, MULTICAST_NOT_CARRIED_DROP, kNoProtocol);
        }
        return;
    }
    IpsecTrafficKey key =
        IpsecTrafficKey::ForIpv6(inner.GetSource(), destination, inner.GetNextHeader());
    PeekPorts(packet, kIpv6HeaderSize, key, true);
    TunnelProtect(packet, key, kIpv6InIp);
}

void
IpsecStack::SendOuter6(Ptr<SecurityAssociation> sa,
                       Ptr<Packet> packet,
                       uint8_t protocol,
                       Ptr<Ipv6Route> route)
{
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    if (p.encapsulation.type != IpsecEncapsulation::NONE)
    {
        // UDP encapsulation exists for IPv4 NATs (RFC 3948); it is not
        // offered over IPv6.
        Drop(packet, NO_ROUTE_DROP, protocol);
        return;
    }
    m_ipv6->Send(packet, p.localAddress6, p.remoteAddress6, protocol, route);
}

void
IpsecStack::AhSend6(Ptr<SecurityAssociation> sa,
                    Ptr<Packet> payload,
                    uint8_t nextHeader,
                    Ptr<Ipv6Route> route)
{
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    // Ipv6L3Protocol::Send builds the header itself; every field it may
    // choose (traffic class, flow label, hop limit) is mutable for AH.
    Ptr<Packet> packet = AhProtect(sa, payload, nextHeader, 8, [&p](uint32_t afterIp) {
        return AhIpv6Part(p.localAddress6, p.remoteAddress6, afterIp);
    });
    if (packet)
    {
        m_ipv6->Send(packet, p.localAddress6, p.remoteAddress6, IPSEC_PROTOCOL_AH, route);
    }
}

void
IpsecStack::ReceiveEsp6(Ptr<Packet> packet, const Ipv6Header& outer, Ptr<Ipv6Interface> incoming)
{
    Ptr<Packet> inner;
    uint8_t nextHeader = 0;
    uint32_t sequence = 0;
    Ptr<SecurityAssociation> sa = EspOpen(packet, inner, nextHeader, sequence);
    if (sa && inner)
    {
        Deliver6(sa, inner, nextHeader, outer, incoming);
    }
}

void
IpsecStack::ReceiveAh6(Ptr<Packet> packet, const Ipv6Header& outer, Ptr<Ipv6Interface> incoming)
{
    AhHeader ah;
    Ptr<Packet> payload;
    Ptr<SecurityAssociation> sa = AhOpen(
        packet,
        [&outer](uint32_t afterIp) {
            return AhIpv6Part(outer.GetSource(), outer.GetDestination(), afterIp);
        },
        ah,
        payload);
    if (sa)
    {
        Deliver6(sa, payload, ah.GetNextHeader(), outer, incoming);
    }
}

void
IpsecStack::Deliver6(Ptr<SecurityAssociation> sa,
                     Ptr<Packet> inner,
                     uint8_t nextHeader,
                     const Ipv6Header& outer,
                     Ptr<Ipv6Interface> incoming)
{
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    if (p.mode == IPSEC_MODE_TUNNEL && (nextHeader == 4 || nextHeader == kIpv6InIp))
    {
        DeliverTunnel(sa, inner, nextHeader);
        return;
    }
    IpsecTrafficKey key =
        IpsecTrafficKey::ForIpv6(outer.GetDestination(), outer.GetSource(), nextHeader);
    PeekPorts(inner, 0, key, false);
    if (m_checkSelectors && !p.selector.Matches(key))
    {
        Drop(inner, SELECTOR_MISMATCH_DROP, p.protocol);
        return;
    }
    // No checksum fix: there is no NAT on the IPv6 path to undo.
    auto it = m_l6.find(nextHeader);
    Ipv6Header header = outer;
    header.SetNextHeader(nextHeader);
    header.SetPayloadLength(static_cast<uint16_t>(inner->GetSize()));
    DeliverToL4(sa,
                it != m_l6.end() ? it->second : m_ipv6->GetProtocol(nextHeader),
                inner,
                header,
                incoming);
}

void
IpsecStack::DeliverTunnel6(Ptr<SecurityAssociation> sa, Ptr<Packet> inner)
{
    Ipv6Header ih;
    if (inner->GetSize() < kIpv6HeaderSize || inner->PeekHeader(ih) == 0)
    {
        Drop(inner, MALFORMED_DROP, sa->GetParameters().protocol);
        return;
    }
    IpsecTrafficKey key =
        IpsecTrafficKey::ForIpv6(ih.GetDestination(), ih.GetSource(), ih.GetNextHeader());
    PeekPorts(inner, kIpv6HeaderSize, key, false);
    if (!CheckTunnelInner(sa, inner, key))
    {
        return;
    }
    if (m_tunnelInterface6 == 0)
    {
        Drop(inner, NO_ROUTE_DROP, sa->GetParameters().protocol);
        return;
    }
    Accept(sa, inner);
    m_tunnelDevice->Receive(inner,
                            Ipv6L3Protocol::PROT_NUMBER,
                            m_tunnelDevice->GetAddress(),
                            m_tunnelDevice->GetAddress(),
                            NetDevice::PACKET_HOST);
}

bool
IpsecStack::CheckPlaintext6(Ptr<const Packet> packet,
                            const Ipv6Header& header,
                            Ptr<Ipv6Interface> incoming)
{
    if (!m_checkPlaintext || (incoming && incoming->GetDevice() == m_tunnelDevice))
    {
        return true;
    }
    IpsecTrafficKey key = IpsecTrafficKey::ForIpv6(header.GetDestination(),
                                                   header.GetSource(),
                                                   header.GetNextHeader());
    PeekPorts(packet, 0, key, false);
    return CheckInboundPolicy(packet, key);
}

} // namespace ns3
