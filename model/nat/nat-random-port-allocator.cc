/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-random-port-allocator.h"

#include "ns3/uinteger.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatRandomPortAllocator);

TypeId
NatRandomPortAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatRandomPortAllocator")
            .SetParent<NatPortAllocator>()
            .SetGroupName("Natt")
            .AddConstructor<NatRandomPortAllocator>()
            .AddAttribute("Attempts",
                          "Random draws before falling back to the next free port (a nearly "
                          "full range would otherwise be drawn from for a long time)",
                          UintegerValue(32),
                          MakeUintegerAccessor(&NatRandomPortAllocator::m_attempts),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

bool
NatRandomPortAllocator::Allocate(const NatPortRequest& request, uint16_t& port)
{
    for (uint32_t attempt = 0; attempt < m_attempts; ++attempt)
    {
        auto candidate =
            static_cast<uint16_t>(request.random->GetInteger(request.low, request.high));
        if (!request.inUse(candidate))
        {
            port = candidate;
            return true;
        }
    }
    return NextFree(request, port);
}

} // namespace ns3
