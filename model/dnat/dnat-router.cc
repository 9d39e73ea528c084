/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnat-router.h"

#include "ns3/dnat-allocation-request-header.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipip-tunnel-helper.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnatRouter");
NS_OBJECT_ENSURE_REGISTERED(DnatRouter);

namespace
{

constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;
constexpr uint8_t kEsp = 50;
constexpr uint8_t kAh = 51;

/// \return the big-endian field of \p size (2 or 4) bytes at \p offset of \p p, if there
std::optional<uint32_t>
ReadField(Ptr<const Packet> p, uint32_t offset, uint32_t size)
{
    uint8_t bytes[8] = {};
    if (p->GetSize() < offset + size)
    {
        return std::nullopt;
    }
    p->CopyData(bytes, offset + size);
    uint32_t value = 0;
    for (uint32_t k = 0; k < size; ++k)
    {
        value = (value << 8) | bytes[offset + k];
    }
    return value;
}

} // namespace

TypeId
DnatRouter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnatRouter")
            .SetParent<Ipv4RoutingWrapper>()
            .SetGroupName("Natt")
            .AddConstructor<DnatRouter>()
            .AddAttribute("PortFirst",
                          "First port of the first port block",
                          UintegerValue(49152),
                          MakeUintegerAccessor(&DnatRouter::m_portFirst),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("PortBlockSize",
                          "Ports in each host's block",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&DnatRouter::m_portBlockSize),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("SpiFirst",
                          "First SPI of the first SPI block (RFC 4303 2.1 reserves 1-255)",
                          UintegerValue(0x10000),
                          MakeUintegerAccessor(&DnatRouter::m_spiFirst),
                          MakeUintegerChecker<uint32_t>(256))
            .AddAttribute("SpiBlockSize",
                          "SPIs in each host's block",
                          UintegerValue(0x10000),
                          MakeUintegerAccessor(&DnatRouter::m_spiBlockSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("LeaseTime",
                          "How long a grant or renewal holds (s on the wire)",
                          TimeValue(Seconds(600)),
                          MakeTimeAccessor(&DnatRouter::m_leaseTime),
                          MakeTimeChecker(Seconds(1)))
            .AddTraceSource("Drop",
                            "A packet the router dropped, and why",
                            MakeTraceSourceAccessor(&DnatRouter::m_dropTrace),
                            "ns3::IpsecStack::DropTracedCallback");
    return tid;
}

DnatRouter::DnatRouter() = default;
DnatRouter::~DnatRouter() = default;

void
DnatRouter::Install(Ptr<Node> node, uint32_t lanInterface, uint32_t globalInterface)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_UNLESS(ipv4, "DnatRouter needs a node with IPv4");
    m_lanInterface = lanInterface;
    m_globalInterface = globalInterface;
    Ipv4RoutingWrapper::Install(ipv4);
    DnatAllocator::Config config;
    config.portFirst = m_portFirst;
    config.portBlockSize = m_portBlockSize;
    config.portBlocks = (65536u - m_portFirst) / m_portBlockSize;
    config.spiFirst = m_spiFirst;
    config.spiBlockSize = m_spiBlockSize;
    config.spiBlocks = static_cast<uint32_t>((0x100000000ULL - m_spiFirst) / m_spiBlockSize);
    m_allocator = std::make_unique<DnatAllocator>(config, GetGlobalAddress());

    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(GetLanAddress(), DNAT_ALLOCATION_UDP_PORT));
    m_socket->SetRecvCallback(MakeCallback(&DnatRouter::ReceiveAllocation, this));
}

void
DnatRouter::SetCertificateAuthority(const std::string& caKeyPem)
{
    auto lca = LocalCertificateAuthority::Create(caKeyPem, GetGlobalAddress());
    NS_ABORT_MSG_UNLESS(lca, "DNAT LCA: " << lca.GetReason());
    m_lca = std::make_unique<LocalCertificateAuthority>(std::move(*lca));
}

LocalCertificateAuthority*
DnatRouter::GetCertificateAuthority()
{
    return m_lca.get();
}

std::string
DnatRouter::IssueCertificate(Ipv4Address host, const std::string& hostKeyPem)
{
    const DnatLease* lease = m_allocator ? m_allocator->FindByHost(host) : nullptr;
    if (!m_lca || !lease)
    {
        return {};
    }
    auto pem = m_lca->Issue(hostKeyPem, lease->binding);
    NS_ABORT_MSG_UNLESS(pem, "DNAT LCA: " << pem.GetReason());
    return *pem;
}

Ipv4Address
DnatRouter::GetGlobalAddress() const
{
    return m_ipv4->GetAddress(m_globalInterface, 0).GetLocal();
}

Ipv4Address
DnatRouter::GetLanAddress() const
{
    return m_ipv4->GetAddress(m_lanInterface, 0).GetLocal();
}

const DnatAllocator&
DnatRouter::GetAllocator() const
{
    return *m_allocator;
}

uint64_t
DnatRouter::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

const DropCounter&
DnatRouter::GetDrops() const
{
    return m_drops;
}

uint64_t
DnatRouter::GetOutboundCount() const
{
    return m_outbound;
}

uint64_t
DnatRouter::GetInboundCount() const
{
    return m_inbound;
}

uint64_t
DnatRouter::GetAllocationBytes() const
{
    return m_allocationBytes;
}

void
DnatRouter::Drop(Ptr<const Packet> p, const char* reason)
{
    NS_LOG_INFO("drop " << reason);
    m_drops.Count(reason);
    m_dropTrace(p, reason);
}

void
DnatRouter::ReceiveAllocation(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        m_allocationBytes += packet->GetSize();
        Ipv4Address sender = InetSocketAddress::ConvertFrom(from).GetIpv4();
        DnatAllocationRequestHeader request;
        if (packet->GetSize() != DnatAllocationRequestHeader::kSize ||
            packet->RemoveHeader(request) == 0)
        {
            Drop(packet, ALLOCATION_MALFORMED_DROP);
            continue;
        }
        DnatAllocationReplyHeader reply;
        reply.SetTransactionId(request.GetTransactionId());
        reply.SetRouterAddress(GetGlobalAddress());
        reply.SetHostAddress(request.GetHostAddress());
        reply.SetLeaseSeconds(static_cast<uint32_t>(m_leaseTime.GetSeconds()));
        auto status = DnatAllocationReplyHeader::STATUS_OK;
        const DnatLease* lease = nullptr;
        std::optional<DnatLease> granted;
        // The disclosure's router "authenticates local hosts"; natt's
        // checks that a host asks for itself.
        if (request.GetHostAddress() != sender)
        {
            status = DnatAllocationReplyHeader::STATUS_WRONG_HOST;
        }
        else if (request.GetType() == DnatAllocationHeader::REQUEST)
        {
            granted = m_allocator->Grant(sender, Simulator::Now(), m_leaseTime, status);
            lease = granted ? &*granted : nullptr;
        }
        else if (request.GetType() == DnatAllocationHeader::RENEW)
        {
            lease = m_allocator->Renew(request.GetLeaseId(), sender, Simulator::Now(), m_leaseTime);
            status = lease ? status : DnatAllocationReplyHeader::STATUS_UNKNOWN_LEASE;
        }
        else if (m_allocator->Release(request.GetLeaseId(), sender))
        {
            reply.SetType(DnatAllocationHeader::RELEASED);
            reply.SetLeaseId(request.GetLeaseId());
            reply.SetLeaseSeconds(0);
        }
        else
        {
            status = DnatAllocationReplyHeader::STATUS_UNKNOWN_LEASE;
        }
        if (status != DnatAllocationReplyHeader::STATUS_OK)
        {
            reply.SetType(DnatAllocationHeader::REFUSED);
            reply.SetStatus(status);
            reply.SetLeaseSeconds(0);
        }
        else if (lease)
        {
            // Not from inside this receive path: a new interface registers a
            // protocol handler with the traffic-control layer, whose handler
            // list is being walked to deliver this very packet.
            Simulator::ScheduleNow([this, sender]() { TunnelTo(sender); });
            reply.SetType(DnatAllocationHeader::GRANT);
            reply.SetLeaseId(lease->id);
            reply.SetPorts(lease->binding.firstPort, lease->binding.lastPort);
            reply.SetSpis(lease->binding.firstSpi, lease->binding.lastSpi);
        }
        Ptr<Packet> answer = Create<Packet>();
        answer->AddHeader(reply);
        m_allocationBytes += answer->GetSize();
        socket->SendTo(answer, 0, from);
    }
}

uint32_t
DnatRouter::TunnelTo(Ipv4Address host)
{
    auto it = m_tunnels.find(host);
    if (it != m_tunnels.end())
    {
        return it->second;
    }
    Ptr<Node> node = m_ipv4->GetObject<Node>();
    uint32_t interface = IpIpTunnelHelper().Install(node, GetLanAddress(), host);
    m_tunnels[host] = interface;
    m_tunnelHosts[interface] = host;
    return interface;
}

const DnatLease*
DnatRouter::FindOwner(Ptr<const Packet> p, uint8_t protocol, const char*& reason) const
{
    if (protocol == kTcp || protocol == kUdp)
    {
        reason = PORT_NOT_ALLOCATED_DROP;
        auto port = ReadField(p, 2, 2);
        return port ? m_allocator->FindByPort(static_cast<uint16_t>(*port)) : nullptr;
    }
    if (protocol == kEsp || protocol == kAh)
    {
        // The outermost IPsec header is always in the clear (seed 003).
        reason = SPI_OUTSIDE_BLOCK_DROP;
        auto spi = ReadField(p, protocol == kEsp ? 0 : 4, 4);
        return spi ? m_allocator->FindBySpi(*spi) : nullptr;
    }
    reason = NOT_DEMULTIPLEXABLE_DROP;
    return nullptr;
}

bool
DnatRouter::RouteInput(Ptr<const Packet> p,
                       const Ipv4Header& header,
                       Ptr<const NetDevice> idev,
                       RouteInputCallback<UnicastForwardCallback> ucb,
                       RouteInputCallback<MulticastForwardCallback> mcb,
                       RouteInputCallback<LocalDeliverCallback> lcb,
                       RouteInputCallback<ErrorCallback> ecb)
{
    int32_t interface = m_ipv4->GetInterfaceForDevice(idev);
    uint8_t protocol = header.GetProtocol();
    auto tunnel = m_tunnelHosts.find(static_cast<uint32_t>(interface));
    if (interface >= 0 && tunnel != m_tunnelHosts.end())
    {
        // Outbound, the local header already gone: list item 4's check.
        const DnatLease* lease = m_allocator->FindByHost(tunnel->second);
        if (!lease)
        {
            Drop(p, NO_LEASE_DROP);
            return true;
        }
        if (protocol == kTcp || protocol == kUdp)
        {
            auto port = ReadField(p, 0, 2);
            if (!port || !lease->binding.HasPort(static_cast<uint16_t>(*port)))
            {
                Drop(p, PORT_OUTSIDE_BLOCK_DROP);
                return true;
            }
        }
        ++m_outbound;
        return Ipv4RoutingWrapper::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    if (interface == static_cast<int32_t>(m_globalInterface) &&
        header.GetDestination() == GetGlobalAddress() && m_allocator)
    {
        const char* reason = nullptr;
        const DnatLease* owner = FindOwner(p, protocol, reason);
        if (!owner)
        {
            Drop(p, reason);
            return true;
        }
        auto tunnelTo = m_tunnels.find(owner->binding.hostAddress);
        if (tunnelTo == m_tunnels.end())
        {
            Drop(p, NO_LEASE_DROP);
            return true;
        }
        uint32_t out = tunnelTo->second;
        Ptr<Ipv4Route> route = Create<Ipv4Route>();
        route->SetDestination(header.GetDestination());
        route->SetGateway(Ipv4Address::GetZero());
        route->SetSource(GetLanAddress());
        route->SetOutputDevice(m_ipv4->GetNetDevice(out));
        ++m_inbound;
        // ns-3's IpForward sends it unchanged but for the TTL; the tunnel
        // device adds the local header (seed 003: "a light-weight tunnel
        // header is constructed and prepended").
        ucb(route, p, header);
        return true;
    }
    return Ipv4RoutingWrapper::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
}

void
DnatRouter::DoDispose()
{
    if (m_socket)
    {
        m_socket->Close();
    }
    m_socket = nullptr;
    Ipv4RoutingWrapper::DoDispose();
}

} // namespace ns3
