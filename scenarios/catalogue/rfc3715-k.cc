/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.2 k: a NAT forgets an idle UDP mapping after its own timeout,
// while the SA that uses it lives on; traffic from the far side then meets
// no mapping. Periodic packets from the inside keep the mapping: RFC 3948
// 2.3 NAT-keepalives, or draft-stenberg's heartbeat (3.3).

#include "catalogue.h"
#include "spi-common.h"
#include "variant-attributes.h"

#include "ns3/core-module.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-helper.h"
#include "ns3/udp-encapsulation.h"

#include <algorithm>

namespace natt
{

using namespace ns3;

namespace
{

enum class Variant
{
    NO_KEEPALIVES,
    RFC3948_KEEPALIVES,
    STENBERG_HEARTBEAT,
};

const EntryData<Variant> kData{
    "rfc3715-k",
    "NAT mapping timeouts and an idle SA",
    "RFC 3715 2.2 k",
    "host-1 sits behind the NAPT nat and keeps a tunnel-mode ESP-in-UDP SA pair with "
    "the VPN gateway, behind which sits the server. host-1 sends two UDP echoes to "
    "the server, which creates nat's UDP mapping, then sends nothing for idle-time "
    "seconds, while the server sends it one datagram a second through the tunnel. "
    "nat forgets a UDP mapping that saw no outbound packet for nat-udp-timeout "
    "seconds (RFC 3715 2.2 k: NATs vary in how long they keep idle mappings, and "
    "keep them shorter than an SA lives), so from then on the gateway's ESP-in-UDP "
    "meets no mapping and is dropped (mapping-expired). Fixes: RFC 3948 2.3 "
    "NAT-keepalives, one-octet UDP packets "
    "host-1 sends every keepalive-interval seconds; or draft-stenberg's heartbeat "
    "(3.3) on the IKE port, which also carries the draft's encapsulated ESP.",
    {
        {Variant::NO_KEEPALIVES,
         "no-keepalives",
         "fails",
         "mapping-expired",
         "RFC 3948 UDP encapsulation on port 4500 and nothing sent during the idle time."},
        {Variant::RFC3948_KEEPALIVES,
         "rfc3948-keepalives",
         "works",
         "none",
         "host-1 sends an RFC 3948 NAT-keepalive (one 0xFF octet in UDP 4500) to the "
         "gateway every keepalive-interval seconds; 0 means none."},
        {Variant::STENBERG_HEARTBEAT,
         "stenberg-heartbeat",
         "works",
         "none",
         "draft-stenberg encapsulation: ESP in the draft's envelope on UDP 500, and host-1 "
         "(the IKE initiator) sends the draft's heartbeat ping every keepalive-interval "
         "seconds, which the gateway answers; 0 means none."},
    },
    {
        ScenarioParameter::Duration("nat-udp-timeout",
                                    "30",
                                    "s",
                                    1,
                                    3600,
                                    "how long nat keeps a UDP mapping without outbound "
                                    "packets (NatEngine UdpMappingTimeout)")
            .Alias("nat_udp_timeout"),
        ScenarioParameter::Duration("idle-time",
                                    "90",
                                    "s",
                                    0,
                                    3600,
                                    "how long host-1 sends no traffic while the server sends "
                                    "it one datagram a second")
            .Alias("idle_time"),
        ScenarioParameter::Duration("keepalive-interval",
                                    "20",
                                    "s",
                                    0,
                                    3600,
                                    "time between keepalives or heartbeats in the variants "
                                    "that send them (RFC 3948 2.3 suggests 20 s); 0: none")
            .Alias("keepalive_interval"),
    },
    {{"rfc3715-k-keepalive",
      "Does the SA survive: NAT UDP timeout x keepalive interval",
      {Variant::RFC3948_KEEPALIVES},
      {{"nat-udp-timeout", {"10", "20", "40", "80"}},
       {"keepalive-interval", {"0", "5", "15", "30", "60"}}}}},
};

class Rfc3715K : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        Time timeout = context.GetTime("nat-udp-timeout");
        // The server sends one datagram a second while host-1 is idle.
        auto idle = static_cast<uint32_t>(context.GetTime("idle-time").GetSeconds());
        Time interval = context.GetTime("keepalive-interval");
        bool stenberg = variant == Variant::STENBERG_HEARTBEAT;
        bool keepalives = variant == Variant::RFC3948_KEEPALIVES;

        Lab lab(GetId(), context);
        NatHelper natHelper;
        natHelper.SetPreset("short-timeout");
        natHelper.SetAttribute("UdpMappingTimeout", TimeValue(timeout));
        spi::Telecommute net = spi::AddTelecommute(lab, natHelper, 1);
        lab.Build();
        spi::QueueWhileResolving(lab);
        Ptr<Node> host = net.hosts[0];

        IpsecHelper ipsec;
        spi::TunnelSpec spec;
        spec.encapsulation =
            stenberg ? IpsecEncapsulation::STENBERG : IpsecEncapsulation::UDP_ENCAP;
        spi::AddHostTunnel(ipsec, lab, net, host, spec);

        Ptr<UdpEncapsulation> encapsulation = host->GetObject<IpsecStack>()->GetUdpEncapsulation();
        Ipv4Address hostAddress = lab.GetAddress(host);
        Ipv4Address gatewayAddress = lab.GetAddress(net.gateway);
        Time first = Seconds(1);
        if (interval.IsStrictlyPositive() && keepalives)
        {
            SetVariantAttribute(context, encapsulation, "KeepaliveInterval", TimeValue(interval));
            uint16_t port = encapsulation->GetNattPort();
            encapsulation->StartKeepalive(InetSocketAddress(hostAddress, port),
                                          InetSocketAddress(gatewayAddress, port));
        }
        if (interval.IsStrictlyPositive() && stenberg)
        {
            SetVariantAttribute(context, encapsulation, "HeartbeatInterval", TimeValue(interval));
            uint16_t port = encapsulation->GetIkePort();
            encapsulation->StartHeartbeat(InetSocketAddress(hostAddress, port),
                                          InetSocketAddress(gatewayAddress, port));
        }

        // host-1 talks first (the mapping is made), then sends nothing for
        // idle-time. Meanwhile the server sends host-1 one datagram a second
        // through the tunnel: the peer may talk at any moment of the SA's
        // life, and inbound packets do not refresh the mapping (Refresh
        // Outbound), so any moment the mapping lapses loses a datagram,
        // whether or not a later keepalive makes it again.
        const uint32_t count = 2;
        const Time gap = Seconds(1);
        auto outbound = lab.AddUdpEcho(host, net.server, 7, count, gap, 200, first);
        Time lastOutbound = first + gap * (count - 1);
        uint32_t probes = std::max(1u, idle);
        auto inbound = spi::AddUdpStream(net.server,
                                         host,
                                         hostAddress,
                                         9,
                                         probes,
                                         Seconds(1),
                                         200,
                                         lastOutbound);
        Time stop = lastOutbound + Seconds(probes) + Seconds(1);
        lab.Run(stop);

        bool outboundWorked = outbound->requestsSent == count && outbound->repliesReceived == count;
        bool inboundWorked = inbound->sent == probes && inbound->received == inbound->sent;
        bool works = outboundWorked && inboundWorked && lab.GetProbe().GetEspDelivered(host) > 0;
        row.outcome = spi::Outcome(works);
        if (works)
        {
            row.symptom = "none";
        }
        else if (lab.GetProbe().GetNatDrops("mapping-expired") > 0)
        {
            row.symptom = "mapping-expired";
        }
        else
        {
            row.symptom = "traffic-lost";
        }

        lab.GetProbe().FillMetrics(row);
        double seconds = (stop - first).GetSeconds();
        row.SetMetric("keepalive_bytes_per_second",
                      static_cast<double>(lab.GetProbe().GetKeepaliveBytes()) / seconds);
        row.SetMetric("keepalives_sent",
                      static_cast<double>(encapsulation->GetKeepalivesSent() +
                                          encapsulation->GetHeartbeatsSent()));
        row.SetMetric("mappings_expired", static_cast<double>(lab.GetProbe().GetMappingsExpired()));
        row.SetMetric("inbound_sent", inbound->sent);
        row.SetMetric("inbound_received", inbound->received);
        return row;
    }
};

const Registered<Rfc3715K> kRegistered(Shelf::CATALOGUE, 1100, kData);

} // namespace

} // namespace natt
