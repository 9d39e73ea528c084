/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_ROUTING_PROTOCOL_H
#define NATT_NAT_ROUTING_PROTOCOL_H

#include "nat-engine.h"

#include "ns3/ipv4-routing-wrapper.h"

#include <map>
#include <set>
#include <unordered_set>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Puts a NatEngine on a node's forwarding path without changing ns-3.
 *
 * It wraps the node's routing protocol (Ipv4RoutingWrapper).
 * RouteInput sees every packet the node receives, each forwarded fragment on
 * its own as a real router does. A packet that arrives on an inside
 * interface and leaves the inside networks is translated and handed to the
 * wrapped protocol to be forwarded; a packet for the outside address that
 * arrives on the outside interface is translated towards its inside host.
 * Everything else, and everything the node sends itself, goes to the
 * wrapped protocol untouched. Direction is decided by interface index only,
 * so the NAT works over any NetDevice (point-to-point, CSMA, FdNetDevice).
 */
class NatRoutingProtocol : public Ipv4RoutingWrapper
{
  public:
    static TypeId GetTypeId();
    NatRoutingProtocol();
    ~NatRoutingProtocol() override;

    void SetEngine(Ptr<NatEngine> engine);
    Ptr<NatEngine> GetEngine() const;
    void AddInsideInterface(uint32_t interface);
    /// The outside interface; its first address becomes the engine's outside address.
    void SetOutsideInterface(uint32_t interface);
    uint32_t GetOutsideInterface() const;

    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    RouteInputCallback<UnicastForwardCallback> ucb,
                    RouteInputCallback<MulticastForwardCallback> mcb,
                    RouteInputCallback<LocalDeliverCallback> lcb,
                    RouteInputCallback<ErrorCallback> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    /// \return true when \p destination is on one of the inside networks
    bool StaysInside(Ipv4Address destination);
    /// \return true when \p destination is one of the node's own addresses
    bool IsLocal(Ipv4Address destination);
    void UpdateOutsideAddress();
    /// Rebuilds the address caches when an interface or address changed.
    void RefreshCache();

    Ptr<NatEngine> m_engine;
    std::set<uint32_t> m_inside;
    uint32_t m_outside{0};
    bool m_outsideSet{false};
    // Per-packet checks must not scan every interface: a NAT may have
    // thousands of inside links (DESIGN section 6).
    bool m_cacheValid{false};
    std::map<uint32_t, std::unordered_set<uint32_t>> m_insideNetworks; ///< mask -> networks
    std::unordered_set<uint32_t> m_localAddresses;
};

} // namespace ns3

#endif /* NATT_NAT_ROUTING_PROTOCOL_H */
