/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_SELECTOR_SIDE_H
#define NATT_IKE_SELECTOR_SIDE_H

#include "ns3/ike-id-payload.h"
#include "ns3/ikev2-traffic-selector-payload.h"
#include "ns3/ipsec-selector.h"

#include <cstdint>
#include <memory>

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief One side of an IpsecSelector (its local or its remote prefix, with
 * the protocol and that side's ports) in IKE's wire forms, for either
 * family: IKEv2 traffic selectors (TS_IPV4_ADDR_RANGE / TS_IPV6_ADDR_RANGE,
 * RFC 7296 3.13.1) and IKEv1 Quick Mode client IDs (ID_IPV4_ADDR(_SUBNET) /
 * ID_IPV6_ADDR(_SUBNET), RFC 2409 5.5 with RFC 2407 4.6.2).
 *
 * The family of an IKE SA's endpoints and of its selectors are independent:
 * IKE over IPv4 may negotiate IPv6 selectors (RFC 4891 B.2), and IPv4
 * selectors may name protocol 41 (RFC 4891 5.1). One selector is of one
 * family, so a peer whose two sides differ in family is refused.
 */
class IkeSelectorSide
{
  public:
    enum Side : uint8_t
    {
        LOCAL,
        REMOTE,
    };

    /// \p side of \p selector as an address range with the protocol and that side's ports.
    static Ikev2TrafficSelector ToTrafficSelector(const IpsecSelector& selector, Side side);
    /**
     * Set \p side of \p selector to the smallest prefix holding \p ts's
     * range, in \p ts's family (an IPv6 range makes the selector IPv6).
     * Protocol and ports are left to the caller.
     */
    static void SetFromRange(IpsecSelector& selector, Side side, const Ikev2TrafficSelector& ts);
    /// \return true when \p ts's range overlaps \p side of \p selector (same family only)
    static bool Meets(const IpsecSelector& selector, Side side, const Ikev2TrafficSelector& ts);
    /// \return true when \p side of \p inner lies within that side of \p outer (same family only)
    static bool IsWithin(const IpsecSelector& inner, const IpsecSelector& outer, Side side);
    /// Copy \p side's prefix (of either family) from \p from into \p to.
    static void CopyPrefix(IpsecSelector& to, const IpsecSelector& from, Side side);
    /**
     * RFC 7296 2.9: the IP protocol a child SA may carry when our policy
     * allows \p ours and the peer's selector names \p theirs (0: any, on
     * either side): the narrower of the two, written to \p narrowed.
     * \return false when both name a protocol and they differ (the
     * selectors share no traffic: TS_UNACCEPTABLE)
     */
    static bool NarrowProtocol(uint8_t ours, uint8_t theirs, uint8_t& narrowed);

    /**
     * \p side of \p selector as an IKEv1 client ID: the address alone for a
     * host, else address and mask; with the selector's protocol, and the
     * side's port when it is a single one (RFC 2407 4.6.2).
     */
    static std::unique_ptr<IkeIdPayload> ToClientId(const IpsecSelector& selector, Side side);
    /**
     * Set \p side of \p selector from an IKEv1 client ID of type
     * ID_IPV4_ADDR, ID_IPV4_ADDR_SUBNET, ID_IPV6_ADDR or ID_IPV6_ADDR_SUBNET.
     * \return false for other types
     */
    static bool SetFromClientId(IpsecSelector& selector, Side side, const IkeIdPayload& id);
};

} // namespace ns3

#endif /* NATT_IKE_SELECTOR_SIDE_H */
