/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_PRESERVE_PORT_ALLOCATOR_H
#define NATT_NAT_PRESERVE_PORT_ALLOCATOR_H

#include "nat-port-allocator.h"

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Port preservation (RFC 4787 4.2.1, PortAllocation=Preserve): the
 * inside port when it is free, else the next free port of the range.
 *
 * The preserved port may lie outside PortRangeMin-PortRangeMax: a NAT that
 * preserves ports keeps the host's choice wherever it is.
 */
class NatPreservePortAllocator : public NatPortAllocator
{
  public:
    static TypeId GetTypeId();
    bool Allocate(const NatPortRequest& request, uint16_t& port) override;
};

} // namespace ns3

#endif /* NATT_NAT_PRESERVE_PORT_ALLOCATOR_H */
