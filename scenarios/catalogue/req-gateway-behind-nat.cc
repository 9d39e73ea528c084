/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, gateway-to-gateway scenario: a VPN gateway with a private
// address in a DMZ behind a NA(P)T, reached by a client behind another.

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
    "req-gateway-behind-nat",
    "VPN gateway in a privately addressed DMZ behind a NAPT",
    "RFC 3715 3",
    "The VPN gateway has the private address 172.16.0.2 in a DMZ behind the "
    "NAPT dmz-nat, which forwards UDP 500 and 4500 to it; behind the gateway "
    "is the corporate subnet 192.168.100.0/24 with the echo server. The "
    "client client-1 (10.0.0.2) is behind its home NAPT nat-1 and sets up a "
    "tunnel to dmz-nat's public address. RFC 3715 3 asks that both the "
    "client and the gateway may be behind NA(P)Ts. Without NAT traversal, "
    "ESP has no ports: the client's NAPT drops it and no forwarding rule "
    "could name it either; with NAT-T both sides detect their NAT and ESP "
    "travels in UDP 4500, which the forwarding rule carries.",
    {
        {Variant::NATT,
         "natt",
         "works",
         "none",
         "IKEv2 with NAT detection on both sides; ESP in UDP 4500 through the "
         "client's NAPT and dmz-nat's forwarding rule"},
        {Variant::NO_NATT,
         "no-natt",
         "fails",
         "esp-dropped-by-nat",
         "IKEv2 without NAT traversal: IKE reaches the gateway through the UDP 500 "
         "forwarding rule, plain ESP is dropped by the NAPTs"},
    },
};

class ReqGatewayBehindNat : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        topology.gatewayNat = "port-preserving";
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

const Registered<ReqGatewayBehindNat> kRegistered(Shelf::CATALOGUE, 1900, kData);

} // namespace

} // namespace natt
