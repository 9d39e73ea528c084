/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_PORT_ALLOCATOR_H
#define NATT_NAT_PORT_ALLOCATOR_H

#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <functional>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief What a port allocator is asked: one new mapping's external port,
 * and the engine's external ports as far as the choice needs them.
 */
struct NatPortRequest
{
    uint8_t protocol{0};
    Ipv4Address insideAddress; ///< the host the mapping is for (RFC 7422 blocks are per host)
    uint16_t insidePort{0};    ///< the port (or ICMP identifier) the host chose; 0 when none
    uint16_t low{0};           ///< PortRangeMin and PortRangeMax of the engine, ordered
    uint16_t high{0};
    /// Whether a port of \c protocol is taken (a live mapping or a forwarding rule).
    std::function<bool(uint16_t port)> inUse;
    /// The engine's random stream (NatEngine::AssignStreams): lent rather
    /// than owned, so that the choice of allocator does not shift the
    /// stream numbers of the rest of the simulation.
    Ptr<UniformRandomVariable> random;
};

/**
 * \ingroup natt-nat
 * \brief How a NAPT picks the external port of a new mapping (RFC 4787
 * 4.2.1), chosen on NatEngine by its PortAllocator attribute.
 *
 * A subclass overrides Allocate; the engine counts the drop
 * ("ports-exhausted") when it fails. NextFree is the sequential choice the
 * stock allocators fall back to, as NATs that first try something else do:
 * a cursor that walks the range and takes the next free port.
 */
class NatPortAllocator : public Object
{
  public:
    static TypeId GetTypeId();
    NatPortAllocator();
    ~NatPortAllocator() override;

    /**
     * \param request the mapping and the engine's view of its ports
     * \param[out] port the external port, when one is free
     * \return false when no port of the range is free
     */
    virtual bool Allocate(const NatPortRequest& request, uint16_t& port) = 0;

  protected:
    /// The next free port after the cursor, wrapping once round the range.
    bool NextFree(const NatPortRequest& request, uint16_t& port);

  private:
    uint16_t m_next{0}; ///< the cursor: the next port to try
};

/**
 * \ingroup natt-nat
 * \brief The next free port of the range (PortAllocation=Sequential).
 */
class NatSequentialPortAllocator : public NatPortAllocator
{
  public:
    static TypeId GetTypeId();
    bool Allocate(const NatPortRequest& request, uint16_t& port) override;
};

} // namespace ns3

#endif /* NATT_NAT_PORT_ALLOCATOR_H */
