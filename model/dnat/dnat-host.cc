/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnat-host.h"

#include "ns3/dnat-allocation-request-header.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipip-tunnel-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnatHost");
NS_OBJECT_ENSURE_REGISTERED(DnatHost);

TypeId
DnatHost::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnatHost")
                            .SetParent<Object>()
                            .SetGroupName("Natt")
                            .AddConstructor<DnatHost>()
                            .AddAttribute("PortsWanted",
                                          "Ports the host asks for",
                                          UintegerValue(1024),
                                          MakeUintegerAccessor(&DnatHost::m_portsWanted),
                                          MakeUintegerChecker<uint16_t>())
                            .AddAttribute("SpisWanted",
                                          "SPIs the host asks for",
                                          UintegerValue(0x10000),
                                          MakeUintegerAccessor(&DnatHost::m_spisWanted),
                                          MakeUintegerChecker<uint32_t>())
                            .AddTraceSource("Granted",
                                            "The router granted blocks (first grant only)",
                                            MakeTraceSourceAccessor(&DnatHost::m_grantedTrace),
                                            "ns3::DnatHost::GrantedCallback");
    return tid;
}

DnatHost::DnatHost() = default;
DnatHost::~DnatHost() = default;

void
DnatHost::Install(Ptr<Node> node, Ipv4Address local, Ipv4Address router)
{
    m_node = node;
    m_local = local;
    m_router = router;
    node->AggregateObject(this);
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(local, DNAT_ALLOCATION_UDP_PORT));
    m_socket->SetRecvCallback(MakeCallback(&DnatHost::Receive, this));
}

void
DnatHost::Start(Time at)
{
    Simulator::ScheduleWithContext(m_node->GetId(),
                                   at,
                                   &DnatHost::Send,
                                   this,
                                   DnatAllocationHeader::REQUEST);
}

bool
DnatHost::IsGranted() const
{
    return m_granted;
}

const DnatBinding&
DnatHost::GetBinding() const
{
    return m_binding;
}

uint16_t
DnatHost::NextPort()
{
    if (!m_granted || m_binding.firstPort + m_nextPort > m_binding.lastPort)
    {
        return 0;
    }
    return static_cast<uint16_t>(m_binding.firstPort + m_nextPort++);
}

uint32_t
DnatHost::GetTunnelInterface() const
{
    return m_tunnel;
}

uint64_t
DnatHost::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

uint64_t
DnatHost::GetAllocationBytes() const
{
    return m_allocationBytes;
}

uint32_t
DnatHost::GetRenewals() const
{
    return m_renewals;
}

void
DnatHost::Send(DnatAllocationHeader::MessageType type)
{
    DnatAllocationRequestHeader request;
    request.SetType(type);
    request.SetTransactionId(++m_transactionId);
    request.SetHostAddress(m_local);
    request.SetPortsWanted(m_portsWanted);
    request.SetSpisWanted(m_spisWanted);
    request.SetLeaseId(type == DnatAllocationHeader::REQUEST ? 0 : m_leaseId);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(request);
    m_allocationBytes += packet->GetSize();
    m_renewals += type == DnatAllocationHeader::RENEW;
    m_socket->SendTo(packet, 0, InetSocketAddress(m_router, DNAT_ALLOCATION_UDP_PORT));
}

void
DnatHost::Receive(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        m_allocationBytes += packet->GetSize();
        DnatAllocationReplyHeader reply;
        if (packet->GetSize() != DnatAllocationReplyHeader::kSize ||
            packet->RemoveHeader(reply) == 0)
        {
            m_drops.Count(ALLOCATION_MALFORMED_DROP);
            continue;
        }
        if (reply.GetType() == DnatAllocationHeader::GRANT &&
            reply.GetTransactionId() == m_transactionId)
        {
            // Later, not inside this receive path: the tunnel's new interface
            // registers a handler in the list the traffic-control layer is walking.
            Simulator::ScheduleNow(&DnatHost::Granted, this, reply);
        }
        else
        {
            NS_LOG_INFO("allocation " << reply);
        }
    }
}

void
DnatHost::Granted(DnatAllocationReplyHeader reply)
{
    m_leaseId = reply.GetLeaseId();
    // Renew at half the lease, as DHCP's T1 (RFC 2131 4.4.5).
    m_renew.Cancel();
    m_renew = Simulator::Schedule(Seconds(reply.GetLeaseSeconds() / 2.0),
                                  &DnatHost::Send,
                                  this,
                                  DnatAllocationHeader::RENEW);
    if (m_granted)
    {
        return;
    }
    m_granted = true;
    m_binding.routerAddress = reply.GetRouterAddress();
    m_binding.hostAddress = reply.GetHostAddress();
    m_binding.firstPort = reply.GetFirstPort();
    m_binding.lastPort = reply.GetLastPort();
    m_binding.firstSpi = reply.GetFirstSpi();
    m_binding.lastSpi = reply.GetLastSpi();
    // The tunnel interface carries the global address: what the host's
    // stack sends from ("as if it owns it") and accepts as its own.
    m_tunnel = IpIpTunnelHelper().Install(
        m_node,
        m_local,
        m_router,
        Ipv4InterfaceAddress(m_binding.routerAddress, Ipv4Mask::GetOnes()));
    // Everything beyond the LAN goes through the tunnel: two half-default
    // routes win over the default route to the router.
    Ptr<Ipv4StaticRouting> routing =
        Ipv4StaticRoutingHelper().GetStaticRouting(m_node->GetObject<Ipv4>());
    routing->AddNetworkRouteTo(Ipv4Address("0.0.0.0"), Ipv4Mask("128.0.0.0"), m_tunnel);
    routing->AddNetworkRouteTo(Ipv4Address("128.0.0.0"), Ipv4Mask("128.0.0.0"), m_tunnel);
    m_grantedTrace(m_binding);
}

void
DnatHost::DoDispose()
{
    m_renew.Cancel();
    if (m_socket)
    {
        m_socket->Close();
    }
    m_socket = nullptr;
    m_node = nullptr;
    // A sink of "Granted" may hold this host or its node (the dnat-*
    // entries' callbacks do): dropped here, or host, node and sink keep
    // each other alive after Simulator::Destroy (LeakSanitizer's report).
    m_grantedTrace = TracedCallback<const DnatBinding&>();
    Object::DoDispose();
}

} // namespace ns3
