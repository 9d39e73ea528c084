/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 d: a NAPT tells initiators apart by the IKE source port it
// gave each of them; a responder that answers (or rekeys) to port 500
// instead of the port the request came from reaches the wrong one.

#include "catalogue.h"
#include "ike-common.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ike-ports.h"

using namespace ns3;

namespace natt
{

namespace
{

/// Hosts start IKE 250 ms apart from second 1; with more than 14 the last
/// SAs are not up when the echoes start at second 4.
const uint32_t kMaxHosts = 14;

enum class Variant
{
    LEGACY_RESPONDER,
    RFC3947_RESPONDER,
};

const EntryData<Variant> kData{
    "rfc3715-d",
    "Fixed IKE source ports and NAPT",
    "RFC 3715 2.1 d",
    "Telecommuters host-a, host-b, ... share the private LAN 10.0.0.0/24 behind "
    "nat, a NAPT with \"IPsec passthrough\" (preset spi-passthrough: UDP ports "
    "translated, kept when free; ESP routed by SPI). Each sets up a tunnel-mode SA "
    "to gateway with IKEv1 Main Mode, a quarter of a second apart, and sends UDP echoes "
    "to "
    "server on the corporate LAN 172.16.0.0/24; later the gateway rekeys every "
    "client's IPsec SAs (Quick Mode from its side). All IKE leaves the hosts from "
    "port 500, so the NAPT keeps 500 for host-a and gives host-b another source "
    "port: only that port tells the NAPT which host a reply is for (RFC 3715 "
    "2.1 d). A legacy responder that answers and rekeys to port 500 sends host-b's "
    "replies to host-a, which drops them, and host-b's phase 1 never completes. A "
    "responder that answers the port each request came from, as RFC 3947 requires, "
    "and rekeys to the floated port reaches every host.",
    {
        {Variant::LEGACY_RESPONDER,
         "legacy-responder",
         "fails",
         "ike-reply-misrouted",
         "The gateway predates NAT-T: it answers and rekeys to UDP port 500 whatever the "
         "source port was, and negotiates no NAT traversal."},
        {Variant::RFC3947_RESPONDER,
         "rfc3947-responder",
         "works",
         "none",
         "The gateway implements RFC 3947: it answers the source port of each request, "
         "floats to 4500 with the clients and rekeys to the NAT's mapping of it."},
    },
    {
        ScenarioParameter::Count("hosts",
                                 "2",
                                 "hosts",
                                 1,
                                 kMaxHosts,
                                 "telecommuters behind the NAPT; with one, port 500 is its own "
                                 "and even the legacy responder reaches it"),
        ScenarioParameter::Duration(
            "rekey-at",
            "6",
            "s",
            ikecommon::kEarliestRekeySeconds,
            3600,
            "when the gateway rekeys every client's IPsec SAs (0: no rekey)")
            .OrZeroForOff(),
        ikecommon::EchoPacketsParameter(),
    },
};

class Rfc3715D : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t hostCount = context.GetUint("hosts");
        Time rekeyAt = context.GetTime("rekey-at");
        uint32_t packets = context.GetUint("packets");
        bool legacy = variant == Variant::LEGACY_RESPONDER;

        Lab lab(GetId(), context);
        ikecommon::Corporate corporate = ikecommon::AddCorporate(lab);
        Ptr<Node> nat = lab.AddNat("nat", "spi-passthrough", ikecommon::kHomeNet);
        std::vector<Ptr<Node>> hosts;
        for (uint32_t i = 0; i < hostCount; ++i)
        {
            hosts.push_back(lab.AddHost(std::string("host-") + char('a' + i), nat));
        }
        lab.Build();

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        Ptr<IkeDaemon> gatewayDaemon = ike.Install(corporate.gateway);
        for (const auto& host : hosts)
        {
            ike.Install(host);
        }
        ikecommon::AssignStreams(lab);

        ikecommon::Flavour clientFlavour; // IKEv1 Main Mode, RFC 3947 NAT-T offered
        ikecommon::Flavour gatewayFlavour;
        if (legacy)
        {
            gatewayFlavour.natTraversal = IkePeerConfig::NATT_NONE;
        }
        IkePeerConfig gateway = ikecommon::GatewayConfig(lab, corporate, gatewayFlavour);
        gateway.replyToPort500 = legacy;
        gatewayDaemon->AddPeer(gateway);

        Time echoStart = Seconds(4);
        Time interval = MilliSeconds(500);
        std::vector<std::shared_ptr<EchoFlow>> flows;
        for (uint32_t i = 0; i < hostCount; ++i)
        {
            IkePeerConfig client = ikecommon::ClientConfig(lab, hosts[i], corporate, clientFlavour);
            IkeHelper::GetDaemon(hosts[i])->AddPeer(client);
            IkeHelper::Initiate(hosts[i], client.name, Seconds(1) + MilliSeconds(250) * i);
            flows.push_back(lab.AddUdpEcho(hosts[i],
                                           corporate.server,
                                           // One echo server per host on server.
                                           ikecommon::kEchoPort + i,
                                           packets,
                                           interval,
                                           100,
                                           // Spread over the interval, so each reply is
                                           // back before the next host sends.
                                           echoStart + interval * i / hostCount));
        }
        ikecommon::DaemonWatch rekeys;
        std::shared_ptr<uint32_t> rekeysStarted = std::make_shared<uint32_t>(0);
        if (rekeyAt.IsStrictlyPositive())
        {
            rekeys.Connect(gatewayDaemon, rekeyAt);
            rekeysStarted =
                ikecommon::ScheduleRekeys(corporate.gateway, rekeyAt, ikecommon::Rekey::CHILD);
        }
        // Long enough for an unanswered exchange to be given up (about 8 s).
        Time stop = std::max(echoStart + interval * packets, rekeyAt + Seconds(9)) + Seconds(1);
        lab.Run(stop);

        uint64_t misrouted = 0;
        for (const auto& host : hosts)
        {
            // A reply with cookies the host never chose: it was meant for another host.
            misrouted += ikecommon::DaemonDrops(host, "unknown-sa");
        }
        // Or IKE sent to port 500 that the NAT could not deliver: no host
        // owns that port there, or its owner's filter refuses the gateway.
        NatDropFilter toPort500;
        toPort500.protocol = 17;
        toPort500.destinationPorts = {IKE_UDP_PORT};
        toPort500.reasons = {"no-mapping", "filtered"};
        uint64_t undeliverable = lab.GetProbe().CountNatDrops(toPort500);
        uint64_t ikeNatDrops = lab.GetProbe().CountNatDrops(NatDropFilter::Ike());
        bool rekeyed = rekeys.GetChildSas() >= *rekeysStarted && rekeys.GetFailures() == 0;
        if (ikecommon::AllEchoesProtected(lab, hosts, flows) &&
            lab.GetProbe().GetIkeSasEstablished() >= hostCount && rekeyed)
        {
            ikecommon::SetWorksIfRekeyStarted(row, rekeyAt.IsStrictlyPositive(), *rekeysStarted);
        }
        else
        {
            row.outcome = "fails";
            if (misrouted + undeliverable > 0)
            {
                row.symptom = "ike-reply-misrouted";
            }
            else if (ikeNatDrops > 0)
            {
                row.symptom = "ike-dropped-by-nat";
            }
            else if (lab.GetProbe().GetIkeFailures() > 0)
            {
                row.symptom = "ike-failed";
            }
            else
            {
                row.symptom = "traffic-lost";
            }
        }
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("ike_misrouted", static_cast<double>(misrouted));
        row.SetMetric("ike_nat_dropped", static_cast<double>(ikeNatDrops));
        row.SetMetric("ike_to_port500_undeliverable", static_cast<double>(undeliverable));
        row.SetMetric("rekeys_started", *rekeysStarted);
        row.SetMetric("rekeys_done", rekeys.GetChildSas());
        uint32_t replies = 0;
        for (const auto& flow : flows)
        {
            replies += flow->repliesReceived;
        }
        row.SetMetric("echo_replies", replies);
        return row;
    }
};

const Registered<Rfc3715D> kRegistered(Shelf::CATALOGUE, 400, kData);

} // namespace

} // namespace natt
