/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "catalogue.h"

#include "entries.h"

#include <algorithm>
#include <string>

namespace natt
{

namespace
{

/// DESIGN section 5's order, which `natt list` and the report follow.
const char* const kDesignOrder[] = {
    "rfc3715-a",
    "rfc3715-b",
    "rfc3715-c",
    "rfc3715-d",
    "rfc3715-e",
    "rfc3715-f",
    "rfc3715-g",
    "rfc3715-h",
    "rfc3715-i",
    "rfc3715-j",
    "rfc3715-k",
    "rfc3715-l",
    "rfc3715-m",
    "rfc3715-n",
    "rfc3715-o",
    "rfc3715-p",
    "rfc3715-spoof",
    "req-telecommuter-multi-nat",
    "req-gateway-behind-nat",
    "req-end-to-end",
    "req-many-behind-one-nat",
    "req-same-private-address",
    "req-firewall",
    "req-backward-compat",
    "req-rekey-bidirectional",
};

std::size_t
DesignRank(const std::string& id)
{
    auto begin = std::begin(kDesignOrder);
    auto end = std::end(kDesignOrder);
    return static_cast<std::size_t>(std::find(begin, end, id) - begin);
}

} // namespace

// Each entry lives in its own file (scenarios/catalogue/) and is listed
// here explicitly, so no static initialisation order matters.

const std::vector<std::unique_ptr<Scenario>>&
GetCatalogue()
{
    static const std::vector<std::unique_ptr<Scenario>> catalogue = [] {
        std::vector<std::unique_ptr<Scenario>> entries;
        // RFC 3715 2.1: data-plane incompatibilities.
        entries.push_back(MakeRfc3715A());
        entries.push_back(MakeRfc3715B());
        entries.push_back(MakeRfc3715G());
        entries.push_back(MakeRfc3715I());
        entries.push_back(MakeRfc3715J());
        entries.push_back(MakeRfc3715Spoof());

        // RFC 3715 2.1-2.2: SPIs, keepalives, fragments.
        entries.push_back(MakeRfc3715F());
        entries.push_back(MakeRfc3715K());
        entries.push_back(MakeRfc3715L());
        entries.push_back(MakeRfc3715M());

        // RFC 3715 2.1-2.3: IKE through NATs.
        entries.push_back(MakeRfc3715C());
        entries.push_back(MakeRfc3715D());
        entries.push_back(MakeRfc3715H());
        entries.push_back(MakeRfc3715N());
        entries.push_back(MakeRfc3715O());
        entries.push_back(MakeRfc3715P());

        // RFC 3715 2.1 e and section 3 requirements.
        entries.push_back(MakeRfc3715E());
        entries.push_back(MakeReqTelecommuterMultiNat());
        entries.push_back(MakeReqGatewayBehindNat());
        entries.push_back(MakeReqEndToEnd());
        entries.push_back(MakeReqManyBehindOneNat());
        entries.push_back(MakeReqSamePrivateAddress());
        entries.push_back(MakeReqFirewall());
        entries.push_back(MakeReqBackwardCompat());
        entries.push_back(MakeReqRekeyBidirectional());

        std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
            return DesignRank(a->GetId()) < DesignRank(b->GetId());
        });
        return entries;
    }();
    return catalogue;
}

const std::vector<std::unique_ptr<Scenario>>&
GetMeasurements()
{
    static const std::vector<std::unique_ptr<Scenario>> measurements = [] {
        std::vector<std::unique_ptr<Scenario>> entries;
        // Measurements behind the matrix plots.
        entries.push_back(MakeEncapsulationOverhead());
        entries.push_back(MakeIkeSetup());

        return entries;
    }();
    return measurements;
}

const Scenario*
FindScenario(const std::string& id)
{
    for (const auto* list : {&GetCatalogue(), &GetMeasurements()})
    {
        for (const auto& scenario : *list)
        {
            if (scenario->GetId() == id)
            {
                return scenario.get();
            }
        }
    }
    return nullptr;
}

} // namespace natt
