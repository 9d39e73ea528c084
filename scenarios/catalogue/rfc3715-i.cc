/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 i: inbound SA selector verification against an address the
// NAT changed.

#include "dataplane-common.h"
#include "entries.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-helper.h"

namespace natt
{

using namespace ns3;

namespace
{

class Rfc3715I : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "rfc3715-i";
    }

    std::string GetTitle() const override
    {
        return "Inbound SA selector verification after a NAT";
    }

    std::string GetSource() const override
    {
        return "RFC 3715 2.1 i";
    }

    std::string GetDescription() const override
    {
        return "host sits behind home-nat (10.0.0.0/24), a NAT that passes ESP by translating "
               "its address only. server (198.51.100.2) is on the public subnet behind vpn-gw. "
               "host sends UDP echo requests to server under manually keyed transport-mode ESP "
               "SAs whose selectors name host's own (private) address, as phase-2 identities "
               "negotiated by IKE would. RFC 4301 5.2 requires the receiver to check that a "
               "decapsulated packet's source matches the SA's selectors; home-nat has replaced "
               "that source with its own address, so server drops every packet (RFC 3715 "
               "2.1 i). NAT-T inbound processing (RFC 3948, RFC 3947 5.2) compares the "
               "selectors with the peer's original address learnt as NAT-OA instead of the "
               "translated one.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"esp-transport",
             "fails",
             "selector-mismatch",
             "ESP transport mode, no NAT-T: server checks the translated source address "
             "against selectors naming host's private address."},
            {"natt-inbound",
             "works",
             "none",
             "NAT-T: ESP inside UDP 4500 (RFC 3948); server's SA carries host's original "
             "address (NAT-OA) and checks the selectors against it, while its policy sends "
             "to the address it sees."},
        };
    }

    std::vector<ScenarioParameter> GetParameters() const override
    {
        return {ScenarioParameter::Count("packets",
                                         "10",
                                         "packets",
                                         1,
                                         1000,
                                         "UDP echo requests host sends to server")};
    }

    ResultRow Run(const RunContext& context) const override
    {
        ResultRow row = MakeRow(context);
        bool natt = context.variant == "natt-inbound";
        Lab lab(GetId(), context);
        NatHelper nat;
        nat.SetPreset("address-only");
        dataplane::RemoteAccess net = dataplane::AddRemoteAccess(lab, nat, 1);
        lab.Build();

        IpsecHelper ipsec;
        dataplane::TransportSpec spec;
        spec.options =
            dataplane::EspOptions(natt ? IpsecEncapsulation::UDP_ENCAP : IpsecEncapsulation::NONE);
        // Without NAT-T the phase-2 selectors name host's private address;
        // with it, the SA keeps that address as NAT-OA (IpsecHelper binds the
        // selector to it) and the policy names the address server sees.
        spec.serverNamesPrivateAddress = !natt;
        spec.natOa = natt;
        dataplane::AddTransportPair(ipsec, lab, net.hosts[0], net.nat, net.server, spec);

        uint32_t packets = context.GetUint("packets");
        auto flow = lab.AddUdpEcho(net.hosts[0],
                                   net.server,
                                   7,
                                   packets,
                                   MilliSeconds(100),
                                   200,
                                   Seconds(1));
        lab.Run(Seconds(2) + MilliSeconds(100) * packets);

        row.outcome = dataplane::EchoOutcome({flow}, net.server);
        row.symptom = row.outcome == "works" ? "none" : dataplane::ExplainLoss(lab);
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("echo_sent", flow->requestsSent);
        row.SetMetric("echo_replies", flow->repliesReceived);
        row.SetMetric("selector_mismatch_drops", dataplane::IpsecDrops(lab, "selector-mismatch"));
        return row;
    }
};

} // namespace

std::unique_ptr<Scenario>
MakeRfc3715I()
{
    return std::make_unique<Rfc3715I>();
}

} // namespace natt
