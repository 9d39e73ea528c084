/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_TEST_UTIL_H
#define NATT_NAT_TEST_UTIL_H

// A small testbed for the NAT tests: inside hosts on one CSMA segment, the
// NAT node, outside hosts on another, all with checksums on so that every
// receiver really verifies what the NAT rewrote; and endpoints (UDP sockets,
// raw sockets) that record what arrives where.

#include "ns3/boolean.h"
#include "ns3/core-module.h"
#include "ns3/csma-helper.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-helper.h"
#include "ns3/network-module.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/// What one endpoint received.
struct NatTestArrival
{
    Ipv4Address from;
    uint16_t fromPort;
    uint32_t size;
    std::vector<uint8_t> bytes;
};

/// A UDP socket that records arrivals and sends on schedule.
class NatTestUdp
{
  public:
    NatTestUdp(Ptr<Node> node, uint16_t port)
    {
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        m_socket->SetRecvCallback(MakeCallback(&NatTestUdp::Receive, this));
    }

    ~NatTestUdp()
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }

    void SendAt(Time at, Ipv4Address to, uint16_t port, uint32_t size)
    {
        Simulator::Schedule(at,
                            &NatTestUdp::SendBytes,
                            this,
                            to,
                            port,
                            std::vector<uint8_t>(size, 0x5a));
    }

    void SendBytesAt(Time at, Ipv4Address to, uint16_t port, std::vector<uint8_t> bytes)
    {
        Simulator::Schedule(at, &NatTestUdp::SendBytes, this, to, port, bytes);
    }

    void SendBytes(Ipv4Address to, uint16_t port, std::vector<uint8_t> bytes)
    {
        m_socket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                         0,
                         InetSocketAddress(to, port));
    }

    /// Replies to the sender of arrival \p k at time \p at.
    void ReplyAt(Time at, std::size_t k, uint32_t size)
    {
        Simulator::Schedule(at, &NatTestUdp::Reply, this, k, size);
    }

    void Reply(std::size_t k, uint32_t size)
    {
        if (k < arrivals.size())
        {
            SendBytes(arrivals[k].from, arrivals[k].fromPort, std::vector<uint8_t>(size, 0xa5));
        }
    }

    std::vector<NatTestArrival> arrivals;

  private:
    void Receive(Ptr<Socket> socket)
    {
        Address from;
        while (Ptr<Packet> p = socket->RecvFrom(from))
        {
            InetSocketAddress inet = InetSocketAddress::ConvertFrom(from);
            NatTestArrival a{inet.GetIpv4(), inet.GetPort(), p->GetSize(), {}};
            a.bytes.resize(p->GetSize());
            p->CopyData(a.bytes.data(), a.bytes.size());
            arrivals.push_back(a);
        }
    }

    Ptr<Socket> m_socket;
};

/**
 * Records every IPv4 packet a node receives for a protocol (through a raw
 * socket, which sees the IP header) and sends packets with a header the
 * test writes itself (IpHeaderInclude), e.g. ESP or hand-made fragments.
 */
class NatTestRaw
{
  public:
    NatTestRaw(Ptr<Node> node, uint8_t protocol)
        : m_node(node)
    {
        m_socket = Socket::CreateSocket(node, TypeId::LookupByName("ns3::Ipv4RawSocketFactory"));
        m_socket->SetAttribute("Protocol", UintegerValue(protocol));
        m_socket->Bind();
        m_socket->SetRecvCallback(MakeCallback(&NatTestRaw::Receive, this));
        m_sender = Socket::CreateSocket(node, TypeId::LookupByName("ns3::Ipv4RawSocketFactory"));
        m_sender->SetAttribute("Protocol", UintegerValue(protocol));
        m_sender->SetAttribute("IpHeaderInclude", BooleanValue(true));
        m_sender->Bind();
    }

    ~NatTestRaw()
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }

    /// Sends \p payload after \p header (whose payload size is set here) at \p at.
    void SendAt(Time at, Ipv4Header header, std::vector<uint8_t> payload)
    {
        Simulator::Schedule(at, &NatTestRaw::Send, this, header, payload);
    }

    void Send(Ipv4Header header, std::vector<uint8_t> payload)
    {
        Ptr<Packet> p = Create<Packet>(payload.data(), payload.size());
        header.SetPayloadSize(payload.size());
        header.EnableChecksum();
        p->AddHeader(header);
        m_sender->SendTo(p, 0, InetSocketAddress(header.GetDestination(), 0));
    }

    struct Arrival
    {
        Ipv4Header header;
        std::vector<uint8_t> payload;
    };

    std::vector<Arrival> arrivals;

  private:
    void Receive(Ptr<Socket> socket)
    {
        while (Ptr<Packet> p = socket->Recv())
        {
            Arrival a;
            p->RemoveHeader(a.header);
            a.payload.resize(p->GetSize());
            p->CopyData(a.payload.data(), a.payload.size());
            arrivals.push_back(a);
        }
    }

    Ptr<Node> m_node;
    Ptr<Socket> m_socket;
    Ptr<Socket> m_sender;
};

/// Received bytes of a TCP listener, across all accepted connections.
class NatTestTcpServer
{
  public:
    NatTestTcpServer(Ptr<Node> node, uint16_t port)
    {
        m_listener = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
        m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        m_listener->Listen();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeCallback(&NatTestTcpServer::Accept, this));
    }

    std::string received;
    std::vector<Ipv4Address> peers;

  private:
    void Accept(Ptr<Socket> socket, const Address& from)
    {
        peers.push_back(InetSocketAddress::ConvertFrom(from).GetIpv4());
        socket->SetRecvCallback(MakeCallback(&NatTestTcpServer::Receive, this));
        m_accepted.push_back(socket);
    }

    void Receive(Ptr<Socket> socket)
    {
        while (Ptr<Packet> p = socket->Recv())
        {
            std::string text(p->GetSize(), '\0');
            p->CopyData(reinterpret_cast<uint8_t*>(&text[0]), text.size());
            received += text;
        }
    }

    Ptr<Socket> m_listener;
    std::vector<Ptr<Socket>> m_accepted;
};

/// Sends \p text on a connected TCP socket.
inline void
NatTestSendText(Ptr<Socket> socket, std::string text)
{
    socket->Send(Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

/**
 * inside hosts 10.0.0.2.. -- CSMA -- 10.0.0.1 NAT 203.0.113.1 -- CSMA --
 * outside hosts 203.0.113.2..
 */
class NatTestbed
{
  public:
    struct Options
    {
        uint32_t insideHosts{1};
        uint32_t outsideHosts{2};
        std::string preset{"port-preserving"};
        std::vector<std::pair<std::string, std::string>> attributes;
        uint32_t insideMtu{1500};
        uint32_t outsideMtu{1500};
    };

    explicit NatTestbed(const Options& options)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        inside.Create(options.insideHosts);
        outside.Create(options.outsideHosts);
        nat = CreateObject<Node>();
        InternetStackHelper stack;
        stack.Install(inside);
        stack.Install(outside);
        stack.Install(nat);

        CsmaHelper insideLan;
        insideLan.SetDeviceAttribute("Mtu", UintegerValue(options.insideMtu));
        NodeContainer insideNodes(nat, inside);
        insideDevices = insideLan.Install(insideNodes);
        CsmaHelper outsideLan;
        outsideLan.SetDeviceAttribute("Mtu", UintegerValue(options.outsideMtu));
        NodeContainer outsideNodes(nat, outside);
        outsideDevices = outsideLan.Install(outsideNodes);

        Ipv4AddressHelper address;
        address.SetBase("10.0.0.0", "255.255.255.0");
        insideInterfaces = address.Assign(insideDevices);
        address.SetBase("203.0.113.0", "255.255.255.0");
        outsideInterfaces = address.Assign(outsideDevices);

        Ipv4StaticRoutingHelper routing;
        for (uint32_t k = 0; k < inside.GetN(); ++k)
        {
            routing.GetStaticRouting(inside.Get(k)->GetObject<Ipv4>())
                ->SetDefaultRoute(Ipv4Address("10.0.0.1"), 1);
        }

        NatHelper helper;
        helper.SetPreset(options.preset);
        for (const auto& attribute : options.attributes)
        {
            helper.SetAttribute(attribute.first, StringValue(attribute.second));
        }
        engine =
            helper.Install(nat, NetDeviceContainer(insideDevices.Get(0)), outsideDevices.Get(0));
        NatHelper::AssignStreams(NodeContainer(nat), 1);
        engine->TraceConnectWithoutContext("Drop", MakeCallback(&NatTestbed::OnDrop, this));
    }

    Ipv4Address InsideAddress(uint32_t k) const
    {
        return insideInterfaces.GetAddress(k + 1);
    }

    Ipv4Address OutsideAddress(uint32_t k) const
    {
        return outsideInterfaces.GetAddress(k + 1);
    }

    Ipv4Address NatOutside() const
    {
        return outsideInterfaces.GetAddress(0);
    }

    uint64_t Drops(const std::string& reason) const
    {
        return engine->GetDropCount(reason);
    }

    NodeContainer inside;
    NodeContainer outside;
    Ptr<Node> nat;
    NetDeviceContainer insideDevices;
    NetDeviceContainer outsideDevices;
    Ipv4InterfaceContainer insideInterfaces;
    Ipv4InterfaceContainer outsideInterfaces;
    Ptr<NatEngine> engine;
    std::vector<std::string> dropReasons;
    /// What the Drop trace carried: each dropped packet, its IPv4 header first.
    std::vector<Ptr<const Packet>> droppedPackets;

  private:
    void OnDrop(Ptr<const Packet> packet, const char* reason)
    {
        dropReasons.emplace_back(reason);
        droppedPackets.push_back(packet);
    }
};

/// The bytes of a UDP datagram with a correct checksum for \p src -> \p dst.
inline std::vector<uint8_t>
NatTestUdpDatagram(Ipv4Address src,
                   uint16_t srcPort,
                   Ipv4Address dst,
                   uint16_t dstPort,
                   const std::vector<uint8_t>& payload)
{
    Ptr<Packet> p = Create<Packet>(payload.data(), payload.size());
    UdpHeader udp;
    udp.SetSourcePort(srcPort);
    udp.SetDestinationPort(dstPort);
    udp.EnableChecksums();
    udp.InitializeChecksum(src, dst, 17);
    p->AddHeader(udp);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/// An IPv4 header for one fragment of \p datagram: bytes [offset, offset + length).
inline Ipv4Header
NatTestFragmentHeader(Ipv4Address src,
                      Ipv4Address dst,
                      uint8_t protocol,
                      uint16_t id,
                      uint32_t offset,
                      bool more)
{
    Ipv4Header h;
    h.SetSource(src);
    h.SetDestination(dst);
    h.SetProtocol(protocol);
    h.SetIdentification(id);
    h.SetTtl(64);
    h.SetMayFragment();
    h.SetFragmentOffset(offset);
    if (more)
    {
        h.SetMoreFragments();
    }
    else
    {
        h.SetLastFragment();
    }
    return h;
}

} // namespace ns3

#endif /* NATT_NAT_TEST_UTIL_H */
