/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_SIX_TO_FOUR_NET_DEVICE_H
#define NATT_SIX_TO_FOUR_NET_DEVICE_H

#include "ipv6-in-ipv4-tunnel-net-device.h"

namespace ns3
{

/**
 * \ingroup natt-tunnel
 * \brief A 6to4 router's pseudo-interface (RFC 3056): an IPv6-in-IPv4
 * tunnel whose remote endpoint is read from each packet. IPv6 for
 * 2002:V4ADDR::/48 goes to V4ADDR (RFC 3056 5), everything else to the
 * relay router (RFC 3068's anycast 192.88.99.1 by default).
 *
 * Decapsulation checks (attributes): RFC 3056 5.3, an inner 6to4 source
 * must embed the outer IPv4 source, and a native inner source must come
 * from the relay; RFC 3964 5.3.1, 6to4 addresses embedding private,
 * shared (RFC 6598), loopback, multicast or unspecified IPv4 addresses are
 * dropped either way. The router still derives a prefix from a private
 * outside address (GetPrefix): that such a prefix cannot be reached is
 * for the IPv4 network to show, not for this device to assert.
 *
 * The configured tunnel's CheckOuterSource and IngressFilter do not
 * apply: CheckSource is 6to4's form of both.
 */
class SixToFourNetDevice : public Ipv6InIpv4TunnelNetDevice
{
  public:
    /// RFC 3056 5.3: the outer source is not the one the inner source embeds, nor the relay.
    static constexpr const char* SOURCE_MISMATCH_DROP = "6to4-source-mismatch";
    /// RFC 3964 5.3.1: a 6to4 address embeds an IPv4 address that is not global.
    static constexpr const char* MARTIAN_DROP = "6to4-martian";

    /// RFC 3068 2.5: the 6to4 relay anycast address.
    static const Ipv4Address RELAY_ANYCAST;

    static TypeId GetTypeId();
    SixToFourNetDevice();
    ~SixToFourNetDevice() override;

    /// 2002:V4ADDR::/48 of \p outside (RFC 3056 2).
    static Ipv6Address GetPrefix(Ipv4Address outside);
    /// The IPv4 address a 2002::/16 address embeds (RFC 3056 2); Any for others.
    static Ipv4Address GetEmbeddedIpv4(Ipv6Address address);
    /// Whether \p address is in 2002::/16.
    static bool IsSixToFour(Ipv6Address address);
    /// Whether \p address is global unicast IPv4 (none of RFC 3964 5.3.1's, RFC 6598's).
    static bool IsGlobalIpv4(Ipv4Address address);

  protected:
    Ipv4Address GetTunnelDestination(const Ipv6Header& inner) const override;
    const char* CheckInbound(const Ipv4Header& outer, const Ipv6Header& inner) const override;

  private:
    /// Whether \p address is a 6to4 address whose IPv4 part is not global.
    bool IsMartian(Ipv6Address address) const;

    Ipv4Address m_relay;
    bool m_checkSource;
    bool m_checkMartians;
};

} // namespace ns3

#endif /* NATT_SIX_TO_FOUR_NET_DEVICE_H */
