/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// draft-stenberg-ipsec-nat-traversal 4.3 and RFC 6888 REQ-4: a NAT's
// mapping table is a shared resource. One inside host that opens mappings
// until the table is full denies every other host a mapping, the IKE of an
// honest IPsec client included, unless the NAT limits each host's share.

#include "catalogue.h"
#include "ike-common.h"
#include "lab.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/internet-module.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-helper.h"

using namespace ns3;

namespace natt
{

namespace
{

/// Where the greedy host's datagrams go: a sink on target.
constexpr uint16_t kSinkPort = 9;
/// The greedy host's first datagram, and the time between its flows.
const Time kGreedyStart = MilliSeconds(100);
const Time kGreedyInterval = MilliSeconds(2);
/// The honest host's IKE, once the greedy host has opened its flows.
const Time kIkeStart = Seconds(1);
const Time kEchoStart = Seconds(4);
const Time kEchoInterval = MilliSeconds(200);

enum class Variant
{
    NO_PER_HOST_LIMIT,
    PER_HOST_LIMIT,
};

const EntryData<Variant> kData{
    "nat-table-exhaustion",
    "One inside host fills the NAT's mapping table; an honest IPsec client is refused",
    "draft-stenberg-ipsec-nat-traversal 4.3; RFC 6888 REQ-4",
    "home-nat (preset port-preserving, 10.0.0.0/24) holds table-size mappings at most "
    "(MaxMappings). greedy-host, an ordinary inside host, opens greedy-flows UDP flows "
    "from as many source ports (one ns-3 UDP socket each, one datagram every 2 ms from "
    "0.1 s) to a sink on target, a public node; each takes a mapping, and they stay "
    "live for the run. At 1 s honest-host starts IKEv2 with NAT traversal to gateway "
    "(the corporate security gateway) and from 4 s sends UDP echo requests to the "
    "corporate server through the ESP-in-UDP tunnel child. Without a per-host limit "
    "the greedy host takes the whole table and the NAT refuses honest-host's IKE with "
    "its table-full drop (RFC 6888 REQ-4's case). With MaxMappingsPerHost (the "
    "per-host-limit variant, or --set ns3::NatEngine::MaxMappingsPerHost=N) the NAT "
    "refuses the greedy host's flows beyond N with host-mapping-limit, and "
    "honest-host's mappings fit in what is left. The symptom is read from the NAT's "
    "drops of honest-host's IKE.",
    {
        {Variant::NO_PER_HOST_LIMIT,
         "no-per-host-limit",
         "fails",
         "nat-table-full",
         "MaxMappingsPerHost=0: greedy-host fills the table, and the NAT drops "
         "honest-host's IKE_SA_INIT (table-full)."},
        {Variant::PER_HOST_LIMIT,
         "per-host-limit",
         "works",
         "none",
         "MaxMappingsPerHost=per-host-limit: greedy-host is capped (host-mapping-limit), "
         "honest-host's IKE and ESP-in-UDP get their mappings."},
    },
    {
        ScenarioParameter::Count("table-size",
                                 "64",
                                 "mappings",
                                 1,
                                 65535,
                                 "home-nat's MaxMappings"),
        ScenarioParameter::Count("greedy-flows",
                                 "200",
                                 "flows",
                                 0,
                                 10000,
                                 "UDP flows (source ports) greedy-host opens"),
        ScenarioParameter::Count("per-host-limit",
                                 "16",
                                 "mappings",
                                 1,
                                 65535,
                                 "per-host-limit: home-nat's MaxMappingsPerHost"),
        ScenarioParameter::Count("packets",
                                 "10",
                                 "packets",
                                 1,
                                 1000,
                                 "UDP echo requests honest-host sends through its tunnel"),
    },
};

/// \p flows UDP sockets on \p host, each sending one datagram to \p target's sink.
void
OpenFlows(Ptr<Node> host, Ipv4Address target, uint32_t flows)
{
    for (uint32_t k = 0; k < flows; ++k)
    {
        Simulator::Schedule(kGreedyStart + kGreedyInterval * k, [host, target]() {
            // A fresh socket: a fresh ephemeral source port, so a fresh mapping.
            Ptr<Socket> socket = Socket::CreateSocket(host, UdpSocketFactory::GetTypeId());
            socket->Connect(InetSocketAddress(target, kSinkPort));
            socket->Send(Create<Packet>(32));
        });
    }
}

/// The mappings home-nat holds for \p inside at the end of the run.
uint32_t
MappingsOf(Ptr<Node> nat, Ipv4Address inside)
{
    uint32_t count = 0;
    for (const NatMappingInfo& mapping : NatHelper::GetEngine(nat)->GetMappings())
    {
        count += mapping.insideAddress == inside ? 1 : 0;
    }
    return count;
}

class NatTableExhaustion : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        Lab lab(GetId(), context);
        ikecommon::Corporate corporate = ikecommon::AddCorporate(lab);
        Ptr<Node> target = lab.AddPublicNode("target");
        NatHelper natHelper;
        natHelper.SetPreset("port-preserving");
        natHelper.SetAttribute("MaxMappings", UintegerValue(context.GetUint("table-size")));
        // The user's --set of MaxMappingsPerHost wins over this (Lab::Build).
        natHelper.SetAttribute("MaxMappingsPerHost",
                               UintegerValue(variant == Variant::PER_HOST_LIMIT
                                                 ? context.GetUint("per-host-limit")
                                                 : 0));
        Ptr<Node> nat = lab.AddNat("home-nat", natHelper, ikecommon::kHomeNet);
        Ptr<Node> greedy = lab.AddHost("greedy-host", nat);
        Ptr<Node> honest = lab.AddHost("honest-host", nat);
        lab.Build();

        PacketSinkHelper sink("ns3::UdpSocketFactory",
                              InetSocketAddress(Ipv4Address::GetAny(), kSinkPort));
        sink.Install(target).Start(Seconds(0));
        uint32_t flows = context.GetUint("greedy-flows");
        OpenFlows(greedy, lab.GetAddress(target), flows);

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        ike.Install(honest);
        ike.Install(corporate.gateway);
        ikecommon::Flavour flavour;
        flavour.version = 2;
        IkePeerConfig client = ikecommon::ClientConfig(lab, honest, corporate, flavour);
        IkeHelper::GetDaemon(honest)->AddPeer(client);
        IkeHelper::GetDaemon(corporate.gateway)
            ->AddPeer(ikecommon::GatewayConfig(lab, corporate, flavour));
        IkeHelper::Initiate(honest, client.name, kIkeStart);
        uint32_t packets = context.GetUint("packets");
        auto echoes = lab.AddUdpEcho(honest,
                                     corporate.server,
                                     ikecommon::kEchoPort,
                                     packets,
                                     kEchoInterval,
                                     100,
                                     kEchoStart,
                                     lab.GetAddress(corporate.server));
        ikecommon::AssignStreams(lab);
        lab.Run(kEchoStart + kEchoInterval * packets + Seconds(1));

        const LabProbe& probe = lab.GetProbe();
        uint64_t honestIkeRefused = probe.CountNatDrops(
            NatDropFilter::Ike({NatEngine::TABLE_FULL_DROP, NatEngine::HOST_MAPPING_LIMIT_DROP}));
        if (ikecommon::AllEchoesProtected(lab, {honest}, {echoes}))
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        else
        {
            row.outcome = "fails";
            // RFC 6888 REQ-4: the drop counter that refused the honest host names it.
            if (probe.CountNatDrops(NatDropFilter::Ike({NatEngine::TABLE_FULL_DROP})) > 0)
            {
                row.symptom = "nat-table-full";
            }
            else if (honestIkeRefused > 0)
            {
                row.symptom = "nat-host-mapping-limit";
            }
            else if (probe.CountNatDrops(NatDropFilter::Ike()) > 0)
            {
                row.symptom = "ike-dropped-by-nat";
            }
            else
            {
                row.symptom = probe.GetIkeSasEstablished() > 0 ? "traffic-lost" : "ike-failed";
            }
        }
        probe.FillMetrics(row);
        row.SetMetric("echo_sent", echoes->requestsSent);
        row.SetMetric("echo_replies", echoes->repliesReceived);
        row.SetMetric("greedy_flows", flows);
        row.SetMetric("greedy_mappings", MappingsOf(nat, lab.GetAddress(greedy)));
        row.SetMetric("honest_mappings", MappingsOf(nat, lab.GetAddress(honest)));
        row.SetMetric("table_full_drops",
                      static_cast<double>(probe.GetNatDrops(NatEngine::TABLE_FULL_DROP)));
        row.SetMetric("host_limit_drops",
                      static_cast<double>(probe.GetNatDrops(NatEngine::HOST_MAPPING_LIMIT_DROP)));
        row.SetMetric("honest_ike_refused", static_cast<double>(honestIkeRefused));
        return row;
    }
};

const Registered<NatTableExhaustion> kRegistered(Shelf::CATALOGUE, 4200, kData);

} // namespace

} // namespace natt
