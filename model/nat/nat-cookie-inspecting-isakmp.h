/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_COOKIE_INSPECTING_ISAKMP_H
#define NATT_NAT_COOKIE_INSPECTING_ISAKMP_H

#include "nat-isakmp-handler.h"

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Isakmp=CookieInspecting: port 500 kept, and inbound IKE to it
 * routed by initiator cookie; a cookie no inside host sent (a rekey started
 * outside) has nowhere to go (RFC 3715 2.2 n).
 */
class NatCookieInspectingIsakmp : public NatPort500Isakmp
{
  public:
    static TypeId GetTypeId();
    void LearnOutbound(Ptr<const Packet> udp, NatMappingHandle mapping) override;
    bool RoutesInbound() const override;
    bool RouteInbound(Ptr<const Packet> udp, NatMappingHandle& mapping) override;
    void Forget(const std::function<bool(NatMappingHandle)>& live) override;

  private:
    std::unordered_map<uint64_t, NatMappingHandle> m_cookies; ///< initiator cookie -> mapping
};

} // namespace ns3

#endif /* NATT_NAT_COOKIE_INSPECTING_ISAKMP_H */
