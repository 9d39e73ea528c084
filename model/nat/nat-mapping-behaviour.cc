/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-mapping-behaviour.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatMappingBehaviour);
NS_OBJECT_ENSURE_REGISTERED(NatAddressDependentMapping);
NS_OBJECT_ENSURE_REGISTERED(NatAddressAndPortDependentMapping);

TypeId
NatMappingBehaviour::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatMappingBehaviour")
                            .SetParent<Object>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatMappingBehaviour>();
    return tid;
}

NatMappingBehaviour::NatMappingBehaviour() = default;

NatMappingBehaviour::~NatMappingBehaviour() = default;

NatMappingKey
NatMappingBehaviour::MakeKey(uint8_t protocol,
                             uint32_t insideAddress,
                             uint16_t insidePort,
                             uint32_t remoteAddress,
                             uint16_t remotePort) const
{
    return NatMappingKey{insideAddress, 0, insidePort, 0, protocol};
}

TypeId
NatAddressDependentMapping::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatAddressDependentMapping")
                            .SetParent<NatMappingBehaviour>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatAddressDependentMapping>();
    return tid;
}

NatMappingKey
NatAddressDependentMapping::MakeKey(uint8_t protocol,
                                    uint32_t insideAddress,
                                    uint16_t insidePort,
                                    uint32_t remoteAddress,
                                    uint16_t remotePort) const
{
    return NatMappingKey{insideAddress, remoteAddress, insidePort, 0, protocol};
}

TypeId
NatAddressAndPortDependentMapping::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatAddressAndPortDependentMapping")
                            .SetParent<NatAddressDependentMapping>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatAddressAndPortDependentMapping>();
    return tid;
}

NatMappingKey
NatAddressAndPortDependentMapping::MakeKey(uint8_t protocol,
                                           uint32_t insideAddress,
                                           uint16_t insidePort,
                                           uint32_t remoteAddress,
                                           uint16_t remotePort) const
{
    return NatMappingKey{insideAddress, remoteAddress, insidePort, remotePort, protocol};
}

} // namespace ns3
