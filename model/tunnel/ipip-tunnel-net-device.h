/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPIP_TUNNEL_NET_DEVICE_H
#define NATT_IPIP_TUNNEL_NET_DEVICE_H

#include "ns3/drop-counter.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"
#include "ns3/virtual-net-device.h"

namespace ns3
{

class IpIpL4Protocol;
class Ipv4Header;

/**
 * \ingroup natt
 * \brief One end of an IPv4-in-IPv4 tunnel (RFC 2003): a point-to-point
 * NetDevice between a local and a remote IPv4 address.
 *
 * IP routes packets into the device like into any interface; Send wraps
 * each one, whole and unchanged, in an outer IPv4 header (protocol 4) from
 * the local to the remote address and gives it back to the node's IP,
 * which routes it over a real link. On the other end IpIpL4Protocol
 * (the protocol-4 receiver) finds the device by the outer addresses and
 * Decapsulate hands the inner packet to IP as if it had arrived on this
 * interface, to be delivered or forwarded.
 *
 * Encapsulate and Decapsulate are the only two places that know the outer
 * header, so another tunnel (6in4, RFC 4213) can share the rest.
 *
 * Install with IpIpTunnelHelper (helper/ipip-tunnel-helper.h).
 */
class IpIpTunnelNetDevice : public VirtualNetDevice
{
  public:
    /// IP protocol number of IP-in-IP (RFC 2003 3).
    static constexpr uint8_t PROT_NUMBER = 4;
    /// Bytes the outer header adds to every packet (RFC 2003 3.1: no options).
    static constexpr uint32_t OVERHEAD = 20;

    /// IP gave the device something that is not IPv4.
    static constexpr const char* NOT_IPV4_DROP = "not-ipv4";
    /// The device has no local or remote address, or no protocol-4 receiver.
    static constexpr const char* UNCONFIGURED_DROP = "tunnel-unconfigured";

    static TypeId GetTypeId();
    IpIpTunnelNetDevice();
    ~IpIpTunnelNetDevice() override;

    /// The tunnel's end points: the outer source and destination.
    void SetEndpoints(Ipv4Address local, Ipv4Address remote);
    Ipv4Address GetLocal() const;
    Ipv4Address GetRemote() const;
    /// The receiver whose down target sends the outer packets.
    void SetL4Protocol(Ptr<IpIpL4Protocol> protocol);

    /**
     * Called by IpIpL4Protocol with the inner packet (the outer header
     * removed): hands it to IP on this interface (RFC 2003 3.3).
     */
    void Decapsulate(Ptr<Packet> inner, const Ipv4Header& outer);

    /// Drops of \p reason (a *_DROP name); every reason's when empty.
    uint64_t GetDropCount(const std::string& reason = "") const;
    /// Packets encapsulated and decapsulated so far.
    uint64_t GetEncapsulatedCount() const;
    uint64_t GetDecapsulatedCount() const;

  protected:
    void DoDispose() override;
    /// Counts a drop of \p packet and fires the Drop trace.
    void Drop(Ptr<const Packet> packet, const char* reason);

  private:
    /// The VirtualNetDevice send callback: RFC 2003 3.1 encapsulation.
    bool Encapsulate(Ptr<Packet> inner,
                     const Address& source,
                     const Address& destination,
                     uint16_t protocolNumber);

    Ipv4Address m_local;
    Ipv4Address m_remote;
    uint8_t m_ttl;
    Ptr<IpIpL4Protocol> m_protocol;
    DropCounter m_drops;
    uint64_t m_encapsulated;
    uint64_t m_decapsulated;
    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
};

} // namespace ns3

#endif /* NATT_IPIP_TUNNEL_NET_DEVICE_H */
