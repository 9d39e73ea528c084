/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RSIP_GATEWAY_H
#define NATT_RSIP_GATEWAY_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/drop-counter.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/nstime.h"
#include "ns3/rsip-message.h"
#include "ns3/traced-callback.h"

#include <map>
#include <vector>

namespace ns3
{

class Ipv4Header;
class IpIpTunnelNetDevice;
class Socket;
class Packet;

/**
 * \ingroup natt
 * \brief An RSIP gateway (RFC 3102 2.1, RFC 3103) for RSAP-IP with ports
 * and with SPIs (RFC 3104).
 *
 * It answers RSIP on UDP 4555 of its inside address: a host registers
 * (REGISTER_REQUEST), is assigned the gateway's external address with a
 * range of ports (ASSIGN_REQUEST_RSAP-IP) or of SPIs
 * (ASSIGN_REQUEST_RSIPSEC), extends the bindings before their lease runs
 * out (EXTEND_REQUEST) and de-registers. Registration makes an IP-in-IP
 * tunnel to the host (RFC 3103 3.3.6 tunnel type 1, RFC 2003).
 *
 * Data plane (RFC 3102 4): what a host sends through its tunnel, already
 * with the external address as source, is forwarded as it is. Packets for
 * the external address are demultiplexed by (UDP or TCP, destination
 * port) or (ESP, SPI) / (AH, SPI) to the bound host's tunnel; those no
 * lease covers are dropped and counted (no-binding). Install puts the
 * demultiplexer on the node's routing path (a wrapper of its routing
 * protocol, as NatRoutingProtocol is).
 */
class RsipGateway : public Application
{
  public:
    /// UDP, TCP, ESP or AH for the external address that no live binding covers.
    static constexpr const char* NO_BINDING_DROP = "no-binding";
    /// An RSIP message the parser refused.
    static constexpr const char* MALFORMED_DROP = "rsip-malformed";

    static TypeId GetTypeId();
    RsipGateway();
    ~RsipGateway() override;

    /// The addresses it assigns (outside) and answers RSIP on (inside).
    void SetAddresses(Ipv4Address external, Ipv4Address internal);
    /// Wrap \p node's routing protocol with this gateway's demultiplexer; call once.
    void InstallDemux(Ptr<Node> node);

    /**
     * The host's tunnel for an inbound packet to the external address,
     * or null (counted as no-binding when \p count) when no live binding
     * holds its (protocol, port) or (protocol, SPI). \p payload starts
     * after the IPv4 header.
     */
    Ptr<IpIpTunnelNetDevice> Demultiplex(Ptr<const Packet> payload,
                                         const Ipv4Header& header,
                                         bool count = true);
    Ipv4Address GetExternalAddress() const;
    Ipv4Address GetInternalAddress() const;

    uint64_t GetDropCount(const std::string& reason = "") const;
    /// Packets demultiplexed to a host's tunnel.
    uint64_t GetDemultiplexedCount() const;
    /// Clients registered now, and bindings assigned so far.
    uint32_t GetClientCount() const;
    uint32_t GetAssignedCount() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void Receive(Ptr<Socket> socket);
    void Process(Ptr<Packet> packet, Address from);
    void Drop(Ptr<const Packet> packet, const char* reason);

    /// One assignment (RFC 3103 2.2 "bind"): ports or SPIs, until expiry.
    struct Binding
    {
        uint32_t clientId;
        bool spis; ///< SPIs (RSIPsec) rather than ports
        uint32_t first;
        uint32_t count;
        Time expiry;
    };

    struct Client
    {
        Ipv4Address host;
        Ptr<IpIpTunnelNetDevice> tunnel;
    };

    /// The answer to \p request from \p host.
    RsipMessage Answer(const RsipMessage& request, Ipv4Address host);
    RsipMessage Assign(const RsipMessage& request, uint32_t clientId, bool spis);
    static RsipMessage ErrorMessage(uint16_t error);
    const Binding* FindBinding(bool spis, uint32_t value) const;

    Ipv4Address m_external;
    Ipv4Address m_internal;
    Time m_leaseTime;
    uint16_t m_firstPort;
    uint16_t m_lastPort;
    uint32_t m_defaultPorts;
    uint32_t m_firstSpi;
    uint32_t m_defaultSpis;
    uint16_t m_nextPort;
    uint32_t m_nextSpi;
    uint32_t m_nextClientId;
    uint32_t m_nextBindId;
    Ptr<Socket> m_socket;
    std::map<uint32_t, Client> m_clients;   ///< by client ID
    std::map<uint32_t, Binding> m_bindings; ///< by bind ID
    DropCounter m_drops;
    uint64_t m_demultiplexed;
    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
};

} // namespace ns3

#endif /* NATT_RSIP_GATEWAY_H */
