/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 a: AH's ICV covers the IP addresses a NAT rewrites.

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

/// UDP echo payload that still fits the 1500-byte path with ESP in UDP:
/// this entry is about AH's ICV, not fragments (rfc3715-l is).
const uint32_t kMaxSize = 1400;

class Rfc3715A : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "rfc3715-a";
    }

    std::string GetTitle() const override
    {
        return "AH through a NAT";
    }

    std::string GetSource() const override
    {
        return "RFC 3715 2.1 a";
    }

    std::string GetDescription() const override
    {
        return "host sits behind home-nat (10.0.0.0/24), a NAT that translates protocols "
               "without ports by address, so AH (protocol 51) and ESP (50) pass it. server "
               "(198.51.100.2) is on the public subnet behind vpn-gw, which only routes here. "
               "host sends UDP echo requests to server under manually keyed transport-mode SAs. "
               "AH's integrity check covers the IP source and destination addresses (RFC 4302 "
               "3.3.3.1, RFC 3715 2.1 a); home-nat replaces host's private source address with "
               "its own, so server computes a different ICV and drops every packet. ESP does "
               "not cover the IP header, and inside UDP (RFC 3948) it crosses any NAPT.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"ah-transport",
             "fails",
             "ah-icv-mismatch",
             "AH transport mode (HMAC-SHA1-96) between host and server; home-nat rewrites the "
             "source address the ICV covers."},
            {"esp-natt",
             "works",
             "none",
             "ESP transport mode (AES-CBC, HMAC-SHA1-96) inside UDP 4500 (RFC 3948) instead of "
             "AH, with the NAT-OA addresses for the transport checksums."},
        };
    }

    std::vector<ScenarioParameter> GetParameters() const override
    {
        return {ScenarioParameter::Count("packets",
                                         "10",
                                         "packets",
                                         1,
                                         1000,
                                         "UDP echo requests host sends to server"),
                ScenarioParameter::Count("size",
                                         "200",
                                         "bytes",
                                         0,
                                         kMaxSize,
                                         "UDP echo payload bytes")};
    }

    ResultRow Run(const RunContext& context) const override
    {
        ResultRow row = MakeRow(context);
        bool ah = context.variant == "ah-transport";
        Lab lab(GetId(), context);
        NatHelper nat;
        nat.SetPreset("address-only");
        dataplane::RemoteAccess net = dataplane::AddRemoteAccess(lab, nat, 1);
        lab.Build();

        IpsecHelper ipsec;
        dataplane::TransportSpec spec;
        if (ah)
        {
            spec.options = dataplane::AhOptions();
        }
        else
        {
            spec.options = dataplane::EspOptions(IpsecEncapsulation::UDP_ENCAP);
            spec.natOa = true;
        }
        dataplane::AddTransportPair(ipsec, lab, net.hosts[0], net.nat, net.server, spec);

        uint32_t packets = context.GetUint("packets");
        auto flow = lab.AddUdpEcho(net.hosts[0],
                                   net.server,
                                   7,
                                   packets,
                                   MilliSeconds(100),
                                   context.GetUint("size"),
                                   Seconds(1));
        lab.Run(Seconds(2) + MilliSeconds(100) * packets);

        row.outcome = dataplane::EchoOutcome({flow}, net.server);
        row.symptom = row.outcome == "works" ? "none" : dataplane::ExplainLoss(lab);
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("echo_sent", flow->requestsSent);
        row.SetMetric("echo_replies", flow->repliesReceived);
        row.SetMetric("ipsec_accepted_server", dataplane::Accepted(net.server));
        row.SetMetric("icv_failures", dataplane::IpsecDrops(lab, "icv-failure"));
        return row;
    }
};

} // namespace

std::unique_ptr<Scenario>
MakeRfc3715A()
{
    return std::make_unique<Rfc3715A>();
}

} // namespace natt
