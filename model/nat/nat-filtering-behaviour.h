/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_FILTERING_BEHAVIOUR_H
#define NATT_NAT_FILTERING_BEHAVIOUR_H

#include "nat-mapping-table.h"

#include "ns3/object.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief RFC 4787 5 filtering behaviour: which remote endpoints may send in
 * through a mapping, chosen on NatEngine by its FilteringBehaviour
 * attribute.
 *
 * The engine asks only about mappings a forwarding rule or an ALG did not
 * open to everyone. This base class is endpoint-independent filtering
 * (Filtering=EndpointIndependent): anyone may.
 */
class NatFilteringBehaviour : public Object
{
  public:
    static TypeId GetTypeId();
    NatFilteringBehaviour();
    ~NatFilteringBehaviour() override;

    /// Whether \p address : \p port may send in through \p mapping.
    virtual bool Permits(const NatMapping& mapping, uint32_t address, uint16_t port) const;
};

/**
 * \ingroup natt-nat
 * \brief Address-dependent filtering (RFC 4787 5,
 * Filtering=AddressDependent): the inside endpoint sent to that address.
 */
class NatAddressDependentFiltering : public NatFilteringBehaviour
{
  public:
    static TypeId GetTypeId();
    bool Permits(const NatMapping& mapping, uint32_t address, uint16_t port) const override;
};

/**
 * \ingroup natt-nat
 * \brief Address- and port-dependent filtering (RFC 4787 5,
 * Filtering=AddressAndPortDependent): it sent to that address and port.
 */
class NatAddressAndPortDependentFiltering : public NatAddressDependentFiltering
{
  public:
    static TypeId GetTypeId();
    bool Permits(const NatMapping& mapping, uint32_t address, uint16_t port) const override;
};

} // namespace ns3

#endif /* NATT_NAT_FILTERING_BEHAVIOUR_H */
