/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, security requirement: IKE must be allowed to rekey in both
// directions (RFC 2408), which through a NAT means the responder's rekeys
// must reach the initiator through the NAT's mapping.

#include "entries.h"
#include "req-common.h"
#include "variant-attributes.h"

#include "ns3/ike-daemon.h"
#include "ns3/nat-helper.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <stdexcept>

namespace natt
{

namespace
{

using ns3::IkeDaemon;
using ns3::IkeSa;
using ns3::Ptr;

/// Rekeys asked for and rekeys seen done.
struct RekeyLog
{
    uint32_t requested{0};
    uint32_t childRekeys{0};
    uint32_t ikeRekeys{0};
};

/// The newest established IKE SA of \p daemon, or nullptr.
Ptr<IkeSa>
Current(Ptr<IkeDaemon> daemon)
{
    auto sas = daemon->GetSas();
    for (auto it = sas.rbegin(); it != sas.rend(); ++it)
    {
        if ((*it)->GetState() == IkeSa::ESTABLISHED)
        {
            return *it;
        }
    }
    return nullptr;
}

/// The inbound SPI of \p sa's current child SA (the newest not rekeyed), or 0.
uint32_t
CurrentChild(Ptr<IkeSa> sa)
{
    const auto& children = sa->GetChildSas();
    for (auto it = children.rbegin(); it != children.rend(); ++it)
    {
        if (!it->rekeyed)
        {
            return it->inboundSpi;
        }
    }
    return 0;
}

void
CheckChild(Ptr<IkeDaemon> daemon, uint32_t oldSpi, RekeyLog* log)
{
    Ptr<IkeSa> sa = Current(daemon);
    uint32_t spi = sa ? CurrentChild(sa) : 0;
    if (spi != 0 && spi != oldSpi)
    {
        ++log->childRekeys;
    }
}

void
CheckIke(Ptr<IkeDaemon> daemon, Ptr<IkeSa> old, RekeyLog* log)
{
    Ptr<IkeSa> sa = Current(daemon);
    if (sa && sa != old && old->GetState() != IkeSa::ESTABLISHED && CurrentChild(sa) != 0)
    {
        ++log->ikeRekeys;
    }
}

/// What an administrator's "rekey now" does (strongSwan's swanctl --rekey).
void
RekeyChild(Ptr<IkeDaemon> daemon, uint8_t version, RekeyLog* log)
{
    ++log->requested;
    Ptr<IkeSa> sa = Current(daemon);
    uint32_t spi = sa ? CurrentChild(sa) : 0;
    if (spi == 0)
    {
        return;
    }
    daemon->GetHandler(version)->RekeyChildSa(sa, spi);
    ns3::Simulator::Schedule(ns3::Seconds(1), &CheckChild, daemon, spi, log);
}

void
RekeyIke(Ptr<IkeDaemon> daemon, uint8_t version, RekeyLog* log)
{
    ++log->requested;
    Ptr<IkeSa> sa = Current(daemon);
    if (!sa)
    {
        return;
    }
    daemon->GetHandler(version)->RekeyIkeSa(sa);
    ns3::Simulator::Schedule(ns3::Seconds(1), &CheckIke, daemon, sa, log);
}

class ReqRekeyBidirectional : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "req-rekey-bidirectional";
    }

    std::string GetTitle() const override
    {
        return "Either side rekeys through the NAT";
    }

    std::string GetSource() const override
    {
        return "RFC 3715 3";
    }

    std::string GetDescription() const override
    {
        return "The client client-1 (10.0.0.2) behind the NAPT nat-1 keeps a tunnel to "
               "the public VPN gateway and echoes to the server on the corporate subnet "
               "192.168.100.0/24 for 11 s. Meanwhile the client rekeys the child SA at "
               "3 s, the gateway rekeys it at 6 s, the client rekeys the IKE SA at 8 s "
               "and the gateway at 11 s. RFC 3715 3 requires IKE to rekey in both "
               "directions (RFC 2408). The gateway's rekeys travel inbound through the "
               "NAT, so they need a live mapping: with NAT-T, IKE shares UDP 4500 with "
               "the ESP-in-UDP traffic, which keeps the mapping alive; without it, IKE "
               "sits idle on UDP 500 and the mapping times out (udp-timeout) while the "
               "ESP flows, so the gateway's rekey is dropped by the NAT.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"natt",
             "works",
             "none",
             "IKEv2 with NAT-T: all four rekeys complete over UDP 4500 and the echo "
             "continues across them"},
            {"natt-ikev1",
             "works",
             "none",
             "IKEv1 with RFC 3947 NAT-T: Quick Mode and Main Mode rekeys from both sides"},
            {"no-natt",
             "fails",
             "rekey-dropped-by-nat",
             "IKEv2 without NAT traversal, plain ESP passed by an address-only NAT: the "
             "gateway's rekey finds the UDP 500 mapping expired"},
        };
    }

    std::vector<ScenarioParameter> GetParameters() const override
    {
        return {ScenarioParameter::Duration("udp-timeout",
                                            "2",
                                            "s",
                                            1,
                                            3600,
                                            "how long an idle UDP mapping lives on nat-1 (a large "
                                            "value keeps the IKE mapping alive between rekeys even "
                                            "without NAT-T)")};
    }

    ResultRow Run(const RunContext& context) const override
    {
        req::Topology topology;
        // ESP passes by address (one host), so only IKE's mapping matters.
        topology.clientNat = "address-only";
        req::IkeSetup ike;
        const std::string& v = context.variant;
        if (v == "natt-ikev1")
        {
            ike.version = 1;
        }
        else if (v == "no-natt")
        {
            ike.clientNatTraversal = ns3::IkePeerConfig::NATT_NONE;
            ike.gatewayNatTraversal = ns3::IkePeerConfig::NATT_NONE;
        }
        else if (v != "natt")
        {
            throw std::invalid_argument(GetId() + ": unknown variant " + v);
        }
        req::Traffic traffic;
        traffic.start = ns3::Seconds(1);
        traffic.packets = 44;
        traffic.interval = ns3::MilliSeconds(250);
        traffic.stop = ns3::Seconds(13);

        ResultRow row = MakeRow(context);
        req::RemoteAccess lab(GetId(), context, topology, ike, traffic);
        lab.Setup();
        Ptr<ns3::NatEngine> engine = ns3::NatHelper::GetEngine(lab.GetLab().GetNats().Get(0));
        SetVariantAttribute(context,
                            engine,
                            "UdpMappingTimeout",
                            ns3::TimeValue(context.GetTime("udp-timeout")));
        Ptr<IkeDaemon> client = ns3::IkeHelper::GetDaemon(lab.GetClients().at(0));
        Ptr<IkeDaemon> gateway = ns3::IkeHelper::GetDaemon(lab.GetGateway());
        RekeyLog log;
        using ns3::Seconds;
        using ns3::Simulator;
        Simulator::Schedule(Seconds(3), &RekeyChild, client, ike.version, &log);
        Simulator::Schedule(Seconds(6), &RekeyChild, gateway, ike.version, &log);
        Simulator::Schedule(Seconds(8), &RekeyIke, client, ike.version, &log);
        Simulator::Schedule(Seconds(11), &RekeyIke, gateway, ike.version, &log);
        lab.Run();
        lab.Fill(row);
        row.SetMetric("child_rekeys", log.childRekeys);
        row.SetMetric("ike_rekeys", log.ikeRekeys);
        Lab& l = lab.GetLab();
        // IKE on UDP 500 or 4500 that found no live mapping at the NAT.
        uint64_t natIkeDrops = l.GetProbe().CountNatDrops(
            NatDropFilter::Ike({"no-mapping", "mapping-expired", "filtered"}));
        row.SetMetric("nat_mapping_drops", static_cast<double>(natIkeDrops));
        bool allRekeys = log.childRekeys == 2 && log.ikeRekeys == 2;
        if (row.outcome == "works" && !allRekeys)
        {
            row.outcome = "fails";
        }
        if (row.outcome == "fails" && !allRekeys)
        {
            // A rekey lost at the NAT explains the failure before the
            // traffic loss that follows from it.
            if (natIkeDrops > 0)
            {
                row.symptom = "rekey-dropped-by-nat";
            }
            else if (row.symptom == "none")
            {
                row.symptom = "rekey-failed";
            }
        }
        return row;
    }
};

} // namespace

std::unique_ptr<Scenario>
MakeReqRekeyBidirectional()
{
    return std::make_unique<ReqRekeyBidirectional>();
}

} // namespace natt
