/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 4.1: IPsec tunnel mode crosses a NAT that translates ESP by
// address only, without NAT-T, but only while six conditions hold (4.1
// 1-6). The baseline keeps all six; each other variant crosses one and
// meets the RFC 3715 2.x incompatibility it leads to.

#include "catalogue.h"
#include "ike-common.h"
#include "lab.h"
#include "spi-common.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-helper.h"

#include <algorithm>

using namespace ns3;

namespace natt
{

namespace
{

/// Hosts the NAT's /24 LAN holds (the NAT is .1).
const uint32_t kMaxClients = 253;
/// CA certificates each side sends after its own in the certificates
/// variant: with two, Main Mode messages 5 and 6 pass 1500 bytes (as rfc3715-m's default).
const uint32_t kChainCerts = 2;
/// The echo port of client N is kFirstPort + N - 1; the gateway side's datagrams go to kSinkPort.
const uint16_t kFirstPort = 7000;
const uint16_t kSinkPort = 9;

enum class Variant
{
    BASELINE,
    AH,
    ADDRESS_VALIDATION,
    SPECIFIC_SPD,
    TWO_CLIENTS,
    CERTIFICATES,
    IDLE,
};

const EntryData<Variant> kData{
    "sol-tunnel-mode",
    "Tunnel mode through an address-only NAT, without NAT-T",
    "RFC 3715 4.1",
    "host-1 (and in two-clients host-2) sits on 10.0.0.0/24 behind nat, which "
    "translates UDP with ports and every protocol without ports (ESP, AH) by address "
    "only, drops IP fragments, and forgets a UDP mapping or address binding idle for "
    "nat-timeout. Each host sets up an IKEv1 Main Mode SA with gateway, which "
    "protects the corporate LAN 172.16.0.0/24, without NAT-T: plain ESP tunnel mode, "
    "pre-shared key, ID_IPV4_ADDR of the host's own private address, and \"any\" "
    "selectors on the host's side (the host proposes 0.0.0.0/0 <-> 172.16.0.0/24, "
    "the gateway's policy is 172.16.0.0/24 <-> 0.0.0.0/0). The hosts send UDP echoes "
    "to server on the corporate LAN; then server sends each host datagrams through "
    "the tunnel. RFC 3715 4.1 says this works while six things hold: ESP (1), no "
    "check of the IKE identity against the source (2), any-to-any selectors (3), one "
    "client (4), no fragmentation, which pre-shared keys give (5), and traffic that "
    "keeps the NAT's bindings alive (6). The baseline keeps all six. Each other "
    "variant crosses one: AH's ICV covers the outer addresses nat rewrites (2.1 a); "
    "the gateway's ID check sees the private address (2.1 c); a gateway policy naming "
    "the address it observes does not cover the private inner source (2.1 e, 2.1 i); "
    "a second client finds ESP's one address binding taken (2.2 j); certificates make "
    "Main Mode fragment and nat drops the fragments (2.2 m); a pause longer than "
    "nat-timeout lets the binding lapse before the gateway's datagrams (2.2 k). The "
    "symptom is read from the counter that fired. Every condition is also a parameter, "
    "so it can be crossed on any variant.",
    {
        {Variant::BASELINE,
         "baseline",
         "works",
         "none",
         "ESP tunnel mode, no identity check, any-to-any selectors, one client, pre-shared "
         "key, no pause (RFC 3715 4.1 1-6)."},
        {Variant::AH,
         "ah",
         "fails",
         "ah-icv-mismatch",
         "The child SAs are AH (HMAC-SHA2-256-128) in tunnel mode instead of ESP (4.1 1): "
         "AH's ICV covers the outer source address nat rewrites (RFC 3715 2.1 a)."},
        {Variant::ADDRESS_VALIDATION,
         "address-validation",
         "fails",
         "ike-id-mismatch",
         "The gateway checks an ID_IPV4_ADDR identity against the source of the IKE "
         "messages (4.1 2): host-1's private address is not nat's (RFC 3715 2.1 c)."},
        {Variant::SPECIFIC_SPD,
         "specific-spd",
         "fails",
         "selector-mismatch",
         "The gateway's policy names the address it observes, nat's, instead of any (4.1 "
         "3). IKEv1's responder installs its own policy, so the negotiation passes and "
         "the inbound check drops the tunnelled packets, whose inner source is host-1's "
         "private address (RFC 3715 2.1 e, 2.1 i)."},
        {Variant::TWO_CLIENTS,
         "two-clients",
         "fails",
         "esp-dropped-by-nat",
         "Two hosts behind nat (4.1 4; clients sets more): the first holds nat's "
         "address binding for ESP and the second's ESP is dropped (RFC 3715 2.2 j). The "
         "gateway's any-to-any policies now overlap too, so its replies may leave on the "
         "wrong host's SA."},
        {Variant::CERTIFICATES,
         "certificates",
         "fails",
         "ike-fragment-dropped",
         "RSA certificates instead of the pre-shared key (4.1 5), each side sending two CA "
         "certificates after its own: Main Mode messages 5 and 6 fragment and nat drops "
         "fragments (RFC 3715 2.2 m)."},
        {Variant::IDLE,
         "idle",
         "fails",
         "mapping-expired",
         "After the echoes the hosts send nothing for idle (4.1 6) before server sends "
         "them datagrams; past nat-timeout nat has forgotten the ESP binding (RFC 3715 "
         "2.2 k)."},
    },
    {
        ScenarioParameter::Choice("protocol",
                                  "esp",
                                  {"esp", "ah"},
                                  "the child SAs' protocol (the ah variant: ah)"),
        ScenarioParameter::Flag("address-validation",
                                "false",
                                "the gateway checks an address identity against the "
                                "source (the address-validation variant: true)"),
        ScenarioParameter::Choice("gateway-selectors",
                                  "any",
                                  {"any", "observed"},
                                  "the remote side of the gateway's policy: 0.0.0.0/0, or "
                                  "nat's address (the specific-spd variant: observed)"),
        ScenarioParameter::Count("clients",
                                 "1",
                                 "hosts",
                                 1,
                                 kMaxClients,
                                 "hosts behind nat (the two-clients variant: at least 2)"),
        ScenarioParameter::Choice("auth",
                                  "psk",
                                  {"psk", "certificates"},
                                  "IKE authentication (the certificates variant: "
                                  "certificates)"),
        ScenarioParameter::Duration("idle",
                                    "60",
                                    "s",
                                    0,
                                    3600,
                                    "the idle variant's pause between the hosts' last echo "
                                    "and server's first datagram"),
        ScenarioParameter::Duration("nat-timeout",
                                    "30",
                                    "s",
                                    1,
                                    3600,
                                    "how long nat keeps a UDP mapping or an address binding "
                                    "without outbound packets (NatEngine UdpMappingTimeout, "
                                    "OtherMappingTimeout)"),
        ScenarioParameter::Count("packets",
                                 "10",
                                 "packets",
                                 1,
                                 1000,
                                 "UDP echoes each host sends, and datagrams server sends "
                                 "each host, one every 200 ms"),
    },
};

/// The six conditions of RFC 3715 4.1, as one run has them.
struct Conditions
{
    IpsecProtocol protocol{IPSEC_PROTOCOL_ESP};
    bool validation{false};
    bool observedSelectors{false};
    uint32_t clients{1};
    bool certificates{false};
    Time idle{Seconds(0)};
};

/// The parameters' conditions, with the one \p variant crosses forced.
Conditions
ConditionsFor(const RunContext& context, Variant variant)
{
    Conditions c;
    c.protocol = context.Get("protocol") == "ah" ? IPSEC_PROTOCOL_AH : IPSEC_PROTOCOL_ESP;
    c.validation = context.Get("address-validation") == "true";
    c.observedSelectors = context.Get("gateway-selectors") == "observed";
    c.clients = context.GetUint("clients");
    c.certificates = context.Get("auth") == "certificates";
    switch (variant)
    {
    case Variant::AH:
        c.protocol = IPSEC_PROTOCOL_AH;
        break;
    case Variant::ADDRESS_VALIDATION:
        c.validation = true;
        break;
    case Variant::SPECIFIC_SPD:
        c.observedSelectors = true;
        break;
    case Variant::TWO_CLIENTS:
        c.clients = std::max(c.clients, 2u);
        break;
    case Variant::CERTIFICATES:
        c.certificates = true;
        break;
    case Variant::IDLE:
        c.idle = context.GetTime("idle");
        break;
    case Variant::BASELINE:
        break;
    }
    return c;
}

/// IP fragments the NAT dropped (first, later and unmatched ones).
uint64_t
NatFragmentDrops(const LabProbe& probe)
{
    return probe.GetNatDrops("fragment") + probe.GetNatDrops("fragment-not-first") +
           probe.GetNatDrops("fragment-unknown");
}

/**
 * The symptom of a failed run, from the counters, each the mark of one
 * RFC 3715 2.x item: an AH ICV failure (2.1 a), an identity refused
 * (2.1 c), ESP the NAT could not translate (2.2 j), IKE fragments the NAT
 * dropped (2.2 m), a binding that lapsed (2.2 k), then what IKE or the
 * inbound check refused (2.1 e: selectors that name another address).
 */
std::string
Classify(const Lab& lab, uint32_t clients)
{
    const LabProbe& probe = lab.GetProbe();
    if (probe.GetIpsecDrops("icv-failure", IPSEC_PROTOCOL_AH) > 0)
    {
        return "ah-icv-mismatch";
    }
    if (probe.GetIkeFailures("id-mismatch") > 0)
    {
        return "ike-id-mismatch";
    }
    if (probe.CountNatDrops(NatDropFilter::Esp({"protocol-not-supported", "address-in-use"})) > 0)
    {
        return "esp-dropped-by-nat";
    }
    if (probe.GetIkeSasEstablished() < clients)
    {
        return NatFragmentDrops(probe) > 0 ? "ike-fragment-dropped" : "ike-failed";
    }
    if (probe.GetNatDrops("mapping-expired") > 0)
    {
        return "mapping-expired";
    }
    if (probe.GetChildSas() < clients)
    {
        // The negotiation refused the selectors.
        return "child-sa-failed";
    }
    // The inbound check of the SA's selectors (RFC 4301 5.2); IpsecStack
    // counts a tunnelled packet's inner source outside them as
    // spoofed-source (RFC 3715 5), the rest of the selector as selector-mismatch.
    if (probe.GetIpsecDrops("spoofed-source") + probe.GetIpsecDrops("selector-mismatch") > 0)
    {
        return "selector-mismatch";
    }
    return "traffic-lost";
}

class SolTunnelMode : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        Conditions conditions = ConditionsFor(context, variant);
        uint32_t packets = context.GetUint("packets");
        Time timeout = context.GetTime("nat-timeout");

        Lab lab(GetId(), context);
        ikecommon::Corporate corporate = ikecommon::AddCorporate(lab);
        NatHelper natHelper;
        natHelper.SetPreset("address-only");
        // RFC 3715 4.1 5 and 6: a NAT that drops fragments and forgets idle
        // bindings, which the baseline's conditions never meet.
        natHelper.SetAttribute("Fragments", StringValue("Drop"));
        natHelper.SetAttribute("UdpMappingTimeout", TimeValue(timeout));
        natHelper.SetAttribute("OtherMappingTimeout", TimeValue(timeout));
        Ptr<Node> nat = lab.AddNat("nat", natHelper, ikecommon::kHomeNet);
        std::vector<Ptr<Node>> hosts;
        for (uint32_t i = 1; i <= conditions.clients; ++i)
        {
            hosts.push_back(lab.AddHost("host-" + std::to_string(i), nat));
        }
        lab.Build();

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        Ptr<IkeDaemon> gatewayDaemon = ike.Install(corporate.gateway);
        ikecommon::Flavour flavour;
        flavour.natTraversal = IkePeerConfig::NATT_NONE;
        IkePeerConfig gateway = ikecommon::GatewayConfig(lab, corporate, flavour);
        gateway.checkIdAgainstSource = conditions.validation;
        ikecommon::UseProtocol(gateway.children[0], conditions.protocol);
        if (conditions.observedSelectors)
        {
            // RFC 3715 2.1 e: the address the gateway sees the host at.
            gateway.children[0].selector.remoteAddress = lab.GetAddress(nat);
            gateway.children[0].selector.remoteMask = Ipv4Mask::GetOnes();
        }
        if (conditions.certificates)
        {
            spi::UseChain(gateway, "chain-gateway", kChainCerts);
        }
        gatewayDaemon->AddPeer(gateway);

        const Time gap = MilliSeconds(200);
        const Time echoStart = Seconds(3);
        std::vector<std::shared_ptr<EchoFlow>> echoes;
        std::vector<std::shared_ptr<spi::StreamFlow>> streams;
        for (uint32_t i = 0; i < hosts.size(); ++i)
        {
            Ptr<Node> host = hosts[i];
            Ptr<IkeDaemon> daemon = ike.Install(host);
            IkePeerConfig client = ikecommon::ClientConfig(lab, host, corporate, flavour);
            // Main Mode with a pre-shared key identifies peers by address
            // (RFC 2409 5.4); the host knows only its own.
            client.localId = IkeIdentity::Ipv4(lab.GetAddress(host));
            client.children[0].selector.localAddress = Ipv4Address::GetAny();
            client.children[0].selector.localMask = Ipv4Mask::GetZero();
            ikecommon::UseProtocol(client.children[0], conditions.protocol);
            if (conditions.certificates)
            {
                spi::UseChain(client, "chain-client", kChainCerts);
            }
            daemon->AddPeer(client);
            // One after the other, so which host holds the binding does not
            // depend on event order.
            Time offset = MilliSeconds(250) * i;
            IkeHelper::Initiate(host, client.name, Seconds(1) + offset);
            echoes.push_back(lab.AddUdpEcho(host,
                                            corporate.server,
                                            static_cast<uint16_t>(kFirstPort + i),
                                            packets,
                                            gap,
                                            200,
                                            echoStart + offset));
            Time lastEcho = echoStart + offset + gap * (packets - 1);
            streams.push_back(spi::AddUdpStream(corporate.server,
                                                host,
                                                lab.GetAddress(host),
                                                kSinkPort,
                                                packets,
                                                gap,
                                                200,
                                                lastEcho + gap + conditions.idle));
        }
        ikecommon::AssignStreams(lab);
        Time last = echoStart + MilliSeconds(250) * (hosts.size() - 1) + gap * (2 * packets) +
                    conditions.idle;
        // A Main Mode nobody answers gives up about 8 s after it started.
        lab.Run(std::max(last + Seconds(1), Seconds(11)));
        if (!lab.GetOutputPrefix().empty())
        {
            IkeHelper::WriteWiresharkProfile(lab.GetOutputPrefix() + "-keys", lab.GetAllNodes());
        }

        uint64_t received = 0;
        uint64_t sent = 0;
        for (const auto& stream : streams)
        {
            sent += stream->sent;
            received += stream->received;
        }
        bool works =
            ikecommon::AllEchoesProtected(lab, hosts, echoes) && sent > 0 && received == sent;
        row.outcome = works ? "works" : "fails";
        row.symptom = works ? "none" : Classify(lab, conditions.clients);

        const LabProbe& probe = lab.GetProbe();
        probe.FillMetrics(row);
        uint64_t requests = 0;
        uint64_t replies = 0;
        for (const auto& echo : echoes)
        {
            requests += echo->requestsSent;
            replies += echo->repliesReceived;
        }
        row.SetMetric("clients", conditions.clients);
        row.SetMetric("echo_requests", static_cast<double>(requests));
        row.SetMetric("echo_replies", static_cast<double>(replies));
        row.SetMetric("inbound_sent", static_cast<double>(sent));
        row.SetMetric("inbound_received", static_cast<double>(received));
        row.SetMetric("ah_icv_failures",
                      static_cast<double>(probe.GetIpsecDrops("icv-failure", IPSEC_PROTOCOL_AH)));
        row.SetMetric("ike_id_mismatches",
                      static_cast<double>(probe.GetIkeFailures("id-mismatch")));
        row.SetMetric("selector_mismatches",
                      static_cast<double>(probe.GetIpsecDrops("spoofed-source") +
                                          probe.GetIpsecDrops("selector-mismatch")));
        row.SetMetric("nat_esp_drops",
                      static_cast<double>(probe.CountNatDrops(NatDropFilter::Esp())));
        row.SetMetric("nat_fragment_drops", static_cast<double>(NatFragmentDrops(probe)));
        row.SetMetric("nat_mapping_expired_drops",
                      static_cast<double>(probe.GetNatDrops("mapping-expired")));
        return row;
    }
};

const Registered<SolTunnelMode> kRegistered(Shelf::CATALOGUE, 2600, kData);

} // namespace

} // namespace natt
