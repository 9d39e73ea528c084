/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_MAPPING_TABLE_H
#define NATT_NAT_MAPPING_TABLE_H

#include "nat-isakmp-handler.h"

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

class NatMappingTimers;

/**
 * \ingroup natt-nat
 * \brief One mapping as the NAT's traces and accessors report it.
 */
struct NatMappingInfo
{
    uint8_t protocol{0};
    Ipv4Address insideAddress;
    uint16_t insidePort{0}; ///< port, ICMP echo identifier, or 0
    Ipv4Address externalAddress;
    uint16_t externalPort{0};
    Ipv4Address remoteAddress; ///< the first remote endpoint the mapping was made for
    uint16_t remotePort{0};
    uint32_t spi{0}; ///< ESP bindings of the SPI-passthrough mode
};

std::ostream& operator<<(std::ostream& os, const NatMappingInfo& info);

/**
 * \ingroup natt-nat
 * \brief The outbound lookup key of a mapping: the inside endpoint, plus the
 * remote endpoint as far as the mapping behaviour (RFC 4787 4.1,
 * NatMappingBehaviour) distinguishes it.
 */
struct NatMappingKey
{
    uint32_t insideAddress;
    uint32_t remoteAddress;
    uint16_t insidePort;
    uint16_t remotePort;
    uint8_t protocol;

    bool operator==(const NatMappingKey& o) const
    {
        return insideAddress == o.insideAddress && remoteAddress == o.remoteAddress &&
               insidePort == o.insidePort && remotePort == o.remotePort && protocol == o.protocol;
    }
};

/**
 * \ingroup natt-nat
 * \brief One mapping; kept small, there may be 100,000 of them.
 */
struct NatMapping
{
    static constexpr uint8_t kFlagInUse = 0x01;
    static constexpr uint8_t kFlagOpen = 0x02; ///< any remote endpoint may send in
    static constexpr uint8_t kFlagSynOut = 0x04;
    static constexpr uint8_t kFlagSynIn = 0x08;
    static constexpr uint8_t kFlagFinOut = 0x10;
    static constexpr uint8_t kFlagFinIn = 0x20;
    static constexpr uint8_t kFlagRst = 0x40;
    static constexpr uint8_t kFlagEstablished = 0x80;

    uint32_t insideAddress{0};
    uint32_t keyRemoteAddress{0}; ///< part of the outbound key (0 when independent)
    uint16_t insidePort{0};
    uint16_t keyRemotePort{0};
    uint16_t externalPort{0};
    uint8_t protocol{0};
    uint8_t flags{0};
    uint32_t generation{0};
    uint32_t peerAddress{0}; ///< first remote endpoint (filtering)
    uint16_t peerPort{0};
    int64_t lastRefresh{0}; ///< nanoseconds
    /// Further remote endpoints the inside endpoint sent to (filtering).
    std::unique_ptr<std::vector<std::pair<uint32_t, uint16_t>>> morePeers;

    /// Records that the inside endpoint sent to \p address : \p port.
    void RememberPeer(uint32_t address, uint16_t port);
    /// Whether it sent to \p address (and \p port, when \p matchPort).
    bool SentTo(uint32_t address, uint16_t port, bool matchPort) const;
    NatMappingKey Key() const;
};

/**
 * \ingroup natt-nat
 * \brief The NAT's mappings: a slab indexed by two hash maps (the outbound
 * key, and protocol plus external port), so lookup and creation are O(1) on
 * average.
 *
 * Mappings expire lazily, when a lookup finds them idle past the timeout
 * their NatMappingTimers gives, and in ExpireIdle (the engine's periodic
 * sweep). The table knows nothing of packets; the engine counts and traces,
 * and hears of every expiry through the expired callback. A mapping that
 * timed out leaves a tombstone on its external port, so that a late inbound
 * packet is told apart from one no mapping ever matched (RFC 3715 2.2 k).
 */
class NatMappingTable
{
  public:
    /// (slab index, the mapping, reason), once the entry is freed (its endpoints kept).
    typedef Callback<void, uint32_t, const NatMapping&, const std::string&> ExpiredCallback;

    NatMappingTable();
    ~NatMappingTable();

    void SetTimers(Ptr<NatMappingTimers> timers);
    /// By reference: the engine asks it on every packet.
    const Ptr<NatMappingTimers>& GetTimers() const;
    void SetExpiredCallback(ExpiredCallback callback);

    /// \return the live mapping of \p key, or nullptr (an idle one is expired first)
    NatMapping* FindOutbound(const NatMappingKey& key, int64_t now, uint32_t& index);
    /// \p expired tells a miss caused by a mapping that timed out
    NatMapping* FindInbound(uint8_t protocol,
                            uint16_t externalPort,
                            int64_t now,
                            uint32_t& index,
                            bool& expired);
    /// The mapping \p handle names, while it lives.
    NatMapping* Resolve(NatMappingHandle handle, int64_t now);
    /// Whether \p handle still names a mapping (idle or not).
    bool IsLive(NatMappingHandle handle) const;
    /// Whether a mapping is indexed under \p key.
    bool Contains(const NatMappingKey& key) const;

    /// \return the slab index of the new mapping
    uint32_t Create(const NatMappingKey& key,
                    uint16_t externalPort,
                    uint32_t peerAddress,
                    uint16_t peerPort,
                    bool open,
                    int64_t now);
    void Expire(uint32_t index, const std::string& reason, int64_t now);
    /// Moves the mapping at \p index to \p key (an ALG mapping learning its remote port).
    void Rekey(uint32_t index, const NatMappingKey& key);
    /// Makes inbound packets to the mapping's external port reach it (shared port 500).
    void ClaimInbound(uint32_t index);
    /**
     * Moves the mapping at \p index to external port \p port (a rebinding):
     * inbound packets to the old port no longer reach it and leave no
     * tombstone (the NAT forgot the port rather than timing it out).
     */
    void MoveExternalPort(uint32_t index, uint16_t port);

    /// Expires every mapping idle at \p now (the sweep).
    void ExpireIdle(int64_t now);
    /// Expires every mapping ("reboot") and forgets the tombstones.
    void Clear(int64_t now);

    NatMapping& At(uint32_t index)
    {
        return m_slab[index];
    }

    std::size_t GetLiveCount() const
    {
        return m_live;
    }

    /// Live mappings of inside host \p insideAddress (a per-host limit, RFC 6888 REQ-4).
    uint32_t GetLiveCount(uint32_t insideAddress) const;

    bool IsExpired(const NatMapping& m, int64_t now) const;
    /// \p m as traces report it, on the external address \p outside.
    static NatMappingInfo Describe(const NatMapping& m, Ipv4Address outside);
    std::vector<NatMappingInfo> GetMappings(Ipv4Address outside) const;

  private:
    struct KeyHash
    {
        std::size_t operator()(const NatMappingKey& k) const;
    };

    static uint32_t InKey(uint8_t protocol, uint16_t port)
    {
        return (uint32_t{protocol} << 16) | port;
    }

    Ptr<NatMappingTimers> m_timers;
    ExpiredCallback m_expired;
    std::vector<NatMapping> m_slab;
    std::vector<uint32_t> m_free;
    std::size_t m_live{0};
    std::unordered_map<uint32_t, uint32_t> m_livePerHost; ///< inside address -> live mappings
    std::unordered_map<NatMappingKey, uint32_t, KeyHash> m_outbound;
    std::unordered_map<uint32_t, uint32_t> m_inbound;   ///< InKey -> slab index
    std::unordered_map<uint32_t, int64_t> m_tombstones; ///< InKey -> expiry time of its mapping
};

} // namespace ns3

#endif /* NATT_NAT_MAPPING_TABLE_H */
