/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-port-allocator.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatPortAllocator");

NS_OBJECT_ENSURE_REGISTERED(NatPortAllocator);
NS_OBJECT_ENSURE_REGISTERED(NatSequentialPortAllocator);

TypeId
NatPortAllocator::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatPortAllocator").SetParent<Object>().SetGroupName("Natt");
    return tid;
}

NatPortAllocator::NatPortAllocator() = default;

NatPortAllocator::~NatPortAllocator() = default;

bool
NatPortAllocator::NextFree(const NatPortRequest& request, uint16_t& port)
{
    uint32_t range = uint32_t{request.high} - request.low + 1;
    for (uint32_t k = 0; k < range; ++k)
    {
        if (m_next < request.low || m_next > request.high)
        {
            m_next = request.low;
        }
        uint16_t candidate = m_next;
        m_next = candidate == request.high ? request.low : candidate + 1;
        if (!request.inUse(candidate))
        {
            port = candidate;
            return true;
        }
    }
    NS_LOG_LOGIC("no free port in " << request.low << "-" << request.high);
    return false;
}

TypeId
NatSequentialPortAllocator::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatSequentialPortAllocator")
                            .SetParent<NatPortAllocator>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatSequentialPortAllocator>();
    return tid;
}

bool
NatSequentialPortAllocator::Allocate(const NatPortRequest& request, uint16_t& port)
{
    return NextFree(request, port);
}

} // namespace ns3
