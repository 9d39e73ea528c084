/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "security-association-database.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SecurityAssociationDatabase");
NS_OBJECT_ENSURE_REGISTERED(SecurityAssociationDatabase);

TypeId
SecurityAssociationDatabase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SecurityAssociationDatabase")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<SecurityAssociationDatabase>()
            .AddTraceSource("Install",
                            "An SA was installed",
                            MakeTraceSourceAccessor(&SecurityAssociationDatabase::m_installTrace),
                            "ns3::SecurityAssociationDatabase::SaTracedCallback")
            .AddTraceSource("Remove",
                            "An SA was removed",
                            MakeTraceSourceAccessor(&SecurityAssociationDatabase::m_removeTrace),
                            "ns3::SecurityAssociationDatabase::SaTracedCallback");
    return tid;
}

uint64_t
SecurityAssociationDatabase::Key(IpsecProtocol protocol, uint32_t spi)
{
    return (uint64_t{protocol} << 32) | spi;
}

Ptr<SecurityAssociation>
SecurityAssociationDatabase::Install(const SecurityAssociation::Parameters& parameters)
{
    NS_LOG_FUNCTION(this << parameters.spi << +parameters.direction);
    if (parameters.direction == SecurityAssociation::INBOUND &&
        m_inbound.count(Key(parameters.protocol, parameters.spi)))
    {
        return nullptr;
    }
    Ptr<SecurityAssociation> sa = Create<SecurityAssociation>(parameters);
    sa->SetInstallTime(Simulator::Now());
    if (parameters.direction == SecurityAssociation::INBOUND)
    {
        m_inbound[Key(parameters.protocol, parameters.spi)] = sa;
    }
    else
    {
        m_outbound[parameters.policyId].push_back(sa);
    }
    m_order.push_back(sa);
    m_installTrace(sa);
    return sa;
}

bool
SecurityAssociationDatabase::Remove(IpsecProtocol protocol,
                                    uint32_t spi,
                                    SecurityAssociation::Direction direction)
{
    Ptr<SecurityAssociation> removed;
    if (direction == SecurityAssociation::INBOUND)
    {
        auto it = m_inbound.find(Key(protocol, spi));
        if (it == m_inbound.end())
        {
            return false;
        }
        removed = it->second;
        m_inbound.erase(it);
    }
    else
    {
        for (auto& entry : m_outbound)
        {
            auto& sas = entry.second;
            auto it = std::find_if(sas.begin(), sas.end(), [&](const Ptr<SecurityAssociation>& s) {
                return s->GetSpi() == spi && s->GetParameters().protocol == protocol;
            });
            if (it != sas.end())
            {
                removed = *it;
                sas.erase(it);
                break;
            }
        }
        if (!removed)
        {
            return false;
        }
    }
    m_order.erase(std::remove(m_order.begin(), m_order.end(), removed), m_order.end());
    m_removeTrace(removed);
    return true;
}

void
SecurityAssociationDatabase::Clear()
{
    m_inbound.clear();
    m_outbound.clear();
    m_order.clear();
}

Ptr<SecurityAssociation>
SecurityAssociationDatabase::FindInbound(IpsecProtocol protocol, uint32_t spi) const
{
    auto it = m_inbound.find(Key(protocol, spi));
    return it == m_inbound.end() ? nullptr : it->second;
}

Ptr<SecurityAssociation>
SecurityAssociationDatabase::FindOutbound(uint32_t policyId) const
{
    auto it = m_outbound.find(policyId);
    if (it == m_outbound.end() || it->second.empty())
    {
        return nullptr;
    }
    return it->second.back();
}

std::vector<Ptr<SecurityAssociation>>
SecurityAssociationDatabase::GetAll() const
{
    std::vector<Ptr<SecurityAssociation>> all;
    for (const auto& sa : m_order)
    {
        if (sa->GetParameters().direction == SecurityAssociation::INBOUND)
        {
            all.push_back(sa);
        }
    }
    for (const auto& sa : m_order)
    {
        if (sa->GetParameters().direction == SecurityAssociation::OUTBOUND)
        {
            all.push_back(sa);
        }
    }
    return all;
}

} // namespace ns3
