/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_RANDOM_PORT_ALLOCATOR_H
#define NATT_NAT_RANDOM_PORT_ALLOCATOR_H

#include "nat-port-allocator.h"

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Random port allocation (RFC 4787 4.2.1, PortAllocation=Random): a
 * uniformly drawn free port of the range, else, after Attempts draws that
 * all hit taken ports, the next free port.
 */
class NatRandomPortAllocator : public NatPortAllocator
{
  public:
    static TypeId GetTypeId();
    bool Allocate(const NatPortRequest& request, uint16_t& port) override;

  private:
    uint32_t m_attempts;
};

} // namespace ns3

#endif /* NATT_NAT_RANDOM_PORT_ALLOCATOR_H */
