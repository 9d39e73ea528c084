/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// 3Com DNAT disclosure (seed 003), "IPsec Across a DNAT Network": the DNAT
// router allocates each host a block of SPI values; a host keeps the SPIs
// of its incoming SAs inside its block, and the router demultiplexes
// inbound ESP and AH by the SPI of the outermost IPsec header, without
// modifying anything, so AH's ICV holds.

#include "catalogue.h"
#include "dnat-common.h"
#include "fixes.h"
#include "ike-common.h"
#include "spi-common.h"

#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"
#include "ns3/test-pki.h"
#include "ns3/udp-encapsulation.h"

#include <cstdlib>
#include <stdexcept>

namespace natt
{

namespace
{

using namespace ns3;

constexpr uint8_t kTcp = 6;

enum class Variant
{
    SPI_BLOCKS,
    SPI_OUTSIDE_BLOCK,
    LCA_CERTIFICATES,
    UNTRUSTED_LCA,
};

const EntryData<Variant> kData{
    "dnat-spi",
    "Distributed NAT (3Com DNAT): SPI blocks for ESP and AH",
    "3Com DNAT disclosure (seed 003), IPsec Across a DNAT Network",
    "Hosts host-1 .. host-N sit behind dnat-router as in dnat-ports and get a port "
    "block and an SPI block over natt's allocation protocol (doc/dnat.rst). Each host "
    "then keys transport-mode SAs with the public server: odd hosts ESP (AES-CBC, "
    "HMAC-SHA1-96), even hosts AH (HMAC-SHA1-96). The host draws the SPI of its "
    "incoming SA from its block (\"it ensures that the SPI assigned for this SA is "
    "selected from its allocated block\"); the server's SAs select the host by the "
    "router's global address and the host's port block, as the disclosure's remote "
    "selects by destination port. Each host runs an unmodified TCP BulkSend to the "
    "server from a port of its block. The router reads only the SPI of inbound ESP and "
    "AH (always in the clear) to find the owner and never modifies a packet, so AH's "
    "ICV, which covers the addresses, holds. Metrics as dnat-ports, plus "
    "ipsec_accepted_by_hosts (ESP and AH packets whose ICV the hosts verified), "
    "dnat_spi_outside_block (inbound IPsec the router could not place) and "
    "icv_failures. With the router as local CA (lca-certificates, untrusted-lca) the hosts "
    "run IKEv2 with certificates it issued (doc/dnat.rst) and the server checks the "
    "certificate's ranges; metrics lca_ranges_matched, lca_ranges_refused, "
    "ike_auth_failed.",
    {
        {Variant::SPI_BLOCKS,
         "spi-blocks",
         "works",
         "none",
         "Every host draws its inbound SPI from its block: ESP and AH from two hosts reach "
         "the server and the replies reach the right host; AH's ICV holds."},
        {Variant::SPI_OUTSIDE_BLOCK,
         "spi-outside-block",
         "fails",
         "spi-outside-block",
         "The last host draws its inbound SPI from outside every block: the router cannot "
         "tell whose it is and drops the server's ESP or AH, counted as spi-outside-block."},
        {Variant::LCA_CERTIFICATES,
         "lca-certificates",
         "works",
         "none",
         "The router acts as local CA and issues each host a certificate binding the "
         "router's global address, the host's local address and its port and SPI ranges "
         "(natt's extension, doc/dnat.rst). Each host sets up ESP transport SAs with IKEv2 "
         "from a port of its block, its daemon choosing inbound SPIs in its SPI block; the "
         "server authenticates the host's certificate with the router's CA certificate as "
         "trust anchor and checks that the SA's SPI and ports lie in the certificate's "
         "ranges."},
        {Variant::UNTRUSTED_LCA,
         "untrusted-lca",
         "fails",
         "auth-failed",
         "As lca-certificates, but the server's trust anchor is another router's LCA "
         "certificate (same name, another key): it refuses the hosts' certificates and "
         "answers AUTHENTICATION_FAILED (RFC 7296 2.21.2); the hosts' daemons fail with "
         "auth-failed."},
    },
    {
        ScenarioParameter::Count(
            "hosts",
            "2",
            "hosts",
            1,
            16,
            "hosts behind the DNAT router (16 port blocks of 1024 from 49152)"),
        ScenarioParameter::Count("tcp-bytes",
                                 "20000",
                                 "bytes",
                                 1,
                                 10000000,
                                 "bytes each host's TCP BulkSend sends"),
        ScenarioParameter::Duration("lease-time",
                                    "4",
                                    "s",
                                    2,
                                    3600,
                                    "the router's lease; hosts renew at half of it"),
        ScenarioParameter::Choice("remote-trusts",
                                  "variant",
                                  {"variant", "router-lca", "other-lca"},
                                  "in the certificate variants, the server's trust anchor: the "
                                  "DNAT router's LCA certificate or another router's "
                                  "(variant: other-lca only in untrusted-lca)"),
        ScenarioParameter::Choice("stray-spi",
                                  "variant",
                                  {"variant", "yes", "no"},
                                  "whether the last host draws its inbound SPI outside every "
                                  "block (variant: only in spi-outside-block)"),
    },
};

/// SPIs no block holds: below the router's first block (SpiFirst 0x10000).
constexpr uint32_t kStraySpiFirst = 0x1000;
constexpr uint32_t kStraySpiLast = 0xffff;

/// natt's source folder, for the test PKI (as spi-common's UseChain finds it).
std::string
SourceDirectory()
{
    const char* environment = std::getenv("NATT_SOURCE_DIR");
    return environment ? environment : NATT_SOURCE_DIR;
}

/// A PEM of the test PKI (test/data/pki), aborting the run when it is unreadable.
std::string
PkiKey(TestPki::Entity entity)
{
    auto pem = TestPki(SourceDirectory()).ReadKeyPem(entity);
    if (!pem)
    {
        throw std::runtime_error("test PKI: " + pem.GetReason() +
                                 " (set NATT_SOURCE_DIR to natt's source folder)");
    }
    return *pem;
}

/// Manually keyed transport SAs between a host and the server (ESP, or AH for \p ah).
void
KeyByHand(IpsecHelper& ipsec,
          const dnat::Net& net,
          Ptr<Node> node,
          Ipv4Address server,
          const DnatBinding& b,
          bool ah,
          bool stray)
{
    IpsecHelper::End a;
    a.node = node;
    a.address = b.routerAddress;
    a.peerAddress = server;
    a.selector = IpsecSelector::HostToHost(b.routerAddress, server, kTcp);
    a.selector.localPortStart = b.firstPort;
    a.selector.localPortEnd = b.lastPort;
    a.inboundSpiFirst = stray ? kStraySpiFirst : b.firstSpi;
    a.inboundSpiLast = stray ? kStraySpiLast : b.lastSpi;
    IpsecHelper::End s;
    s.node = net.server;
    s.address = server;
    s.peerAddress = b.routerAddress;
    s.selector = IpsecSelector::HostToHost(server, b.routerAddress, kTcp);
    s.selector.remotePortStart = b.firstPort;
    s.selector.remotePortEnd = b.lastPort;
    IpsecHelper::Options options;
    options.protocol = ah ? IPSEC_PROTOCOL_AH : IPSEC_PROTOCOL_ESP;
    options.transform =
        IpsecHelper::MakeTransform(ah ? IpsecTransform::ENCR_NULL : IpsecTransform::ENCR_AES_CBC,
                                   IpsecTransform::INTEG_HMAC_SHA1_96);
    ipsec.AddPair(a, s, IPSEC_MODE_TRANSPORT, options);
}

/**
 * IKEv2 from the host, certificate-authenticated with the certificate the
 * router's LCA issued for its allocation: IKE from a port of the block
 * (the router checks it like any UDP), inbound SPIs from the SPI block
 * (IkeDaemon InboundSpiFirst/Last), ESP transport for TCP from the block.
 */
void
KeyWithLca(const RunContext& context,
           dnat::Net& net,
           Ptr<DnatHost> host,
           Ptr<Node> node,
           uint32_t index,
           Ipv4Address server,
           const DnatBinding& b,
           bool stray)
{
    IkePeerConfig c;
    // The chain-client key, the root CA that verifies the server; the
    // certificate is the LCA's, not the test PKI's.
    spi::UseChain(c, "chain-client", index % 5);
    c.chainPem.clear();
    c.certificatePem = net.dnat->IssueCertificate(b.hostAddress, c.privateKeyPem);
    c.caCertificatePem =
        TestPki(SourceDirectory()).ReadCertificatePem(TestPki::Entity::RootCa).GetValue();
    uint16_t ikePort = host->NextPort();
    node->GetObject<UdpEncapsulation>()->SetAttribute("IkePort", UintegerValue(ikePort));
    c.name = "server";
    c.version = 2;
    c.local = {b.routerAddress, ikePort};
    c.remote = {server, IKE_UDP_PORT};
    c.localId = IkeIdentity::Ipv4(b.routerAddress);
    IkeChildConfig child;
    child.name = "dnat";
    child.mode = IPSEC_MODE_TRANSPORT;
    child.selector = IpsecSelector::HostToHost(b.routerAddress, server, kTcp);
    child.selector.localPortStart = b.firstPort;
    child.selector.localPortEnd = b.lastPort;
    c.children.push_back(child);
    IkeHelper ike = ikecommon::MakeIkeHelper(context);
    ike.SetDaemonAttribute("InboundSpiFirst", UintegerValue(stray ? kStraySpiFirst : b.firstSpi));
    ike.SetDaemonAttribute("InboundSpiLast", UintegerValue(stray ? kStraySpiLast : b.lastSpi));
    ike.Install(node)->AddPeer(c);
    IkeHelper::Initiate(node, "server", Simulator::Now() + MilliSeconds(10));
}

/// The server's IKEv2 responder, trusting \p anchor (PEM) for the hosts' certificates.
void
AddServerIke(const RunContext& context,
             const dnat::Net& net,
             Ipv4Address server,
             const std::string& anchor)
{
    IkePeerConfig c;
    spi::UseChain(c, "chain-gateway", 0);
    c.caCertificatePem = anchor;
    c.name = "hosts";
    c.version = 2;
    c.local = {server, IKE_UDP_PORT};
    c.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
    IkeChildConfig child;
    child.name = "dnat";
    child.mode = IPSEC_MODE_TRANSPORT;
    child.selector = IpsecSelector::HostToHost(server, Ipv4Address::GetAny(), kTcp);
    child.selector.remoteMask = Ipv4Mask::GetZero();
    c.children.push_back(child);
    ikecommon::MakeIkeHelper(context).Install(net.server)->AddPeer(c);
}

class DnatSpi : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t hosts = context.GetUint("hosts");
        uint64_t tcpBytes = context.GetUint("tcp-bytes");
        const std::string& stray = context.Get("stray-spi");
        bool straySpi =
            stray == "yes" || (stray == "variant" && variant == Variant::SPI_OUTSIDE_BLOCK);
        bool lca = variant == Variant::LCA_CERTIFICATES || variant == Variant::UNTRUSTED_LCA;
        const std::string& trusts = context.Get("remote-trusts");
        bool otherLca =
            trusts == "other-lca" || (trusts == "variant" && variant == Variant::UNTRUSTED_LCA);

        Lab lab(GetId(), context);
        dnat::Net net = dnat::AddNet(lab, hosts);
        lab.Build();
        dnat::Install(lab, net, context.GetTime("lease-time"));
        dnat::TransportWatch watch;
        watch.Connect(net);
        Ipv4Address server = lab.GetAddress(net.server);

        dnat::LcaCheck check;
        if (lca)
        {
            // The router as LCA (seed 003); the other router's LCA has the
            // same name and another key.
            net.dnat->SetCertificateAuthority(PkiKey(TestPki::Entity::IntermediateCa));
            std::string anchor = net.dnat->GetCertificateAuthority()->GetCaCertificatePem();
            if (otherLca)
            {
                anchor = LocalCertificateAuthority::Create(PkiKey(TestPki::Entity::RogueCa),
                                                           net.dnat->GetGlobalAddress())
                             ->GetCaCertificatePem();
            }
            AddServerIke(context, net, server, anchor);
            check.Connect(IkeHelper::GetDaemon(net.server));
        }

        IpsecHelper ipsec;
        std::vector<std::shared_ptr<dnat::Flow>> flows;
        for (uint32_t i = 0; i < hosts; ++i)
        {
            Ptr<DnatHost> host = net.dnatHosts[i];
            Ptr<Node> node = net.hosts[i];
            bool ah = i % 2 == 1;
            bool strayHere = straySpi && i + 1 == hosts;
            auto granted = [&context,
                            &flows,
                            &net,
                            &ipsec,
                            host,
                            node,
                            server,
                            i,
                            ah,
                            strayHere,
                            lca,
                            tcpBytes](const DnatBinding& b) {
                if (lca)
                {
                    KeyWithLca(context, net, host, node, i, server, b, strayHere);
                }
                else
                {
                    KeyByHand(ipsec, net, node, server, b, ah, strayHere);
                }
                flows.push_back(dnat::AddFlow(true,
                                              node,
                                              net.server,
                                              server,
                                              static_cast<uint16_t>(8000 + i),
                                              InetSocketAddress(b.routerAddress, host->NextPort()),
                                              tcpBytes,
                                              Seconds(2)));
            };
            host->TraceConnectWithoutContext("Granted",
                                             Callback<void, const DnatBinding&>(
                                                 std::function<void(const DnatBinding&)>(granted)));
        }
        Time stop = Seconds(7);
        lab.Run(stop);

        bool delivered = flows.size() == hosts;
        for (const auto& flow : flows)
        {
            delivered = delivered && flow->bytesReceived == flow->bytesToSend;
        }
        // Protected replies each host's stack accepted (ESP or AH, ICV verified).
        uint64_t accepted = 0;
        bool protectedBothWays = true;
        uint64_t authFailed = 0;
        for (const auto& node : net.hosts)
        {
            uint64_t here = node->GetObject<IpsecStack>()->GetAcceptedCount();
            accepted += here;
            protectedBothWays = protectedBothWays && here > 0;
            if (Ptr<IkeDaemon> daemon = IkeHelper::GetDaemon(node))
            {
                authFailed += daemon->GetFailureCount("auth-failed");
            }
        }
        uint64_t outside = net.dnat->GetDropCount(DnatRouter::SPI_OUTSIDE_BLOCK_DROP);
        uint64_t icv = lab.GetProbe().GetIpsecDrops("icv-failure");
        bool works = delivered && protectedBothWays && watch.GetChanged() == 0 &&
                     net.dnat->GetDropCount() == 0 && icv == 0 && check.GetRefused() == 0 &&
                     (!lca || check.GetMatched() >= hosts);
        row.outcome = works ? "works" : "fails";
        if (works)
        {
            row.symptom = "none";
        }
        else if (authFailed > 0)
        {
            row.symptom = "auth-failed";
        }
        else if (check.GetRefused() > 0)
        {
            row.symptom = "lca-range-refused";
        }
        else if (outside > 0)
        {
            row.symptom = "spi-outside-block";
        }
        else if (icv > 0)
        {
            row.symptom = "ah-icv-mismatch";
        }
        else if (watch.GetChanged() > 0)
        {
            row.symptom = "transport-modified";
        }
        else
        {
            row.symptom = "traffic-lost";
        }

        lab.GetProbe().FillMetrics(row);
        row.SetMetric("hosts", hosts);
        row.SetMetric("ipsec_accepted_by_hosts", static_cast<double>(accepted));
        row.SetMetric("icv_failures", static_cast<double>(icv));
        row.SetMetric("transport_identical", static_cast<double>(watch.GetIdentical()));
        row.SetMetric("transport_changed", static_cast<double>(watch.GetChanged()));
        row.SetMetric("dnat_bytes_added_host_leg", watch.GetHostLegOverhead());
        row.SetMetric("dnat_bytes_added_internet", watch.GetInternetOverhead());
        row.SetMetric("dnat_allocation_bytes_per_s",
                      dnat::AllocationWireBytes(net) / stop.GetSeconds());
        row.SetMetric("dnat_spi_outside_block", static_cast<double>(outside));
        row.SetMetric("dnat_router_dropped", static_cast<double>(net.dnat->GetDropCount()));
        if (lca)
        {
            // The probe connects before the run; these daemons start with the grants.
            uint32_t established = 0;
            for (const auto& sa : IkeHelper::GetDaemon(net.server)->GetSas())
            {
                established += sa->GetState() == IkeSa::ESTABLISHED;
            }
            row.SetMetric("ike_sas_established", established);
            row.SetMetric("lca_ranges_matched", check.GetMatched());
            row.SetMetric("lca_ranges_refused", check.GetRefused());
            row.SetMetric("ike_auth_failed", static_cast<double>(authFailed));
        }
        return row;
    }
};

const Registered<DnatSpi> kRegistered(Shelf::CATALOGUE, 3400, kData);
const RegisteredFixUse kFixSpi{
    {"dnat", "dnat-spi", "spi-blocks", "dnat_bytes_added_host_leg", "dnat_allocation_bytes_per_s"}};
const RegisteredFixUse kFixLca{{"dnat",
                                "dnat-spi",
                                "lca-certificates",
                                "dnat_bytes_added_host_leg",
                                "dnat_allocation_bytes_per_s"}};

} // namespace

} // namespace natt
