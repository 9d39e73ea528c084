/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-informational-task.h"

#include "ikev1-handler.h"
#include "ikev1-quick-mode-task.h"

#include "ns3/ike-delete-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1InformationalTask");

Ikev1InformationalTask::Ikev1InformationalTask(Ikev1TaskManager* manager, uint32_t messageId)
    : m_manager(manager),
      m_messageId(messageId)
{
}

std::string
Ikev1InformationalTask::GetName() const
{
    return "informational";
}

void
Ikev1InformationalTask::SetPayloads(std::vector<std::unique_ptr<IkePayload>> payloads)
{
    m_payloads = std::move(payloads);
}

std::vector<std::unique_ptr<IkePayload>>
Ikev1InformationalTask::MakeDeleteChild(IpsecProtocol protocol, uint32_t spi)
{
    auto d = std::make_unique<IkeDeletePayload>(1);
    d->SetProtocolId(Ikev1QuickModeTask::ProtocolIdFor(protocol));
    d->SetSpiSize(4);
    d->AddSpi32(spi);
    std::vector<std::unique_ptr<IkePayload>> out;
    out.push_back(std::move(d));
    return out;
}

std::vector<std::unique_ptr<IkePayload>>
Ikev1InformationalTask::MakeDeleteIsakmp(Ptr<IkeSa> sa)
{
    auto d = std::make_unique<IkeDeletePayload>(1);
    d->SetProtocolId(1); // PROTO_ISAKMP
    d->SetSpiSize(16);
    d->AddCookiePair(sa->GetInitiatorSpi(), sa->GetResponderSpi());
    std::vector<std::unique_ptr<IkePayload>> out;
    out.push_back(std::move(d));
    return out;
}

std::vector<std::unique_ptr<IkePayload>>
Ikev1InformationalTask::MakeDpd(Ikev1TaskManager* manager, bool ack, uint32_t sequence)
{
    auto n = std::make_unique<IkeNotifyPayload>(1);
    n->SetProtocolId(1);
    n->SetNotifyType(ack ? IkeNotifyPayload::IKEV1_R_U_THERE_ACK
                         : IkeNotifyPayload::IKEV1_R_U_THERE);
    // RFC 3706 5.5: the SPI field holds the cookie pair, the data the sequence number.
    n->SetSpi(Concat(manager->CookieI(), manager->CookieR()));
    n->SetData({uint8_t(sequence >> 24),
                uint8_t(sequence >> 16),
                uint8_t(sequence >> 8),
                uint8_t(sequence)});
    std::vector<std::unique_ptr<IkePayload>> out;
    out.push_back(std::move(n));
    return out;
}

IkeTask::Status
Ikev1InformationalTask::Build(IkeMessage& message)
{
    IkeMessage::LinkPayloads(m_payloads);
    Bytes rest = IkeMessage::SerializePayloads(m_payloads);
    Bytes mid = {uint8_t(m_messageId >> 24),
                 uint8_t(m_messageId >> 16),
                 uint8_t(m_messageId >> 8),
                 uint8_t(m_messageId)};
    auto hash = std::make_unique<IkeHashPayload>();
    hash->SetData(m_manager->keys->PrfA(Concat(mid, rest)));
    message.GetHeader().SetFlag(IsakmpHeader::IKEV1_ENCRYPTION);
    message.AddPayload(std::move(hash));
    for (auto& p : m_payloads)
    {
        message.AddPayload(std::move(p));
    }
    m_payloads.clear();
    return SUCCESS;
}

IkeTask::Status
Ikev1InformationalTask::Process(const IkeMessage& message)
{
    const auto& payloads = message.GetPayloads();
    if (payloads.empty() || payloads[0]->GetPayloadType() != IKEV1_PAYLOAD_HASH)
    {
        return Failed("unauthenticated-informational");
    }
    std::vector<std::unique_ptr<IkePayload>> rest;
    for (std::size_t k = 1; k < payloads.size(); ++k)
    {
        rest.push_back(payloads[k]->Clone());
    }
    Bytes mid = {uint8_t(m_messageId >> 24),
                 uint8_t(m_messageId >> 16),
                 uint8_t(m_messageId >> 8),
                 uint8_t(m_messageId)};
    Bytes expected = m_manager->keys->PrfA(Concat(mid, IkeMessage::SerializePayloads(rest)));
    if (!ConstantTimeEquals(static_cast<const IkeHashPayload&>(*payloads[0]).GetData(), expected))
    {
        return Failed("bad-hash");
    }
    Ptr<IkeSa> sa = m_manager->GetSa();
    Ikev1Handler* handler = m_manager->GetHandler();
    for (std::size_t k = 1; k < payloads.size(); ++k)
    {
        const IkePayload* p = payloads[k].get();
        if (const auto* n = dynamic_cast<const IkeNotifyPayload*>(p))
        {
            const Bytes& d = n->GetData();
            uint32_t seq =
                d.size() == 4
                    ? (uint32_t(d[0]) << 24 | uint32_t(d[1]) << 16 | uint32_t(d[2]) << 8 | d[3])
                    : 0;
            if (n->IsError() && n->GetProtocolId() == 3)
            {
                // The peer refused our Quick Mode.
                m_manager->AbortQuickMode(n->GetNotifyType() == IkeNotifyPayload::NO_PROPOSAL_CHOSEN
                                              ? "no-proposal"
                                              : "peer-error");
            }
            else if (n->GetNotifyType() == IkeNotifyPayload::IKEV1_R_U_THERE)
            {
                m_manager->SendInformational(MakeDpd(m_manager, true, seq));
            }
            else if (n->GetNotifyType() == IkeNotifyPayload::IKEV1_R_U_THERE_ACK)
            {
                m_manager->DpdAcked(seq);
            }
        }
        else if (const auto* del = dynamic_cast<const IkeDeletePayload*>(p))
        {
            if (del->GetProtocolId() == 1)
            {
                // The peer deleted the ISAKMP SA (after a phase-1 rekey, or for good).
                handler->Forget(sa);
                return SUCCESS;
            }
            for (std::size_t s = 0; s < del->GetSpis().size(); ++s)
            {
                // The SPI is the peer's inbound one: our outbound.
                uint32_t spi = del->GetSpi32(s);
                for (auto& c : sa->GetChildSas())
                {
                    if (c.outboundSpi == spi)
                    {
                        c.rekeyed = true;
                    }
                }
                handler->RemoveChild(sa, spi, false);
            }
        }
    }
    return SUCCESS;
}

} // namespace ns3
