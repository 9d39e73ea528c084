/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 e: initiators behind NATs that name their private address
// in their phase-2 identities negotiate overlapping SPD entries at the
// responder, which then sends one client's traffic down the other's SA.

#include "catalogue.h"
#include "req-common.h"

#include <algorithm>

namespace natt
{

namespace
{

/// Each client has a NAT of its own. Tried up to here: with 8, natt-transport
/// loses one client's echo replies (not yet explained).
const uint32_t kMaxClients = 7;

enum class Variant
{
    PHASE2_PRIVATE_IDS,
    NATT_TUNNEL_PRIVATE_IDS,
    NATT_TRANSPORT,
    GATEWAY_ASSIGNED_ADDRESSES,
};

const EntryData<Variant> kData{
    "rfc3715-e",
    "Overlapping SPD entries of initiators with the same private address",
    "RFC 3715 2.1 e",
    "Telecommuters client-1 and client-2 each sit behind their own home NAT "
    "(nat-1, nat-2) with the same private address 10.0.0.2 and set up IPsec "
    "with the public VPN gateway, behind which the corporate subnet "
    "192.168.100.0/24 holds the echo server. Each client names 10.0.0.2 in "
    "its phase-2 identities (RFC 3715 2.1 e), so the gateway ends up with two "
    "SPD entries for the same traffic: to the gateway the SAs look "
    "equivalent, and it sends the replies meant for one client down the "
    "other's SA, where they are decrypted and accepted. Fixes: NAT-T with "
    "transport mode, whose SPD entries are bound to each peer's public "
    "address and port (RFC 3947 5.2, RFC 3948), or inner addresses the "
    "gateway assigns (IKEv2 configuration payload, RFC 7296 2.19).",
    {
        {Variant::PHASE2_PRIVATE_IDS,
         "phase2-private-ids",
         "fails",
         "spd-overlap-misdelivery",
         "IKEv1 without NAT traversal, tunnel mode, plain ESP through address-only "
         "NATs (one host each); both clients' phase-2 IDs name 10.0.0.2"},
        {Variant::NATT_TUNNEL_PRIVATE_IDS,
         "natt-tunnel-private-ids",
         "fails",
         "spd-overlap-misdelivery",
         "IKEv1 with RFC 3947 NAT-T: ESP in UDP 4500 crosses the NATs, but tunnel-mode "
         "IDs still name 10.0.0.2 and the gateway's policies still overlap"},
        {Variant::NATT_TRANSPORT,
         "natt-transport",
         "works",
         "none",
         "IKEv1 with NAT-T in transport mode to the gateway's own echo server: each "
         "SPD entry names the peer's public address and its SA the UDP port, NAT-OA "
         "keeps the original address for checksums"},
        {Variant::GATEWAY_ASSIGNED_ADDRESSES,
         "gateway-assigned-addresses",
         "works",
         "none",
         "IKEv2 with NAT-T, tunnel mode; the clients ask for an inner address "
         "(CFG_REQUEST) and the gateway assigns distinct ones from 172.30.0.1 on"},
    },
    {ScenarioParameter::Count("clients",
                              "2",
                              "hosts",
                              1,
                              kMaxClients,
                              "telecommuters with the same private address, each "
                              "behind its own NAT (1 leaves nothing to overlap)")},
};

class Rfc3715E : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        req::Topology topology;
        topology.clients = context.GetUint("clients");
        req::IkeSetup ike;
        switch (variant)
        {
        case Variant::PHASE2_PRIVATE_IDS:
            // The 2004 setting: legacy IKE, ESP passed by address-only NATs.
            ike.version = 1;
            ike.WithoutNatTraversal();
            topology.clientNat = "address-only";
            break;
        case Variant::NATT_TUNNEL_PRIVATE_IDS:
            ike.version = 1;
            break;
        case Variant::NATT_TRANSPORT:
            ike.version = 1;
            ike.mode = ns3::IPSEC_MODE_TRANSPORT;
            break;
        case Variant::GATEWAY_ASSIGNED_ADDRESSES:
            ike.virtualIp = true;
            break;
        }
        req::RemoteAccess lab(GetId(), context, topology, ike, req::Traffic());
        lab.Run();
        lab.Fill(row);
        return row;
    }
};

const Registered<Rfc3715E> kRegistered(Shelf::CATALOGUE, 500, kData);

} // namespace

} // namespace natt
