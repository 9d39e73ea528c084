/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lab.h"

#include "variant-attributes.h"

#include "ns3/applications-module.h"
#include "ns3/bridge-net-device.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/ike-helper.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/six-to-four-helper.h"

#include <cstdlib>
#include <stdexcept>

using namespace ns3;

namespace natt
{

namespace
{

/**
 * A learning switch that filters (IEEE 802.1D 7.7.1): a frame whose
 * destination was learned on the port it came in on is not forwarded.
 * ns-3.37's BridgeNetDevice floods it, so a switch whose uplink is on a
 * shared segment would copy every frame between the segment's other
 * stations into its whole subtree: with 2,000 hosts, most of a run's time.
 */
class FilteringBridge : public BridgeNetDevice
{
  public:
    /// AddBridgePort, with the frames of \p port passing the filter first.
    void AddPort(Ptr<NetDevice> port)
    {
        AddBridgePort(port);
        Ptr<Node> node = GetNode();
        node->UnregisterProtocolHandler(
            MakeCallback(&FilteringBridge::ReceiveFromDevice, static_cast<BridgeNetDevice*>(this)));
        node->RegisterProtocolHandler(MakeCallback(&FilteringBridge::Filter, this), 0, port, true);
    }

  private:
    void Filter(Ptr<NetDevice> port,
                Ptr<const Packet> packet,
                uint16_t protocol,
                const Address& source,
                const Address& destination,
                NetDevice::PacketType type)
    {
        if (type == NetDevice::PACKET_OTHERHOST &&
            GetLearnedState(Mac48Address::ConvertFrom(destination)) == port)
        {
            return;
        }
        ReceiveFromDevice(port, packet, protocol, source, destination, type);
    }
};

} // namespace

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
    /// Attach's hosts on the CSMA segment itself, and the switches of the
    /// hosts past kSegmentHosts: the leaf and aggregation switch being filled.
    uint32_t segmentHosts{0};
    Ptr<FilteringBridge> leafSwitch;
    uint32_t leafPorts{0};
    Ptr<FilteringBridge> aggregationSwitch;
    uint32_t aggregationPorts{0};
    uint32_t switches{0};
    /// Dual stack (AddIpv6Lan): the LAN's IPv6 prefix, and the hosts to address in it.
    bool ipv6{false};
    Ipv6Address network6;
    uint32_t nextHost6{2};
    std::vector<std::pair<Ptr<Node>, Ptr<NetDevice>>> hosts;
};

/// Links of the lab (DESIGN section 5); a --set of the ns-3 attribute wins.
constexpr const char* kPublicLinkRate = "100Mbps";
constexpr const char* kPublicLinkDelay = "5ms";
constexpr const char* kLanRate = "100Mbps";
constexpr const char* kLanDelay = "1us";
/**
 * A LAN's first hosts share the router's CSMA segment, where every frame
 * reaches every device; the hosts past these join through a tree of
 * switches of bounded fan-out, so that a frame costs the same with a
 * thousand hosts as with ten (issue 17).
 */
constexpr uint32_t kSegmentHosts = 32;
/// Ports of a switch below its uplink: hosts of a leaf, leaves of an aggregation switch.
constexpr uint32_t kSwitchFanOut = 32;

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

/// An ARP entry for \p neighbor at \p mac in the cache of \p device's interface.
void
AddArpEntry(Ptr<NetDevice> device, Ipv4Address neighbor, const Address& mac)
{
    Ptr<Ipv4L3Protocol> ipv4 = device->GetNode()->GetObject<Ipv4L3Protocol>();
    Ptr<ArpCache> cache = ipv4->GetInterface(ipv4->GetInterfaceForDevice(device))->GetArpCache();
    ArpCache::Entry* entry = cache->Lookup(neighbor);
    if (!entry)
    {
        entry = cache->Add(neighbor);
    }
    entry->SetMacAddress(mac);
    entry->MarkAutoGenerated();
}

/// Add \p port to ns-3's own learning bridge.
void
AddPort(Ptr<BridgeNetDevice> bridge, Ptr<NetDevice> port)
{
    bridge->AddBridgePort(port);
}

/// Add \p port to a filtering bridge, through its filter.
void
AddPort(Ptr<FilteringBridge> bridge, Ptr<NetDevice> port)
{
    bridge->AddPort(port);
}

/// A new port of \p bridge on \p link, and \p node's device on it: a link of
/// its own, so the node's frames meet others' only in the switch.
template <class Bridge>
Ptr<NetDevice>
SwitchPort(Ptr<Bridge> bridge, Ptr<Node> node, Ptr<CsmaChannel> link)
{
    CsmaHelper csma;
    AddPort(bridge, csma.Install(bridge->GetNode(), link).Get(0));
    return csma.Install(node, link).Get(0);
}

void
SetDefaultRoute(Ptr<Node> node, Ipv4Address nextHop)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    Ipv4StaticRoutingHelper helper;
    helper.GetStaticRouting(ipv4)->SetDefaultRoute(nextHop, InterfaceTowards(ipv4, nextHop));
}

} // namespace

Lab::Lab(const std::string& id, const RunContext& context)
    : m_id(id),
      m_context(context)
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

std::shared_ptr<Adversary>
Lab::AddAdversary(const std::string& name)
{
    // Streams from 9000 on, clear of IKE's (7000) and the NATs' (8000).
    auto adversary =
        std::make_shared<Adversary>(AddPublicNode(name), 9000 + 10 * m_adversaries.size());
    m_adversaries.push_back(adversary);
    return adversary;
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
                                         StringValue(kPublicLinkRate)));
    p2p.SetChannelAttribute("Delay",
                            *VariantValue(m_context,
                                          PointToPointChannel::GetTypeId(),
                                          "Delay",
                                          StringValue(kPublicLinkDelay)));
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

    site->channel = NewLanChannel();
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

Ptr<CsmaChannel>
Lab::NewLanChannel() const
{
    Ptr<CsmaChannel> channel = CreateObject<CsmaChannel>();
    SetVariantAttribute(m_context, channel, "DataRate", StringValue(kLanRate));
    SetVariantAttribute(m_context, channel, "Delay", StringValue(kLanDelay));
    return channel;
}

Lab::Site&
Lab::GetSite(Ptr<Node> router) const
{
    for (const auto& site : m_sites)
    {
        if (site->router == router)
        {
            return *site;
        }
    }
    throw std::invalid_argument("lab: " + GetName(router) + " has no LAN");
}

Ptr<NetDevice>
Lab::Attach(Ptr<Node> node, Ptr<Node> router)
{
    Site& site = GetSite(router);
    if (site.segmentHosts < kSegmentHosts)
    {
        ++site.segmentHosts;
        CsmaHelper csma;
        Ptr<NetDevice> device = csma.Install(node, site.channel).Get(0);
        AddressOnLan(node, device, site);
        return device;
    }
    Ptr<NetDevice> device = AttachToSwitch(node, site);
    AddressOnLan(node, device, site);
    // An ARP request floods every port of the tree: one per host, each
    // reaching every host, would cost the LAN n^2 frames. A switched host
    // and its router know each other's MAC from the start, as ns-3's
    // NeighborCacheHelper fills caches; ARP between hosts still floods.
    AddArpEntry(device, site.lanAddress, site.lanDevice->GetAddress());
    AddArpEntry(site.lanDevice, GetAddress(node), device->GetAddress());
    return device;
}

template <class Bridge>
Ptr<Bridge>
Lab::NewSwitch(Site& site, const std::string& role, Ptr<CsmaChannel> uplink)
{
    // A switch is no IP node: a bridge over its ports.
    Ptr<Node> node = CreateObject<Node>();
    std::string name = GetName(site.router) + "-" + role;
    Names::Add(name, node);
    m_names[node->GetId()] = name;
    m_all.Add(node);
    Ptr<Bridge> bridge = CreateObject<Bridge>();
    node->AddDevice(bridge);
    CsmaHelper csma;
    AddPort(bridge, csma.Install(node, uplink).Get(0));
    return bridge;
}

Ptr<NetDevice>
Lab::AttachToSwitch(Ptr<Node> node, Site& site)
{
    // Two levels below the segment: a leaf switch of kSwitchFanOut hosts,
    // an aggregation switch of kSwitchFanOut leaves on the segment. Each
    // node then has a bounded number of ports (a node hands every frame
    // to each of its devices' handlers in turn), and the segment holds one
    // aggregation switch per kSwitchFanOut^2 hosts.
    CsmaHelper csma;
    if (!site.leafSwitch || site.leafPorts == kSwitchFanOut)
    {
        if (!site.aggregationSwitch || site.aggregationPorts == kSwitchFanOut)
        {
            site.aggregationSwitch =
                NewSwitch<FilteringBridge>(site,
                                           "aggregation-" + std::to_string(++site.switches),
                                           site.channel);
            site.aggregationPorts = 0;
        }
        Ptr<CsmaChannel> link = NewLanChannel();
        Ptr<NetDevice> port = csma.Install(site.aggregationSwitch->GetNode(), link).Get(0);
        AddPort(site.aggregationSwitch, port);
        ++site.aggregationPorts;
        site.leafSwitch =
            NewSwitch<FilteringBridge>(site, "leaf-" + std::to_string(++site.switches), link);
        site.leafPorts = 0;
    }
    ++site.leafPorts;
    return SwitchPort(site.leafSwitch, node, NewLanChannel());
}

void
Lab::AddressOnLan(Ptr<Node> node, Ptr<NetDevice> device, Site& site)
{
    Ipv4Address address = NextAddress(site);
    AddInterface(node, device, address, site.mask);
    SetDefaultRoute(node, site.lanAddress);
    m_addresses[node->GetId()] = address;
    m_lanDevices[node->GetId()] = device;
    m_pcapDevices.push_back(device);
    site.hosts.emplace_back(node, device);
    if (site.ipv6)
    {
        AddressOnLan6(node, device, site);
    }
}

void
Lab::AddIpv6Lan(Ptr<Node> router, const std::string& network)
{
    Site& site = GetSite(router);
    auto slash = network.find('/');
    NS_ABORT_MSG_IF(slash == std::string::npos || network.substr(slash) != "/64",
                    "lab: an IPv6 LAN is a /64: " << network);
    site.ipv6 = true;
    site.network6 = Ipv6Address(network.substr(0, slash).c_str());
    Ptr<Ipv6> ipv6 = router->GetObject<Ipv6>();
    uint32_t interface = ipv6->AddInterface(site.lanDevice);
    ipv6->AddAddress(interface,
                     Ipv6InterfaceAddress(Ipv6AddressInPrefix(site.network6, 1), Ipv6Prefix(64)));
    ipv6->SetForwarding(interface, true);
    ipv6->SetUp(interface);
    m_addresses6[router->GetId()] = Ipv6AddressInPrefix(site.network6, 1);
    for (const auto& [host, device] : site.hosts)
    {
        AddressOnLan6(host, device, site);
    }
}

void
Lab::AddressOnLan6(Ptr<Node> node, Ptr<NetDevice> device, Site& site)
{
    Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
    uint32_t interface = ipv6->AddInterface(device);
    Ipv6Address address = Ipv6AddressInPrefix(site.network6, site.nextHost6++);
    ipv6->AddAddress(interface, Ipv6InterfaceAddress(address, Ipv6Prefix(64)));
    ipv6->SetUp(interface);
    Ipv6StaticRoutingHelper helper;
    helper.GetStaticRouting(ipv6)->SetDefaultRoute(Ipv6AddressInPrefix(site.network6, 1),
                                                   interface);
    m_addresses6[node->GetId()] = address;
}

Ipv6Address
Lab::GetIpv6Address(Ptr<Node> node) const
{
    auto it = m_addresses6.find(node->GetId());
    NS_ABORT_MSG_IF(it == m_addresses6.end(), "lab: " << GetName(node) << " has no IPv6 address");
    return it->second;
}

Ptr<NetDevice>
Lab::GetLanDevice(Ptr<Node> node) const
{
    for (const auto& site : m_sites)
    {
        if (site->router == node)
        {
            return site->lanDevice;
        }
    }
    auto it = m_lanDevices.find(node->GetId());
    NS_ABORT_MSG_IF(it == m_lanDevices.end(), "lab: " << GetName(node) << " is on no LAN");
    return it->second;
}

Ipv4Address
Lab::NextAddress(Site& site) const
{
    Ipv4Address address(site.network.Get() + site.nextHost++);
    // Entries declare the host counts their prefixes hold (issue 10); past
    // that the host would sit outside its own subnet.
    NS_ABORT_MSG_IF(address.CombineMask(site.mask) != site.network ||
                        address.IsSubnetDirectedBroadcast(site.mask),
                    "lab: the LAN of " << GetName(site.router) << " has no free address left");
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
    if (!address.empty())
    {
        Site& site = GetSite(router);
        site.nextHost = Ipv4Address(address.c_str()).Get() - site.network.Get();
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
    return GetSite(router).lanAddress;
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
    // The callbacks below hold the flow, so it lives as long as its
    // applications: a caller may drop what this returns (the sanitizer
    // suite found a test that did, and the callbacks then wrote freed memory).
    // They take it by value: ns-3.37's Callback::Bind of a reference-typed
    // parameter is undefined behaviour (UBSan, callback.h:470).
    auto flow = std::make_shared<EchoFlow>();
    Ipv4Address destination = serverAddress == Ipv4Address() ? GetAddress(server) : serverAddress;

    UdpEchoServerHelper serverHelper(port);
    ApplicationContainer serverApp = serverHelper.Install(server);
    serverApp.Start(Seconds(0));
    serverApp.Get(0)->TraceConnectWithoutContext(
        "RxWithAddresses",
        MakeBoundCallback(
            +[](std::shared_ptr<EchoFlow> f,
                Ptr<const Packet>,
                const Address& from,
                const Address&) {
                ++f->requestsReceived;
                if (InetSocketAddress::IsMatchingType(from))
                {
                    ++f->receivedFrom[InetSocketAddress::ConvertFrom(from).GetIpv4()];
                }
            },
            flow));

    UdpEchoClientHelper clientHelper(destination, port);
    clientHelper.SetAttribute("MaxPackets", UintegerValue(count));
    clientHelper.SetAttribute("Interval", TimeValue(interval));
    clientHelper.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer clientApp = clientHelper.Install(client);
    clientApp.Start(start);
    clientApp.Get(0)->TraceConnectWithoutContext(
        "Tx",
        MakeBoundCallback(
            +[](std::shared_ptr<EchoFlow> f, Ptr<const Packet>) { ++f->requestsSent; },
            flow));
    clientApp.Get(0)->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](std::shared_ptr<EchoFlow> f, Ptr<const Packet>) { ++f->repliesReceived; },
            flow));
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
    // Held by the sink's callback, as AddUdpEcho's flows are.
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
            +[](std::shared_ptr<TcpFlow> f, Ptr<const Packet> p, const Address&) {
                f->bytesReceived += p->GetSize();
            },
            flow));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(destination, port));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    ApplicationContainer app = bulk.Install(client);
    app.Start(start);
    return flow;
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
    m_probe.Connect(m_all);
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

LabProbe&
Lab::GetProbe()
{
    return m_probe;
}

const LabProbe&
Lab::GetProbe() const
{
    return m_probe;
}

Ptr<Node>
Lab::AddSwitchedHost(const std::string& name, Ptr<Node> router)
{
    Site& site = GetSite(router);
    if (!site.lanSwitch)
    {
        // ns-3's own learning bridge, as this entry's rows were made with.
        site.lanSwitch = NewSwitch<BridgeNetDevice>(site, "switch", site.channel);
    }
    Ptr<Node> host = NewNode(name);
    AddressOnLan(host, SwitchPort(site.lanSwitch, host, NewLanChannel()), site);
    m_endpoints.Add(host);
    return host;
}

} // namespace natt
