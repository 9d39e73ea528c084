/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, backward compatibility and interoperability: a NAT-T
// endpoint must talk plain IKE and IPsec with an existing implementation
// where no NA(P)T is present, and use traversal only when necessary.

#include "entries.h"
#include "req-common.h"

#include <stdexcept>

namespace natt
{

namespace
{

class ReqBackwardCompat : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "req-backward-compat";
    }

    std::string GetTitle() const override
    {
        return "NAT-T endpoint with a legacy peer and no NAT";
    }

    std::string GetSource() const override
    {
        return "RFC 3715 3";
    }

    std::string GetDescription() const override
    {
        return "The host client-1 has a public address and protects its traffic with "
               "the VPN gateway, which runs the echo server, in IKEv1 (RFC 2409) "
               "transport mode. RFC 3715 3 requires a NAT "
               "traversal solution to interoperate with existing IKE and IPsec where no "
               "NA(P)T is present, to detect NATs and to use traversal only when "
               "necessary. The client offers RFC 3947 NAT-T; a legacy gateway announces "
               "no support, so Main Mode stays plain and ESP is not encapsulated. A "
               "run works only when the SAs carry the traffic without UDP "
               "encapsulation. Behind a NAPT, the same legacy peer cannot be reached: "
               "the fallback to plain ESP is dropped by the NAT.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"legacy-peer",
             "works",
             "none",
             "the client offers RFC 3947 NAT-T, the gateway is a legacy IKEv1 "
             "implementation without it; no NAT: plain IKE and plain ESP"},
            {"natt-peer",
             "works",
             "none",
             "both offer NAT-T; NAT detection finds no NAT, so ESP stays unencapsulated "
             "(traversal only when necessary)"},
            {"forced-encapsulation-legacy-peer",
             "works",
             "none",
             "the client would force UDP encapsulation (RFC 7296 2.23 faking), but the "
             "legacy peer never agrees to NAT-T, so plain ESP is used"},
            {"legacy-peer-behind-nat",
             "fails",
             "esp-dropped-by-nat",
             "the NAT-T client is behind a NAPT (nat-1) and the gateway is legacy: the "
             "fallback to plain ESP cannot cross the NAPT"},
        };
    }

    ResultRow Run(const RunContext& context) const override
    {
        req::Topology topology;
        topology.clientNat = "";
        req::IkeSetup ike;
        ike.version = 1;
        // Host to host: in tunnel mode the client's inner and outer address
        // would be one, which a route-based tunnel cannot tell apart.
        ike.mode = ns3::IPSEC_MODE_TRANSPORT;
        ike.gatewayNatTraversal = ns3::IkePeerConfig::NATT_NONE;
        const std::string& v = context.variant;
        if (v == "natt-peer")
        {
            ike.gatewayNatTraversal = ns3::IkePeerConfig::NATT_RFC;
        }
        else if (v == "forced-encapsulation-legacy-peer")
        {
            ike.forceEncapsulation = true;
        }
        else if (v == "legacy-peer-behind-nat")
        {
            topology.clientNat = "port-preserving";
        }
        else if (v != "legacy-peer")
        {
            throw std::invalid_argument(GetId() + ": unknown variant " + v);
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

} // namespace

std::unique_ptr<Scenario>
MakeReqBackwardCompat()
{
    return std::make_unique<ReqBackwardCompat>();
}

} // namespace natt
