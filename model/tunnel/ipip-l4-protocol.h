/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPIP_L4_PROTOCOL_H
#define NATT_IPIP_L4_PROTOCOL_H

#include "ns3/drop-counter.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include <map>
#include <utility>

namespace ns3
{

class IpIpTunnelNetDevice;
class Node;

/**
 * \ingroup natt
 * \brief The receiver of IP protocol 4 (RFC 2003) on a node's
 * Ipv4L3Protocol: IP removes the outer header and hands the inner packet
 * here; the tunnel whose (local, remote) are the outer (destination,
 * source) takes it (IpIpTunnelNetDevice::Decapsulate).
 *
 * Its down target (Ipv4L3Protocol::Send) is what the devices send their
 * outer packets with. One per node: Install finds or makes it.
 */
class IpIpL4Protocol : public IpL4Protocol
{
  public:
    /// No tunnel of this node has the outer addresses as its end points.
    static constexpr const char* NO_TUNNEL_DROP = "no-tunnel";
    /// The payload is not a whole IPv4 header (RFC 2003 3.3).
    static constexpr const char* MALFORMED_INNER_DROP = "malformed-inner";

    static TypeId GetTypeId();
    IpIpL4Protocol();
    ~IpIpL4Protocol() override;

    /// The node's receiver, inserted into its Ipv4L3Protocol on first call.
    static Ptr<IpIpL4Protocol> Install(Ptr<Node> node);

    /// Demultiplex outer packets from the device's remote to its local address to it.
    void AddTunnel(Ptr<IpIpTunnelNetDevice> device);

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

    /// Drops of \p reason (a *_DROP name); every reason's when empty.
    uint64_t GetDropCount(const std::string& reason = "") const;

  protected:
    void DoDispose() override;

  private:
    void Drop(Ptr<const Packet> packet, const char* reason);

    /// (local, remote) -> device
    std::map<std::pair<Ipv4Address, Ipv4Address>, Ptr<IpIpTunnelNetDevice>> m_tunnels;
    IpL4Protocol::DownTargetCallback m_downTarget;
    IpL4Protocol::DownTargetCallback6 m_downTarget6;
    DropCounter m_drops;
    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
};

} // namespace ns3

#endif /* NATT_IPIP_L4_PROTOCOL_H */
