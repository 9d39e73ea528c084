/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_LAB_PROBE_H
#define NATT_LAB_PROBE_H

#include "scenario.h"

#include "ns3/ipsec-stack.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/packet.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace natt
{

/**
 * Which drops LabProbe::CountNatDrops counts: a drop counts when it
 * matches every field that is set.
 */
struct NatDropFilter
{
    /// IP protocol of the dropped packet (17 UDP, 50 ESP, ...); 0: any.
    uint8_t protocol{0};
    /// UDP or TCP ports, source or destination; empty: any. Packets without
    /// ports (ESP, later fragments) match no port.
    std::vector<uint16_t> ports;
    /// UDP or TCP destination ports; empty: any.
    std::vector<uint16_t> destinationPorts;
    /// NatEngine drop reason names ("no-mapping", "firewall", ...); empty: any.
    std::vector<std::string> reasons;

    /// ESP (IP protocol 50) dropped for \p reasons.
    static NatDropFilter Esp(std::vector<std::string> reasons = {});
    /// IKE: UDP to or from port 500 or, after NAT-T's float, 4500 (RFC 3947
    /// 4, RFC 7296 2.23), dropped for \p reasons.
    static NatDropFilter Ike(std::vector<std::string> reasons = {});
};

/**
 * What a Lab's run observed: the probe connects counters to the traces of
 * every model on the lab's nodes (IPsec stacks and their UDP
 * encapsulation, IKE daemons, NATs, IP stacks) before the simulation runs,
 * and entries read them to decide their outcome and fill DESIGN section
 * 4's standard metrics.
 *
 * Drops are read one way for every component: each one's Drop trace,
 * (packet, reason) with the reasons its class declares (DropCounter),
 * lands in one table that every drop getter below reads.
 */
class LabProbe
{
  public:
    LabProbe();
    ~LabProbe();
    LabProbe(const LabProbe&) = delete;
    LabProbe& operator=(const LabProbe&) = delete;

    /// Connect the counters to every model on \p nodes; once, before the simulation runs.
    void Connect(const ns3::NodeContainer& nodes);

    /// IPsec drops summed over all nodes (all reasons when \p reason is empty).
    uint64_t GetIpsecDrops(const std::string& reason = "") const;
    /// IPsec drops on \p node.
    uint64_t GetIpsecDrops(ns3::Ptr<ns3::Node> node, const std::string& reason = "") const;
    /// IPsec drops for \p reason in \p protocol's processing (ESP or AH), summed over all nodes.
    uint64_t GetIpsecDrops(const std::string& reason, ns3::IpsecProtocol protocol) const;
    /// NAT drops summed over all NATs (all reasons when \p reason is empty).
    uint64_t GetNatDrops(const std::string& reason = "") const;
    /// NAT drops summed over all NATs, of the protocol, ports and reasons \p filter names.
    uint64_t CountNatDrops(const NatDropFilter& filter) const;
    /**
     * Packets \p node's own IP stack lost: ns-3's Ipv4L3Protocol drops by
     * reason ("fragment-timeout": an RFC 791 reassembly that never
     * completed; "ttl-expired", "no-route", "bad-checksum",
     * "interface-down", "route-error", "duplicate"), and UDP_CHECKSUM_DROP /
     * TCP_CHECKSUM_DROP: plaintext UDP or TCP refused for its checksum (a
     * datagram reassembled from fragments of different datagrams fails
     * it). All reasons when \p reason is empty.
     */
    uint64_t GetIpDrops(ns3::Ptr<ns3::Node> node, const std::string& reason = "") const;
    /// GetIpDrops's reasons for UDP / TCP that IpsecPlaintextFilter saw fail its checksum.
    static constexpr const char* UDP_CHECKSUM_DROP = "udp-checksum";
    static constexpr const char* TCP_CHECKSUM_DROP = "tcp-checksum";
    /// IKE failures summed over all daemons (all reasons when empty).
    uint64_t GetIkeFailures(const std::string& reason = "") const;
    /// IKE messages dropped before reaching an SA, by reason.
    uint64_t GetIkeDrops(const std::string& reason = "") const;
    /// IKE SAs established (counted once, on the initiator).
    uint64_t GetIkeSasEstablished() const;
    /// Child SA pairs negotiated (counted once, on the initiator side of the exchange).
    uint64_t GetChildSas() const;
    /// IKE messages sent (both sides, retransmissions included).
    uint64_t GetIkeMessagesSent() const;
    uint64_t GetIkeRetransmissions() const;
    /// Mean time from an initiator's first message to its SA's establishment.
    double GetSetupTimeMs() const;
    /// ESP packets protected / accepted (both directions, all nodes).
    uint64_t GetEspSent() const;
    uint64_t GetEspDelivered() const;
    /// ESP packets accepted by \p node.
    uint64_t GetEspDelivered(ns3::Ptr<ns3::Node> node) const;
    /// Bytes of RFC 3948 keepalives and draft-stenberg heartbeats on the wire (IP + UDP).
    uint64_t GetKeepaliveBytes() const;
    /// NAT mappings that expired.
    uint64_t GetMappingsExpired() const;
    /**
     * Drops of an adversary's packets (those with a HostileTag), by where
     * and why: "ipsec:replay", "ike:no-sa", "nat:no-mapping", "ip:no-route".
     */
    std::map<std::string, uint64_t> GetHostileDrops() const;
    /// The HostileTag numbers of the adversary's packets some model dropped.
    std::set<uint32_t> GetHostilePacketsDropped() const;

    /**
     * Fill DESIGN section 4's standard metrics from the counters:
     * ike_sas_established, esp_sent, esp_delivered, esp_dropped,
     * setup_time_ms and ike_messages (when an IKE SA was set up),
     * keepalive_bytes, nat_dropped.
     */
    void FillMetrics(ResultRow& row) const;

  private:
    struct Counters;
    /// Where a drop was counted (the drop table's first column).
    enum class DropSource : uint8_t;
    struct DropKey;

    /// Count \p node's IP-layer losses (GetIpDrops).
    void ConnectIpDrops(ns3::Ptr<ns3::Node> node);
    /// Connect \p component's Drop trace, (packet, reason), to the drop table.
    void ConnectDrops(ns3::Ptr<ns3::Object> component, DropSource source, uint32_t node);
    /// Count one drop from \p source on \p node in \p drops.
    static void CountDrop(std::map<DropKey, uint64_t>* drops,
                          DropSource source,
                          uint32_t node,
                          ns3::Ptr<const ns3::Packet> dropped,
                          const char* reason);
    /**
     * The one drop lookup: drops from \p source, on \p node (every node
     * when null), that \p filter matches (protocol and ports only NAT
     * drops carry).
     */
    uint64_t CountDrops(DropSource source,
                        ns3::Ptr<ns3::Node> node,
                        const NatDropFilter& filter) const;

    ns3::NodeContainer m_nodes;
    std::unique_ptr<Counters> m_counters;
};

} // namespace natt

#endif /* NATT_LAB_PROBE_H */
