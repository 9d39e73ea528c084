/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// 3Com DNAT disclosure (seed 003), "Summary of DNAT": hosts behind a DNAT
// router send "as if they own" its global address, through a light-weight
// tunnel, from ports of the block the router allocated them; the router
// forwards without modifying the packets and checks the source port
// (list item 4).

#include "catalogue.h"
#include "dnat-common.h"
#include "fixes.h"

#include "ns3/core-module.h"

namespace natt
{

namespace
{

using namespace ns3;

enum class Variant
{
    TWO_HOSTS,
    PORT_OUTSIDE_BLOCK,
};

const EntryData<Variant> kData{
    "dnat-ports",
    "Distributed NAT (3Com DNAT): port blocks and a light-weight tunnel",
    "3Com DNAT disclosure (seed 003), Summary of DNAT, list items 2-4",
    "Hosts host-1 .. host-N sit behind dnat-router, which holds the only global address. "
    "Each host asks the router for a block of ports (and SPIs) over natt's allocation "
    "protocol (UDP 4950, doc/dnat.rst) and gets a lease it renews at half its time; the "
    "router opens a light-weight tunnel (IPv4-in-IPv4, RFC 2003) to it. The host then "
    "builds its packets \"ready-to-go\" on the Internet: source address the router's "
    "global one, source port from its block, and sends them through the tunnel. The "
    "router removes the local header, checks that the source port is in the sending "
    "host's block (list item 4), and forwards the packet without modifying it; inbound it "
    "finds the owner by destination port and adds the local header. Each host runs an "
    "unmodified TCP BulkSend and a UDP OnOff to the public server. Metrics: "
    "transport_identical counts packets whose TCP or UDP header and payload left the "
    "router byte for byte as they arrived (transport_changed the others), "
    "dnat_bytes_added_host_leg and dnat_bytes_added_internet the bytes per packet the "
    "tunnel adds on each leg, dnat_allocation_bytes_per_s the allocation protocol's "
    "bytes (requests, grants, renewals, with IP and UDP headers) per second.",
    {
        {Variant::TWO_HOSTS,
         "two-hosts",
         "works",
         "none",
         "Every host sends from ports of its own block; TCP and UDP reach the server and "
         "their transport headers and payloads are byte-identical on the router's two "
         "sides."},
        {Variant::PORT_OUTSIDE_BLOCK,
         "port-outside-block",
         "fails",
         "port-outside-block",
         "The last host's UDP application binds the port just past its block: the router's "
         "check (list item 4) drops every datagram, counted as port-outside-block."},
    },
    {
        ScenarioParameter::Count(
            "hosts",
            "2",
            "hosts",
            1,
            16,
            "hosts behind the DNAT router (16 port blocks of 1024 from 49152)"),
        ScenarioParameter::Count("tcp-bytes",
                                 "20000",
                                 "bytes",
                                 1,
                                 10000000,
                                 "bytes each host's TCP BulkSend sends"),
        ScenarioParameter::Count("udp-packets",
                                 "10",
                                 "packets",
                                 1,
                                 1000,
                                 "200-byte datagrams each host's UDP OnOff sends, 100 ms apart"),
        ScenarioParameter::Duration("lease-time",
                                    "4",
                                    "s",
                                    2,
                                    3600,
                                    "the router's lease; hosts renew at half of it"),
        ScenarioParameter::Choice(
            "stray-port",
            "variant",
            {"variant", "yes", "no"},
            "whether the last host's UDP application binds a port outside its block "
            "(variant: only in port-outside-block)"),
    },
};

class DnatPorts : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t hosts = context.GetUint("hosts");
        uint64_t tcpBytes = context.GetUint("tcp-bytes");
        uint64_t udpBytes = uint64_t{200} * context.GetUint("udp-packets");
        const std::string& stray = context.Get("stray-port");
        bool strayPort =
            stray == "yes" || (stray == "variant" && variant == Variant::PORT_OUTSIDE_BLOCK);

        Lab lab(GetId(), context);
        dnat::Net net = dnat::AddNet(lab, hosts);
        lab.Build();
        dnat::Install(lab, net, context.GetTime("lease-time"));
        dnat::TransportWatch watch;
        watch.Connect(net);

        std::vector<std::shared_ptr<dnat::Flow>> flows;
        Ipv4Address server = lab.GetAddress(net.server);
        for (uint32_t i = 0; i < hosts; ++i)
        {
            Ptr<DnatHost> host = net.dnatHosts[i];
            Ptr<Node> node = net.hosts[i];
            bool last = i + 1 == hosts;
            auto started =
                [&flows, &net, host, node, server, i, last, strayPort, tcpBytes, udpBytes](
                    const DnatBinding& b) {
                    Ipv4Address global = b.routerAddress;
                    flows.push_back(dnat::AddFlow(true,
                                                  node,
                                                  net.server,
                                                  server,
                                                  static_cast<uint16_t>(8000 + i),
                                                  InetSocketAddress(global, host->NextPort()),
                                                  tcpBytes,
                                                  Seconds(1)));
                    uint16_t udpPort = host->NextPort();
                    if (strayPort && last)
                    {
                        udpPort = b.lastPort < 65535 ? b.lastPort + 1 : b.firstPort - 1;
                    }
                    flows.push_back(dnat::AddFlow(false,
                                                  node,
                                                  net.server,
                                                  server,
                                                  static_cast<uint16_t>(9000 + i),
                                                  InetSocketAddress(global, udpPort),
                                                  udpBytes,
                                                  Seconds(1)));
                };
            host->TraceConnectWithoutContext("Granted",
                                             Callback<void, const DnatBinding&>(
                                                 std::function<void(const DnatBinding&)>(started)));
        }
        Time stop = Seconds(6);
        lab.Run(stop);

        bool delivered = flows.size() == 2 * hosts;
        for (const auto& flow : flows)
        {
            delivered = delivered && flow->bytesReceived == flow->bytesToSend;
        }
        uint64_t outside = net.dnat->GetDropCount(DnatRouter::PORT_OUTSIDE_BLOCK_DROP);
        bool works = delivered && watch.GetChanged() == 0 && watch.GetIdentical() > 0 &&
                     net.dnat->GetDropCount() == 0;
        row.outcome = works ? "works" : "fails";
        if (works)
        {
            row.symptom = "none";
        }
        else if (outside > 0)
        {
            row.symptom = "port-outside-block";
        }
        else if (watch.GetChanged() > 0)
        {
            row.symptom = "transport-modified";
        }
        else
        {
            row.symptom = "traffic-lost";
        }

        lab.GetProbe().FillMetrics(row);
        row.SetMetric("hosts", hosts);
        row.SetMetric("transport_identical", static_cast<double>(watch.GetIdentical()));
        row.SetMetric("transport_changed", static_cast<double>(watch.GetChanged()));
        row.SetMetric("dnat_bytes_added_host_leg", watch.GetHostLegOverhead());
        row.SetMetric("dnat_bytes_added_internet", watch.GetInternetOverhead());
        row.SetMetric("dnat_allocation_bytes_per_s",
                      dnat::AllocationWireBytes(net) / stop.GetSeconds());
        row.SetMetric("dnat_port_outside_block", static_cast<double>(outside));
        row.SetMetric("dnat_router_dropped", static_cast<double>(net.dnat->GetDropCount()));
        row.SetMetric("dnat_outbound", static_cast<double>(net.dnat->GetOutboundCount()));
        row.SetMetric("dnat_inbound", static_cast<double>(net.dnat->GetInboundCount()));
        return row;
    }
};

const Registered<DnatPorts> kRegistered(Shelf::CATALOGUE, 3300, kData);
// The fixes side by side (doc/fixes.rst): the light-weight tunnel adds its
// 20 bytes on the host-router leg only (dnat_bytes_added_internet is 0);
// allocation renewals are DNAT's keepalives.
const RegisteredFixUse kFix{{"dnat",
                             "dnat-ports",
                             "two-hosts",
                             "dnat_bytes_added_host_leg",
                             "dnat_allocation_bytes_per_s"}};

} // namespace

} // namespace natt
