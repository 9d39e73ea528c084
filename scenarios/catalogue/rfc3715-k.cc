/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.2 k: a NAT forgets an idle UDP mapping after its own timeout,
// while the SA that uses it lives on; traffic from the far side then meets
// no mapping. Periodic packets from the inside keep the mapping: RFC 3948
// 2.3 NAT-keepalives, or draft-stenberg's heartbeat (3.3).

#include "catalogue.h"
#include "idle-sa.h"

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
      // draft-stenberg's heartbeat beside RFC 3948's keepalive (issue 13).
      {Variant::RFC3948_KEEPALIVES, Variant::STENBERG_HEARTBEAT},
      {{"nat-udp-timeout", {"10", "20", "40", "80"}},
       {"keepalive-interval", {"0", "5", "15", "30", "60"}}}}},
};

class Rfc3715K : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        idlesa::IdleSaSetup setup;
        setup.stenberg = variant == Variant::STENBERG_HEARTBEAT;
        setup.refresh = variant != Variant::NO_KEEPALIVES;
        setup.interval = context.GetTime("keepalive-interval");
        return idlesa::RunIdleSa(*this, context, setup);
    }
};

const Registered<Rfc3715K> kRegistered(Shelf::CATALOGUE, 1100, kData);

} // namespace

} // namespace natt
