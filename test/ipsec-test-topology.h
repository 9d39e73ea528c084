/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Shared topologies and traffic for the IPsec data-plane simulations:
// two hosts on a link (transport mode), and two subnets behind two gateways
// (tunnel mode). Checksums are on everywhere (DESIGN section 6).
#ifndef NATT_IPSEC_TEST_TOPOLOGY_H
#define NATT_IPSEC_TEST_TOPOLOGY_H

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/udp-encapsulation.h"

#include <string>

namespace natt_test
{

using namespace ns3;

/// A named transform, for parameterised tests.
struct NamedTransform
{
    const char* name;
    IpsecTransform::Encryption encryption;
    IpsecTransform::Integrity integrity;
};

inline std::vector<NamedTransform>
AllTransforms()
{
    return {
        {"AesCbcSha1", IpsecTransform::ENCR_AES_CBC, IpsecTransform::INTEG_HMAC_SHA1_96},
        {"AesCbcSha256", IpsecTransform::ENCR_AES_CBC, IpsecTransform::INTEG_HMAC_SHA2_256_128},
        {"AesGcm16", IpsecTransform::ENCR_AES_GCM_16, IpsecTransform::INTEG_NONE},
        {"NullSha1", IpsecTransform::ENCR_NULL, IpsecTransform::INTEG_HMAC_SHA1_96},
        {"NullSha256", IpsecTransform::ENCR_NULL, IpsecTransform::INTEG_HMAC_SHA2_256_128},
    };
}

inline IpsecHelper::Options
EspOptions(const NamedTransform& t)
{
    IpsecHelper::Options options;
    options.transform = IpsecHelper::MakeTransform(t.encryption, t.integrity);
    return options;
}

inline void
EnableChecksums()
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
}

/// n0 (10.1.1.1) -- n1 (10.1.1.2) on a 10 Mb/s link.
struct TwoHosts
{
    NodeContainer nodes;
    NetDeviceContainer devices;
    Ipv4InterfaceContainer interfaces;

    TwoHosts()
    {
        EnableChecksums();
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        devices = p2p.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
        interfaces = addresses.Assign(devices);
    }

    Ipv4Address Address(uint32_t k) const
    {
        return interfaces.GetAddress(k);
    }
};

/// h0 (10.0.1.1) - gwA (10.0.1.2 | 192.0.2.1) - gwB (192.0.2.2 | 10.0.2.2) - h1 (10.0.2.1).
struct TwoSubnets
{
    NodeContainer nodes; // h0, gwA, gwB, h1
    Ipv4InterfaceContainer left, middle, right;
    std::vector<NetDeviceContainer> links;

    TwoSubnets()
    {
        EnableChecksums();
        nodes.Create(4);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        links.push_back(p2p.Install(nodes.Get(0), nodes.Get(1)));
        links.push_back(p2p.Install(nodes.Get(1), nodes.Get(2)));
        links.push_back(p2p.Install(nodes.Get(2), nodes.Get(3)));
        InternetStackHelper internet;
        internet.Install(nodes);
        Ipv4AddressHelper a("10.0.1.0", "255.255.255.0", "0.0.0.1");
        left = a.Assign(links[0]);
        Ipv4AddressHelper b("192.0.2.0", "255.255.255.0");
        middle = b.Assign(links[1]);
        Ipv4AddressHelper c("10.0.2.0", "255.255.255.0", "0.0.0.2");
        right = c.Assign(links[2]);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }

    Ptr<Node> H0() const
    {
        return nodes.Get(0);
    }

    Ptr<Node> GwA() const
    {
        return nodes.Get(1);
    }

    Ptr<Node> GwB() const
    {
        return nodes.Get(2);
    }

    Ptr<Node> H1() const
    {
        return nodes.Get(3);
    }

    Ipv4Address H0Address() const
    {
        return left.GetAddress(0);
    }

    Ipv4Address H1Address() const
    {
        return right.GetAddress(1);
    }

    IpsecHelper::Pair AddTunnel(IpsecHelper& helper, const IpsecHelper::Options& options)
    {
        return helper.AddTunnelPair(GwA(),
                                    middle.GetAddress(0),
                                    left.GetAddress(1),
                                    Ipv4Address("10.0.1.0"),
                                    Ipv4Mask("/24"),
                                    GwB(),
                                    middle.GetAddress(1),
                                    right.GetAddress(0),
                                    Ipv4Address("10.0.2.0"),
                                    Ipv4Mask("/24"),
                                    options);
    }
};

/// UdpEcho from \p client to \p server: \return the echoes the client got.
struct EchoRun
{
    Ptr<UdpEchoClient> client;
    uint32_t received{0};

    void OnRx(Ptr<const Packet>)
    {
        ++received;
    }
};

inline void
CountRx(uint32_t* counter, Ptr<const Packet>)
{
    ++*counter;
}

/// UdpEcho from \p client to \p server (an IPv4 or IPv6 address).
inline void
SetupEcho(Ptr<Node> client,
          Ptr<Node> server,
          Address serverAddress,
          uint32_t packets,
          uint32_t* received,
          Time start = Seconds(1),
          Time interval = MilliSeconds(100),
          uint32_t size = 200)
{
    UdpEchoServerHelper echoServer(9);
    ApplicationContainer s = echoServer.Install(server);
    s.Start(Seconds(0.5));
    UdpEchoClientHelper echoClient(serverAddress, 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(packets));
    echoClient.SetAttribute("Interval", TimeValue(interval));
    echoClient.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer c = echoClient.Install(client);
    c.Start(start);
    c.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountRx, received));
}

/// A TCP bulk transfer of \p bytes to an IPv4 or IPv6 address; \return the sink to read GetTotalRx
/// from.
inline Ptr<PacketSink>
SetupBulk(Ptr<Node> sender, Ptr<Node> receiver, Address receiverAddress, uint32_t bytes)
{
    bool ipv6 = Ipv6Address::IsMatchingType(receiverAddress);
    Address any = ipv6 ? Address(Inet6SocketAddress(Ipv6Address::GetAny(), 50000))
                       : Address(InetSocketAddress(Ipv4Address::GetAny(), 50000));
    Address to = ipv6
                     ? Address(Inet6SocketAddress(Ipv6Address::ConvertFrom(receiverAddress), 50000))
                     : Address(InetSocketAddress(Ipv4Address::ConvertFrom(receiverAddress), 50000));
    PacketSinkHelper sink("ns3::TcpSocketFactory", any);
    ApplicationContainer s = sink.Install(receiver);
    s.Start(Seconds(0.5));
    BulkSendHelper bulk("ns3::TcpSocketFactory", to);
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    ApplicationContainer c = bulk.Install(sender);
    c.Start(Seconds(1));
    return DynamicCast<PacketSink>(s.Get(0));
}

inline Ptr<IpsecStack>
Stack(Ptr<Node> node)
{
    return node->GetObject<IpsecStack>();
}

} // namespace natt_test

#endif /* NATT_IPSEC_TEST_TOPOLOGY_H */
