/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_LAB_ADVERSARY_H
#define NATT_LAB_ADVERSARY_H

#include "ns3/hostile-packet-source.h"
#include "ns3/hostile-packets.h"
#include "ns3/ike-config.h"
#include "ns3/ike-init-flood.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"

#include <memory>
#include <vector>

namespace natt
{

/**
 * An attacker on a public address of a Lab (Lab::AddAdversary): what an
 * entry schedules its attacks with (RFC 3715 3: NAT traversal must open
 * no new denial-of-service or spoofing hole). It sends through a
 * HostilePacketSource, so any packet may carry any source address; it may
 * wiretap a node's incoming packets (Tap) to replay them or to spoof the
 * SPI an honest SA uses; and it floods IKE_SA_INIT (IkeInitFlood).
 *
 * Each hostile packet has a HostileTag; LabProbe::GetHostileDrops and
 * GetHostilePacketsDropped say which model dropped it and why.
 */
class Adversary
{
  public:
    /// The attacker on \p node (a public node of the lab); \p stream fixes its randomness.
    Adversary(ns3::Ptr<ns3::Node> node, int64_t stream);

    ns3::Ptr<ns3::Node> GetNode() const;
    /// The attacker's own address.
    ns3::Ipv4Address GetAddress() const;

    /**
     * Copy every ESP packet (IP protocol 50, or UDP to port 4500 without
     * the non-ESP marker) arriving at \p node, as a wiretap on its link
     * would; call after Lab::Build.
     */
    void Tap(ns3::Ptr<ns3::Node> node);
    /// ESP packets the tap copied so far.
    std::size_t GetCaptured() const;
    /// Captured packets Replay sent again so far.
    uint32_t GetReplayed() const;

    /**
     * At \p at, send a payload damaged as \p kind says to \p target by
     * \p carrier, from \p source (the attacker's own address when not
     * given). SPOOFED and MALFORMED ESP take the SPI and the next
     * sequence number of the last ESP packet the tap copied (with the
     * source it came from, for SPOOFED, when \p source is not given).
     */
    void Inject(ns3::Time at,
                ns3::HostileKind kind,
                ns3::HostileCarrier carrier,
                ns3::Ipv4Address target,
                ns3::Ipv4Address source = ns3::Ipv4Address());
    /// At \p at, send again every ESP packet the tap copied so far, unchanged.
    void Replay(ns3::Time at);

    /**
     * IKE_SA_INIT requests with \p proposal to \p target at \p rate per
     * second from \p start to \p stop, from spoofed sources.
     */
    ns3::Ptr<ns3::IkeInitFlood> Flood(ns3::Ipv4Address target,
                                      const ns3::IkeProposal& proposal,
                                      double rate,
                                      ns3::Time start,
                                      ns3::Time stop);

    /// Hostile packets sent so far (floods included).
    uint32_t GetSent() const;
    ns3::Ptr<ns3::HostilePacketSource> GetSource() const;

  private:
    void SendNow(ns3::HostileKind kind,
                 ns3::HostileCarrier carrier,
                 ns3::Ipv4Address target,
                 ns3::Ipv4Address source);
    void ReplayNow();

    ns3::Ptr<ns3::Node> m_node;
    ns3::Ptr<ns3::HostilePacketSource> m_source;
    ns3::Ptr<ns3::UniformRandomVariable> m_random;
    int64_t m_stream;
    uint32_t m_replayed{0};

    /// What the tap copied: whole IP packets, and the last one's facts.
    struct Captured
    {
        std::vector<ns3::Ptr<ns3::Packet>> packets;
        ns3::Ipv4Address lastSource;
        uint32_t lastSpi{0};
        uint32_t lastSequence{0};
    };

    std::shared_ptr<Captured> m_captured{std::make_shared<Captured>()};
};

} // namespace natt

#endif /* NATT_LAB_ADVERSARY_H */
