/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_MAPPING_BEHAVIOUR_H
#define NATT_NAT_MAPPING_BEHAVIOUR_H

#include "nat-mapping-table.h"

#include "ns3/object.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief RFC 4787 4.1 mapping behaviour: which parts of the remote endpoint
 * select an inside endpoint's mapping, chosen on NatEngine by its
 * MappingBehaviour attribute.
 *
 * MakeKey gives the outbound lookup key of a packet: packets with equal keys
 * share a mapping (and its external port). This base class is
 * endpoint-independent mapping (Mapping=EndpointIndependent, RFC 4787 REQ-1):
 * the remote endpoint is not part of the key.
 */
class NatMappingBehaviour : public Object
{
  public:
    static TypeId GetTypeId();
    NatMappingBehaviour();
    ~NatMappingBehaviour() override;

    virtual NatMappingKey MakeKey(uint8_t protocol,
                                  uint32_t insideAddress,
                                  uint16_t insidePort,
                                  uint32_t remoteAddress,
                                  uint16_t remotePort) const;
};

/**
 * \ingroup natt-nat
 * \brief Address-dependent mapping (RFC 4787 4.1, Mapping=AddressDependent):
 * one mapping per remote address.
 */
class NatAddressDependentMapping : public NatMappingBehaviour
{
  public:
    static TypeId GetTypeId();
    NatMappingKey MakeKey(uint8_t protocol,
                          uint32_t insideAddress,
                          uint16_t insidePort,
                          uint32_t remoteAddress,
                          uint16_t remotePort) const override;
};

/**
 * \ingroup natt-nat
 * \brief Address- and port-dependent mapping (RFC 4787 4.1,
 * Mapping=AddressAndPortDependent, "symmetric NAT"): one mapping per remote
 * endpoint.
 */
class NatAddressAndPortDependentMapping : public NatAddressDependentMapping
{
  public:
    static TypeId GetTypeId();
    NatMappingKey MakeKey(uint8_t protocol,
                          uint32_t insideAddress,
                          uint16_t insidePort,
                          uint32_t remoteAddress,
                          uint16_t remotePort) const override;
};

} // namespace ns3

#endif /* NATT_NAT_MAPPING_BEHAVIOUR_H */
