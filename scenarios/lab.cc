/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lab.h"

#include "variant-attributes.h"

#include "ns3/applications-module.h"
#include "ns3/bridge-net-device.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/drop-counter.h"
#include "ns3/ike-daemon.h"
#include "ns3/ike-helper.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-plaintext-filter.h"
#include "ns3/ipsec-stack.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/udp-encapsulation.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <tuple>

using namespace ns3;

namespace natt
{

/// A router and its inside LAN.
struct Lab::Site
{
    Ptr<Node> router;
    Ptr<CsmaChannel> channel;
    Ptr<NetDevice> lanDevice;
    Ptr<NetDevice> uplinkDevice;
    Ipv4Address network;
    Ipv4Mask mask;
    Ipv4Address lanAddress;
    uint32_t nextHost{2};
    bool isNat{false};
    NatHelper nat;
    std::vector<Ptr<NetDevice>> insideDevices;
    Ptr<BridgeNetDevice> lanSwitch; ///< AddSwitchedHost's switch, made on first use
};

/// Where a drop was counted.
enum class Lab::DropSource : uint8_t
{
    IP,    ///< the node's Ipv4L3Protocol, or UDP / TCP refusing a checksum
    IPSEC, ///< IpsecStack
    NAT,   ///< NatEngine
    IKE,   ///< IkeDaemon
};

/**
 * One row of the drop table: where, on which node and why. NAT drops also
 * keep the IP protocol and the UDP / TCP ports of the dropped packet (0
 * without), for NatDropFilter.
 */
struct Lab::DropKey
{
    DropSource source;
    uint32_t node;
    std::string reason;
    uint8_t protocol{0};
    uint16_t sourcePort{0};
    uint16_t destinationPort{0};

    bool operator<(const DropKey& other) const
    {
        return std::tie(source, node, reason, protocol, sourcePort, destinationPort) <
               std::tie(other.source,
                        other.node,
                        other.reason,
                        other.protocol,
                        other.sourcePort,
                        other.destinationPort);
    }
};

/// What the traces counted while the simulation ran.
struct Lab::Counters
{
    DropCounter ikeFailures;
    uint64_t ikeEstablished{0};
    uint64_t childSas{0};
    uint64_t ikeSent{0};
    uint64_t ikeRetransmissions{0};
    double setupTimeSumMs{0};
    uint64_t setupCount{0};
    std::map<std::pair<uint32_t, std::string>, bool> peersSetUp;
    uint64_t espSent{0};
    std::map<uint32_t, uint64_t> espDelivered;
    uint64_t keepaliveBytes{0};
    uint64_t mappingsExpired{0};
    /// Every component's drops: the one table the drop getters read (CountDrops).
    std::map<DropKey, uint64_t> drops;
};

namespace
{

/// Split "10.0.0.0/24" into network and mask; a bad prefix is a catalogue bug.
std::pair<Ipv4Address, Ipv4Mask>
ParsePrefix(const std::string& prefix)
{
    auto slash = prefix.find('/');
    if (slash == std::string::npos)
    {
        throw std::invalid_argument("lab: prefix without length: " + prefix);
    }
    Ipv4Address network(prefix.substr(0, slash).c_str());
    Ipv4Mask mask(("/" + prefix.substr(slash + 1)).c_str());
    return {network.CombineMask(mask), mask};
}

uint32_t
AddInterface(Ptr<Node> node, Ptr<NetDevice> device, Ipv4Address address, Ipv4Mask mask)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    int32_t index = ipv4->AddInterface(device);
    ipv4->AddAddress(index, Ipv4InterfaceAddress(address, mask));
    ipv4->SetMetric(index, 1);
    ipv4->SetUp(index);
    return static_cast<uint32_t>(index);
}

/// The interface whose subnet holds \p nextHop: static routes name both.
uint32_t
InterfaceTowards(Ptr<Ipv4> ipv4, Ipv4Address nextHop)
{
    for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            Ipv4InterfaceAddress address = ipv4->GetAddress(i, j);
            if (address.GetLocal().CombineMask(address.GetMask()) ==
                nextHop.CombineMask(address.GetMask()))
            {
                return i;
            }
        }
    }
    NS_ABORT_MSG("lab: no interface towards " << nextHop);
    return 0;
}

void
SetDefaultRoute(Ptr<Node> node, Ipv4Address nextHop)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    Ipv4StaticRoutingHelper helper;
    helper.GetStaticRouting(ipv4)->SetDefaultRoute(nextHop, InterfaceTowards(ipv4, nextHop));
}

/// The stable name of an ns-3 Ipv4L3Protocol drop reason.
std::string
Ipv4DropName(Ipv4L3Protocol::DropReason reason)
{
    switch (reason)
    {
    case Ipv4L3Protocol::DROP_TTL_EXPIRED:
        return "ttl-expired";
    case Ipv4L3Protocol::DROP_NO_ROUTE:
        return "no-route";
    case Ipv4L3Protocol::DROP_BAD_CHECKSUM:
        return "bad-checksum";
    case Ipv4L3Protocol::DROP_INTERFACE_DOWN:
        return "interface-down";
    case Ipv4L3Protocol::DROP_ROUTE_ERROR:
        return "route-error";
    case Ipv4L3Protocol::DROP_FRAGMENT_TIMEOUT:
        return "fragment-timeout";
    case Ipv4L3Protocol::DROP_DUPLICATE:
        return "duplicate";
    }
    return "ipv4-drop-" + std::to_string(static_cast<int>(reason));
}

} // namespace

/**
 * A drop from any component's Drop trace, (packet, reason). A NAT's
 * packet starts with its IPv4 header, so a UDP or TCP first fragment has
 * its ports after it.
 */
void
Lab::CountDrop(std::map<DropKey, uint64_t>* drops,
               DropSource source,
               uint32_t node,
               Ptr<const Packet> dropped,
               const char* reason)
{
    DropKey key{source, node, reason};
    if (source == DropSource::NAT)
    {
        Ptr<Packet> packet = dropped->Copy();
        Ipv4Header header;
        packet->RemoveHeader(header);
        key.protocol = header.GetProtocol();
        uint8_t ports[4];
        if ((key.protocol == TcpL4Protocol::PROT_NUMBER ||
             key.protocol == UdpL4Protocol::PROT_NUMBER) &&
            header.GetFragmentOffset() == 0 && packet->GetSize() >= sizeof(ports))
        {
            packet->CopyData(ports, sizeof(ports));
            key.sourcePort = (ports[0] << 8) | ports[1];
            key.destinationPort = (ports[2] << 8) | ports[3];
        }
    }
    ++(*drops)[key];
}

NatDropFilter
NatDropFilter::Esp(std::vector<std::string> reasons)
{
    NatDropFilter filter;
    filter.protocol = 50;
    filter.reasons = std::move(reasons);
    return filter;
}

NatDropFilter
NatDropFilter::Ike(std::vector<std::string> reasons)
{
    NatDropFilter filter;
    filter.protocol = 17;
    filter.ports = {500, 4500};
    filter.reasons = std::move(reasons);
    return filter;
}

Lab::Lab(const std::string& id, const RunContext& context)
    : m_id(id),
      m_context(context),
      m_counters(std::make_unique<Counters>())
{
    // DESIGN section 6: checksum breakage must be real, not asserted.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    m_internet = NewNode("internet");
}

Lab::~Lab()
{
    Simulator::Destroy();
    // Names are process-wide; a second lab in the same process reuses them.
    Names::Clear();
}

Ptr<Node>
Lab::NewNode(const std::string& name)
{
    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(node);
    Names::Add(name, node);
    m_names[node->GetId()] = name;
    m_all.Add(node);
    return node;
}

Ptr<Node>
Lab::GetInternet() const
{
    return m_internet;
}

Ptr<Node>
Lab::AddPublicNode(const std::string& name)
{
    Ptr<Node> node = NewNode(name);
    LinkToCore(node);
    m_endpoints.Add(node);
    return node;
}

Ptr<NetDevice>
Lab::LinkToCore(Ptr<Node> node)
{
    // One /30 per link from 198.18.0.0/15: the core takes .1, the node .2.
    uint32_t base = Ipv4Address("198.18.0.0").Get() + 4 * m_publicLinks++;
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate",
                           *VariantValue(m_context,
                                         PointToPointNetDevice::GetTypeId(),
                                         "DataRate",
                                         StringValue("100Mbps")));
    p2p.SetChannelAttribute(
        "Delay",
        *VariantValue(m_context, PointToPointChannel::GetTypeId(), "Delay", StringValue("5ms")));
    NetDeviceContainer link = p2p.Install(m_internet, node);
    Ipv4Mask mask("/30");
    AddInterface(m_internet, link.Get(0), Ipv4Address(base + 1), mask);
    AddInterface(node, link.Get(1), Ipv4Address(base + 2), mask);
    SetDefaultRoute(node, Ipv4Address(base + 1));
    m_addresses[node->GetId()] = Ipv4Address(base + 2);
    m_pcapDevices.push_back(link.Get(1));
    return link.Get(1);
}

Ptr<Node>
Lab::AddSite(const std::string& name,
             const std::string& network,
             Ptr<Node> upstream,
             const NatHelper* nat)
{
    auto site = std::make_unique<Site>();
    auto [prefix, mask] = ParsePrefix(network);
    site->network = prefix;
    site->mask = mask;
    site->isNat = nat != nullptr;
    if (nat)
    {
        site->nat = *nat;
    }

    Ptr<Node> router = NewNode(name);
    site->uplinkDevice =
        !upstream || upstream == m_internet ? LinkToCore(router) : Attach(router, upstream);
    site->router = router;

    site->channel = CreateObject<CsmaChannel>();
    SetVariantAttribute(m_context, site->channel, "DataRate", StringValue("100Mbps"));
    SetVariantAttribute(m_context, site->channel, "Delay", StringValue("1us"));
    CsmaHelper csma;
    site->lanDevice = csma.Install(router, site->channel).Get(0);
    site->lanAddress = Ipv4Address(prefix.Get() + 1);
    AddInterface(router, site->lanDevice, site->lanAddress, mask);
    site->insideDevices.push_back(site->lanDevice);
    m_pcapDevices.push_back(site->lanDevice);
    if (site->isNat)
    {
        m_nats.Add(router);
    }
    else
    {
        m_endpoints.Add(router);
    }
    m_sites.push_back(std::move(site));
    return router;
}

Ptr<Node>
Lab::AddNat(const std::string& name,
            const NatHelper& nat,
            const std::string& network,
            Ptr<Node> upstream)
{
    return AddSite(name, network, upstream, &nat);
}

Ptr<Node>
Lab::AddNat(const std::string& name,
            const std::string& preset,
            const std::string& network,
            Ptr<Node> upstream)
{
    NatHelper nat;
    nat.SetPreset(preset);
    return AddSite(name, network, upstream, &nat);
}

Ptr<Node>
Lab::AddRouter(const std::string& name, const std::string& network, Ptr<Node> upstream)
{
    return AddSite(name, network, upstream, nullptr);
}

Lab::Site*
Lab::FindSite(Ptr<Node> router)
{
    for (auto& site : m_sites)
    {
        if (site->router == router)
        {
            return site.get();
        }
    }
    return nullptr;
}

const Lab::Site*
Lab::FindSite(Ptr<Node> router) const
{
    return const_cast<Lab*>(this)->FindSite(router);
}

Ptr<NetDevice>
Lab::Attach(Ptr<Node> node, Ptr<Node> router)
{
    Site* site = FindSite(router);
    if (!site)
    {
        throw std::invalid_argument("lab: " + GetName(router) + " has no LAN");
    }
    CsmaHelper csma;
    Ptr<NetDevice> device = csma.Install(node, site->channel).Get(0);
    Ipv4Address address = NextAddress(site);
    AddInterface(node, device, address, site->mask);
    SetDefaultRoute(node, site->lanAddress);
    m_addresses[node->GetId()] = address;
    m_pcapDevices.push_back(device);
    return device;
}

Ipv4Address
Lab::NextAddress(Site* site) const
{
    Ipv4Address address(site->network.Get() + site->nextHost++);
    // Entries declare the host counts their prefixes hold (issue 10); past
    // that the host would sit outside its own subnet.
    NS_ABORT_MSG_IF(address.CombineMask(site->mask) != site->network ||
                        address.IsSubnetDirectedBroadcast(site->mask),
                    "lab: the LAN of " << GetName(site->router) << " has no free address left");
    return address;
}

std::string
Lab::SizePrefix(const std::string& network, uint32_t hosts)
{
    auto [prefix, mask] = ParsePrefix(network);
    uint16_t length = mask.GetPrefixLength();
    // Network and broadcast addresses and the router's take three.
    while (length > 8 && (uint64_t{1} << (32 - length)) < uint64_t{hosts} + 3)
    {
        --length;
    }
    return network.substr(0, network.find('/')) + "/" + std::to_string(length);
}

Ptr<Node>
Lab::AddHost(const std::string& name, Ptr<Node> router, const std::string& address)
{
    Ptr<Node> node = NewNode(name);
    Site* site = FindSite(router);
    if (!site)
    {
        throw std::invalid_argument("lab: " + GetName(router) + " has no LAN");
    }
    if (!address.empty())
    {
        Ipv4Address wanted(address.c_str());
        site->nextHost = wanted.Get() - site->network.Get();
    }
    Attach(node, router);
    m_endpoints.Add(node);
    return node;
}

void
Lab::AddRoute(Ptr<Node> node, const std::string& network, Ipv4Address nextHop)
{
    auto [prefix, mask] = ParsePrefix(network);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    Ipv4StaticRoutingHelper helper;
    helper.GetStaticRouting(ipv4)->AddNetworkRouteTo(prefix,
                                                     mask,
                                                     nextHop,
                                                     InterfaceTowards(ipv4, nextHop));
}

void
Lab::Build()
{
    NS_ABORT_MSG_IF(m_built, "Lab::Build called twice");
    m_built = true;
    // NATs wrap the routing protocol, so they go in after the static routes.
    for (auto& site : m_sites)
    {
        if (site->isNat)
        {
            NetDeviceContainer inside;
            for (auto& device : site->insideDevices)
            {
                inside.Add(device);
            }
            // The user's --set of a NatEngine attribute wins over the
            // preset and over what the entry set on the helper.
            NatHelper nat = site->nat;
            for (const auto& [name, value] : UserAttributes(m_context, NatEngine::GetTypeId()))
            {
                nat.SetAttribute(name, StringValue(value));
            }
            nat.Install(site->router, inside, site->uplinkDevice);
        }
    }
    IpsecHelper ipsec;
    ipsec.Install(m_endpoints);
}

const RunContext&
Lab::GetContext() const
{
    return m_context;
}

Ipv4Address
Lab::GetAddress(Ptr<Node> node) const
{
    auto it = m_addresses.find(node->GetId());
    NS_ABORT_MSG_IF(it == m_addresses.end(), "lab: node without an address");
    return it->second;
}

Ipv4Address
Lab::GetLanAddress(Ptr<Node> router) const
{
    const Site* site = FindSite(router);
    NS_ABORT_MSG_IF(!site, "lab: " << GetName(router) << " has no LAN");
    return site->lanAddress;
}

std::string
Lab::GetName(Ptr<Node> node) const
{
    auto it = m_names.find(node->GetId());
    return it == m_names.end() ? "node" + std::to_string(node->GetId()) : it->second;
}

NodeContainer
Lab::GetEndpoints() const
{
    return m_endpoints;
}

NodeContainer
Lab::GetNats() const
{
    return m_nats;
}

NodeContainer
Lab::GetAllNodes() const
{
    return m_all;
}

std::shared_ptr<EchoFlow>
Lab::AddUdpEcho(Ptr<Node> client,
                Ptr<Node> server,
                uint16_t port,
                uint32_t count,
                Time interval,
                uint32_t size,
                Time start,
                Ipv4Address serverAddress)
{
    auto flow = std::make_shared<EchoFlow>();
    Ipv4Address destination = serverAddress == Ipv4Address() ? GetAddress(server) : serverAddress;

    UdpEchoServerHelper serverHelper(port);
    ApplicationContainer serverApp = serverHelper.Install(server);
    serverApp.Start(Seconds(0));
    serverApp.Get(0)->TraceConnectWithoutContext(
        "RxWithAddresses",
        MakeBoundCallback(
            +[](EchoFlow* f, Ptr<const Packet>, const Address& from, const Address&) {
                ++f->requestsReceived;
                if (InetSocketAddress::IsMatchingType(from))
                {
                    ++f->receivedFrom[InetSocketAddress::ConvertFrom(from).GetIpv4()];
                }
            },
            flow.get()));

    UdpEchoClientHelper clientHelper(destination, port);
    clientHelper.SetAttribute("MaxPackets", UintegerValue(count));
    clientHelper.SetAttribute("Interval", TimeValue(interval));
    clientHelper.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer clientApp = clientHelper.Install(client);
    clientApp.Start(start);
    clientApp.Get(0)->TraceConnectWithoutContext(
        "Tx",
        MakeBoundCallback(
            +[](EchoFlow* f, Ptr<const Packet>) { ++f->requestsSent; },
            flow.get()));
    clientApp.Get(0)->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](EchoFlow* f, Ptr<const Packet>) { ++f->repliesReceived; },
            flow.get()));
    return flow;
}

std::shared_ptr<TcpFlow>
Lab::AddTcpBulk(Ptr<Node> client,
                Ptr<Node> server,
                uint16_t port,
                uint64_t bytes,
                Time start,
                Ipv4Address serverAddress)
{
    auto flow = std::make_shared<TcpFlow>();
    flow->bytesToSend = bytes;
    Ipv4Address destination = serverAddress == Ipv4Address() ? GetAddress(server) : serverAddress;
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sink = sinkHelper.Install(server);
    sink.Start(Seconds(0));
    sink.Get(0)->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](TcpFlow* f, Ptr<const Packet> p, const Address&) {
                f->bytesReceived += p->GetSize();
            },
            flow.get()));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(destination, port));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    ApplicationContainer app = bulk.Install(client);
    app.Start(start);
    return flow;
}

void
Lab::Connect()
{
    Counters* c = m_counters.get();
    for (auto it = m_all.Begin(); it != m_all.End(); ++it)
    {
        Ptr<Node> node = *it;
        uint32_t nodeId = node->GetId();
        if (Ptr<IpsecStack> stack = node->GetObject<IpsecStack>())
        {
            ConnectDrops(stack, DropSource::IPSEC, nodeId);
            stack->TraceConnectWithoutContext(
                "Protect",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const Packet>, Ptr<const SecurityAssociation> sa) {
                        if (sa->GetParameters().protocol == IPSEC_PROTOCOL_ESP)
                        {
                            ++k->espSent;
                        }
                    },
                    c));
            stack->TraceConnectWithoutContext("Accept",
                                              MakeBoundCallback(
                                                  +[](Counters* k,
                                                      uint32_t id,
                                                      Ptr<const Packet>,
                                                      Ptr<const SecurityAssociation> sa) {
                                                      if (sa->GetParameters().protocol ==
                                                          IPSEC_PROTOCOL_ESP)
                                                      {
                                                          ++k->espDelivered[id];
                                                      }
                                                  },
                                                  c,
                                                  nodeId));
            // RFC 3948 4: a keepalive is one octet in UDP; a heartbeat is
            // draft-stenberg's; both cost IP + UDP headers on the wire.
            stack->GetUdpEncapsulation()->TraceConnectWithoutContext(
                "Tx",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const Packet> p, const std::string& kind) {
                        if (kind == "keepalive" || kind.rfind("heartbeat", 0) == 0)
                        {
                            k->keepaliveBytes += p->GetSize() + 28;
                        }
                    },
                    c));
        }
        if (Ptr<IkeDaemon> daemon = node->GetObject<IkeDaemon>())
        {
            daemon->TraceConnectWithoutContext(
                "Sent",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const IkeSa>, Ptr<const Packet>) { ++k->ikeSent; },
                    c));
            daemon->TraceConnectWithoutContext(
                "Retransmit",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const IkeSa>, Ptr<const Packet>) {
                        ++k->ikeRetransmissions;
                    },
                    c));
            daemon->TraceConnectWithoutContext(
                "Failure",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const IkeSa>, const std::string& why) {
                        k->ikeFailures.Count(why.c_str());
                    },
                    c));
            ConnectDrops(daemon, DropSource::IKE, nodeId);
            daemon->TraceConnectWithoutContext(
                "Established",
                MakeBoundCallback(
                    +[](Counters* k, uint32_t id, Ptr<const IkeSa> sa) {
                        if (!sa->IsInitiator())
                        {
                            return;
                        }
                        ++k->ikeEstablished;
                        // Setup time counts each peer's first SA only: a
                        // rekey's CREATE_CHILD_SA is not a setup.
                        auto key = std::make_pair(id, sa->GetConfig().name);
                        if (!k->peersSetUp[key])
                        {
                            k->peersSetUp[key] = true;
                            k->setupTimeSumMs +=
                                (sa->GetEstablishedTime() - sa->GetStartTime()).GetSeconds() *
                                1000.0;
                            ++k->setupCount;
                        }
                    },
                    c,
                    nodeId));
            daemon->TraceConnectWithoutContext(
                "ChildSa",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const IkeSa> sa, const IkeChildSa&) {
                        if (sa->IsInitiator())
                        {
                            ++k->childSas;
                        }
                    },
                    c));
        }
        if (Ptr<NatEngine> nat = node->GetObject<NatEngine>())
        {
            nat->TraceConnectWithoutContext(
                "MappingExpired",
                MakeBoundCallback(
                    +[](Counters* k, const NatMappingInfo&, const std::string&) {
                        ++k->mappingsExpired;
                    },
                    c));
            ConnectDrops(nat, DropSource::NAT, nodeId);
        }
        ConnectIpDrops(node);
    }
}

void
Lab::ConnectIpDrops(Ptr<Node> node)
{
    Counters* c = m_counters.get();
    uint32_t nodeId = node->GetId();
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    if (!ipv4)
    {
        return; // a switch
    }
    ipv4->TraceConnectWithoutContext(
        "Drop",
        MakeBoundCallback(
            +[](Counters* k,
                uint32_t id,
                const Ipv4Header&,
                Ptr<const Packet> packet,
                Ipv4L3Protocol::DropReason reason,
                Ptr<Ipv4>,
                uint32_t) {
                CountDrop(&k->drops, DropSource::IP, id, packet, Ipv4DropName(reason).c_str());
            },
            c,
            nodeId));
    // ns-3's UDP and TCP drop a bad checksum without a trace; the IPsec
    // stack's plaintext filter in front of them reports it.
    for (auto [protocol, reason] : {std::make_pair(TcpL4Protocol::PROT_NUMBER, TCP_CHECKSUM_DROP),
                                    std::make_pair(UdpL4Protocol::PROT_NUMBER, UDP_CHECKSUM_DROP)})
    {
        if (auto filter = DynamicCast<IpsecPlaintextFilter>(ipv4->GetProtocol(protocol)))
        {
            filter->TraceConnectWithoutContext(
                "ChecksumFailure",
                MakeBoundCallback(
                    +[](Counters* k,
                        uint32_t id,
                        const char* why,
                        const Ipv4Header&,
                        Ptr<const Packet> packet) {
                        CountDrop(&k->drops, DropSource::IP, id, packet, why);
                    },
                    c,
                    nodeId,
                    reason));
        }
    }
}

void
Lab::ConnectDrops(Ptr<Object> component, DropSource source, uint32_t node)
{
    component->TraceConnectWithoutContext(
        "Drop",
        MakeBoundCallback(&Lab::CountDrop, &m_counters->drops, source, node));
}

void
Lab::EnablePcaps() const
{
    // One file per device, named after the node, so a student finds "host-a"
    // rather than "3-1"; ns-3 writes them in simulation order, so the same
    // seed gives the same bytes.
    PointToPointHelper p2p;
    CsmaHelper csma;
    std::map<std::string, uint32_t> perNode;
    for (const auto& device : m_pcapDevices)
    {
        std::string node = GetName(device->GetNode());
        std::string file =
            GetOutputPrefix() + "-" + node + "-" + std::to_string(perNode[node]++) + ".pcap";
        if (DynamicCast<PointToPointNetDevice>(device))
        {
            p2p.EnablePcap(file, device, false, true);
        }
        else
        {
            csma.EnablePcap(file, device, false, true);
        }
    }
}

void
Lab::WriteKeys() const
{
    // The IKE tables, and every SA still installed or ever keyed by IKE
    // (rekeys delete SAs whose packets are in the pcap).
    IkeHelper::WriteWiresharkProfile(GetOutputPrefix() + "-keys", m_all);
}

std::string
Lab::GetOutputPrefix() const
{
    if (m_context.pcapDir.empty())
    {
        return "";
    }
    return m_context.pcapDir + "/" + m_id + "-" + m_context.variant;
}

void
Lab::Run(Time stop)
{
    if (!m_built)
    {
        Build();
    }
    Connect();
    if (!m_context.pcapDir.empty())
    {
        EnablePcaps();
    }
    Simulator::Stop(stop);
    Simulator::Run();
    if (!m_context.pcapDir.empty())
    {
        WriteKeys();
    }
}

namespace
{

/// Drops of \p reason, or every reason's when it is empty.
NatDropFilter
ForReason(const std::string& reason)
{
    NatDropFilter filter;
    if (!reason.empty())
    {
        filter.reasons = {reason};
    }
    return filter;
}

} // namespace

uint64_t
Lab::CountDrops(DropSource source, Ptr<Node> node, const NatDropFilter& filter) const
{
    auto listed = [](const auto& list, auto value) {
        return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
    };
    uint64_t total = 0;
    for (const auto& [key, count] : m_counters->drops)
    {
        if (key.source != source || (node && key.node != node->GetId()))
        {
            continue;
        }
        bool portMatches = filter.ports.empty() ||
                           (key.sourcePort != 0 && listed(filter.ports, key.sourcePort)) ||
                           (key.destinationPort != 0 && listed(filter.ports, key.destinationPort));
        bool destinationMatches =
            filter.destinationPorts.empty() ||
            (key.destinationPort != 0 && listed(filter.destinationPorts, key.destinationPort));
        if ((filter.protocol == 0 || filter.protocol == key.protocol) && portMatches &&
            destinationMatches && listed(filter.reasons, key.reason))
        {
            total += count;
        }
    }
    return total;
}

uint64_t
Lab::GetIpsecDrops(const std::string& reason) const
{
    return CountDrops(DropSource::IPSEC, nullptr, ForReason(reason));
}

uint64_t
Lab::GetIpsecDrops(Ptr<Node> node, const std::string& reason) const
{
    return CountDrops(DropSource::IPSEC, node, ForReason(reason));
}

uint64_t
Lab::GetIpsecDrops(const std::string& reason, IpsecProtocol protocol) const
{
    // The Drop trace carries no protocol: the stacks count by it.
    uint64_t total = 0;
    for (auto it = m_all.Begin(); it != m_all.End(); ++it)
    {
        if (Ptr<IpsecStack> stack = (*it)->GetObject<IpsecStack>())
        {
            total += stack->GetDropCount(reason, protocol);
        }
    }
    return total;
}

uint64_t
Lab::GetNatDrops(const std::string& reason) const
{
    return CountDrops(DropSource::NAT, nullptr, ForReason(reason));
}

uint64_t
Lab::CountNatDrops(const NatDropFilter& filter) const
{
    return CountDrops(DropSource::NAT, nullptr, filter);
}

uint64_t
Lab::GetIpDrops(Ptr<Node> node, const std::string& reason) const
{
    return CountDrops(DropSource::IP, node, ForReason(reason));
}

uint64_t
Lab::GetIkeFailures(const std::string& reason) const
{
    return m_counters->ikeFailures.Get(reason);
}

uint64_t
Lab::GetIkeDrops(const std::string& reason) const
{
    return CountDrops(DropSource::IKE, nullptr, ForReason(reason));
}

uint64_t
Lab::GetIkeSasEstablished() const
{
    return m_counters->ikeEstablished;
}

uint64_t
Lab::GetChildSas() const
{
    return m_counters->childSas;
}

uint64_t
Lab::GetIkeMessagesSent() const
{
    return m_counters->ikeSent;
}

uint64_t
Lab::GetIkeRetransmissions() const
{
    return m_counters->ikeRetransmissions;
}

double
Lab::GetSetupTimeMs() const
{
    return m_counters->setupCount == 0 ? 0.0 : m_counters->setupTimeSumMs / m_counters->setupCount;
}

uint64_t
Lab::GetEspSent() const
{
    return m_counters->espSent;
}

uint64_t
Lab::GetEspDelivered() const
{
    uint64_t total = 0;
    for (const auto& [node, count] : m_counters->espDelivered)
    {
        total += count;
    }
    return total;
}

uint64_t
Lab::GetEspDelivered(Ptr<Node> node) const
{
    auto it = m_counters->espDelivered.find(node->GetId());
    return it == m_counters->espDelivered.end() ? 0 : it->second;
}

uint64_t
Lab::GetKeepaliveBytes() const
{
    return m_counters->keepaliveBytes;
}

uint64_t
Lab::GetMappingsExpired() const
{
    return m_counters->mappingsExpired;
}

void
Lab::FillMetrics(ResultRow& row) const
{
    row.SetMetric("ike_sas_established", static_cast<double>(GetIkeSasEstablished()));
    row.SetMetric("esp_sent", static_cast<double>(GetEspSent()));
    row.SetMetric("esp_delivered", static_cast<double>(GetEspDelivered()));
    row.SetMetric("esp_dropped", static_cast<double>(GetIpsecDrops()));
    if (m_counters->setupCount > 0)
    {
        row.SetMetric("setup_time_ms", GetSetupTimeMs());
        row.SetMetric("ike_messages", static_cast<double>(GetIkeMessagesSent()));
    }
    row.SetMetric("keepalive_bytes", static_cast<double>(GetKeepaliveBytes()));
    row.SetMetric("nat_dropped", static_cast<double>(GetNatDrops()));
}

Ptr<Node>
Lab::AddSwitchedHost(const std::string& name, Ptr<Node> router)
{
    Site* site = FindSite(router);
    if (!site)
    {
        throw std::invalid_argument("lab: " + GetName(router) + " has no LAN");
    }
    CsmaHelper csma;
    csma.SetChannelAttribute(
        "DataRate",
        *VariantValue(m_context, CsmaChannel::GetTypeId(), "DataRate", StringValue("100Mbps")));
    csma.SetChannelAttribute(
        "Delay",
        *VariantValue(m_context, CsmaChannel::GetTypeId(), "Delay", StringValue("1us")));
    if (!site->lanSwitch)
    {
        // A switch is no IP node: a bridge over its ports, one on the LAN.
        Ptr<Node> node = CreateObject<Node>();
        std::string switchName = GetName(router) + "-switch";
        Names::Add(switchName, node);
        m_names[node->GetId()] = switchName;
        m_all.Add(node);
        site->lanSwitch = CreateObject<BridgeNetDevice>();
        node->AddDevice(site->lanSwitch);
        site->lanSwitch->AddBridgePort(csma.Install(node, site->channel).Get(0));
    }
    Ptr<Node> host = NewNode(name);
    NetDeviceContainer link = csma.Install(NodeContainer(site->lanSwitch->GetNode(), host));
    site->lanSwitch->AddBridgePort(link.Get(0));
    Ipv4Address address = NextAddress(site);
    AddInterface(host, link.Get(1), address, site->mask);
    SetDefaultRoute(host, site->lanAddress);
    m_pcapDevices.push_back(link.Get(1));
    m_addresses[host->GetId()] = address;
    m_endpoints.Add(host);
    return host;
}

} // namespace natt
