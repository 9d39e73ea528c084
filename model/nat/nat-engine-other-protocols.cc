/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// NatEngine's configuration for protocols without ports (RFC 3715 2.1 f, j):
// the NatOtherProtocolHandler its OtherProtocolHandler attribute holds, the
// old OtherProtocols enum that chooses a stock one (the passthrough routers'
// designs among them), the SpiBlockBase/SpiBlockSize aliases of NatSpiBlocks,
// the handler's bindings passed on as the engine's mapping traces, and the
// packet path that hands such packets to the handler (address-only
// translation through the engine's mapping table among them).
#include "nat-bytes.h"
#include "nat-engine.h"
#include "nat-passthrough-routers.h"
#include "nat-spi-blocks.h"
#include "nat-spi-passthrough.h"

#include "ns3/object-factory.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

void
NatEngine::SetOtherProtocolHandler(Ptr<NatOtherProtocolHandler> handler)
{
    if (!handler)
    {
        return;
    }
    m_otherHandler = handler;
    m_otherHandler->TraceConnectWithoutContext("BindingCreated",
                                               MakeCallback(&NatEngine::OtherBindingCreated, this));
    m_otherHandler->TraceConnectWithoutContext("BindingExpired",
                                               MakeCallback(&NatEngine::OtherBindingExpired, this));
}

Ptr<NatOtherProtocolHandler>
NatEngine::GetOtherProtocolHandler() const
{
    return m_otherHandler;
}

void
NatEngine::SetOtherProtocols(OtherProtocols other)
{
    switch (other)
    {
    case OTHER_ADDRESS_ONLY:
        SetOtherProtocolHandler(CreateObject<NatAddressOnlyHandler>());
        break;
    case OTHER_SPI_PASSTHROUGH:
        SetOtherProtocolHandler(CreateObject<NatSpiPassthrough>());
        break;
    case OTHER_SPI_BLOCKS:
        SetOtherProtocolHandler(
            CreateObjectWithAttributes<NatSpiBlocks>("Base",
                                                     UintegerValue(m_spiBlockBase),
                                                     "Size",
                                                     UintegerValue(m_spiBlockSize)));
        break;
    case OTHER_PASSTHROUGH_ONE_HOST:
        SetOtherProtocolHandler(CreateObject<NatOneHostPassthrough>());
        break;
    case OTHER_PASSTHROUGH_PER_SERVER:
        SetOtherProtocolHandler(CreateObject<NatPerServerPassthrough>());
        break;
    case OTHER_PASSTHROUGH_IKE_LEARNING:
        SetOtherProtocolHandler(CreateObject<NatIkeLearningPassthrough>());
        break;
    case OTHER_PASSTHROUGH_DISABLED:
        SetOtherProtocolHandler(CreateObject<NatPassthroughDisabled>());
        break;
    case OTHER_DROP:
    default:
        SetOtherProtocolHandler(CreateObject<NatOtherProtocolHandler>());
        break;
    }
}

NatEngine::OtherProtocols
NatEngine::GetOtherProtocols() const
{
    // Most derived first: a custom handler reads as the stock one it derives from.
    if (DynamicCast<NatPerServerPassthrough>(m_otherHandler))
    {
        return OTHER_PASSTHROUGH_PER_SERVER;
    }
    if (DynamicCast<NatOneHostPassthrough>(m_otherHandler))
    {
        return OTHER_PASSTHROUGH_ONE_HOST;
    }
    if (DynamicCast<NatIkeLearningPassthrough>(m_otherHandler))
    {
        return OTHER_PASSTHROUGH_IKE_LEARNING;
    }
    if (DynamicCast<NatPassthroughDisabled>(m_otherHandler))
    {
        return OTHER_PASSTHROUGH_DISABLED;
    }
    if (DynamicCast<NatAddressOnlyHandler>(m_otherHandler))
    {
        return OTHER_ADDRESS_ONLY;
    }
    if (DynamicCast<NatSpiPassthrough>(m_otherHandler))
    {
        return OTHER_SPI_PASSTHROUGH;
    }
    if (DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        return OTHER_SPI_BLOCKS;
    }
    return OTHER_DROP;
}

void
NatEngine::SetSpiBlockBase(uint32_t base)
{
    m_spiBlockBase = base;
    if (auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        blocks->SetAttribute("Base", UintegerValue(base));
    }
}

uint32_t
NatEngine::GetSpiBlockBase() const
{
    UintegerValue base(m_spiBlockBase);
    if (auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        blocks->GetAttribute("Base", base);
    }
    return base.Get();
}

void
NatEngine::SetSpiBlockSize(uint32_t size)
{
    m_spiBlockSize = size;
    if (auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        blocks->SetAttribute("Size", UintegerValue(size));
    }
}

uint32_t
NatEngine::GetSpiBlockSize() const
{
    UintegerValue size(m_spiBlockSize);
    if (auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        blocks->GetAttribute("Size", size);
    }
    return size.Get();
}

void
NatEngine::OtherBindingCreated(const NatMappingInfo& binding, const std::string& cause)
{
    NatMappingInfo info = binding;
    info.externalAddress = m_outside;
    m_mappingCreatedTrace(info, cause);
}

void
NatEngine::OtherBindingExpired(const NatMappingInfo& binding, const std::string& cause)
{
    NatMappingInfo info = binding;
    info.externalAddress = m_outside;
    m_mappingExpiredTrace(info, cause);
}

std::pair<uint32_t, uint32_t>
NatEngine::AllocateSpiBlock(Ipv4Address inside)
{
    auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler);
    return blocks ? blocks->Allocate(inside) : std::make_pair(0u, 0u);
}

NatEngine::TranslateResult
NatEngine::TranslateOther(Direction dir, Ptr<Packet> p, Ipv4Header& h)
{
    const Ipv4Header original = h;
    if (!Allowed(h.GetProtocol(), false, 0, 0))
    {
        Drop(p, original, FIREWALL_DROP);
        return TR_DROPPED;
    }
    NatOtherPacket packet;
    packet.outbound = dir == OUTBOUND;
    packet.packet = p;
    packet.header = &h;
    packet.timeout = m_table.GetTimers()->GetOtherTimeout();
    packet.translateAddress = [this](NatOtherPacket& other) { return TranslateAddressOnly(other); };
    switch (m_otherHandler->Translate(packet))
    {
    case NatOtherPacket::DROPPED:
        Drop(p, original, packet.reason);
        return TR_DROPPED;
    case NatOtherPacket::UNMATCHED:
        return TR_UNMATCHED;
    case NatOtherPacket::TRANSLATED:
    default:
        break;
    }
    if (dir == OUTBOUND)
    {
        h.SetSource(m_outside);
        if (m_otherHandler->HasBindings())
        {
            ScheduleSweep();
        }
    }
    return TR_OK;
}

NatOtherPacket::Verdict
NatEngine::TranslateAddressOnly(NatOtherPacket& packet)
{
    // Address-only (RFC 3022 basic NAT with one outside address): the
    // protocol has no ports, so one inside host at a time holds it.
    Ipv4Header& h = *packet.header;
    uint8_t protocol = h.GetProtocol();
    int64_t now = Simulator::Now().GetNanoSeconds();
    uint32_t index;
    bool expired;
    Mapping* m = FindInbound(protocol, 0, index, expired);
    if (packet.outbound)
    {
        uint32_t inside = h.GetSource().Get();
        uint32_t remote = h.GetDestination().Get();
        if (m != nullptr && m->insideAddress != inside)
        {
            packet.reason = ADDRESS_IN_USE_DROP;
            return NatOtherPacket::DROPPED;
        }
        if (m == nullptr)
        {
            if (const char* refused = RefuseNewMapping(inside))
            {
                packet.reason = refused;
                return NatOtherPacket::DROPPED;
            }
            index = CreateMapping(OutKey{inside, 0, 0, 0, protocol},
                                  0,
                                  remote,
                                  0,
                                  false,
                                  "address-only");
            m = &m_table.At(index);
        }
        m->lastRefresh = now;
        RememberPeer(*m, remote, 0);
        m_otherHandler->NoteOutbound(protocol, h.GetSource(), h.GetDestination(), packet.packet);
        return NatOtherPacket::TRANSLATED;
    }
    if (m == nullptr)
    {
        if (expired)
        {
            packet.reason = MAPPING_EXPIRED_DROP;
            return NatOtherPacket::DROPPED;
        }
        return NatOtherPacket::UNMATCHED;
    }
    if (!PeerPermitted(*m, h.GetSource().Get(), 0))
    {
        packet.reason = FILTERED_DROP;
        return NatOtherPacket::DROPPED;
    }
    if (m_table.GetTimers()->Refreshes(false, *m))
    {
        m->lastRefresh = now;
    }
    h.SetDestination(Ipv4Address(m->insideAddress));
    return NatOtherPacket::TRANSLATED;
}

} // namespace ns3
