/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.2 j (listed in 2.1's data-plane group of the catalogue):
// NAPTs that cannot handle non-UDP/TCP traffic.

#include "catalogue.h"
#include "dataplane-common.h"
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

enum class Variant
{
    NAPT_DROPS_ESP,
    ADDRESS_ONLY_SECOND_HOST,
    UDP_ENCAP,
};

const EntryData<Variant> kData{
    "rfc3715-j",
    "NAPTs that cannot handle ESP",
    "RFC 3715 2.2 j",
    "hosts host-1 .. host-N sit behind home-nat (10.0.0.0/24); server "
    "(198.51.100.2) is on the public subnet behind vpn-gw. Each host sends UDP echo "
    "requests to its own port on server under manually keyed transport-mode ESP SAs. "
    "Many NAPTs only translate what has ports (RFC 3715 2.2 j): ESP (protocol 50) "
    "has none, so such a NAPT drops it, and one that translates other protocols by "
    "address only can give the single outside address to one inside host at a time, "
    "so the second host's ESP is dropped too. UDP encapsulation (RFC 3948) puts ESP "
    "inside UDP 4500, which every NAPT translates with ports. Receivers recompute "
    "the transport checksums after decapsulation, so the checksum problem of "
    "rfc3715-b stays out of the way.",
    {
        {Variant::NAPT_DROPS_ESP,
         "napt-drops-esp",
         "fails",
         "esp-dropped-by-nat",
         "home-nat is a NAPT that drops every protocol without ports (preset esp-dropping); "
         "plain ESP."},
        {Variant::ADDRESS_ONLY_SECOND_HOST,
         "address-only-second-host",
         "fails",
         "esp-dropped-by-nat",
         "home-nat translates ESP by address only (preset address-only); plain ESP from "
         "every host: the first one holds protocol 50, the others' ESP is dropped. With "
         "hosts=1 it works."},
        {Variant::UDP_ENCAP,
         "udp-encap",
         "works",
         "none",
         "the ESP-dropping NAPT of napt-drops-esp, with ESP inside UDP 4500 (RFC 3948); "
         "server tells the hosts apart by the ports the NAT mapped and their NAT-OA."},
    },
    {ScenarioParameter::Count("hosts",
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
                              "UDP echo requests each host sends")},
};

class Rfc3715J : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        bool encap = variant == Variant::UDP_ENCAP;
        dataplane::EchoSpec echo;
        echo.natPreset =
            variant == Variant::ADDRESS_ONLY_SECOND_HOST ? "address-only" : "esp-dropping";
        echo.hosts = context.GetUint("hosts");
        echo.packets = context.GetUint("packets");
        echo.transport.options =
            dataplane::EspOptions(encap ? IpsecEncapsulation::UDP_ENCAP : IpsecEncapsulation::NONE);
        echo.transport.natOa = encap;
        echo.portPerHost = true;
        // Hosts start one after the other, so which one holds an
        // address-only mapping does not depend on event order.
        echo.stagger = MilliSeconds(10);
        // So that rfc3715-b's checksum failure does not hide this entry's cause.
        echo.recomputeChecksums = true;
        echo.echoTotals = false;
        return dataplane::RunEcho(
            MakeRow(context),
            context,
            echo,
            [](const Lab& lab, const dataplane::EchoRun& run, ResultRow& row) {
                uint32_t working = 0;
                for (const auto& flow : run.flows)
                {
                    working +=
                        flow->requestsSent > 0 && flow->repliesReceived == flow->requestsSent;
                }
                row.SetMetric("hosts", run.flows.size());
                row.SetMetric("hosts_working", working);
                row.SetMetric(
                    "esp_dropped_by_nat",
                    static_cast<double>(lab.GetProbe().CountNatDrops(NatDropFilter::Esp())));
            });
    }
};

const Registered<Rfc3715J> kRegistered(Shelf::CATALOGUE, 1000, kData);

} // namespace

} // namespace natt
