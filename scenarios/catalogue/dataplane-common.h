/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What the RFC 3715 2.1 data-plane entries share: the remote-access
// topology, manually keyed SA pairs between a host behind a NAT and a
// server, and the reading of the models' counters into a symptom.
#ifndef NATT_DATAPLANE_COMMON_H
#define NATT_DATAPLANE_COMMON_H

#include "lab.h"

#include "ns3/ipsec-helper.h"
#include "ns3/nat-engine.h"

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace natt
{
namespace dataplane
{

/**
 * The remote-access internet of the data-plane entries:
 *
 *   host-1 .. host-N -- home-nat ==== internet ==== vpn-gw -- server
 *   (10.0.0.0/24, private)                          (198.51.100.0/24)
 *
 * The server's subnet is public (RFC 5737 TEST-NET-2, routed by the core
 * to vpn-gw), so transport-mode SAs can run end to end from a host to the
 * server, while vpn-gw can terminate tunnel-mode SAs in front of it.
 */
struct RemoteAccess
{
    ns3::Ptr<ns3::Node> nat;
    ns3::Ptr<ns3::Node> gateway;
    ns3::Ptr<ns3::Node> server;
    std::vector<ns3::Ptr<ns3::Node>> hosts;
};

/// Add the remote-access topology to \p lab (before Lab::Build).
RemoteAccess AddRemoteAccess(Lab& lab, const ns3::NatHelper& nat, uint32_t hosts);

/// The prefix of the server's subnet behind vpn-gw.
const char* ServerSubnet();

/// The inner addresses a gateway hands out to tunnel-mode clients (10.99.0.0/24).
ns3::Ipv4Address AssignedAddress(uint32_t index);

/// ESP / AH options of the entries: AES-CBC-128 with HMAC-SHA1-96 (RFC 4835).
ns3::IpsecHelper::Options EspOptions(ns3::IpsecEncapsulation::Type encapsulation);
ns3::IpsecHelper::Options AhOptions();

/// How a transport-mode pair between a host behind a NAT and a server is keyed.
struct TransportSpec
{
    ns3::IpsecHelper::Options options;
    /// RFC 3947 5.2 NAT-OA: each end knows the other's original address.
    bool natOa{false};
    /**
     * The server's selectors name the host's original (private) address,
     * as phase-2 IDs would (RFC 3715 2.1 i); otherwise they name the
     * address the server sees (the NAT's).
     */
    bool serverNamesPrivateAddress{false};
    /// Restrict the server's side to this local UDP port (0: all traffic).
    uint16_t serverPort{0};
};

/// Transport-mode SAs between \p host (behind \p nat) and \p server.
ns3::IpsecHelper::Pair AddTransportPair(ns3::IpsecHelper& ipsec,
                                        const Lab& lab,
                                        ns3::Ptr<ns3::Node> host,
                                        ns3::Ptr<ns3::Node> nat,
                                        ns3::Ptr<ns3::Node> server,
                                        const TransportSpec& spec);

/**
 * Tunnel-mode SAs between \p client (behind \p nat, inner address
 * \p inner) and the gateway \p gateway, protecting traffic between
 * \p inner and \p subnet. Outbound from the client's side only the inner
 * address is used, so the client needs no route for the outer path.
 */
ns3::IpsecHelper::Pair AddClientTunnel(ns3::IpsecHelper& ipsec,
                                       const Lab& lab,
                                       ns3::Ptr<ns3::Node> client,
                                       ns3::Ptr<ns3::Node> nat,
                                       ns3::Ipv4Address inner,
                                       ns3::Ptr<ns3::Node> gateway,
                                       const std::string& subnet,
                                       const ns3::IpsecHelper::Options& options);

/**
 * Set an IpsecStack attribute on every IPsec-capable node of \p lab (after
 * Build), unless the user --set it (SetVariantAttribute).
 */
void SetStackAttribute(const Lab& lab, const std::string& name, const ns3::AttributeValue& value);

/**
 * The symptom that explains lost traffic, read from the models' counters
 * (DESIGN section 5 codes), first match wins:
 *  - a NAT dropped ESP as a protocol it cannot translate, or because
 *    another inside host holds it: "esp-dropped-by-nat" (RFC 3715 2.1 j);
 *  - an AH ICV failed: "ah-icv-mismatch" (2.1 a); an ESP ICV failed:
 *    "icv-failure" (the IPsec stacks count each drop under the protocol
 *    whose processing dropped it);
 *  - the inbound selector check dropped it: "selector-mismatch" (2.1 i);
 *  - UDP / TCP refused the decapsulated checksum: "l4-checksum-invalid" (2.1 b);
 *  - an inner source was refused: "spoofed-source";
 *  - anything the NATs or stacks dropped otherwise: "dropped-by-nat",
 *    "ipsec-dropped";
 *  - nothing explains it: "traffic-lost".
 */
std::string ExplainLoss(const Lab& lab);

/// The IPsec drops of one reason over all nodes, as a metric value.
double IpsecDrops(const Lab& lab, const std::string& reason);

/// Packets \p node's IpsecStack accepted (ESP and AH, both modes).
uint64_t Accepted(ns3::Ptr<ns3::Node> node);

/**
 * "works" when every echo request of \p flows came back and \p node
 * accepted protected packets (or \p needProtection is false); else
 * "fails". \return the outcome
 */
std::string EchoOutcome(const std::vector<std::shared_ptr<EchoFlow>>& flows,
                        ns3::Ptr<ns3::Node> node,
                        bool needProtection = true);

/**
 * The host-side ALG (RFC 3715 2.1 g): before the command is written, and so
 * before IPsec protects it, replace the host's own address with the one the
 * peer knows the host by. For a NAT-T transport SA that is the address the
 * responder reported as NAT-OA (RFC 3947 5.2), kept as the SA's original
 * local address; without such an SA the address stays as it is.
 */
ns3::Ipv4Address HostAlg(ns3::Ptr<ns3::Node> node,
                         ns3::Ipv4Address address,
                         ns3::Ipv4Address remote);

/**
 * The UDP echo run of the transport-mode data-plane entries (rfc3715-a,
 * rfc3715-i, rfc3715-j): hosts behind home-nat, each with transport-mode
 * SAs to server, each sending UDP echo requests to server, one every
 * 100 ms from 1 s.
 */
struct EchoSpec
{
    /// home-nat's preset.
    std::string natPreset{"address-only"};
    uint32_t hosts{1};
    /// How each host's pair of SAs is keyed.
    TransportSpec transport;
    uint32_t packets{10};
    /// UDP echo payload bytes.
    uint32_t size{200};
    /**
     * Each host echoes to a port of its own (7001, 7002, ...) and server's
     * SAs cover only that port, so server tells the hosts apart; otherwise
     * every host echoes to port 7 under SAs for all traffic.
     */
    bool portPerHost{false};
    /// How much later each host starts than the one before.
    ns3::Time stagger{ns3::Seconds(0)};
    /**
     * Receivers recompute transport checksums after decapsulation (the ICV
     * already vouches for the segment, RFC 3715 2.1 b's last paragraph),
     * so rfc3715-b's checksum failure does not hide another cause.
     */
    bool recomputeChecksums{false};
    /// Add echo_sent and echo_replies of the first host's flow.
    bool echoTotals{true};
};

/// What an echo run built, for the entry's own metrics.
struct EchoRun
{
    const RemoteAccess& net;
    const std::vector<std::shared_ptr<EchoFlow>>& flows;
};

/// The entry's own metrics, read while the simulation still exists.
using EchoMetrics = std::function<void(const Lab& lab, const EchoRun& run, ResultRow& row)>;

/**
 * Build, run and read an echo run as \p spec says: \p row's outcome from
 * EchoOutcome (every echo came back and server accepted IPsec), its
 * symptom from ExplainLoss, Lab's metrics, the echo totals, then \p metrics.
 */
ResultRow RunEcho(ResultRow row,
                  const RunContext& context,
                  const EchoSpec& spec,
                  const EchoMetrics& metrics);

/// IP packets (header included) and their bytes that left through one interface.
struct WireCount
{
    uint32_t interface {
        0
    };
    uint64_t packets{0};
    uint64_t bytes{0};
};

/**
 * Count in \p wire every IP packet \p node hands to its link to the core
 * (its point-to-point device): Ipv4L3Protocol's Tx trace sees each packet,
 * each fragment on its own, as it goes to an interface's device, header
 * included and link header not yet added.
 */
void CountUplink(ns3::Ptr<ns3::Node> node, WireCount* wire);

} // namespace dataplane
} // namespace natt

#endif /* NATT_DATAPLANE_COMMON_H */
