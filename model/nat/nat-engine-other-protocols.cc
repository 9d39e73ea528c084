/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// NatEngine's configuration for protocols without ports (RFC 3715 2.1 f, j):
// the NatOtherProtocolHandler its OtherProtocolHandler attribute holds, the
// old OtherProtocols enum that chooses a stock one (the passthrough routers'
// designs among them), the SpiBlockBase/SpiBlockSize aliases of NatSpiBlocks,
// and the handler's bindings passed on as the engine's mapping traces.
#include "nat-engine.h"
#include "nat-passthrough-routers.h"
#include "nat-spi-blocks.h"
#include "nat-spi-passthrough.h"

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

} // namespace ns3
