/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_DNAT_ROUTER_H
#define NATT_DNAT_ROUTER_H

#include "dnat-allocator.h"

#include "ns3/drop-counter.h"
#include "ns3/ipv4-routing-wrapper.h"
#include "ns3/local-certificate-authority.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>

namespace ns3
{

class Ipv4L3Protocol;
class IpIpTunnelNetDevice;

/**
 * \ingroup natt-dnat
 * \brief A DNAT router (3Com disclosure, seed 003, "Summary of DNAT" and
 * "IPsec Across a DNAT Network"), installed as a wrapper around the
 * node's routing protocol, as NatRoutingProtocol is.
 *
 * - Allocation: answers natt's allocation protocol (doc/dnat.rst) on its
 *   LAN address, UDP 4950, from a DnatAllocator; opens a light-weight
 *   tunnel (RFC 2003 IP-in-IP, IpIpTunnelNetDevice) to each host it
 *   grants; and, with a local CA, certifies the hosts' keys (IssueCertificate).
 * - Outbound: a packet from a host's tunnel has lost its local header
 *   already (the tunnel device removes it); the router checks the source
 *   port of TCP and UDP against the host's block (list item 4) and forwards
 *   the rest unmodified. ESP and AH are not checked outbound: their SPI is
 *   the remote's choice ("the SPI in this outgoing packet ... has no use").
 * - Inbound, to its global address: TCP and UDP by destination port, ESP
 *   and AH by the SPI of the outermost IPsec header, to the owning host's
 *   tunnel; ns-3 forwards it (TTL) and the tunnel adds the local header.
 *   TCP, UDP, ESP and AH bytes are never touched.
 * Anything else goes to the wrapped protocol (the router's own traffic).
 */
class DnatRouter : public Ipv4RoutingWrapper
{
  public:
    /// Outbound TCP or UDP from a port outside the sending host's block (list item 4).
    static constexpr const char* PORT_OUTSIDE_BLOCK_DROP = "port-outside-block";
    /// Inbound TCP or UDP to a port in no host's block.
    static constexpr const char* PORT_NOT_ALLOCATED_DROP = "port-not-allocated";
    /// Inbound ESP or AH whose SPI is in no host's block.
    static constexpr const char* SPI_OUTSIDE_BLOCK_DROP = "spi-outside-block";
    /// Inbound to the global address, neither TCP, UDP, ESP nor AH, or too short to demultiplex.
    static constexpr const char* NOT_DEMULTIPLEXABLE_DROP = "not-demultiplexable";
    /// Outbound from a host that holds no lease (no tunnel of ours would carry it).
    static constexpr const char* NO_LEASE_DROP = "no-lease";
    /// An allocation message the router refused to parse (doc/dnat.rst).
    static constexpr const char* ALLOCATION_MALFORMED_DROP = "allocation-malformed";

    static TypeId GetTypeId();
    DnatRouter();
    ~DnatRouter() override;

    /**
     * Wrap \p node's routing protocol; \p lanInterface faces the hosts,
     * \p globalInterface the Internet (its first address is the global one).
     * Opens the allocation socket.
     */
    void Install(Ptr<Node> node, uint32_t lanInterface, uint32_t globalInterface);
    /// Act as local CA with the router's key \p caKeyPem (seed 003: "the DNAT router as LCA").
    void SetCertificateAuthority(const std::string& caKeyPem);
    /// The LCA (null without SetCertificateAuthority).
    LocalCertificateAuthority* GetCertificateAuthority();
    /**
     * Certify \p hostKeyPem for \p host's current lease.
     * \return the certificate PEM, empty if the host holds no lease or there is no LCA
     */
    std::string IssueCertificate(Ipv4Address host, const std::string& hostKeyPem);

    Ipv4Address GetGlobalAddress() const;
    Ipv4Address GetLanAddress() const;
    const DnatAllocator& GetAllocator() const;
    /// Drops of \p reason (a *_DROP name); every reason's when empty.
    uint64_t GetDropCount(const std::string& reason = "") const;
    const DropCounter& GetDrops() const;
    /// Packets forwarded out of the global interface and into the hosts' tunnels.
    uint64_t GetOutboundCount() const;
    uint64_t GetInboundCount() const;
    /// Bytes of allocation messages the router received and sent (UDP payload).
    uint64_t GetAllocationBytes() const;

    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    RouteInputCallback<UnicastForwardCallback> ucb,
                    RouteInputCallback<MulticastForwardCallback> mcb,
                    RouteInputCallback<LocalDeliverCallback> lcb,
                    RouteInputCallback<ErrorCallback> ecb) override;

  protected:
    void DoDispose() override;

  private:
    void ReceiveAllocation(Ptr<Socket> socket);
    /// The tunnel interface towards \p host, made on first use.
    uint32_t TunnelTo(Ipv4Address host);
    /// \return the lease owning inbound \p p (TCP/UDP by destination port, ESP/AH by SPI)
    const DnatLease* FindOwner(Ptr<const Packet> p, uint8_t protocol, const char*& reason) const;
    void Drop(Ptr<const Packet> p, const char* reason);

    uint32_t m_lanInterface{0};
    uint32_t m_globalInterface{0};
    uint16_t m_portFirst{49152};
    uint16_t m_portBlockSize{1024};
    uint32_t m_spiFirst{0x10000};
    uint32_t m_spiBlockSize{0x10000};
    Time m_leaseTime;
    std::unique_ptr<DnatAllocator> m_allocator;
    std::unique_ptr<LocalCertificateAuthority> m_lca;
    Ptr<Socket> m_socket;
    std::map<Ipv4Address, uint32_t> m_tunnels;     ///< host -> tunnel interface
    std::map<uint32_t, Ipv4Address> m_tunnelHosts; ///< tunnel interface -> host
    DropCounter m_drops;
    uint64_t m_outbound{0};
    uint64_t m_inbound{0};
    uint64_t m_allocationBytes{0};
    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
};

} // namespace ns3

#endif /* NATT_DNAT_ROUTER_H */
