/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 4891 2, 2.1 and 5.1: a router-to-router 6in4 tunnel, plain and
// protected by ESP transport mode, against the two spoofing threats.

#include "catalogue.h"
#include "rfc4891-common.h"

namespace natt
{

namespace
{

enum class Variant
{
    PLAIN_6IN4,
    IPSEC_TRANSPORT,
    INNER_SPOOF,
    INNER_SPOOF_INGRESS_FILTERED,
};

const EntryData<Variant> kData{
    "rfc4891-transport",
    "IPsec transport mode protecting a router-to-router 6in4 tunnel",
    "RFC 4891 2, 2.1, 5.1",
    "Two tunnel endpoints, tep1 (site 1, fd00:1:0:1::/64 on its LAN) and tep2 "
    "(site 2, fd00:2:0:1::/64), each on a public IPv4 uplink, run a configured "
    "IPv6-in-IPv4 tunnel (RFC 4213 3, IP protocol 41) between their IPv4 addresses, "
    "with RIPng across it. site1-host sends UDP echo requests to site2-host through "
    "the tunnel. The decapsulator checks that the outer IPv4 source is tep1 (RFC "
    "4213 3.6), but an IPv4 address is easy to forge: an attacker anywhere on the "
    "IPv4 Internet sends protocol 41 with tep1's address as its source and injects "
    "IPv6 packets into site 2 (RFC 4891 2, threat 1). RFC 4891 5.1's SPD protects "
    "protocol 41 between the two IPv4 endpoints with ESP in transport mode, "
    "negotiated here by IKEv2 (a traffic selector for protocol 41): forged "
    "plaintext protocol 41 then meets a PROTECT policy and is dropped. Transport "
    "mode authenticates the endpoint, not the IPv6 packets inside: a host behind "
    "tep1 that sends with another site's IPv6 source (fd00:3:0:1::66) is "
    "forwarded by tep1 into the protected tunnel and accepted by tep2 (RFC 4891 "
    "2.1, threat 2) unless tep2 applies IPv6 ingress filtering on the tunnel "
    "interface, accepting only site 1's fd00:1::/48. In every variant tep2 "
    "adds the prefix fd00:2:0:2::/64 at 13 s; RIPng carries it to tep1, and "
    "traffic to it is protected by the same SPD entry with no reconfiguration "
    "(RFC 4891 5, requirement 2: new_prefix_delivered, new_prefix_protected). "
    "Spoofed packets that tep2 drops (IPsec policy-mismatch, the tunnel's "
    "outer-source-mismatch or ingress-filtered) count in spoofed_dropped; those "
    "site2-host receives in spoofed_accepted.",
    {
        {Variant::PLAIN_6IN4,
         "plain-6in4",
         "fails",
         "spoofed-6in4-accepted",
         "no IPsec; the attacker spoofs tep1's IPv4 address, passes the RFC 4213 3.6 "
         "source check, and site2-host receives its packets."},
        {Variant::IPSEC_TRANSPORT,
         "ipsec-transport",
         "works",
         "none",
         "IKEv2 negotiates ESP transport for protocol 41 between tep1 and tep2 (RFC 4891 "
         "5.1); the attacker's plaintext protocol 41 is dropped as policy-mismatch."},
        {Variant::INNER_SPOOF,
         "inner-spoof",
         "fails",
         "spoofed-inner-accepted",
         "IPsec as in ipsec-transport; site1-host sends with fd00:3:0:1::66, another "
         "site's address, and transport mode carries it (no ingress filter)."},
        {Variant::INNER_SPOOF_INGRESS_FILTERED,
         "inner-spoof-ingress-filtered",
         "works",
         "none",
         "as inner-spoof, with IPv6 ingress filtering on the tunnel interfaces "
         "(Ipv6InIpv4TunnelNetDevice IngressFilter=true): tep2 drops the forged source."},
    },
    rfc4891::Parameters(),
};

class Rfc4891Transport : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        rfc4891::Spec spec;
        spec.echoPackets = context.GetUint("packets");
        uint32_t spoofed = context.GetUint("spoofed-packets");
        spec.ipsec = variant != Variant::PLAIN_6IN4;
        bool outer = variant == Variant::PLAIN_6IN4 || variant == Variant::IPSEC_TRANSPORT;
        spec.attackerPackets = outer ? spoofed : 0;
        spec.innerSpoofPackets = outer ? 0 : spoofed;
        spec.ingressFilter = variant == Variant::INNER_SPOOF_INGRESS_FILTERED;
        return rfc4891::Run(MakeRow(context), context, GetId(), spec);
    }
};

const Registered<Rfc4891Transport> kRegistered(Shelf::CATALOGUE, 3500, kData);

} // namespace

} // namespace natt
