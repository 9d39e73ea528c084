/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A minimal NAPT for the IPsec tests, written here because natt's NAT model
// (model/nat, branch nat) was not merged when these tests were written: a
// routing-protocol wrapper (DESIGN section 8) that translates UDP with
// port preservation and ESP / AH by address, keeps each mapping for
// MappingTimeout after the last outbound packet, and drops inbound packets
// without a live mapping. Checksums are rewritten as a real NAT does:
// the IP header by IP, the UDP header here; ESP payloads are opaque.
#ifndef NATT_IPSEC_TEST_NAT_H
#define NATT_IPSEC_TEST_NAT_H

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <map>
#include <tuple>

namespace natt_test
{

using namespace ns3;

class TestNat : public Ipv4RoutingProtocol
{
  public:
    void Install(Ptr<Node> node,
                 Ptr<NetDevice> inside,
                 Ptr<NetDevice> outside,
                 Ipv4Address publicAddress,
                 Time timeout)
    {
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        m_inner = ipv4->GetRoutingProtocol();
        m_inside = inside;
        m_outside = outside;
        m_public = publicAddress;
        m_timeout = timeout;
        ipv4->SetRoutingProtocol(this);
    }

    uint32_t GetInboundDropped() const
    {
        return m_dropped;
    }

    std::size_t GetMappingCount() const
    {
        return m_mappings.size();
    }

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override
    {
        return m_inner->RouteOutput(p, header, oif, sockerr);
    }

    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override
    {
        uint8_t protocol = header.GetProtocol();
        bool translated = protocol == 17 || protocol == 50 || protocol == 51;
        if (translated && idev == m_inside && header.GetDestination() != m_public)
        {
            uint16_t port = Port(p, protocol, true);
            Key key{protocol, port};
            m_mappings[key] = {header.GetSource(), Simulator::Now()};
            Ipv4Header h = header;
            h.SetSource(m_public);
            return m_inner->RouteInput(Rewrite(p, protocol, h), h, idev, ucb, mcb, lcb, ecb);
        }
        if (translated && idev == m_outside && header.GetDestination() == m_public)
        {
            uint16_t port = Port(p, protocol, false);
            auto it = m_mappings.find(Key{protocol, port});
            if (it == m_mappings.end() || Simulator::Now() - it->second.second > m_timeout)
            {
                if (it != m_mappings.end())
                {
                    m_mappings.erase(it);
                }
                if (protocol == 17 && port != 4500 && port != 500)
                {
                    // Not IPsec: the NAT's own traffic, if any.
                    return m_inner->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
                }
                ++m_dropped;
                return true;
            }
            Ipv4Header h = header;
            h.SetDestination(it->second.first);
            return m_inner->RouteInput(Rewrite(p, protocol, h), h, idev, ucb, mcb, lcb, ecb);
        }
        return m_inner->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }

    void NotifyInterfaceUp(uint32_t) override
    {
    }

    void NotifyInterfaceDown(uint32_t) override
    {
    }

    void NotifyAddAddress(uint32_t, Ipv4InterfaceAddress) override
    {
    }

    void NotifyRemoveAddress(uint32_t, Ipv4InterfaceAddress) override
    {
    }

    void SetIpv4(Ptr<Ipv4>) override
    {
        // The wrapped protocol already has it.
    }

    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const override
    {
        m_inner->PrintRoutingTable(stream, unit);
    }

  private:
    typedef std::pair<uint8_t, uint16_t> Key;

    static uint16_t Port(Ptr<const Packet> p, uint8_t protocol, bool source)
    {
        if (protocol != 17)
        {
            return 0;
        }
        UdpHeader udp;
        p->PeekHeader(udp);
        return source ? udp.GetSourcePort() : udp.GetDestinationPort();
    }

    static Ptr<Packet> Rewrite(Ptr<const Packet> p, uint8_t protocol, const Ipv4Header& h)
    {
        Ptr<Packet> copy = p->Copy();
        if (protocol == 17)
        {
            UdpHeader old;
            copy->RemoveHeader(old);
            UdpHeader udp;
            udp.SetSourcePort(old.GetSourcePort());
            udp.SetDestinationPort(old.GetDestinationPort());
            if (Node::ChecksumEnabled())
            {
                udp.EnableChecksums();
                udp.InitializeChecksum(h.GetSource(), h.GetDestination(), 17);
            }
            copy->AddHeader(udp);
        }
        return copy;
    }

    Ptr<Ipv4RoutingProtocol> m_inner;
    Ptr<const NetDevice> m_inside;
    Ptr<const NetDevice> m_outside;
    Ipv4Address m_public;
    Time m_timeout;
    std::map<Key, std::pair<Ipv4Address, Time>> m_mappings;
    uint32_t m_dropped{0};
};

/// a (10.0.0.1) -- nat (10.0.0.2 | 203.0.113.1) -- b (203.0.113.2)
struct BehindNat
{
    NodeContainer nodes; // a, nat, b
    Ipv4InterfaceContainer inside, outside;
    NetDeviceContainer insideLink, outsideLink;
    Ptr<TestNat> nat;

    explicit BehindNat(Time timeout = Seconds(300))
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        nodes.Create(3);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        insideLink = p2p.Install(nodes.Get(0), nodes.Get(1));
        outsideLink = p2p.Install(nodes.Get(1), nodes.Get(2));
        InternetStackHelper internet;
        internet.Install(nodes);
        Ipv4AddressHelper a("10.0.0.0", "255.255.255.0");
        inside = a.Assign(insideLink);
        Ipv4AddressHelper b("203.0.113.0", "255.255.255.0");
        outside = b.Assign(outsideLink);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        nat = CreateObject<TestNat>();
        nat->Install(nodes.Get(1), insideLink.Get(1), outsideLink.Get(0), Public(), timeout);
    }

    Ipv4Address Private() const
    {
        return inside.GetAddress(0);
    }

    Ipv4Address Public() const
    {
        return outside.GetAddress(0);
    }

    Ipv4Address Server() const
    {
        return outside.GetAddress(1);
    }

    Ptr<Node> A() const
    {
        return nodes.Get(0);
    }

    Ptr<Node> B() const
    {
        return nodes.Get(2);
    }
};

} // namespace natt_test

#endif /* NATT_IPSEC_TEST_NAT_H */
