/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3: NAT traversal must add no new denial-of-service or spoofing
// weakness. An attacker throws damaged, spoofed and replayed IKE and ESP
// at an IPsec gateway and at a NAT while an honest SA carries traffic.

#include "catalogue.h"
#include "hostile-common.h"
#include "variant-attributes.h"

#include "ns3/core-module.h"

using namespace ns3;

namespace natt
{

namespace
{

enum class Variant
{
    ATTACK,
    NO_REPLAY_CHECK,
};

/// When the honest echo starts (IKE is done by then) and the attacks begin.
const Time kEchoStart = Seconds(3);
const Time kAttackStart = Seconds(4);
const Time kAttackGap = MilliSeconds(20);

const EntryData<Variant> kData{
    "hostile-peer",
    "An attacker injects damaged, spoofed and replayed IKE and ESP during an honest SA",
    "RFC 3715 3",
    "host-a, behind a port-preserving NAT (nat), sets up an IKEv2 SA with NAT-T to "
    "gateway, which protects the corporate LAN 172.16.0.0/24, and sends packets UDP echo "
    "requests to server through it (ESP in UDP 4500, RFC 3948) every 100 ms from 3 s. "
    "attacker, a public node, wiretaps what reaches gateway and from 4 s sends, one every "
    "20 ms, to gateway and to nat's public address: IKE on UDP 500, IKE on UDP 4500 "
    "behind the non-ESP marker, ESP and ESP in UDP 4500, each truncated (shorter than its "
    "header), malformed (a payload longer than the message; an SPI with fewer octets than "
    "IV and ICV), oversized (3,000 octets, fragmented), with SPIs nobody holds, and "
    "spoofed (from the address of the NAT, or of the gateway towards the NAT, with the "
    "honest SA's SPI and random contents); then it replays every ESP packet it "
    "captured. Every hostile packet carries a tag, so the row can tell which model "
    "dropped it and why. It works when host-a lost no echo, every hostile packet was "
    "dropped and counted with a reason, and no hostile packet reached server. Metrics: "
    "hostile_sent, hostile_dropped, drops by reason (drop_<model>_<reason>), "
    "honest_lost.",
    {
        {Variant::ATTACK,
         "attack",
         "works",
         "none",
         "every defence on: the honest SA keeps carrying traffic, each hostile packet is "
         "dropped by the model that receives it, with its reason."},
        {Variant::NO_REPLAY_CHECK,
         "no-replay-check",
         "fails",
         "replay-accepted",
         "gateway's anti-replay check is off (IpsecStack CheckReplay=false, which RFC 4303 "
         "3.4.3 lets a receiver choose): the replayed ESP packets decrypt and reach server "
         "a second time."},
    },
    {ScenarioParameter::Count("packets",
                              "40",
                              "packets",
                              10,
                              1000,
                              "UDP echo requests host-a sends, one every 100 ms")},
};

/// "drop_" + "ipsec:icv-failure" as a metric name: drop_ipsec_icv_failure.
std::string
MetricName(const std::string& where)
{
    std::string name = "drop_" + where;
    for (char& c : name)
    {
        c = (c == ':' || c == '-') ? '_' : c;
    }
    return name;
}

class HostilePeer : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t packets = context.GetUint("packets");

        Lab lab(GetId(), context);
        hostile::Site site = hostile::BuildSite(lab, context, Seconds(1));
        SetVariantAttribute(context,
                            site.corporate.gateway->GetObject<IpsecStack>(),
                            "CheckReplay",
                            BooleanValue(variant != Variant::NO_REPLAY_CHECK));
        std::shared_ptr<Adversary> attacker = site.attacker;

        auto echo = lab.AddUdpEcho(site.host,
                                   site.corporate.server,
                                   ikecommon::kEchoPort,
                                   packets,
                                   MilliSeconds(100),
                                   200,
                                   kEchoStart);

        // The attacks: every kind by every carrier, at the gateway and at the NAT.
        attacker->Tap(site.corporate.gateway);
        Ipv4Address gateway = lab.GetAddress(site.corporate.gateway);
        Time at = kAttackStart;
        for (Ipv4Address target : {gateway, lab.GetAddress(site.nat)})
        {
            // Towards the NAT, spoof the gateway, whose packets it forwards inside.
            Ipv4Address spoofed = target == gateway ? Ipv4Address() : gateway;
            for (HostileCarrier carrier : {HostileCarrier::IKE,
                                           HostileCarrier::IKE_NATT,
                                           HostileCarrier::ESP,
                                           HostileCarrier::ESP_IN_UDP})
            {
                for (HostileKind kind : {HostileKind::TRUNCATED,
                                         HostileKind::MALFORMED,
                                         HostileKind::OVERSIZED,
                                         HostileKind::WRONG_SPI,
                                         HostileKind::SPOOFED})
                {
                    attacker->Inject(at,
                                     kind,
                                     carrier,
                                     target,
                                     kind == HostileKind::SPOOFED ? spoofed : Ipv4Address());
                    at += kAttackGap;
                }
            }
        }
        attacker->Replay(at);
        lab.Run(kEchoStart + MilliSeconds(100) * packets + Seconds(1));

        const LabProbe& probe = lab.GetProbe();
        uint32_t sent = attacker->GetSent();
        uint32_t dropped = probe.GetHostilePacketsDropped().size();
        // Replayed requests bring replies of their own: count only the missing.
        uint32_t lost = echo->requestsSent > echo->repliesReceived
                            ? echo->requestsSent - echo->repliesReceived
                            : 0;
        // The server saw more requests than host-a sent: replays got through.
        uint32_t extra = echo->requestsReceived > echo->requestsSent
                             ? echo->requestsReceived - echo->requestsSent
                             : 0;
        row.outcome = "fails";
        if (extra > 0)
        {
            row.symptom = "replay-accepted";
        }
        else if (dropped < sent)
        {
            row.symptom = "hostile-packet-not-dropped";
        }
        else if (lost > 0 || echo->requestsSent < packets)
        {
            row.symptom = "honest-traffic-lost";
        }
        else
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        probe.FillMetrics(row);
        row.SetMetric("hostile_sent", sent);
        row.SetMetric("hostile_dropped", dropped);
        row.SetMetric("hostile_replayed", attacker->GetReplayed());
        row.SetMetric("replays_accepted", extra);
        row.SetMetric("honest_sent", echo->requestsSent);
        row.SetMetric("honest_lost", lost);
        for (const auto& [where, count] : probe.GetHostileDrops())
        {
            row.SetMetric(MetricName(where), static_cast<double>(count));
        }
        return row;
    }
};

const Registered<HostilePeer> kRegistered(Shelf::CATALOGUE, 4000, kData);

} // namespace

} // namespace natt
