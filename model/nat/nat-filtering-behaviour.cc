/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-filtering-behaviour.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatFilteringBehaviour);
NS_OBJECT_ENSURE_REGISTERED(NatAddressDependentFiltering);
NS_OBJECT_ENSURE_REGISTERED(NatAddressAndPortDependentFiltering);

TypeId
NatFilteringBehaviour::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatFilteringBehaviour")
                            .SetParent<Object>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatFilteringBehaviour>();
    return tid;
}

NatFilteringBehaviour::NatFilteringBehaviour() = default;

NatFilteringBehaviour::~NatFilteringBehaviour() = default;

bool
NatFilteringBehaviour::Permits(const NatMapping& mapping, uint32_t address, uint16_t port) const
{
    return true;
}

TypeId
NatAddressDependentFiltering::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatAddressDependentFiltering")
                            .SetParent<NatFilteringBehaviour>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatAddressDependentFiltering>();
    return tid;
}

bool
NatAddressDependentFiltering::Permits(const NatMapping& mapping,
                                      uint32_t address,
                                      uint16_t port) const
{
    return mapping.SentTo(address, port, false);
}

TypeId
NatAddressAndPortDependentFiltering::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatAddressAndPortDependentFiltering")
                            .SetParent<NatAddressDependentFiltering>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatAddressAndPortDependentFiltering>();
    return tid;
}

bool
NatAddressAndPortDependentFiltering::Permits(const NatMapping& mapping,
                                             uint32_t address,
                                             uint16_t port) const
{
    return mapping.SentTo(address, port, true);
}

} // namespace ns3
