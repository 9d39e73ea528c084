/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, firewall compatibility: simple static rules (UDP 500 and
// 4500) must be enough to let IKE and IPsec NAT traversal across.

#include "entries.h"
#include "req-common.h"

#include <stdexcept>

namespace natt
{

namespace
{

class ReqFirewall : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "req-firewall";
    }

    std::string GetTitle() const override
    {
        return "A firewall that lets only UDP 500 and 4500 across";
    }

    std::string GetSource() const override
    {
        return "RFC 3715 3";
    }

    std::string GetDescription() const override
    {
        return "The client client-1 (10.0.0.2) sits behind nat-1, a NAPT whose firewall "
               "rules let only UDP 500 and UDP 4500 across (preset firewall-ike-only); "
               "the public VPN gateway protects the corporate subnet 192.168.100.0/24 "
               "with the echo server. RFC 3715 3 requires that a firewall administrator "
               "can permit IKE and IPsec NAT traversal with simple static rules, so no "
               "dynamic ports. With NAT-T everything is IKE on UDP 500 and IKE plus "
               "ESP in UDP 4500, which the two rules admit; plain ESP (IP protocol 50) "
               "matches no rule and is blocked.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"natt",
             "works",
             "none",
             "IKEv2 with NAT detection: IKE on UDP 500, then IKE and ESP-in-UDP on UDP "
             "4500, both allowed"},
            {"no-natt",
             "fails",
             "esp-blocked-by-firewall",
             "IKEv2 without NAT traversal: IKE on UDP 500 passes, ESP (protocol 50) is "
             "not on the allow list"},
        };
    }

    ResultRow Run(const RunContext& context) const override
    {
        req::Topology topology;
        topology.clientNat = "firewall-ike-only";
        req::IkeSetup ike;
        const std::string& v = context.variant;
        if (v == "no-natt")
        {
            ike.clientNatTraversal = ns3::IkePeerConfig::NATT_NONE;
            ike.gatewayNatTraversal = ns3::IkePeerConfig::NATT_NONE;
        }
        else if (v != "natt")
        {
            throw std::invalid_argument(GetId() + ": unknown variant " + v);
        }
        return req::RunRemoteAccess(*this, context, topology, ike);
    }
};

} // namespace

std::unique_ptr<Scenario>
MakeReqFirewall()
{
    return std::make_unique<ReqFirewall>();
}

} // namespace natt
