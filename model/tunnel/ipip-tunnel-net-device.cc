/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipip-tunnel-net-device.h"

#include "ipip-l4-protocol.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpIpTunnelNetDevice");
NS_OBJECT_ENSURE_REGISTERED(IpIpTunnelNetDevice);

TypeId
IpIpTunnelNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpIpTunnelNetDevice")
            .SetParent<VirtualNetDevice>()
            .SetGroupName("Natt")
            .AddConstructor<IpIpTunnelNetDevice>()
            .AddAttribute("Ttl",
                          "TTL of the outer header (RFC 2003 3.1: enough to reach the "
                          "tunnel's other end)",
                          UintegerValue(64),
                          MakeUintegerAccessor(&IpIpTunnelNetDevice::m_ttl),
                          MakeUintegerChecker<uint8_t>(1))
            .AddTraceSource("Drop",
                            "A packet the tunnel dropped, and why (a *_DROP name)",
                            MakeTraceSourceAccessor(&IpIpTunnelNetDevice::m_dropTrace),
                            "ns3::NatEngine::DropTracedCallback");
    return tid;
}

IpIpTunnelNetDevice::IpIpTunnelNetDevice()
    : m_ttl(64),
      m_encapsulated(0),
      m_decapsulated(0)
{
    // A tunnel interface has no link layer: no ARP, one peer. Its MTU is
    // VirtualNetDevice's "Mtu" attribute, which IpIpTunnelHelper sets.
    SetAddress(Mac48Address::Allocate());
    SetNeedsArp(false);
    SetIsPointToPoint(true);
    SetSendCallback(MakeCallback(&IpIpTunnelNetDevice::Encapsulate, this));
}

IpIpTunnelNetDevice::~IpIpTunnelNetDevice() = default;

void
IpIpTunnelNetDevice::DoDispose()
{
    m_protocol = nullptr;
    VirtualNetDevice::DoDispose();
}

void
IpIpTunnelNetDevice::SetEndpoints(Ipv4Address local, Ipv4Address remote)
{
    m_local = local;
    m_remote = remote;
}

Ipv4Address
IpIpTunnelNetDevice::GetLocal() const
{
    return m_local;
}

Ipv4Address
IpIpTunnelNetDevice::GetRemote() const
{
    return m_remote;
}

void
IpIpTunnelNetDevice::SetL4Protocol(Ptr<IpIpL4Protocol> protocol)
{
    m_protocol = protocol;
}

bool
IpIpTunnelNetDevice::Encapsulate(Ptr<Packet> inner,
                                 const Address& /* source */,
                                 const Address& /* destination */,
                                 uint16_t protocolNumber)
{
    if (protocolNumber != Ipv4L3Protocol::PROT_NUMBER)
    {
        Drop(inner, NOT_IPV4_DROP);
        return false;
    }
    if (!m_protocol || m_local == Ipv4Address() || m_remote == Ipv4Address() ||
        m_protocol->GetDownTarget().IsNull())
    {
        Drop(inner, UNCONFIGURED_DROP);
        return false;
    }
    // RFC 2003 3.1: the outer TOS is the inner one; the outer TTL is the
    // tunnel's own. The inner header, the transport header and the payload
    // are carried untouched: that is what keeps AH's ICV valid.
    Ipv4Header innerHeader;
    inner->PeekHeader(innerHeader);
    Ptr<Packet> outer = inner->Copy();
    SocketIpTosTag tos;
    tos.SetTos(innerHeader.GetTos());
    outer->ReplacePacketTag(tos);
    SocketIpTtlTag ttl;
    ttl.SetTtl(m_ttl);
    outer->ReplacePacketTag(ttl);
    ++m_encapsulated;
    m_protocol->GetDownTarget()(outer, m_local, m_remote, PROT_NUMBER, nullptr);
    return true;
}

void
IpIpTunnelNetDevice::Decapsulate(Ptr<Packet> inner, const Ipv4Header& outer)
{
    NS_LOG_FUNCTION(this << inner << outer);
    ++m_decapsulated;
    // The inner packet enters IP as if it had arrived on this interface
    // (RFC 2003 3.3: "the encapsulated datagram ... is then processed
    // normally"); the outer addresses stand in for the link addresses.
    Receive(inner, Ipv4L3Protocol::PROT_NUMBER, GetAddress(), GetAddress(), PACKET_HOST);
}

void
IpIpTunnelNetDevice::Drop(Ptr<const Packet> packet, const char* reason)
{
    NS_LOG_LOGIC("drop " << reason);
    m_drops.Count(reason);
    m_dropTrace(packet, reason);
}

uint64_t
IpIpTunnelNetDevice::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

uint64_t
IpIpTunnelNetDevice::GetEncapsulatedCount() const
{
    return m_encapsulated;
}

uint64_t
IpIpTunnelNetDevice::GetDecapsulatedCount() const
{
    return m_decapsulated;
}

} // namespace ns3
