/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Running catalogue entries from the regression tests: one variant with the
// entry's defaults and a few parameters changed, in this process.
#ifndef NATT_CATALOGUE_TEST_UTIL_H
#define NATT_CATALOGUE_TEST_UTIL_H

#include "catalogue.h"
#include "options.h"
#include "runner.h"
#include "variant-attributes.h"

#include "ns3/config.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

namespace natt_test
{

/// A request for \p variant of \p id with seed 1 (no scenario, and a test failure, if no such id).
inline natt::RunRequest
Request(const std::string& id, const std::string& variant)
{
    natt::RunRequest request;
    request.scenario = natt::FindScenario(id);
    EXPECT_NE(request.scenario, nullptr) << id;
    request.context.variant = variant;
    request.context.seed = 1;
    return request;
}

/// Run \p variant of \p id with its defaults, overridden by \p changes.
inline natt::ResultRow
RunVariant(const std::string& id,
           const std::string& variant,
           const std::map<std::string, std::string>& changes = {})
{
    natt::RunRequest request = Request(id, variant);
    const natt::Scenario* scenario = request.scenario;
    if (!scenario)
    {
        return natt::ResultRow{};
    }
    for (const auto& parameter : scenario->GetParameters())
    {
        request.context.parameters[parameter.name] = parameter.defaultValue;
    }
    for (const auto& [name, value] : changes)
    {
        // A misspelt parameter would silently test the default.
        EXPECT_TRUE(request.context.parameters.count(name)) << id << " has no parameter " << name;
        request.context.parameters[name] = value;
    }
    return natt::RunInProcess(request);
}

/**
 * Run \p variant of \p id with \p sets applied as `natt run --set` applies
 * them (attribute defaults, the user's attributes in the context, scenario
 * parameters); the attribute defaults are reset afterwards.
 */
inline natt::ResultRow
RunVariantWithSets(const std::string& id,
                   const std::string& variant,
                   const std::vector<std::string>& sets)
{
    natt::RunRequest request = Request(id, variant);
    if (!request.scenario)
    {
        return natt::ResultRow{};
    }
    request.context.parameters = natt::ApplySets(sets, request.scenario);
    request.context.attributes = natt::CheckUserAttributes(sets);
    natt::ResultRow row = natt::RunInProcess(request);
    ns3::Config::Reset();
    return row;
}

/// The metric \p name of \p row (a test failure when it is missing).
inline double
Metric(const natt::ResultRow& row, const std::string& name)
{
    for (const auto& [key, value] : row.metrics)
    {
        if (key == name)
        {
            return value;
        }
    }
    ADD_FAILURE() << row.id << "/" << row.variant << " has no metric " << name;
    return -1;
}

/// \p row's outcome and symptom are \p outcome and \p symptom.
inline void
ExpectRow(const natt::ResultRow& row, const std::string& outcome, const std::string& symptom)
{
    EXPECT_EQ(row.outcome, outcome) << row.variant;
    EXPECT_EQ(row.symptom, symptom) << row.variant;
}

/**
 * An ns-3 attribute default ("ns3::Type::Attribute"), as `--set` gives it,
 * for the lifetime of this object; the previous default comes back after.
 */
class ScopedDefault
{
  public:
    ScopedDefault(const std::string& name, const std::string& value)
        : m_name(name)
    {
        std::size_t colons = name.rfind("::");
        ns3::TypeId::AttributeInformation info;
        EXPECT_TRUE(ns3::TypeId::LookupByName(name.substr(0, colons))
                        .LookupAttributeByName(name.substr(colons + 2), &info))
            << name;
        m_previous = info.initialValue->SerializeToString(info.checker);
        ns3::Config::SetDefault(name, ns3::StringValue(value));
    }

    ~ScopedDefault()
    {
        ns3::Config::SetDefault(m_name, ns3::StringValue(m_previous));
    }

    ScopedDefault(const ScopedDefault&) = delete;
    ScopedDefault& operator=(const ScopedDefault&) = delete;

  private:
    std::string m_name;
    std::string m_previous;
};

} // namespace natt_test

#endif /* NATT_CATALOGUE_TEST_UTIL_H */
