/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-delete-task.h"

#include "ikev2-task-manager.h"

#include "ns3/ike-delete-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2DeleteTask");

Ikev2DeleteTask::Ikev2DeleteTask(Ikev2TaskManager* manager,
                                 bool initiator,
                                 std::vector<uint32_t> spis)
    : m_manager(manager),
      m_initiator(initiator),
      m_spis(std::move(spis))
{
}

std::string
Ikev2DeleteTask::GetName() const
{
    return m_spis.empty() ? "ike-delete" : "child-delete";
}

IkeTask::Status
Ikev2DeleteTask::Build(IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    if (m_initiator && m_spis.empty())
    {
        auto d = std::make_unique<IkeDeletePayload>(2);
        d->SetProtocolId(Ikev2Proposal::PROTOCOL_IKE);
        d->SetSpiSize(0);
        message.AddPayload(std::move(d));
        if (sa->GetState() != IkeSa::REKEYING)
        {
            sa->SetState(IkeSa::DELETING);
        }
        return NEED_MORE;
    }
    if (!m_spis.empty() && !m_deleteIke)
    {
        // Each side names the SPIs it receives on (RFC 7296 1.4.1).
        auto d = std::make_unique<IkeDeletePayload>(2);
        d->SetProtocolId(Ikev2Proposal::PROTOCOL_ESP);
        d->SetSpiSize(4);
        for (uint32_t spi : m_spis)
        {
            d->AddSpi32(spi);
        }
        message.AddPayload(std::move(d));
    }
    if (!m_initiator)
    {
        for (uint32_t spi : m_spis)
        {
            m_manager->RemoveChild(spi);
        }
        if (m_deleteIke)
        {
            m_manager->DestroyAfterResponse();
        }
        return SUCCESS;
    }
    return NEED_MORE;
}

IkeTask::Status
Ikev2DeleteTask::Process(const IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    if (m_initiator)
    {
        if (m_spis.empty())
        {
            std::vector<uint32_t> children;
            for (const auto& child : sa->GetChildSas())
            {
                children.push_back(child.inboundSpi);
            }
            for (uint32_t spi : children)
            {
                m_manager->RemoveChild(spi);
            }
            m_manager->Destroy();
            return SUCCESS;
        }
        for (uint32_t spi : m_spis)
        {
            m_manager->RemoveChild(spi);
        }
        return SUCCESS;
    }
    for (std::size_t k = 0;; ++k)
    {
        const auto* d = message.Find<IkeDeletePayload>(IKEV2_PAYLOAD_DELETE, k);
        if (!d)
        {
            break;
        }
        if (d->GetProtocolId() == Ikev2Proposal::PROTOCOL_IKE)
        {
            NS_LOG_INFO("peer deletes the IKE SA");
            m_deleteIke = true;
            continue;
        }
        for (std::size_t s = 0; s < d->GetSpis().size(); ++s)
        {
            uint32_t peerSpi = d->GetSpi32(s);
            for (const auto& child : sa->GetChildSas())
            {
                if (child.outboundSpi == peerSpi)
                {
                    m_spis.push_back(child.inboundSpi);
                }
            }
        }
    }
    if (m_deleteIke)
    {
        // Deleting the IKE SA deletes its children too (RFC 7296 1.4.1).
        m_spis.clear();
        for (const auto& child : sa->GetChildSas())
        {
            m_spis.push_back(child.inboundSpi);
        }
    }
    return NEED_MORE;
}

} // namespace ns3
