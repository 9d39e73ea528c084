/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPV4_ROUTING_WRAPPER_H
#define NATT_IPV4_ROUTING_WRAPPER_H

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"

#include <type_traits>

namespace ns3
{

/**
 * \ingroup natt
 * \brief A routing protocol that stands in front of a node's own one
 * (whatever InternetStackHelper installed) and hands it everything it does
 * not handle itself: the way natt puts a device's forwarding logic on an
 * unmodified ns-3 node (NatRoutingProtocol, DnatRouter, RsipDemuxRouting).
 *
 * Install(node) takes the node's routing protocol as the wrapped one and
 * puts the wrapper in its place with Ipv4::SetRoutingProtocol. Every
 * Ipv4RoutingProtocol method forwards to the wrapped protocol; a subclass
 * overrides RouteInput (and whatever else it watches) and calls the base for
 * the rest. SetIpv4 only records the node's Ipv4: the wrapped protocol
 * already has it, and ns-3's protocols refuse a second SetIpv4.
 */
class Ipv4RoutingWrapper : public Ipv4RoutingProtocol
{
    /// ns-3.39 changed RouteInput to take its callbacks by const reference
    /// (by value before); true when the ns-3 compiled against is older.
    static constexpr bool kRouteInputByValue =
        std::is_same_v<decltype(&Ipv4RoutingProtocol::RouteInput),
                       bool (Ipv4RoutingProtocol::*)(Ptr<const Packet>,
                                                     const Ipv4Header&,
                                                     Ptr<const NetDevice>,
                                                     UnicastForwardCallback,
                                                     MulticastForwardCallback,
                                                     LocalDeliverCallback,
                                                     ErrorCallback)>;

  public:
    /// A RouteInput callback parameter as this ns-3 declares it, so that one
    /// override builds against ns-3.37 and newer releases alike.
    template <typename Callback>
    using RouteInputCallback = std::conditional_t<kRouteInputByValue, Callback, const Callback&>;

    static TypeId GetTypeId();
    ~Ipv4RoutingWrapper() override;

    /// The protocol that routes (and forwards) what the wrapper passes on.
    void SetWrappedProtocol(Ptr<Ipv4RoutingProtocol> wrapped);
    Ptr<Ipv4RoutingProtocol> GetWrappedProtocol() const;
    /// Wrap \p ipv4's routing protocol and take its place.
    void Install(Ptr<Ipv4> ipv4);

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
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

    Ptr<Ipv4RoutingProtocol> m_wrapped; ///< the node's own routing protocol
    Ptr<Ipv4> m_ipv4;                   ///< the node's Ipv4, from SetIpv4
};

} // namespace ns3

#endif /* NATT_IPV4_ROUTING_WRAPPER_H */
