/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, telecommuter scenario: traversal of more than one NA(P)T
// between the remote client and the VPN gateway.

#include "catalogue.h"
#include "req-common.h"

namespace natt
{

namespace
{

enum class Variant
{
    NATT,
    NATT_IKEV1,
    NO_NATT,
};

const EntryData<Variant> kData{
    "req-telecommuter-multi-nat",
    "Telecommuter behind two nested NAPTs",
    "RFC 3715 3",
    "The telecommuter client-1 (10.0.0.2) sits behind its home NAPT nat-1, "
    "whose own outside address 100.64.0.2 is private again behind the ISP's "
    "symmetric NAPT isp-nat; the VPN gateway is public and protects the "
    "corporate subnet 192.168.100.0/24 with the echo server. RFC 3715 3 "
    "requires remote access in tunnel mode across more than one NA(P)T. "
    "Without NAT traversal the tunnel's ESP has no ports for the home NAPT "
    "to translate and is dropped there; with NAT-T both NATs are detected as "
    "one and ESP in UDP 4500 crosses both.",
    {
        {Variant::NATT,
         "natt",
         "works",
         "none",
         "IKEv2 with NAT detection (RFC 7296 2.23): IKE floats to UDP 4500 and ESP "
         "travels in UDP (RFC 3948) through both NATs"},
        {Variant::NATT_IKEV1,
         "natt-ikev1",
         "works",
         "none",
         "the same with IKEv1 Main Mode and RFC 3947 NAT-T"},
        {Variant::NO_NATT,
         "no-natt",
         "fails",
         "esp-dropped-by-nat",
         "IKEv2 without NAT traversal: IKE crosses on UDP 500, plain ESP does not"},
    },
};

class ReqTelecommuterMultiNat : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        topology.outerNat = "symmetric";
        req::IkeSetup ike;
        switch (variant)
        {
        case Variant::NATT_IKEV1:
            ike.version = 1;
            break;
        case Variant::NO_NATT:
            ike.WithoutNatTraversal();
            break;
        case Variant::NATT:
            break;
        }
        return req::RunRemoteAccess(*this, context, topology, ike);
    }
};

const Registered<ReqTelecommuterMultiNat> kRegistered(Shelf::CATALOGUE, 1800, kData);

} // namespace

} // namespace natt
