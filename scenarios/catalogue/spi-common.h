/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What the RFC 3715 2.1 f and 2.2 k-m entries share: a telecommuting
// topology (hosts behind a NAT, a VPN gateway in front of a server subnet),
// manually keyed tunnel-mode SAs from each host to the gateway, and small
// readers of the models' counters.
#ifndef NATT_SPI_COMMON_H
#define NATT_SPI_COMMON_H

#include "lab.h"

#include "ns3/ike-config.h"
#include "ns3/ike-ports.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/nat-engine.h"

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace natt
{
namespace spi
{

/**
 * The telecommuters' internet:
 *
 *   host-1 .. host-N -- nat ==== internet ==== gateway -- server
 *   (10.0.0.0/24)                                  (172.16.0.0/24)
 *
 * The server's subnet is private to the gateway: only tunnel-mode SAs
 * reach it, as in a remote-access VPN (RFC 3715 3, telecommuter).
 */
struct Telecommute
{
    ns3::Ptr<ns3::Node> nat;
    ns3::Ptr<ns3::Node> gateway;
    ns3::Ptr<ns3::Node> server;
    std::vector<ns3::Ptr<ns3::Node>> hosts;
};

/**
 * Add the topology to \p lab (before Lab::Build); \p nat is the NAT's
 * preset and attributes. With \p switched the hosts reach nat through an
 * Ethernet switch (Lab::AddSwitchedHost) instead of one shared medium.
 */
Telecommute AddTelecommute(Lab& lab,
                           const ns3::NatHelper& nat,
                           uint32_t hosts,
                           bool switched = false);

/**
 * Let every ARP cache of \p lab's nodes queue up to \p packets per
 * unresolved neighbour (ns-3 keeps 3), and every device's transmit queue
 * hold at least as many (ns-3 keeps 100), since the ARP queue is flushed
 * into the device at once when the neighbour answers. Manually keyed SAs
 * start cold: the first packets of many hosts reach a router together
 * before it has resolved its next hop, which IKE's exchanges would
 * otherwise have done; Linux queues 64 KB per neighbour
 * (unres_qlen_bytes) and 1000 packets per device (txqueuelen). An entry
 * whose hosts all start at once passes its host count, the most first
 * packets that can meet one cold neighbour. Call after Build.
 */
void QueueWhileResolving(const Lab& lab, uint32_t packets = 64);

/**
 * The RFC 3948 source port of the \p index-th host (from 0): a port of its
 * own, which a port-preserving NAT keeps, so a manually keyed gateway knows
 * where to send each host's ESP; the first host's is 4500.
 */
uint16_t EncapsulationPort(uint32_t index);

/// How one host's tunnel to the gateway is keyed.
struct TunnelSpec
{
    /// NONE: ESP as IP protocol 50; UDP_ENCAP: RFC 3948; STENBERG: draft-stenberg on UDP 500.
    ns3::IpsecEncapsulation::Type encapsulation{ns3::IpsecEncapsulation::NONE};
    /// The host's UDP source port for RFC 3948 encapsulation.
    uint16_t hostPort{ns3::IKE_NAT_T_UDP_PORT};
    /// Where the host draws the SPI of its inbound SA from (RFC 4303 2.1).
    uint32_t inboundSpiFirst{256};
    uint32_t inboundSpiLast{0xfffffff0};
};

/**
 * Tunnel-mode SAs between \p host (inner address: its own LAN address)
 * and the gateway (inner: the server subnet). The gateway sends to the
 * NAT's outside address; with UDP encapsulation to the host's port, which
 * the port-preserving NATs of these entries keep (with IKE the gateway
 * would learn it from the packets, RFC 7296 2.23).
 */
ns3::IpsecHelper::Pair AddHostTunnel(ns3::IpsecHelper& ipsec,
                                     const Lab& lab,
                                     const Telecommute& net,
                                     ns3::Ptr<ns3::Node> host,
                                     const TunnelSpec& spec);

/// What a one-way UDP stream sent and what arrived.
struct StreamFlow
{
    uint32_t sent{0};
    uint32_t received{0};
};

/**
 * An unmodified OnOffApplication on \p client sending \p count UDP
 * datagrams of \p size bytes, one every \p interval from \p start, to a
 * PacketSink on \p server (at \p serverAddress, port \p port).
 */
std::shared_ptr<StreamFlow> AddUdpStream(ns3::Ptr<ns3::Node> client,
                                         ns3::Ptr<ns3::Node> server,
                                         ns3::Ipv4Address serverAddress,
                                         uint16_t port,
                                         uint32_t count,
                                         ns3::Time interval,
                                         uint32_t size,
                                         ns3::Time start);

/// ESP with AES-CBC-128 and HMAC-SHA1-96 (RFC 4835), keys drawn by the helper.
ns3::IpsecHelper::Options EspOptions(ns3::IpsecEncapsulation::Type encapsulation);

/// \return "works" or "fails"
inline std::string
Outcome(bool works)
{
    return works ? "works" : "fails";
}

/**
 * Watches the fragments a NAT sends out: counts them, and counts datagrams
 * whose fragments, after translation, share (source, destination,
 * protocol, ID) with an unfinished datagram of another inside host. These
 * are metrics of what left the NAT; the symptom comes from what the
 * receiver lost (its reassembly timeouts and checksum failures).
 */
class FragmentWatch
{
  public:
    void Connect(ns3::Ptr<ns3::NatEngine> nat);
    uint64_t GetFragments() const;
    uint64_t GetCollisions() const;

  private:
    struct Datagram
    {
        ns3::Ipv4Address owner;
        uint32_t covered{0};
        uint32_t total{0}; ///< known once the last fragment passed
        bool collided{false};
    };

    void Translated(ns3::Ptr<const ns3::Packet> packet,
                    const ns3::Ipv4Header& original,
                    const ns3::Ipv4Header& translated,
                    ns3::NatEngine::Direction direction);

    std::map<std::tuple<uint32_t, uint32_t, uint8_t, uint16_t>, Datagram> m_datagrams;
    uint64_t m_fragments{0};
    uint64_t m_collisions{0};
};

/**
 * \p config authenticates with \p entity ("chain-client" or
 * "chain-gateway") at chain depth \p depth of the test PKI
 * (test/data/pki): its certificate is issued by chain-ca-depth (root-ca
 * for 0) and it sends the \p depth CA certificates above it, so the peer
 * can build the path to the root it trusts (RFC 7296 3.6, RFC 4945 3.2).
 * \return the bytes of certificates it sends
 */
std::size_t UseChain(ns3::IkePeerConfig& config, const std::string& entity, uint32_t depth);

} // namespace spi
} // namespace natt

#endif /* NATT_SPI_COMMON_H */
