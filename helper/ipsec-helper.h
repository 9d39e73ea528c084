/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPSEC_HELPER_H
#define NATT_IPSEC_HELPER_H

#include "ns3/ike-ports.h"
#include "ns3/ipsec-stack.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"
#include "ns3/security-association.h"

#include <string>

namespace ns3
{

/**
 * \ingroup natt-ipsec
 * \brief Installs IpsecStack on nodes (after InternetStackHelper) and
 * keys SAs by hand: SPD entries and SA pairs on both ends, keys and SPIs
 * drawn from the helper's random stream unless given.
 *
 * Install the stacks after Ipv4GlobalRoutingHelper::PopulateRoutingTables:
 * the tunnel interface (a VirtualNetDevice without a channel) is not a link
 * the global router can describe.
 */
class IpsecHelper
{
  public:
    /// How one end of a manually keyed SA pair sees the pair.
    struct End
    {
        Ptr<Node> node;
        /// This end's own outer address.
        Ipv4Address address;
        /// Where this end sends to: the peer, or the NAT in front of it.
        Ipv4Address peerAddress;
        /// UDP encapsulation ports (this end's, and the peer's as seen from here).
        uint16_t localPort{IKE_NAT_T_UDP_PORT};
        uint16_t peerPort{IKE_NAT_T_UDP_PORT};
        /// The traffic this end protects, local = its own side.
        IpsecSelector selector;
        /// RFC 3948 NAT-OA: the peer's original address, and ours as the peer sent to it.
        Ipv4Address natOaRemote;
        Ipv4Address natOaLocal;
        /// Tunnel mode: the node's inside address, source of what it sends itself into the tunnel.
        Ipv4Address insideAddress;
        /**
         * IPv6 outer addresses: when address6 is set, ESP / AH travel in
         * IPv6 between address6 and peerAddress6 and the two IPv4 fields
         * above are unused. The selector's family is the inner one and
         * may differ from the outer (RFC 4891 A.2).
         */
        Ipv6Address address6;
        Ipv6Address peerAddress6;
        /// Tunnel mode with an IPv6 selector: the node's inside IPv6 address.
        Ipv6Address insideAddress6;
        /**
         * The range this end draws the SPI of its inbound SA from (RFC 4303
         * 2.1: the receiver chooses it). A DNAT host keeps to the SPI block
         * its router gave it (3Com disclosure; RFC 3715 2.1 f); first ==
         * last fixes the SPI.
         */
        uint32_t inboundSpiFirst{256};
        uint32_t inboundSpiLast{0xfffffff0};
    };

    /// What both SAs of a pair share.
    struct Options
    {
        IpsecProtocol protocol{IPSEC_PROTOCOL_ESP};
        /// Algorithms; empty keys are drawn.
        IpsecTransform transform;
        IpsecEncapsulation::Type encapsulation{IpsecEncapsulation::NONE};
        uint64_t hardByteLimit{0};
        Time hardLifetime{Seconds(0)};
    };

    /// The four SAs a pair installs.
    struct Pair
    {
        Ptr<SecurityAssociation> outboundA;
        Ptr<SecurityAssociation> inboundA;
        Ptr<SecurityAssociation> outboundB;
        Ptr<SecurityAssociation> inboundB;
    };

    IpsecHelper();

    void SetStackAttribute(const std::string& name, const AttributeValue& value);
    /// \return the node's stack (installed on first call)
    Ptr<IpsecStack> Install(Ptr<Node> node) const;
    void Install(NodeContainer nodes) const;

    /// Transform with the given algorithms; keys are drawn when the pair is added.
    static IpsecTransform MakeTransform(IpsecTransform::Encryption encryption,
                                        IpsecTransform::Integrity integrity);

    /// The general form: policies and SAs for traffic between two ends.
    Pair AddPair(const End& a, const End& b, IpsecMode mode, const Options& options);
    /// Host-to-host transport mode for all traffic between \p addressA and \p addressB.
    Pair AddTransportPair(Ptr<Node> a,
                          Ipv4Address addressA,
                          Ptr<Node> b,
                          Ipv4Address addressB,
                          const Options& options);
    /// Host-to-host transport mode over IPv6.
    Pair AddTransportPair(Ptr<Node> a,
                          Ipv6Address addressA,
                          Ptr<Node> b,
                          Ipv6Address addressB,
                          const Options& options);
    /**
     * Gateway-to-gateway tunnel mode between two subnets; also routes each
     * remote subnet into the gateway's tunnel interface. \p insideA and
     * \p insideB are the gateways' addresses on their subnets.
     */
    Pair AddTunnelPair(Ptr<Node> gatewayA,
                       Ipv4Address outerA,
                       Ipv4Address insideA,
                       Ipv4Address networkA,
                       Ipv4Mask maskA,
                       Ptr<Node> gatewayB,
                       Ipv4Address outerB,
                       Ipv4Address insideB,
                       Ipv4Address networkB,
                       Ipv4Mask maskB,
                       const Options& options);
    /**
     * Tunnel mode between two IPv6 prefixes, the outer packets IPv4 (RFC
     * 4891 A.2: next header 41 inside ESP; with UDP encapsulation in
     * Options, ESP-in-UDP as in B.2). Routes each remote prefix into the
     * gateway's IPv6 tunnel interface.
     */
    Pair AddTunnelPair(Ptr<Node> gatewayA,
                       Ipv4Address outerA,
                       Ipv6Address insideA,
                       Ipv6Address networkA,
                       Ipv6Prefix prefixA,
                       Ptr<Node> gatewayB,
                       Ipv4Address outerB,
                       Ipv6Address insideB,
                       Ipv6Address networkB,
                       Ipv6Prefix prefixB,
                       const Options& options);
    /// Tunnel mode between two IPv6 prefixes over IPv6.
    Pair AddTunnelPair(Ptr<Node> gatewayA,
                       Ipv6Address outerA,
                       Ipv6Address insideA,
                       Ipv6Address networkA,
                       Ipv6Prefix prefixA,
                       Ptr<Node> gatewayB,
                       Ipv6Address outerB,
                       Ipv6Address insideB,
                       Ipv6Address networkB,
                       Ipv6Prefix prefixB,
                       const Options& options);

    /// Write every ESP SA of \p nodes as Wireshark's `esp_sa` file at \p path.
    static bool WriteWiresharkEspSa(const std::string& path, NodeContainer nodes);
    /**
     * Write the key tables next to a pcap: a folder \p folder holding
     * `esp_sa` and a `preferences` file that turns ESP decryption on, to
     * use as WIRESHARK_CONFIG_DIR or to copy into a profile.
     */
    static bool WriteWiresharkProfile(const std::string& folder, NodeContainer nodes);

    /// Fix the stream of the key and SPI generator; \return streams used (1).
    int64_t AssignStreams(int64_t stream);

  private:
    /// The IPv6 tunnel pairs' common part: \p a and \p b hold the outer addresses.
    Pair AddIpv6TunnelPair(End a,
                           Ptr<Node> gatewayA,
                           Ipv6Address insideA,
                           Ipv6Address networkA,
                           Ipv6Prefix prefixA,
                           End b,
                           Ptr<Node> gatewayB,
                           Ipv6Address insideB,
                           Ipv6Address networkB,
                           Ipv6Prefix prefixB,
                           const Options& options);
    uint32_t DrawSpi(uint32_t first, uint32_t last);
    void DrawKeys(IpsecTransform& transform);

    ObjectFactory m_stackFactory;
    Ptr<UniformRandomVariable> m_random;
};

} // namespace ns3

#endif /* NATT_IPSEC_HELPER_H */
