/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fixes.h"

#include "results.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace natt
{

namespace
{

std::vector<FixUse>&
Registry()
{
    static std::vector<FixUse> uses;
    return uses;
}

/// The uses of the entries written before the table existed (issue 13).
const std::vector<FixUse>&
BuiltInUses()
{
    static const std::vector<FixUse> uses{
        {"nat-t", "rfc3715-a", "esp-natt"},
        {"nat-t", "rfc3715-b", "rfc3948-nat-oa"},
        {"nat-t", "rfc3715-d", "rfc3947-responder"},
        {"nat-t", "rfc3715-e", "natt-transport"},
        {"nat-t", "rfc3715-f", "udp-encapsulation"},
        {"nat-t", "rfc3715-i", "natt-inbound"},
        {"nat-t", "rfc3715-j", "udp-encap"},
        {"nat-t", "rfc3715-k", "rfc3948-keepalives", "", "keepalive_bytes_per_second"},
        {"nat-t", "rfc3715-n", "natt-4500"},
        {"nat-t", "rfc3715-o", "natt-float"},
        {"nat-t", "rfc3715-p", "ike-on-4500"},
        {"nat-t", "req-telecommuter-multi-nat", "natt"},
        {"nat-t", "req-gateway-behind-nat", "natt"},
        {"nat-t", "req-end-to-end", "natt-transport"},
        {"nat-t", "req-many-behind-one-nat", "natt"},
        {"nat-t", "req-same-private-address", "natt-transport"},
        {"nat-t", "req-firewall", "natt"},
        {"nat-t", "req-rekey-bidirectional", "natt"},
        {"draft-stenberg", "rfc3715-k", "stenberg-heartbeat"},
        {"tunnel-mode", "rfc3715-b", "tunnel"},
        {"tunnel-mode", "rfc3715-g", "tunnel-assigned-address"},
        {"tunnel-mode", "sol-tunnel-mode", "baseline"},
    };
    return uses;
}

const ResultRow*
FindRow(const std::vector<ResultRow>& rows, const std::string& id, const std::string& variant)
{
    for (const auto& row : rows)
    {
        if (row.id == id && row.variant == variant)
        {
            return &row;
        }
    }
    return nullptr;
}

const double*
FindMetric(const ResultRow& row, const std::string& name)
{
    for (const auto& metric : row.metrics)
    {
        if (metric.first == name)
        {
            return &metric.second;
        }
    }
    return nullptr;
}

/// A row that shows the fix working: it ran, works, and was expected to.
bool
Counts(const ResultRow* row)
{
    return row && row->outcome == "works" && row->Matches();
}

/// Measured values with the rows they came from, or "not measured".
std::string
Summarise(const std::vector<std::pair<double, std::string>>& values)
{
    if (values.empty())
    {
        return "not measured";
    }
    std::string text;
    for (const auto& [value, from] : values)
    {
        text += (text.empty() ? "" : "; ") + FormatNumber(value) + " (" + from + ")";
    }
    return text;
}

} // namespace

RegisteredFixUse::RegisteredFixUse(FixUse use)
{
    Registry().push_back(std::move(use));
}

const std::vector<Fix>&
GetFixes()
{
    static const std::vector<Fix> fixes{
        {"nat-t",
         "NAT-T (RFC 3947/3948, RFC 7296 2.23)",
         "IKE with NAT-D and the float to UDP 4500; ESP in UDP; keepalives",
         "none (they must pass UDP 500 and 4500)",
         "the same IKE and ESP-in-UDP support on the peer"},
        {"draft-stenberg",
         "draft-stenberg-ipsec-nat-traversal-00",
         "the vendor ID and probe in Main Mode, the envelope on UDP 500, heartbeats",
         "none, but they must not parse or spare port 500 (RFC 3715 2.3 o, p)",
         "the same on the peer, and a built-in host NAT in transport mode (3.4)"},
        {"rsip",
         "RSIP (RFC 3102-3104)",
         "an RSIP client and an IP-in-IP tunnel to the gateway",
         "the NAT is replaced by an RSIP gateway",
         "none"},
        {"dnat",
         "3Com distributed NAT with SPI blocks",
         "host-side DNAT: port and SPI blocks, a light-weight tunnel",
         "the NAT is replaced by a DNAT router, which is also a local CA",
         "trust in the router's CA for certificate authentication"},
        {"6to4",
         "6to4 (RFC 3056), IPsec over IPv6",
         "IPv6 and IPsec over IPv6",
         "a 6to4 router with a public IPv4 address instead of the NAT",
         "IPv6 (6to4 or a relay)"},
        {"tunnel-mode",
         "tunnel mode (RFC 3715 4.1)",
         "tunnel-mode SAs with inner addresses",
         "an address-only NAT that passes ESP",
         "a gateway that assigns or accepts the inner addresses"},
    };
    return fixes;
}

std::vector<FixUse>
GetFixUses()
{
    std::vector<FixUse> uses = BuiltInUses();
    uses.insert(uses.end(), Registry().begin(), Registry().end());
    return uses;
}

std::string
FixesTable(const std::vector<ResultRow>& rows)
{
    std::vector<FixUse> uses = GetFixUses();
    std::ostringstream os;
    os << "## Which fix, at what cost\n\n"
       << "Each fix natt models, what deploying it changes, the RFC 3715 items whose "
          "rfc3715-* rows work with it, how many rows of this run work with it, and its "
          "costs as this run measured them (the rows in brackets; \"not measured\" where "
          "no row of this run measures it).\n\n"
       << "| fix | changes hosts | changes NATs | changes servers | RFC 3715 items fixed | rows "
          "working | bytes added per packet | keepalive bytes per second |\n"
       << "|---|---|---|---|---|---|---|---|\n";
    for (const Fix& fix : GetFixes())
    {
        std::set<std::string> items;
        std::set<std::string> working;
        std::vector<std::pair<double, std::string>> perPacket;
        std::vector<std::pair<double, std::string>> perSecond;
        for (const FixUse& use : uses)
        {
            const ResultRow* row = FindRow(rows, use.entry, use.variant);
            if (use.fix != fix.id || !Counts(row))
            {
                continue;
            }
            std::string name = use.entry + "/" + use.variant;
            working.insert(name);
            if (use.entry.rfind("rfc3715-", 0) == 0)
            {
                // "RFC 3715 2.2 k" -> "2.2 k": the item, from the row's source.
                std::string item = row->source;
                const std::string prefix = "RFC 3715 ";
                items.insert(item.rfind(prefix, 0) == 0 ? item.substr(prefix.size()) : item);
            }
            const double* bytes =
                use.perPacketMetric.empty() ? nullptr : FindMetric(*row, use.perPacketMetric);
            if (bytes)
            {
                perPacket.emplace_back(*bytes, name);
            }
            const double* rate =
                use.perSecondMetric.empty() ? nullptr : FindMetric(*row, use.perSecondMetric);
            if (rate)
            {
                perSecond.emplace_back(*rate, name);
            }
        }
        std::string itemList;
        for (const auto& item : items)
        {
            itemList += (itemList.empty() ? "" : ", ") + item;
        }
        os << "| " << fix.name << " | " << fix.hosts << " | " << fix.nats << " | " << fix.servers
           << " | " << (itemList.empty() ? "none in this run" : itemList) << " | " << working.size()
           << " | " << Summarise(perPacket) << " | " << Summarise(perSecond) << " |\n";
    }
    os << "\n";
    return os.str();
}

} // namespace natt
