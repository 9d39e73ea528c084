/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dataplane-common.h"

#include "variant-attributes.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/ipsec-stack.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/nat-helper.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/security-association-database.h"

namespace natt
{
namespace dataplane
{

using namespace ns3;

const char*
ServerSubnet()
{
    return "198.51.100.0/24";
}

Ipv4Address
AssignedAddress(uint32_t index)
{
    return Ipv4Address(Ipv4Address("10.99.0.0").Get() + 2 + index);
}

RemoteAccess
AddRemoteAccess(Lab& lab, const NatHelper& nat, uint32_t hosts)
{
    RemoteAccess net;
    net.nat = lab.AddNat("home-nat", nat, "10.0.0.0/24");
    for (uint32_t k = 1; k <= hosts; ++k)
    {
        net.hosts.push_back(
            lab.AddHost(hosts == 1 ? "host" : "host-" + std::to_string(k), net.nat));
    }
    net.gateway = lab.AddRouter("vpn-gw", ServerSubnet());
    net.server = lab.AddHost("server", net.gateway);
    // The core routes the server's public subnet to vpn-gw, as an ISP
    // routes a customer's prefix.
    lab.AddRoute(lab.GetInternet(), ServerSubnet(), lab.GetAddress(net.gateway));
    return net;
}

IpsecHelper::Options
EspOptions(IpsecEncapsulation::Type encapsulation)
{
    IpsecHelper::Options options;
    options.protocol = IPSEC_PROTOCOL_ESP;
    options.transform = IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_CBC,
                                                   IpsecTransform::INTEG_HMAC_SHA1_96);
    options.encapsulation = encapsulation;
    return options;
}

IpsecHelper::Options
AhOptions()
{
    IpsecHelper::Options options;
    options.protocol = IPSEC_PROTOCOL_AH;
    options.transform =
        IpsecHelper::MakeTransform(IpsecTransform::ENCR_NULL, IpsecTransform::INTEG_HMAC_SHA1_96);
    return options;
}

IpsecHelper::Pair
AddTransportPair(IpsecHelper& ipsec,
                 const Lab& lab,
                 Ptr<Node> host,
                 Ptr<Node> nat,
                 Ptr<Node> server,
                 const TransportSpec& spec)
{
    Ipv4Address hostAddress = lab.GetAddress(host);
    Ipv4Address natAddress = lab.GetAddress(nat);
    Ipv4Address serverAddress = lab.GetAddress(server);

    IpsecHelper::End h;
    h.node = host;
    h.address = hostAddress;
    h.peerAddress = serverAddress;
    h.selector = IpsecSelector::HostToHost(hostAddress, serverAddress);
    if (spec.serverPort != 0)
    {
        h.selector.remotePortStart = spec.serverPort;
        h.selector.remotePortEnd = spec.serverPort;
    }

    IpsecHelper::End s;
    s.node = server;
    s.address = serverAddress;
    // The server answers the address it sees: the NAT's.
    s.peerAddress = natAddress;
    s.selector =
        IpsecSelector::HostToHost(serverAddress,
                                  spec.serverNamesPrivateAddress ? hostAddress : natAddress);
    if (spec.serverPort != 0)
    {
        // Several hosts behind one NAT look alike to the server; its
        // policies tell them apart by the port each one talks to.
        s.selector.localPortStart = spec.serverPort;
        s.selector.localPortEnd = spec.serverPort;
    }
    if (spec.natOa)
    {
        // RFC 3947 5.2: the initiator's original address (NAT-OAi as the
        // initiator sent it) for the server; the address the server sees
        // the host by (NAT-OAi as the responder sent it) for the host.
        s.natOaRemote = hostAddress;
        h.natOaLocal = natAddress;
    }
    return ipsec.AddPair(h, s, IPSEC_MODE_TRANSPORT, spec.options);
}

IpsecHelper::Pair
AddClientTunnel(IpsecHelper& ipsec,
                const Lab& lab,
                Ptr<Node> client,
                Ptr<Node> nat,
                Ipv4Address inner,
                Ptr<Node> gateway,
                const std::string& subnet,
                const IpsecHelper::Options& options)
{
    auto slash = subnet.find('/');
    Ipv4Address network(subnet.substr(0, slash).c_str());
    Ipv4Mask mask(("/" + subnet.substr(slash + 1)).c_str());

    IpsecHelper::End c;
    c.node = client;
    c.address = lab.GetAddress(client);
    c.peerAddress = lab.GetAddress(gateway);
    c.insideAddress = inner;
    c.selector = IpsecSelector::SubnetToSubnet(inner, Ipv4Mask::GetOnes(), network, mask);

    IpsecHelper::End g;
    g.node = gateway;
    g.address = lab.GetAddress(gateway);
    g.peerAddress = lab.GetAddress(nat);
    g.insideAddress = lab.GetLanAddress(gateway);
    g.selector = IpsecSelector::SubnetToSubnet(network, mask, inner, Ipv4Mask::GetOnes());
    return ipsec.AddPair(c, g, IPSEC_MODE_TUNNEL, options);
}

void
SetStackAttribute(const Lab& lab, const std::string& name, const AttributeValue& value)
{
    NodeContainer nodes = lab.GetAllNodes();
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<IpsecStack> stack = (*it)->GetObject<IpsecStack>())
        {
            SetVariantAttribute(lab.GetContext(), stack, name, value);
        }
    }
}

std::string
ExplainLoss(const Lab& lab)
{
    if (lab.GetProbe().CountNatDrops(
            NatDropFilter::Esp({"protocol-not-supported", "address-in-use"})) > 0)
    {
        return "esp-dropped-by-nat";
    }
    // Which protocol's ICV failed, as the stack that dropped it counted it.
    if (lab.GetProbe().GetIpsecDrops("icv-failure", IPSEC_PROTOCOL_AH) > 0)
    {
        return "ah-icv-mismatch";
    }
    if (lab.GetProbe().GetIpsecDrops("icv-failure", IPSEC_PROTOCOL_ESP) > 0)
    {
        return "icv-failure";
    }
    for (const char* reason : {"selector-mismatch", "l4-checksum-invalid", "spoofed-source"})
    {
        if (lab.GetProbe().GetIpsecDrops(reason) > 0)
        {
            return reason;
        }
    }
    if (lab.GetProbe().GetNatDrops() > 0)
    {
        return "dropped-by-nat";
    }
    if (lab.GetProbe().GetIpsecDrops() > 0)
    {
        return "ipsec-dropped";
    }
    return "traffic-lost";
}

double
IpsecDrops(const Lab& lab, const std::string& reason)
{
    return static_cast<double>(lab.GetProbe().GetIpsecDrops(reason));
}

uint64_t
Accepted(Ptr<Node> node)
{
    Ptr<IpsecStack> stack = node->GetObject<IpsecStack>();
    return stack ? stack->GetAcceptedCount() : 0;
}

std::string
EchoOutcome(const std::vector<std::shared_ptr<EchoFlow>>& flows,
            Ptr<Node> node,
            bool needProtection)
{
    for (const auto& flow : flows)
    {
        if (flow->requestsSent == 0 || flow->repliesReceived != flow->requestsSent)
        {
            return "fails";
        }
    }
    return !needProtection || Accepted(node) > 0 ? "works" : "fails";
}

Ipv4Address
HostAlg(Ptr<Node> node, Ipv4Address address, Ipv4Address remote)
{
    Ptr<SecurityAssociationDatabase> sad = node->GetObject<SecurityAssociationDatabase>();
    if (!sad)
    {
        return address;
    }
    for (const auto& sa : sad->GetAll())
    {
        const SecurityAssociation::Parameters& p = sa->GetParameters();
        if (p.direction == SecurityAssociation::OUTBOUND && p.remoteAddress == remote &&
            p.localAddress == address && p.originalLocal.IsInitialized() &&
            !p.originalLocal.IsAny())
        {
            return p.originalLocal;
        }
    }
    return address;
}

ResultRow
RunEcho(ResultRow row, const RunContext& context, const EchoSpec& spec, const EchoMetrics& metrics)
{
    Lab lab(row.id, context);
    NatHelper nat;
    nat.SetPreset(spec.natPreset);
    RemoteAccess net = AddRemoteAccess(lab, nat, spec.hosts);
    lab.Build();
    if (spec.recomputeChecksums)
    {
        SetStackAttribute(lab, "TransportChecksum", EnumValue(IpsecStack::CHECKSUM_RECOMPUTE));
    }

    IpsecHelper ipsec;
    std::vector<std::shared_ptr<EchoFlow>> flows;
    for (uint32_t k = 0; k < spec.hosts; ++k)
    {
        TransportSpec transport = spec.transport;
        uint16_t port = 7;
        if (spec.portPerHost)
        {
            port = static_cast<uint16_t>(7001 + k);
            transport.serverPort = port;
        }
        AddTransportPair(ipsec, lab, net.hosts[k], net.nat, net.server, transport);
        flows.push_back(lab.AddUdpEcho(net.hosts[k],
                                       net.server,
                                       port,
                                       spec.packets,
                                       MilliSeconds(100),
                                       spec.size,
                                       Seconds(1) + spec.stagger * k));
    }
    lab.Run(Seconds(2) + MilliSeconds(100) * spec.packets + spec.stagger * spec.hosts);

    row.outcome = EchoOutcome(flows, net.server);
    row.symptom = row.outcome == "works" ? "none" : ExplainLoss(lab);
    lab.GetProbe().FillMetrics(row);
    if (spec.echoTotals)
    {
        row.SetMetric("echo_sent", flows[0]->requestsSent);
        row.SetMetric("echo_replies", flows[0]->repliesReceived);
    }
    metrics(lab, EchoRun{net, flows}, row);
    return row;
}

namespace
{

void
CountWire(WireCount* count, Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t interface)
{
    if (interface == count->interface)
    {
        ++count->packets;
        count->bytes += packet->GetSize();
    }
}

/// The interface of \p node's link to the core (its point-to-point device).
uint32_t
UplinkOf(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        if (DynamicCast<PointToPointNetDevice>(node->GetDevice(i)))
        {
            return static_cast<uint32_t>(ipv4->GetInterfaceForDevice(node->GetDevice(i)));
        }
    }
    return 0;
}

} // namespace

void
CountUplink(Ptr<Node> node, WireCount* wire)
{
    wire->interface = UplinkOf(node);
    node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeBoundCallback(&CountWire, wire));
}

} // namespace dataplane
} // namespace natt
