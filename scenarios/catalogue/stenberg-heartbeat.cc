/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// draft-stenberg-ipsec-nat-traversal-00 3.3 and 4.2: the initiator pings
// every HEARTBEAT_INTERVAL (10 s) on the IKE port and the responder
// answers, so that a NAT keeps the mapping the envelope uses (ISSUE3).
// The draft prices it at 45 bytes x 2 every 10 s = 9 B/s.

#include "catalogue.h"
#include "fixes.h"
#include "idle-sa.h"

namespace natt
{

namespace
{

enum class Variant
{
    HEARTBEAT,
    NO_HEARTBEAT,
};

const EntryData<Variant> kData{
    "stenberg-heartbeat",
    "draft-stenberg's heartbeat keeps the NAT's mapping",
    "draft-stenberg-ipsec-nat-traversal-00 3.3, 4.2",
    "host-1 sits behind the NAPT nat (preset short-timeout) and keeps a tunnel-mode "
    "SA pair with the VPN gateway, behind which sits the server; ESP travels in "
    "draft-stenberg's envelope on UDP 500 (3.2). host-1 sends two UDP echoes to the "
    "server, which creates nat's UDP mapping, then nothing for idle-time seconds, "
    "while the server sends it one datagram a second through the tunnel. nat forgets "
    "a mapping that saw no outbound packet for nat-udp-timeout seconds (the draft's "
    "ISSUE3), and the gateway's envelopes then meet no mapping (mapping-expired). "
    "The draft's fix (3.3): the IKE initiator sends a heartbeat ping (the envelope's "
    "type 2, flag 1) every HEARTBEAT_INTERVAL of 10 s from the IKE port, and the "
    "responder answers with a reply (flag 2) at most once per half interval. "
    "keepalive_bytes_per_second counts pings and replies with their IP and UDP "
    "headers over the run: the draft's 4.2 says 20 + 8 + 17 = 45 bytes x 2 every "
    "10 s = 9 B/s; natt's heartbeat follows the draft's Figure 5, whose IKE version "
    "octet is the 18th, so each is 46 bytes: 9 pings and 9 replies in the 92 s run "
    "are 828 bytes, 9 B/s (9.2 B/s while they "
    "run. rfc3715-k's keepalive plot shows the heartbeat beside RFC 3948 keepalives.",
    {
        {Variant::HEARTBEAT,
         "heartbeat",
         "works",
         "none",
         "host-1 pings the gateway every heartbeat-interval seconds and the gateway "
         "replies (draft-stenberg 3.3)."},
        {Variant::NO_HEARTBEAT,
         "no-heartbeat",
         "fails",
         "mapping-expired",
         "The same envelope, and nothing sent while host-1 is idle."},
    },
    {
        ScenarioParameter::Duration("nat-udp-timeout",
                                    "30",
                                    "s",
                                    1,
                                    3600,
                                    "how long nat keeps a UDP mapping without outbound "
                                    "packets (NatEngine UdpMappingTimeout)"),
        ScenarioParameter::Duration("idle-time",
                                    "90",
                                    "s",
                                    0,
                                    3600,
                                    "how long host-1 sends no traffic while the server sends "
                                    "it one datagram a second"),
        ScenarioParameter::Duration("heartbeat-interval",
                                    "10",
                                    "s",
                                    0,
                                    3600,
                                    "draft-stenberg HEARTBEAT_INTERVAL (3.3: 10 s) in the "
                                    "heartbeat variant; 0: none"),
    },
};

class StenbergHeartbeat : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        idlesa::IdleSaSetup setup;
        setup.stenberg = true;
        setup.refresh = variant == Variant::HEARTBEAT;
        setup.interval = context.GetTime("heartbeat-interval");
        return idlesa::RunIdleSa(*this, context, setup);
    }
};

const Registered<StenbergHeartbeat> kRegistered(Shelf::CATALOGUE, 3100, kData);
const RegisteredFixUse kFix{
    {"draft-stenberg", "stenberg-heartbeat", "heartbeat", "", "keepalive_bytes_per_second"}};

} // namespace

} // namespace natt
