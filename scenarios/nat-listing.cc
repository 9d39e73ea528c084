/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-listing.h"

#include "results.h"

#include "ns3/nat-engine.h"
#include "ns3/nat-presets.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/pointer.h"
#include "ns3/string.h"

#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace natt
{

namespace
{

using Attributes = std::vector<std::pair<std::string, std::string>>;

/// A behaviour object of an engine: the attribute holding it, its class, its attributes.
struct NatBehaviourView
{
    std::string attribute;
    std::string type;
    Attributes attributes;
};

/// A preset: a name, what it models, the attributes it sets, and the
/// behaviour objects an engine built from it holds.
struct NatPresetView
{
    std::string name;
    std::string description;
    Attributes attributes;
    std::vector<NatBehaviourView> behaviours;
};

/// Every attribute of \p object (its class's and its ancestors'), as strings.
Attributes
AttributesOf(const ns3::Ptr<ns3::Object>& object)
{
    Attributes values;
    for (ns3::TypeId tid = object->GetInstanceTypeId(); tid != ns3::Object::GetTypeId();
         tid = tid.GetParent())
    {
        for (uint32_t k = 0; k < tid.GetAttributeN(); ++k)
        {
            ns3::TypeId::AttributeInformation info = tid.GetAttribute(k);
            ns3::Ptr<ns3::AttributeValue> value = info.checker->Create();
            if (!object->GetAttributeFailSafe(info.name, *value))
            {
                continue;
            }
            // Times in seconds, as --set takes them, rather than ns-3's nanoseconds.
            if (const auto* time = dynamic_cast<const ns3::TimeValue*>(ns3::PeekPointer(value)))
            {
                std::ostringstream os;
                os << time->Get().GetSeconds() << "s";
                values.emplace_back(info.name, os.str());
                continue;
            }
            values.emplace_back(info.name, value->SerializeToString(info.checker));
        }
    }
    return values;
}

// The behaviours are whatever the engine holds in object (PointerValue)
// attributes: a family added to NatEngine shows up here without more code.
std::vector<NatBehaviourView>
BehavioursOf(const ns3::NatPresets::Preset& preset)
{
    ns3::ObjectFactory factory("ns3::NatEngine");
    for (const auto& attribute : preset.attributes)
    {
        factory.Set(attribute.first, ns3::StringValue(attribute.second));
    }
    ns3::Ptr<ns3::Object> engine = factory.Create<ns3::Object>();
    std::vector<NatBehaviourView> views;
    ns3::TypeId tid = engine->GetInstanceTypeId();
    for (uint32_t k = 0; k < tid.GetAttributeN(); ++k)
    {
        ns3::TypeId::AttributeInformation info = tid.GetAttribute(k);
        if (dynamic_cast<const ns3::PointerChecker*>(ns3::PeekPointer(info.checker)) == nullptr)
        {
            continue;
        }
        ns3::PointerValue pointer;
        engine->GetAttribute(info.name, pointer);
        ns3::Ptr<ns3::Object> behaviour = pointer.GetObject();
        if (behaviour)
        {
            views.push_back(
                {info.name, behaviour->GetInstanceTypeId().GetName(), AttributesOf(behaviour)});
        }
    }
    engine->Dispose();
    return views;
}

void
JsonObject(std::ostream& os, const Attributes& attributes)
{
    os << "{";
    for (std::size_t a = 0; a < attributes.size(); ++a)
    {
        os << (a == 0 ? "" : ", ") << JsonQuote(attributes[a].first) << ": "
           << JsonQuote(attributes[a].second);
    }
    os << "}";
}

// The presets come from the NAT model's registry; attribute names are
// printed in full, as `--set` takes them.
std::vector<NatPresetView>
CollectPresets()
{
    std::vector<NatPresetView> views;
    for (const auto& preset : ns3::NatPresets::GetAll())
    {
        NatPresetView view{preset.name, preset.description, {}, BehavioursOf(preset)};
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
               << ", \"attributes\": ";
            JsonObject(os, presets[k].attributes);
            os << ", \"behaviours\": {";
            const auto& behaviours = presets[k].behaviours;
            for (std::size_t b = 0; b < behaviours.size(); ++b)
            {
                os << (b == 0 ? "" : ", ") << JsonQuote(behaviours[b].attribute)
                   << ": {\"type\": " << JsonQuote(behaviours[b].type) << ", \"attributes\": ";
                JsonObject(os, behaviours[b].attributes);
                os << "}";
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
        os << "    behaviours:\n";
        for (const auto& behaviour : preset.behaviours)
        {
            os << "      " << behaviour.attribute << " = " << behaviour.type << "\n";
            for (const auto& attribute : behaviour.attributes)
            {
                os << "        " << attribute.first << " = " << attribute.second << "\n";
            }
        }
    }
    os << presets.size() << " presets\n";
    return os.str();
}

} // namespace natt
