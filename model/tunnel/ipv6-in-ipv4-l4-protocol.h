/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPV6_IN_IPV4_L4_PROTOCOL_H
#define NATT_IPV6_IN_IPV4_L4_PROTOCOL_H

#include "ns3/drop-counter.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

class Node;
class Ipv6InIpv4TunnelNetDevice;

/**
 * \ingroup natt-tunnel
 * \brief IP protocol 41, IPv6 in IPv4 (RFC 4213 3), in the node's IPv4
 * stack: the one place tunnel devices send their encapsulated packets
 * through, and the receiver that hands arriving ones to the device they
 * belong to.
 *
 * It sends through its down target, as UDP and TCP do, so a node's
 * IpsecStack interposes on protocol 41 the way it does on them: an SPD
 * entry for protocol 41 between the two IPv4 endpoints protects the
 * tunnel (RFC 4891 5.1), and ESP-protected protocol 41 is handed back
 * here after IPsec processing.
 *
 * Demultiplexing: a device whose (local, remote) pair equals the packet's
 * (destination, source) first, else the first device on the destination
 * address (a 6to4 router's, or one that does not check the source); that
 * device applies its own checks.
 */
class Ipv6InIpv4L4Protocol : public IpL4Protocol
{
  public:
    static constexpr uint8_t PROT_NUMBER = 41;

    /// No tunnel device on the packet's destination address.
    static constexpr const char* NO_TUNNEL_DROP = "no-tunnel";

    static TypeId GetTypeId();
    Ipv6InIpv4L4Protocol();
    ~Ipv6InIpv4L4Protocol() override;

    /**
     * The protocol on \p node, made, registered in its Ipv4L3Protocol and
     * aggregated on first call (so an IpsecStack already there hooks it).
     */
    static Ptr<Ipv6InIpv4L4Protocol> Install(Ptr<Node> node);

    /// Deliver protocol 41 addressed to \p device's local address to it.
    void AddTunnel(Ptr<Ipv6InIpv4TunnelNetDevice> device);

    /// Encapsulate \p packet (an IPv6 packet) in IPv4 from \p source to \p destination.
    void Send(Ptr<Packet> packet, Ipv4Address source, Ipv4Address destination);

    /// Drops of \p reason (every reason's when empty).
    uint64_t GetDropCount(const std::string& reason = "") const;

    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    std::vector<Ptr<Ipv6InIpv4TunnelNetDevice>> m_tunnels;
    IpL4Protocol::DownTargetCallback m_downTarget;
    IpL4Protocol::DownTargetCallback6 m_downTarget6;
    DropCounter m_drops;
    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
};

} // namespace ns3

#endif /* NATT_IPV6_IN_IPV4_L4_PROTOCOL_H */
