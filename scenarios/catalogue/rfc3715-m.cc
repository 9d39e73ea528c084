/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.2 m: a NAPT that cannot handle fragments. IKE authenticated
// with certificates sends the certificate chain in IKE_AUTH; past the path
// MTU the IP layer fragments those messages, the NAPT drops the fragments,
// and IKE never completes. IKEv2 fragmentation (RFC 7383) keeps every
// message below the MTU; a reassembling NAT translates whole datagrams;
// pre-shared keys leave the messages small.

#include "catalogue.h"
#include "spi-common.h"
#include "variant-attributes.h"

#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-ports.h"
#include "ns3/nat-helper.h"

#include <algorithm>

namespace natt
{

using namespace ns3;

namespace
{

const uint32_t kMaxChain = 4;

enum class Variant
{
    CERTIFICATES,
    IKEV2_FRAGMENTATION,
    REASSEMBLING_NAT,
    PRE_SHARED_KEYS,
};

const EntryData<Variant> kData{
    "rfc3715-m",
    "Fragmented IKE through a NAPT that drops fragments",
    "RFC 3715 2.2 m",
    "host-1 sits behind the NAPT nat and sets up an IKEv2 SA with the VPN gateway, "
    "then sends UDP echoes to the server behind it through the tunnel-mode child "
    "SA. Both sides authenticate with RSA certificates from a hierarchy "
    "chain-certs CAs deep under the trusted root, so each IKE_AUTH message "
    "carries its end-entity certificate and chain-certs CA certificates. Past "
    "about 1500 bytes the IP layer fragments the message; nat drops every "
    "fragment, since only a first fragment has the UDP ports it translates by "
    "(RFC 3715 2.2 m), so IKE_AUTH is retransmitted until IKE gives up "
    "(ike-fragment-dropped). Fixes: IKEv2 fragmentation (RFC 7383), which splits "
    "the message into IKE messages that each fit the path; a NAT that reassembles "
    "before translating; or pre-shared keys, whose IKE_AUTH messages are small.",
    {
        {Variant::CERTIFICATES,
         "certificates",
         "fails",
         "ike-fragment-dropped",
         "RSA certificates without RFC 7383 fragmentation; nat drops every IP fragment "
         "(preset fragment-dropping)."},
        {Variant::IKEV2_FRAGMENTATION,
         "ikev2-fragmentation",
         "works",
         "none",
         "Both sides offer RFC 7383 IKEv2 fragmentation and split IKE_AUTH into "
         "encrypted fragments of at most 1280 bytes; the same NAT."},
        {Variant::REASSEMBLING_NAT,
         "reassembling-nat",
         "works",
         "none",
         "No RFC 7383, but nat reassembles fragments before translating the datagram "
         "(preset reassembling)."},
        {Variant::PRE_SHARED_KEYS,
         "pre-shared-keys",
         "works",
         "none",
         "Pre-shared keys instead of certificates (RFC 7296 2.15): no certificates in "
         "IKE_AUTH; the fragment-dropping NAT."},
    },
    {
        ScenarioParameter::Count("chain-certs",
                                 "2",
                                 "certificates",
                                 0,
                                 kMaxChain,
                                 "CA certificates each side sends after its own: the depth "
                                 "of the PKI under the trusted root")
            .Alias("chain_certs"),
        ScenarioParameter::Count("packets",
                                 "5",
                                 "packets",
                                 1,
                                 1000,
                                 "UDP echoes host-1 sends once IKE is up"),
    },
    {{"rfc3715-m-cert-chain",
      "IKE success vs certificate chain size through a fragment-dropping NAT",
      {Variant::CERTIFICATES, Variant::IKEV2_FRAGMENTATION},
      {{"chain-certs", SweepRange(0, kMaxChain)}}}},
};

class Rfc3715M : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t depth = context.GetUint("chain-certs");
        uint32_t packets = context.GetUint("packets");
        bool psk = variant == Variant::PRE_SHARED_KEYS;
        bool fragmentation = variant == Variant::IKEV2_FRAGMENTATION;

        Lab lab(GetId(), context);
        NatHelper natHelper;
        natHelper.SetPreset(variant == Variant::REASSEMBLING_NAT ? "reassembling"
                                                                 : "fragment-dropping");
        spi::Telecommute net = spi::AddTelecommute(lab, natHelper, 1);
        lab.Build();
        spi::QueueWhileResolving(lab);
        Ptr<Node> host = net.hosts[0];
        Ipv4Address hostAddress = lab.GetAddress(host);
        Ipv4Address gatewayAddress = lab.GetAddress(net.gateway);
        Ipv4Address subnet = lab.GetLanAddress(net.gateway).CombineMask(Ipv4Mask("/24"));

        IkeHelper ike;
        // Short retransmissions: a failing exchange gives up within seconds.
        TypeId daemon = IkeDaemon::GetTypeId();
        auto set = &IkeHelper::SetDaemonAttribute;
        SetVariantAttribute(context, ike, set, daemon, "RetransmitTimeout", TimeValue(Seconds(1)));
        SetVariantAttribute(context, ike, set, daemon, "RetransmitTries", UintegerValue(2));
        Ptr<IkeDaemon> hostDaemon = ike.Install(host);
        Ptr<IkeDaemon> gatewayDaemon = ike.Install(net.gateway);

        IkePeerConfig client;
        client.name = "gateway";
        client.version = 2;
        client.local = {hostAddress, IKE_UDP_PORT};
        client.remote = {gatewayAddress, IKE_UDP_PORT};
        client.fragmentation = fragmentation;
        IkeChildConfig child;
        child.name = "vpn";
        child.mode = IPSEC_MODE_TUNNEL;
        child.selector =
            IpsecSelector::SubnetToSubnet(hostAddress, Ipv4Mask("/32"), subnet, Ipv4Mask("/24"));
        client.children.push_back(child);

        IkePeerConfig gateway = client;
        gateway.name = "clients";
        gateway.local = {gatewayAddress, IKE_UDP_PORT};
        gateway.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
        gateway.children[0].selector =
            IpsecSelector::SubnetToSubnet(subnet, Ipv4Mask("/24"), hostAddress, Ipv4Mask("/32"));

        std::size_t certificateBytes = 0;
        if (psk)
        {
            client.auth = gateway.auth = IkePeerConfig::AUTH_PSK;
            client.presharedKey = gateway.presharedKey = {'r', 'f', 'c', '3', '7', '1', '5'};
            client.localId = gateway.remoteId = IkeIdentity::Fqdn("chain-client.natt.test");
            client.remoteId = gateway.localId = IkeIdentity::Fqdn("gateway.natt.test");
        }
        else
        {
            certificateBytes += spi::UseChain(client, "chain-client", depth);
            certificateBytes += spi::UseChain(gateway, "chain-gateway", depth);
        }
        hostDaemon->AddPeer(client);
        gatewayDaemon->AddPeer(gateway);

        // The size of every IKE message either side sends, fragments of
        // RFC 7383 each counted as the message they are.
        auto largest = std::make_shared<uint32_t>(0);
        for (Ptr<IkeDaemon> daemon : {hostDaemon, gatewayDaemon})
        {
            daemon->TraceConnectWithoutContext(
                "Sent",
                MakeBoundCallback(
                    +[](uint32_t* max, Ptr<const IkeSa>, Ptr<const Packet> message) {
                        *max = std::max(*max, message->GetSize());
                    },
                    largest.get()));
        }

        IkeHelper::Initiate(host, "gateway", Seconds(1));
        const Time echoStart = Seconds(3);
        const Time gap = MilliSeconds(200);
        auto flow = lab.AddUdpEcho(host, net.server, 7, packets, gap, 200, echoStart);
        // Long enough for the last retransmission of a failing exchange to
        // time out (1 + 1.8 + 3.24 s after the start).
        Time stop = std::max(echoStart + gap * packets + Seconds(1), Seconds(8));
        lab.Run(stop);
        if (!lab.GetOutputPrefix().empty())
        {
            // The lab writes the SADs' keys; IKE's tables decrypt IKE_AUTH too
            // (DESIGN 7: ikev2_decryption_table beside esp_sa).
            IkeHelper::WriteWiresharkProfile(lab.GetOutputPrefix() + "-keys", lab.GetAllNodes());
        }

        bool established = lab.GetProbe().GetIkeSasEstablished() > 0;
        bool answered = flow->requestsSent > 0 && flow->repliesReceived == flow->requestsSent;
        bool works = established && answered && lab.GetProbe().GetEspDelivered(host) > 0;
        uint64_t fragmentDrops = lab.GetProbe().GetNatDrops("fragment") +
                                 lab.GetProbe().GetNatDrops("fragment-not-first") +
                                 lab.GetProbe().GetNatDrops("fragment-unknown");
        row.outcome = spi::Outcome(works);
        if (works)
        {
            row.symptom = "none";
        }
        else if (!established && fragmentDrops > 0)
        {
            row.symptom = "ike-fragment-dropped";
        }
        else if (!established)
        {
            row.symptom = "ike-failed";
        }
        else
        {
            row.symptom = "traffic-lost";
        }

        lab.GetProbe().FillMetrics(row);
        row.SetMetric("chain_certs", psk ? 0 : depth);
        row.SetMetric("cert_chain_bytes", static_cast<double>(certificateBytes));
        row.SetMetric("largest_ike_message_bytes", *largest);
        row.SetMetric("ike_retransmissions",
                      static_cast<double>(lab.GetProbe().GetIkeRetransmissions()));
        row.SetMetric("ike_failures", static_cast<double>(lab.GetProbe().GetIkeFailures()));
        row.SetMetric("nat_fragment_drops", static_cast<double>(fragmentDrops));
        return row;
    }
};

const Registered<Rfc3715M> kRegistered(Shelf::CATALOGUE, 1300, kData);

} // namespace

} // namespace natt
