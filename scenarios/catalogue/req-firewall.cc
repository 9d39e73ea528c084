/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, firewall compatibility: simple static rules (UDP 500 and
// 4500) must be enough to let IKE and IPsec NAT traversal across.

#include "catalogue.h"
#include "req-common.h"

namespace natt
{

namespace
{

enum class Variant
{
    NATT,
    NO_NATT,
};

const EntryData<Variant> kData{
    "req-firewall",
    "A firewall that lets only UDP 500 and 4500 across",
    "RFC 3715 3",
    "The client client-1 (10.0.0.2) sits behind nat-1, a NAPT whose firewall "
    "rules let only UDP 500 and UDP 4500 across (preset firewall-ike-only); "
    "the public VPN gateway protects the corporate subnet 192.168.100.0/24 "
    "with the echo server. RFC 3715 3 requires that a firewall administrator "
    "can permit IKE and IPsec NAT traversal with simple static rules, so no "
    "dynamic ports. With NAT-T everything is IKE on UDP 500 and IKE plus "
    "ESP in UDP 4500, which the two rules admit; plain ESP (IP protocol 50) "
    "matches no rule and is blocked.",
    {
        {Variant::NATT,
         "natt",
         "works",
         "none",
         "IKEv2 with NAT detection: IKE on UDP 500, then IKE and ESP-in-UDP on UDP "
         "4500, both allowed"},
        {Variant::NO_NATT,
         "no-natt",
         "fails",
         "esp-blocked-by-firewall",
         "IKEv2 without NAT traversal: IKE on UDP 500 passes, ESP (protocol 50) is "
         "not on the allow list"},
    },
};

class ReqFirewall : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        topology.clientNat = "firewall-ike-only";
        req::IkeSetup ike;
        switch (variant)
        {
        case Variant::NO_NATT:
            ike.WithoutNatTraversal();
            break;
        case Variant::NATT:
            break;
        }
        return req::RunRemoteAccess(*this, context, topology, ike);
    }
};

const Registered<ReqFirewall> kRegistered(Shelf::CATALOGUE, 2300, kData);

} // namespace

} // namespace natt
