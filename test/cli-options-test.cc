/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The command's option handling and its isolated runner (DESIGN section 4).

#include "options.h"
#include "results.h"
#include "runner.h"

#include "ns3/config.h"
#include "ns3/integer.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-random-port-allocator.h"
#include "ns3/nstime.h"
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
enum class ProbeVariant
{
    A,
    B,
    CRASH,
};

ScenarioParameter
ProbeRate()
{
    ScenarioParameter rate =
        ScenarioParameter::Count("rate", "1.5", "packets/s", 0.5, 100, "a rate");
    rate.kind = ScenarioParameter::DOUBLE;
    return rate;
}

const EntryData<ProbeVariant> kProbeData{
    "probe",
    "runner probe",
    "test",
    "Reports its inputs.",
    {{ProbeVariant::A, "a", "works", "none", "returns its inputs"},
     {ProbeVariant::B, "b", "works", "none", "returns its inputs"},
     {ProbeVariant::CRASH, "crash", "works", "none", "aborts"}},
    {ScenarioParameter::Count("hosts", "2", "hosts", 1, 20, "how many hosts").Alias("host_count"),
     ProbeRate(),
     ScenarioParameter::Choice("mode", "tunnel", {"tunnel", "transport"}, "IPsec mode"),
     ScenarioParameter::Duration("wait", "250", "ms", 0, 60000, "how long to wait")},
};

class ProbeScenario : public Entry<ProbeVariant>
{
  public:
    ProbeScenario()
        : Entry(kProbeData)
    {
    }

    ResultRow Run(const RunContext& context, ProbeVariant variant) const override
    {
        if (variant == ProbeVariant::CRASH)
        {
            std::abort();
        }
        ResultRow row = MakeRow(context);
        auto uniform = ns3::CreateObject<ns3::UniformRandomVariable>();
        row.SetMetric("hosts", context.GetUint("hosts"));
        row.SetMetric("draw", uniform->GetInteger(0, 1000000));
        row.SetMetric("wait_ms", context.GetTime("wait").ToDouble(ns3::Time::MS));
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

TEST(CliOptions, RefusesABehaviourDefaultTheNatEngineWouldOverwrite)
{
    // The cause: the engine's old names set these on every behaviour it
    // creates, so a default given on the behaviour's own name is lost.
    ns3::Config::SetDefault("ns3::NatMappingTimers::UdpMappingTimeout",
                            ns3::TimeValue(ns3::Seconds(20)));
    ns3::TimeValue timeout;
    ns3::CreateObject<ns3::NatEngine>()->GetAttribute("UdpMappingTimeout", timeout);
    EXPECT_EQ(timeout.Get(), ns3::Seconds(300));
    ns3::Config::Reset();

    // So --set refuses it, naming the engine attribute that works.
    ExpectUsageError([] { ApplySets({"ns3::NatMappingTimers::UdpMappingTimeout=20s"}, nullptr); },
                     "through ns3::NatEngine::UdpMappingTimeout");
    // Inherited attributes too: NatTableFragments' Timeout is NatFragmentHandler's.
    ExpectUsageError([] { ApplySets({"ns3::NatTableFragments::Timeout=5s"}, nullptr); },
                     "through ns3::NatEngine::FragmentTimeout");
    ExpectUsageError([] { ApplySets({"ns3::NatFtpAlg::Port=2121"}, nullptr); },
                     "through ns3::NatEngine::FtpAlgPort");
    // A behaviour attribute with no engine name is the user's to set.
    ApplySets({"ns3::NatRandomPortAllocator::Attempts=3"}, nullptr);
    ns3::UintegerValue attempts;
    ns3::CreateObject<ns3::NatRandomPortAllocator>()->GetAttribute("Attempts", attempts);
    EXPECT_EQ(attempts.Get(), 3u);
    ns3::Config::Reset();
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
    ExpectUsageError([&] { ApplySets({"clients=2"}, &probe); }, "hosts rate mode wait");
}

TEST(CliOptions, RefusesValuesOutsideTheRangeNamingParameterAndRange)
{
    ProbeScenario probe;
    EXPECT_EQ(ApplySets({"hosts=1"}, &probe)["hosts"], "1");
    EXPECT_EQ(ApplySets({"hosts=20"}, &probe)["hosts"], "20");
    ExpectUsageError([&] { ApplySets({"hosts=0"}, &probe); }, "hosts must be 1 to 20 hosts");
    ExpectUsageError([&] { ApplySets({"hosts=21"}, &probe); }, "hosts must be 1 to 20 hosts");
    ExpectUsageError([&] { ApplySets({"rate=0.4"}, &probe); }, "rate must be 0.5 to 100");
    ExpectUsageError([&] { ApplySets({"wait=61s"}, &probe); }, "wait must be 0 to 60000 ms");
    ExpectUsageError([&] { ApplySets({"wait=-1ms"}, &probe); }, "wait must be 0 to 60000 ms");
    EXPECT_EQ(probe.FindParameter("hosts")->DescribeRange(), "1 to 20 hosts");
    EXPECT_EQ(probe.FindParameter("wait")->DescribeRange(), "0 to 60000 ms");
    EXPECT_EQ(probe.FindParameter("mode")->DescribeRange(), "");
}

TEST(CliOptions, AcceptsAFormerNameWithOneDeprecationLine)
{
    ProbeScenario probe;
    testing::internal::CaptureStderr();
    auto parameters = ApplySets({"host_count=3"}, &probe);
    EXPECT_EQ(testing::internal::GetCapturedStderr(),
              "natt: parameter 'host_count' is deprecated; use 'hosts'\n");
    EXPECT_EQ(parameters["hosts"], "3");
    EXPECT_EQ(parameters.count("host_count"), 0u) << "the entry reads the new name only";
    ExpectUsageError([&] { ApplySets({"host_count=30"}, &probe); }, "hosts must be 1 to 20");
}

TEST(CliOptions, DurationsTakeNs3TimeStringsOrABareNumberInTheirUnit)
{
    ProbeScenario probe;
    for (const char* good : {"250", "250ms", "0.25s", "250000us", "0", "1min", "+2s", "1e3ms"})
    {
        EXPECT_NO_THROW(ApplySets({std::string("wait=") + good}, &probe)) << good;
    }
    for (const char* bad :
         {"2 s", "2sec", "s", "ms250", "1.5.2s", "0x10s", "2S", "1e400s", "", "0x10", "inf"})
    {
        ExpectUsageError([&] { ApplySets({std::string("wait=") + bad}, &probe); },
                         "expected a time such as 30s or 500ms, or a number of ms");
    }
    EXPECT_EQ(ParseTime("30s"), ns3::Seconds(30));
    EXPECT_EQ(ParseTime("500ms"), ns3::MilliSeconds(500));
    EXPECT_EQ(ParseTime("2min"), ns3::Seconds(120));
    EXPECT_FALSE(ParseTime("30"));
    EXPECT_FALSE(ParseTime("30 s"));
    EXPECT_FALSE(ParseTime("9e99y")) << "beyond what ns-3's 64-bit time holds";

    // The entry reads the same time however it was written.
    auto waited = [&](const std::string& value) {
        RunRequest request;
        request.scenario = &probe;
        request.context.variant = "a";
        request.context.parameters = ApplySets({"wait=" + value}, &probe);
        for (const auto& [name, metric] : RunInProcess(request).metrics)
        {
            if (name == "wait_ms")
            {
                return metric;
            }
        }
        return -1.0;
    };
    EXPECT_EQ(waited("1500"), 1500);
    EXPECT_EQ(waited("1.5s"), 1500);
    EXPECT_EQ(waited("1500000us"), 1500);
    EXPECT_EQ(waited("250"), 250) << "the default unit is the parameter's, not ns-3's seconds";
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

TEST(Runner, AnUnknownVariantIsAUsageErrorBeforeAnyRun)
{
    ProbeScenario probe;
    EXPECT_EQ(probe.RequireVariant("b"), 1u);
    RunRequest request;
    request.scenario = &probe;
    request.context.variant = "nope";
    request.context.parameters = ApplySets({}, &probe);
    const char* message = "unknown variant 'nope' of probe (expected one of: a, b, crash)";
    // One path, whoever asks: the command (exit 2), the runner's parent
    // before it forks, and a run in this process.
    ExpectUsageError([&] { probe.RequireVariant("nope"); }, message);
    ExpectUsageError([&] { RunIsolated({request}, 1); }, message);
    ExpectUsageError([&] { RunInProcess(request); }, message);
}

TEST(Sweeps, AGridRunsTheFirstAxisOutermostForEachVariant)
{
    std::vector<SweepPoint> points =
        SweepGrid({"a", "b"}, {{"hosts", {"1", "2"}}, {"wait", {"5", "6", "7"}}});
    ASSERT_EQ(points.size(), 12u);
    EXPECT_EQ(points[0].variant, "a");
    EXPECT_EQ(points[0].parameters.at("hosts"), "1");
    EXPECT_EQ(points[0].parameters.at("wait"), "5");
    EXPECT_EQ(points[1].parameters.at("wait"), "6") << "the last axis turns fastest";
    EXPECT_EQ(points[3].parameters.at("hosts"), "2");
    EXPECT_EQ(points[3].parameters.at("wait"), "5");
    EXPECT_EQ(points[6].variant, "b");
    EXPECT_EQ(SweepGrid({"a"}, {}).size(), 1u) << "no axis: one point, the defaults";
    EXPECT_EQ(SweepRange(2, 4), (std::vector<std::string>{"2", "3", "4"}));
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
