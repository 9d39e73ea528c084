/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_CONFIG_H
#define NATT_IKE_CONFIG_H

#include "ns3/address.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/ipsec-selector.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/nstime.h"
#include "ns3/security-association.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief An address and UDP port, one end of an IKE conversation.
 *
 * IKE runs over IPv4 or IPv6 alike (RFC 7296 2, RFC 2409 on RFC 2408's
 * UDP), so the address is ns-3's generic Address holding an Ipv4Address or
 * an Ipv6Address, as ns-3 sockets take them; both ends of one IKE SA are of
 * one family. Code that only IPv4 has (NAT-OA, draft-stenberg) asks IsIpv6
 * first.
 */
struct IkeEndpoint
{
    /// An Ipv4Address or an Ipv6Address (by default, ns-3's unset Ipv4Address).
    Address address{Ipv4Address()};
    uint16_t port{IKE_UDP_PORT};

    /// \return true when the address is an Ipv6Address
    bool IsIpv6() const;
    /// \return the address, which must be an Ipv4Address
    Ipv4Address GetIpv4() const;
    /// \return the address, which must be an Ipv6Address
    Ipv6Address GetIpv6() const;
    /// \return true for 0.0.0.0 or ::, the wildcard of a responder that takes any peer
    bool IsAny() const;
    /**
     * \return the address in network order, 4 bytes for IPv4 and 16 for IPv6:
     * what the NAT detection hashes (RFC 3947 3.2, RFC 7296 2.23) and the
     * stateless cookie (RFC 7296 2.6) take as "IP address"
     */
    std::vector<uint8_t> GetAddressBytes() const;
    /// \return an InetSocketAddress or an Inet6SocketAddress of address and port
    Address GetSocketAddress() const;
    /// \return the endpoint an InetSocketAddress or Inet6SocketAddress names
    static IkeEndpoint FromSocketAddress(const Address& socketAddress);

    bool operator==(const IkeEndpoint& other) const
    {
        return address == other.address && port == other.port;
    }

    bool operator!=(const IkeEndpoint& other) const
    {
        return !(*this == other);
    }
};

std::ostream& operator<<(std::ostream& os, const IkeEndpoint& endpoint);

/**
 * \ingroup natt-ike
 * \brief An identity as IKE sends it in ID / IDi / IDr (RFC 2407 4.6.2,
 * RFC 7296 3.5). Type numbers are those of IkeIdPayload.
 */
struct IkeIdentity
{
    IkeIdPayload::IdType type{IkeIdPayload::ID_IPV4_ADDR};
    std::vector<uint8_t> data;

    static IkeIdentity Ipv4(Ipv4Address address);
    static IkeIdentity Ipv6(Ipv6Address address);
    /// ID_IPV4_ADDR or ID_IPV6_ADDR of an endpoint's address.
    static IkeIdentity OfAddress(const IkeEndpoint& endpoint);
    /// \return true for ID_IPV4_ADDR and ID_IPV6_ADDR, the identities that name one address
    bool IsSingleAddress() const;
    static IkeIdentity Fqdn(const std::string& name);
    static IkeIdentity UserFqdn(const std::string& name);
    static IkeIdentity KeyId(const std::vector<uint8_t>& id);
    bool operator==(const IkeIdentity& other) const;
    std::string ToString() const;
};

/// \ingroup natt-ike
/// The IKE SA algorithms one side proposes (one proposal; RFC 7296 3.3 numbers).
struct IkeProposal
{
    uint16_t encryption{12}; ///< ENCR_AES_CBC
    uint16_t encryptionKeyBits{256};
    uint16_t prf{5};        ///< PRF_HMAC_SHA2_256
    uint16_t integrity{12}; ///< AUTH_HMAC_SHA2_256_128
    uint16_t dhGroup{14};   ///< MODP 2048; 31 = Curve25519

    bool operator==(const IkeProposal& other) const;
};

/// \ingroup natt-ike
/// One child SA (IPsec SA pair) to negotiate.
struct IkeChildConfig
{
    std::string name{"child"};
    IpsecProtocol protocol{IPSEC_PROTOCOL_ESP};
    IpsecMode mode{IPSEC_MODE_TUNNEL};
    /// Traffic to protect, from this side's point of view.
    IpsecSelector selector;
    IpsecTransform::Encryption encryption{IpsecTransform::ENCR_AES_CBC};
    IpsecTransform::Integrity integrity{IpsecTransform::INTEG_HMAC_SHA2_256_128};
    uint16_t encryptionKeyBits{128};
    /// Perfect forward secrecy: a fresh DH in Quick Mode / CREATE_CHILD_SA (0: none).
    uint16_t pfsGroup{0};
    Time lifetime{Hours(1)};
    /// Rekey this long before the lifetime ends (0: never rekey).
    Time rekeyMargin{Minutes(9)};
    /// Ask the responder for an inner address (IKEv2 CP, RFC 7296 3.15).
    bool requestVirtualIp{false};
};

/**
 * \ingroup natt-ike
 * \brief Everything one side knows about one peer: what strongSwan keeps in
 * a connection definition.
 */
struct IkePeerConfig
{
    std::string name{"peer"};
    uint8_t version{2}; ///< 1: IKEv1, 2: IKEv2

    enum Ikev1Mode : uint8_t
    {
        MAIN_MODE,
        AGGRESSIVE_MODE,
    };

    Ikev1Mode ikev1Mode{MAIN_MODE};

    IkeEndpoint local;  ///< address and port we use
    IkeEndpoint remote; ///< where the peer is believed to be
    IkeIdentity localId;
    IkeIdentity remoteId; ///< expected peer identity; empty data: any

    enum AuthMethod : uint8_t
    {
        AUTH_PSK,
        AUTH_RSA_SIGNATURE,
    };

    AuthMethod auth{AUTH_PSK};
    std::vector<uint8_t> presharedKey;
    /// PEM of our certificate, its private key, and the CA that issued the peer's.
    std::string certificatePem;
    std::string privateKeyPem;
    std::string caCertificatePem;
    /// Extra certificates sent after ours (a chain), PEM each.
    std::vector<std::string> chainPem;

    IkeProposal proposal;
    std::vector<IkeChildConfig> children;

    /// NAT traversal flavour this side offers.
    enum NatTraversal : uint8_t
    {
        NATT_NONE,     ///< legacy IKE: no NAT detection, no encapsulation
        NATT_RFC,      ///< RFC 3947 (IKEv1) / RFC 7296 2.23 (IKEv2)
        NATT_STENBERG, ///< draft-stenberg-ipsec-nat-traversal-00 (IKEv1 Main Mode)
    };

    NatTraversal natTraversal{NATT_RFC};
    /// IKEv2: start on UDP 4500 with the non-ESP marker (RFC 7296 2.23).
    bool startOn4500{false};
    /// Pretend to be behind a NAT (RFC 7296 2.23 faking) to force encapsulation.
    bool forceEncapsulation{false};

    /// RFC 3715 2.1 c: a responder that insists an IP identity equals the packet's source.
    bool checkIdAgainstSource{false};
    /// RFC 3715 2.1 d: a legacy responder that answers and rekeys to port 500, not the source port.
    bool replyToPort500{false};

    /// IKE SA lifetime and rekey margin (0: never rekey).
    Time ikeLifetime{Hours(3)};
    Time ikeRekeyMargin{Minutes(30)};
    /// Dead-peer detection interval (RFC 3706 / RFC 7296 liveness; 0: off).
    Time dpdDelay{Seconds(0)};
    /// Gateway side: inner addresses handed to remote-access clients that ask
    /// (IKEv2 CP, RFC 7296 2.19), from addressPool on; 0 size: none.
    Ipv4Address addressPool{Ipv4Address::GetAny()};
    uint32_t addressPoolSize{0};
    /// IKEv2 fragmentation (RFC 7383): offer it, and the largest message sent unfragmented.
    bool fragmentation{true};
    uint32_t fragmentSize{1280};
};

} // namespace ns3

#endif /* NATT_IKE_CONFIG_H */
