/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "spi-common.h"

#include "variant-attributes.h"

#include "ns3/applications-module.h"
#include "ns3/arp-cache.h"
#include "ns3/core-module.h"
#include "ns3/ike-ports.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/pointer.h"
#include "ns3/queue.h"
#include "ns3/test-pki.h"
#include "ns3/x509-certificate.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace natt
{
namespace spi
{

using namespace ns3;

namespace
{

const Ipv4Mask kHostMask("/32");
const char* const kServerSubnet = "172.16.0.0/24";

/// The test PKI's folder: NATT_SOURCE_DIR from the environment, else the build's source tree.
std::string
PkiDirectory()
{
    const char* environment = std::getenv("NATT_SOURCE_DIR");
#ifdef NATT_SOURCE_DIR
    std::string source = environment ? environment : NATT_SOURCE_DIR;
#else
    std::string source = environment ? environment : ".";
#endif
    return source + "/" + TestPki::RelativeDirectory;
}

std::string
ReadPem(const std::string& name)
{
    std::string path = PkiDirectory() + "/" + name + ".pem";
    std::ifstream in(path);
    if (!in)
    {
        throw std::runtime_error("test PKI: cannot read " + path +
                                 " (set NATT_SOURCE_DIR to natt's source folder)");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t
DerSize(const std::string& pem)
{
    auto certificate = X509Certificate::FromPem(pem);
    return certificate ? certificate->GetDer().size() : 0;
}

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
        // A resolved neighbour's queue goes to the device all at once; a
        // device queue shorter than the ARP queue drops the rest in the
        // traffic-control layer (Linux's qdisc holds txqueuelen, 1000).
        for (uint32_t i = 0; i < (*it)->GetNDevices(); ++i)
        {
            PointerValue queue;
            if ((*it)->GetDevice(i)->GetAttributeFailSafe("TxQueue", queue))
            {
                Ptr<Queue<Packet>> txQueue = queue.Get<Queue<Packet>>();
                if (txQueue && txQueue->GetMaxSize().GetValue() < packets)
                {
                    SetVariantAttribute(lab.GetContext(),
                                        txQueue,
                                        "MaxSize",
                                        QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, packets)));
                }
            }
        }
    }
}

uint16_t
EncapsulationPort(uint32_t index)
{
    return static_cast<uint16_t>(IKE_NAT_T_UDP_PORT + index);
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
    a.peerPort = IKE_NAT_T_UDP_PORT;
    a.selector = IpsecSelector::SubnetToSubnet(hostAddress, kHostMask, subnet, Ipv4Mask("/24"));
    a.insideAddress = hostAddress;
    a.inboundSpiFirst = spec.inboundSpiFirst;
    a.inboundSpiLast = spec.inboundSpiLast;

    IpsecHelper::End b;
    b.node = net.gateway;
    b.address = gatewayAddress;
    b.peerAddress = lab.GetAddress(net.nat);
    b.localPort = IKE_NAT_T_UDP_PORT;
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

void
FragmentWatch::Connect(Ptr<NatEngine> nat)
{
    nat->TraceConnectWithoutContext("Translate", MakeCallback(&FragmentWatch::Translated, this));
}

uint64_t
FragmentWatch::GetFragments() const
{
    return m_fragments;
}

uint64_t
FragmentWatch::GetCollisions() const
{
    return m_collisions;
}

void
FragmentWatch::Translated(Ptr<const Packet> packet,
                          const Ipv4Header& original,
                          const Ipv4Header& translated,
                          NatEngine::Direction direction)
{
    if (direction != NatEngine::OUTBOUND ||
        (translated.IsLastFragment() && translated.GetFragmentOffset() == 0))
    {
        return;
    }
    ++m_fragments;
    auto key = std::make_tuple(translated.GetSource().Get(),
                               translated.GetDestination().Get(),
                               translated.GetProtocol(),
                               translated.GetIdentification());
    auto it = m_datagrams.find(key);
    bool finished =
        it != m_datagrams.end() && it->second.total > 0 && it->second.covered >= it->second.total;
    if (it == m_datagrams.end() || finished)
    {
        it = m_datagrams.insert_or_assign(key, Datagram{original.GetSource()}).first;
    }
    else if (it->second.owner != original.GetSource() && !it->second.collided)
    {
        it->second.collided = true;
        ++m_collisions;
    }
    it->second.covered += packet->GetSize();
    if (translated.IsLastFragment())
    {
        it->second.total = translated.GetFragmentOffset() + packet->GetSize();
    }
}

std::size_t
UseChain(IkePeerConfig& config, const std::string& entity, uint32_t depth)
{
    std::string suffix = "-" + std::to_string(depth);
    config.auth = IkePeerConfig::AUTH_RSA_SIGNATURE;
    config.certificatePem = ReadPem(entity + suffix + ".cert");
    config.privateKeyPem = ReadPem(entity + suffix + ".key");
    config.caCertificatePem = ReadPem("root-ca.cert");
    config.chainPem.clear();
    std::size_t bytes = DerSize(config.certificatePem);
    for (uint32_t k = depth; k >= 1; --k)
    {
        config.chainPem.push_back(ReadPem("chain-ca-" + std::to_string(k) + ".cert"));
        bytes += DerSize(config.chainPem.back());
    }
    return bytes;
}

} // namespace spi
} // namespace natt
