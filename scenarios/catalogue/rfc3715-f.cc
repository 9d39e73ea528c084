/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 f: inbound SPIs are chosen by the receivers and never seen
// leaving, so a NAT that demultiplexes ESP by SPI has to guess which inside
// host an inbound SPI belongs to, and with several hosts talking to one
// gateway it guesses wrong.

#include "catalogue.h"
#include "spi-common.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-helper.h"

#include <algorithm>

namespace natt
{

using namespace ns3;

namespace
{

/// Hosts the NAT's /24 LAN holds; tried with all of them (QueueWhileResolving
/// below keeps their simultaneous first echoes).
const uint32_t kMaxHosts = 253;

/// The SPI both hosts choose in RFC 3715 2.1 f's example.
constexpr uint32_t kRfcExampleSpi = 470;

enum class Variant
{
    SPI_DEMUX_NAT,
    SAME_SPI,
    SPI_BLOCKS,
    UDP_ENCAPSULATION,
};

const EntryData<Variant> kData{
    "rfc3715-f",
    "SPI selection and an SPI-demultiplexing NAT",
    "RFC 3715 2.1 f",
    "Hosts host-1 .. host-N sit behind the NAPT nat and each keep a tunnel-mode ESP "
    "SA pair with the VPN gateway, behind which the server answers UDP echoes; all "
    "hosts start talking at about the same time. nat is an \"IPsec passthrough\" "
    "router that demultiplexes inbound ESP by (peer, SPI). The SPI of an inbound SA "
    "is chosen by the receiving host and never appears in outbound traffic (RFC 3715 "
    "2.1 f), so the NAT binds an unknown inbound SPI to the host that last sent ESP "
    "to that peer: ESP meant for one host reaches another (esp-misdelivered), and "
    "the host it was meant for gets no replies. The host that receives it drops it "
    "before decrypting anything. With random SPIs (spi-demux-nat) it has no SA for "
    "the SPI (no-sa). With one SPI for all (same-spi) its own SA has that SPI but "
    "other keys and its own sequence numbers, and the replay window is checked "
    "before the ICV (RFC 4303 3.4.3): a sequence number that SA has already "
    "accepted is dropped as a replay, a new one fails the ICV; which of the two "
    "depends on whether the host's own reply with that sequence number came first, "
    "which shifts with the seed (with the defaults, seed 1 gives 9 replays and 1 "
    "ICV failure, seed 4 10 ICV failures). The metrics esp_misdelivered_no_sa, "
    "_replay and _icv count them. Fixes: UDP "
    "encapsulation (RFC 3948), where the NAT demultiplexes by UDP port; or SPI "
    "blocks (3Com DNAT disclosure), where the NAT gives each host its own range of "
    "SPIs and routes inbound ESP by the block its SPI falls in.",
    {
        {Variant::SPI_DEMUX_NAT,
         "spi-demux-nat",
         "fails",
         "esp-misdelivered",
         "The passthrough NAT (preset spi-passthrough); each host draws its inbound SPI at "
         "random, and the NAT routes each new inbound SPI to the last host that sent ESP "
         "to the gateway."},
        {Variant::SAME_SPI,
         "same-spi",
         "fails",
         "esp-misdelivered",
         "As spi-demux-nat, but every host chooses SPI 470 for its inbound SA, as in the "
         "RFC's example: one (gateway, SPI) binding cannot tell the hosts apart."},
        {Variant::SPI_BLOCKS,
         "spi-blocks",
         "works",
         "none",
         "The NAT hands each host a block of SPIs (NatEngine OtherProtocols=SpiBlocks) and "
         "each host draws its inbound SPI within its block, so inbound ESP is routed by its "
         "SPI without guessing (3Com DNAT, \"IPsec over DNAT\")."},
        {Variant::UDP_ENCAPSULATION,
         "udp-encapsulation",
         "works",
         "none",
         "Same NAT, but the SAs use RFC 3948 UDP encapsulation: ESP travels in UDP from "
         "each host's own port to the gateway's port 4500, and the NAT maps it by port."},
    },
    {
        ScenarioParameter::Count("hosts",
                                 "2",
                                 "hosts",
                                 1,
                                 kMaxHosts,
                                 "hosts behind the NAT, each with its own SA pair"),
        ScenarioParameter::Count("packets",
                                 "10",
                                 "packets",
                                 1,
                                 1000,
                                 "UDP echo requests each host sends"),
        ScenarioParameter::Duration(
            "start-spread",
            "10",
            "ms",
            0,
            60000,
            "the hosts start within this time of each other; when each host's first reply "
            "comes back before the next host starts (e.g. 3000 ms for 2 hosts sending 10 "
            "echoes 100 ms apart), the NAT's last-sender guess happens to be right")
            .Alias("start_spread_ms"),
    },
    {{"rfc3715-f-misdelivery",
      "Misdelivered ESP vs hosts behind an SPI-demultiplexing NAT",
      {Variant::SPI_DEMUX_NAT, Variant::SPI_BLOCKS, Variant::UDP_ENCAPSULATION},
      {{"hosts", {"1", "2", "4", "8", "16"}}}}},
};

class Rfc3715F : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t hosts = context.GetUint("hosts");
        uint32_t packets = context.GetUint("packets");
        double spreadMs = context.GetTime("start-spread").ToDouble(Time::MS);
        bool udp = variant == Variant::UDP_ENCAPSULATION;
        bool blocks = variant == Variant::SPI_BLOCKS;

        Lab lab(GetId(), context);
        NatHelper natHelper;
        natHelper.SetPreset("spi-passthrough");
        if (blocks)
        {
            natHelper.SetAttribute("OtherProtocols", EnumValue(NatEngine::OTHER_SPI_BLOCKS));
        }
        spi::Telecommute net = spi::AddTelecommute(lab, natHelper, hosts);
        lab.Build();
        // Every host's first echo may meet the gateway's (and the server's)
        // unresolved neighbour: at 145 hosts and more they overflowed the
        // 64 packets queued by default.
        spi::QueueWhileResolving(lab, std::max<uint32_t>(64, hosts));
        Ptr<NatEngine> nat = NatHelper::GetEngine(net.nat);

        IpsecHelper ipsec;
        std::vector<std::shared_ptr<EchoFlow>> flows;
        for (uint32_t i = 0; i < hosts; ++i)
        {
            Ptr<Node> host = net.hosts[i];
            spi::TunnelSpec spec;
            if (udp)
            {
                spec.encapsulation = IpsecEncapsulation::UDP_ENCAP;
                spec.hostPort = spi::EncapsulationPort(i);
            }
            else if (blocks)
            {
                // The host asks its router for a block and keeps its
                // inbound SPIs inside it (3Com disclosure).
                auto block = nat->AllocateSpiBlock(lab.GetAddress(host));
                spec.inboundSpiFirst = block.first;
                spec.inboundSpiLast = block.second;
            }
            else if (variant == Variant::SAME_SPI)
            {
                spec.inboundSpiFirst = kRfcExampleSpi;
                spec.inboundSpiLast = kRfcExampleSpi;
            }
            spi::AddHostTunnel(ipsec, lab, net, host, spec);
            Time start = Seconds(1.0 + spreadMs * i / hosts / 1000.0);
            flows.push_back(lab.AddUdpEcho(host,
                                           net.server,
                                           static_cast<uint16_t>(7000 + i),
                                           packets,
                                           MilliSeconds(100),
                                           200,
                                           start));
        }
        lab.Run(Seconds(2.0 + spreadMs / 1000.0) + MilliSeconds(100) * packets);

        // Misdelivered: ESP that reached an inside host whose IPsec stack
        // rejects it as not its own: no SA for the SPI, or, when the host
        // has an SA with that SPI (same-spi), another SA's sequence numbers
        // (the replay window is checked before the ICV, RFC 4303 3.4.3) or
        // another SA's ICV.
        uint64_t noSa = 0;
        uint64_t replay = 0;
        uint64_t icv = 0;
        bool allAnswered = true;
        bool allProtected = true;
        for (uint32_t i = 0; i < hosts; ++i)
        {
            Ptr<Node> host = net.hosts[i];
            noSa += lab.GetProbe().GetIpsecDrops(host, "no-sa");
            replay += lab.GetProbe().GetIpsecDrops(host, "replay");
            icv += lab.GetProbe().GetIpsecDrops(host, "icv-failure");
            allAnswered = allAnswered && flows[i]->requestsSent > 0 &&
                          flows[i]->repliesReceived == flows[i]->requestsSent;
            allProtected = allProtected && lab.GetProbe().GetEspDelivered(host) > 0;
        }
        uint64_t misdelivered = noSa + replay + icv;
        uint64_t towardHosts = net.gateway->GetObject<IpsecStack>()->GetProtectedCount();

        bool works = allAnswered && allProtected;
        row.outcome = spi::Outcome(works);
        if (works)
        {
            row.symptom = "none";
        }
        else if (misdelivered > 0)
        {
            row.symptom = "esp-misdelivered";
        }
        else if (lab.GetProbe().GetNatDrops("protocol-not-supported") > 0)
        {
            row.symptom = "esp-dropped-by-nat";
        }
        else
        {
            row.symptom = "traffic-lost";
        }

        lab.GetProbe().FillMetrics(row);
        row.SetMetric("hosts", hosts);
        row.SetMetric("esp_misdelivered", static_cast<double>(misdelivered));
        row.SetMetric("esp_misdelivered_fraction",
                      towardHosts == 0
                          ? 0.0
                          : static_cast<double>(misdelivered) / static_cast<double>(towardHosts));
        row.SetMetric("nat_esp_bindings", static_cast<double>(nat->GetStats().espBindingsCreated));
        row.SetMetric("esp_misdelivered_no_sa", static_cast<double>(noSa));
        row.SetMetric("esp_misdelivered_replay", static_cast<double>(replay));
        row.SetMetric("esp_misdelivered_icv", static_cast<double>(icv));
        return row;
    }
};

const Registered<Rfc3715F> kRegistered(Shelf::CATALOGUE, 600, kData);

} // namespace

} // namespace natt
