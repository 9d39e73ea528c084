/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_SIX_TO_FOUR_HELPER_H
#define NATT_SIX_TO_FOUR_HELPER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

namespace ns3
{

class SixToFourNetDevice;

/**
 * \ingroup natt
 * \brief Makes 6to4 routers (RFC 3056) and their LANs.
 *
 * The router derives 2002:V4ADDR::/48 from its outside IPv4 address and
 * gives its LAN the /64 with subnet 1 (2002:V4ADDR:1::/64), the router
 * taking ::1. The pseudo-interface holds 2002:V4ADDR::1/16, so 2002::/16
 * is on it, and the default route points into it (to the relay).
 *
 * The LAN is configured statically rather than by router advertisements
 * (ns-3's Radvd): a host's address is then known before the run, the
 * pcaps carry no advertisement chatter, and what the catalogue studies
 * (where protocol 41 goes) does not depend on autoconfiguration.
 */
class SixToFourHelper
{
  public:
    SixToFourHelper();

    /// An attribute of the pseudo-interfaces made from now on (Relay, CheckSource, ...).
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Make \p router a 6to4 router whose outside IPv4 address is
     * \p outside, with IPv6 on \p lan (its LAN device).
     * \return the pseudo-interface
     */
    Ptr<SixToFourNetDevice> Install(Ptr<Node> router,
                                    Ipv4Address outside,
                                    Ptr<NetDevice> lan) const;

    /// 2002:V4ADDR:1::/64 of \p outside: the LAN's prefix.
    static Ipv6Address GetLanPrefix(Ipv4Address outside);

    /**
     * Give \p host, on the LAN of the 6to4 router with outside address
     * \p outside through \p device, the LAN address with interface id
     * \p id, and a default route to the router. \return the address
     */
    static Ipv6Address AddHost(Ptr<Node> host,
                               Ptr<NetDevice> device,
                               Ipv4Address outside,
                               uint32_t id);

  private:
    ObjectFactory m_factory;
};

/**
 * \ingroup natt
 * The IPv6 address \p id in \p network (a /64 or shorter prefix): the
 * lower 32 bits set to \p id.
 */
Ipv6Address Ipv6AddressInPrefix(Ipv6Address network, uint32_t id);

} // namespace ns3

#endif /* NATT_SIX_TO_FOUR_HELPER_H */
