/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.3 o: a NAT that never translates UDP source port 500 gives
// every inside initiator the same outside endpoint; inbound IKE can reach
// only one of them.

#include "catalogue.h"
#include "ike-common.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ike-ports.h"
#include "ns3/nat-engine.h"

#include <set>

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
    LEGACY_IKE,
    NATT_FLOAT,
};

const EntryData<Variant> kData{
    "rfc3715-o",
    "Special treatment of port 500",
    "RFC 3715 2.3 o",
    "Telecommuters host-a, host-b, ... share the private LAN 10.0.0.0/24 behind "
    "nat, an \"IPsec helper\" NAPT (preset port-500-special, passing ESP by SPI) "
    "that never translates UDP source port 500, because some IKE implementations "
    "cannot take another source port. Each host sets up a tunnel-mode SA to "
    "gateway with IKEv1 Main Mode, a quarter of a second apart, and sends UDP echoes to "
    "server on the corporate LAN 172.16.0.0/24; later the gateway rekeys every "
    "client's IPsec SAs (Quick Mode from its side). All hosts now share the outside "
    "endpoint nat:500, and the NAT hands inbound IKE to whichever host sent last "
    "(RFC 3715 2.3 o): the gateway's rekey for host-a reaches host-b, which drops "
    "it, and host-a's SAs cannot be renewed. With NAT-T, IKE floats to UDP 4500 "
    "after the first exchange; the NAT translates that port like any other, so "
    "every host has its own mapping.",
    {
        {Variant::LEGACY_IKE,
         "legacy-ike",
         "fails",
         "ike-port500-collision",
         "Hosts and gateway run IKE without NAT traversal: every IKE message uses port 500 "
         "on both sides."},
        {Variant::NATT_FLOAT,
         "natt-float",
         "works",
         "none",
         "Hosts and gateway negotiate RFC 3947 NAT-T: after Main Mode messages 1-2 IKE "
         "and ESP move to UDP 4500, which the NAT translates per host."},
    },
    {
        ScenarioParameter::Count("hosts",
                                 "2",
                                 "hosts",
                                 1,
                                 kMaxHosts,
                                 "telecommuters behind the NAPT; one alone has port 500 to itself"),
        ScenarioParameter::Duration(
            "rekey-at",
            "6",
            "s",
            ikecommon::kEarliestRekeySeconds,
            300,
            "when the gateway rekeys every client's IPsec SAs (0: no rekey); tried up to "
            "300 s, after which legacy-ike's IKE SA fails before the rekey")
            .OrZeroForOff(),
        ikecommon::EchoPacketsParameter(),
    },
};

class Rfc3715O : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t hostCount = context.GetUint("hosts");
        Time rekeyAt = context.GetTime("rekey-at");
        uint32_t packets = context.GetUint("packets");

        Lab lab(GetId(), context);
        ikecommon::Corporate corporate = ikecommon::AddCorporate(lab);
        NatHelper natHelper;
        natHelper.SetPreset("port-500-special");
        // The helper NATs that spare port 500 also pass ESP ("IPsec
        // passthrough"), so legacy IKE's SAs can carry traffic at all.
        natHelper.SetAttribute("OtherProtocols", StringValue("SpiPassthrough"));
        Ptr<Node> nat = lab.AddNat("nat", natHelper, ikecommon::kHomeNet);
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

        ikecommon::Flavour flavour;
        if (variant == Variant::LEGACY_IKE)
        {
            flavour.natTraversal = IkePeerConfig::NATT_NONE;
        }
        gatewayDaemon->AddPeer(ikecommon::GatewayConfig(lab, corporate, flavour));
        Time echoStart = Seconds(4);
        Time interval = MilliSeconds(500);
        std::vector<std::shared_ptr<EchoFlow>> flows;
        for (uint32_t i = 0; i < hostCount; ++i)
        {
            IkePeerConfig client = ikecommon::ClientConfig(lab, hosts[i], corporate, flavour);
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

        // The collision itself: inside hosts the NAT mapped onto outside UDP port 500.
        auto port500Hosts = std::make_shared<std::set<uint32_t>>();
        Ptr<NatEngine> engine = nat->GetObject<NatEngine>();
        engine->TraceConnectWithoutContext(
            "MappingCreated",
            MakeBoundCallback(
                +[](std::set<uint32_t>* inside, const NatMappingInfo& m, const std::string&) {
                    if (m.protocol == 17 && m.externalPort == IKE_UDP_PORT)
                    {
                        inside->insert(m.insideAddress.Get());
                    }
                },
                port500Hosts.get()));
        ikecommon::DaemonWatch rekeys;
        std::shared_ptr<uint32_t> rekeysStarted = std::make_shared<uint32_t>(0);
        if (rekeyAt.IsStrictlyPositive())
        {
            rekeys.Connect(gatewayDaemon, rekeyAt);
            rekeysStarted =
                ikecommon::ScheduleRekeys(corporate.gateway, rekeyAt, ikecommon::Rekey::CHILD);
        }
        Time stop = std::max(echoStart + interval * packets, rekeyAt + Seconds(9)) + Seconds(1);
        lab.Run(stop);

        uint64_t misdelivered = 0;
        for (const auto& host : hosts)
        {
            // IKE under cookies this host never had: another host's message.
            misdelivered += ikecommon::DaemonDrops(host, "unknown-sa");
        }
        bool rekeyed = rekeys.GetChildSas() >= *rekeysStarted && rekeys.GetFailures() == 0;
        if (ikecommon::AllEchoesProtected(lab, hosts, flows) &&
            lab.GetProbe().GetIkeSasEstablished() >= hostCount && rekeyed)
        {
            ikecommon::SetWorksIfRekeyStarted(row, rekeyAt.IsStrictlyPositive(), *rekeysStarted);
        }
        else
        {
            row.outcome = "fails";
            if (port500Hosts->size() > 1 && misdelivered > 0)
            {
                row.symptom = "ike-port500-collision";
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
        row.SetMetric("hosts_on_port_500", static_cast<double>(port500Hosts->size()));
        row.SetMetric("ike_misdelivered", static_cast<double>(misdelivered));
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

const Registered<Rfc3715O> kRegistered(Shelf::CATALOGUE, 1500, kData);

} // namespace

} // namespace natt
