/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPSEC_SELECTOR_H
#define NATT_IPSEC_SELECTOR_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup natt-ipsec
 * \brief The fields of a packet that SPD entries and SA selectors look at
 * (RFC 4301 4.4.1.1): addresses, next protocol and ports, as seen from the
 * node doing IPsec (local / remote rather than source / destination, so one
 * selector serves both directions).
 */
struct IpsecTrafficKey
{
    Ipv4Address local;
    Ipv4Address remote;
    uint8_t protocol{0};
    uint16_t localPort{0};
    uint16_t remotePort{0};
};

/**
 * \ingroup natt-ipsec
 * \brief An SPD or SA selector (RFC 4301 4.4.1.1): address prefixes, a
 * protocol (0 = any) and port ranges. Ports are compared only for
 * protocols that have them (UDP, TCP).
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

    /// A selector for everything between two hosts.
    static IpsecSelector HostToHost(Ipv4Address local, Ipv4Address remote, uint8_t protocol = 0);
    /// A selector for everything between two subnets.
    static IpsecSelector SubnetToSubnet(Ipv4Address localNet,
                                        Ipv4Mask localMask,
                                        Ipv4Address remoteNet,
                                        Ipv4Mask remoteMask);

    bool Matches(const IpsecTrafficKey& key) const;
    /// \return true when every packet this selector matches, \p other matches too
    bool IsWithin(const IpsecSelector& other) const;
    bool operator==(const IpsecSelector& other) const;
};

std::ostream& operator<<(std::ostream& os, const IpsecSelector& selector);

} // namespace ns3

#endif /* NATT_IPSEC_SELECTOR_H */
