/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 5: a tunnel-mode peer sending with another peer's inner address.

#include "catalogue.h"
#include "dataplane-common.h"
#include "lab.h"
#include "variant-attributes.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-helper.h"

namespace natt
{

using namespace ns3;

namespace
{

enum class Variant
{
    NO_SOURCE_CHECK,
    SOURCE_CHECK,
};

const EntryData<Variant> kData{
    "rfc3715-spoof",
    "Inner source spoofing between tunnel-mode peers behind NATs",
    "RFC 3715 5",
    "host-a sits behind nat-a (10.0.1.0/24) and host-c behind nat-c (10.0.2.0/24); "
    "gateway-b protects the intranet 10.9.0.0/24 where intranet-server runs. Both "
    "hosts have manually keyed ESP tunnel-mode SAs to gateway-b inside UDP 4500 "
    "(RFC 3948), with inner addresses gateway-b assigned: 10.99.0.2 for host-a, "
    "10.99.0.3 for host-c. host-a sends UDP echo requests to intranet-server's port "
    "7. host-c, a contractor with fewer rights, configures host-a's inner address "
    "as its own and sends echo requests to port 9 through its own SA. ESP "
    "authenticates the packet but not that its inner source belongs to the SA "
    "(RFC 3715 5): without a check that the inner source matches the SA's "
    "selectors, gateway-b forwards host-c's packets and intranet-server takes them "
    "for host-a's.",
    {
        {Variant::NO_SOURCE_CHECK,
         "no-source-check",
         "fails",
         "spoof-accepted",
         "gateway-b decrypts and forwards without checking the inner source "
         "(IpsecStack CheckTunnelSource=false)."},
        {Variant::SOURCE_CHECK,
         "source-check",
         "works",
         "none",
         "gateway-b drops tunnel-mode packets whose inner source is not within the SA's "
         "remote selector (CheckTunnelSource=true); host-a's own traffic still flows."},
    },
    {ScenarioParameter::Count("packets",
                              "10",
                              "packets",
                              1,
                              1000,
                              "UDP echo requests host-a and host-c each send")},
};

class Rfc3715Spoof : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        bool check = variant == Variant::SOURCE_CHECK;
        uint32_t packets = context.GetUint("packets");

        Lab lab(GetId(), context);
        Ptr<Node> natA = lab.AddNat("nat-a", "port-preserving", "10.0.1.0/24");
        Ptr<Node> natC = lab.AddNat("nat-c", "port-preserving", "10.0.2.0/24");
        Ptr<Node> a = lab.AddHost("host-a", natA);
        Ptr<Node> c = lab.AddHost("host-c", natC);
        Ptr<Node> b = lab.AddRouter("gateway-b", "10.9.0.0/24");
        Ptr<Node> server = lab.AddHost("intranet-server", b);
        lab.Build();
        SetVariantAttribute(context,
                            b->GetObject<IpsecStack>(),
                            "CheckTunnelSource",
                            BooleanValue(check));

        Ipv4Address innerA = dataplane::AssignedAddress(0);
        Ipv4Address innerC = dataplane::AssignedAddress(1);
        IpsecHelper ipsec;
        IpsecHelper::Options options = dataplane::EspOptions(IpsecEncapsulation::UDP_ENCAP);
        dataplane::AddClientTunnel(ipsec, lab, a, natA, innerA, b, "10.9.0.0/24", options);

        // host-c's SA as gateway-b keyed it: for 10.99.0.3. host-c's own
        // end claims host-a's inner address as its source.
        IpsecHelper::End endC;
        endC.node = c;
        endC.address = lab.GetAddress(c);
        endC.peerAddress = lab.GetAddress(b);
        endC.insideAddress = innerA;
        endC.selector = IpsecSelector::SubnetToSubnet(innerA,
                                                      Ipv4Mask::GetOnes(),
                                                      Ipv4Address("10.9.0.0"),
                                                      Ipv4Mask("/24"));
        IpsecHelper::End endB;
        endB.node = b;
        endB.address = lab.GetAddress(b);
        endB.peerAddress = lab.GetAddress(natC);
        endB.insideAddress = lab.GetLanAddress(b);
        endB.selector = IpsecSelector::SubnetToSubnet(Ipv4Address("10.9.0.0"),
                                                      Ipv4Mask("/24"),
                                                      innerC,
                                                      Ipv4Mask::GetOnes());
        ipsec.AddPair(endC, endB, IPSEC_MODE_TUNNEL, options);

        auto own = lab.AddUdpEcho(a, server, 7, packets, MilliSeconds(100), 200, Seconds(1));
        auto spoofed = lab.AddUdpEcho(c, server, 9, packets, MilliSeconds(100), 200, Seconds(1.05));
        lab.Run(Seconds(2) + MilliSeconds(100) * packets);

        auto from = spoofed->receivedFrom.find(innerA);
        uint32_t accepted = from == spoofed->receivedFrom.end() ? 0 : from->second;
        uint64_t refused = lab.GetProbe().GetIpsecDrops(b, "spoofed-source");
        bool ownWorks = dataplane::EchoOutcome({own}, b) == "works";
        if (accepted > 0)
        {
            // intranet-server took host-c's packets for host-a's.
            row.outcome = "fails";
            row.symptom = "spoof-accepted";
        }
        else if (ownWorks && spoofed->requestsSent > 0 && refused == spoofed->requestsSent)
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        else
        {
            row.outcome = "fails";
            row.symptom = dataplane::ExplainLoss(lab);
        }
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("own_sent", own->requestsSent);
        row.SetMetric("own_replies", own->repliesReceived);
        row.SetMetric("spoofed_sent", spoofed->requestsSent);
        row.SetMetric("spoofed_accepted", accepted);
        row.SetMetric("spoofed_source_drops", static_cast<double>(refused));
        return row;
    }
};

const Registered<Rfc3715Spoof> kRegistered(Shelf::CATALOGUE, 1700, kData);

} // namespace

} // namespace natt
