/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, telecommuter scenario: telecommuters may use the same private
// address, each behind their own NA(P)T (and RFC 3715 2.1 e, scaling).

#include "catalogue.h"
#include "req-common.h"

#include <algorithm>

namespace natt
{

namespace
{

/// Each client has a NAT of its own. Tried up to here: with 8, natt-transport
/// loses one client's echo replies (not yet explained; rfc3715-e alike).
const uint32_t kMaxClients = 7;

enum class Variant
{
    NATT_VIRTUAL_IP,
    NATT_TRANSPORT,
    NATT_PRIVATE_IDS,
    NO_NATT,
};

const EntryData<Variant> kData{
    "req-same-private-address",
    "Telecommuters with the same private address, each behind its own NAT",
    "RFC 3715 3",
    "Telecommuters client-1 ... client-N all have the address 10.0.0.2, each "
    "behind its own home NAPT nat-1 ... nat-N, and connect to the same public "
    "VPN gateway, behind which the corporate subnet 192.168.100.0/24 holds "
    "the echo server. RFC 3715 3 requires this to work, and its scaling "
    "requirement asks for the overlapping SPD entries of RFC 3715 2.1 e to be "
    "solved. Without NAT traversal the NAPTs drop ESP. With NAT-T the "
    "clients' tunnels still overlap when each names 10.0.0.2 as its inner "
    "address; they are told apart when the gateway assigns inner addresses "
    "(IKEv2 CP) or when transport-mode SAs are bound to each NAT's public "
    "address and port.",
    {
        {Variant::NATT_VIRTUAL_IP,
         "natt-virtual-ip",
         "works",
         "none",
         "IKEv2 with NAT-T; each client asks for an inner address and the gateway "
         "assigns distinct ones (RFC 7296 2.19)"},
        {Variant::NATT_TRANSPORT,
         "natt-transport",
         "works",
         "none",
         "IKEv1 with RFC 3947 NAT-T in transport mode to the gateway's own echo "
         "server: SPD entries name each NAT's public address, NAT-OA the original"},
        {Variant::NATT_PRIVATE_IDS,
         "natt-private-ids",
         "fails",
         "spd-overlap-misdelivery",
         "IKEv2 with NAT-T in tunnel mode, each client naming 10.0.0.2 in its traffic "
         "selectors: the gateway's policies overlap (RFC 3715 2.1 e)"},
        {Variant::NO_NATT,
         "no-natt",
         "fails",
         "esp-dropped-by-nat",
         "IKEv2 without NAT traversal: plain ESP is dropped by every home NAPT"},
    },
    {ScenarioParameter::Count(
        "clients",
        "3",
        "hosts",
        1,
        kMaxClients,
        "telecommuters, all with the address 10.0.0.2, each behind its own NAPT")},
};

class ReqSamePrivateAddress : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        topology.clients = context.GetUint("clients");
        req::IkeSetup ike;
        switch (variant)
        {
        case Variant::NATT_VIRTUAL_IP:
            ike.virtualIp = true;
            break;
        case Variant::NATT_TRANSPORT:
            ike.version = 1;
            ike.mode = ns3::IPSEC_MODE_TRANSPORT;
            break;
        case Variant::NO_NATT:
            ike.WithoutNatTraversal();
            break;
        case Variant::NATT_PRIVATE_IDS:
            break;
        }
        return req::RunRemoteAccess(*this, context, topology, ike);
    }
};

const Registered<ReqSamePrivateAddress> kRegistered(Shelf::CATALOGUE, 2200, kData);

} // namespace

} // namespace natt
