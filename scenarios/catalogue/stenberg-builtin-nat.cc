/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// draft-stenberg-ipsec-nat-traversal-00 2.2.1 ISSUE2 and 3.4: the envelope
// gives the responder each sender's original address, so two hosts with
// the same private address behind different NATs look the same to it in
// transport mode; the responder's built-in host NAT makes them unique.

#include "catalogue.h"
#include "fixes.h"
#include "req-common.h"

#include "ns3/ipsec-builtin-nat.h"
#include "ns3/ipsec-stack.h"
#include "ns3/pointer.h"

namespace natt
{

using namespace ns3;

namespace
{

const uint32_t kMaxClients = 7;

enum class Variant
{
    WITHOUT_BUILTIN_NAT,
    WITH_BUILTIN_NAT,
};

const EntryData<Variant> kData{
    "stenberg-builtin-nat",
    "Two hosts with one private address: draft-stenberg's built-in host NAT",
    "draft-stenberg-ipsec-nat-traversal-00 2.2.1 (ISSUE2), 2.4, 3.4",
    "client-1 and client-2 both have the address 10.0.0.2, each behind its own "
    "port-preserving NAPT (nat-1, nat-2), and each runs IKEv1 Main Mode with the "
    "draft's NAT traversal to the same public server (gateway) and sends UDP echoes "
    "to it in transport mode. Each probe says NAT, so ESP travels in the draft's "
    "envelope, which restores the sender's original IPv4 source on arrival (3.2): "
    "both clients arrive as 10.0.0.2, and each client's SA names 10.0.0.2 in its "
    "selectors (the draft's ISSUE2: in transport mode there WILL be conflicts). The "
    "server's echo replies to 10.0.0.2 then all match the first of the two "
    "policies, so one client's replies go down the other client's SA "
    "(spd-overlap-misdelivery, counted at the clients as replies from the wrong "
    "port). The draft's fix (3.4): a host NAT inside the server's IPsec stack "
    "(IpsecStack BuiltinNat, an IpsecBuiltinNat) maps each (perceived host, "
    "perceived port) to an address of its own internal network (172.31.0.0/16): after "
    "IPsec processing the source becomes that address, and a reply to it leaves "
    "through the SA of that (host, port), addressed to the client's original address, "
    "checksums adjusted. builtin_nat_mappings, builtin_nat_inbound and "
    "builtin_nat_outbound count what it did.",
    {
        {Variant::WITHOUT_BUILTIN_NAT,
         "without-builtin-nat",
         "fails",
         "spd-overlap-misdelivery",
         "The server's IPsec stack has no built-in NAT."},
        {Variant::WITH_BUILTIN_NAT,
         "with-builtin-nat",
         "works",
         "none",
         "The server's IPsec stack maps each client's (host, port) to an internal "
         "address (draft-stenberg 3.4)."},
    },
    {
        ScenarioParameter::Count("clients",
                                 "2",
                                 "hosts",
                                 1,
                                 kMaxClients,
                                 "clients, all with the address 10.0.0.2, each behind its own "
                                 "NAPT"),
        ScenarioParameter::Choice("builtin-nat",
                                  "",
                                  {"", "true", "false"},
                                  "the server's built-in host NAT; empty: the variant's"),
    },
};

class StenbergBuiltinNat : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        topology.clients = context.GetUint("clients");
        req::IkeSetup ike;
        ike.version = 1;
        ike.mode = IPSEC_MODE_TRANSPORT;
        ike.clientNatTraversal = IkePeerConfig::NATT_STENBERG;
        ike.gatewayNatTraversal = IkePeerConfig::NATT_STENBERG;
        std::string builtin = context.Get("builtin-nat");
        if (builtin.empty())
        {
            builtin = variant == Variant::WITH_BUILTIN_NAT ? "true" : "false";
        }

        ResultRow row = MakeRow(context);
        req::RemoteAccess access(GetId(), context, topology, ike, req::Traffic());
        access.Setup();
        Ptr<IpsecBuiltinNat> nat;
        if (builtin == "true")
        {
            nat = CreateObject<IpsecBuiltinNat>();
            access.GetGateway()->GetObject<IpsecStack>()->SetAttribute("BuiltinNat",
                                                                       PointerValue(nat));
        }
        access.Run();
        access.Fill(row);
        row.SetMetric("builtin_nat_mappings", nat ? nat->GetMappingCount() : 0);
        row.SetMetric("builtin_nat_inbound", nat ? nat->GetInboundTranslated() : 0);
        row.SetMetric("builtin_nat_outbound", nat ? nat->GetOutboundTranslated() : 0);
        return row;
    }
};

const Registered<StenbergBuiltinNat> kRegistered(Shelf::CATALOGUE, 3200, kData);
const RegisteredFixUse kFix{{"draft-stenberg", "stenberg-builtin-nat", "with-builtin-nat"}};

} // namespace

} // namespace natt
