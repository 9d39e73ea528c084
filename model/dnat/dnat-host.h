/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_DNAT_HOST_H
#define NATT_DNAT_HOST_H

#include "ns3/dnat-allocation-reply-header.h"
#include "ns3/drop-counter.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/local-certificate-authority.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class Node;

/**
 * \ingroup natt-dnat
 * \brief Host-side DNAT (seed 003, "Summary of DNAT"): asks the router
 * for a port block and an SPI block over natt's allocation protocol,
 * then acts "as if it owns" the router's global address: a light-weight
 * tunnel (RFC 2003 IP-in-IP) to the router's local address carries that
 * address as its interface address, and routes send everything beyond
 * the LAN into it (list item 2: the host "acts as if multi-homed").
 *
 * Applications and IPsec choose their ports and inbound SPIs from the
 * blocks (NextPort, GetBinding); the Granted trace tells them when the
 * blocks are known. The host renews at half the lease time.
 */
class DnatHost : public Object
{
  public:
    /// A reply the host refused to parse (doc/dnat.rst).
    static constexpr const char* ALLOCATION_MALFORMED_DROP = "allocation-malformed";

    static TypeId GetTypeId();
    DnatHost();
    ~DnatHost() override;

    /// Run on \p node, whose LAN address is \p local, against the router at \p router.
    void Install(Ptr<Node> node, Ipv4Address local, Ipv4Address router);
    /// Send the REQUEST at \p at.
    void Start(Time at);

    bool IsGranted() const;
    /// The blocks granted (router global address, own local address, ranges).
    const DnatBinding& GetBinding() const;
    /// The next unused port of the block, in order (0 when the block is used up).
    uint16_t NextPort();
    /// The tunnel's interface index (valid once granted).
    uint32_t GetTunnelInterface() const;
    /// Drops of \p reason; every reason's when empty.
    uint64_t GetDropCount(const std::string& reason = "") const;
    /// Bytes of allocation messages sent and received (UDP payload), and how many renewals.
    uint64_t GetAllocationBytes() const;
    uint32_t GetRenewals() const;

  protected:
    void DoDispose() override;

  private:
    void Send(DnatAllocationHeader::MessageType type);
    void Receive(Ptr<Socket> socket);
    void Granted(DnatAllocationReplyHeader reply);

    Ptr<Node> m_node;
    Ipv4Address m_local;
    Ipv4Address m_router;
    uint16_t m_portsWanted{1024};
    uint32_t m_spisWanted{0x10000};
    Ptr<Socket> m_socket;
    uint32_t m_transactionId{0};
    uint32_t m_leaseId{0};
    bool m_granted{false};
    DnatBinding m_binding;
    uint32_t m_nextPort{0};
    uint32_t m_tunnel{0};
    EventId m_renew;
    uint32_t m_renewals{0};
    uint64_t m_allocationBytes{0};
    DropCounter m_drops;
    TracedCallback<const DnatBinding&> m_grantedTrace;
};

} // namespace ns3

#endif /* NATT_DNAT_HOST_H */
