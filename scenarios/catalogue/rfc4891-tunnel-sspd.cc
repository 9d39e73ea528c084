/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 4891 2.2 and A.1-A.3: IPv6 inside ESP tunnel mode over IPv4 between
// two routers, with specific SPDs (A.2 host-to-host, A.3 host-to-router)
// or generic ::/0 ones, against an inner spoofer and a multicast protocol.

#include "catalogue.h"
#include "dataplane-common.h"
#include "ike-common.h"
#include "lab.h"
#include "rfc4891-common.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"

namespace natt
{

namespace
{

using namespace ns3;

enum class Variant
{
    SSPD_HOST_TO_HOST,
    SSPD_HOST_TO_ROUTER,
    SSPD_MULTICAST,
    GENERIC_SPD_NO_FILTER,
};

const EntryData<Variant> kData{
    "rfc4891-tunnel-sspd",
    "IPsec tunnel mode with specific SPDs carrying IPv6 over IPv4",
    "RFC 4891 2.2, A.1-A.3",
    "Two routers, tep1 (site 1, fd00:1:0:1::/64 on its LAN) and tep2 (site 2, "
    "fd00:2:0:1::/64), each on a public IPv4 uplink, carry IPv6 inside ESP tunnel-mode "
    "SAs between their IPv4 addresses (RFC 4891 2.2, A.2: next header 41 inside ESP), "
    "keyed by hand as RFC 4891 A allows. There is no 6in4 interface: the SPD entries "
    "alone decide what enters the tunnel (A.1's \"specific SPD\" model). site1-host "
    "sends UDP echo requests through it: to site2-host with the A.2 host-to-host "
    "selectors (site1-host/128 <-> site2-host/128), to tep2's own address with the A.3 "
    "host-to-router ones (site1-host/128 <-> any). site1-host also forges packets to "
    "the far end with another site's source, fd00:3:0:1::66 (RFC 4891 2.1). With "
    "specific selectors no SPD entry covers that source, so the IPsec stacks drop "
    "them: ingress filtering comes with the selectors (A.1). With generic ::/0 "
    "selectors and no ingress filter (A.1's first model) the forged packets are "
    "encrypted, pass tep2's inbound selector check and are delivered. An SSPD tunnel "
    "has no link: multicast and link-local traffic cannot cross it (A.1), so RIPng "
    "run on the two routers has its ff02::9 packets dropped where they enter the "
    "tunnel (the IPsec stack's multicast-not-carried). Forged packets an IPsec stack "
    "drops count in spoofed_dropped, those the far end's sink receives in "
    "spoofed_accepted; multicast_dropped counts multicast-not-carried drops.",
    {
        {Variant::SSPD_HOST_TO_HOST,
         "sspd-host-to-host",
         "works",
         "none",
         "A.2's table between the routers: site1-host/128 <-> site2-host/128; the forged "
         "source matches no SPD entry and is dropped."},
        {Variant::SSPD_HOST_TO_ROUTER,
         "sspd-host-to-router",
         "works",
         "none",
         "A.3's table: site1-host/128 <-> any on tep1, any <-> site1-host/128 on tep2; "
         "site1-host echoes with tep2's own address."},
        {Variant::SSPD_MULTICAST,
         "sspd-multicast",
         "fails",
         "multicast-not-carried",
         "as sspd-host-to-host, with RIPng on both routers: its multicast (ff02::9) "
         "cannot enter an SSPD tunnel (A.1)."},
        {Variant::GENERIC_SPD_NO_FILTER,
         "generic-spd-no-filter",
         "fails",
         "spoofed-inner-accepted",
         "::/0 <-> ::/0 selectors (A.1's generic SPD) and no ingress filter: the forged "
         "source is carried and site2-host receives it."},
    },
    [] {
        std::vector<ScenarioParameter> parameters = rfc4891::Parameters();
        parameters.push_back(ScenarioParameter::Choice(
            "selectors",
            "variant",
            {"variant", "host-to-host", "host-to-router", "generic"},
            "the SPD entries: A.2's, A.3's, or ::/0 <-> ::/0 (variant: generic only in "
            "generic-spd-no-filter, host-to-router in sspd-host-to-router)"));
        parameters.push_back(ScenarioParameter::Choice(
            "multicast",
            "variant",
            {"variant", "on", "off"},
            "RIPng on both routers (variant: on only in sspd-multicast)"));
        return parameters;
    }(),
};

enum class Selectors
{
    HOST_TO_HOST,
    HOST_TO_ROUTER,
    GENERIC,
};

const Time kTrafficStart = Seconds(2);

/// Forged packets (inner source kOtherSiteSource) \p stack drops, whatever the reason.
void
CountSpoofDrop(uint64_t* count, Ptr<const Packet> packet, const char*)
{
    Ipv6Header inner;
    uint8_t version = 0;
    packet->CopyData(&version, 1);
    if ((version >> 4) == 6 && packet->GetSize() >= 40 && packet->PeekHeader(inner) &&
        inner.GetSource() == Ipv6Address(rfc4891::kOtherSiteSource))
    {
        ++*count;
    }
}

class Rfc4891TunnelSspd : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        Selectors selectors = ChooseSelectors(context.Get("selectors"), variant);
        const std::string& multicastChoice = context.Get("multicast");
        bool multicast = multicastChoice == "on" ||
                         (multicastChoice == "variant" && variant == Variant::SSPD_MULTICAST);
        uint32_t echoPackets = context.GetUint("packets");
        uint32_t spoofPackets = context.GetUint("spoofed-packets");

        Lab lab(GetId(), context);
        Ptr<Node> tep1 = lab.AddRouter("tep1", "10.1.0.0/24");
        Ptr<Node> tep2 = lab.AddRouter("tep2", "10.2.0.0/24");
        Ptr<Node> host1 = lab.AddHost("site1-host", tep1);
        Ptr<Node> host2 = lab.AddHost("site2-host", tep2);
        lab.AddIpv6Lan(tep1, rfc4891::kSite1Lan);
        lab.AddIpv6Lan(tep2, rfc4891::kSite2Lan);
        lab.Build();
        if (multicast)
        {
            // Before the SAs: their routes go into the list routing's static part.
            rfc4891::InstallRipng(tep1, 200);
            rfc4891::InstallRipng(tep2, 210);
        }

        Ipv6Address address1 = lab.GetIpv6Address(host1);
        Ipv6Address router2 = lab.GetIpv6Address(tep2);
        // A.3: the host talks to the router itself; A.2: to the host behind it.
        Ptr<Node> server = selectors == Selectors::HOST_TO_ROUTER ? tep2 : host2;
        Ipv6Address serverAddress = lab.GetIpv6Address(server);
        Ipv6Address local = address1;
        Ipv6Prefix localPrefix(128);
        Ipv6Address remote = serverAddress;
        Ipv6Prefix remotePrefix(128);
        if (selectors != Selectors::HOST_TO_HOST)
        {
            // A.3's "ANY" on the router's side; A.1's generic ::/0 on both.
            remote = Ipv6Address::GetAny();
            remotePrefix = Ipv6Prefix(uint8_t(0));
        }
        if (selectors == Selectors::GENERIC)
        {
            local = Ipv6Address::GetAny();
            localPrefix = Ipv6Prefix(uint8_t(0));
        }
        IpsecHelper ipsec;
        IpsecHelper::Options options = dataplane::EspOptions(IpsecEncapsulation::NONE);
        ipsec.AddTunnelPair(tep1,
                            lab.GetAddress(tep1),
                            lab.GetIpv6Address(tep1),
                            local,
                            localPrefix,
                            tep2,
                            lab.GetAddress(tep2),
                            router2,
                            remote,
                            remotePrefix,
                            options);

        auto echoes = rfc4891::AddEcho(host1, server, serverAddress, echoPackets, kTrafficStart);
        auto spoofSink = rfc4891::AddSink(server, rfc4891::kSpoofPort);
        for (uint32_t k = 0; k < spoofPackets; ++k)
        {
            Simulator::Schedule(kTrafficStart + MilliSeconds(100) + rfc4891::kInterval * k, [=]() {
                rfc4891::SendInnerSpoof(host1,
                                        Ipv6Address(rfc4891::kOtherSiteSource),
                                        serverAddress);
            });
        }
        uint64_t spoofedDropped = 0;
        for (Ptr<Node> tep : {tep1, tep2})
        {
            tep->GetObject<IpsecStack>()->TraceConnectWithoutContext(
                "Drop",
                MakeBoundCallback(&CountSpoofDrop, &spoofedDropped));
        }

        ikecommon::AssignStreams(lab);
        lab.Run(kTrafficStart + rfc4891::kInterval * std::max(echoPackets, spoofPackets) +
                Seconds(1));

        uint32_t spoofedAccepted =
            rfc4891::CountFrom(*spoofSink, Ipv6Address(rfc4891::kOtherSiteSource));
        uint64_t multicastDropped = 0;
        for (Ptr<Node> tep : {tep1, tep2})
        {
            multicastDropped +=
                tep->GetObject<IpsecStack>()->GetDropCount(IpsecStack::MULTICAST_NOT_CARRIED_DROP);
        }
        const LabProbe& probe = lab.GetProbe();
        bool echoWorks = echoes->requestsSent > 0 &&
                         echoes->repliesReceived == echoes->requestsSent &&
                         probe.GetEspDelivered(tep2) > 0;
        if (spoofedAccepted > 0)
        {
            // RFC 4891 A.1: ::/0 selectors check no IPv6 address.
            row.outcome = "fails";
            row.symptom = "spoofed-inner-accepted";
        }
        else if (multicastDropped > 0)
        {
            // RFC 4891 A.1: no link, so no multicast or link-local traffic.
            row.outcome = "fails";
            row.symptom = "multicast-not-carried";
        }
        else if (echoWorks && spoofedDropped == spoofPackets)
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        else
        {
            row.outcome = "fails";
            row.symptom = dataplane::ExplainLoss(lab);
        }
        probe.FillMetrics(row);
        row.SetMetric("echo_sent", echoes->requestsSent);
        row.SetMetric("echo_replies", echoes->repliesReceived);
        row.SetMetric("spoofed_sent", spoofPackets);
        row.SetMetric("spoofed_accepted", spoofedAccepted);
        row.SetMetric("spoofed_dropped", static_cast<double>(spoofedDropped));
        row.SetMetric("multicast_dropped", static_cast<double>(multicastDropped));
        return row;
    }

  private:
    static Selectors ChooseSelectors(const std::string& choice, Variant variant)
    {
        if (choice == "host-to-host")
        {
            return Selectors::HOST_TO_HOST;
        }
        if (choice == "host-to-router" ||
            (choice == "variant" && variant == Variant::SSPD_HOST_TO_ROUTER))
        {
            return Selectors::HOST_TO_ROUTER;
        }
        if (choice == "generic" ||
            (choice == "variant" && variant == Variant::GENERIC_SPD_NO_FILTER))
        {
            return Selectors::GENERIC;
        }
        return Selectors::HOST_TO_HOST;
    }
};

const Registered<Rfc4891TunnelSspd> kRegistered(Shelf::CATALOGUE, 3600, kData);

} // namespace

} // namespace natt
