/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "req-common.h"

#include "variant-attributes.h"

#include "ns3/core-module.h"
#include "ns3/ike-daemon.h"
#include "ns3/ike-ports.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-helper.h"
#include "ns3/udp-encapsulation.h"
#include "ns3/virtual-net-device.h"

#include <sstream>

using namespace ns3;

namespace natt
{
namespace req
{

namespace
{

constexpr uint16_t kFirstServerPort = 7000;
constexpr uint8_t kUdp = 17;

/// What one client's IPsec stack accepted, sorted by the server it came from.
struct ClientCounters
{
    uint16_t serverPort{0};
    uint64_t fromOwnServer{0};
    uint64_t fromOtherServers{0};
};

/**
 * The UDP source port of a packet the stack accepted: after the inner IPv4
 * header in tunnel mode, at the start in transport mode. \return 0 when
 * the packet is not UDP
 */
uint16_t
SourcePort(Ptr<const Packet> packet, IpsecMode mode)
{
    uint8_t buffer[64] = {};
    uint32_t n = packet->CopyData(buffer, sizeof(buffer));
    uint32_t offset = 0;
    if (mode == IPSEC_MODE_TUNNEL)
    {
        if (n < 20 || (buffer[0] >> 4) != 4 || buffer[9] != kUdp)
        {
            return 0;
        }
        offset = (buffer[0] & 0x0f) * 4u;
    }
    if (n < offset + 8)
    {
        return 0;
    }
    return static_cast<uint16_t>((buffer[offset] << 8) | buffer[offset + 1]);
}

void
OnClientAccept(ClientCounters* counters,
               Ptr<const Packet> packet,
               Ptr<const SecurityAssociation> sa)
{
    uint16_t port = SourcePort(packet, sa->GetParameters().mode);
    if (port == 0 || port < kFirstServerPort)
    {
        return;
    }
    // RFC 3715 2.1 e: an echo reply of another client's server arriving
    // here went down this client's SA instead of its own.
    if (port == counters->serverPort)
    {
        ++counters->fromOwnServer;
    }
    else
    {
        ++counters->fromOtherServers;
    }
}

bool
HasAddressIn(Ptr<Node> node, Ipv4Address network, Ipv4Mask mask)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            Ipv4Address a = ipv4->GetAddress(i, j).GetLocal();
            if (!a.IsLocalhost() && mask.IsMatch(a, network))
            {
                return true;
            }
        }
    }
    return false;
}

void
AddVirtualIp(Ptr<Node> node, IpsecSelector selector)
{
    if (HasAddressIn(node, selector.localAddress, selector.localMask))
    {
        return;
    }
    // RFC 7296 2.19: the address the gateway assigned becomes this host's
    // inner address; what goes to the remote subnet leaves through the
    // tunnel interface with it as source.
    Ptr<IpsecStack> stack = node->GetObject<IpsecStack>();
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    bool existed = stack->GetTunnelDevice() != nullptr;
    uint32_t interface = stack->GetTunnelInterface(selector.localAddress);
    if (existed)
    {
        ipv4->AddAddress(interface,
                         Ipv4InterfaceAddress(selector.localAddress, Ipv4Mask::GetOnes()));
    }
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(ipv4)->AddNetworkRouteTo(selector.remoteAddress,
                                                      selector.remoteMask,
                                                      interface);
}

void
OnVirtualIpChild(Node* node, Ptr<const IkeSa>, const IkeChildSa& child)
{
    if (child.mode != IPSEC_MODE_TUNNEL ||
        HasAddressIn(node, child.selector.localAddress, child.selector.localMask))
    {
        return;
    }
    // Not from inside the receive path that delivered the IKE message: a
    // new interface registers protocol handlers with the traffic-control
    // layer, whose handler list is being walked right now.
    Simulator::ScheduleNow(&AddVirtualIp, Ptr<Node>(node), child.selector);
}

std::pair<Ipv4Address, Ipv4Mask>
Prefix(const std::string& prefix)
{
    auto slash = prefix.find('/');
    return {Ipv4Address(prefix.substr(0, slash).c_str()),
            Ipv4Mask(("/" + prefix.substr(slash + 1)).c_str())};
}

/// The newest established IKE SA of \p daemon, or nullptr.
Ptr<IkeSa>
Current(Ptr<IkeDaemon> daemon)
{
    auto sas = daemon->GetSas();
    for (auto it = sas.rbegin(); it != sas.rend(); ++it)
    {
        if ((*it)->GetState() == IkeSa::ESTABLISHED)
        {
            return *it;
        }
    }
    return nullptr;
}

/// The inbound SPI of \p sa's current child SA (the newest not rekeyed), or 0.
uint32_t
CurrentChild(Ptr<IkeSa> sa)
{
    const auto& children = sa->GetChildSas();
    for (auto it = children.rbegin(); it != children.rend(); ++it)
    {
        if (!it->rekeyed)
        {
            return it->inboundSpi;
        }
    }
    return 0;
}

void
CheckChild(Ptr<IkeDaemon> daemon, uint32_t oldSpi, RekeyLog* log)
{
    Ptr<IkeSa> sa = Current(daemon);
    uint32_t spi = sa ? CurrentChild(sa) : 0;
    if (spi != 0 && spi != oldSpi)
    {
        ++log->childRekeys;
    }
}

void
CheckIke(Ptr<IkeDaemon> daemon, Ptr<IkeSa> old, RekeyLog* log)
{
    Ptr<IkeSa> sa = Current(daemon);
    if (sa && sa != old && old->GetState() != IkeSa::ESTABLISHED && CurrentChild(sa) != 0)
    {
        ++log->ikeRekeys;
    }
}

} // namespace

struct RemoteAccess::State
{
    std::string id;
    RunContext context;
    Topology topology;
    IkeSetup ike;
    Traffic traffic;
    Ptr<Node> gateway;
    Ptr<Node> server;
    std::vector<Ptr<Node>> clients;
    std::vector<std::shared_ptr<EchoFlow>> flows;
    std::vector<std::unique_ptr<ClientCounters>> counters;
    bool setUp{false};
    // Last, so that the simulator goes before the counters its traces use.
    std::unique_ptr<Lab> lab;
};

RemoteAccess::RemoteAccess(const std::string& id,
                           const RunContext& context,
                           const Topology& topology,
                           const IkeSetup& ike,
                           const Traffic& traffic)
    : m_state(std::make_shared<State>())
{
    m_state->id = id;
    m_state->context = context;
    m_state->topology = topology;
    m_state->ike = ike;
    m_state->traffic = traffic;
    m_state->lab = std::make_unique<Lab>(id, context);
}

Lab&
RemoteAccess::GetLab()
{
    return *m_state->lab;
}

Ptr<Node>
RemoteAccess::GetGateway() const
{
    return m_state->gateway;
}

const std::vector<Ptr<Node>>&
RemoteAccess::GetClients() const
{
    return m_state->clients;
}

IkePeerConfig
BaseConfig(const std::string& name, uint8_t version)
{
    IkePeerConfig config;
    config.name = name;
    config.version = version;
    // FQDN identities: RFC 3715 2.1 c breaks address identities behind a NAT.
    config.presharedKey = {'r', 'f', 'c', '3', '7', '1', '5'};
    config.ikeLifetime = Hours(3);
    config.ikeRekeyMargin = Seconds(0);
    return config;
}

IkeHelper
MakeIkeHelper(const RunContext& context)
{
    IkeHelper ike;
    // A lost exchange gives up within a few simulated seconds.
    TypeId daemon = IkeDaemon::GetTypeId();
    auto set = &IkeHelper::SetDaemonAttribute;
    SetVariantAttribute(context,
                        ike,
                        set,
                        daemon,
                        "RetransmitTimeout",
                        TimeValue(MilliSeconds(500)));
    SetVariantAttribute(context, ike, set, daemon, "RetransmitTries", UintegerValue(2));
    return ike;
}

void
UseVirtualIps(Ptr<Node> client)
{
    Ptr<IkeDaemon> daemon = IkeHelper::GetDaemon(client);
    NS_ABORT_MSG_UNLESS(daemon, "UseVirtualIps: no IKE daemon on the node");
    daemon->TraceConnectWithoutContext("ChildSa",
                                       MakeBoundCallback(&OnVirtualIpChild, PeekPointer(client)));
}

void
RemoteAccess::Setup()
{
    State& s = *m_state;
    if (s.setUp)
    {
        return;
    }
    s.setUp = true;
    Lab& lab = *s.lab;
    const Topology& t = s.topology;

    Ptr<Node> dmzNat;
    if (t.gatewayNat.empty())
    {
        s.gateway = lab.AddRouter("gateway", kCorpNetwork);
    }
    else
    {
        // RFC 3715 3, gateway-to-gateway scenario: a privately addressed DMZ.
        dmzNat = lab.AddNat("dmz-nat", t.gatewayNat, "172.16.0.0/24");
        s.gateway = lab.AddRouter("gateway", kCorpNetwork, dmzNat);
    }
    bool transport = s.ike.mode == IPSEC_MODE_TRANSPORT;
    s.server = transport ? s.gateway : lab.AddHost("server", s.gateway);

    Ptr<Node> isp;
    if (!t.outerNat.empty())
    {
        isp = lab.AddNat("isp-nat", t.outerNat, "100.64.0.0/24");
    }
    Ptr<Node> shared;
    if (t.sharedNat && !t.clientNat.empty())
    {
        shared = lab.AddNat("nat", t.clientNat, Lab::SizePrefix(kHomeNetwork, t.clients), isp);
    }
    for (uint32_t i = 1; i <= t.clients; ++i)
    {
        std::string name = "client-" + std::to_string(i);
        Ptr<Node> client;
        if (t.clientNat.empty())
        {
            client = lab.AddPublicNode(name);
        }
        else if (shared)
        {
            client = lab.AddHost(name, shared);
        }
        else
        {
            Ptr<Node> nat = lab.AddNat("nat-" + std::to_string(i), t.clientNat, kHomeNetwork, isp);
            client = lab.AddHost(name, nat);
        }
        s.clients.push_back(client);
    }
    lab.Build();

    Ipv4Address gatewayAddress = lab.GetAddress(s.gateway);
    Ipv4Address gatewayPublic = gatewayAddress;
    if (dmzNat)
    {
        // Static forwarding of IKE and NAT-T to the gateway: the only way
        // an initiator outside reaches a responder behind a NAPT (RFC 3715 2.1 h).
        std::ostringstream rules;
        if (t.gatewayForwarding)
        {
            for (uint16_t port : {IKE_UDP_PORT, IKE_NAT_T_UDP_PORT})
            {
                rules << "udp/" << port << "=" << gatewayAddress << ":" << port << " ";
            }
        }
        SetVariantAttribute(lab.GetContext(),
                            NatHelper::GetEngine(dmzNat),
                            "PortForwarding",
                            StringValue(rules.str()));
        gatewayPublic = lab.GetAddress(dmzNat);
    }

    IkeHelper ike = MakeIkeHelper(lab.GetContext());
    SetVariantAttribute(lab.GetContext(),
                        ike,
                        &IkeHelper::SetDaemonAttribute,
                        IkeDaemon::GetTypeId(),
                        "AllowResponderBehindNat",
                        BooleanValue(s.ike.allowResponderBehindNat));
    ike.Install(s.gateway);
    auto [corp, corpMask] = Prefix(kCorpNetwork);
    Ipv4Mask host = Ipv4Mask::GetOnes();

    IkePeerConfig gw = BaseConfig("clients", s.ike.version);
    gw.local = {gatewayAddress, IKE_UDP_PORT};
    gw.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
    gw.localId = IkeIdentity::Fqdn("gateway.natt.test");
    gw.natTraversal = s.ike.gatewayNatTraversal;
    IkeChildConfig gwChild;
    gwChild.name = "corp";
    gwChild.mode = s.ike.mode;
    gwChild.lifetime = s.ike.childLifetime;
    gwChild.rekeyMargin = s.ike.childRekeyMargin;
    gwChild.selector = transport ? IpsecSelector::SubnetToSubnet(gatewayAddress,
                                                                 host,
                                                                 Ipv4Address::GetAny(),
                                                                 Ipv4Mask::GetZero())
                                 : IpsecSelector::SubnetToSubnet(corp,
                                                                 corpMask,
                                                                 Ipv4Address::GetAny(),
                                                                 Ipv4Mask::GetZero());
    gw.children.push_back(gwChild);
    if (s.ike.virtualIp)
    {
        gw.addressPool = Ipv4Address(kAddressPool);
        gw.addressPoolSize = 254;
    }
    IkeHelper::GetDaemon(s.gateway)->AddPeer(gw);

    for (uint32_t i = 0; i < s.clients.size(); ++i)
    {
        Ptr<Node> client = s.clients[i];
        ike.Install(client);
        Ipv4Address address = lab.GetAddress(client);
        IkePeerConfig c = BaseConfig("gateway", s.ike.version);
        c.local = {address, IKE_UDP_PORT};
        c.remote = {gatewayPublic, IKE_UDP_PORT};
        c.localId = IkeIdentity::Fqdn("client-" + std::to_string(i + 1) + ".natt.test");
        c.remoteId = IkeIdentity::Fqdn("gateway.natt.test");
        c.natTraversal = s.ike.clientNatTraversal;
        c.forceEncapsulation = s.ike.forceEncapsulation;
        IkeChildConfig child = gwChild;
        // RFC 3715 2.1 e: the client names its own (private) address in
        // the phase-2 identities / traffic selectors.
        child.selector = transport ? IpsecSelector::HostToHost(address, gatewayPublic)
                                   : IpsecSelector::SubnetToSubnet(address, host, corp, corpMask);
        child.requestVirtualIp = s.ike.virtualIp;
        c.children.push_back(child);
        IkeHelper::GetDaemon(client)->AddPeer(c);
        if (s.ike.virtualIp)
        {
            UseVirtualIps(client);
        }
        IkeHelper::Initiate(client, "gateway", Seconds(0.5) + MilliSeconds(10) * i);

        uint16_t port = static_cast<uint16_t>(kFirstServerPort + i);
        s.flows.push_back(lab.AddUdpEcho(client,
                                         s.server,
                                         port,
                                         s.traffic.packets,
                                         s.traffic.interval,
                                         s.traffic.size,
                                         // Staggered: a gateway's ARP queue holds
                                         // only three packets for the server.
                                         s.traffic.start + MilliSeconds(10) * i,
                                         transport ? gatewayPublic : Ipv4Address()));
        auto counters = std::make_unique<ClientCounters>();
        counters->serverPort = port;
        client->GetObject<IpsecStack>()->TraceConnectWithoutContext(
            "Accept",
            MakeBoundCallback(&OnClientAccept, counters.get()));
        s.counters.push_back(std::move(counters));
    }
    IkeHelper::AssignStreams(lab.GetAllNodes(), 100);
}

void
RemoteAccess::Run()
{
    Setup();
    Lab& lab = *m_state->lab;
    // Each client starts 10 ms after the one before; so does the end.
    uint32_t later = m_state->clients.empty() ? 0 : m_state->clients.size() - 1;
    lab.Run(m_state->traffic.stop + MilliSeconds(10) * later);
    if (!lab.GetOutputPrefix().empty())
    {
        // The IKE tables too, so Wireshark decrypts IKE as well as ESP.
        IkeHelper::WriteWiresharkProfile(lab.GetOutputPrefix() + "-keys", lab.GetAllNodes());
    }
}

Observation
RemoteAccess::Observe() const
{
    const State& s = *m_state;
    Observation o;
    o.clients = static_cast<uint32_t>(s.clients.size());
    for (std::size_t i = 0; i < s.clients.size(); ++i)
    {
        o.requestsSent += s.flows[i]->requestsSent;
        o.repliesReceived += s.flows[i]->repliesReceived;
        o.repliesFromOwnServer += s.counters[i]->fromOwnServer;
        o.misdelivered += s.counters[i]->fromOtherServers;
        o.espDeliveredClients += s.lab->GetProbe().GetEspDelivered(s.clients[i]);
    }
    o.espDeliveredGateway = s.lab->GetProbe().GetEspDelivered(s.gateway);
    NodeContainer all = s.lab->GetAllNodes();
    for (auto it = all.Begin(); it != all.End(); ++it)
    {
        if (Ptr<IpsecStack> stack = (*it)->GetObject<IpsecStack>())
        {
            o.espEncapsulated += stack->GetUdpEncapsulation()->GetEspSent();
        }
    }
    return o;
}

std::string
Classify(const Lab& lab, uint64_t misdelivered, uint64_t ikeSasExpected)
{
    if (misdelivered > 0)
    {
        return "spd-overlap-misdelivery";
    }
    // ESP (protocol 50) that a firewall rule refused, or that a NAT could
    // not translate or gave to another host (RFC 3715 2.1 j); drops of
    // other protocols explain nothing about ESP.
    if (lab.GetProbe().CountNatDrops(NatDropFilter::Esp({"firewall"})) > 0)
    {
        return "esp-blocked-by-firewall";
    }
    if (lab.GetProbe().CountNatDrops(
            NatDropFilter::Esp({"protocol-not-supported", "address-in-use"})) > 0)
    {
        return "esp-dropped-by-nat";
    }
    if (lab.GetProbe().GetIkeSasEstablished() < ikeSasExpected)
    {
        // An initiator's own policy gave up a gateway it found behind a NAT.
        if (lab.GetProbe().GetIkeFailures(IkeDaemon::SERVER_BEHIND_NAT_REFUSED) > 0)
        {
            return IkeDaemon::SERVER_BEHIND_NAT_REFUSED;
        }
        return "ike-failed";
    }
    for (const char* reason : {"selector-mismatch",
                               "l4-checksum-invalid",
                               "icv-failure",
                               "policy-mismatch",
                               "spoofed-source",
                               "no-sa",
                               "sa-expired",
                               "no-route"})
    {
        if (lab.GetProbe().GetIpsecDrops(reason) > 0)
        {
            return reason;
        }
    }
    if (lab.GetProbe().GetNatDrops("no-mapping") + lab.GetProbe().GetNatDrops("mapping-expired") +
            lab.GetProbe().GetNatDrops("filtered") >
        0)
    {
        return "nat-mapping-lost";
    }
    return "traffic-lost";
}

void
RemoteAccess::Fill(ResultRow& row) const
{
    const State& s = *m_state;
    Observation o = Observe();
    uint64_t expected = static_cast<uint64_t>(s.traffic.packets) * o.clients;
    // Works: every request was sent and answered, the answers came through
    // ESP from the client's own server, the gateway received the requests
    // through ESP, and nothing went down another client's SA.
    bool works = o.requestsSent == expected && o.repliesReceived == expected &&
                 o.repliesFromOwnServer >= expected && o.espDeliveredGateway >= expected &&
                 o.misdelivered == 0;
    row.outcome = works ? "works" : "fails";
    row.symptom = works ? "none" : Classify(*s.lab, o.misdelivered, o.clients);
    s.lab->GetProbe().FillMetrics(row);
    row.SetMetric("esp_misdelivered", static_cast<double>(o.misdelivered));
    row.SetMetric("clients", o.clients);
    row.SetMetric("echo_sent", static_cast<double>(o.requestsSent));
    row.SetMetric("echo_replies", static_cast<double>(o.repliesFromOwnServer));
    row.SetMetric("esp_in_udp_sent", static_cast<double>(o.espEncapsulated));
}

ResultRow
RunRemoteAccess(const Scenario& scenario,
                const RunContext& context,
                const Topology& topology,
                const IkeSetup& ike,
                const Traffic& traffic)
{
    ResultRow row = scenario.MakeRow(context);
    RemoteAccess lab(scenario.GetId(), context, topology, ike, traffic);
    lab.Run();
    lab.Fill(row);
    return row;
}

void
RekeyChild(Ptr<IkeDaemon> daemon, uint8_t version, RekeyLog* log)
{
    ++log->requested;
    Ptr<IkeSa> sa = Current(daemon);
    uint32_t spi = sa ? CurrentChild(sa) : 0;
    if (spi == 0)
    {
        return;
    }
    daemon->GetHandler(version)->RekeyChildSa(sa, spi);
    ns3::Simulator::Schedule(ns3::Seconds(1), &CheckChild, daemon, spi, log);
}

void
RekeyIke(Ptr<IkeDaemon> daemon, uint8_t version, RekeyLog* log)
{
    ++log->requested;
    Ptr<IkeSa> sa = Current(daemon);
    if (!sa)
    {
        return;
    }
    daemon->GetHandler(version)->RekeyIkeSa(sa);
    ns3::Simulator::Schedule(ns3::Seconds(1), &CheckIke, daemon, sa, log);
}

} // namespace req
} // namespace natt
