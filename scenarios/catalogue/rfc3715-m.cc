/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.2 m: a NAPT that cannot handle fragments. IKE authenticated
// with certificates sends the certificate chain in IKE_AUTH; past the path
// MTU the IP layer fragments those messages, the NAPT drops the fragments,
// and IKE never completes. IKEv2 fragmentation (RFC 7383) keeps every
// message below the MTU; a reassembling NAT translates whole datagrams;
// pre-shared keys leave the messages small.

#include "spi-common.h"
#include "variant-attributes.h"

#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/nat-helper.h"
#include "ns3/test-pki.h"
#include "ns3/x509-certificate.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace natt
{

using namespace ns3;

namespace
{

const uint32_t kMaxChain = 4;

/// The test PKI's folder: NATT_SOURCE_DIR from the environment, else the build's source tree.
std::string
PkiDirectory()
{
    const char* environment = std::getenv("NATT_SOURCE_DIR");
#ifdef NATT_SOURCE_DIR
    std::string source = environment ? environment : NATT_SOURCE_DIR;
#else
    std::string source = environment ? environment : ".";
#endif
    return source + "/" + TestPki::RelativeDirectory;
}

std::string
ReadPem(const std::string& name)
{
    std::string path = PkiDirectory() + "/" + name + ".pem";
    std::ifstream in(path);
    if (!in)
    {
        throw std::runtime_error("rfc3715-m: cannot read " + path +
                                 " (set NATT_SOURCE_DIR to natt's source folder)");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t
DerSize(const std::string& pem)
{
    auto certificate = X509Certificate::FromPem(pem);
    return certificate ? certificate->GetDer().size() : 0;
}

/**
 * \p config authenticates with \p entity ("chain-client" or
 * "chain-gateway") at chain depth \p depth: its certificate is issued by
 * chain-ca-depth (root-ca for 0) and it sends the \p depth CA certificates
 * above it, so the peer can build the path to the root it trusts (RFC 7296
 * 3.6, RFC 4945 3.2). \return the bytes of certificates it sends
 */
std::size_t
UseChain(IkePeerConfig& config, const std::string& entity, uint32_t depth)
{
    std::string suffix = "-" + std::to_string(depth);
    config.auth = IkePeerConfig::AUTH_RSA_SIGNATURE;
    config.certificatePem = ReadPem(entity + suffix + ".cert");
    config.privateKeyPem = ReadPem(entity + suffix + ".key");
    config.caCertificatePem = ReadPem("root-ca.cert");
    config.chainPem.clear();
    std::size_t bytes = DerSize(config.certificatePem);
    for (uint32_t k = depth; k >= 1; --k)
    {
        config.chainPem.push_back(ReadPem("chain-ca-" + std::to_string(k) + ".cert"));
        bytes += DerSize(config.chainPem.back());
    }
    return bytes;
}

class Rfc3715M : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "rfc3715-m";
    }

    std::string GetTitle() const override
    {
        return "Fragmented IKE through a NAPT that drops fragments";
    }

    std::string GetSource() const override
    {
        return "RFC 3715 2.2 m";
    }

    std::string GetDescription() const override
    {
        return "host-1 sits behind the NAPT nat and sets up an IKEv2 SA with the VPN gateway, "
               "then sends UDP echoes to the server behind it through the tunnel-mode child "
               "SA. Both sides authenticate with RSA certificates from a hierarchy "
               "chain-certs CAs deep under the trusted root, so each IKE_AUTH message "
               "carries its end-entity certificate and chain-certs CA certificates. Past "
               "about 1500 bytes the IP layer fragments the message; nat drops every "
               "fragment, since only a first fragment has the UDP ports it translates by "
               "(RFC 3715 2.2 m), so IKE_AUTH is retransmitted until IKE gives up "
               "(ike-fragment-dropped). Fixes: IKEv2 fragmentation (RFC 7383), which splits "
               "the message into IKE messages that each fit the path; a NAT that reassembles "
               "before translating; or pre-shared keys, whose IKE_AUTH messages are small.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"certificates",
             "fails",
             "ike-fragment-dropped",
             "RSA certificates without RFC 7383 fragmentation; nat drops every IP fragment "
             "(preset fragment-dropping)."},
            {"ikev2-fragmentation",
             "works",
             "none",
             "Both sides offer RFC 7383 IKEv2 fragmentation and split IKE_AUTH into "
             "encrypted fragments of at most 1280 bytes; the same NAT."},
            {"reassembling-nat",
             "works",
             "none",
             "No RFC 7383, but nat reassembles fragments before translating the datagram "
             "(preset reassembling)."},
            {"pre-shared-keys",
             "works",
             "none",
             "Pre-shared keys instead of certificates (RFC 7296 2.15): no certificates in "
             "IKE_AUTH; the fragment-dropping NAT."},
        };
    }

    std::vector<ScenarioParameter> GetParameters() const override
    {
        return {
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
        };
    }

    std::vector<Sweep> GetSweeps() const override
    {
        Sweep sweep;
        sweep.name = "rfc3715-m-cert-chain";
        sweep.title = "IKE success vs certificate chain size through a fragment-dropping NAT";
        for (const char* variant : {"certificates", "ikev2-fragmentation"})
        {
            for (uint32_t depth = 0; depth <= kMaxChain; ++depth)
            {
                sweep.points.push_back({variant, {{"chain-certs", std::to_string(depth)}}});
            }
        }
        return {sweep};
    }

    ResultRow Run(const RunContext& context) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t depth = context.GetUint("chain-certs");
        uint32_t packets = context.GetUint("packets");
        bool psk = context.variant == "pre-shared-keys";
        bool fragmentation = context.variant == "ikev2-fragmentation";

        Lab lab(GetId(), context);
        NatHelper natHelper;
        natHelper.SetPreset(context.variant == "reassembling-nat" ? "reassembling"
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
        client.local = {hostAddress, 500};
        client.remote = {gatewayAddress, 500};
        client.fragmentation = fragmentation;
        IkeChildConfig child;
        child.name = "vpn";
        child.mode = IPSEC_MODE_TUNNEL;
        child.selector =
            IpsecSelector::SubnetToSubnet(hostAddress, Ipv4Mask("/32"), subnet, Ipv4Mask("/24"));
        client.children.push_back(child);

        IkePeerConfig gateway = client;
        gateway.name = "clients";
        gateway.local = {gatewayAddress, 500};
        gateway.remote = {Ipv4Address::GetAny(), 500};
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
            certificateBytes += UseChain(client, "chain-client", depth);
            certificateBytes += UseChain(gateway, "chain-gateway", depth);
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

} // namespace

std::unique_ptr<Scenario>
MakeRfc3715M()
{
    return std::make_unique<Rfc3715M>();
}

} // namespace natt
