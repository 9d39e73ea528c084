/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "security-policy-database.h"

#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/natt-enum-accessor.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SecurityPolicyDatabase");
NS_OBJECT_ENSURE_REGISTERED(SecurityPolicyDatabase);

TypeId
SecurityPolicyDatabase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SecurityPolicyDatabase")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<SecurityPolicyDatabase>()
            .AddAttribute(
                "DefaultAction",
                "What happens to traffic that no entry matches",
                EnumValue(IpsecPolicy::BYPASS),
                MakeEnumMemberAccessor(&SecurityPolicyDatabase::m_defaultAction),
                MakeEnumChecker(IpsecPolicy::BYPASS, "Bypass", IpsecPolicy::DISCARD, "Discard"));
    return tid;
}

uint32_t
SecurityPolicyDatabase::Add(IpsecPolicy policy)
{
    policy.id = m_nextId++;
    NS_LOG_FUNCTION(this << policy.id << policy.selector);
    m_policies.push_back(policy);
    // Appending keeps every position and the list order, so a valid index
    // takes the new entry as it is; a gateway adds two entries per client
    // while it already forwards the others' packets.
    if (m_indexValid)
    {
        IndexEntry(m_policies.size() - 1);
    }
    return policy.id;
}

uint32_t
SecurityPolicyDatabase::AddFirst(IpsecPolicy policy)
{
    policy.id = m_nextId++;
    m_policies.insert(m_policies.begin(), policy);
    m_indexValid = false;
    return policy.id;
}

bool
SecurityPolicyDatabase::Remove(uint32_t id)
{
    auto it = std::find_if(m_policies.begin(), m_policies.end(), [id](const IpsecPolicy& p) {
        return p.id == id;
    });
    if (it == m_policies.end())
    {
        return false;
    }
    m_policies.erase(it);
    m_indexValid = false;
    return true;
}

void
SecurityPolicyDatabase::Clear()
{
    m_policies.clear();
    m_indexValid = false;
}

uint64_t
SecurityPolicyDatabase::HostKey(IpsecPolicy::Direction direction, Ipv4Address remote)
{
    return (uint64_t{direction} << 32) | remote.Get();
}

void
SecurityPolicyDatabase::IndexEntry(std::size_t position) const
{
    const IpsecPolicy& policy = m_policies[position];
    m_byId[policy.id] = position;
    const IpsecSelector& s = policy.selector;
    if (!s.IsIpv6() && s.remoteMask == Ipv4Mask::GetOnes())
    {
        m_byRemoteHost[HostKey(policy.direction, s.remoteAddress)].push_back(position);
    }
    else
    {
        m_general.push_back(position);
    }
}

void
SecurityPolicyDatabase::BuildIndex() const
{
    m_general.clear();
    m_byRemoteHost.clear();
    m_byId.clear();
    for (std::size_t i = 0; i < m_policies.size(); ++i)
    {
        IndexEntry(i);
    }
    m_indexValid = true;
}

const IpsecPolicy*
SecurityPolicyDatabase::Lookup(IpsecPolicy::Direction direction, const IpsecTrafficKey& key) const
{
    // The first match in list order (RFC 4301 4.4.1), found without walking
    // every entry: a gateway holds a host-to-subnet entry per remote-access
    // client, and each packet would otherwise test them all. Entries for one
    // remote host sit in that host's bucket, the rest in m_general, both in
    // list order; the answer is whichever first match comes first.
    if (!m_indexValid)
    {
        BuildIndex();
    }
    std::size_t best = m_policies.size();
    for (std::size_t i : m_general)
    {
        const IpsecPolicy& policy = m_policies[i];
        if (policy.direction == direction && policy.selector.Matches(key))
        {
            best = i;
            break;
        }
    }
    if (!key.IsIpv6())
    {
        auto bucket = m_byRemoteHost.find(HostKey(direction, key.remote));
        if (bucket != m_byRemoteHost.end())
        {
            for (std::size_t i : bucket->second)
            {
                if (i >= best)
                {
                    break;
                }
                if (m_policies[i].selector.Matches(key))
                {
                    best = i;
                    break;
                }
            }
        }
    }
    return best < m_policies.size() ? &m_policies[best] : nullptr;
}

const IpsecPolicy*
SecurityPolicyDatabase::Find(uint32_t id) const
{
    if (!m_indexValid)
    {
        BuildIndex();
    }
    auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : &m_policies[it->second];
}

const std::vector<IpsecPolicy>&
SecurityPolicyDatabase::GetPolicies() const
{
    return m_policies;
}

IpsecPolicy::Action
SecurityPolicyDatabase::GetDefaultAction() const
{
    return m_defaultAction;
}

} // namespace ns3
