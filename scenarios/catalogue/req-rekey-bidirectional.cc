/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, security requirement: IKE must be allowed to rekey in both
// directions (RFC 2408), which through a NAT means the responder's rekeys
// must reach the initiator through the NAT's mapping.

#include "catalogue.h"
#include "req-common.h"
#include "variant-attributes.h"

#include "ns3/ike-daemon.h"
#include "ns3/nat-helper.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace natt
{

namespace
{

using ns3::IkeDaemon;
using ns3::Ptr;

enum class Variant
{
    NATT,
    NATT_IKEV1,
    NO_NATT,
};

const EntryData<Variant> kData{
    "req-rekey-bidirectional",
    "Either side rekeys through the NAT",
    "RFC 3715 3",
    "The client client-1 (10.0.0.2) behind the NAPT nat-1 keeps a tunnel to "
    "the public VPN gateway and echoes to the server on the corporate subnet "
    "192.168.100.0/24 for 11 s. Meanwhile the client rekeys the child SA at "
    "3 s, the gateway rekeys it at 6 s, the client rekeys the IKE SA at 8 s "
    "and the gateway at 11 s. RFC 3715 3 requires IKE to rekey in both "
    "directions (RFC 2408). The gateway's rekeys travel inbound through the "
    "NAT, so they need a live mapping: with NAT-T, IKE shares UDP 4500 with "
    "the ESP-in-UDP traffic, which keeps the mapping alive; without it, IKE "
    "sits idle on UDP 500 and the mapping times out (udp-timeout) while the "
    "ESP flows, so the gateway's rekey is dropped by the NAT.",
    {
        {Variant::NATT,
         "natt",
         "works",
         "none",
         "IKEv2 with NAT-T: all four rekeys complete over UDP 4500 and the echo "
         "continues across them"},
        {Variant::NATT_IKEV1,
         "natt-ikev1",
         "works",
         "none",
         "IKEv1 with RFC 3947 NAT-T: Quick Mode and Main Mode rekeys from both sides"},
        {Variant::NO_NATT,
         "no-natt",
         "fails",
         "rekey-dropped-by-nat",
         "IKEv2 without NAT traversal, plain ESP passed by an address-only NAT: the "
         "gateway's rekey finds the UDP 500 mapping expired"},
    },
    {ScenarioParameter::Duration("udp-timeout",
                                 "2",
                                 "s",
                                 1,
                                 3600,
                                 "how long an idle UDP mapping lives on nat-1 (a large "
                                 "value keeps the IKE mapping alive between rekeys even "
                                 "without NAT-T)")},
};

class ReqRekeyBidirectional : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        // ESP passes by address (one host), so only IKE's mapping matters.
        topology.clientNat = "address-only";
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
        req::Traffic traffic;
        traffic.start = ns3::Seconds(1);
        traffic.packets = 44;
        traffic.interval = ns3::MilliSeconds(250);
        traffic.stop = ns3::Seconds(13);

        ResultRow row = MakeRow(context);
        req::RemoteAccess lab(GetId(), context, topology, ike, traffic);
        lab.Setup();
        Ptr<ns3::NatEngine> engine = ns3::NatHelper::GetEngine(lab.GetLab().GetNats().Get(0));
        SetVariantAttribute(context,
                            engine,
                            "UdpMappingTimeout",
                            ns3::TimeValue(context.GetTime("udp-timeout")));
        Ptr<IkeDaemon> client = ns3::IkeHelper::GetDaemon(lab.GetClients().at(0));
        Ptr<IkeDaemon> gateway = ns3::IkeHelper::GetDaemon(lab.GetGateway());
        req::RekeyLog log;
        using ns3::Seconds;
        using ns3::Simulator;
        Simulator::Schedule(Seconds(3), &req::RekeyChild, client, ike.version, &log);
        Simulator::Schedule(Seconds(6), &req::RekeyChild, gateway, ike.version, &log);
        Simulator::Schedule(Seconds(8), &req::RekeyIke, client, ike.version, &log);
        Simulator::Schedule(Seconds(11), &req::RekeyIke, gateway, ike.version, &log);
        lab.Run();
        lab.Fill(row);
        row.SetMetric("child_rekeys", log.childRekeys);
        row.SetMetric("ike_rekeys", log.ikeRekeys);
        Lab& l = lab.GetLab();
        // IKE on UDP 500 or 4500 that found no live mapping at the NAT.
        uint64_t natIkeDrops = l.GetProbe().CountNatDrops(
            NatDropFilter::Ike({"no-mapping", "mapping-expired", "filtered"}));
        row.SetMetric("nat_mapping_drops", static_cast<double>(natIkeDrops));
        bool allRekeys = log.childRekeys == 2 && log.ikeRekeys == 2;
        if (row.outcome == "works" && !allRekeys)
        {
            row.outcome = "fails";
        }
        if (row.outcome == "fails" && !allRekeys)
        {
            // A rekey lost at the NAT explains the failure before the
            // traffic loss that follows from it.
            if (natIkeDrops > 0)
            {
                row.symptom = "rekey-dropped-by-nat";
            }
            else if (row.symptom == "none")
            {
                row.symptom = "rekey-failed";
            }
        }
        return row;
    }
};

const Registered<ReqRekeyBidirectional> kRegistered(Shelf::CATALOGUE, 2500, kData);

} // namespace

} // namespace natt
