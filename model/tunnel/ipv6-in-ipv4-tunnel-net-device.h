/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPV6_IN_IPV4_TUNNEL_NET_DEVICE_H
#define NATT_IPV6_IN_IPV4_TUNNEL_NET_DEVICE_H

#include "ns3/drop-counter.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/traced-callback.h"

#include <utility>
#include <vector>

namespace ns3
{

class Ipv4Header;
class Ipv6Header;
class Ipv6InIpv4L4Protocol;

/**
 * \ingroup natt-tunnel
 * \brief A configured IPv6-in-IPv4 tunnel (RFC 4213 3): a point-to-point
 * NetDevice that IPv6 runs over; what IPv6 sends into it leaves as IPv4
 * protocol 41 to the remote endpoint, and what Ipv6InIpv4L4Protocol
 * delivers to it comes up as IPv6 after the decapsulator's checks.
 *
 * The encapsulation is one call (Encapsulate: choose the IPv4
 * destination, hand the packet to protocol 41); Decapsulate is the other
 * way. A subclass changes only the destination (GetTunnelDestination) and
 * the inbound checks (CheckInbound): SixToFourNetDevice does for 6to4.
 *
 * RFC 4213's checks are attributes: the outer source must be the
 * configured remote endpoint (3.6), and IPv6 ingress filtering: the inner
 * source must lie in a prefix configured as reachable through the tunnel
 * (AddIngressPrefix; link-local sources, 3.7, always pass).
 */
class Ipv6InIpv4TunnelNetDevice : public NetDevice
{
  public:
    /// RFC 4213 3.6: the outer IPv4 source is not the configured remote endpoint.
    static constexpr const char* OUTER_SOURCE_MISMATCH_DROP = "outer-source-mismatch";
    /// Ingress filtering (RFC 4213 3.6, RFC 3704): inner source not reachable through the tunnel.
    static constexpr const char* INGRESS_FILTERED_DROP = "ingress-filtered";
    /// Not an IPv6 packet, or too short for its header.
    static constexpr const char* MALFORMED_DROP = "malformed";
    /// No IPv4 destination for the packet (a 6to4 router without relay, a non-IPv6 frame).
    static constexpr const char* NO_TUNNEL_DESTINATION_DROP = "no-tunnel-destination";

    /// RFC 4213 3.2: the static tunnel MTU, IPv6's minimum link MTU.
    static constexpr uint16_t STATIC_MTU = 1280;

    static TypeId GetTypeId();
    Ipv6InIpv4TunnelNetDevice();
    ~Ipv6InIpv4TunnelNetDevice() override;

    /// The IPv4 endpoints: this node's (the outer source) and the peer's.
    void SetLocal(Ipv4Address local);
    Ipv4Address GetLocal() const;
    void SetRemote(Ipv4Address remote);
    Ipv4Address GetRemote() const;

    /// A prefix whose sources may arrive through the tunnel (ingress filtering).
    void AddIngressPrefix(Ipv6Address network, Ipv6Prefix prefix);

    /// From Ipv6InIpv4L4Protocol: \p packet, the IPv6 packet \p outer carried.
    void Decapsulate(Ptr<Packet> packet, const Ipv4Header& outer);

    /// Drops of \p reason (every reason's when empty).
    uint64_t GetDropCount(const std::string& reason = "") const;
    /// IPv6 packets sent into / taken out of the tunnel.
    uint64_t GetEncapsulatedCount() const;
    uint64_t GetDecapsulatedCount() const;

    /// (packet, reason) as IpsecStack's Drop.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const char* reason);

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

  protected:
    void DoDispose() override;

    /// The IPv4 destination for \p inner; Any when there is none.
    virtual Ipv4Address GetTunnelDestination(const Ipv6Header& inner) const;
    /// The decapsulator's checks: \return the drop reason, or nullptr to accept.
    virtual const char* CheckInbound(const Ipv4Header& outer, const Ipv6Header& inner) const;
    /// Whether \p source lies in an ingress prefix (or is link-local).
    bool IsIngressAllowed(Ipv6Address source) const;
    void Drop(Ptr<const Packet> packet, const char* reason);

  private:
    /// Send \p packet (IPv6) to the IPv4 address GetTunnelDestination chooses.
    bool Encapsulate(Ptr<Packet> packet);

    Ptr<Node> m_node;
    Ptr<Ipv6InIpv4L4Protocol> m_protocol;
    uint32_t m_ifIndex{0};
    Mac48Address m_address;
    uint16_t m_mtu;
    Ipv4Address m_local;
    Ipv4Address m_remote;
    bool m_checkOuterSource;
    bool m_ingressFilter;
    std::vector<std::pair<Ipv6Address, Ipv6Prefix>> m_ingressPrefixes;
    NetDevice::ReceiveCallback m_rxCallback;
    NetDevice::PromiscReceiveCallback m_promiscRxCallback;
    DropCounter m_drops;
    uint64_t m_encapsulated{0};
    uint64_t m_decapsulated{0};
    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
    TracedCallback<Ptr<const Packet>> m_encapsulateTrace;
    TracedCallback<Ptr<const Packet>> m_decapsulateTrace;
};

} // namespace ns3

#endif /* NATT_IPV6_IN_IPV4_TUNNEL_NET_DEVICE_H */
