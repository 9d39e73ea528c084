/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What rfc3715-k and stenberg-heartbeat share: a telecommuter's SA that
// stays up while the host sends nothing, a NAT that forgets idle UDP
// mappings, and whatever the host sends to keep the mapping (RFC 3948 2.3
// keepalives, draft-stenberg 3.3 heartbeats, or nothing).
#ifndef NATT_CATALOGUE_IDLE_SA_H
#define NATT_CATALOGUE_IDLE_SA_H

#include "scenario.h"

#include "ns3/nstime.h"

namespace natt
{
namespace idlesa
{

/// How the SA's packets travel and what keeps the NAT's mapping.
struct IdleSaSetup
{
    /// draft-stenberg's envelope on UDP 500 instead of RFC 3948 on UDP 4500.
    bool stenberg{false};
    /// The host sends keepalives (RFC 3948) or heartbeats (draft-stenberg).
    bool refresh{false};
    /// Time between them; 0: none.
    ns3::Time interval;
};

/**
 * Run one idle-SA variant of \p scenario: host-1 behind the short-timeout
 * NAPT "nat" (UdpMappingTimeout from the parameter nat-udp-timeout), a
 * manually keyed tunnel to "gateway", two echoes from host-1, then
 * idle-time seconds of one datagram a second from the server to host-1.
 * Works when everything arrived; else mapping-expired when the NAT
 * counted it, else traffic-lost. Metrics: the standard ones,
 * keepalive_bytes_per_second (keepalives or heartbeats, pings and replies,
 * IP and UDP headers included, over the run), keepalives_sent,
 * mappings_expired, inbound_sent, inbound_received.
 */
ResultRow RunIdleSa(const Scenario& scenario, const RunContext& context, const IdleSaSetup& setup);

} // namespace idlesa
} // namespace natt

#endif /* NATT_CATALOGUE_IDLE_SA_H */
