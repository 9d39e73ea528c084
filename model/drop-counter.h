/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_DROP_COUNTER_H
#define NATT_DROP_COUNTER_H

#include <cstdint>
#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup natt
 * Packets dropped, counted by reason: the one convention of NatEngine,
 * IpsecStack and IkeDaemon, taken from ns-3's QueueDisc (queue-disc.h,
 * fifo-queue-disc.h).
 *
 * A class that drops declares each of its reasons once, as a named
 * constant beside the code that drops:
 *
 *     static constexpr const char* NO_MAPPING_DROP = "no-mapping";
 *
 * counts it here, and fires its "Drop" trace source with
 * (Ptr<const Packet>, const char* reason). A subclass adds reasons by
 * declaring more constants; neither the base nor this counter changes.
 * The names are what users see (results, `natt describe`, tests).
 */
class DropCounter
{
  public:
    /// One more drop for \p reason.
    void Count(const char* reason);
    /// Drops for \p reason (0 for a reason never counted); every reason's when empty.
    uint64_t Get(const std::string& reason = "") const;
    /// Every reason counted so far, with its count, in name order.
    const std::map<std::string, uint64_t>& GetCounts() const;

  private:
    std::map<std::string, uint64_t> m_counts;
};

} // namespace ns3

#endif /* NATT_DROP_COUNTER_H */
