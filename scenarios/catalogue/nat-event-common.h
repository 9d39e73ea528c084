/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What nat-reboot and nat-rebinding share: a road warrior's IKE SA
// through a NAPT that, while the SA is up, loses its mappings (a reboot)
// or moves the SA's mapping to another external port (a rebinding), and
// the counters that tell whether the SA's traffic came back.
#ifndef NATT_CATALOGUE_NAT_EVENT_COMMON_H
#define NATT_CATALOGUE_NAT_EVENT_COMMON_H

#include "scenario.h"

#include "ns3/nstime.h"

#include <string>
#include <vector>

namespace natt
{
namespace natevent
{

/// What happens to the NAT, and what the endpoints do about it.
struct Setup
{
    enum Event
    {
        REBOOT, ///< NatEngine::Reboot: every mapping lost
        REBIND, ///< NatEngine::Rebind: the SA's mapping moves to another port
    };

    Event event{REBOOT};
    /// IKE version of both sides.
    uint8_t ikeVersion{2};
    /// host-a's liveness checks (RFC 3706 R-U-THERE, IKEv2 empty INFORMATIONAL); 0: none.
    ns3::Time dpdDelay;
    /// The gateway's IpsecStack and IkeDaemon FollowPeer (false: a strict peer).
    bool gatewayFollows{true};
    /**
     * Who talks: host-a echoes to server (the inside sends), or server
     * streams to host-a (only the outside sends, so nothing from inside
     * remakes a lost mapping but keepalives and liveness checks).
     */
    bool hostSends{true};
};

/**
 * Run one variant of \p scenario: host-a (10.0.0.2) behind the NAPT nat
 * (preset port-preserving, PortAllocation from the parameter
 * nat-port-allocation when the entry has it), an IKE tunnel from host-a
 * to gateway for its address and the corporate LAN 172.16.0.0/24 with
 * server, RFC 3948 keepalives from host-a; the traffic from 2 s, one
 * packet every 500 ms; at event-at the NAT event; the run ends run-after
 * later.
 *
 * Works when traffic to host-a flowed again after the event up to the
 * end (its IpsecStack accepted ESP) and, for a rebinding, the mapping did
 * move; otherwise, from the counters: esp-to-old-port (the NAT dropped
 * UDP to the mapping's old external port as no-mapping while the gateway
 * still accepted host-a's ESP from the new one), sa-silently-dead (the
 * same drops, nothing from host-a accepted after the event, and no IKE
 * SA failed), ike-failed (an IKE SA failed: a liveness check went
 * unanswered), traffic-lost. A rebinding that moved no mapping is an
 * error row, port-not-changed.
 *
 * Metrics: the standard ones, old_port and new_port (the external port
 * of host-a's UDP 4500 mapping before the event and the first one after;
 * 0: none), drops_at_old_port, esp_to_host_after_event, esp_from_host_after_event,
 * recovery_time_s (from the event to the first ESP host-a accepted after
 * it; -1: never), ike_failures, liveness_checks (host-a's IKE messages
 * sent after the first second, retransmissions included), and the
 * traffic's own (echo_sent and echo_replies, or stream_sent and
 * stream_received).
 */
ResultRow Run(const Scenario& scenario, const RunContext& context, const Setup& setup);

/// ike-version, event-at (\p eventName: "reboot-at", "rebind-at") and run-after.
std::vector<ScenarioParameter> Parameters(const std::string& eventName);

} // namespace natevent
} // namespace natt

#endif /* NATT_CATALOGUE_NAT_EVENT_COMMON_H */
