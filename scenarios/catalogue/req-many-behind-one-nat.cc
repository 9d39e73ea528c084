/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, telecommuter and scaling requirements: many telecommuters on
// one private network behind the same NA(P)T, connecting to one gateway.

#include "catalogue.h"
#include "req-common.h"

#include <algorithm>

namespace natt
{

namespace
{

/// Clients the NAT's LAN is sized for: a /21 (Lab::SizePrefix) whose
/// hosts past the first 32 hang off a tree of switches (Lab::AddHost), so
/// that a frame costs the same at any size; 2,000 run in minutes (issue 17).
const uint32_t kMaxClients = 2000;

enum class Variant
{
    NATT,
    NO_NATT,
};

const EntryData<Variant> kData{
    "req-many-behind-one-nat",
    "Many telecommuters behind one NAPT, one gateway",
    "RFC 3715 3",
    "Telecommuters client-1 ... client-N (10.0.0.2 on) share one NAPT, nat, "
    "and each sets up a tunnel to the same public VPN gateway, behind which "
    "the corporate subnet 192.168.100.0/24 holds the echo server. RFC 3715 3 "
    "requires that many hosts behind one NA(P)T reach the same gateway at "
    "once. The NAPT translates ports; ESP has none, so the best it can do is "
    "translate ESP by address only, which serves one inside host at a time "
    "(RFC 3715 2.1 j): the second client's ESP is dropped. With NAT-T every "
    "client's ESP travels in UDP with a port mapping of its own. The first 32 "
    "clients share the NAT's Ethernet segment; more (up to 2000) reach it "
    "through switches of 32 ports each, knowing the NAT's MAC address "
    "without asking (static ARP), as a segment of thousands would carry "
    "every frame to every host.",
    {
        {Variant::NATT,
         "natt",
         "works",
         "none",
         "IKEv2 with NAT detection: each client's IKE and ESP-in-UDP get their own "
         "UDP 4500 mapping on the NAPT"},
        {Variant::NO_NATT,
         "no-natt",
         "fails",
         "esp-dropped-by-nat",
         "IKEv2 without NAT traversal through a NAPT that translates ESP by address "
         "only: the first client's ESP passes, the others' are dropped"},
    },
    {ScenarioParameter::Count("clients",
                              "4",
                              "hosts",
                              1,
                              kMaxClients,
                              "telecommuters behind the one NAPT (with 1, address-only "
                              "translation of ESP suffices)")},
};

class ReqManyBehindOneNat : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        topology.clients = context.GetUint("clients");
        topology.sharedNat = true;
        topology.clientNat = "address-only";
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

const Registered<ReqManyBehindOneNat> kRegistered(Shelf::CATALOGUE, 2100, kData);

} // namespace

} // namespace natt
