/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The RFC 4891 router-to-router tunnel the rfc4891-* entries share: two
// tunnel endpoints with IPv6 sites behind them, a configured 6in4 tunnel
// (RFC 4213) between their IPv4 addresses, RIPng across it, optionally
// ESP transport protecting protocol 41 (RFC 4891 5.1) negotiated by
// IKEv2, and the two spoofers of RFC 4891 2; or, in place of the 6in4
// device, an IKEv2-negotiated ESP tunnel carrying the sites' IPv6 (B.2).
#ifndef NATT_RFC4891_COMMON_H
#define NATT_RFC4891_COMMON_H

#include "lab.h"
#include "scenario.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace natt
{
namespace rfc4891
{

/// The two sites' LANs behind tep1 and tep2 (fd00::/8: ns-3 will not forward 2001:db8::/32).
const char* const kSite1Lan = "fd00:1:0:1::/64";
const char* const kSite2Lan = "fd00:2:0:1::/64";
/// Time between the echo requests, and between the spoofers' packets.
const ns3::Time kInterval = ns3::MilliSeconds(200);

/// The inner source an IPv4 attacker puts in its spoofed 6in4 packets: a site-1 address.
const char* const kAttackerInnerSource = "fd00:1:0:1::99";
/// The source a host behind tep1 forges: an address of a third site.
const char* const kOtherSiteSource = "fd00:3:0:1::66";

/// Where the spoofers aim: a sink on the victim that records sources.
constexpr uint16_t kSpoofPort = 9;

/// What one run has.
struct Spec
{
    /// ESP transport protecting protocol 41 between the endpoints (RFC 4891 5.1), by IKEv2.
    bool ipsec{false};
    /// IPv6 ingress filtering on the tunnel interfaces (RFC 4213 3.6), as a variant setting.
    bool ingressFilter{false};
    /// Packets an IPv4 attacker sends with tep1's IPv4 address (RFC 4891 2, threat 1).
    uint32_t attackerPackets{0};
    /// Packets a host behind tep1 sends with another site's IPv6 source (2.1, threat 2).
    uint32_t innerSpoofPackets{0};
    /// UDP echo requests site1-host sends site2-host through the tunnel.
    uint32_t echoPackets{10};
    /// Datagrams to the prefix tep2 adds at run time (RIPng, RFC 4891 5 requirement 2).
    uint32_t newPrefixPackets{5};
    /// tep1 behind a NAT of this preset (RFC 4891 B.2; IKE without NAT-T); empty: no NAT.
    std::string natPreset;
    /**
     * RFC 4891 B.2's answer instead of the 6in4 device: the sites' /48s in
     * an ESP tunnel between the endpoints' IPv4 addresses (IPv6 inside
     * IPv4, A.2), negotiated by IKEv2.
     */
    bool ikeTunnel{false};
    /// With ikeTunnel: IKEv2 offers NAT traversal (RFC 7296 2.23), so the ESP travels in UDP.
    bool natTraversal{true};
    /**
     * RFC 4891 B.2 point 2: the NAT reboots at this time during the echoes,
     * and allocates ports sequentially, so tep1's next ESP-in-UDP gets a
     * new mapping on a new port; 0: no reboot.
     */
    ns3::Time natRebootAt;
};

/**
 * RFC 4891 2, threat 1: \p attacker sends protocol 41 from \p spoofed (a
 * tunnel endpoint's IPv4 address) to \p tep, carrying a UDP datagram to
 * \p victim's port 9 from kAttackerInnerSource.
 */
void SendOuterSpoof(ns3::Ptr<ns3::Node> attacker,
                    ns3::Ipv4Address spoofed,
                    ns3::Ipv4Address tep,
                    ns3::Ipv6Address victim);

/// RFC 4891 2.1, threat 2: \p host sends a UDP datagram to \p victim's port 9 from \p source.
void SendInnerSpoof(ns3::Ptr<ns3::Node> host, ns3::Ipv6Address source, ns3::Ipv6Address victim);

/// Packets a sink took, by IPv6 source.
using SourceCounts = std::map<ns3::Ipv6Address, uint32_t>;

/// A PacketSink for UDP on \p port of \p node, counting arrivals by IPv6 source.
std::shared_ptr<SourceCounts> AddSink(ns3::Ptr<ns3::Node> node, uint16_t port);

/// What \p counts holds for \p source (0 when none came).
uint32_t CountFrom(const SourceCounts& counts, ns3::Ipv6Address source);

/**
 * \p count UDP echo requests of 200 bytes from \p client to a UdpEchoServer on
 * \p server (port 7 at \p address), kInterval apart from \p start.
 */
std::shared_ptr<EchoFlow> AddEcho(ns3::Ptr<ns3::Node> client,
                                  ns3::Ptr<ns3::Node> server,
                                  ns3::Ipv6Address address,
                                  uint32_t count,
                                  ns3::Time start);

/// RIPng on \p router beside static routing, its periodic update shortened to 5 s.
void InstallRipng(ns3::Ptr<ns3::Node> router, int64_t stream);

/// The scenario parameters Spec's counts come from, with their defaults (\p spoofers: with
/// spoofed-packets).
std::vector<ScenarioParameter> Parameters(bool spoofers = true);

/// Build and run \p spec; \p row gets the outcome, symptom and metrics.
ResultRow Run(ResultRow row, const RunContext& context, const std::string& id, const Spec& spec);

} // namespace rfc4891
} // namespace natt

#endif /* NATT_RFC4891_COMMON_H */
