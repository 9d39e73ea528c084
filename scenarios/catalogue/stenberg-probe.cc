/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// draft-stenberg-ipsec-nat-traversal-00 3.1: both sides show the draft's
// vendor ID in Main Mode messages 1-4 (3.1.1), the initiator sends what it
// sees of the path in a private payload 211 in message 5, and the responder
// answers whether to use the envelope in message 6 (3.1.2). ESP is wrapped
// only when that decision says so (3.2).

#include "catalogue.h"
#include "fixes.h"
#include "req-common.h"

#include "ns3/ipsec-stack.h"
#include "ns3/udp-encapsulation.h"

namespace natt
{

using namespace ns3;

namespace
{

enum class Variant
{
    NO_NAT,
    BEHIND_NAT,
    PEER_WITHOUT_SUPPORT,
};

const EntryData<Variant> kData{
    "stenberg-probe",
    "draft-stenberg's IKE probe decides whether to use the envelope",
    "draft-stenberg-ipsec-nat-traversal-00 3.1",
    "client-1 runs IKEv1 Main Mode with the gateway and sends UDP echoes to the "
    "gateway's own echo server, protected by transport-mode ESP. Both offer draft-stenberg NAT "
    "traversal: the draft's vendor "
    "ID (\"draft-stenberg-ipsec-nat-traversal-00\") in messages 1-4 (3.1.1); in "
    "message 5 the initiator adds payload 211 with the address and port it sends to "
    "and its own, in message 6 the responder answers with one byte, 1 when the "
    "addresses it sees differ from those (a NAT) and 0 otherwise (3.1.2). With 1, "
    "ESP travels in the draft's envelope on UDP 500 and the initiator sends heartbeats "
    "(3.2, 3.3); with 0, plain ESP. A peer without the vendor ID gets no probe, so "
    "ESP stays plain, and a NAPT drops it (esp-dropped-by-nat, RFC 3715 2.2 j). "
    "envelopes_sent and plain_esp_sent count what the two stacks put on the wire; "
    "nat_chosen counts the IKE SAs whose probe chose the envelope.",
    {
        {Variant::NO_NAT,
         "no-nat",
         "works",
         "none",
         "client-1 has a public address: the probe's addresses match, the answer is 0 and "
         "ESP stays plain."},
        {Variant::BEHIND_NAT,
         "behind-nat",
         "works",
         "none",
         "client-1 sits behind a port-preserving NAPT: the responder sees another address, "
         "answers 1, and ESP travels in the envelope."},
        {Variant::PEER_WITHOUT_SUPPORT,
         "peer-without-support",
         "fails",
         "esp-dropped-by-nat",
         "client-1 behind the NAPT, and the gateway does not implement the draft: no "
         "vendor ID from it, no probe, plain ESP."},
    },
    {
        ScenarioParameter::Choice("client-nat",
                                  "",
                                  {"", "none", "port-preserving"},
                                  "the NAT before client-1 (none: a public address); empty: the "
                                  "variant's"),
        ScenarioParameter::Choice("gateway-supports-draft",
                                  "",
                                  {"", "true", "false"},
                                  "the gateway offers draft-stenberg NAT traversal; empty: the "
                                  "variant's"),
    },
};

class StenbergProbe : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        topology.clients = 1;
        std::string nat = context.Get("client-nat");
        if (nat.empty())
        {
            nat = variant == Variant::NO_NAT ? "none" : "port-preserving";
        }
        topology.clientNat = nat == "none" ? "" : nat;
        std::string supports = context.Get("gateway-supports-draft");
        if (supports.empty())
        {
            supports = variant == Variant::PEER_WITHOUT_SUPPORT ? "false" : "true";
        }
        req::IkeSetup ike;
        ike.version = 1;
        // Host to host: in tunnel mode a public client's inner and outer
        // address would be one, which a route-based tunnel cannot tell apart.
        ike.mode = IPSEC_MODE_TRANSPORT;
        ike.clientNatTraversal = IkePeerConfig::NATT_STENBERG;
        ike.gatewayNatTraversal =
            supports == "true" ? IkePeerConfig::NATT_STENBERG : IkePeerConfig::NATT_NONE;

        ResultRow row = MakeRow(context);
        req::RemoteAccess access(GetId(), context, topology, ike, req::Traffic());
        access.Setup();
        // What the stacks put on the wire: ESP in the envelope, or plain.
        auto counts = std::make_shared<std::map<std::string, uint64_t>>();
        for (Ptr<Node> node : {access.GetGateway(), access.GetClients()[0]})
        {
            node->GetObject<IpsecStack>()->GetUdpEncapsulation()->TraceConnectWithoutContext(
                "Tx",
                MakeBoundCallback(
                    +[](std::map<std::string, uint64_t>* c,
                        Ptr<const Packet>,
                        const std::string& kind) { ++(*c)[kind]; },
                    counts.get()));
        }
        access.Run();
        access.Fill(row);
        uint64_t chosen = 0;
        for (const auto& sa : IkeHelper::GetDaemon(access.GetGateway())->GetSas())
        {
            chosen += sa->Has(IkeSa::COND_STENBERG) ? 1 : 0;
        }
        uint64_t envelopes = (*counts)["stenberg-esp"];
        row.SetMetric("envelopes_sent", static_cast<double>(envelopes));
        row.SetMetric("plain_esp_sent",
                      static_cast<double>(access.GetLab().GetProbe().GetEspSent() - envelopes));
        row.SetMetric("nat_chosen", static_cast<double>(chosen));
        return row;
    }
};

const Registered<StenbergProbe> kRegistered(Shelf::CATALOGUE, 2900, kData);
const RegisteredFixUse kFix{{"draft-stenberg", "stenberg-probe", "behind-nat"}};

} // namespace

} // namespace natt
