/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario.h"

#include <cstdlib>

namespace natt
{

bool
ResultRow::Matches() const
{
    return outcome == expected && symptom == expectedSymptom;
}

void
ResultRow::SetMetric(const std::string& name, double value)
{
    for (auto& metric : metrics)
    {
        if (metric.first == name)
        {
            metric.second = value;
            return;
        }
    }
    metrics.emplace_back(name, value);
}

const std::string&
RunContext::Get(const std::string& name) const
{
    static const std::string empty;
    auto it = parameters.find(name);
    return it == parameters.end() ? empty : it->second;
}

double
RunContext::GetDouble(const std::string& name) const
{
    return std::strtod(Get(name).c_str(), nullptr);
}

uint32_t
RunContext::GetUint(const std::string& name) const
{
    return static_cast<uint32_t>(std::strtoul(Get(name).c_str(), nullptr, 10));
}

std::string
ScenarioParameter::Check(const std::string& value) const
{
    char* end = nullptr;
    switch (kind)
    {
    case UINT:
        if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos ||
            value.size() > 9)
        {
            return "a whole number";
        }
        return "";
    case DOUBLE:
        std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0')
        {
            return "a number";
        }
        return "";
    case BOOL:
        return value == "true" || value == "false" ? "" : "true or false";
    case CHOICE:
        for (const auto& choice : choices)
        {
            if (value == choice)
            {
                return "";
            }
        }
        {
            std::string expected = "one of";
            for (const auto& choice : choices)
            {
                expected += " " + choice;
            }
            return expected;
        }
    }
    return "a valid value";
}

std::vector<ScenarioParameter>
Scenario::GetParameters() const
{
    return {};
}

std::vector<Sweep>
Scenario::GetSweeps() const
{
    return {};
}

std::optional<ScenarioVariant>
Scenario::FindVariant(const std::string& name) const
{
    for (const auto& variant : GetVariants())
    {
        if (variant.name == name)
        {
            return variant;
        }
    }
    return std::nullopt;
}

ResultRow
Scenario::MakeRow(const RunContext& context) const
{
    ResultRow row;
    row.id = GetId();
    row.source = GetSource();
    row.variant = context.variant;
    row.seed = context.seed;
    if (auto variant = FindVariant(context.variant))
    {
        row.expected = variant->expected;
        row.expectedSymptom = variant->expectedSymptom;
    }
    return row;
}

} // namespace natt
