/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, telecommuter scenario: traversal of more than one NA(P)T
// between the remote client and the VPN gateway.

#include "entries.h"
#include "req-common.h"

#include <stdexcept>

namespace natt
{

namespace
{

class ReqTelecommuterMultiNat : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "req-telecommuter-multi-nat";
    }

    std::string GetTitle() const override
    {
        return "Telecommuter behind two nested NAPTs";
    }

    std::string GetSource() const override
    {
        return "RFC 3715 3";
    }

    std::string GetDescription() const override
    {
        return "The telecommuter client-1 (10.0.0.2) sits behind its home NAPT nat-1, "
               "whose own outside address 100.64.0.2 is private again behind the ISP's "
               "symmetric NAPT isp-nat; the VPN gateway is public and protects the "
               "corporate subnet 192.168.100.0/24 with the echo server. RFC 3715 3 "
               "requires remote access in tunnel mode across more than one NA(P)T. "
               "Without NAT traversal the tunnel's ESP has no ports for the home NAPT "
               "to translate and is dropped there; with NAT-T both NATs are detected as "
               "one and ESP in UDP 4500 crosses both.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"natt",
             "works",
             "none",
             "IKEv2 with NAT detection (RFC 7296 2.23): IKE floats to UDP 4500 and ESP "
             "travels in UDP (RFC 3948) through both NATs"},
            {"natt-ikev1", "works", "none", "the same with IKEv1 Main Mode and RFC 3947 NAT-T"},
            {"no-natt",
             "fails",
             "esp-dropped-by-nat",
             "IKEv2 without NAT traversal: IKE crosses on UDP 500, plain ESP does not"},
        };
    }

    ResultRow Run(const RunContext& context) const override
    {
        req::Topology topology;
        topology.outerNat = "symmetric";
        req::IkeSetup ike;
        const std::string& v = context.variant;
        if (v == "natt-ikev1")
        {
            ike.version = 1;
        }
        else if (v == "no-natt")
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
MakeReqTelecommuterMultiNat()
{
    return std::make_unique<ReqTelecommuterMultiNat>();
}

} // namespace natt
