/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lab-probe.h"

#include "ns3/core-module.h"
#include "ns3/drop-counter.h"
#include "ns3/hostile-tag.h"
#include "ns3/ike-daemon.h"
#include "ns3/ike-ports.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-plaintext-filter.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-engine.h"
#include "ns3/udp-encapsulation.h"

#include <algorithm>
#include <tuple>

using namespace ns3;

namespace natt
{

/// Where a drop was counted.
enum class LabProbe::DropSource : uint8_t
{
    IP,    ///< the node's Ipv4L3Protocol, or UDP / TCP refusing a checksum
    IPSEC, ///< IpsecStack
    NAT,   ///< NatEngine
    IKE,   ///< IkeDaemon
};

/**
 * One row of the drop table: where, on which node and why. NAT drops also
 * keep the IP protocol and the UDP / TCP ports of the dropped packet (0
 * without), for NatDropFilter.
 */
struct LabProbe::DropKey
{
    DropSource source;
    uint32_t node;
    std::string reason;
    uint8_t protocol{0};
    uint16_t sourcePort{0};
    uint16_t destinationPort{0};
    /// The HostileTag number of an adversary's packet; 0 for every other.
    uint32_t hostile{0};

    bool operator<(const DropKey& other) const
    {
        return std::tie(source, node, reason, protocol, sourcePort, destinationPort, hostile) <
               std::tie(other.source,
                        other.node,
                        other.reason,
                        other.protocol,
                        other.sourcePort,
                        other.destinationPort,
                        other.hostile);
    }
};

/// What the traces counted while the simulation ran.
struct LabProbe::Counters
{
    DropCounter ikeFailures;
    uint64_t ikeEstablished{0};
    uint64_t childSas{0};
    uint64_t ikeSent{0};
    uint64_t ikeRetransmissions{0};
    double setupTimeSumMs{0};
    uint64_t setupCount{0};
    std::map<std::pair<uint32_t, std::string>, bool> peersSetUp;
    uint64_t espSent{0};
    std::map<uint32_t, uint64_t> espDelivered;
    uint64_t keepaliveBytes{0};
    uint64_t mappingsExpired{0};
    /// Every component's drops: the one table the drop getters read (CountDrops).
    std::map<DropKey, uint64_t> drops;
};

namespace
{

/// The stable name of an ns-3 Ipv4L3Protocol drop reason.
std::string
Ipv4DropName(Ipv4L3Protocol::DropReason reason)
{
    switch (reason)
    {
    case Ipv4L3Protocol::DROP_TTL_EXPIRED:
        return "ttl-expired";
    case Ipv4L3Protocol::DROP_NO_ROUTE:
        return "no-route";
    case Ipv4L3Protocol::DROP_BAD_CHECKSUM:
        return "bad-checksum";
    case Ipv4L3Protocol::DROP_INTERFACE_DOWN:
        return "interface-down";
    case Ipv4L3Protocol::DROP_ROUTE_ERROR:
        return "route-error";
    case Ipv4L3Protocol::DROP_FRAGMENT_TIMEOUT:
        return "fragment-timeout";
    case Ipv4L3Protocol::DROP_DUPLICATE:
        return "duplicate";
    }
    return "ipv4-drop-" + std::to_string(static_cast<int>(reason));
}

/// What a keepalive or heartbeat costs on the wire beyond its UDP payload.
uint32_t
IpUdpHeaderBytes()
{
    return Ipv4Header().GetSerializedSize() + UdpHeader().GetSerializedSize();
}

} // namespace

/**
 * A drop from any component's Drop trace, (packet, reason). A NAT's
 * packet starts with its IPv4 header, so a UDP or TCP first fragment has
 * its ports after it.
 */
void
LabProbe::CountDrop(std::map<DropKey, uint64_t>* drops,
                    DropSource source,
                    uint32_t node,
                    Ptr<const Packet> dropped,
                    const char* reason)
{
    DropKey key{source, node, reason};
    HostileTag tag;
    if (dropped->PeekPacketTag(tag))
    {
        key.hostile = tag.GetId();
    }
    if (source == DropSource::NAT)
    {
        Ptr<Packet> packet = dropped->Copy();
        Ipv4Header header;
        packet->RemoveHeader(header);
        key.protocol = header.GetProtocol();
        uint8_t ports[4];
        if ((key.protocol == TcpL4Protocol::PROT_NUMBER ||
             key.protocol == UdpL4Protocol::PROT_NUMBER) &&
            header.GetFragmentOffset() == 0 && packet->GetSize() >= sizeof(ports))
        {
            packet->CopyData(ports, sizeof(ports));
            key.sourcePort = (ports[0] << 8) | ports[1];
            key.destinationPort = (ports[2] << 8) | ports[3];
        }
    }
    ++(*drops)[key];
}

NatDropFilter
NatDropFilter::Esp(std::vector<std::string> reasons)
{
    NatDropFilter filter;
    filter.protocol = IPSEC_PROTOCOL_ESP;
    filter.reasons = std::move(reasons);
    return filter;
}

NatDropFilter
NatDropFilter::Ike(std::vector<std::string> reasons)
{
    NatDropFilter filter;
    filter.protocol = UdpL4Protocol::PROT_NUMBER;
    filter.ports = {IKE_UDP_PORT, IKE_NAT_T_UDP_PORT};
    filter.reasons = std::move(reasons);
    return filter;
}

LabProbe::LabProbe()
    : m_counters(std::make_unique<Counters>())
{
}

LabProbe::~LabProbe() = default;

void
LabProbe::Connect(const NodeContainer& nodes)
{
    m_nodes = nodes;
    Counters* c = m_counters.get();
    for (auto it = m_nodes.Begin(); it != m_nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        uint32_t nodeId = node->GetId();
        if (Ptr<IpsecStack> stack = node->GetObject<IpsecStack>())
        {
            ConnectDrops(stack, DropSource::IPSEC, nodeId);
            stack->TraceConnectWithoutContext(
                "Protect",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const Packet>, Ptr<const SecurityAssociation> sa) {
                        if (sa->GetParameters().protocol == IPSEC_PROTOCOL_ESP)
                        {
                            ++k->espSent;
                        }
                    },
                    c));
            stack->TraceConnectWithoutContext("Accept",
                                              MakeBoundCallback(
                                                  +[](Counters* k,
                                                      uint32_t id,
                                                      Ptr<const Packet>,
                                                      Ptr<const SecurityAssociation> sa) {
                                                      if (sa->GetParameters().protocol ==
                                                          IPSEC_PROTOCOL_ESP)
                                                      {
                                                          ++k->espDelivered[id];
                                                      }
                                                  },
                                                  c,
                                                  nodeId));
            // RFC 3948 4: a keepalive is one octet in UDP; a heartbeat is
            // draft-stenberg's; both cost IP + UDP headers on the wire.
            stack->GetUdpEncapsulation()->TraceConnectWithoutContext(
                "Tx",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const Packet> p, const std::string& kind) {
                        if (kind == "keepalive" || kind.rfind("heartbeat", 0) == 0)
                        {
                            k->keepaliveBytes += p->GetSize() + IpUdpHeaderBytes();
                        }
                    },
                    c));
        }
        if (Ptr<IkeDaemon> daemon = node->GetObject<IkeDaemon>())
        {
            daemon->TraceConnectWithoutContext(
                "Sent",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const IkeSa>, Ptr<const Packet>) { ++k->ikeSent; },
                    c));
            daemon->TraceConnectWithoutContext(
                "Retransmit",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const IkeSa>, Ptr<const Packet>) {
                        ++k->ikeRetransmissions;
                    },
                    c));
            daemon->TraceConnectWithoutContext(
                "Failure",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const IkeSa>, const std::string& why) {
                        k->ikeFailures.Count(why.c_str());
                    },
                    c));
            ConnectDrops(daemon, DropSource::IKE, nodeId);
            daemon->TraceConnectWithoutContext(
                "Established",
                MakeBoundCallback(
                    +[](Counters* k, uint32_t id, Ptr<const IkeSa> sa) {
                        if (!sa->IsInitiator())
                        {
                            return;
                        }
                        ++k->ikeEstablished;
                        // Setup time counts each peer's first SA only: a
                        // rekey's CREATE_CHILD_SA is not a setup.
                        auto key = std::make_pair(id, sa->GetConfig().name);
                        if (!k->peersSetUp[key])
                        {
                            k->peersSetUp[key] = true;
                            k->setupTimeSumMs +=
                                (sa->GetEstablishedTime() - sa->GetStartTime()).GetSeconds() *
                                1000.0;
                            ++k->setupCount;
                        }
                    },
                    c,
                    nodeId));
            daemon->TraceConnectWithoutContext(
                "ChildSa",
                MakeBoundCallback(
                    +[](Counters* k, Ptr<const IkeSa> sa, const IkeChildSa&) {
                        if (sa->IsInitiator())
                        {
                            ++k->childSas;
                        }
                    },
                    c));
        }
        if (Ptr<NatEngine> nat = node->GetObject<NatEngine>())
        {
            nat->TraceConnectWithoutContext(
                "MappingExpired",
                MakeBoundCallback(
                    +[](Counters* k, const NatMappingInfo&, const std::string&) {
                        ++k->mappingsExpired;
                    },
                    c));
            ConnectDrops(nat, DropSource::NAT, nodeId);
        }
        ConnectIpDrops(node);
    }
}

void
LabProbe::ConnectIpDrops(Ptr<Node> node)
{
    Counters* c = m_counters.get();
    uint32_t nodeId = node->GetId();
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    if (!ipv4)
    {
        return; // a switch
    }
    ipv4->TraceConnectWithoutContext(
        "Drop",
        MakeBoundCallback(
            +[](Counters* k,
                uint32_t id,
                const Ipv4Header&,
                Ptr<const Packet> packet,
                Ipv4L3Protocol::DropReason reason,
                Ptr<Ipv4>,
                uint32_t) {
                CountDrop(&k->drops, DropSource::IP, id, packet, Ipv4DropName(reason).c_str());
            },
            c,
            nodeId));
    // ns-3's UDP and TCP drop a bad checksum without a trace; the IPsec
    // stack's plaintext filter in front of them reports it.
    for (auto [protocol, reason] : {std::make_pair(TcpL4Protocol::PROT_NUMBER, TCP_CHECKSUM_DROP),
                                    std::make_pair(UdpL4Protocol::PROT_NUMBER, UDP_CHECKSUM_DROP)})
    {
        if (auto filter = DynamicCast<IpsecPlaintextFilter>(ipv4->GetProtocol(protocol)))
        {
            filter->TraceConnectWithoutContext(
                "ChecksumFailure",
                MakeBoundCallback(
                    +[](Counters* k,
                        uint32_t id,
                        const char* why,
                        const Ipv4Header&,
                        Ptr<const Packet> packet) {
                        CountDrop(&k->drops, DropSource::IP, id, packet, why);
                    },
                    c,
                    nodeId,
                    reason));
        }
    }
}

void
LabProbe::ConnectDrops(Ptr<Object> component, DropSource source, uint32_t node)
{
    component->TraceConnectWithoutContext(
        "Drop",
        MakeBoundCallback(&LabProbe::CountDrop, &m_counters->drops, source, node));
}

namespace
{

/// Drops of \p reason, or every reason's when it is empty.
NatDropFilter
ForReason(const std::string& reason)
{
    NatDropFilter filter;
    if (!reason.empty())
    {
        filter.reasons = {reason};
    }
    return filter;
}

} // namespace

uint64_t
LabProbe::CountDrops(DropSource source, Ptr<Node> node, const NatDropFilter& filter) const
{
    auto listed = [](const auto& list, auto value) {
        return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
    };
    uint64_t total = 0;
    for (const auto& [key, count] : m_counters->drops)
    {
        if (key.source != source || (node && key.node != node->GetId()))
        {
            continue;
        }
        bool portMatches = filter.ports.empty() ||
                           (key.sourcePort != 0 && listed(filter.ports, key.sourcePort)) ||
                           (key.destinationPort != 0 && listed(filter.ports, key.destinationPort));
        bool destinationMatches =
            filter.destinationPorts.empty() ||
            (key.destinationPort != 0 && listed(filter.destinationPorts, key.destinationPort));
        if ((filter.protocol == 0 || filter.protocol == key.protocol) && portMatches &&
            destinationMatches && listed(filter.reasons, key.reason))
        {
            total += count;
        }
    }
    return total;
}

uint64_t
LabProbe::GetIpsecDrops(const std::string& reason) const
{
    return CountDrops(DropSource::IPSEC, nullptr, ForReason(reason));
}

uint64_t
LabProbe::GetIpsecDrops(Ptr<Node> node, const std::string& reason) const
{
    return CountDrops(DropSource::IPSEC, node, ForReason(reason));
}

uint64_t
LabProbe::GetIpsecDrops(const std::string& reason, IpsecProtocol protocol) const
{
    // The Drop trace carries no protocol: the stacks count by it.
    uint64_t total = 0;
    for (auto it = m_nodes.Begin(); it != m_nodes.End(); ++it)
    {
        if (Ptr<IpsecStack> stack = (*it)->GetObject<IpsecStack>())
        {
            total += stack->GetDropCount(reason, protocol);
        }
    }
    return total;
}

uint64_t
LabProbe::GetNatDrops(const std::string& reason) const
{
    return CountDrops(DropSource::NAT, nullptr, ForReason(reason));
}

uint64_t
LabProbe::CountNatDrops(const NatDropFilter& filter) const
{
    return CountDrops(DropSource::NAT, nullptr, filter);
}

uint64_t
LabProbe::GetIpDrops(Ptr<Node> node, const std::string& reason) const
{
    return CountDrops(DropSource::IP, node, ForReason(reason));
}

uint64_t
LabProbe::GetIkeFailures(const std::string& reason) const
{
    return m_counters->ikeFailures.Get(reason);
}

uint64_t
LabProbe::GetIkeDrops(const std::string& reason) const
{
    return CountDrops(DropSource::IKE, nullptr, ForReason(reason));
}

uint64_t
LabProbe::GetIkeSasEstablished() const
{
    return m_counters->ikeEstablished;
}

uint64_t
LabProbe::GetChildSas() const
{
    return m_counters->childSas;
}

uint64_t
LabProbe::GetIkeMessagesSent() const
{
    return m_counters->ikeSent;
}

uint64_t
LabProbe::GetIkeRetransmissions() const
{
    return m_counters->ikeRetransmissions;
}

double
LabProbe::GetSetupTimeMs() const
{
    return m_counters->setupCount == 0 ? 0.0 : m_counters->setupTimeSumMs / m_counters->setupCount;
}

uint64_t
LabProbe::GetEspSent() const
{
    return m_counters->espSent;
}

uint64_t
LabProbe::GetEspDelivered() const
{
    uint64_t total = 0;
    for (const auto& [node, count] : m_counters->espDelivered)
    {
        total += count;
    }
    return total;
}

uint64_t
LabProbe::GetEspDelivered(Ptr<Node> node) const
{
    auto it = m_counters->espDelivered.find(node->GetId());
    return it == m_counters->espDelivered.end() ? 0 : it->second;
}

uint64_t
LabProbe::GetKeepaliveBytes() const
{
    return m_counters->keepaliveBytes;
}

uint64_t
LabProbe::GetMappingsExpired() const
{
    return m_counters->mappingsExpired;
}

void
LabProbe::FillMetrics(ResultRow& row) const
{
    row.SetMetric("ike_sas_established", static_cast<double>(GetIkeSasEstablished()));
    row.SetMetric("esp_sent", static_cast<double>(GetEspSent()));
    row.SetMetric("esp_delivered", static_cast<double>(GetEspDelivered()));
    row.SetMetric("esp_dropped", static_cast<double>(GetIpsecDrops()));
    if (m_counters->setupCount > 0)
    {
        row.SetMetric("setup_time_ms", GetSetupTimeMs());
        row.SetMetric("ike_messages", static_cast<double>(GetIkeMessagesSent()));
    }
    row.SetMetric("keepalive_bytes", static_cast<double>(GetKeepaliveBytes()));
    row.SetMetric("nat_dropped", static_cast<double>(GetNatDrops()));
}

std::map<std::string, uint64_t>
LabProbe::GetHostileDrops() const
{
    static const std::map<DropSource, std::string> kNames{{DropSource::IP, "ip"},
                                                          {DropSource::IPSEC, "ipsec"},
                                                          {DropSource::NAT, "nat"},
                                                          {DropSource::IKE, "ike"}};
    std::map<std::string, uint64_t> byReason;
    for (const auto& [key, count] : m_counters->drops)
    {
        if (key.hostile != 0)
        {
            byReason[kNames.at(key.source) + ":" + key.reason] += count;
        }
    }
    return byReason;
}

std::set<uint32_t>
LabProbe::GetHostilePacketsDropped() const
{
    std::set<uint32_t> ids;
    for (const auto& entry : m_counters->drops)
    {
        if (entry.first.hostile != 0)
        {
            ids.insert(entry.first.hostile);
        }
    }
    return ids;
}

} // namespace natt
