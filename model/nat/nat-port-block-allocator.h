/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_PORT_BLOCK_ALLOCATOR_H
#define NATT_NAT_PORT_BLOCK_ALLOCATOR_H

#include "nat-port-allocator.h"

#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Per-host port blocks, as carrier-grade NATs allocate them (RFC 7422
 * deterministic mapping; RFC 6888 REQ-4 port limits).
 *
 * The range PortRangeMin..PortRangeMax is cut into blocks of BlockSize
 * ports; each inside host owns up to BlocksPerHost of them and gets only
 * their ports, the lowest free one first, for every protocol. With
 * InsideBase set, the host at InsideBase + k owns blocks k * BlocksPerHost
 * onwards, a function of its address alone, so the operator logs nothing
 * per mapping (RFC 7422 2); without it, hosts get the next unowned block
 * when they first need one (bulk allocation, one log line per block). A
 * host whose blocks are full is refused ("ports-exhausted") even when other
 * hosts' blocks have room: the isolation CGNs are deployed for.
 */
class NatPortBlockAllocator : public NatPortAllocator
{
  public:
    static TypeId GetTypeId();
    NatPortBlockAllocator();
    ~NatPortBlockAllocator() override;

    bool Allocate(const NatPortRequest& request, uint16_t& port) override;

    /// The first port of each block \p host owns (tests, reports).
    std::vector<uint16_t> GetBlocks(Ipv4Address host, uint16_t low) const;

  private:
    /// Whether \p host owns block \p index or may take it; takes it.
    bool Claim(uint32_t host, uint32_t index);
    /// The lowest free port of block \p index, if any.
    bool FreeIn(const NatPortRequest& request, uint32_t index, uint16_t& port) const;

    uint32_t m_blockSize;
    uint32_t m_blocksPerHost;
    Ipv4Address m_insideBase;
    std::unordered_map<uint32_t, std::vector<uint32_t>> m_blocksOf; ///< host -> block indices
    std::vector<uint32_t> m_owner; ///< block index -> host (0: unowned)
};

} // namespace ns3

#endif /* NATT_NAT_PORT_BLOCK_ALLOCATOR_H */
