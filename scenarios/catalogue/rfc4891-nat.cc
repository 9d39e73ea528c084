/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 4891 B.2: a 6in4 tunnel endpoint behind a NAPT. Protocol 41 has no
// ports, and nor has ESP: a NAPT that translates only what has ports
// drops both. IPv6 inside ESP-in-UDP, negotiated by IKEv2 with NAT
// traversal, has ports and passes.

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
    ADDRESS_ONLY_NAT,
    IKEV2_NATT_TUNNEL,
    NATT_AFTER_REBINDING,
};

/// When home-nat reboots in natt-after-rebinding: amid the echoes (10 s to 11.8 s).
const ns3::Time kRebootAt = ns3::MilliSeconds(11100);

const EntryData<Variant> kData{
    "rfc4891-nat",
    "A 6in4 tunnel endpoint behind a NAPT",
    "RFC 4891 B.2",
    "The topology of rfc4891-transport, but tep1 sits on the LAN of home-nat "
    "(10.9.0.0/24, preset port-preserving: a NAPT that translates what has ports and "
    "drops other protocols), and tep2 knows tep1 by home-nat's public address. No "
    "spoofers. Protocol 41 carries no ports a NAPT could map (RFC 4891 B.2): "
    "home-nat drops tep1's encapsulated IPv6, and with RFC 4891 5.1's ESP transport "
    "(IKEv2 without NAT traversal, which passes the NAT on UDP 500) it drops the ESP "
    "instead. The symptom is read from home-nat's drops of protocol 41 or 50. A NAT "
    "that translates protocols without ports by address alone (one inside host at a "
    "time) carries the plain tunnel. B.2's own answer replaces the 6in4 device: IKEv2 "
    "with NAT traversal negotiates an ESP tunnel for the sites' /48s (fd00:1::/48, "
    "fd00:2::/48), IPv6 inside ESP inside UDP 4500 over IPv4, which home-nat maps like "
    "any UDP; the routes into the tunnel cover the prefix tep2 adds, so RIPng has "
    "nothing to learn. B.2 point 2: a NAT may change its mapping while the tunnel is up; "
    "ESP-in-UDP follows it with no new IKE SA, because tep2 sends to wherever the last "
    "authenticated packet came from (RFC 3948, RFC 7296 2.23).",
    {
        {Variant::PLAIN_6IN4,
         "plain-6in4",
         "fails",
         "proto41-dropped-by-nat",
         "the configured tunnel alone: home-nat drops protocol 41 (protocol-not-supported)."},
        {Variant::IPSEC_TRANSPORT,
         "ipsec-transport",
         "fails",
         "esp-dropped-by-nat",
         "ESP transport protecting protocol 41, negotiated by IKEv2 without NAT-T: "
         "home-nat drops the ESP."},
        {Variant::ADDRESS_ONLY_NAT,
         "address-only-nat",
         "works",
         "none",
         "the plain tunnel through a NAT that translates protocol 41 by address alone "
         "(preset address-only): tep1 is its one inside host using protocol 41."},
        {Variant::IKEV2_NATT_TUNNEL,
         "ikev2-natt-tunnel",
         "works",
         "none",
         "no 6in4 device: IKEv2 with NAT-T negotiates an ESP tunnel for the sites' IPv6 "
         "(RFC 4891 A.2), and the ESP travels in UDP 4500 through home-nat (B.2, RFC 3948). "
         "With nat-traversal=false home-nat drops the ESP (esp-dropped-by-nat)."},
        {Variant::NATT_AFTER_REBINDING,
         "natt-after-rebinding",
         "works",
         "none",
         "ikev2-natt-tunnel through a home-nat that allocates ports sequentially and reboots "
         "at 11.1 s, amid the echoes: it loses every mapping, and tep1's next ESP-in-UDP "
         "gets a new one on a new port. tep2 accepts it and moves the SA there (RFC 3948; "
         "RFC 4891 B.2 point 2): the echoes after the reboot are answered, the IKE SA count "
         "stays 1. With --set ns3::IpsecStack::FollowPeer=false tep2 keeps sending to the "
         "old port (esp-to-old-port)."},
    },
    [] {
        std::vector<ScenarioParameter> parameters = rfc4891::Parameters(false);
        parameters.push_back(ScenarioParameter::Flag(
            "nat-traversal",
            "true",
            "ikev2-natt-tunnel: IKEv2 offers NAT traversal (RFC 7296 2.23); false: plain ESP "
            "meets the NAPT"));
        return parameters;
    }(),
};

class Rfc4891Nat : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        rfc4891::Spec spec;
        spec.echoPackets = context.GetUint("packets");
        spec.ipsec = variant == Variant::IPSEC_TRANSPORT;
        spec.natPreset = variant == Variant::ADDRESS_ONLY_NAT ? "address-only" : "port-preserving";
        spec.ikeTunnel =
            variant == Variant::IKEV2_NATT_TUNNEL || variant == Variant::NATT_AFTER_REBINDING;
        if (variant == Variant::NATT_AFTER_REBINDING)
        {
            spec.natRebootAt = kRebootAt;
        }
        spec.natTraversal = context.Get("nat-traversal") == "true";
        return rfc4891::Run(MakeRow(context), context, GetId(), spec);
    }
};

const Registered<Rfc4891Nat> kRegistered(Shelf::CATALOGUE, 3700, kData);

} // namespace

} // namespace natt
