/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPSEC_SELECTOR_H
#define NATT_IPSEC_SELECTOR_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cstdint>
#include <ostream>
#include <utility>

namespace ns3
{

/**
 * \ingroup natt-ipsec
 * The address family of a selector or a packet (RFC 4301 4.4.1.1 lets
 * selector addresses be IPv4 or IPv6; one selector names one family).
 * The values are the IP version numbers.
 */
enum IpsecFamily : uint8_t
{
    IPSEC_FAMILY_IPV4 = 4,
    IPSEC_FAMILY_IPV6 = 6,
};

/**
 * \ingroup natt-ipsec
 * \brief The fields of a packet that SPD entries and SA selectors look at
 * (RFC 4301 4.4.1.1): addresses, next protocol and ports, as seen from the
 * node doing IPsec (local / remote rather than source / destination, so one
 * selector serves both directions).
 *
 * An IPv4 packet's addresses are in local / remote (the default); an IPv6
 * packet's in local6 / remote6 with family IPSEC_FAMILY_IPV6 (see ForIpv6).
 */
struct IpsecTrafficKey
{
    Ipv4Address local;
    Ipv4Address remote;
    uint8_t protocol{0};
    uint16_t localPort{0};
    uint16_t remotePort{0};
    IpsecFamily family{IPSEC_FAMILY_IPV4};
    Ipv6Address local6;
    Ipv6Address remote6;

    /// An IPv6 packet's key; protocol and ports are set by the caller.
    static IpsecTrafficKey ForIpv6(Ipv6Address local, Ipv6Address remote, uint8_t protocol = 0);
    bool IsIpv6() const;
};

/**
 * \ingroup natt-ipsec
 * \brief An SPD or SA selector (RFC 4301 4.4.1.1): address prefixes of one
 * family, a protocol (0 = any) and port ranges. Ports are compared only for
 * protocols that have them (UDP, TCP).
 *
 * IPv4 selectors use localAddress / localMask / remoteAddress / remoteMask
 * and are the default. An IPv6 selector (family IPSEC_FAMILY_IPV6, built with
 * the Ipv6Address overloads of HostToHost / SubnetToSubnet or SetLocal /
 * SetRemote) uses localAddress6 / localPrefixLength6 and the remote pair;
 * its IPv4 fields are ignored. A selector matches only packets of its
 * family: 0.0.0.0/0 is not ::/0.
 *
 * The IPv6 part is kept as two addresses and two prefix lengths rather than
 * two Ipv6Prefix objects, so the struct stays at 72 bytes (SADs hold
 * thousands).
 */
struct IpsecSelector
{
    Ipv4Address localAddress{Ipv4Address::GetAny()};
    Ipv4Mask localMask{Ipv4Mask::GetZero()};
    Ipv4Address remoteAddress{Ipv4Address::GetAny()};
    Ipv4Mask remoteMask{Ipv4Mask::GetZero()};
    uint8_t protocol{0};
    uint16_t localPortStart{0};
    uint16_t localPortEnd{65535};
    uint16_t remotePortStart{0};
    uint16_t remotePortEnd{65535};
    IpsecFamily family{IPSEC_FAMILY_IPV4};
    uint8_t localPrefixLength6{0};
    uint8_t remotePrefixLength6{0};
    /// Stored with the host bits cleared (SetLocal / SetRemote do it).
    Ipv6Address localAddress6{Ipv6Address::GetAny()};
    Ipv6Address remoteAddress6{Ipv6Address::GetAny()};

    /// A selector for everything between two hosts.
    static IpsecSelector HostToHost(Ipv4Address local, Ipv4Address remote, uint8_t protocol = 0);
    static IpsecSelector HostToHost(Ipv6Address local, Ipv6Address remote, uint8_t protocol = 0);
    /// A selector for everything between two subnets.
    static IpsecSelector SubnetToSubnet(Ipv4Address localNet,
                                        Ipv4Mask localMask,
                                        Ipv4Address remoteNet,
                                        Ipv4Mask remoteMask);
    static IpsecSelector SubnetToSubnet(Ipv6Address localNet,
                                        Ipv6Prefix localPrefix,
                                        Ipv6Address remoteNet,
                                        Ipv6Prefix remotePrefix);
    /// Everything of one family in both directions: 0.0.0.0/0 or ::/0.
    static IpsecSelector Any(IpsecFamily family);

    bool IsIpv6() const;
    /// Make this an IPv6 selector (if it was not) and set one side's prefix.
    void SetLocal(Ipv6Address address, Ipv6Prefix prefix);
    void SetRemote(Ipv6Address address, Ipv6Prefix prefix);
    Ipv6Prefix GetLocalPrefix6() const;
    Ipv6Prefix GetRemotePrefix6() const;
    /// The first and last address of the IPv6 side, as IKEv2's TS_IPV6_ADDR_RANGE carries it.
    std::pair<Ipv6Address, Ipv6Address> GetLocalRange6() const;
    std::pair<Ipv6Address, Ipv6Address> GetRemoteRange6() const;

    bool Matches(const IpsecTrafficKey& key) const;
    /// \return true when \p key's remote address lies in the remote prefix (same family)
    bool MatchesRemote(const IpsecTrafficKey& key) const;
    /// This selector with its remote side widened to every address of its family.
    IpsecSelector WithAnyRemote() const;
    /// \return true when every packet this selector matches, \p other matches too
    bool IsWithin(const IpsecSelector& other) const;
    bool operator==(const IpsecSelector& other) const;
};

/// \return true when the first \p length bits of \p a and \p b agree.
bool Ipv6PrefixMatch(Ipv6Address a, Ipv6Address b, uint8_t length);

std::ostream& operator<<(std::ostream& os, const IpsecSelector& selector);

} // namespace ns3

#endif /* NATT_IPSEC_SELECTOR_H */
