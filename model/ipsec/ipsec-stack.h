/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPSEC_STACK_H
#define NATT_IPSEC_STACK_H

#include "security-association-database.h"
#include "security-association.h"
#include "security-policy-database.h"

#include "ns3/drop-counter.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-route.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <functional>
#include <map>
#include <memory>

namespace ns3
{

class Node;
class Ipv4L3Protocol;
class Ipv4Interface;
class Ipv6L3Protocol;
class Ipv6Interface;
class AhHeader;
class VirtualNetDevice;
class UdpEncapsulation;
class IpsecCipherSuite;
class IpsecBuiltinNat;

/**
 * \ingroup natt-ipsec
 * \brief The IPsec data plane of one node (RFC 4301): SPD and SAD, ESP
 * (RFC 4303) and AH (RFC 4302) in transport and tunnel mode, and the
 * inbound checks, inside unmodified ns-3 IPv4 and IPv6 stacks.
 *
 * - Outbound transport mode: the stack interposes on the down target of
 *   UDP, TCP, ICMP and IPv6-in-IPv4 (protocol 41, Ipv6InIpv4L4Protocol,
 *   also when it joins the node later) through IpL4Protocol::SetDownTarget,
 *   so every packet an application or a 6in4 tunnel sends meets the SPD
 *   before IP sees it. On IPv6 the same holds for UDP, TCP and ICMPv6
 *   (SetDownTarget6); neighbour discovery is never protected.
 * - Outbound tunnel mode is route-based (RFC 4891 A.1): routes send the
 *   remote subnet into a VirtualNetDevice whose send callback encapsulates.
 * - Inbound: EspL4Protocol (50) and AhL4Protocol (51), registered with both
 *   Ipv4L3Protocol and Ipv6L3Protocol, hand packets here;
 *   transport-mode payloads go to the L4 protocol with a fixed-up header,
 *   tunnel-mode inner packets re-enter IP through the VirtualNetDevice.
 *   Plaintext UDP, TCP and protocol 41 pass an IpsecPlaintextFilter that drops what
 *   the SPD says must arrive protected.
 * - UDP encapsulation (RFC 3948, draft-stenberg) is UdpEncapsulation's,
 *   over IPv4 only (it exists for IPv4 NATs); it may carry IPv6 inside a
 *   tunnel-mode SA (RFC 4891 B.2).
 * - The outer packet's family is the SA's (Parameters::family), the inner
 *   one's its selector's: IPv6 inner packets (next header 41) and IPv4
 *   ones (4) both travel in either (RFC 4891 A.2). The IPv6 half of the
 *   code is ipsec-stack-ipv6.cc.
 *
 * Every drop is counted per reason and per protocol (ESP, AH, or neither
 * for plaintext and for drops before an SA was chosen) and fired on the
 * Drop trace.
 */
class IpsecStack : public Object
{
  public:
    // Why a packet was dropped: each reason once, as ns-3's QueueDisc
    // declares its own (DropCounter); the string is what results,
    // `natt describe` and tests see.
    /// No SA for the SPI, or none yet for a PROTECT entry.
    static constexpr const char* NO_SA_DROP = "no-sa";
    /// ESP or AH ICV did not verify.
    static constexpr const char* ICV_FAILURE_DROP = "icv-failure";
    /// Sequence number seen or left of the window (RFC 4303 3.4.3).
    static constexpr const char* REPLAY_DROP = "replay";
    /// RFC 4301 5.2 selector check.
    static constexpr const char* SELECTOR_MISMATCH_DROP = "selector-mismatch";
    /// Tunnel inner source not the SA's (RFC 3715 5).
    static constexpr const char* SPOOFED_SOURCE_DROP = "spoofed-source";
    /// IPv6 multicast or link-local routed into the tunnel (RFC 4891 A.1: an SSPD tunnel carries
    /// neither).
    static constexpr const char* MULTICAST_NOT_CARRIED_DROP = "multicast-not-carried";
    /// RFC 4303 2.4 padding or pad length wrong.
    static constexpr const char* BAD_PADDING_DROP = "bad-padding";
    /// UDP/TCP refused the decapsulated packet's checksum (RFC 3715 2.1 b).
    static constexpr const char* L4_CHECKSUM_INVALID_DROP = "l4-checksum-invalid";
    /// The SPD says DISCARD.
    static constexpr const char* POLICY_DISCARD_DROP = "policy-discard";
    /// Plaintext where the SPD says PROTECT.
    static constexpr const char* POLICY_MISMATCH_DROP = "policy-mismatch";
    /// Hard lifetime reached.
    static constexpr const char* SA_EXPIRED_DROP = "sa-expired";
    /// Too short or unparsable.
    static constexpr const char* MALFORMED_DROP = "malformed";
    /// No route for the outer packet.
    static constexpr const char* NO_ROUTE_DROP = "no-route";
    /// Keys unusable or OpenSSL failed.
    static constexpr const char* CRYPTO_ERROR_DROP = "crypto-error";

    /// How transport-mode L4 checksums are handled after a NAT (RFC 3948 3.1.2).
    enum TransportChecksum : uint8_t
    {
        CHECKSUM_NAT_OA,    ///< incremental fix with the NAT-OA original addresses
        CHECKSUM_RECOMPUTE, ///< recompute over the addresses seen
        CHECKSUM_VERIFY,    ///< no fix: a NAT breaks it (RFC 3715 2.1 b)
    };

    static TypeId GetTypeId();
    IpsecStack();
    ~IpsecStack() override;

    Ptr<SecurityPolicyDatabase> GetSpd() const;
    Ptr<SecurityAssociationDatabase> GetSad() const;
    Ptr<UdpEncapsulation> GetUdpEncapsulation() const;
    Ptr<Node> GetNode() const;

    /**
     * The route-based tunnel interface, created on first call: routes to
     * remote subnets protected in tunnel mode point at it. \p address is
     * given to the interface (with a /32 mask) as the source for packets
     * the node itself sends into the tunnel; use the node's inside address.
     * \return the interface index
     */
    uint32_t GetTunnelInterface(Ipv4Address address);
    /**
     * The same tunnel device as an IPv6 interface, added on first call with
     * \p address (/128) as its source: routes to remote IPv6 prefixes
     * protected in tunnel mode point at it.
     * \return the IPv6 interface index
     */
    uint32_t GetTunnelInterface6(Ipv6Address address);
    Ptr<VirtualNetDevice> GetTunnelDevice() const;

    /// The ReplayWindow attribute, for whoever installs SAs.
    uint32_t GetReplayWindowSize() const;

    /// Drops of \p reason (a *_DROP name), whatever the protocol; every reason's when empty.
    uint64_t GetDropCount(const std::string& reason = "") const;
    /**
     * Drops of \p reason in the processing of \p protocol: IPSEC_PROTOCOL_ESP,
     * IPSEC_PROTOCOL_AH, or 0 for drops that are neither's (plaintext
     * policy checks, outbound packets before an SA was chosen). The Drop
     * trace carries no protocol: this is where it is read.
     */
    uint64_t GetDropCount(const std::string& reason, uint8_t protocol) const;
    /// Packets that left protected / arrived and were accepted.
    uint64_t GetProtectedCount() const;
    uint64_t GetAcceptedCount() const;

    /**
     * Called when traffic matches a PROTECT entry that has no SA yet, as
     * a kernel's ACQUIRE message asks IKE to negotiate (RFC 4301 5.1).
     */
    typedef Callback<void, const IpsecPolicy&, const IpsecTrafficKey&> AcquireCallback;
    void SetAcquireCallback(AcquireCallback callback);

    /// Assign a fixed stream to the IV generator; \return the number of streams used (1).
    int64_t AssignStreams(int64_t stream);

    /**
     * ESP processing for a packet from IP (protocol 50) or from UDP
     * encapsulation. \p outer holds the addresses the packet arrived with
     * (after any NAT); \p sourcePort is the UDP source port for
     * encapsulated packets (0 otherwise) so a NAT-T SA can follow a
     * rebinding NAT.
     */
    void ReceiveEsp(Ptr<Packet> packet,
                    const Ipv4Header& outer,
                    Ptr<Ipv4Interface> incoming,
                    IpsecEncapsulation::Type encapsulation,
                    uint16_t sourcePort);
    /// AH processing (protocol 51).
    void ReceiveAh(Ptr<Packet> packet, const Ipv4Header& outer, Ptr<Ipv4Interface> incoming);
    /// ESP and AH arriving over IPv6 (no UDP encapsulation: IPv6 has no NAT to traverse).
    void ReceiveEsp6(Ptr<Packet> packet, const Ipv6Header& outer, Ptr<Ipv6Interface> incoming);
    void ReceiveAh6(Ptr<Packet> packet, const Ipv6Header& outer, Ptr<Ipv6Interface> incoming);
    /// Inbound policy for plaintext UDP and TCP: \return false when it must be dropped.
    bool CheckPlaintext(Ptr<const Packet> packet,
                        const Ipv4Header& header,
                        Ptr<Ipv4Interface> incoming);
    bool CheckPlaintext6(Ptr<const Packet> packet,
                         const Ipv6Header& header,
                         Ptr<Ipv6Interface> incoming);

    /// Count and trace a drop by \p protocol's processing (50 ESP, 51 AH, 0 neither).
    void Drop(Ptr<const Packet> packet, const char* reason, uint8_t protocol);

    /// (packet, reason) for every drop; GetDropCount(reason, protocol) tells ESP's from AH's.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const char* reason);
    /// (packet, SA) for every protected or accepted packet.
    typedef void (*SaPacketTracedCallback)(Ptr<const Packet> packet,
                                           Ptr<const SecurityAssociation> sa);

  protected:
    void NotifyNewAggregate() override;
    void DoDispose() override;

  private:
    void Setup();
    /// Fill the ports of \p key from the UDP or TCP header at \p offset of \p segment.
    static void PeekPorts(Ptr<const Packet> segment,
                          uint32_t offset,
                          IpsecTrafficKey& key,
                          bool outbound);
    /// The IPv6 half of Setup, when the node has IPv6.
    void Setup6();
    void CreateTunnelDevice();
    /// The counter in m_drops for \p protocol: 0 neither, 1 ESP, 2 AH.
    static std::size_t ProtocolIndex(uint8_t protocol);
    /// Intercept and filter the L4 protocols of the node not yet hooked.
    void HookProtocols();
    void Intercept(Ptr<IpL4Protocol> l4);
    void Intercept6(Ptr<IpL4Protocol> l4);
    void OutboundTransport(Ptr<Packet> packet,
                           Ipv4Address source,
                           Ipv4Address destination,
                           uint8_t protocol,
                           Ptr<Ipv4Route> route);
    void OutboundTransport6(Ptr<Packet> packet,
                            Ipv6Address source,
                            Ipv6Address destination,
                            uint8_t protocol,
                            Ptr<Ipv6Route> route);
    bool TunnelSend(Ptr<Packet> packet, const Address& source, const Address& dest, uint16_t proto);
    /// TunnelSend for an IPv6 inner packet.
    void TunnelSend6(Ptr<Packet> packet);
    /// The SPD step of tunnel-mode output: protect \p packet (an IP packet, next header \p inner).
    void TunnelProtect(Ptr<Packet> packet, const IpsecTrafficKey& key, uint8_t inner);
    /**
     * Protect \p payload (next header \p nextHeader) with \p sa and send it
     * to the peer in the SA's outer family; the route of that family is
     * used when not null.
     */
    void Protect(Ptr<SecurityAssociation> sa,
                 Ptr<Packet> payload,
                 uint8_t nextHeader,
                 Ptr<Ipv4Route> route,
                 Ptr<Ipv6Route> route6);
    Ptr<SecurityAssociation> SelectOutbound(Ptr<const Packet> packet,
                                            const IpsecTrafficKey& key,
                                            bool* bypass);
    static uint8_t EspTrailerPadLength(uint32_t payloadSize, uint32_t blockSize);
    std::shared_ptr<IpsecCipherSuite> GetSuite(Ptr<SecurityAssociation> sa);
    /// Wrap \p payload (next header \p nextHeader) in ESP; nullptr on failure (counted).
    Ptr<Packet> EspProtect(Ptr<SecurityAssociation> sa, Ptr<Packet> payload, uint8_t nextHeader);
    /// Send a finished ESP / AH packet to the SA's peer (IP or UDP encapsulation).
    void SendOuter(Ptr<SecurityAssociation> sa,
                   Ptr<Packet> packet,
                   uint8_t protocol,
                   Ptr<Ipv4Route> route);
    void SendOuter6(Ptr<SecurityAssociation> sa,
                    Ptr<Packet> packet,
                    uint8_t protocol,
                    Ptr<Ipv6Route> route);
    /**
     * The IP header as AH's ICV sees it (RFC 4302 3.3.3.1): immutable
     * fields kept, mutable ones zeroed, for a packet whose AH header and
     * payload take \p afterIp bytes.
     */
    typedef std::function<std::vector<uint8_t>(uint32_t afterIp)> AhIpPart;
    /// Add AH to \p payload; nullptr when the SA cannot (counted).
    Ptr<Packet> AhProtect(Ptr<SecurityAssociation> sa,
                          Ptr<Packet> payload,
                          uint8_t nextHeader,
                          uint32_t alignment,
                          const AhIpPart& ipPart);
    void AhSend(Ptr<SecurityAssociation> sa,
                Ptr<Packet> payload,
                uint8_t nextHeader,
                Ptr<Ipv4Route> route);
    void AhSend6(Ptr<SecurityAssociation> sa,
                 Ptr<Packet> payload,
                 uint8_t nextHeader,
                 Ptr<Ipv6Route> route);
    /**
     * Inbound AH up to the ICV and replay checks; \return the SA, with the
     * AH header in \p ah and what follows it in \p payload, or nullptr (counted).
     */
    Ptr<SecurityAssociation> AhOpen(Ptr<Packet> packet,
                                    const AhIpPart& ipPart,
                                    AhHeader& ah,
                                    Ptr<Packet>& payload);
    /**
     * Inbound ESP up to the padding check; \return the SA, with the payload
     * in \p inner (null for a dummy packet), or nullptr (counted).
     */
    Ptr<SecurityAssociation> EspOpen(Ptr<Packet> packet,
                                     Ptr<Packet>& inner,
                                     uint8_t& nextHeader,
                                     uint32_t& sequence);
    /// After decapsulation: checks, then delivery. \p outer as received.
    void Deliver(Ptr<SecurityAssociation> sa,
                 Ptr<Packet> inner,
                 uint8_t nextHeader,
                 const Ipv4Header& outer,
                 Ptr<Ipv4Interface> incoming,
                 uint32_t sequence);
    void Deliver6(Ptr<SecurityAssociation> sa,
                  Ptr<Packet> inner,
                  uint8_t nextHeader,
                  const Ipv6Header& outer,
                  Ptr<Ipv6Interface> incoming);
    /// Tunnel mode, either family outside: the inner packet (IPv4 or IPv6) re-enters IP.
    void DeliverTunnel(Ptr<SecurityAssociation> sa, Ptr<Packet> inner, uint8_t nextHeader);
    void DeliverTunnel6(Ptr<SecurityAssociation> sa, Ptr<Packet> inner);
    /// The selector checks of tunnel mode (RFC 3715 5, RFC 4301 5.2); false when dropped.
    bool CheckTunnelInner(Ptr<SecurityAssociation> sa,
                          Ptr<const Packet> inner,
                          const IpsecTrafficKey& key);
    /// Count and trace an accepted packet.
    void Accept(Ptr<SecurityAssociation> sa, Ptr<const Packet> packet);

    /**
     * Transport mode, either family: hand \p inner to \p l4 (null: none
     * registered) with \p header, the received one with protocol and
     * length fixed; a checksum the protocol refuses is counted. Defined,
     * for both families, in ipsec-stack.cc.
     */
    template <typename Header, typename Interface>
    void DeliverToL4(Ptr<SecurityAssociation> sa,
                     Ptr<IpL4Protocol> l4,
                     Ptr<Packet> inner,
                     const Header& header,
                     Ptr<Interface> incoming);

    bool CheckExpired(Ptr<SecurityAssociation> sa, Ptr<const Packet> packet);
    /// The inbound SPD's word on a plaintext packet; false when dropped (counted).
    bool CheckInboundPolicy(Ptr<const Packet> packet, const IpsecTrafficKey& key);
    void FixTransportChecksum(Ptr<SecurityAssociation> sa,
                              std::vector<uint8_t>& segment,
                              uint8_t protocol,
                              Ipv4Address source,
                              Ipv4Address destination) const;
    void FollowPeer(Ptr<SecurityAssociation> inbound, Ipv4Address address, uint16_t port);

    Ptr<Node> m_node;
    Ptr<Ipv4L3Protocol> m_ipv4;
    Ptr<Ipv6L3Protocol> m_ipv6;
    Ptr<SecurityPolicyDatabase> m_spd;
    Ptr<SecurityAssociationDatabase> m_sad;
    Ptr<UdpEncapsulation> m_udpEncapsulation;
    Ptr<IpsecBuiltinNat> m_builtinNat;
    Ptr<VirtualNetDevice> m_tunnelDevice;
    uint32_t m_tunnelInterface{0};
    /// 0 until GetTunnelInterface6 (an IPv6 interface 0 is the loopback).
    uint32_t m_tunnelInterface6{0};
    Ptr<UniformRandomVariable> m_random;
    /// The real L4 protocols and their original down targets, by protocol number.
    std::map<uint8_t, Ptr<IpL4Protocol>> m_l4;
    std::map<uint8_t, IpL4Protocol::DownTargetCallback> m_downTargets;
    std::map<uint8_t, Ptr<IpL4Protocol>> m_l6;
    std::map<uint8_t, IpL4Protocol::DownTargetCallback6> m_downTargets6;
    AcquireCallback m_acquire;
    uint16_t m_ipIdentification{0};

    uint32_t m_replayWindow;
    bool m_checkReplay{true};
    bool m_checkSelectors;
    bool m_checkTunnelSource;
    bool m_checkPlaintext;
    bool m_followPeer; ///< FollowPeer: UDP-encapsulated SAs follow a rebinding NAT
    TransportChecksum m_transportChecksum;

    /// Drops by protocol (ProtocolIndex), each by reason.
    std::array<DropCounter, 3> m_drops;
    uint64_t m_protected{0};
    uint64_t m_accepted{0};
    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
    TracedCallback<Ptr<const Packet>, Ptr<const SecurityAssociation>> m_protectTrace;
    TracedCallback<Ptr<const Packet>, Ptr<const SecurityAssociation>> m_acceptTrace;
    TracedCallback<uint32_t> m_acquireTrace;
};

} // namespace ns3

#endif /* NATT_IPSEC_STACK_H */
