/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_SPI_BLOCKS_H
#define NATT_NAT_SPI_BLOCKS_H

#include "nat-other-protocol-handler.h"

#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief OtherProtocols=SpiBlocks, "IPsec over DNAT" (3Com disclosure): each
 * inside host asks for a block of SPIs and chooses its inbound SPIs in it;
 * inbound ESP goes to the host whose block holds its SPI. Nothing is
 * guessed, so two hosts talking to one peer each get their own ESP (RFC
 * 3715 2.1 f). Outbound ESP only gets the outside address; other protocols
 * without ports are dropped.
 */
class NatSpiBlocks : public NatOtherProtocolHandler
{
  public:
    static TypeId GetTypeId();
    NatOtherPacket::Verdict Translate(NatOtherPacket& packet) override;
    void Reboot() override;

    /**
     * The SPI block of \p inside: the first call for a host gives it the
     * next free block of Size SPIs from Base on, later calls the same block.
     * \return (first, last) SPI of the block; (0, 0) when none is left
     */
    std::pair<uint32_t, uint32_t> Allocate(Ipv4Address inside);

  private:
    uint32_t m_base;
    uint32_t m_size;
    std::vector<uint32_t> m_blocks;                   ///< block index -> inside host
    std::unordered_map<uint32_t, uint32_t> m_blockOf; ///< inside host -> block index
};

} // namespace ns3

#endif /* NATT_NAT_SPI_BLOCKS_H */
