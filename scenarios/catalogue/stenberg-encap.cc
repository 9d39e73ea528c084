/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// draft-stenberg-ipsec-nat-traversal-00 3.2 and 4.2: ESP in the draft's
// envelope, a UDP datagram on the IKE port whose 18th octet (IKE's version)
// is zero. It crosses a NAPT like IKE does; a NAT that parses what it sees
// on port 500 (RFC 3715 2.3 p) or spares port 500 (2.3 o) breaks it.

#include "catalogue.h"
#include "fixes.h"
#include "spi-common.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-helper.h"
#include "ns3/stenberg-envelope-header.h"
#include "ns3/udp-encapsulation.h"
#include "ns3/udp-header.h"

#include <set>

namespace natt
{

using namespace ns3;

namespace
{

const uint32_t kMaxHosts = 8;

enum class Variant
{
    NAPT,
    PAYLOAD_INSPECTING_NAT,
    PORT_500_SPECIAL_TWO_HOSTS,
    RFC3948,
};

const EntryData<Variant> kData{
    "stenberg-encap",
    "draft-stenberg's envelope on the IKE port through NATs",
    "draft-stenberg-ipsec-nat-traversal-00 3.2, 4.2",
    "host-1 ... host-N sit behind the NAT nat and each keeps a manually keyed "
    "tunnel-mode ESP SA pair with the VPN gateway, behind which sits the server "
    "(the draft, 3.2, lets manually keyed SAs use the envelope). Every ESP packet "
    "travels in draft-stenberg's envelope: UDP from and to port 500, then 18 octets "
    "(NAT-T version 1, the original IPv4 header length, ToS, protocol, ID, fragment "
    "field and source address, and a zero where IKE's version octet would be), then "
    "ESP. Each host sends UDP echoes to the server. Through a plain NAPT the "
    "envelope goes where IKE goes. A NAT that parses ISAKMP on port 500 (RFC 3715 "
    "2.3 p) sees a message of IKE version 0 and drops it (isakmp-payload-rejected): "
    "the draft chose the IKE port so that the envelope follows IKE's route and made "
    "it invalid IKE on purpose, which is exactly what such a NAT refuses. A NAT that "
    "never translates source port 500 (RFC 3715 2.3 o) gives port 500 to the first "
    "host only, so a second host's envelopes collide on it (named from the NAT's and "
    "the hosts' drop counters). added_bytes_per_packet is what the encapsulation adds "
    "to each ESP packet on the wire, read from the envelopes host-1 sent: UDP 8 + "
    "the envelope (18 octets, plus header leftovers, none here) = 26, where the "
    "draft's 4.2 says 8 + 17 = 25: its Figure 3 puts the zero IKE version at octet "
    "18, as IKE's own header does, so 17 octets cannot hold it. The rfc3948 variant "
    "measures RFC 3948's ESP-in-UDP the same way: 8, the UDP header alone.",
    {
        {Variant::NAPT,
         "napt",
         "works",
         "none",
         "One host behind a port-preserving NAPT (the common home router)."},
        {Variant::PAYLOAD_INSPECTING_NAT,
         "payload-inspecting-nat",
         "fails",
         "isakmp-payload-rejected",
         "nat parses ISAKMP on UDP 500 and drops what is not valid IKEv1 (preset "
         "payload-inspecting, RFC 3715 2.3 p)."},
        {Variant::PORT_500_SPECIAL_TWO_HOSTS,
         "port-500-special-two-hosts",
         "fails",
         "ike-port500-collision",
         "Two hosts behind a NAT that never translates source port 500 (preset "
         "port-500-special, RFC 3715 2.3 o)."},
        {Variant::RFC3948,
         "rfc3948",
         "works",
         "none",
         "For comparison: napt's host with RFC 3948 ESP-in-UDP on port 4500 instead of "
         "the envelope."},
    },
    {
        ScenarioParameter::Choice("nat",
                                  "",
                                  {"", "port-preserving", "payload-inspecting", "port-500-special"},
                                  "nat's preset; empty: the variant's"),
        ScenarioParameter::Count("hosts",
                                 "0",
                                 "hosts",
                                 0,
                                 kMaxHosts,
                                 "hosts behind nat; 0: the variant's (1, or 2 with "
                                 "port-500-special-two-hosts)"),
        ScenarioParameter::Count("packets", "5", "packets", 1, 1000, "UDP echoes per host"),
    },
};

/// The NAT's drops of the draft's envelopes: UDP from or to port 500 that is not IKE.
uint64_t
EnvelopeDrops(const Lab& lab, const std::vector<std::string>& reasons)
{
    NatDropFilter filter;
    filter.protocol = 17;
    filter.ports = {IKE_UDP_PORT};
    filter.reasons = reasons;
    return lab.GetProbe().CountNatDrops(filter);
}

class StenbergEncap : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        std::string preset = context.Get("nat");
        if (preset.empty())
        {
            preset = variant == Variant::NAPT || variant == Variant::RFC3948 ? "port-preserving"
                     : variant == Variant::PAYLOAD_INSPECTING_NAT            ? "payload-inspecting"
                                                                             : "port-500-special";
        }
        uint32_t hostCount = context.GetUint("hosts");
        if (hostCount == 0)
        {
            hostCount = variant == Variant::PORT_500_SPECIAL_TWO_HOSTS ? 2 : 1;
        }
        uint32_t packets = context.GetUint("packets");

        Lab lab(GetId(), context);
        NatHelper natHelper;
        natHelper.SetPreset(preset);
        spi::Telecommute net = spi::AddTelecommute(lab, natHelper, hostCount);
        lab.Build();
        spi::QueueWhileResolving(lab);

        IpsecHelper ipsec;
        spi::TunnelSpec spec;
        spec.encapsulation = variant == Variant::RFC3948 ? IpsecEncapsulation::UDP_ENCAP
                                                         : IpsecEncapsulation::STENBERG;
        std::vector<std::shared_ptr<EchoFlow>> flows;
        for (uint32_t i = 0; i < hostCount; ++i)
        {
            Ptr<Node> host = net.hosts[i];
            if (variant == Variant::RFC3948)
            {
                // The envelope always leaves from port 500 (3.2), so napt
                // serves one host only; RFC 3948 can use a port per host.
                spec.hostPort = spi::EncapsulationPort(i);
            }
            spi::AddHostTunnel(ipsec, lab, net, host, spec);
            flows.push_back(lab.AddUdpEcho(host,
                                           net.server,
                                           static_cast<uint16_t>(7 + i),
                                           packets,
                                           MilliSeconds(200),
                                           200,
                                           // Together, as hosts talk at any moment: the
                                           // gateway's answer to one may come after the
                                           // other has sent.
                                           Seconds(1) + MilliSeconds(1) * i));
        }

        // What the encapsulation adds to ESP on the wire, from what host-1
        // sent: the UDP header and whatever precedes the SPI (3.2's
        // envelope with its leftovers; nothing for RFC 3948 2.1).
        struct Added
        {
            uint64_t packets{0};
            uint64_t bytes{0};
        };

        Added added;
        net.hosts[0]->GetObject<IpsecStack>()->GetUdpEncapsulation()->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(
                +[](Added* a, Ptr<const Packet> p, const std::string& kind) {
                    if (kind != "stenberg-esp" && kind != "esp")
                    {
                        return;
                    }
                    StenbergEnvelopeHeader envelope;
                    uint32_t before = kind == "esp" ? 0 : p->PeekHeader(envelope);
                    ++a->packets;
                    a->bytes += UdpHeader().GetSerializedSize() + before;
                },
                &added));
        // Inside hosts the NAT mapped onto outside UDP port 500 (RFC 3715 2.3 o).
        std::set<uint32_t> port500Hosts;
        NatHelper::GetEngine(net.nat)->TraceConnectWithoutContext(
            "MappingCreated",
            MakeBoundCallback(
                +[](std::set<uint32_t>* inside, const NatMappingInfo& m, const std::string&) {
                    if (m.protocol == 17 && m.externalPort == IKE_UDP_PORT)
                    {
                        inside->insert(m.insideAddress.Get());
                    }
                },
                &port500Hosts));
        lab.Run(Seconds(3) + MilliSeconds(200) * packets);

        uint64_t answered = 0;
        uint64_t sent = 0;
        for (const auto& flow : flows)
        {
            sent += flow->requestsSent;
            answered += flow->repliesReceived;
        }
        bool works = sent == uint64_t{packets} * hostCount && answered == sent &&
                     lab.GetProbe().GetEspDelivered(net.gateway) >= sent;
        row.outcome = spi::Outcome(works);
        row.symptom = works ? "none" : Explain(lab, port500Hosts.size());
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("hosts", hostCount);
        row.SetMetric("echo_sent", static_cast<double>(sent));
        row.SetMetric("echo_replies", static_cast<double>(answered));
        row.SetMetric("added_bytes_per_packet",
                      added.packets > 0 ? static_cast<double>(added.bytes) / added.packets : 0.0);
        row.SetMetric("hosts_on_port_500", static_cast<double>(port500Hosts.size()));
        row.SetMetric("envelope_nat_drops", static_cast<double>(EnvelopeDrops(lab, {})));
        return row;
    }

  private:
    /// Why the echoes were lost, from the counters, most specific first.
    static std::string Explain(const Lab& lab, std::size_t port500Hosts)
    {
        // RFC 3715 2.3 p: the NAT parsed the envelope as ISAKMP and refused it.
        if (EnvelopeDrops(lab, {NatEngine::ISAKMP_PAYLOAD_REJECTED_DROP}) > 0)
        {
            return NatEngine::ISAKMP_PAYLOAD_REJECTED_DROP;
        }
        // RFC 3715 2.3 o: several hosts share outside port 500, whose
        // inbound side belongs to the last sender, so the gateway's
        // envelopes for one host reach another, whose SAD has no SA for them.
        if (port500Hosts > 1 && lab.GetProbe().GetIpsecDrops(IpsecStack::NO_SA_DROP) > 0)
        {
            return "ike-port500-collision";
        }
        if (lab.GetProbe().GetNatDrops() > 0)
        {
            return "envelope-dropped-by-nat";
        }
        return "traffic-lost";
    }
};

const Registered<StenbergEncap> kRegistered(Shelf::CATALOGUE, 3000, kData);
const RegisteredFixUse kFix{{"draft-stenberg", "stenberg-encap", "napt", "added_bytes_per_packet"}};
const RegisteredFixUse kRfc3948{{"nat-t", "stenberg-encap", "rfc3948", "added_bytes_per_packet"}};

} // namespace

} // namespace natt
