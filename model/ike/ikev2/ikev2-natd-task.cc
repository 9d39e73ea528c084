/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-natd-task.h"

#include "ikev2-task-manager.h"

#include "ns3/ike-notify-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/log.h"
#include "ns3/message-digest.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2NatdTask");

Ikev2NatdTask::Ikev2NatdTask(Ikev2TaskManager* manager, bool initiator)
    : m_manager(manager),
      m_initiator(initiator)
{
}

std::string
Ikev2NatdTask::GetName() const
{
    return "ike-natd";
}

Bytes
Ikev2NatdTask::Hash(uint64_t spiI, uint64_t spiR, const IkeEndpoint& endpoint)
{
    // RFC 7296 2.23: the IP address is 4 bytes for IPv4 and 16 for IPv6.
    Bytes data = Concat(Ikev2SpiBytes(spiI),
                        Ikev2SpiBytes(spiR),
                        endpoint.GetAddressBytes(),
                        Bytes{uint8_t(endpoint.port >> 8), uint8_t(endpoint.port)});
    return MessageDigest::Digest(HashAlgorithm::Sha1, data);
}

IkeTask::Status
Ikev2NatdTask::Build(IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    const IkePeerConfig& config = sa->GetConfig();
    if (config.natTraversal == IkePeerConfig::NATT_NONE || (!m_initiator && !m_peerSupports))
    {
        return m_initiator ? NEED_MORE : SUCCESS;
    }
    // The responder SPI is zero in the request (RFC 7296 2.23).
    uint64_t spiI = sa->GetInitiatorSpi();
    uint64_t spiR = m_initiator ? 0 : sa->GetResponderSpi();
    Bytes source = Hash(spiI, spiR, sa->GetLocal());
    if (config.forceEncapsulation)
    {
        // RFC 7296 2.23: a source hash that cannot match makes the peer see
        // a NAT, so both sides encapsulate.
        source = m_manager->GetDaemon()->RandomBytes(source.size());
        sa->Set(IkeSa::COND_NAT_FAKED);
    }
    auto src = std::make_unique<IkeNotifyPayload>(2);
    src->SetNotifyType(IkeNotifyPayload::NAT_DETECTION_SOURCE_IP);
    src->SetData(source);
    message.AddPayload(std::move(src));
    auto dst = std::make_unique<IkeNotifyPayload>(2);
    dst->SetNotifyType(IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP);
    dst->SetData(Hash(spiI, spiR, sa->GetRemote()));
    message.AddPayload(std::move(dst));
    return m_initiator ? NEED_MORE : SUCCESS;
}

IkeTask::Status
Ikev2NatdTask::Process(const IkeMessage& message)
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    const IkePeerConfig& config = sa->GetConfig();
    if (config.natTraversal == IkePeerConfig::NATT_NONE)
    {
        return m_initiator ? SUCCESS : NEED_MORE;
    }
    const Ikev2SaContext& ctx = m_manager->GetContext();
    uint64_t spiI = message.GetHeader().GetInitiatorSpi();
    uint64_t spiR = message.GetHeader().GetResponderSpi();
    // What the peer's hashes should be if nothing rewrote the packet: its
    // source is where the packet came from, its destination where it arrived.
    Bytes expectedSource = Hash(spiI, spiR, ctx.receivedRemote);
    Bytes expectedDestination = Hash(spiI, spiR, ctx.receivedLocal);
    bool sawSource = false;
    bool sawDestination = false;
    bool sourceMatch = false;
    bool destinationMatch = false;
    for (const auto& payload : message.GetPayloads())
    {
        const auto* n = dynamic_cast<const IkeNotifyPayload*>(payload.get());
        if (!n)
        {
            continue;
        }
        if (n->GetNotifyType() == IkeNotifyPayload::NAT_DETECTION_SOURCE_IP)
        {
            // Several source notifies are allowed (multi-homed peers).
            sawSource = true;
            sourceMatch = sourceMatch || n->GetData() == expectedSource;
        }
        else if (n->GetNotifyType() == IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP)
        {
            sawDestination = true;
            destinationMatch = n->GetData() == expectedDestination;
        }
    }
    m_peerSupports = sawSource && sawDestination;
    if (!m_peerSupports)
    {
        // A legacy peer: no NAT traversal (RFC 7296 2.23 is optional to use).
        return m_initiator ? SUCCESS : NEED_MORE;
    }
    sa->Set(IkeSa::COND_NATT_SUPPORTED);
    if (!destinationMatch)
    {
        // The peer addressed us somewhere else: our address was translated.
        sa->Set(IkeSa::COND_NAT_HERE);
    }
    if (!sourceMatch)
    {
        sa->Set(IkeSa::COND_NAT_THERE);
    }
    NS_LOG_INFO("NAT here " << !destinationMatch << ", NAT there " << !sourceMatch);
    if (m_initiator && m_manager->GetDaemon()->RefusesResponderBehindNat(sa))
    {
        // The initiator's policy, before IKE_AUTH: nothing is sent, as for
        // any IKE_SA_INIT response the initiator will not continue from.
        return Failed(IkeDaemon::SERVER_BEHIND_NAT_REFUSED);
    }
    if (m_initiator && sa->IsBehindNat())
    {
        // RFC 7296 2.23: IKE_AUTH and everything after it go to 4500.
        sa->SetLocal({sa->GetLocal().address, IKE_NAT_T_UDP_PORT});
        sa->SetRemote({sa->GetRemote().address, IKE_NAT_T_UDP_PORT});
        sa->Set(IkeSa::COND_FLOATED);
    }
    return m_initiator ? SUCCESS : NEED_MORE;
}

} // namespace ns3
