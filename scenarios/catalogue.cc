/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "catalogue.h"

namespace natt
{

// Each entry lives in its own file and is listed here explicitly, so the
// order is the catalogue's (DESIGN section 5) and no static initialisation
// order matters. Entries arrive with the NAT, IPsec and IKE models.

const std::vector<std::unique_ptr<Scenario>>&
GetCatalogue()
{
    static const std::vector<std::unique_ptr<Scenario>> catalogue = [] {
        std::vector<std::unique_ptr<Scenario>> entries;
        return entries;
    }();
    return catalogue;
}

const Scenario*
FindScenario(const std::string& id)
{
    for (const auto& scenario : GetCatalogue())
    {
        if (scenario->GetId() == id)
        {
            return scenario.get();
        }
    }
    return nullptr;
}

} // namespace natt
