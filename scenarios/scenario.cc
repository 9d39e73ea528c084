/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario.h"

#include "results.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
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

ns3::Time
RunContext::GetTime(const std::string& name) const
{
    std::optional<ns3::Time> time = ParseTime(Get(name));
    NS_ABORT_MSG_UNLESS(time, "parameter " << name << " is not a time: '" << Get(name) << "'");
    return *time;
}

uint32_t
RunContext::GetUint(const std::string& name) const
{
    return static_cast<uint32_t>(std::strtoul(Get(name).c_str(), nullptr, 10));
}

namespace
{

/// ns-3's time units (ns3::Time's string constructor) and their length.
struct TimeUnit
{
    const char* suffix;
    ns3::Time::Unit unit;
    double seconds;
};

const TimeUnit kTimeUnits[] = {
    {"y", ns3::Time::Y, 365.0 * 86400},
    {"d", ns3::Time::D, 86400},
    {"h", ns3::Time::H, 3600},
    {"min", ns3::Time::MIN, 60},
    {"s", ns3::Time::S, 1},
    {"ms", ns3::Time::MS, 1e-3},
    {"us", ns3::Time::US, 1e-6},
    {"ns", ns3::Time::NS, 1e-9},
    {"ps", ns3::Time::PS, 1e-12},
    {"fs", ns3::Time::FS, 1e-15},
};

const TimeUnit*
FindTimeUnit(const std::string& suffix)
{
    for (const auto& unit : kTimeUnits)
    {
        if (suffix == unit.suffix)
        {
            return &unit;
        }
    }
    return nullptr;
}

/// \return \p text as a finite number, all of it, or nothing
std::optional<double>
ParseNumber(const std::string& text)
{
    // The characters ns3::Time reads as a number: no hex, no "inf".
    if (text.empty() || text.find_first_not_of("+-0123456789.eE") != std::string::npos)
    {
        return std::nullopt;
    }
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (*end != '\0' || !std::isfinite(value))
    {
        return std::nullopt;
    }
    return value;
}

/**
 * Split an ns-3 time string where ns3::Time's own parser does (the first
 * character that cannot be part of a number) and check both halves.
 */
std::optional<std::pair<double, const TimeUnit*>>
SplitTime(const std::string& text)
{
    std::size_t split = text.find_first_not_of("+-0123456789.eE");
    if (split == std::string::npos)
    {
        return std::nullopt;
    }
    std::optional<double> number = ParseNumber(text.substr(0, split));
    const TimeUnit* unit = FindTimeUnit(text.substr(split));
    if (!number || !unit)
    {
        return std::nullopt;
    }
    return std::make_pair(*number, unit);
}

} // namespace

std::optional<ns3::Time>
ParseTime(const std::string& text)
{
    auto split = SplitTime(text);
    // ns-3 keeps time in 64-bit nanoseconds: some 292 years.
    if (!split || std::fabs(split->first * split->second->seconds) > 1e9)
    {
        return std::nullopt;
    }
    return ns3::Time::FromDouble(split->first, split->second->unit);
}

ScenarioParameter
ScenarioParameter::Make(const std::string& name,
                        const std::string& defaultValue,
                        Kind kind,
                        const std::string& description)
{
    ScenarioParameter parameter;
    parameter.name = name;
    parameter.defaultValue = defaultValue;
    parameter.kind = kind;
    parameter.description = description;
    return parameter;
}

ScenarioParameter
ScenarioParameter::Count(const std::string& name,
                         const std::string& defaultValue,
                         const std::string& unit,
                         double minimum,
                         double maximum,
                         const std::string& description)
{
    ScenarioParameter parameter = Make(name, defaultValue, UINT, description);
    parameter.unit = unit;
    parameter.minimum = minimum;
    parameter.maximum = maximum;
    return parameter;
}

ScenarioParameter
ScenarioParameter::Duration(const std::string& name,
                            const std::string& defaultValue,
                            const std::string& unit,
                            double minimum,
                            double maximum,
                            const std::string& description)
{
    ScenarioParameter parameter = Count(name, defaultValue, unit, minimum, maximum, description);
    parameter.kind = TIME;
    return parameter;
}

ScenarioParameter
ScenarioParameter::Flag(const std::string& name,
                        const std::string& defaultValue,
                        const std::string& description)
{
    return Make(name, defaultValue, BOOL, description);
}

ScenarioParameter
ScenarioParameter::Choice(const std::string& name,
                          const std::string& defaultValue,
                          const std::vector<std::string>& choices,
                          const std::string& description)
{
    ScenarioParameter parameter = Make(name, defaultValue, CHOICE, description);
    parameter.choices = choices;
    return parameter;
}

ScenarioParameter
ScenarioParameter::Alias(const std::string& alias) const
{
    ScenarioParameter parameter = *this;
    parameter.aliases.push_back(alias);
    return parameter;
}

ScenarioParameter
ScenarioParameter::OrZeroForOff() const
{
    ScenarioParameter parameter = *this;
    parameter.zeroTurnsOff = true;
    return parameter;
}

bool
ScenarioParameter::InRange(double number) const
{
    return (zeroTurnsOff && number == 0) || (number >= minimum && number <= maximum);
}

bool
ScenarioParameter::IsNumeric() const
{
    return kind == UINT || kind == DOUBLE || kind == TIME;
}

std::string
ScenarioParameter::DescribeRange() const
{
    if (!IsNumeric())
    {
        return "";
    }
    std::string range = FormatNumber(minimum) + " to " +
                        (std::isinf(maximum) ? std::string("any") : FormatNumber(maximum));
    range = unit.empty() ? range : range + " " + unit;
    return zeroTurnsOff ? "0 (off) or " + range : range;
}

std::string
ScenarioParameter::Check(const std::string& value) const
{
    std::optional<double> number;
    switch (kind)
    {
    case UINT:
        if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos ||
            value.size() > 9)
        {
            return "expected a whole number";
        }
        number = ParseNumber(value);
        break;
    case DOUBLE:
        number = ParseNumber(value);
        if (!number)
        {
            return "expected a number";
        }
        break;
    case TIME:
        number = ParseNumber(value);
        if (!number)
        {
            auto split = SplitTime(value);
            const TimeUnit* own = FindTimeUnit(unit);
            if (!split || !own)
            {
                return "expected a time such as 30s or 500ms, or a number of " + unit;
            }
            number = split->first * split->second->seconds / own->seconds;
        }
        break;
    case BOOL:
        return value == "true" || value == "false" ? "" : "expected true or false";
    case CHOICE:
        for (const auto& choice : choices)
        {
            if (value == choice)
            {
                return "";
            }
        }
        {
            std::string expected = "expected one of";
            for (const auto& choice : choices)
            {
                expected += " " + choice;
            }
            return expected;
        }
    }
    if (!number || !InRange(*number))
    {
        return name + " must be " + DescribeRange();
    }
    return "";
}

std::string
ScenarioParameter::Canonical(const std::string& value) const
{
    if (kind == TIME && ParseNumber(value))
    {
        return value + unit;
    }
    return value;
}

std::vector<SweepPoint>
SweepGrid(const std::vector<std::string>& variants, const std::vector<SweepAxis>& axes)
{
    std::vector<SweepPoint> points;
    for (const auto& variant : variants)
    {
        // Odometer over the axes, the last one turning fastest.
        std::vector<std::size_t> at(axes.size(), 0);
        bool done = false;
        while (!done)
        {
            SweepPoint point{variant, {}};
            for (std::size_t i = 0; i < axes.size(); ++i)
            {
                point.parameters[axes[i].parameter] = axes[i].values[at[i]];
            }
            points.push_back(point);
            done = true;
            for (std::size_t i = axes.size(); i-- > 0;)
            {
                if (++at[i] < axes[i].values.size())
                {
                    done = false;
                    break;
                }
                at[i] = 0;
            }
        }
    }
    return points;
}

std::vector<std::string>
SweepRange(uint32_t first, uint32_t last)
{
    std::vector<std::string> values;
    for (uint32_t value = first; value <= last; ++value)
    {
        values.push_back(std::to_string(value));
    }
    return values;
}

Scenario::Scenario(ScenarioInfo info)
    : m_info(std::move(info))
{
}

const std::string&
Scenario::GetId() const
{
    return m_info.id;
}

const std::string&
Scenario::GetTitle() const
{
    return m_info.title;
}

const std::string&
Scenario::GetSource() const
{
    return m_info.source;
}

const std::string&
Scenario::GetDescription() const
{
    return m_info.description;
}

const std::vector<ScenarioVariant>&
Scenario::GetVariants() const
{
    return m_info.variants;
}

const std::vector<ScenarioParameter>&
Scenario::GetParameters() const
{
    return m_info.parameters;
}

const std::vector<Sweep>&
Scenario::GetSweeps() const
{
    return m_info.sweeps;
}

std::optional<ScenarioParameter>
Scenario::FindParameter(const std::string& name) const
{
    for (const auto& parameter : GetParameters())
    {
        if (parameter.name == name ||
            std::find(parameter.aliases.begin(), parameter.aliases.end(), name) !=
                parameter.aliases.end())
        {
            return parameter;
        }
    }
    return std::nullopt;
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

std::size_t
Scenario::RequireVariant(const std::string& name) const
{
    std::string known;
    for (std::size_t i = 0; i < GetVariants().size(); ++i)
    {
        if (GetVariants()[i].name == name)
        {
            return i;
        }
        known += (known.empty() ? "" : ", ") + GetVariants()[i].name;
    }
    throw UsageError("unknown variant '" + name + "' of " + GetId() +
                     " (expected one of: " + known + ")");
}

ResultRow
Scenario::Run(const RunContext& context) const
{
    return RunVariant(context, RequireVariant(context.variant));
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
