/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnat-common.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/security-association-database.h"
#include "ns3/x509-certificate.h"

namespace natt
{
namespace dnat
{

using namespace ns3;

namespace
{

constexpr uint8_t kIpIp = 4;
/// IPv4 (20) and UDP (8) headers around each allocation message.
constexpr double kAllocationHeaders = 28;

/// \return \p p's bytes after its IPv4 header, prefixed by the protocol number
std::string
TransportKey(Ptr<Packet> p, Ipv4Header& header)
{
    p->RemoveHeader(header);
    std::string key(p->GetSize() + 1, '\0');
    key[0] = static_cast<char>(header.GetProtocol());
    p->CopyData(reinterpret_cast<uint8_t*>(&key[1]), p->GetSize());
    return key;
}

} // namespace

Net
AddNet(Lab& lab, uint32_t hosts)
{
    Net net;
    net.server = lab.AddPublicNode("server");
    net.router = lab.AddRouter("dnat-router", "10.0.0.0/24");
    for (uint32_t i = 0; i < hosts; ++i)
    {
        net.hosts.push_back(lab.AddHost("host-" + std::to_string(i + 1), net.router));
    }
    return net;
}

void
Install(const Lab& lab, Net& net, Time leaseTime)
{
    Ptr<Ipv4> ipv4 = net.router->GetObject<Ipv4>();
    net.dnat = CreateObject<DnatRouter>();
    net.dnat->SetAttribute("LeaseTime", TimeValue(leaseTime));
    net.dnat->Install(net.router,
                      ipv4->GetInterfaceForAddress(lab.GetLanAddress(net.router)),
                      ipv4->GetInterfaceForAddress(lab.GetAddress(net.router)));
    for (uint32_t i = 0; i < net.hosts.size(); ++i)
    {
        Ptr<DnatHost> host = CreateObject<DnatHost>();
        host->Install(net.hosts[i], lab.GetAddress(net.hosts[i]), lab.GetLanAddress(net.router));
        host->Start(MilliSeconds(100 + 10 * i));
        net.dnatHosts.push_back(host);
    }
}

std::shared_ptr<Flow>
AddFlow(bool tcp,
        Ptr<Node> client,
        Ptr<Node> server,
        Ipv4Address serverAddress,
        uint16_t port,
        const InetSocketAddress& local,
        uint64_t bytes,
        Time start)
{
    auto flow = std::make_shared<Flow>();
    flow->bytesToSend = bytes;
    std::string factory = tcp ? "ns3::TcpSocketFactory" : "ns3::UdpSocketFactory";
    PacketSinkHelper sinkHelper(factory, InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sink = sinkHelper.Install(server);
    sink.Get(0)->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](Flow* f, Ptr<const Packet> p, const Address&) { f->bytesReceived += p->GetSize(); },
            flow.get()));
    ApplicationContainer app;
    if (tcp)
    {
        BulkSendHelper bulk(factory, InetSocketAddress(serverAddress, port));
        bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
        bulk.SetAttribute("Local", AddressValue(local));
        app = bulk.Install(client);
    }
    else
    {
        OnOffHelper onOff(factory, InetSocketAddress(serverAddress, port));
        onOff.SetAttribute("OnTime", StringValue("ns3::ConstantRandomVariable[Constant=1e6]"));
        onOff.SetAttribute("OffTime", StringValue("ns3::ConstantRandomVariable[Constant=0]"));
        onOff.SetAttribute("PacketSize", UintegerValue(200));
        onOff.SetAttribute("DataRate", DataRateValue(DataRate(200 * 8 * 10)));
        onOff.SetAttribute("MaxBytes", UintegerValue(bytes));
        onOff.SetAttribute("Local", AddressValue(local));
        app = onOff.Install(client);
    }
    // Installed when the host's blocks are known, so times are from now.
    Time now = Simulator::Now();
    sink.Start(Seconds(0));
    app.Start(start > now ? start - now : Seconds(0));
    return flow;
}

double
AllocationWireBytes(const Net& net)
{
    double bytes = 0;
    for (const auto& host : net.dnatHosts)
    {
        // Every message a host sends is answered once: messages = 2 x requests.
        bytes += static_cast<double>(host->GetAllocationBytes());
        bytes += kAllocationHeaders * 2 * (1 + host->GetRenewals());
    }
    return bytes;
}

void
LcaCheck::Connect(Ptr<IkeDaemon> remote)
{
    m_daemon = remote;
    remote->TraceConnectWithoutContext("ChildSa", MakeCallback(&LcaCheck::ChildSa, this));
}

uint32_t
LcaCheck::GetMatched() const
{
    return m_matched;
}

uint32_t
LcaCheck::GetRefused() const
{
    return m_refused;
}

void
LcaCheck::ChildSa(Ptr<const IkeSa> sa, const IkeChildSa& child)
{
    auto certificate = X509Certificate::FromDer(sa->GetPeerCertificate());
    auto binding = certificate ? LocalCertificateAuthority::ReadBinding(*certificate)
                               : CryptoResult<DnatBinding>(CryptoFailure{"no certificate"});
    // From the remote's side the host is the selector's remote end.
    bool matches = binding && binding->routerAddress == sa->GetRemote().address &&
                   binding->HasSpi(child.outboundSpi) &&
                   binding->HasPort(child.selector.remotePortStart) &&
                   binding->HasPort(child.selector.remotePortEnd);
    if (matches)
    {
        ++m_matched;
        return;
    }
    ++m_refused;
    m_daemon->GetSad()->Remove(child.protocol, child.inboundSpi, SecurityAssociation::INBOUND);
    m_daemon->GetSad()->Remove(child.protocol, child.outboundSpi, SecurityAssociation::OUTBOUND);
}

void
TransportWatch::Connect(const Net& net)
{
    Ptr<Ipv4> ipv4 = net.router->GetObject<Ipv4>();
    m_globalAddress = net.dnat->GetGlobalAddress();
    m_lan = ipv4->GetInterfaceForAddress(net.dnat->GetLanAddress());
    m_global = ipv4->GetInterfaceForAddress(m_globalAddress);
    Ptr<Ipv4L3Protocol> l3 = net.router->GetObject<Ipv4L3Protocol>();
    l3->TraceConnectWithoutContext("Rx", MakeCallback(&TransportWatch::Rx, this));
    l3->TraceConnectWithoutContext("Tx", MakeCallback(&TransportWatch::Tx, this));
}

void
TransportWatch::Rx(Ptr<const Packet> packet, Ptr<Ipv4> ipv4, uint32_t interface)
{
    Ptr<Packet> p = packet->Copy();
    uint32_t wire = p->GetSize();
    Ipv4Header outer;
    if (interface == m_lan)
    {
        p->RemoveHeader(outer);
        if (outer.GetProtocol() != kIpIp)
        {
            return;
        }
        uint32_t innerSize = p->GetSize();
        Ipv4Header inner;
        std::string key = TransportKey(p, inner);
        m_outbound.emplace(key, std::make_pair(innerSize, wire));
    }
    else if (interface == m_global)
    {
        uint32_t innerSize = p->GetSize();
        std::string key = TransportKey(p, outer);
        if (outer.GetDestination() == m_globalAddress)
        {
            m_inbound.emplace(key, std::make_pair(innerSize, wire));
        }
    }
}

void
TransportWatch::Tx(Ptr<const Packet> packet, Ptr<Ipv4> ipv4, uint32_t interface)
{
    Ptr<Packet> p = packet->Copy();
    uint32_t wire = p->GetSize();
    Ipv4Header header;
    if (interface == m_global)
    {
        std::string key = TransportKey(p, header);
        if (header.GetSource() == m_globalAddress)
        {
            Match(m_outbound, key, wire, wire, true);
        }
    }
    else if (interface == m_lan)
    {
        p->RemoveHeader(header);
        if (header.GetProtocol() != kIpIp)
        {
            return;
        }
        uint32_t innerSize = p->GetSize();
        Ipv4Header inner;
        std::string key = TransportKey(p, inner);
        Match(m_inbound, key, innerSize, wire, false);
    }
}

void
TransportWatch::Match(std::multimap<std::string, std::pair<uint32_t, uint32_t>>& pending,
                      const std::string& key,
                      uint32_t innerSize,
                      uint32_t wireSize,
                      bool outbound)
{
    auto it = pending.find(key);
    if (it == pending.end())
    {
        ++m_changed;
        return;
    }
    ++m_identical;
    // Outbound: arrived as (inner, outer on the LAN), left as innerSize on the
    // Internet; inbound: arrived as innerSize, left as wireSize on the LAN.
    uint32_t lanWire = outbound ? it->second.second : wireSize;
    uint32_t ip = it->second.first; // the IP packet the host built
    m_hostLegBytes += lanWire - ip;
    m_internetBytes += (outbound ? innerSize : it->second.second) - ip;
    pending.erase(it);
}

uint64_t
TransportWatch::GetIdentical() const
{
    return m_identical;
}

uint64_t
TransportWatch::GetChanged() const
{
    return m_changed;
}

double
TransportWatch::GetHostLegOverhead() const
{
    return m_identical ? static_cast<double>(m_hostLegBytes) / m_identical : 0.0;
}

double
TransportWatch::GetInternetOverhead() const
{
    return m_identical ? static_cast<double>(m_internetBytes) / m_identical : 0.0;
}

} // namespace dnat
} // namespace natt
