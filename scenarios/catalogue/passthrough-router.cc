/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Wikipedia, NAT traversal, "IPsec passthrough": the home routers that pass
// plain ESP (IP protocol 50, no ports) and keep UDP port 500, in their three
// designs and switched off. Each design's failure is a drop reason of its
// own on the router, so the symptom is read from the router's counters.

#include "catalogue.h"
#include "ike-common.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ike-ports.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-passthrough-routers.h"

#include <algorithm>
#include <array>

using namespace ns3;

namespace natt
{

namespace
{

/// The second site's LAN (the first is ikecommon::kCorporateNet).
const char* const kSecondSiteNet = "172.17.0.0";

enum class Variant
{
    ONE_CLIENT,
    TWO_CLIENTS_SAME_SERVER,
    TWO_CLIENTS_DIFFERENT_SERVERS,
    TWO_CLIENTS_DIFFERENT_SERVERS_ONE_HOST,
    LEARNING_RACE,
    NATT,
    PASSTHROUGH_DISABLED,
};

const EntryData<Variant> kData{
    "passthrough-router",
    "Home routers with \"IPsec passthrough\"",
    "Wikipedia NAT traversal (\"IPsec passthrough\")",
    "Clients client-1 and client-2 sit on the private LAN 10.0.0.0/24 behind router, a "
    "home router with \"IPsec passthrough\": it keeps UDP source port 500 and passes "
    "plain ESP (IP protocol 50), which has no ports to translate. Each client sets up a "
    "tunnel-mode SA with IKEv1 Main Mode, without NAT traversal, to gateway (corporate "
    "LAN 172.16.0.0/24, host server) or gateway-2 (172.17.0.0/24, host server-2), the "
    "clients start-gap apart, and sends UDP echoes through it from a second after its "
    "IKE start. Routers ship three designs: (1, preset passthrough-one-host) ESP "
    "serialised to one inside host at a time: a second client's ESP is dropped "
    "(esp-passthrough-busy), whatever its server; (2, passthrough-per-server) one inside "
    "host per remote server: clients of different servers pass, a second client of the "
    "same server is dropped (esp-server-busy); (3, passthrough-ike-learning) IKE cookie "
    "and SPI learning: inbound IKE is routed by its cookie, and the first ESP of a new "
    "inbound SPI from a server goes to the client that last started an IKE exchange "
    "with it. Inbound SPIs are chosen by the receiver and never seen leaving (RFC 3715 "
    "2.1 f), so when the second client starts before the first client's first inbound "
    "ESP, that SPI is paired with the second client (esp-misdelivered; a misdelivered "
    "packet is dropped by the client as no-sa). With passthrough disabled ESP is "
    "dropped (esp-passthrough-disabled). NAT-T puts ESP in UDP 4500, which the router "
    "translates like any UDP: nothing special is needed. The design parameter runs any "
    "variant through another design.",
    {
        {Variant::ONE_CLIENT,
         "one-client",
         "works",
         "none",
         "client-1 alone, to gateway, through design 2 (every design passes one client)."},
        {Variant::TWO_CLIENTS_SAME_SERVER,
         "two-clients-same-server",
         "fails",
         "esp-server-busy",
         "Both clients to gateway through design 2: the router gives gateway's ESP to "
         "client-1, and drops client-2's."},
        {Variant::TWO_CLIENTS_DIFFERENT_SERVERS,
         "two-clients-different-servers",
         "works",
         "none",
         "client-1 to gateway, client-2 to gateway-2, through design 2: one client per "
         "server."},
        {Variant::TWO_CLIENTS_DIFFERENT_SERVERS_ONE_HOST,
         "two-clients-different-servers-one-host",
         "fails",
         "esp-passthrough-busy",
         "As two-clients-different-servers, through design 1: client-1 holds ESP, "
         "client-2's is dropped although its server is another."},
        {Variant::LEARNING_RACE,
         "learning-race",
         "fails",
         "esp-misdelivered",
         "Both clients to gateway through design 3, race-gap apart: client-2 starts IKE "
         "before gateway's first ESP to client-1, which the router pairs with client-2. "
         "With race-gap above about a second it works (sweep "
         "passthrough-router-learning-race)."},
        {Variant::NATT,
         "natt",
         "works",
         "none",
         "As two-clients-same-server, with RFC 3947 NAT-T on both sides: IKE floats to "
         "UDP 4500 and ESP travels in it, a mapping per client."},
        {Variant::PASSTHROUGH_DISABLED,
         "passthrough-disabled",
         "fails",
         "esp-passthrough-disabled",
         "client-1 alone, with passthrough switched off (preset passthrough-disabled)."},
    },
    {
        ScenarioParameter::Choice(
            "design",
            "variant",
            {"variant", "one-host", "per-server", "ike-learning", "disabled"},
            "the router's passthrough design (preset passthrough-DESIGN); variant: the "
            "variant's own"),
        ScenarioParameter::Duration("start-gap",
                                    "2000",
                                    "ms",
                                    0,
                                    60000,
                                    "between the clients' IKE starts, except in learning-race; "
                                    "designs 1 and 2 keep port 500 for whoever sent last "
                                    "(RFC 3715 2.2 o), so the exchanges should not overlap"),
        ScenarioParameter::Duration("race-gap",
                                    "200",
                                    "ms",
                                    0,
                                    60000,
                                    "between the clients' IKE starts in learning-race"),
        ScenarioParameter::Count("packets",
                                 "10",
                                 "packets",
                                 1,
                                 1000,
                                 "UDP echo requests each client sends, 100 ms apart"),
    },
    {{"passthrough-router-learning-race",
      "Misdelivered ESP vs the gap between two clients' IKE starts (design 3)",
      {Variant::LEARNING_RACE},
      {{"race-gap", {"0", "250", "500", "750", "900", "1000", "1100", "1250", "1500", "2000"}}}}},
};

/// The preset of each design, and the drop reason that is its symptom.
struct Design
{
    const char* name;
    const char* preset;
    const char* symptom;
};

const std::array<Design, 4> kDesigns{{
    {"one-host", "passthrough-one-host", NatOneHostPassthrough::PASSTHROUGH_BUSY_DROP},
    {"per-server", "passthrough-per-server", NatPerServerPassthrough::SERVER_BUSY_DROP},
    {"ike-learning", "passthrough-ike-learning", NatIkeLearningPassthrough::NO_INITIATOR_DROP},
    {"disabled", "passthrough-disabled", NatPassthroughDisabled::PASSTHROUGH_DISABLED_DROP},
}};

class PassthroughRouter : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        std::string design = context.Get("design");
        if (design == "variant")
        {
            design = variant == Variant::TWO_CLIENTS_DIFFERENT_SERVERS_ONE_HOST ? "one-host"
                     : variant == Variant::LEARNING_RACE                        ? "ike-learning"
                     : variant == Variant::PASSTHROUGH_DISABLED                 ? "disabled"
                                                                                : "per-server";
        }
        const Design* chosen = &kDesigns[0];
        for (const auto& d : kDesigns)
        {
            chosen = design == d.name ? &d : chosen;
        }
        bool alone = variant == Variant::ONE_CLIENT || variant == Variant::PASSTHROUGH_DISABLED;
        bool twoServers = variant == Variant::TWO_CLIENTS_DIFFERENT_SERVERS ||
                          variant == Variant::TWO_CLIENTS_DIFFERENT_SERVERS_ONE_HOST;
        Time gap = context.GetTime(variant == Variant::LEARNING_RACE ? "race-gap" : "start-gap");
        uint32_t packets = context.GetUint("packets");

        Lab lab(GetId(), context);
        ikecommon::Corporate first = ikecommon::AddCorporate(lab);
        ikecommon::Corporate second;
        if (twoServers)
        {
            second.gateway = lab.AddRouter("gateway-2", std::string(kSecondSiteNet) + "/24");
            second.server = lab.AddHost("server-2", second.gateway);
        }
        Ptr<Node> router = lab.AddNat("router", chosen->preset, ikecommon::kHomeNet);
        std::vector<Ptr<Node>> clients;
        for (uint32_t i = 0; i < (alone ? 1u : 2u); ++i)
        {
            clients.push_back(lab.AddHost("client-" + std::to_string(i + 1), router));
        }
        lab.Build();

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        std::vector<Ptr<Node>> gateways{first.gateway};
        if (twoServers)
        {
            gateways.push_back(second.gateway);
        }
        for (const auto& node : gateways)
        {
            ike.Install(node);
        }
        for (const auto& client : clients)
        {
            ike.Install(client);
        }
        ikecommon::AssignStreams(lab);

        ikecommon::Flavour flavour;
        if (variant != Variant::NATT)
        {
            flavour.natTraversal = IkePeerConfig::NATT_NONE;
        }
        IkeHelper::GetDaemon(first.gateway)->AddPeer(ikecommon::GatewayConfig(lab, first, flavour));
        if (twoServers)
        {
            IkePeerConfig config = ikecommon::GatewayConfig(lab, second, flavour);
            config.children[0].selector = IpsecSelector::SubnetToSubnet(Ipv4Address(kSecondSiteNet),
                                                                        Ipv4Mask("/24"),
                                                                        Ipv4Address::GetAny(),
                                                                        Ipv4Mask("/0"));
            IkeHelper::GetDaemon(second.gateway)->AddPeer(config);
        }
        Time interval = MilliSeconds(100);
        std::vector<std::shared_ptr<EchoFlow>> flows;
        for (uint32_t i = 0; i < clients.size(); ++i)
        {
            const ikecommon::Corporate& site = (twoServers && i == 1) ? second : first;
            IkePeerConfig config = ikecommon::ClientConfig(lab, clients[i], first, flavour);
            if (&site == &second)
            {
                config.remote = {lab.GetAddress(second.gateway), IKE_UDP_PORT};
                config.children[0].selector =
                    IpsecSelector::SubnetToSubnet(lab.GetAddress(clients[i]),
                                                  Ipv4Mask("/32"),
                                                  Ipv4Address(kSecondSiteNet),
                                                  Ipv4Mask("/24"));
            }
            IkeHelper::GetDaemon(clients[i])->AddPeer(config);
            Time start = Seconds(1) + gap * i;
            IkeHelper::Initiate(clients[i], config.name, start);
            flows.push_back(lab.AddUdpEcho(clients[i],
                                           site.server,
                                           ikecommon::kEchoPort + i,
                                           packets,
                                           interval,
                                           100,
                                           start + Seconds(1)));
        }
        lab.Run(Seconds(2) + gap * (clients.size() - 1) + interval * packets + Seconds(1));

        // Misdelivered: ESP the router handed to a client that has no SA
        // for its SPI (RFC 4303 3.4.2), or whose SA rejects it.
        uint64_t misdelivered = 0;
        uint32_t working = 0;
        for (uint32_t i = 0; i < clients.size(); ++i)
        {
            for (const char* reason : {"no-sa", "replay", "icv-failure"})
            {
                misdelivered += lab.GetProbe().GetIpsecDrops(clients[i], reason);
            }
            working += ikecommon::AllEchoesProtected(lab, {clients[i]}, {flows[i]});
        }
        uint64_t towardClients = 0;
        for (const auto& node : gateways)
        {
            towardClients += node->GetObject<IpsecStack>()->GetProtectedCount();
        }
        Ptr<NatEngine> nat = router->GetObject<NatEngine>();

        bool works = working == clients.size();
        row.outcome = works ? "works" : "fails";
        row.symptom = "none";
        for (const auto& d : kDesigns)
        {
            if (!works && row.symptom == "none" && nat->GetDropCount(d.symptom) > 0)
            {
                row.symptom = d.symptom;
            }
        }
        if (!works && row.symptom == "none")
        {
            row.symptom = misdelivered > 0 ? "esp-misdelivered"
                          : lab.GetProbe().GetIkeSasEstablished() < clients.size() ? "ike-failed"
                                                                                   : "traffic-lost";
        }

        lab.GetProbe().FillMetrics(row);
        row.SetMetric("clients", clients.size());
        row.SetMetric("clients_working", working);
        row.SetMetric("esp_misdelivered", static_cast<double>(misdelivered));
        row.SetMetric("esp_misdelivered_fraction",
                      towardClients == 0
                          ? 0.0
                          : static_cast<double>(misdelivered) / static_cast<double>(towardClients));
        row.SetMetric("nat_esp_bindings", static_cast<double>(nat->GetStats().espBindingsCreated));
        for (const auto& d : kDesigns)
        {
            std::string metric = std::string("nat_") + d.symptom;
            std::replace(metric.begin(), metric.end(), '-', '_');
            row.SetMetric(metric, static_cast<double>(nat->GetDropCount(d.symptom)));
        }
        return row;
    }
};

const Registered<PassthroughRouter> kRegistered(Shelf::CATALOGUE, 3800, kData);

} // namespace

} // namespace natt
