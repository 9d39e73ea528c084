/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "spi-common.h"

#include "variant-attributes.h"

#include "ns3/applications-module.h"
#include "ns3/arp-cache.h"
#include "ns3/core-module.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"

#include <cmath>

namespace natt
{
namespace spi
{

using namespace ns3;

namespace
{

const Ipv4Mask kHostMask("/32");
const char* const kServerSubnet = "172.16.0.0/24";

} // namespace

Telecommute
AddTelecommute(Lab& lab, const NatHelper& nat, uint32_t hosts, bool switched)
{
    Telecommute net;
    net.gateway = lab.AddRouter("gateway", kServerSubnet);
    net.server = lab.AddHost("server", net.gateway);
    net.nat = lab.AddNat("nat", nat, "10.0.0.0/24");
    for (uint32_t i = 0; i < hosts; ++i)
    {
        std::string name = "host-" + std::to_string(i + 1);
        net.hosts.push_back(switched ? lab.AddSwitchedHost(name, net.nat)
                                     : lab.AddHost(name, net.nat));
    }
    return net;
}

void
QueueWhileResolving(const Lab& lab, uint32_t packets)
{
    NodeContainer nodes = lab.GetAllNodes();
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Ipv4L3Protocol> ipv4 = (*it)->GetObject<Ipv4L3Protocol>();
        for (uint32_t i = 0; ipv4 && i < ipv4->GetNInterfaces(); ++i)
        {
            if (Ptr<ArpCache> cache = ipv4->GetInterface(i)->GetArpCache())
            {
                SetVariantAttribute(lab.GetContext(),
                                    cache,
                                    "PendingQueueSize",
                                    UintegerValue(packets));
            }
        }
    }
}

IpsecHelper::Options
EspOptions(IpsecEncapsulation::Type encapsulation)
{
    IpsecHelper::Options options;
    options.transform = IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_CBC,
                                                   IpsecTransform::INTEG_HMAC_SHA1_96);
    options.encapsulation = encapsulation;
    return options;
}

IpsecHelper::Pair
AddHostTunnel(IpsecHelper& ipsec,
              const Lab& lab,
              const Telecommute& net,
              Ptr<Node> host,
              const TunnelSpec& spec)
{
    Ipv4Address hostAddress = lab.GetAddress(host);
    Ipv4Address gatewayAddress = lab.GetAddress(net.gateway);
    Ipv4Address subnet = lab.GetLanAddress(net.gateway).CombineMask(Ipv4Mask("/24"));

    IpsecHelper::End a;
    a.node = host;
    a.address = hostAddress;
    a.peerAddress = gatewayAddress;
    a.localPort = spec.hostPort;
    a.peerPort = 4500;
    a.selector = IpsecSelector::SubnetToSubnet(hostAddress, kHostMask, subnet, Ipv4Mask("/24"));
    a.insideAddress = hostAddress;
    a.inboundSpiFirst = spec.inboundSpiFirst;
    a.inboundSpiLast = spec.inboundSpiLast;

    IpsecHelper::End b;
    b.node = net.gateway;
    b.address = gatewayAddress;
    b.peerAddress = lab.GetAddress(net.nat);
    b.localPort = 4500;
    b.peerPort = spec.hostPort;
    b.selector = IpsecSelector::SubnetToSubnet(subnet, Ipv4Mask("/24"), hostAddress, kHostMask);
    b.insideAddress = lab.GetLanAddress(net.gateway);

    return ipsec.AddPair(a, b, IPSEC_MODE_TUNNEL, EspOptions(spec.encapsulation));
}

std::shared_ptr<StreamFlow>
AddUdpStream(Ptr<Node> client,
             Ptr<Node> server,
             Ipv4Address serverAddress,
             uint16_t port,
             uint32_t count,
             Time interval,
             uint32_t size,
             Time start)
{
    auto flow = std::make_shared<StreamFlow>();
    PacketSinkHelper sinkHelper("ns3::UdpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sink = sinkHelper.Install(server);
    sink.Start(Seconds(0));
    sink.Get(0)->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](StreamFlow* f, Ptr<const Packet>, const Address&) { ++f->received; },
            flow.get()));

    // Always on at size / interval: one datagram per interval, count in all.
    OnOffHelper onOff("ns3::UdpSocketFactory", InetSocketAddress(serverAddress, port));
    onOff.SetAttribute("OnTime", StringValue("ns3::ConstantRandomVariable[Constant=1e6]"));
    onOff.SetAttribute("OffTime", StringValue("ns3::ConstantRandomVariable[Constant=0]"));
    onOff.SetAttribute("PacketSize", UintegerValue(size));
    onOff.SetAttribute("DataRate",
                       DataRateValue(DataRate(static_cast<uint64_t>(
                           std::llround(size * 8.0 / interval.GetSeconds())))));
    onOff.SetAttribute("MaxBytes", UintegerValue(uint64_t{count} * size));
    ApplicationContainer app = onOff.Install(client);
    app.Start(start);
    app.Get(0)->TraceConnectWithoutContext("Tx",
                                           MakeBoundCallback(
                                               +[](StreamFlow* f, Ptr<const Packet>) { ++f->sent; },
                                               flow.get()));
    return flow;
}

} // namespace spi
} // namespace natt
