/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.2 l: outgoing fragments. Two hosts behind a NAPT fragment
// their ESP-in-UDP datagrams to the same gateway; a NAPT that cannot
// translate non-first fragments (they carry no ports) drops them.

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

/// Counts the fragments a NAT sends out (after translation).
class FragmentCount
{
  public:
    void Connect(Ptr<NatEngine> nat)
    {
        nat->TraceConnectWithoutContext("Translate",
                                        MakeCallback(&FragmentCount::Translated, this));
    }

    uint64_t Get() const
    {
        return m_fragments;
    }

  private:
    void Translated(Ptr<const Packet>,
                    const Ipv4Header&,
                    const Ipv4Header& translated,
                    NatEngine::Direction direction)
    {
        if (direction == NatEngine::OUTBOUND &&
            (!translated.IsLastFragment() || translated.GetFragmentOffset() != 0))
        {
            ++m_fragments;
        }
    }

    uint64_t m_fragments{0};
};

/// The largest datagram that fits the path after tunnel-mode ESP in UDP:
/// the 1500-byte MTU less outer IPv4 (20), UDP (8), ESP header and IV
/// (8 + 16), padding and trailer (up to 17), ICV (12), inner IPv4 (20) and
/// UDP (8), rounded down.
constexpr uint32_t kPathSizedPayload = 1380;

class Rfc3715L : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "rfc3715-l";
    }

    std::string GetTitle() const override
    {
        return "Outgoing fragments through a NAPT";
    }

    std::string GetSource() const override
    {
        return "RFC 3715 2.2 l";
    }

    std::string GetDescription() const override
    {
        return "host-1 and host-2 sit behind the NAPT nat and each send a stream of large UDP "
               "datagrams to the server behind the VPN gateway, through tunnel-mode SAs with "
               "RFC 3948 UDP encapsulation. The ESP-in-UDP packets exceed the 1500-byte MTU, "
               "so each host fragments them, and only the first fragment carries the UDP "
               "ports a NAPT translates by (RFC 3715 2.2 l). A NAPT that translates first "
               "fragments only drops the rest, and no datagram reaches the gateway whole "
               "(fragment-dropped). Fixes: a NAPT that keeps per-datagram fragment state, lets "
               "later fragments follow their first and gives each datagram a fresh IP ID, so "
               "that the two hosts' fragments, which now share the NAT's source address, "
               "cannot share a reassembly key (RFC 3022 6.3); or endpoints that avoid "
               "fragmentation by sending datagrams that fit the path after the IPsec "
               "overhead.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"first-fragment-only",
             "fails",
             "fragment-dropped",
             "nat translates first fragments and drops the others (preset fragment-first-only)."},
            {"ip-id-translation",
             "works",
             "none",
             "nat gives each outbound datagram a fresh IP ID and sends its later fragments "
             "after the first (preset ip-id-translating)."},
            {"path-sized-datagrams",
             "works",
             "none",
             "The NAT of first-fragment-only, but the applications size their datagrams to the "
             "path MTU less the tunnel's overhead (1380 bytes), as PMTU-aware applications do, "
             "sending the same bytes in more datagrams: no packet is fragmented."},
        };
    }

    std::vector<ScenarioParameter> GetParameters() const override
    {
        return {
            spi::UintParameter("hosts", "2", "hosts behind the NAT, each sending its own stream"),
            spi::UintParameter("payload",
                               "2000",
                               "bytes of each UDP datagram; at 1380 and below nothing is "
                               "fragmented"),
            spi::UintParameter("packets", "20", "datagrams each host sends"),
            spi::UintParameter("interval_ms", "10", "milliseconds between a host's datagrams"),
        };
    }

    ResultRow Run(const RunContext& context) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t hosts = std::max(1u, context.GetUint("hosts"));
        uint32_t payload = context.GetUint("payload");
        uint32_t packets = context.GetUint("packets");
        Time interval = MilliSeconds(std::max(1u, context.GetUint("interval_ms")));
        std::string preset =
            context.variant == "ip-id-translation" ? "ip-id-translating" : "fragment-first-only";
        // The same bytes in datagrams that fit the path.
        if (context.variant == "path-sized-datagrams" && payload > kPathSizedPayload)
        {
            packets = (payload * packets + kPathSizedPayload - 1) / kPathSizedPayload;
            payload = kPathSizedPayload;
        }

        Lab lab(GetId(), context);
        NatHelper natHelper;
        natHelper.SetPreset(preset);
        spi::Telecommute net = spi::AddTelecommute(lab, natHelper, hosts);
        lab.Build();
        spi::QueueWhileResolving(lab);

        IpsecHelper ipsec;
        std::vector<std::shared_ptr<spi::StreamFlow>> flows;
        for (uint32_t i = 0; i < hosts; ++i)
        {
            spi::TunnelSpec spec;
            spec.encapsulation = IpsecEncapsulation::UDP_ENCAP;
            spec.hostPort = static_cast<uint16_t>(4500 + i);
            spi::AddHostTunnel(ipsec, lab, net, net.hosts[i], spec);
            flows.push_back(spi::AddUdpStream(net.hosts[i],
                                              net.server,
                                              lab.GetAddress(net.server),
                                              static_cast<uint16_t>(9000 + i),
                                              packets,
                                              interval,
                                              payload,
                                              Seconds(1)));
        }
        FragmentCount fragments;
        fragments.Connect(NatHelper::GetEngine(net.nat));
        lab.Run(Seconds(2) + interval * packets);

        uint64_t sent = 0;
        uint64_t received = 0;
        bool allArrived = true;
        for (const auto& flow : flows)
        {
            sent += flow->sent;
            received += flow->received;
            allArrived = allArrived && flow->sent > 0 && flow->received == flow->sent;
        }
        uint64_t fragmentDrops = lab.GetNatDrops("fragment") +
                                 lab.GetNatDrops("fragment-not-first") +
                                 lab.GetNatDrops("fragment-unknown");

        bool works = allArrived && lab.GetEspDelivered(net.gateway) > 0;
        row.outcome = spi::Outcome(works);
        if (works)
        {
            row.symptom = "none";
        }
        else if (fragmentDrops > 0)
        {
            row.symptom = "fragment-dropped";
        }
        else
        {
            row.symptom = "traffic-lost";
        }

        lab.FillMetrics(row);
        row.SetMetric("datagrams_sent", static_cast<double>(sent));
        row.SetMetric("datagrams_received", static_cast<double>(received));
        row.SetMetric("outbound_fragments", static_cast<double>(fragments.Get()));
        row.SetMetric("nat_fragment_drops", static_cast<double>(fragmentDrops));
        return row;
    }
};

} // namespace

std::unique_ptr<Scenario>
MakeRfc3715L()
{
    return std::make_unique<Rfc3715L>();
}

} // namespace natt
