/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A measurement behind the matrix plots: how long IKE takes to set up an
// SA, and how many messages it needs, through each kind of NAT.

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
    IKEV1_MAIN,
    IKEV1_AGGRESSIVE,
    IKEV2,
};

const EntryData<Variant> kData{
    "ike-setup",
    "IKE setup time and messages per NAT preset and IKE version",
    "RFC 3715 2.1-2.3",
    "A telecommuter, host-a, behind nat (the NAT preset chosen with preset; none "
    "puts host-a on a public address) sets up a tunnel-mode SA to gateway, which "
    "protects the corporate LAN 172.16.0.0/24, with NAT-T (RFC 3947 / RFC 7296 "
    "2.23) on. The row reports the time from host-a's first IKE message to its "
    "established SA and the IKE messages both sides sent, retransmissions included; "
    "it works when the SA is established. Links are 5 ms each way to the core, so "
    "one round trip costs 20 ms; NATs that drop or misroute IKE show up as failures "
    "or as retransmissions.",
    {
        {Variant::IKEV1_MAIN,
         "ikev1-main",
         "works",
         "none",
         "IKEv1 Main Mode (6 messages) and Quick Mode (3), RFC 2409 / RFC 3947."},
        {Variant::IKEV1_AGGRESSIVE,
         "ikev1-aggressive",
         "works",
         "none",
         "IKEv1 Aggressive Mode (3 messages) and Quick Mode (3)."},
        {Variant::IKEV2,
         "ikev2",
         "works",
         "none",
         "IKEv2 IKE_SA_INIT and IKE_AUTH (4 messages), RFC 7296."},
    },
    {ScenarioParameter::Choice(
        "preset",
        "port-preserving",
        ikecommon::PresetChoices(),
        "NAT preset in front of host-a (see natt nats), or none for no NAT")},
    {{"ike-setup",
      "IKE setup time and messages per NAT preset and IKE version",
      {Variant::IKEV1_MAIN, Variant::IKEV1_AGGRESSIVE, Variant::IKEV2},
      {{"preset",
        {"none",
         "port-preserving",
         "symmetric",
         "address-only",
         "cookie-inspecting",
         "port-500-special",
         "payload-inspecting",
         "fragment-dropping",
         "short-timeout"}}}}},
};

class IkeSetup : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        const std::string& preset = context.Get("preset");

        Lab lab(GetId(), context);
        ikecommon::Corporate corporate = ikecommon::AddCorporate(lab);
        Ptr<Node> host;
        if (preset == "none")
        {
            host = lab.AddPublicNode("host-a");
        }
        else
        {
            Ptr<Node> nat = lab.AddNat("nat", preset, ikecommon::kHomeNet);
            host = lab.AddHost("host-a", nat);
        }
        lab.Build();

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        Ptr<IkeDaemon> hostDaemon = ike.Install(host);
        Ptr<IkeDaemon> gatewayDaemon = ike.Install(corporate.gateway);
        ikecommon::AssignStreams(lab);

        ikecommon::Flavour flavour;
        if (variant == Variant::IKEV1_AGGRESSIVE)
        {
            flavour.mode = IkePeerConfig::AGGRESSIVE_MODE;
        }
        else if (variant == Variant::IKEV2)
        {
            flavour.version = 2;
        }
        IkePeerConfig client = ikecommon::ClientConfig(lab, host, corporate, flavour);
        hostDaemon->AddPeer(client);
        gatewayDaemon->AddPeer(ikecommon::GatewayConfig(lab, corporate, flavour));
        IkeHelper::Initiate(host, client.name, Seconds(1));
        // An exchange nobody answers is given up after about 8 s.
        lab.Run(Seconds(11));

        if (lab.GetProbe().GetIkeSasEstablished() > 0 && lab.GetProbe().GetChildSas() > 0)
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        else
        {
            row.outcome = "fails";
            if (lab.GetProbe().CountNatDrops(NatDropFilter::Ike({"isakmp-payload-rejected"})) > 0)
            {
                row.symptom = "isakmp-payload-rejected";
            }
            else if (lab.GetProbe().CountNatDrops(NatDropFilter::Ike()) > 0)
            {
                row.symptom = "ike-dropped-by-nat";
            }
            else
            {
                row.symptom = "ike-failed";
            }
        }
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("ike_messages", static_cast<double>(lab.GetProbe().GetIkeMessagesSent()));
        row.SetMetric("ike_retransmissions",
                      static_cast<double>(lab.GetProbe().GetIkeRetransmissions()));
        return row;
    }
};

const Registered<IkeSetup> kRegistered(Shelf::MEASUREMENT, 200, kData);

} // namespace

} // namespace natt
