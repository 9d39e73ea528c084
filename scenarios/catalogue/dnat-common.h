/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What dnat-ports and dnat-spi share (3Com DNAT disclosure, seed 003): a
// DNAT router with hosts behind it and a public server, the router's and
// hosts' DNAT installed after Lab::Build, and a watch that compares the
// transport bytes on the router's two sides.
#ifndef NATT_DNAT_COMMON_H
#define NATT_DNAT_COMMON_H

#include "lab.h"

#include "ns3/dnat-host.h"
#include "ns3/dnat-router.h"
#include "ns3/ike-daemon.h"
#include "ns3/inet-socket-address.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace natt
{
namespace dnat
{

/**
 *   host-1 .. host-N -- dnat-router ==== internet ==== server
 *   (10.0.0.0/24, tunnelled to the router)   (public)
 */
struct Net
{
    ns3::Ptr<ns3::Node> router;
    ns3::Ptr<ns3::Node> server;
    std::vector<ns3::Ptr<ns3::Node>> hosts;
    ns3::Ptr<ns3::DnatRouter> dnat;
    std::vector<ns3::Ptr<ns3::DnatHost>> dnatHosts;
};

/// Add the nodes to \p lab (before Lab::Build).
Net AddNet(Lab& lab, uint32_t hosts);

/**
 * Install the DNAT router and host-side DNAT (after Lab::Build); the hosts
 * send their REQUEST 10 ms apart from 0.1 s. \p leaseTime is the router's.
 */
void Install(const Lab& lab, Net& net, ns3::Time leaseTime);

/**
 * Compares what the router receives and sends: the transport bytes (TCP,
 * UDP, ESP, AH header and payload, everything after the inner IP header)
 * of each packet taken out of a host's tunnel against those of the packets
 * leaving on the global side, and inbound the reverse. A packet counts as
 * identical when the same bytes left the other side.
 */
class TransportWatch
{
  public:
    void Connect(const Net& net);
    /// Packets whose transport bytes crossed the router unchanged, each way.
    uint64_t GetIdentical() const;
    /// Packets that left with transport bytes no arriving packet had.
    uint64_t GetChanged() const;
    /// Mean bytes the local header adds on the host-router leg (per matched packet).
    double GetHostLegOverhead() const;
    /// Mean bytes a packet on the Internet leg has beyond what the host built (per matched packet).
    double GetInternetOverhead() const;

  private:
    void Rx(ns3::Ptr<const ns3::Packet> packet, ns3::Ptr<ns3::Ipv4> ipv4, uint32_t interface);
    void Tx(ns3::Ptr<const ns3::Packet> packet, ns3::Ptr<ns3::Ipv4> ipv4, uint32_t interface);
    /// Record arriving \p key (inner IP size \p innerSize, wire size \p wireSize) in \p pending.
    void Match(std::multimap<std::string, std::pair<uint32_t, uint32_t>>& pending,
               const std::string& key,
               uint32_t innerSize,
               uint32_t wireSize,
               bool fromTunnel);

    uint32_t m_lan{0};
    uint32_t m_global{0};
    ns3::Ipv4Address m_globalAddress;
    /// transport bytes -> (inner IP size, size on the wire where it arrived)
    std::multimap<std::string, std::pair<uint32_t, uint32_t>> m_outbound;
    std::multimap<std::string, std::pair<uint32_t, uint32_t>> m_inbound;
    uint64_t m_identical{0};
    uint64_t m_changed{0};
    uint64_t m_hostLegBytes{0};
    uint64_t m_internetBytes{0};
};

/// What one application flow sent and what its sink received.
struct Flow
{
    uint64_t bytesToSend{0};
    uint64_t bytesReceived{0};
};

/**
 * An unmodified ns-3 application on \p client bound to \p local (the
 * router's global address and a port of the host's block, as DNAT hosts
 * choose source ports, seed 003): BulkSend over TCP, or OnOff over UDP
 * (200-byte datagrams every 100 ms), \p bytes in all, from \p start
 * (absolute), to a PacketSink on \p server at \p serverAddress : \p port.
 */
std::shared_ptr<Flow> AddFlow(bool tcp,
                              ns3::Ptr<ns3::Node> client,
                              ns3::Ptr<ns3::Node> server,
                              ns3::Ipv4Address serverAddress,
                              uint16_t port,
                              const ns3::InetSocketAddress& local,
                              uint64_t bytes,
                              ns3::Time start);

/**
 * The remote's use of a DNAT host's LCA certificate (seed 003: the binding
 * assures the remote "that the local host has the right to use" the global
 * address and "the range of port numbers"). IKE has verified the
 * certificate against the router's CA; on each child SA the remote's
 * daemon installs, the peer's certificate must carry natt's DnatBinding
 * naming the address the IKE SA runs to, the SPI the remote sends to must
 * be in its SPI range and the ports the SA selects in its port range.
 * Otherwise the remote deletes the SA pair, so no traffic flows on it, and
 * counts a refusal.
 */
class LcaCheck
{
  public:
    void Connect(ns3::Ptr<ns3::IkeDaemon> remote);
    /// Child SAs whose ranges matched the certificate, and refused ones.
    uint32_t GetMatched() const;
    uint32_t GetRefused() const;

  private:
    void ChildSa(ns3::Ptr<const ns3::IkeSa> sa, const ns3::IkeChildSa& child);

    ns3::Ptr<ns3::IkeDaemon> m_daemon;
    uint32_t m_matched{0};
    uint32_t m_refused{0};
};

/// The allocation protocol's bytes on the wire (UDP payload + 28 of IPv4 and UDP), all hosts.
double AllocationWireBytes(const Net& net);

} // namespace dnat
} // namespace natt

#endif /* NATT_DNAT_COMMON_H */
