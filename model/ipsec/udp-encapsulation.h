/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_UDP_ENCAPSULATION_H
#define NATT_UDP_ENCAPSULATION_H

#include "security-association.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/inet-socket-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <map>
#include <utility>

namespace ns3
{

class Node;
class IpsecStack;
class Ipv4EndPoint;
class Ipv4Header;
class Ipv4Interface;
class Ipv4L3Protocol;
class UdpL4Protocol;

/**
 * \ingroup natt-ipsec
 * \brief The one owner of the node's UDP IKE port (500) and NAT-T port
 * (4500), in both directions, like strongSwan's receiver and sender.
 *
 * Receive on the NAT-T port (RFC 3948 2): a single 0xFF byte is a
 * NAT-keepalive (counted, dropped); four zero bytes are the non-ESP marker
 * before an IKE message (stripped, handed to the IKE callback); anything
 * else is ESP for IpsecStack, with the UDP source so that a NAT-T SA can
 * follow a rebinding NAT. Receive on the IKE port: byte 17 zero marks
 * draft-stenberg's envelope or heartbeat (3.2, 3.3); anything else is IKE.
 *
 * Send: ESP-in-UDP, draft-stenberg envelopes, IKE messages (with the marker
 * when neither port is the IKE port), NAT-keepalives every
 * KeepaliveInterval (RFC 3948 2.3) and draft-stenberg heartbeats every
 * HeartbeatInterval.
 *
 * Every packet sent here carries an IpsecBypassTag so the node's own SPD
 * does not catch it (the per-socket bypass policy of IKE daemons).
 *
 * Each port is a UDP endpoint of the node's UdpL4Protocol, bound to any
 * address, as a socket's is: datagrams come up from UDP's demultiplexer and
 * go down to UDP after a route lookup, as the kernel's ESP-in-UDP path
 * does (RFC 3948 2), with the same datagrams on the wire as through a
 * UdpSocketImpl and without its per-packet queueing, tags and copies.
 *
 * UDP checksums: RFC 3948 2.1 says ESP-in-UDP SHOULD be sent with a zero
 * checksum and receivers accept either. ns-3's UDP verifies every
 * checksum it receives (it has no "zero means none" rule), so with
 * ChecksumEnabled the checksum is real, which receivers must accept.
 */
class UdpEncapsulation : public Object
{
  public:
    static TypeId GetTypeId();
    UdpEncapsulation();
    ~UdpEncapsulation() override;

    /// Open the ports on \p node; called by IpsecStack.
    void Setup(Ptr<Node> node, Ptr<IpsecStack> stack);
    /// \return true for the IKE and NAT-T ports this object owns
    bool IsOwnPort(uint16_t port) const;
    uint16_t GetIkePort() const;
    uint16_t GetNattPort() const;

    /// (message, local endpoint it arrived on, remote endpoint it came from)
    typedef Callback<void, Ptr<Packet>, const InetSocketAddress&, const InetSocketAddress&>
        IkeReceiveCallback;
    void SetIkeReceiveCallback(IkeReceiveCallback callback);
    /// Send an IKE message (the marker is added when neither port is the IKE port).
    void SendIke(Ptr<Packet> message,
                 const InetSocketAddress& local,
                 const InetSocketAddress& remote);

    /// Send a finished ESP packet as \p sa's encapsulation says.
    void SendEsp(Ptr<Packet> esp, Ptr<const SecurityAssociation> sa);

    /// NAT-keepalives from \p local to \p remote every KeepaliveInterval.
    void StartKeepalive(const InetSocketAddress& local, const InetSocketAddress& remote);
    void StopKeepalive(const InetSocketAddress& remote);
    /// draft-stenberg heartbeat pings (the IKE initiator's side, 3.3).
    void StartHeartbeat(const InetSocketAddress& local, const InetSocketAddress& remote);
    void StopHeartbeat(const InetSocketAddress& remote);

    uint64_t GetKeepalivesSent() const;
    uint64_t GetKeepalivesReceived() const;
    uint64_t GetHeartbeatsSent() const;     ///< pings
    uint64_t GetHeartbeatsReceived() const; ///< pings
    uint64_t GetHeartbeatRepliesSent() const;
    uint64_t GetHeartbeatRepliesReceived() const;
    uint64_t GetIkeSent() const;
    uint64_t GetIkeReceived() const;
    uint64_t GetEspSent() const;
    uint64_t GetEspReceived() const;

    /// (packet, what it is: "keepalive", "ike", "esp", "heartbeat-ping", ...)
    typedef void (*KindTracedCallback)(Ptr<const Packet> packet, const std::string& kind);

  protected:
    void DoDispose() override;

  private:
    typedef std::pair<uint32_t, uint16_t> PeerKey;
    static PeerKey Key(const InetSocketAddress& address);

    /// Listen on \p port (once): a UDP endpoint bound to any address.
    void Open(uint16_t port);
    /// A datagram for \p port, its UDP header removed.
    void ForwardUp(Ptr<Packet> packet,
                   const Ipv4Header& header,
                   uint16_t sourcePort,
                   Ptr<Ipv4Interface> interface,
                   uint16_t port);
    void ReceiveNatt(Ptr<Packet> packet,
                     const InetSocketAddress& local,
                     const InetSocketAddress& remote,
                     Ptr<Ipv4Interface> interface);
    void ReceiveIkePort(Ptr<Packet> packet,
                        const InetSocketAddress& local,
                        const InetSocketAddress& remote,
                        Ptr<Ipv4Interface> interface);
    void SendRaw(Ptr<Packet> packet, uint16_t localPort, const InetSocketAddress& remote);
    void SendKeepalive(InetSocketAddress local, InetSocketAddress remote);
    void SendHeartbeat(InetSocketAddress local, InetSocketAddress remote);
    void DeliverIke(Ptr<Packet> message,
                    const InetSocketAddress& local,
                    const InetSocketAddress& remote);
    bool HasSaWith(const InetSocketAddress& peer) const;

    Ptr<Node> m_node;
    Ptr<IpsecStack> m_stack;
    Ptr<Ipv4L3Protocol> m_ipv4; ///< the node's, found in Setup
    Ptr<UdpL4Protocol> m_udp;   ///< the node's, found in Setup
    uint16_t m_ikePort;
    uint16_t m_nattPort;
    Time m_keepaliveInterval;
    Time m_heartbeatInterval;
    std::map<uint16_t, Ipv4EndPoint*> m_endPoints; ///< by port; owned by UDP
    std::map<PeerKey, EventId> m_keepalives;
    std::map<PeerKey, EventId> m_heartbeats;
    std::map<PeerKey, Time> m_lastHeartbeatReply;
    IkeReceiveCallback m_ikeReceive;
    uint16_t m_envelopeId{0};

    uint64_t m_keepalivesSent{0};
    uint64_t m_keepalivesReceived{0};
    uint64_t m_heartbeatsSent{0};
    uint64_t m_heartbeatsReceived{0};
    uint64_t m_heartbeatRepliesSent{0};
    uint64_t m_heartbeatRepliesReceived{0};
    uint64_t m_ikeSent{0};
    uint64_t m_ikeReceived{0};
    uint64_t m_espSent{0};
    uint64_t m_espReceived{0};
    TracedCallback<Ptr<const Packet>, const std::string&> m_rxTrace;
    TracedCallback<Ptr<const Packet>, const std::string&> m_txTrace;
};

} // namespace ns3

#endif /* NATT_UDP_ENCAPSULATION_H */
