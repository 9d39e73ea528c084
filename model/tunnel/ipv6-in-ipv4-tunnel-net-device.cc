/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv6-in-ipv4-tunnel-net-device.h"

#include "ipv6-in-ipv4-l4-protocol.h"

#include "ns3/boolean.h"
#include "ns3/channel.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ipv6InIpv4TunnelNetDevice");
NS_OBJECT_ENSURE_REGISTERED(Ipv6InIpv4TunnelNetDevice);

TypeId
Ipv6InIpv4TunnelNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ipv6InIpv4TunnelNetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("Natt")
            .AddConstructor<Ipv6InIpv4TunnelNetDevice>()
            .AddAttribute("Mtu",
                          "The tunnel MTU in bytes: RFC 4213 3.2's static 1280 unless the "
                          "IPv4 path is known to carry more",
                          UintegerValue(STATIC_MTU),
                          MakeUintegerAccessor(&Ipv6InIpv4TunnelNetDevice::SetMtu,
                                               &Ipv6InIpv4TunnelNetDevice::GetMtu),
                          MakeUintegerChecker<uint16_t>(1280, 65515))
            .AddAttribute("CheckOuterSource",
                          "Drop protocol 41 whose IPv4 source is not the configured remote "
                          "endpoint (RFC 4213 3.6)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Ipv6InIpv4TunnelNetDevice::m_checkOuterSource),
                          MakeBooleanChecker())
            .AddAttribute("IngressFilter",
                          "Drop decapsulated IPv6 whose source is in no prefix configured as "
                          "reachable through the tunnel (RFC 4213 3.6, RFC 3704)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Ipv6InIpv4TunnelNetDevice::m_ingressFilter),
                          MakeBooleanChecker())
            .AddTraceSource("Drop",
                            "A packet the tunnel dropped, with the reason",
                            MakeTraceSourceAccessor(&Ipv6InIpv4TunnelNetDevice::m_dropTrace),
                            "ns3::Ipv6InIpv4TunnelNetDevice::DropTracedCallback")
            .AddTraceSource("Encapsulate",
                            "An IPv6 packet sent into the tunnel",
                            MakeTraceSourceAccessor(&Ipv6InIpv4TunnelNetDevice::m_encapsulateTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Decapsulate",
                            "An IPv6 packet that passed the checks and goes up to IPv6",
                            MakeTraceSourceAccessor(&Ipv6InIpv4TunnelNetDevice::m_decapsulateTrace),
                            "ns3::Packet::TracedCallback");
    return tid;
}

Ipv6InIpv4TunnelNetDevice::Ipv6InIpv4TunnelNetDevice()
    : m_address(Mac48Address::Allocate()),
      m_mtu(STATIC_MTU)
{
}

Ipv6InIpv4TunnelNetDevice::~Ipv6InIpv4TunnelNetDevice() = default;

void
Ipv6InIpv4TunnelNetDevice::SetLocal(Ipv4Address local)
{
    m_local = local;
}

Ipv4Address
Ipv6InIpv4TunnelNetDevice::GetLocal() const
{
    return m_local;
}

void
Ipv6InIpv4TunnelNetDevice::SetRemote(Ipv4Address remote)
{
    m_remote = remote;
}

Ipv4Address
Ipv6InIpv4TunnelNetDevice::GetRemote() const
{
    return m_remote;
}

void
Ipv6InIpv4TunnelNetDevice::AddIngressPrefix(Ipv6Address network, Ipv6Prefix prefix)
{
    m_ingressPrefixes.emplace_back(network, prefix);
}

bool
Ipv6InIpv4TunnelNetDevice::IsIngressAllowed(Ipv6Address source) const
{
    // RFC 4213 3.7: the tunnel's own link-local traffic (neighbour
    // discovery, routing protocols) comes from link-local sources, and
    // duplicate address detection from the unspecified one (RFC 4862 5.4).
    if (source.IsLinkLocal() || source.IsAny())
    {
        return true;
    }
    for (const auto& [network, prefix] : m_ingressPrefixes)
    {
        if (prefix.IsMatch(source, network))
        {
            return true;
        }
    }
    return false;
}

uint64_t
Ipv6InIpv4TunnelNetDevice::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

uint64_t
Ipv6InIpv4TunnelNetDevice::GetEncapsulatedCount() const
{
    return m_encapsulated;
}

uint64_t
Ipv6InIpv4TunnelNetDevice::GetDecapsulatedCount() const
{
    return m_decapsulated;
}

void
Ipv6InIpv4TunnelNetDevice::Drop(Ptr<const Packet> packet, const char* reason)
{
    NS_LOG_LOGIC("drop " << reason << " " << packet);
    m_drops.Count(reason);
    m_dropTrace(packet, reason);
}

Ipv4Address
Ipv6InIpv4TunnelNetDevice::GetTunnelDestination(const Ipv6Header&) const
{
    return m_remote;
}

const char*
Ipv6InIpv4TunnelNetDevice::CheckInbound(const Ipv4Header& outer, const Ipv6Header& inner) const
{
    if (m_checkOuterSource && outer.GetSource() != m_remote)
    {
        return OUTER_SOURCE_MISMATCH_DROP;
    }
    if (m_ingressFilter && !IsIngressAllowed(inner.GetSource()))
    {
        return INGRESS_FILTERED_DROP;
    }
    return nullptr;
}

bool
Ipv6InIpv4TunnelNetDevice::Encapsulate(Ptr<Packet> packet)
{
    Ipv6Header inner;
    if (packet->GetSize() < inner.GetSerializedSize() || packet->PeekHeader(inner) == 0)
    {
        Drop(packet, MALFORMED_DROP);
        return false;
    }
    Ipv4Address destination = GetTunnelDestination(inner);
    if (destination.IsAny())
    {
        Drop(packet, NO_TUNNEL_DESTINATION_DROP);
        return false;
    }
    ++m_encapsulated;
    m_encapsulateTrace(packet);
    m_protocol->Send(packet, m_local, destination);
    return true;
}

void
Ipv6InIpv4TunnelNetDevice::Decapsulate(Ptr<Packet> packet, const Ipv4Header& outer)
{
    Ipv6Header inner;
    uint8_t version = 0;
    packet->CopyData(&version, 1);
    if (packet->GetSize() < inner.GetSerializedSize() || (version >> 4) != 6 ||
        packet->PeekHeader(inner) == 0)
    {
        Drop(packet, MALFORMED_DROP);
        return;
    }
    if (const char* reason = CheckInbound(outer, inner))
    {
        Drop(packet, reason);
        return;
    }
    ++m_decapsulated;
    m_decapsulateTrace(packet);
    if (!m_promiscRxCallback.IsNull())
    {
        m_promiscRxCallback(this,
                            packet,
                            Ipv6L3Protocol::PROT_NUMBER,
                            GetBroadcast(),
                            m_address,
                            NetDevice::PACKET_HOST);
    }
    m_rxCallback(this, packet, Ipv6L3Protocol::PROT_NUMBER, GetBroadcast());
}

void
Ipv6InIpv4TunnelNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
Ipv6InIpv4TunnelNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
Ipv6InIpv4TunnelNetDevice::GetChannel() const
{
    return nullptr;
}

void
Ipv6InIpv4TunnelNetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
Ipv6InIpv4TunnelNetDevice::GetAddress() const
{
    return m_address;
}

bool
Ipv6InIpv4TunnelNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
Ipv6InIpv4TunnelNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
Ipv6InIpv4TunnelNetDevice::IsLinkUp() const
{
    return true;
}

void
Ipv6InIpv4TunnelNetDevice::AddLinkChangeCallback(Callback<void>)
{
}

bool
Ipv6InIpv4TunnelNetDevice::IsBroadcast() const
{
    return true;
}

Address
Ipv6InIpv4TunnelNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
Ipv6InIpv4TunnelNetDevice::IsMulticast() const
{
    // A point-to-point link: multicast (RIPng's ff02::9, neighbour
    // discovery) goes to the one peer.
    return true;
}

Address
Ipv6InIpv4TunnelNetDevice::GetMulticast(Ipv4Address) const
{
    return Mac48Address::GetBroadcast();
}

Address
Ipv6InIpv4TunnelNetDevice::GetMulticast(Ipv6Address) const
{
    return Mac48Address::GetBroadcast();
}

bool
Ipv6InIpv4TunnelNetDevice::IsBridge() const
{
    return false;
}

bool
Ipv6InIpv4TunnelNetDevice::IsPointToPoint() const
{
    return true;
}

bool
Ipv6InIpv4TunnelNetDevice::Send(Ptr<Packet> packet, const Address&, uint16_t protocolNumber)
{
    if (protocolNumber != Ipv6L3Protocol::PROT_NUMBER)
    {
        Drop(packet, NO_TUNNEL_DESTINATION_DROP);
        return false;
    }
    return Encapsulate(packet);
}

bool
Ipv6InIpv4TunnelNetDevice::SendFrom(Ptr<Packet> packet,
                                    const Address&,
                                    const Address& dest,
                                    uint16_t protocolNumber)
{
    return Send(packet, dest, protocolNumber);
}

Ptr<Node>
Ipv6InIpv4TunnelNetDevice::GetNode() const
{
    return m_node;
}

void
Ipv6InIpv4TunnelNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
    m_protocol = Ipv6InIpv4L4Protocol::Install(node);
    m_protocol->AddTunnel(this);
}

bool
Ipv6InIpv4TunnelNetDevice::NeedsArp() const
{
    return false;
}

void
Ipv6InIpv4TunnelNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
Ipv6InIpv4TunnelNetDevice::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb)
{
    m_promiscRxCallback = cb;
}

bool
Ipv6InIpv4TunnelNetDevice::SupportsSendFrom() const
{
    return false;
}

void
Ipv6InIpv4TunnelNetDevice::DoDispose()
{
    m_node = nullptr;
    m_protocol = nullptr;
    m_rxCallback = NetDevice::ReceiveCallback();
    m_promiscRxCallback = NetDevice::PromiscReceiveCallback();
    NetDevice::DoDispose();
}

} // namespace ns3
