/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.2 j (listed in 2.1's data-plane group of the catalogue):
// NAPTs that cannot handle non-UDP/TCP traffic.

#include "dataplane-common.h"
#include "entries.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"

#include <algorithm>

namespace natt
{

using namespace ns3;

namespace
{

/// Hosts the NAT's /24 LAN holds (the NAT is .1).
const uint32_t kMaxHosts = 253;

class Rfc3715J : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "rfc3715-j";
    }

    std::string GetTitle() const override
    {
        return "NAPTs that cannot handle ESP";
    }

    std::string GetSource() const override
    {
        return "RFC 3715 2.2 j";
    }

    std::string GetDescription() const override
    {
        return "hosts host-1 .. host-N sit behind home-nat (10.0.0.0/24); server "
               "(198.51.100.2) is on the public subnet behind vpn-gw. Each host sends UDP echo "
               "requests to its own port on server under manually keyed transport-mode ESP SAs. "
               "Many NAPTs only translate what has ports (RFC 3715 2.2 j): ESP (protocol 50) "
               "has none, so such a NAPT drops it, and one that translates other protocols by "
               "address only can give the single outside address to one inside host at a time, "
               "so the second host's ESP is dropped too. UDP encapsulation (RFC 3948) puts ESP "
               "inside UDP 4500, which every NAPT translates with ports. Receivers recompute "
               "the transport checksums after decapsulation, so the checksum problem of "
               "rfc3715-b stays out of the way.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"napt-drops-esp",
             "fails",
             "esp-dropped-by-nat",
             "home-nat is a NAPT that drops every protocol without ports (preset esp-dropping); "
             "plain ESP."},
            {"address-only-second-host",
             "fails",
             "esp-dropped-by-nat",
             "home-nat translates ESP by address only (preset address-only); plain ESP from "
             "every host: the first one holds protocol 50, the others' ESP is dropped. With "
             "hosts=1 it works."},
            {"udp-encap",
             "works",
             "none",
             "the ESP-dropping NAPT of napt-drops-esp, with ESP inside UDP 4500 (RFC 3948); "
             "server tells the hosts apart by the ports the NAT mapped and their NAT-OA."},
        };
    }

    std::vector<ScenarioParameter> GetParameters() const override
    {
        return {ScenarioParameter::Count("hosts",
                                         "2",
                                         "hosts",
                                         1,
                                         kMaxHosts,
                                         "hosts behind home-nat, each with its own SAs"),
                ScenarioParameter::Count("packets",
                                         "10",
                                         "packets",
                                         1,
                                         1000,
                                         "UDP echo requests each host sends")};
    }

    ResultRow Run(const RunContext& context) const override
    {
        ResultRow row = MakeRow(context);
        bool addressOnly = context.variant == "address-only-second-host";
        bool encap = context.variant == "udp-encap";
        uint32_t hosts = context.GetUint("hosts");
        uint32_t packets = context.GetUint("packets");

        Lab lab(GetId(), context);
        NatHelper nat;
        nat.SetPreset(addressOnly ? "address-only" : "esp-dropping");
        dataplane::RemoteAccess net = dataplane::AddRemoteAccess(lab, nat, hosts);
        lab.Build();
        // Transport checksums are recomputed after decapsulation (the ICV
        // already vouches for the segment, RFC 3715 2.1 b's last paragraph),
        // so rfc3715-b's checksum failure does not hide this entry's cause.
        dataplane::SetStackAttribute(lab,
                                     "TransportChecksum",
                                     EnumValue(IpsecStack::CHECKSUM_RECOMPUTE));

        IpsecHelper ipsec;
        std::vector<std::shared_ptr<EchoFlow>> flows;
        for (uint32_t k = 0; k < hosts; ++k)
        {
            dataplane::TransportSpec spec;
            spec.options = dataplane::EspOptions(encap ? IpsecEncapsulation::UDP_ENCAP
                                                       : IpsecEncapsulation::NONE);
            spec.natOa = encap;
            spec.serverPort = static_cast<uint16_t>(7001 + k);
            dataplane::AddTransportPair(ipsec, lab, net.hosts[k], net.nat, net.server, spec);
            // Hosts start one after the other, so which one holds an
            // address-only mapping does not depend on event order.
            flows.push_back(lab.AddUdpEcho(net.hosts[k],
                                           net.server,
                                           spec.serverPort,
                                           packets,
                                           MilliSeconds(100),
                                           200,
                                           Seconds(1) + MilliSeconds(10) * k));
        }
        lab.Run(Seconds(2) + MilliSeconds(100) * packets + MilliSeconds(10) * hosts);

        row.outcome = dataplane::EchoOutcome(flows, net.server);
        row.symptom = row.outcome == "works" ? "none" : dataplane::ExplainLoss(lab);
        lab.GetProbe().FillMetrics(row);
        uint32_t working = 0;
        for (const auto& flow : flows)
        {
            working += flow->requestsSent > 0 && flow->repliesReceived == flow->requestsSent;
        }
        row.SetMetric("hosts", hosts);
        row.SetMetric("hosts_working", working);
        row.SetMetric("esp_dropped_by_nat",
                      static_cast<double>(lab.GetProbe().CountNatDrops(NatDropFilter::Esp())));
        return row;
    }
};

} // namespace

std::unique_ptr<Scenario>
MakeRfc3715J()
{
    return std::make_unique<Rfc3715J>();
}

} // namespace natt
