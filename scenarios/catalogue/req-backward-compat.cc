/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, backward compatibility and interoperability: a NAT-T
// endpoint must talk plain IKE and IPsec with an existing implementation
// where no NA(P)T is present, and use traversal only when necessary.

#include "catalogue.h"
#include "req-common.h"

namespace natt
{

namespace
{

enum class Variant
{
    LEGACY_PEER,
    NATT_PEER,
    FORCED_ENCAPSULATION_LEGACY_PEER,
    LEGACY_PEER_BEHIND_NAT,
};

const EntryData<Variant> kData{
    "req-backward-compat",
    "NAT-T endpoint with a legacy peer and no NAT",
    "RFC 3715 3",
    "The host client-1 has a public address and protects its traffic with "
    "the VPN gateway, which runs the echo server, in IKEv1 (RFC 2409) "
    "transport mode. RFC 3715 3 requires a NAT "
    "traversal solution to interoperate with existing IKE and IPsec where no "
    "NA(P)T is present, to detect NATs and to use traversal only when "
    "necessary. The client offers RFC 3947 NAT-T; a legacy gateway announces "
    "no support, so Main Mode stays plain and ESP is not encapsulated. A "
    "run works only when the SAs carry the traffic without UDP "
    "encapsulation. Behind a NAPT, the same legacy peer cannot be reached: "
    "the fallback to plain ESP is dropped by the NAT.",
    {
        {Variant::LEGACY_PEER,
         "legacy-peer",
         "works",
         "none",
         "the client offers RFC 3947 NAT-T, the gateway is a legacy IKEv1 "
         "implementation without it; no NAT: plain IKE and plain ESP"},
        {Variant::NATT_PEER,
         "natt-peer",
         "works",
         "none",
         "both offer NAT-T; NAT detection finds no NAT, so ESP stays unencapsulated "
         "(traversal only when necessary)"},
        {Variant::FORCED_ENCAPSULATION_LEGACY_PEER,
         "forced-encapsulation-legacy-peer",
         "works",
         "none",
         "the client would force UDP encapsulation (RFC 7296 2.23 faking), but the "
         "legacy peer never agrees to NAT-T, so plain ESP is used"},
        {Variant::LEGACY_PEER_BEHIND_NAT,
         "legacy-peer-behind-nat",
         "fails",
         "esp-dropped-by-nat",
         "the NAT-T client is behind a NAPT (nat-1) and the gateway is legacy: the "
         "fallback to plain ESP cannot cross the NAPT"},
    },
};

class ReqBackwardCompat : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        topology.clientNat = "";
        req::IkeSetup ike;
        ike.version = 1;
        // Host to host: in tunnel mode the client's inner and outer address
        // would be one, which a route-based tunnel cannot tell apart.
        ike.mode = ns3::IPSEC_MODE_TRANSPORT;
        ike.gatewayNatTraversal = ns3::IkePeerConfig::NATT_NONE;
        switch (variant)
        {
        case Variant::NATT_PEER:
            ike.gatewayNatTraversal = ns3::IkePeerConfig::NATT_RFC;
            break;
        case Variant::FORCED_ENCAPSULATION_LEGACY_PEER:
            ike.forceEncapsulation = true;
            break;
        case Variant::LEGACY_PEER_BEHIND_NAT:
            topology.clientNat = "port-preserving";
            break;
        case Variant::LEGACY_PEER:
            break;
        }
        ResultRow row = MakeRow(context);
        req::RemoteAccess lab(GetId(), context, topology, ike, req::Traffic());
        lab.Run();
        lab.Fill(row);
        req::Observation o = lab.Observe();
        if (row.outcome == "works" && topology.clientNat.empty() && o.espEncapsulated > 0)
        {
            // Without a NAT the requirement is plain ESP (RFC 3715 3: traversal
            // only when necessary); encapsulated ESP here is a failure too.
            row.outcome = "fails";
            row.symptom = "unnecessary-encapsulation";
        }
        return row;
    }
};

const Registered<ReqBackwardCompat> kRegistered(Shelf::CATALOGUE, 2400, kData);

} // namespace

} // namespace natt
