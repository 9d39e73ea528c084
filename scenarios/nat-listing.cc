/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-listing.h"

#include "results.h"

#include "ns3/nat-presets.h"

#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace natt
{

namespace
{

/// A preset: a name, what it models, and the attributes it sets.
struct NatPresetView
{
    std::string name;
    std::string description;
    std::vector<std::pair<std::string, std::string>> attributes;
};

// The presets come from the NAT model's registry; attribute names are
// printed in full, as `--set` takes them.
std::vector<NatPresetView>
CollectPresets()
{
    std::vector<NatPresetView> views;
    for (const auto& preset : ns3::NatPresets::GetAll())
    {
        NatPresetView view{preset.name, preset.description, {}};
        for (const auto& attribute : preset.attributes)
        {
            view.attributes.emplace_back("ns3::NatEngine::" + attribute.first, attribute.second);
        }
        views.push_back(view);
    }
    return views;
}

} // namespace

std::string
DescribeNatPresets(bool json)
{
    std::vector<NatPresetView> presets = CollectPresets();
    std::ostringstream os;
    if (json)
    {
        os << "[";
        for (std::size_t k = 0; k < presets.size(); ++k)
        {
            os << (k == 0 ? "\n" : ",\n") << "{\"name\": " << JsonQuote(presets[k].name)
               << ", \"description\": " << JsonQuote(presets[k].description)
               << ", \"attributes\": {";
            for (std::size_t a = 0; a < presets[k].attributes.size(); ++a)
            {
                os << (a == 0 ? "" : ", ") << JsonQuote(presets[k].attributes[a].first) << ": "
                   << JsonQuote(presets[k].attributes[a].second);
            }
            os << "}}";
        }
        os << (presets.empty() ? "]\n" : "\n]\n");
        return os.str();
    }
    for (const auto& preset : presets)
    {
        os << preset.name << "  " << preset.description << "\n";
        for (const auto& attribute : preset.attributes)
        {
            os << "    " << attribute.first << " = " << attribute.second << "\n";
        }
    }
    os << presets.size() << " presets\n";
    return os.str();
}

} // namespace natt
