/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "telecommuter-topology.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/string.h"

namespace natt
{

namespace
{

using namespace ns3;

constexpr uint32_t kInsideBase = 0x0a000000;  // 10.0.0.0/8
constexpr uint32_t kOutsideBase = 0x64400000; // 100.64.0.0/10
constexpr uint32_t kGatewayBase = 0xc6120000; // 198.18.0.0/15
constexpr uint32_t kServerBase = 0xc0a80000;  // 192.168.0.0/16
constexpr uint32_t kInfraBase = 0xac100000;   // 172.16.0.0/12
constexpr uint32_t kFanOutBits = 4;           // log2(kFanOut)

/// IPv4 with static routing alone: no global routing object, nothing
/// computed over all nodes; and no IPv6 stack, which this IPv4 network (RFC
/// 3715's NATs are IPv4) would only build and carry idle, in both runs.
InternetStackHelper
Ipv4Stack()
{
    InternetStackHelper internet;
    internet.SetRoutingHelper(Ipv4StaticRoutingHelper());
    internet.SetIpv6StackInstall(false);
    return internet;
}

Ipv4Mask
MaskOf(uint32_t length)
{
    return Ipv4Mask(length == 0 ? 0 : ~uint32_t(0) << (32 - length));
}

/// Give \p device the address \p address / \p length. \return its interface
uint32_t
Assign(Ptr<NetDevice> device, uint32_t address, uint32_t length)
{
    Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
    int32_t interface = ipv4->GetInterfaceForDevice(device);
    if (interface < 0)
    {
        interface = ipv4->AddInterface(device);
    }
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(Ipv4Address(address), MaskOf(length)));
    ipv4->SetUp(interface);
    return interface;
}

Ptr<Ipv4StaticRouting>
Routing(Ptr<Node> node)
{
    return Ipv4StaticRoutingHelper().GetStaticRouting(node->GetObject<Ipv4>());
}

PointToPointHelper
Links()
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    return p2p;
}

} // namespace

const Ipv4Address TelecommuterTopology::kHostNetwork(kInsideBase);

TelecommuterTopology::TelecommuterTopology(uint32_t nHosts, uint32_t hostsPerNat)
{
    uint32_t nAccess = (nHosts + hostsPerNat - 1) / hostsPerNat;
    uint32_t nGateways = (nHosts + kHostsPerGateway - 1) / kHostsPerGateway;
    hosts.Create(nHosts);
    accessRouters.Create(nAccess);
    gateways.Create(nGateways);
    servers.Create(nGateways);
    InternetStackHelper internet = Ipv4Stack();
    internet.Install(hosts);
    internet.Install(accessRouters);
    internet.Install(gateways);
    internet.Install(servers);
    PointToPointHelper p2p = Links();

    std::vector<Subtree> access;
    for (uint32_t a = 0; a < nAccess; ++a)
    {
        Ptr<Node> router = accessRouters.Get(a);
        NetDeviceContainer inside;
        for (uint32_t s = 0; s < hostsPerNat && a * hostsPerNat + s < nHosts; ++s)
        {
            Ptr<Node> host = hosts.Get(a * hostsPerNat + s);
            NetDeviceContainer link = p2p.Install(host, router);
            uint32_t subnet = kInsideBase + 256 * a + 4 * s;
            uint32_t hostInterface = Assign(link.Get(0), subnet + 2, 30);
            Assign(link.Get(1), subnet + 1, 30);
            Routing(host)->SetDefaultRoute(Ipv4Address(subnet + 1), hostInterface);
            hostAddress.emplace_back(subnet + 2);
            inside.Add(link.Get(1));
        }
        accessInside.push_back(inside);
        // The uplink's /30 is the access router's leaf prefix; its outside
        // address is the /30's first host address.
        access.push_back({router, {{kOutsideBase + 4 * a, 30}}, true});
    }

    std::vector<Subtree> datacentre;
    for (uint32_t g = 0; g < nGateways; ++g)
    {
        NetDeviceContainer link = p2p.Install(gateways.Get(g), servers.Get(g));
        uint32_t network = ServerNetwork(g).Get();
        Assign(link.Get(0), network + 1, 24);
        uint32_t serverInterface = Assign(link.Get(1), network + 2, 24);
        Routing(servers.Get(g))->SetDefaultRoute(Ipv4Address(network + 1), serverInterface);
        serverAddress.emplace_back(network + 2);
        datacentre.push_back({gateways.Get(g), {{kGatewayBase + 4 * g, 30}, {network, 24}}, true});
    }

    std::vector<Subtree> top = Aggregate(access);
    std::vector<Subtree> dcTop = Aggregate(datacentre);
    top.insert(top.end(), dcTop.begin(), dcTop.end());
    Ptr<Node> core = CreateObject<Node>();
    internet.Install(core);
    routers.Add(core);
    for (const auto& child : top)
    {
        Uplink(child, core);
    }
    for (uint32_t a = 0; a < nAccess; ++a)
    {
        Ptr<Ipv4> ipv4 = accessRouters.Get(a)->GetObject<Ipv4>();
        accessOutside.push_back(ipv4->GetNetDevice(
            ipv4->GetInterfaceForAddress(Ipv4Address(kOutsideBase + 4 * a + 1))));
    }
    for (uint32_t g = 0; g < nGateways; ++g)
    {
        gatewayAddress.emplace_back(kGatewayBase + 4 * g + 1);
    }
}

std::vector<TelecommuterTopology::Subtree>
TelecommuterTopology::Aggregate(std::vector<Subtree> children)
{
    InternetStackHelper internet = Ipv4Stack();
    while (children.size() > kFanOut)
    {
        std::vector<Subtree> parents;
        for (std::size_t first = 0; first < children.size(); first += kFanOut)
        {
            Subtree parent;
            parent.top = CreateObject<Node>();
            internet.Install(parent.top);
            routers.Add(parent.top);
            // Children come in index order from an aligned block, so sixteen
            // of them make one prefix four bits shorter (per address space).
            for (const auto& prefix : children[first].prefixes)
            {
                parent.prefixes.emplace_back(prefix.first, prefix.second - kFanOutBits);
            }
            for (std::size_t i = first; i < children.size() && i < first + kFanOut; ++i)
            {
                Uplink(children[i], parent.top);
            }
            parents.push_back(parent);
        }
        children = std::move(parents);
    }
    return children;
}

void
TelecommuterTopology::Uplink(const Subtree& child, Ptr<Node> parent)
{
    NetDeviceContainer link = Links().Install(child.top, parent);
    // A leaf's uplink is its own /30 (an access router's: the NAT's outside
    // address); links between routers come from the infrastructure block.
    uint32_t subnet = child.leaf ? child.prefixes.front().first : kInfraBase + 4 * m_infraLinks++;
    uint32_t childAddress;
    childAddress = subnet + 1;
    uint32_t up = Assign(link.Get(0), childAddress, 30);
    uint32_t down = Assign(link.Get(1), subnet + 2, 30);
    Routing(child.top)->SetDefaultRoute(Ipv4Address(subnet + 2), up);
    for (const auto& prefix : child.prefixes)
    {
        Routing(parent)->AddNetworkRouteTo(Ipv4Address(prefix.first),
                                           MaskOf(prefix.second),
                                           Ipv4Address(childAddress),
                                           down);
    }
}

uint32_t
TelecommuterTopology::GatewayOf(uint32_t h) const
{
    return h % gateways.GetN();
}

Ipv4Address
TelecommuterTopology::ServerNetwork(uint32_t g)
{
    return Ipv4Address(kServerBase + 256 * g);
}

} // namespace natt
