/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Every entry's parameters (issue 10, DESIGN section 5 "Scenario parameters"):
// one naming style, a unit and a range for each number, and no value of any
// parameter that crashes a row. Each entry runs its variants in forked
// children (RunIsolated), so an abort inside the model comes back as outcome
// "error" instead of ending the test.

#include "catalogue.h"
#include "lab.h"
#include "options.h"
#include "results.h"
#include "runner.h"

#include <cmath>
#include <gtest/gtest.h>
#include <regex>
#include <set>

using namespace natt;

namespace
{

/// Every entry with parameters: the catalogue and the measurements behind the plots.
std::vector<const Scenario*>
AllEntries()
{
    std::vector<const Scenario*> entries;
    for (const auto* list : {&GetCatalogue(), &GetMeasurements()})
    {
        for (const auto& entry : *list)
        {
            entries.push_back(entry.get());
        }
    }
    return entries;
}

/**
 * The values the issue asks for: 0, 1, the default, a large value (ten
 * times the default, at most the documented maximum, so the whole test
 * stays within minutes) and one past the maximum.
 */
std::vector<std::string>
ProbeValues(const ScenarioParameter& parameter)
{
    std::vector<std::string> values;
    for (const std::string& value :
         {std::string("0"),
          std::string("1"),
          parameter.defaultValue,
          FormatNumber(std::min(parameter.maximum, 10 * std::stod(parameter.defaultValue))),
          FormatNumber(parameter.maximum + 1)})
    {
        if (std::find(values.begin(), values.end(), value) == values.end())
        {
            values.push_back(value);
        }
    }
    return values;
}

class EveryParameter : public testing::TestWithParam<std::string>
{
};

} // namespace

TEST(CatalogueParameters, NamesUnitsAndRangesAreDeclared)
{
    const std::regex style("[a-z0-9]+(-[a-z0-9]+)*");
    for (const Scenario* entry : AllEntries())
    {
        std::set<std::string> seen;
        for (const auto& parameter : entry->GetParameters())
        {
            std::string where = entry->GetId() + " " + parameter.name;
            EXPECT_TRUE(std::regex_match(parameter.name, style)) << where;
            EXPECT_TRUE(seen.insert(parameter.name).second) << where << " twice";
            for (const auto& alias : parameter.aliases)
            {
                EXPECT_TRUE(seen.insert(alias).second) << where << " alias " << alias;
                EXPECT_EQ(entry->FindParameter(alias)->name, parameter.name) << where;
            }
            EXPECT_EQ(parameter.Check(parameter.defaultValue), "") << where;
            if (!parameter.IsNumeric())
            {
                continue;
            }
            EXPECT_FALSE(parameter.unit.empty()) << where << " has no unit";
            EXPECT_TRUE(std::isfinite(parameter.maximum)) << where << " has no maximum";
            EXPECT_LE(parameter.minimum, parameter.maximum) << where;
            EXPECT_NE(parameter.Check(FormatNumber(parameter.maximum + 1)), "") << where;
            if (parameter.minimum > 0 && !parameter.zeroTurnsOff)
            {
                EXPECT_NE(parameter.Check("0"), "") << where;
            }
            if (parameter.kind == ScenarioParameter::TIME)
            {
                EXPECT_TRUE(parameter.unit == "s" || parameter.unit == "ms") << where;
            }
        }
    }
}

TEST(CatalogueParameters, TimeStringsAndBareNumbersGiveTheSameRow)
{
    const Scenario* k = FindScenario("rfc3715-k");
    ASSERT_NE(k, nullptr);
    std::vector<RunRequest> requests;
    for (const char* timeout : {"30", "30s", "30000ms", "0.5min"})
    {
        RunRequest request;
        request.scenario = k;
        request.context.variant = "no-keepalives";
        request.context.parameters = ApplySets({std::string("nat-udp-timeout=") + timeout}, k);
        requests.push_back(request);
    }
    // The cause follows the value: a timeout longer than the idle time keeps the mapping.
    RunRequest longer = requests[0];
    longer.context.parameters = ApplySets({"nat-udp-timeout=2min"}, k);
    requests.push_back(longer);
    std::vector<ResultRow> rows = RunIsolated(requests, 2);
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0].outcome, "fails");
    EXPECT_EQ(rows[0].symptom, "mapping-expired");
    for (std::size_t i = 1; i < 4; ++i)
    {
        EXPECT_EQ(rows[i].outcome, rows[0].outcome) << i;
        EXPECT_EQ(rows[i].symptom, rows[0].symptom) << i;
        EXPECT_EQ(rows[i].metrics, rows[0].metrics) << i;
    }
    EXPECT_EQ(rows[4].outcome, "works") << "120 s outlasts the 90 s idle time";
}

TEST(CatalogueParameters, ANatLanGrowsWithItsHostCount)
{
    EXPECT_EQ(Lab::SizePrefix("10.0.0.0/24", 4), "10.0.0.0/24");
    EXPECT_EQ(Lab::SizePrefix("10.0.0.0/24", 253), "10.0.0.0/24");
    EXPECT_EQ(Lab::SizePrefix("10.0.0.0/24", 254), "10.0.0.0/23");
    EXPECT_EQ(Lab::SizePrefix("10.0.0.0/24", 1000), "10.0.0.0/22");
    // Issue 10: 254 clients used to run out of the /24 and abort in the
    // model ("no interface towards 10.0.0.1"), a row with outcome error.
    const Scenario* many = FindScenario("req-many-behind-one-nat");
    ASSERT_NE(many, nullptr);
    RunRequest request;
    request.scenario = many;
    request.context.variant = "natt";
    request.context.parameters = ApplySets({"clients=254"}, many);
    std::vector<ResultRow> rows = RunIsolated({request}, 1);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].outcome, "works") << rows[0].symptom;
}

TEST(CatalogueParameters, FormerNamesStillWork)
{
    const std::map<std::string, std::pair<std::string, std::string>> renamed = {
        {"nat_udp_timeout", {"rfc3715-k", "nat-udp-timeout"}},
        {"idle_time", {"rfc3715-k", "idle-time"}},
        {"keepalive_interval", {"rfc3715-k", "keepalive-interval"}},
        {"start_spread_ms", {"rfc3715-f", "start-spread"}},
        {"tcp_bytes", {"rfc3715-b", "tcp-bytes"}},
        {"data_size", {"rfc3715-g", "data-size"}},
        {"interval_ms", {"rfc3715-l", "interval"}},
        {"chain_certs", {"rfc3715-m", "chain-certs"}},
        {"payload_size", {"encapsulation-overhead", "payload-size"}},
    };
    for (const auto& [old, now] : renamed)
    {
        const Scenario* entry = FindScenario(now.first);
        ASSERT_NE(entry, nullptr) << now.first;
        std::string value = entry->FindParameter(now.second)->defaultValue;
        testing::internal::CaptureStderr();
        auto parameters = ApplySets({old + "=" + value}, entry);
        EXPECT_EQ(testing::internal::GetCapturedStderr(),
                  "natt: parameter '" + old + "' is deprecated; use '" + now.second + "'\n");
        EXPECT_EQ(parameters[now.second], value);
        EXPECT_EQ(parameters.count(old), 0u);
    }
}

/**
 * For each numeric parameter of the entry: 0, 1, the default, the maximum
 * and one past it. A value is either refused with one line naming the
 * parameter and its range (exactly when it is outside the declared range)
 * or every variant's row ends works or fails: no crash, no "error".
 */
TEST_P(EveryParameter, NoValueCrashesARow)
{
    const Scenario* entry = FindScenario(GetParam());
    ASSERT_NE(entry, nullptr);
    std::vector<RunRequest> requests;
    std::vector<std::string> labels;
    for (const auto& parameter : entry->GetParameters())
    {
        if (!parameter.IsNumeric())
        {
            continue;
        }
        for (const auto& value : ProbeValues(parameter))
        {
            std::string assignment = parameter.name + "=" + value;
            double number = std::stod(value);
            bool inRange = parameter.InRange(number);
            std::map<std::string, std::string> parameters;
            try
            {
                parameters = ApplySets({assignment}, entry);
            }
            catch (const UsageError& e)
            {
                std::string message = e.what();
                EXPECT_FALSE(inRange) << assignment << " is in range but refused: " << message;
                EXPECT_EQ(message.find('\n'), std::string::npos) << message;
                EXPECT_NE(message.find(parameter.name + " must be " + parameter.DescribeRange()),
                          std::string::npos)
                    << message;
                continue;
            }
            EXPECT_TRUE(inRange) << assignment << " is out of range but accepted";
            if (value == parameter.defaultValue)
            {
                continue; // the matrix runs every variant with the defaults
            }
            for (const auto& variant : entry->GetVariants())
            {
                RunRequest request;
                request.scenario = entry;
                request.context.variant = variant.name;
                request.context.parameters = parameters;
                requests.push_back(request);
                labels.push_back(variant.name + " " + assignment);
            }
        }
    }
    std::vector<ResultRow> rows = RunIsolated(requests, 1);
    ASSERT_EQ(rows.size(), requests.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        EXPECT_TRUE(rows[i].outcome == "works" || rows[i].outcome == "fails")
            << entry->GetId() << " " << labels[i] << ": outcome " << rows[i].outcome << ", symptom "
            << rows[i].symptom;
        EXPECT_FALSE(rows[i].symptom.empty()) << labels[i];
    }
}

INSTANTIATE_TEST_SUITE_P(Catalogue,
                         EveryParameter,
                         testing::ValuesIn([] {
                             std::vector<std::string> ids;
                             for (const Scenario* entry : AllEntries())
                             {
                                 for (const auto& parameter : entry->GetParameters())
                                 {
                                     if (parameter.IsNumeric())
                                     {
                                         ids.push_back(entry->GetId());
                                         break;
                                     }
                                 }
                             }
                             return ids;
                         }()),
                         [](const testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });
