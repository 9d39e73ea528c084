/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 b: TCP and UDP checksums cover a pseudo-header with the IP
// addresses; inside transport-mode ESP a NAT cannot fix them.

#include "catalogue.h"
#include "dataplane-common.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"

namespace natt
{

using namespace ns3;

namespace
{

enum class Variant
{
    ESP_TRANSPORT,
    RFC3948_NAT_OA,
    TUNNEL,
};

const EntryData<Variant> kData{
    "rfc3715-b",
    "TCP/UDP checksums inside transport-mode ESP through a NAT",
    "RFC 3715 2.1 b",
    "host sits behind home-nat (10.0.0.0/24), a NAT that passes ESP by translating "
    "its address only. server (198.51.100.2) is on the public subnet behind vpn-gw. "
    "host runs a UDP echo and a TCP bulk transfer to server under manually keyed "
    "ESP SAs, and every receiver verifies UDP and TCP checksums. The checksums cover "
    "a pseudo-header with the IP addresses (RFC 3715 2.1 b): host computes them with "
    "its private address, home-nat replaces that address in the IP header but cannot "
    "reach the checksum inside the encrypted payload, so server's UDP and TCP refuse "
    "every decapsulated segment. RFC 3948 3.1.2 fixes the checksum after "
    "decapsulation with the original addresses exchanged as NAT-OA; tunnel mode "
    "never exposes the inner checksums to the NAT at all.",
    {
        {Variant::ESP_TRANSPORT,
         "esp-transport",
         "fails",
         "l4-checksum-invalid",
         "ESP transport mode host to server, no NAT-T; receivers verify the UDP/TCP "
         "checksums as they arrive (IpsecStack TransportChecksum=Verify)."},
        {Variant::RFC3948_NAT_OA,
         "rfc3948-nat-oa",
         "works",
         "none",
         "ESP transport mode inside UDP 4500 (RFC 3948); each end knows the other's "
         "original address (NAT-OA) and fixes the checksum incrementally after "
         "decapsulation (TransportChecksum=NatOa)."},
        {Variant::TUNNEL,
         "tunnel",
         "works",
         "none",
         "ESP tunnel mode from host (inner address 10.99.0.2, assigned by vpn-gw) to vpn-gw, "
         "which decapsulates for server; checksums are still verified, but they cover the "
         "inner addresses that no NAT touches."},
    },
    {ScenarioParameter::Count("packets",
                              "10",
                              "packets",
                              1,
                              1000,
                              "UDP echo requests host sends to server"),
     ScenarioParameter::Count("tcp-bytes",
                              "20000",
                              "bytes",
                              1,
                              1000000,
                              "bytes of the TCP bulk transfer")
         .Alias("tcp_bytes")},
};

class Rfc3715B : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        bool tunnel = variant == Variant::TUNNEL;
        bool natOa = variant == Variant::RFC3948_NAT_OA;
        Lab lab(GetId(), context);
        NatHelper nat;
        nat.SetPreset("address-only");
        dataplane::RemoteAccess net = dataplane::AddRemoteAccess(lab, nat, 1);
        lab.Build();
        // "Checksums on": every receiver verifies what it decapsulates,
        // unless the variant is RFC 3948's NAT-OA fix.
        dataplane::SetStackAttribute(
            lab,
            "TransportChecksum",
            EnumValue(natOa ? IpsecStack::CHECKSUM_NAT_OA : IpsecStack::CHECKSUM_VERIFY));

        IpsecHelper ipsec;
        Ptr<Node> terminator = net.server;
        if (tunnel)
        {
            dataplane::AddClientTunnel(ipsec,
                                       lab,
                                       net.hosts[0],
                                       net.nat,
                                       dataplane::AssignedAddress(0),
                                       net.gateway,
                                       dataplane::ServerSubnet(),
                                       dataplane::EspOptions(IpsecEncapsulation::NONE));
            terminator = net.gateway;
        }
        else
        {
            dataplane::TransportSpec spec;
            spec.options = dataplane::EspOptions(natOa ? IpsecEncapsulation::UDP_ENCAP
                                                       : IpsecEncapsulation::NONE);
            spec.natOa = natOa;
            dataplane::AddTransportPair(ipsec, lab, net.hosts[0], net.nat, net.server, spec);
        }

        uint32_t packets = context.GetUint("packets");
        auto echo = lab.AddUdpEcho(net.hosts[0],
                                   net.server,
                                   7,
                                   packets,
                                   MilliSeconds(100),
                                   200,
                                   Seconds(1));
        auto tcp = lab.AddTcpBulk(net.hosts[0],
                                  net.server,
                                  5001,
                                  context.GetUint("tcp-bytes"),
                                  Seconds(1));
        lab.Run(Seconds(4) + MilliSeconds(100) * packets);

        row.outcome = dataplane::EchoOutcome({echo}, terminator);
        if (tcp->bytesReceived != tcp->bytesToSend)
        {
            row.outcome = "fails";
        }
        row.symptom = row.outcome == "works" ? "none" : dataplane::ExplainLoss(lab);
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("echo_sent", echo->requestsSent);
        row.SetMetric("echo_replies", echo->repliesReceived);
        row.SetMetric("tcp_bytes_sent", static_cast<double>(tcp->bytesToSend));
        row.SetMetric("tcp_bytes_received", static_cast<double>(tcp->bytesReceived));
        row.SetMetric("l4_checksum_drops", dataplane::IpsecDrops(lab, "l4-checksum-invalid"));
        return row;
    }
};

const Registered<Rfc3715B> kRegistered(Shelf::CATALOGUE, 200, kData);

} // namespace

} // namespace natt
