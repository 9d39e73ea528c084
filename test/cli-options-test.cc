/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The command's option handling and its isolated runner (DESIGN section 4).

#include "options.h"
#include "results.h"
#include "runner.h"

#include "ns3/config.h"
#include "ns3/integer.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>

using namespace natt;
namespace po = boost::program_options;

namespace
{

/// Throws UsageError whose message contains \p needle, or fails.
template <class F>
void
ExpectUsageError(F f, const std::string& needle)
{
    try
    {
        f();
        ADD_FAILURE() << "expected a usage error mentioning '" << needle << "'";
    }
    catch (const UsageError& e)
    {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one line";
    }
}

/**
 * A scenario used only to exercise the runner: its row reports the seed,
 * a parameter and a number drawn from an ns-3 random stream, so the test can
 * see that each row gets its own fresh process state.
 */
class ProbeScenario : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "probe";
    }

    std::string GetTitle() const override
    {
        return "runner probe";
    }

    std::string GetSource() const override
    {
        return "test";
    }

    std::string GetDescription() const override
    {
        return "Reports its inputs.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {{"a", "works", "none", "returns its inputs"},
                {"b", "works", "none", "returns its inputs"},
                {"crash", "works", "none", "aborts"}};
    }

    std::vector<ScenarioParameter> GetParameters() const override
    {
        ScenarioParameter hosts{"hosts", "2", "how many hosts", ScenarioParameter::UINT, {}};
        ScenarioParameter rate{"rate", "1.5", "a rate", ScenarioParameter::DOUBLE, {}};
        ScenarioParameter mode{"mode",
                               "tunnel",
                               "IPsec mode",
                               ScenarioParameter::CHOICE,
                               {"tunnel", "transport"}};
        return {hosts, rate, mode};
    }

    ResultRow Run(const RunContext& context) const override
    {
        if (context.variant == "crash")
        {
            std::abort();
        }
        ResultRow row = MakeRow(context);
        auto uniform = ns3::CreateObject<ns3::UniformRandomVariable>();
        row.SetMetric("hosts", context.GetUint("hosts"));
        row.SetMetric("draw", uniform->GetInteger(0, 1000000));
        row.outcome = "works";
        row.symptom = "none";
        ns3::Simulator::Destroy();
        return row;
    }
};

std::string
WriteTemp(const std::string& name, const std::string& text)
{
    std::string path = std::string(NATT_TEST_OUTPUT_DIR) + "/" + name;
    std::ofstream(path) << text;
    return path;
}

} // namespace

TEST(CliOptions, SetsAnNs3AttributeDefault)
{
    ApplySets({"ns3::Ipv4L3Protocol::DefaultTtl=17"}, nullptr);
    ns3::TypeId tid = ns3::TypeId::LookupByName("ns3::Ipv4L3Protocol");
    ns3::TypeId::AttributeInformation info;
    ASSERT_TRUE(tid.LookupAttributeByName("DefaultTtl", &info));
    EXPECT_EQ(info.initialValue->SerializeToString(info.checker), "17");
    ApplySets({"ns3::Ipv4L3Protocol::DefaultTtl=64"}, nullptr);
}

TEST(CliOptions, RejectsBadSetsWithOneLineNamingTheBadWord)
{
    ExpectUsageError([] { ApplySets({"novalue"}, nullptr); }, "expected KEY=VALUE");
    ExpectUsageError([] { ApplySets({"ns3::NoSuchType::X=1"}, nullptr); }, "NoSuchType");
    ExpectUsageError([] { ApplySets({"ns3::Ipv4L3Protocol::NoSuch=1"}, nullptr); }, "NoSuch");
    ExpectUsageError([] { ApplySets({"ns3::Ipv4L3Protocol::DefaultTtl=abc"}, nullptr); },
                     "'abc' is not a valid value");
    ExpectUsageError([] { ApplySets({"hosts=3"}, nullptr); }, "unknown key 'hosts'");
}

TEST(CliOptions, ChecksScenarioParametersByKind)
{
    ProbeScenario probe;
    auto parameters = ApplySets({"hosts=8", "mode=transport"}, &probe);
    EXPECT_EQ(parameters["hosts"], "8");
    EXPECT_EQ(parameters["rate"], "1.5") << "an unset parameter keeps its default";
    EXPECT_EQ(parameters["mode"], "transport");
    ExpectUsageError([&] { ApplySets({"hosts=many"}, &probe); }, "a whole number");
    ExpectUsageError([&] { ApplySets({"rate=fast"}, &probe); }, "a number");
    ExpectUsageError([&] { ApplySets({"mode=beet"}, &probe); }, "one of tunnel transport");
    ExpectUsageError([&] { ApplySets({"clients=2"}, &probe); }, "hosts rate mode");
}

TEST(CliOptions, ChecksTheSeed)
{
    EXPECT_EQ(CheckSeed("42"), 42u);
    ExpectUsageError([] { CheckSeed("0"); }, "--seed '0'");
    ExpectUsageError([] { CheckSeed("-1"); }, "--seed '-1'");
    ExpectUsageError([] { CheckSeed("12x"); }, "--seed '12x'");
}

TEST(CliOptions, ReadsIniConfigWithASetSection)
{
    po::options_description options;
    options.add_options()("seed", po::value<std::string>()->default_value("1"), "")(
        "variant",
        po::value<std::string>(),
        "")("config", po::value<std::string>(), "");
    std::string path = WriteTemp("good.ini",
                                 "# a comment\nseed = 7\nvariant = b\n[set]\n"
                                 "ns3::Ipv4L3Protocol::DefaultTtl = 33\nhosts = 4\n");
    po::variables_map vm = Parse({"--variant", "a"}, options);
    std::vector<std::string> sets;
    ApplyConfig(path, options, vm, sets);
    EXPECT_EQ(vm["seed"].as<std::string>(), "7");
    EXPECT_EQ(vm["variant"].as<std::string>(), "a") << "the command line wins over the file";
    ASSERT_EQ(sets.size(), 2u);
    EXPECT_EQ(sets[0], "ns3::Ipv4L3Protocol::DefaultTtl=33");
    EXPECT_EQ(sets[1], "hosts=4");
}

TEST(CliOptions, RejectsBadConfigFiles)
{
    po::options_description options;
    options.add_options()("seed", po::value<std::string>()->default_value("1"), "");
    auto load = [&](const std::string& path) {
        po::variables_map vm;
        std::vector<std::string> sets;
        ApplyConfig(path, options, vm, sets);
    };
    ExpectUsageError([&] { load("/nonexistent/natt.ini"); }, "cannot read config file");
    ExpectUsageError([&] { load(WriteTemp("malformed.ini", "seed 7\n")); }, "malformed.ini");
    ExpectUsageError([&] { load(WriteTemp("unknown.ini", "colour = red\n")); },
                     "unknown key 'colour'");
}

TEST(Runner, GivesEachRowAFreshProcessAndKeepsOrder)
{
    ProbeScenario probe;
    std::vector<RunRequest> requests;
    for (std::string variant : {"a", "b", "crash", "a"})
    {
        RunRequest request;
        request.scenario = &probe;
        request.context.variant = variant;
        request.context.seed = 5;
        request.context.parameters = ApplySets({"hosts=3"}, &probe);
        requests.push_back(request);
    }
    std::vector<ResultRow> serial = RunIsolated(requests, 1);
    std::vector<ResultRow> parallel = RunIsolated(requests, 3);
    ASSERT_EQ(serial.size(), 4u);
    EXPECT_EQ(serial[0].variant, "a");
    EXPECT_EQ(serial[1].variant, "b");
    EXPECT_EQ(serial[0].outcome, "works");
    EXPECT_EQ(serial[0].metrics[0].second, 3) << "parameters reach the run";
    EXPECT_EQ(serial[2].outcome, "error") << "a crashing row is reported, not lost";
    EXPECT_FALSE(serial[2].Matches());
    EXPECT_EQ(RowToJson(serial[0]), RowToJson(serial[3]))
        << "the same variant and seed give the same row wherever it runs";
    EXPECT_EQ(RowsToJson(serial), RowsToJson(parallel)) << "the job count changes nothing";

    requests[0].context.seed = 6;
    std::vector<ResultRow> reseeded = RunIsolated({requests[0]}, 1);
    EXPECT_NE(reseeded[0].metrics[1].second, serial[0].metrics[1].second)
        << "another seed draws other numbers";
}

TEST(Results, JsonRowHasTheContractFields)
{
    ResultRow row;
    row.id = "rfc3715-f";
    row.source = "RFC 3715 2.1 f";
    row.variant = "spi-demux-nat";
    row.expected = "fails";
    row.expectedSymptom = "esp-misdelivered";
    row.outcome = "fails";
    row.symptom = "esp-misdelivered";
    row.seed = 1;
    row.SetMetric("esp_sent", 200);
    row.SetMetric("setup_time_ms", 12.4);
    EXPECT_EQ(RowToJson(row),
              "{\"id\": \"rfc3715-f\", \"source\": \"RFC 3715 2.1 f\", \"variant\": "
              "\"spi-demux-nat\", \"expected\": \"fails\", \"expected_symptom\": "
              "\"esp-misdelivered\", \"outcome\": \"fails\", \"symptom\": \"esp-misdelivered\", "
              "\"match\": true, \"seed\": 1, \"metrics\": {\"esp_sent\": 200, "
              "\"setup_time_ms\": 12.4}}");
    row.symptom = "none";
    EXPECT_FALSE(row.Matches()) << "the symptom must match too";
}
