/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.3 p: a NAT that parses ISAKMP payloads drops IKE whose
// payloads it does not know (vendor IDs) or whose order surprises it.

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
    INSPECTING_NAT,
    IKE_ON_4500,
    NON_INSPECTING_NAT,
};

const EntryData<Variant> kData{
    "rfc3715-p",
    "ISAKMP payload inspection",
    "RFC 3715 2.3 p",
    "A telecommuter, host-a, sits on the private LAN 10.0.0.0/24 behind nat and "
    "sets up a tunnel-mode SA to gateway with IKE, then sends UDP echoes to server "
    "on the corporate LAN 172.16.0.0/24. The NAT is an \"IPsec helper\" (preset "
    "payload-inspecting) that parses the ISAKMP payloads of IKE on UDP port 500 and "
    "drops messages with payloads it does not know or in an order it does not "
    "expect (RFC 3715 2.3 p). IKEv1 with NAT-T announces itself with vendor-ID "
    "payloads in its very first message (RFC 3947 3.1), so the NAT drops it and no "
    "SA comes up. IKE that starts on UDP 4500 (RFC 7296 2.23) is not parsed, and a "
    "NAT that does not inspect passes IKE on any port.",
    {
        {Variant::INSPECTING_NAT,
         "inspecting-nat",
         "fails",
         "isakmp-payload-rejected",
         "IKEv1 Main Mode with RFC 3947 NAT-T (vendor-ID payloads) on UDP 500 through the "
         "payload-inspecting NAT."},
        {Variant::IKE_ON_4500,
         "ike-on-4500",
         "works",
         "none",
         "IKEv2 that starts on UDP 4500 with the non-ESP marker (RFC 7296 2.23), through "
         "the same NAT, which parses port 500 only."},
        {Variant::NON_INSPECTING_NAT,
         "non-inspecting-nat",
         "works",
         "none",
         "IKEv1 Main Mode with NAT-T as in inspecting-nat, through a NAPT that does not "
         "inspect ISAKMP (preset port-preserving)."},
    },
    {
        ScenarioParameter::Count(
            "packets",
            "10",
            "packets",
            1,
            1000,
            "UDP echo requests host-a sends to server, one every 200 ms from second 3"),
    },
};

class Rfc3715P : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t packets = context.GetUint("packets");
        bool inspecting = variant != Variant::NON_INSPECTING_NAT;

        Lab lab(GetId(), context);
        ikecommon::Corporate corporate = ikecommon::AddCorporate(lab);
        Ptr<Node> nat = lab.AddNat("nat",
                                   inspecting ? "payload-inspecting" : "port-preserving",
                                   ikecommon::kHomeNet);
        Ptr<Node> host = lab.AddHost("host-a", nat);
        lab.Build();

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        Ptr<IkeDaemon> hostDaemon = ike.Install(host);
        Ptr<IkeDaemon> gatewayDaemon = ike.Install(corporate.gateway);
        ikecommon::AssignStreams(lab);

        ikecommon::Flavour flavour;
        bool on4500 = variant == Variant::IKE_ON_4500;
        if (on4500)
        {
            flavour.version = 2;
        }
        IkePeerConfig client = ikecommon::ClientConfig(lab, host, corporate, flavour);
        client.startOn4500 = on4500;
        hostDaemon->AddPeer(client);
        gatewayDaemon->AddPeer(ikecommon::GatewayConfig(lab, corporate, flavour));
        IkeHelper::Initiate(host, client.name, Seconds(1));

        Time start = Seconds(3);
        Time interval = MilliSeconds(200);
        auto flow = lab.AddUdpEcho(host,
                                   corporate.server,
                                   ikecommon::kEchoPort,
                                   packets,
                                   interval,
                                   100,
                                   start);
        lab.Run(start + interval * packets + Seconds(1));

        if (ikecommon::AllEchoesProtected(lab, {host}, {flow}))
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
            else if (lab.GetProbe().GetIkeSasEstablished() == 0)
            {
                row.symptom = "ike-failed";
            }
            else
            {
                row.symptom = "traffic-lost";
            }
        }
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("isakmp_rejected",
                      static_cast<double>(lab.GetProbe().CountNatDrops(
                          NatDropFilter::Ike({"isakmp-payload-rejected"}))));
        row.SetMetric("echo_replies", flow->repliesReceived);
        return row;
    }
};

const Registered<Rfc3715P> kRegistered(Shelf::CATALOGUE, 1600, kData);

} // namespace

} // namespace natt
