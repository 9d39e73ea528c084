/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "drop-counter.h"

namespace ns3
{

void
DropCounter::Count(const char* reason)
{
    ++m_counts[reason];
}

uint64_t
DropCounter::Get(const std::string& reason) const
{
    if (!reason.empty())
    {
        auto it = m_counts.find(reason);
        return it == m_counts.end() ? 0 : it->second;
    }
    uint64_t total = 0;
    for (const auto& [name, count] : m_counts)
    {
        total += count;
    }
    return total;
}

const std::map<std::string, uint64_t>&
DropCounter::GetCounts() const
{
    return m_counts;
}

} // namespace ns3
