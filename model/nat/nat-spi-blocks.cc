/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-spi-blocks.h"

#include "nat-engine.h"

#include "ns3/uinteger.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatSpiBlocks);

TypeId
NatSpiBlocks::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatSpiBlocks")
            .SetParent<NatOtherProtocolHandler>()
            .SetGroupName("Natt")
            .AddConstructor<NatSpiBlocks>()
            .AddAttribute("Base",
                          "First SPI of the first block (above the reserved 1-255 of RFC 4303)",
                          UintegerValue(0x10000),
                          MakeUintegerAccessor(&NatSpiBlocks::m_base),
                          MakeUintegerChecker<uint32_t>(256))
            .AddAttribute("Size",
                          "SPIs in each inside host's block",
                          UintegerValue(0x10000),
                          MakeUintegerAccessor(&NatSpiBlocks::m_size),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

NatOtherPacket::Verdict
NatSpiBlocks::Translate(NatOtherPacket& packet)
{
    if (packet.header->GetProtocol() != ESP_PROTOCOL)
    {
        return NatOtherProtocolHandler::Translate(packet);
    }
    // Outbound: the SPI is not recorded, the engine sets the outside address.
    if (packet.outbound)
    {
        return NatOtherPacket::TRANSLATED;
    }
    if (packet.packet->GetSize() < 8)
    {
        packet.reason = NatEngine::TRUNCATED_DROP;
        return NatOtherPacket::DROPPED;
    }
    // The SPI is in the ESP header's clear part (RFC 4303 2.1), and blocks
    // never overlap, so its block is a division away.
    uint32_t spi = ReadSpi(packet.packet);
    if (spi < m_base)
    {
        return NatOtherPacket::UNMATCHED;
    }
    uint64_t index = (uint64_t{spi} - m_base) / m_size;
    if (index >= m_blocks.size())
    {
        return NatOtherPacket::UNMATCHED;
    }
    packet.header->SetDestination(Ipv4Address(m_blocks[index]));
    return NatOtherPacket::TRANSLATED;
}

std::pair<uint32_t, uint32_t>
NatSpiBlocks::Allocate(Ipv4Address inside)
{
    auto known = m_blockOf.find(inside.Get());
    uint32_t index;
    if (known != m_blockOf.end())
    {
        index = known->second;
    }
    else
    {
        uint64_t first = uint64_t{m_base} + uint64_t{m_size} * m_blocks.size();
        if (first + m_size - 1 > 0xffffffffULL)
        {
            return {0, 0};
        }
        index = static_cast<uint32_t>(m_blocks.size());
        m_blocks.push_back(inside.Get());
        m_blockOf[inside.Get()] = index;
        NatMappingInfo info;
        info.protocol = ESP_PROTOCOL;
        info.insideAddress = inside;
        info.spi = static_cast<uint32_t>(first);
        // A block is not an ESP binding: traced, not counted.
        m_createdTrace(info, "esp-spi-block");
    }
    uint32_t first = m_base + m_size * index;
    return {first, first + (m_size - 1)};
}

void
NatSpiBlocks::Reboot()
{
    NatOtherProtocolHandler::Reboot();
    m_blocks.clear();
    m_blockOf.clear();
}

} // namespace ns3
