/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 4.3: 6to4 (RFC 3056) as a way round the NAT. The site's NAPT is
// also its 6to4 router: IPv6 between 6to4 sites travels in protocol 41
// addressed to the routers' outside IPv4 addresses, which the NAT never
// translates, so end-to-end IPsec (ESP or AH, transport mode) meets no
// NAT. It works only while that outside address is global: behind a
// second NAT the router still derives 2002:V4ADDR::/48, but V4ADDR is
// private and the Internet does not route to it.

#include "catalogue.h"
#include "dataplane-common.h"
#include "ike-common.h"
#include "lab.h"
#include "req-common.h"
#include "rfc4891-common.h"

#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-helper.h"
#include "ns3/six-to-four-helper.h"
#include "ns3/six-to-four-net-device.h"

using namespace ns3;

namespace natt
{

namespace
{

/// When peer-host starts its echo requests, after IKE (which starts at 0.2 s).
const Time kTrafficStart = Seconds(3);

enum class Variant
{
    SINGLE_NAT,
    AH_OVER_6TO4,
    DOUBLE_NAT,
};

const EntryData<Variant> kData{
    "sol-6to4",
    "6to4 through the site's NAT: IPv6 in protocol 41 to the NAT's own address",
    "RFC 3715 4.3; RFC 3056",
    "home-6to4 is the site's IPv4 NAPT (preset address-only: ports translated, protocols "
    "without ports by address, unclaimed inbound packets delivered to the NAT itself) "
    "and its 6to4 router: it derives 2002:V4ADDR::/48 from its outside IPv4 address and "
    "gives its LAN (10.1.0.0/24) the /64 2002:V4ADDR:1::/64; home-host takes ::2 of it. "
    "peer-6to4, a public router, is the 6to4 router of a second site (10.2.0.0/24) "
    "with peer-host at ::2. IPv6 between the sites travels in protocol 41 between "
    "the routers' outside addresses (RFC 3056 5): the NAT sends and receives it as its "
    "own, and translates nothing in it. peer-host initiates IKEv2 over IPv6 to "
    "home-host (pre-shared key, FQDN identities, IPv6 traffic selectors for UDP "
    "between the two hosts' 6to4 addresses) and then sends UDP echo requests to it, "
    "protected by the transport-mode child (ESP, or AH). With a global outside "
    "address this works, and AH too, since no IPv4 NAT rewrites the IPv6 packet "
    "(RFC 3715 4.3). In double-nat home-6to4's uplink is on isp-nat's LAN "
    "(100.64.0.0/24, RFC 6598): the prefix it derives embeds 100.64.0.2, peer-6to4 "
    "encapsulates towards that address, and the core router drops it for want of a "
    "route. The symptom 6to4-prefix-unreachable is read from the core's no-route "
    "drops of protocol 41 towards a non-global IPv4 address.",
    {
        {Variant::SINGLE_NAT,
         "single-nat",
         "works",
         "none",
         "home-6to4 has a public outside address: IKEv2 and ESP transport between the "
         "hosts' 6to4 addresses."},
        {Variant::AH_OVER_6TO4,
         "ah-over-6to4",
         "works",
         "none",
         "the child is AH: its ICV holds, because the IPv4 NAT carries the IPv6 packet "
         "inside protocol 41 and rewrites none of it."},
        {Variant::DOUBLE_NAT,
         "double-nat",
         "fails",
         "6to4-prefix-unreachable",
         "home-6to4 sits behind isp-nat with outside address 100.64.0.2: its 6to4 prefix "
         "embeds a private address the core does not route. outside-address=public "
         "links it to the core instead, and it works."},
    },
    {
        ScenarioParameter::Count("packets",
                                 "10",
                                 "packets",
                                 1,
                                 1000,
                                 "UDP echo requests peer-host sends home-host"),
        ScenarioParameter::Choice("outside-address",
                                  "private",
                                  {"private", "public"},
                                  "double-nat: home-6to4's outside address, private (behind "
                                  "isp-nat) or public (linked to the core)"),
    },
};

/// What one run has.
struct Spec
{
    IpsecProtocol protocol{IPSEC_PROTOCOL_ESP};
    /// home-6to4 behind isp-nat, its outside address 100.64.0.2.
    bool secondNat{false};
    uint32_t packets{10};
};

/**
 * IKEv2 over IPv6 from peer-host to home-host (RFC 7296), one
 * transport-mode child of \p protocol for UDP between the two addresses.
 */
void
Negotiate(const RunContext& context,
          Ptr<Node> peer,
          Ipv6Address peerAddress,
          Ptr<Node> home,
          Ipv6Address homeAddress,
          IpsecProtocol protocol)
{
    IkeHelper ike = req::MakeIkeHelper(context);
    ike.Install(peer);
    ike.Install(home);
    IkeChildConfig child;
    child.name = "6to4";
    ikecommon::UseProtocol(child, protocol);
    child.mode = IPSEC_MODE_TRANSPORT;
    child.selector =
        IpsecSelector::HostToHost(peerAddress, homeAddress, UdpL4Protocol::PROT_NUMBER);
    IkePeerConfig initiator = req::BaseConfig("home-host", 2);
    initiator.local = {peerAddress, IKE_UDP_PORT};
    initiator.remote = {homeAddress, IKE_UDP_PORT};
    initiator.localId = IkeIdentity::Fqdn("peer.natt.test");
    initiator.remoteId = IkeIdentity::Fqdn("home.natt.test");
    initiator.children.push_back(child);
    IkeHelper::GetDaemon(peer)->AddPeer(initiator);
    IkePeerConfig responder = req::BaseConfig("peer-host", 2);
    responder.local = {homeAddress, IKE_UDP_PORT};
    responder.remote = {peerAddress, IKE_UDP_PORT};
    responder.localId = initiator.remoteId;
    responder.remoteId = initiator.localId;
    child.selector =
        IpsecSelector::HostToHost(homeAddress, peerAddress, UdpL4Protocol::PROT_NUMBER);
    responder.children.push_back(child);
    IkeHelper::GetDaemon(home)->AddPeer(responder);
    IkeHelper::Initiate(peer, "home-host", MilliSeconds(200));
}

/// Protocol 41 \p node's IPv4 layer dropped for want of a route, towards a non-global address.
std::shared_ptr<uint64_t>
CountUnroutedSixToFour(Ptr<Node> node)
{
    auto count = std::make_shared<uint64_t>(0);
    node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Drop",
        MakeBoundCallback(
            +[](uint64_t* c,
                const Ipv4Header& header,
                Ptr<const Packet>,
                Ipv4L3Protocol::DropReason reason,
                Ptr<Ipv4>,
                uint32_t) {
                if (reason == Ipv4L3Protocol::DROP_NO_ROUTE && header.GetProtocol() == 41 &&
                    !SixToFourNetDevice::IsGlobalIpv4(header.GetDestination()))
                {
                    ++*c;
                }
            },
            count.get()));
    return count;
}

ResultRow
RunSixToFour(ResultRow row, const RunContext& context, const std::string& id, const Spec& spec)
{
    Lab lab(id, context);
    // RFC 6598's shared address space: a carrier-grade NAT in front of the site.
    Ptr<Node> isp =
        spec.secondNat ? lab.AddNat("isp-nat", "port-preserving", "100.64.0.0/24") : nullptr;
    NatHelper homeNat;
    homeNat.SetPreset("address-only");
    // Protocol 41 to the NAT's own address is the 6to4 router's to take.
    homeNat.SetAttribute("DeliverUnmatchedLocally", BooleanValue(true));
    Ptr<Node> home6to4 = lab.AddNat("home-6to4", homeNat, "10.1.0.0/24", isp);
    Ptr<Node> peer6to4 = lab.AddRouter("peer-6to4", "10.2.0.0/24");
    Ptr<Node> homeHost = lab.AddHost("home-host", home6to4);
    Ptr<Node> peerHost = lab.AddHost("peer-host", peer6to4);
    lab.Build();

    // RFC 3056 2: each router's prefix from its own outside address, public or not.
    SixToFourHelper sixToFour;
    Ipv4Address homeOutside = lab.GetAddress(home6to4);
    Ipv4Address peerOutside = lab.GetAddress(peer6to4);
    Ptr<SixToFourNetDevice> homeDevice =
        sixToFour.Install(home6to4, homeOutside, lab.GetLanDevice(home6to4));
    Ptr<SixToFourNetDevice> peerDevice =
        sixToFour.Install(peer6to4, peerOutside, lab.GetLanDevice(peer6to4));
    Ipv6Address homeAddress =
        SixToFourHelper::AddHost(homeHost, lab.GetLanDevice(homeHost), homeOutside, 2);
    Ipv6Address peerAddress =
        SixToFourHelper::AddHost(peerHost, lab.GetLanDevice(peerHost), peerOutside, 2);

    Negotiate(context, peerHost, peerAddress, homeHost, homeAddress, spec.protocol);
    auto echoes = rfc4891::AddEcho(peerHost, homeHost, homeAddress, spec.packets, kTrafficStart);
    auto unrouted = CountUnroutedSixToFour(lab.GetInternet());

    ikecommon::AssignStreams(lab);
    lab.Run(kTrafficStart + rfc4891::kInterval * spec.packets + Seconds(1));

    const LabProbe& probe = lab.GetProbe();
    uint64_t accepted = homeHost->GetObject<IpsecStack>()->GetAcceptedCount();
    if (echoes->requestsSent > 0 && echoes->repliesReceived == echoes->requestsSent &&
        accepted >= echoes->requestsSent)
    {
        row.outcome = "works";
        row.symptom = "none";
    }
    else
    {
        row.outcome = "fails";
        if (*unrouted > 0)
        {
            // RFC 3715 4.3: the prefix embeds an address the Internet does not route.
            row.symptom = "6to4-prefix-unreachable";
        }
        else if (probe.GetIpsecDrops("icv-failure", IPSEC_PROTOCOL_AH) > 0)
        {
            row.symptom = "ah-icv-mismatch";
        }
        else
        {
            row.symptom = dataplane::ExplainLoss(lab);
        }
    }
    probe.FillMetrics(row);
    row.SetMetric("echo_sent", echoes->requestsSent);
    row.SetMetric("echo_replies", echoes->repliesReceived);
    row.SetMetric("ipsec_accepted", static_cast<double>(accepted));
    row.SetMetric("outside_global", SixToFourNetDevice::IsGlobalIpv4(homeOutside) ? 1 : 0);
    row.SetMetric("proto41_unrouted", static_cast<double>(*unrouted));
    row.SetMetric("sixtofour_encapsulated",
                  static_cast<double>(homeDevice->GetEncapsulatedCount() +
                                      peerDevice->GetEncapsulatedCount()));
    return row;
}

class SolSixToFour : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        Spec spec;
        spec.packets = context.GetUint("packets");
        spec.protocol = variant == Variant::AH_OVER_6TO4 ? IPSEC_PROTOCOL_AH : IPSEC_PROTOCOL_ESP;
        spec.secondNat =
            variant == Variant::DOUBLE_NAT && context.Get("outside-address") == "private";
        return RunSixToFour(MakeRow(context), context, GetId(), spec);
    }
};

const Registered<SolSixToFour> kRegistered(Shelf::CATALOGUE, 2800, kData);

} // namespace

} // namespace natt
