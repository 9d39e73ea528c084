/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.3 n: a NAT that routes inbound IKE by the initiator cookie
// has nowhere to send a phase-1 rekey started from outside: its cookies
// are new and never left through the NAT.

#include "catalogue.h"
#include "ike-common.h"
#include "lab.h"

#include "ns3/core-module.h"

using namespace ns3;

namespace natt
{

namespace
{

enum class Variant
{
    COOKIE_DEMUX,
    NATT_4500,
};

const EntryData<Variant> kData{
    "rfc3715-n",
    "ISAKMP header inspection",
    "RFC 3715 2.3 n",
    "A telecommuter, host-a, sits on the private LAN 10.0.0.0/24 behind nat, an "
    "\"IPsec helper\" NAPT (preset cookie-inspecting, passing ESP by SPI) that keeps "
    "UDP port 500 and routes inbound IKE on port 500 by the ISAKMP initiator cookie "
    "it saw leave. host-a sets up a tunnel-mode SA to gateway with IKEv1 Main Mode "
    "and sends UDP echoes to server on the corporate LAN 172.16.0.0/24. At rekey-at "
    "the gateway renews phase 1: a new Main Mode with new cookies, which it chose "
    "itself (RFC 3715 2.3 n). The NAT has never seen them, drops the rekey, and the "
    "ISAKMP SA cannot be renewed. With NAT-T, IKE has floated to UDP 4500, where the "
    "NAT demultiplexes by port like any UDP flow, and the rekey reaches host-a.",
    {
        {Variant::COOKIE_DEMUX,
         "cookie-demux",
         "fails",
         "rekey-cookie-unknown",
         "host-a and gateway run IKEv1 without NAT traversal, so all IKE stays on port 500 "
         "where the NAT inspects cookies."},
        {Variant::NATT_4500,
         "natt-4500",
         "works",
         "none",
         "host-a and gateway negotiate RFC 3947 NAT-T: IKE floats to UDP 4500 and the NAT "
         "demultiplexes it by port."},
    },
    {
        ScenarioParameter::Choice("rekeyer",
                                  "gateway",
                                  {"gateway", "host"},
                                  "who renews phase 1: gateway (cookies the NAT never saw) or "
                                  "host (the new cookies leave through the NAT first, so it "
                                  "learns them)"),
        ScenarioParameter::Duration("rekey-at",
                                    "5",
                                    "s",
                                    2,
                                    3600,
                                    "when phase 1 is renewed (phase 1 is up after 2 s)"),
        ScenarioParameter::Count(
            "packets",
            "10",
            "packets",
            1,
            1000,
            "UDP echo requests host-a sends to server, one every 500 ms from second 3"),
    },
};

class Rfc3715N : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        Time rekeyAt = context.GetTime("rekey-at");
        uint32_t packets = context.GetUint("packets");

        Lab lab(GetId(), context);
        ikecommon::Corporate corporate = ikecommon::AddCorporate(lab);
        NatHelper natHelper;
        natHelper.SetPreset("cookie-inspecting");
        // The helper NATs that inspect cookies also pass ESP ("IPsec
        // passthrough"), so legacy IKE's SAs can carry traffic at all.
        natHelper.SetAttribute("OtherProtocols", StringValue("SpiPassthrough"));
        Ptr<Node> nat = lab.AddNat("nat", natHelper, ikecommon::kHomeNet);
        Ptr<Node> host = lab.AddHost("host-a", nat);
        lab.Build();

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        Ptr<IkeDaemon> hostDaemon = ike.Install(host);
        Ptr<IkeDaemon> gatewayDaemon = ike.Install(corporate.gateway);
        ikecommon::AssignStreams(lab);

        ikecommon::Flavour flavour;
        if (variant == Variant::COOKIE_DEMUX)
        {
            flavour.natTraversal = IkePeerConfig::NATT_NONE;
        }
        IkePeerConfig client = ikecommon::ClientConfig(lab, host, corporate, flavour);
        hostDaemon->AddPeer(client);
        gatewayDaemon->AddPeer(ikecommon::GatewayConfig(lab, corporate, flavour));
        IkeHelper::Initiate(host, client.name, Seconds(1));

        Time echoStart = Seconds(3);
        Time interval = MilliSeconds(500);
        auto flow = lab.AddUdpEcho(host,
                                   corporate.server,
                                   ikecommon::kEchoPort,
                                   packets,
                                   interval,
                                   100,
                                   echoStart);
        Ptr<Node> rekeyer = context.Get("rekeyer") == "host" ? host : corporate.gateway;
        ikecommon::DaemonWatch watch;
        watch.Connect(IkeHelper::GetDaemon(rekeyer), rekeyAt);
        std::shared_ptr<uint32_t> started =
            ikecommon::ScheduleRekeys(rekeyer, rekeyAt, ikecommon::Rekey::PHASE1);
        // Long enough for an unanswered rekey to be given up (about 8 s).
        Time stop = std::max(echoStart + interval * packets, rekeyAt + Seconds(9)) + Seconds(1);
        lab.Run(stop);

        bool rekeyed = *started > 0 && watch.GetInitiatedSas() >= *started;
        if (ikecommon::AllEchoesProtected(lab, {host}, {flow}) && rekeyed)
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        else
        {
            row.outcome = "fails";
            if (lab.GetProbe().CountNatDrops(NatDropFilter::Ike({"ike-cookie-unknown"})) > 0)
            {
                row.symptom = "rekey-cookie-unknown";
            }
            else if (!rekeyed)
            {
                row.symptom = "ike-rekey-failed";
            }
            else
            {
                row.symptom = "traffic-lost";
            }
        }
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("rekeys_started", *started);
        row.SetMetric("rekeys_done", watch.GetInitiatedSas());
        row.SetMetric("ike_cookie_unknown",
                      static_cast<double>(lab.GetProbe().CountNatDrops(
                          NatDropFilter::Ike({"ike-cookie-unknown"}))));
        row.SetMetric("echo_replies", flow->repliesReceived);
        return row;
    }
};

const Registered<Rfc3715N> kRegistered(Shelf::CATALOGUE, 1400, kData);

} // namespace

} // namespace natt
