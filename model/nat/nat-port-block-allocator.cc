/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-port-block-allocator.h"

#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatPortBlockAllocator");

NS_OBJECT_ENSURE_REGISTERED(NatPortBlockAllocator);

TypeId
NatPortBlockAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatPortBlockAllocator")
            .SetParent<NatPortAllocator>()
            .SetGroupName("Natt")
            .AddConstructor<NatPortBlockAllocator>()
            .AddAttribute("BlockSize",
                          "Ports in each block (RFC 7422)",
                          UintegerValue(512),
                          MakeUintegerAccessor(&NatPortBlockAllocator::m_blockSize),
                          MakeUintegerChecker<uint32_t>(1, 65535))
            .AddAttribute("BlocksPerHost",
                          "Blocks an inside host may own at most (RFC 6888 REQ-4)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&NatPortBlockAllocator::m_blocksPerHost),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("InsideBase",
                          "First inside address of the deterministic mapping: the host at "
                          "InsideBase + k owns blocks k * BlocksPerHost on (RFC 7422 2); "
                          "0.0.0.0 hands blocks out in order of first need",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&NatPortBlockAllocator::m_insideBase),
                          MakeIpv4AddressChecker());
    return tid;
}

NatPortBlockAllocator::NatPortBlockAllocator() = default;

NatPortBlockAllocator::~NatPortBlockAllocator() = default;

bool
NatPortBlockAllocator::FreeIn(const NatPortRequest& request, uint32_t index, uint16_t& port) const
{
    uint32_t first = request.low + index * m_blockSize;
    for (uint32_t candidate = first; candidate < first + m_blockSize; ++candidate)
    {
        if (!request.inUse(static_cast<uint16_t>(candidate)))
        {
            port = static_cast<uint16_t>(candidate);
            return true;
        }
    }
    return false;
}

bool
NatPortBlockAllocator::Claim(uint32_t host, uint32_t index)
{
    if (index >= m_owner.size())
    {
        return false;
    }
    if (m_owner[index] != 0)
    {
        return m_owner[index] == host;
    }
    m_owner[index] = host;
    m_blocksOf[host].push_back(index);
    NS_LOG_INFO("block " << index << " to " << Ipv4Address(host));
    return true;
}

bool
NatPortBlockAllocator::Allocate(const NatPortRequest& request, uint16_t& port)
{
    // Only whole blocks: a remainder at the top of the range is never used.
    uint32_t blocks = (uint32_t{request.high} - request.low + 1) / m_blockSize;
    if (m_owner.size() != blocks)
    {
        m_owner.assign(blocks, 0); // the range changed: start over
        m_blocksOf.clear();
    }
    uint32_t host = request.insideAddress.Get();
    std::vector<uint32_t>& owned = m_blocksOf[host];
    for (uint32_t index : owned)
    {
        if (FreeIn(request, index, port))
        {
            return true;
        }
    }
    if (m_insideBase != Ipv4Address::GetAny())
    {
        // Deterministic: the host's blocks follow from its address.
        uint64_t first = uint64_t{host - m_insideBase.Get()} * m_blocksPerHost;
        for (uint32_t k = owned.size(); k < m_blocksPerHost; ++k)
        {
            if (host < m_insideBase.Get() || first + k >= blocks ||
                !Claim(host, static_cast<uint32_t>(first + k)))
            {
                return false;
            }
            if (FreeIn(request, static_cast<uint32_t>(first + k), port))
            {
                return true;
            }
        }
        return false;
    }
    for (uint32_t index = 0; index < blocks && m_blocksOf[host].size() < m_blocksPerHost; ++index)
    {
        if (m_owner[index] == 0 && Claim(host, index) && FreeIn(request, index, port))
        {
            return true;
        }
    }
    return false;
}

std::vector<uint16_t>
NatPortBlockAllocator::GetBlocks(Ipv4Address host, uint16_t low) const
{
    std::vector<uint16_t> firsts;
    auto it = m_blocksOf.find(host.Get());
    if (it != m_blocksOf.end())
    {
        for (uint32_t index : it->second)
        {
            firsts.push_back(static_cast<uint16_t>(low + index * m_blockSize));
        }
    }
    return firsts;
}

} // namespace ns3
