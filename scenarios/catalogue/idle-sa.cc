/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "idle-sa.h"

#include "lab.h"
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
namespace idlesa
{

using namespace ns3;

ResultRow
RunIdleSa(const Scenario& scenario, const RunContext& context, const IdleSaSetup& setup)
{
    ResultRow row = scenario.MakeRow(context);
    Time timeout = context.GetTime("nat-udp-timeout");
    // The server sends one datagram a second while host-1 is idle.
    auto idle = static_cast<uint32_t>(context.GetTime("idle-time").GetSeconds());
    Time interval = setup.interval;
    bool stenberg = setup.stenberg;
    bool keepalives = setup.refresh && !setup.stenberg;
    bool heartbeats = setup.refresh && setup.stenberg;

    Lab lab(scenario.GetId(), context);
    NatHelper natHelper;
    natHelper.SetPreset("short-timeout");
    natHelper.SetAttribute("UdpMappingTimeout", TimeValue(timeout));
    spi::Telecommute net = spi::AddTelecommute(lab, natHelper, 1);
    lab.Build();
    spi::QueueWhileResolving(lab);
    Ptr<Node> host = net.hosts[0];

    IpsecHelper ipsec;
    spi::TunnelSpec spec;
    spec.encapsulation = stenberg ? IpsecEncapsulation::STENBERG : IpsecEncapsulation::UDP_ENCAP;
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
    if (interval.IsStrictlyPositive() && heartbeats)
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
    auto inbound =
        spi::AddUdpStream(net.server, host, hostAddress, 9, probes, Seconds(1), 200, lastOutbound);
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

} // namespace idlesa
} // namespace natt
