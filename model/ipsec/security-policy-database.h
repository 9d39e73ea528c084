/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_SECURITY_POLICY_DATABASE_H
#define NATT_SECURITY_POLICY_DATABASE_H

#include "ipsec-selector.h"

#include "ns3/object.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ns3
{

/// \ingroup natt-ipsec
/// The IPsec security protocols (RFC 4301 4.1), by IP protocol number.
enum IpsecProtocol : uint8_t
{
    IPSEC_PROTOCOL_ESP = 50,
    IPSEC_PROTOCOL_AH = 51,
};

/// \ingroup natt-ipsec
/// IPsec modes (RFC 4301 4.1).
enum IpsecMode : uint8_t
{
    IPSEC_MODE_TRANSPORT,
    IPSEC_MODE_TUNNEL,
};

/**
 * \ingroup natt-ipsec
 * \brief One SPD entry (RFC 4301 4.4.1): a selector, the direction it
 * applies to, and what to do with matching traffic.
 */
struct IpsecPolicy
{
    enum Direction : uint8_t
    {
        OUTBOUND,
        INBOUND,
    };

    enum Action : uint8_t
    {
        PROTECT,
        BYPASS,
        DISCARD,
    };

    /// Given by the SPD when the entry is added; SAs refer to it.
    uint32_t id{0};
    IpsecSelector selector;
    Direction direction{OUTBOUND};
    Action action{BYPASS};
    /// For PROTECT: which protocol and mode.
    IpsecProtocol protocol{IPSEC_PROTOCOL_ESP};
    IpsecMode mode{IPSEC_MODE_TRANSPORT};
    /// For tunnel mode: the outer addresses (RFC 4301 4.4.1.2).
    Ipv4Address tunnelLocal;
    Ipv4Address tunnelRemote;
};

/**
 * \ingroup natt-ipsec
 * \brief The security policy database: an ordered list of entries, the
 * first match wins (RFC 4301 4.4.1).
 *
 * What happens to traffic no entry matches is an attribute: RFC 4301 says
 * discard, but a node in a simulation usually carries unprotected traffic
 * too (routing, IKE before any SA exists), so the default is bypass.
 */
class SecurityPolicyDatabase : public Object
{
  public:
    static TypeId GetTypeId();

    /// Append an entry; \return its id
    uint32_t Add(IpsecPolicy policy);
    /// Insert an entry before every other one; \return its id
    uint32_t AddFirst(IpsecPolicy policy);
    /// \return false when there is no entry with \p id
    bool Remove(uint32_t id);
    void Clear();

    /**
     * \return the first entry for \p direction matching \p key, or nullptr
     * when none does (see GetDefaultAction)
     */
    const IpsecPolicy* Lookup(IpsecPolicy::Direction direction, const IpsecTrafficKey& key) const;
    const IpsecPolicy* Find(uint32_t id) const;
    const std::vector<IpsecPolicy>& GetPolicies() const;
    IpsecPolicy::Action GetDefaultAction() const;

  private:
    /// The bucket of entries for one direction and one remote IPv4 host.
    static uint64_t HostKey(IpsecPolicy::Direction direction, Ipv4Address remote);
    /// Rebuild the lookup index from m_policies (after a change other than Add).
    void BuildIndex() const;
    /// Put the entry at \p position into the index.
    void IndexEntry(std::size_t position) const;

    std::vector<IpsecPolicy> m_policies;
    /// Lookup index over m_policies, rebuilt on the first lookup after an insertion at the front or
    /// a removal.
    mutable bool m_indexValid{false};
    /// Positions of entries whose remote side is not one IPv4 host, in list order.
    mutable std::vector<std::size_t> m_general;
    /// Positions of entries whose remote side is one IPv4 host, by HostKey, in list order.
    mutable std::unordered_map<uint64_t, std::vector<std::size_t>> m_byRemoteHost;
    /// Position of each entry by id.
    mutable std::unordered_map<uint32_t, std::size_t> m_byId;
    uint32_t m_nextId{1};
    IpsecPolicy::Action m_defaultAction{IpsecPolicy::BYPASS};
};

} // namespace ns3

#endif /* NATT_SECURITY_POLICY_DATABASE_H */
