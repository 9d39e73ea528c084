/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-stenberg-natd-task.h"

#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-vendor-ids.h"
#include "ns3/log.h"
#include "ns3/stenberg-probe-payload.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1StenbergNatdTask");

Ikev1StenbergNatdTask::Ikev1StenbergNatdTask(Ikev1TaskManager* manager, bool initiator)
    : m_manager(manager),
      m_initiator(initiator)
{
}

std::string
Ikev1StenbergNatdTask::GetName() const
{
    return "stenberg-natd";
}

void
Ikev1StenbergNatdTask::AddVendorId(IkeMessage& message)
{
    if (m_initiator || m_manager->peerStenbergVid)
    {
        auto vid = std::make_unique<IkeVendorIdPayload>(1);
        vid->SetData(kIkeVendorIdStenberg00);
        message.AddPayload(std::move(vid));
    }
}

void
Ikev1StenbergNatdTask::ReadVendorId(const IkeMessage& message)
{
    for (std::size_t k = 0; message.FindPayload(IKEV1_PAYLOAD_VENDOR_ID, k); ++k)
    {
        if (message.Find<IkeVendorIdPayload>(IKEV1_PAYLOAD_VENDOR_ID, k)->GetData() ==
            kIkeVendorIdStenberg00)
        {
            m_manager->peerStenbergVid = true;
        }
    }
}

IkeTask::Status
Ikev1StenbergNatdTask::Build(IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    switch (m_step++)
    {
    case 0: // messages 1-4: the draft's vendor ID
    case 1:
    case 2:
    case 3:
        AddVendorId(message);
        return NEED_MORE;
    case 4: { // message 5 (initiator): the probe
        if (!m_manager->peerStenbergVid)
        {
            return SUCCESS;
        }
        auto probe = std::make_unique<StenbergProbePayload>();
        probe->SetProbe(InetSocketAddress(sa->GetRemote().GetIpv4(), sa->GetRemote().port),
                        {InetSocketAddress(sa->GetLocal().GetIpv4(), sa->GetLocal().port)});
        message.AddPayload(std::move(probe));
        return NEED_MORE;
    }
    case 5: { // message 6 (responder): the decision
        if (m_manager->peerStenbergVid)
        {
            auto decision = std::make_unique<StenbergProbePayload>();
            decision->SetDecision(m_decision);
            message.AddPayload(std::move(decision));
        }
        return SUCCESS;
    }
    }
    return Failed("internal");
}

IkeTask::Status
Ikev1StenbergNatdTask::Process(const IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    switch (m_step++)
    {
    case 0: // messages 1-4
    case 1:
    case 2:
    case 3:
        ReadVendorId(message);
        return NEED_MORE;
    case 4: { // message 5 at the responder: compare the probe with what we see
        const auto* probe = message.Find<StenbergProbePayload>(IKEV1_PAYLOAD_STENBERG);
        if (!probe || probe->GetForm() != StenbergProbePayload::PROBE)
        {
            return NEED_MORE;
        }
        const InetSocketAddress& perceived = probe->GetPerceivedRemote();
        bool natHere = perceived.GetIpv4() != m_manager->rxLocal.GetIpv4() ||
                       perceived.GetPort() != m_manager->rxLocal.port;
        bool natThere = true;
        for (const auto& id : probe->GetLocalIdentities())
        {
            if (id.GetIpv4() == m_manager->rxRemote.GetIpv4() &&
                id.GetPort() == m_manager->rxRemote.port)
            {
                natThere = false;
            }
        }
        // draft 3.1: the responder decides; a NAT anywhere on the path means yes.
        m_decision = natHere || natThere;
        sa->Set(IkeSa::COND_NAT_HERE, natHere);
        sa->Set(IkeSa::COND_NAT_THERE, natThere);
        sa->Set(IkeSa::COND_STENBERG, m_decision);
        if (m_decision)
        {
            m_manager->GetDaemon()->NotifyNatDetected(sa);
        }
        return NEED_MORE;
    }
    case 5: { // message 6 at the initiator: the responder's decision
        const auto* decision = message.Find<StenbergProbePayload>(IKEV1_PAYLOAD_STENBERG);
        if (decision && decision->GetForm() == StenbergProbePayload::DECISION &&
            decision->GetDecision())
        {
            // The byte does not say which side the NAT is on; the initiator
            // is the usual one behind it, and it keeps the mapping alive.
            sa->Set(IkeSa::COND_STENBERG);
            sa->Set(IkeSa::COND_NAT_HERE);
            m_manager->GetDaemon()->NotifyNatDetected(sa);
        }
        return SUCCESS;
    }
    }
    return Failed("internal");
}

} // namespace ns3
