/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-preserve-port-allocator.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatPreservePortAllocator);

TypeId
NatPreservePortAllocator::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatPreservePortAllocator")
                            .SetParent<NatPortAllocator>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatPreservePortAllocator>();
    return tid;
}

bool
NatPreservePortAllocator::Allocate(const NatPortRequest& request, uint16_t& port)
{
    if (request.insidePort != 0 && !request.inUse(request.insidePort))
    {
        port = request.insidePort;
        return true;
    }
    return NextFree(request, port);
}

} // namespace ns3
