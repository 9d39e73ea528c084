/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_FIXES_H
#define NATT_FIXES_H

#include "scenario.h"

#include <string>
#include <vector>

namespace natt
{

/**
 * A fix for IPsec through NATs that natt models, and what deploying it
 * changes (issue 13, "The fixes side by side"). What it fixes and what it
 * costs are not stated here: they come from the result rows of the
 * catalogue entries that declare they use it (FixUse).
 */
struct Fix
{
    std::string id;      ///< what FixUse::fix names: "nat-t", "draft-stenberg", ...
    std::string name;    ///< with its source: "NAT-T (RFC 3947/3948)"
    std::string hosts;   ///< what changes on the hosts behind the NAT
    std::string nats;    ///< what changes on the NATs
    std::string servers; ///< what changes on the peers / gateways / servers
};

/**
 * One catalogue row that exercises a fix, and which of its metrics carry
 * the fix's costs. A row counts only when it ran and its outcome is
 * "works" as expected. An entry declares its own uses with one line
 * (RegisteredFixUse), e.g.
 *
 *     const RegisteredFixUse kFix{{"rsip", "sol-rsip", "rsip-esp-tunnel",
 * "added_bytes_per_packet"}};
 */
struct FixUse
{
    std::string fix;
    std::string entry;
    std::string variant;
    /// Bytes the fix adds to each packet on the wire; empty: not measured by this row.
    std::string perPacketMetric{};
    /// The fix's keepalive bytes per second; empty: not measured by this row.
    std::string perSecondMetric{};
};

/// Declares a FixUse from the entry's own file, at static initialisation.
class RegisteredFixUse
{
  public:
    explicit RegisteredFixUse(FixUse use);
};

/// Every fix, in the order the report shows them.
const std::vector<Fix>& GetFixes();

/// Every declared use: the built-in ones of the entries before issue 13, then the registered ones.
std::vector<FixUse> GetFixUses();

/**
 * The report's "Which fix, at what cost" section: one line per fix with
 * what it changes, the RFC 3715 items of the rfc3715-* rows it makes
 * work, how many rows work with it, the bytes it adds per packet and its
 * keepalive bytes per second, each measured value with the rows it came
 * from; "not measured" where no row has it.
 */
std::string FixesTable(const std::vector<ResultRow>& rows);

} // namespace natt

#endif /* NATT_FIXES_H */
