/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A host behind natt's NAT model (NatHelper) for the IPsec tests: the
// "address-only" preset keeps UDP ports (port-preserving NAPT) and
// translates ESP and AH by address, so plain ESP and AH cross it too.
#ifndef NATT_IPSEC_TEST_NAT_H
#define NATT_IPSEC_TEST_NAT_H

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/nat-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

namespace natt_test
{

using namespace ns3;

/// a (10.0.0.1) -- nat (10.0.0.2 | 203.0.113.1) -- b (203.0.113.2)
struct BehindNat
{
    NodeContainer nodes; // a, nat, b
    Ipv4InterfaceContainer inside, outside;
    NetDeviceContainer insideLink, outsideLink;
    Ptr<NatEngine> nat;

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
        NatHelper helper;
        helper.SetPreset("address-only");
        helper.SetAttribute("UdpMappingTimeout", TimeValue(timeout));
        nat =
            helper.Install(nodes.Get(1), NetDeviceContainer(insideLink.Get(1)), outsideLink.Get(0));
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
