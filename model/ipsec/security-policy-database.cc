/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "security-policy-database.h"

#include "ns3/enum.h"
#include "ns3/natt-enum-accessor.h"
#include "ns3/log.h"

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
    return policy.id;
}

uint32_t
SecurityPolicyDatabase::AddFirst(IpsecPolicy policy)
{
    policy.id = m_nextId++;
    m_policies.insert(m_policies.begin(), policy);
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
    return true;
}

void
SecurityPolicyDatabase::Clear()
{
    m_policies.clear();
}

const IpsecPolicy*
SecurityPolicyDatabase::Lookup(IpsecPolicy::Direction direction, const IpsecTrafficKey& key) const
{
    for (const auto& policy : m_policies)
    {
        if (policy.direction == direction && policy.selector.Matches(key))
        {
            return &policy;
        }
    }
    return nullptr;
}

const IpsecPolicy*
SecurityPolicyDatabase::Find(uint32_t id) const
{
    for (const auto& policy : m_policies)
    {
        if (policy.id == id)
        {
            return &policy;
        }
    }
    return nullptr;
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
