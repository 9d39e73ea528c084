/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_UDP_TRANSPORT_H
#define NATT_IKE_UDP_TRANSPORT_H

#include "ike-transport.h"

#include "ns3/drop-counter.h"
#include "ns3/inet-socket-address.h"

#include <map>

namespace ns3
{

class Node;
class Socket;
class UdpEncapsulation;

/**
 * \ingroup natt-ike
 * \brief IKE over the node's real UDP ports 500 and 4500.
 *
 * IPv4 goes through the data plane's UdpEncapsulation, which adds and
 * strips the non-ESP marker (RFC 3948 2.2) and keeps IKE apart from
 * ESP-in-UDP, keepalives and draft-stenberg packets.
 *
 * IPv6 (RFC 7296 and RFC 2409 run over either family): when the node has
 * an IPv6 stack, this transport opens its own IPv6 UDP sockets on the same
 * two ports, and adds and strips the marker itself on the NAT-T port. The
 * IPv6 NAT-T port carries IKE only: ESP-in-UDP over IPv6 and keepalives
 * have no data plane here (NAT traversal is an IPv4 matter), so what is
 * not IKE there is dropped and counted (NOT_IKE_DROP).
 *
 * IKE sees plain messages only, on either family.
 */
class IkeUdpTransport : public IkeTransport
{
  public:
    static TypeId GetTypeId();

    /**
     * Use the UdpEncapsulation of \p node's IpsecStack (install IpsecStack
     * first) for IPv4, and open the IPv6 ports when \p node has IPv6.
     */
    void Install(Ptr<Node> node);
    void SetUdpEncapsulation(Ptr<UdpEncapsulation> encapsulation);
    Ptr<UdpEncapsulation> GetUdpEncapsulation() const;

    void Send(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote) override;

    /// On the IPv6 NAT-T port, a datagram without the non-ESP marker (ESP-in-UDP, a keepalive).
    static constexpr const char* NOT_IKE_DROP = "not-ike";

    /// Drops for \p reason (a *_DROP name), all when empty.
    uint64_t GetDropCount(const std::string& reason = "") const;

  protected:
    void DoDispose() override;

  private:
    void Receive(Ptr<Packet> message,
                 const InetSocketAddress& local,
                 const InetSocketAddress& remote);
    /// The IPv6 socket bound to [::]:\p port, opened on first use.
    Ptr<Socket> GetSocket6(uint16_t port);
    void HandleRead6(Ptr<Socket> socket);

    Ptr<UdpEncapsulation> m_encapsulation;
    Ptr<Node> m_node;
    std::map<uint16_t, Ptr<Socket>> m_sockets6;
    DropCounter m_drops;
};

} // namespace ns3

#endif /* NATT_IKE_UDP_TRANSPORT_H */
