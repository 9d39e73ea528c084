/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The `natt` command (DESIGN section 4). Exit status: 0 when every result
// row matches its expectation, 1 when one does not, 2 for a usage or
// configuration error, reported in one line on stderr.

#include "benchmark.h"
#include "catalogue.h"
#include "live-host.h"
#include "live.h"
#include "nat-listing.h"
#include "options.h"
#include "report.h"
#include "results.h"
#include "runner.h"
#include "sweeps.h"
#include "variant-attributes.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <thread>

namespace po = boost::program_options;

namespace natt
{
namespace
{

const char* const kCommands = "list, describe, run, matrix, nats, bench, live, live-host";

void
PrintGeneralHelp(std::ostream& os)
{
    os << "natt: IPsec NAT traversal lab on ns-3\n"
          "\n"
          "usage: natt COMMAND [OPTIONS]\n"
          "\n"
          "commands:\n"
          "  list      the catalogue: id, title, source section, variants, parameters\n"
          "  describe  one entry: topology, what breaks, why, what each variant changes\n"
          "  run       run one entry (all its variants unless --variant) and print its rows\n"
          "  matrix    run the whole catalogue; write results.json, results.csv, report.md\n"
          "  nats      the NAT presets and the attribute values each sets\n"
          "  bench     performance runs, reported as figures\n"
          "  live      one preset NAT between two real interfaces, in real time (root;\n"
          "            scripts/live-lab.sh builds a lab of network namespaces for it)\n"
          "  live-host natt's own IKEv2 and ESP on one real interface, in real time (root),\n"
          "            against a real IKE peer such as strongSwan\n"
          "\n"
          "`natt COMMAND --help` describes each command's options.\n"
          "Exit status: 0 every row matched, 1 a row did not, 2 usage or configuration error.\n";
}

bool
WantsHelp(const std::vector<std::string>& args)
{
    for (const auto& arg : args)
    {
        if (arg == "--help" || arg == "-h")
        {
            return true;
        }
    }
    return false;
}

/// One parameter for `natt list --json`: name, default, kind, unit, range, former names.
std::string
ParameterToJson(const ScenarioParameter& parameter)
{
    static const char* const kKinds[] = {"uint", "double", "bool", "choice", "time"};
    std::string json = "{\"name\": " + JsonQuote(parameter.name) +
                       ", \"default\": " + JsonQuote(parameter.defaultValue) +
                       ", \"kind\": " + JsonQuote(kKinds[parameter.kind]);
    if (parameter.IsNumeric())
    {
        json += ", \"unit\": " + JsonQuote(parameter.unit) +
                ", \"min\": " + FormatNumber(parameter.minimum) +
                ", \"max\": " + FormatNumber(parameter.maximum);
        if (parameter.zeroTurnsOff)
        {
            json += ", \"zero_turns_off\": true";
        }
    }
    if (!parameter.aliases.empty())
    {
        json += ", \"aliases\": [";
        for (std::size_t i = 0; i < parameter.aliases.size(); ++i)
        {
            json += (i ? ", " : "") + JsonQuote(parameter.aliases[i]);
        }
        json += "]";
    }
    return json + "}";
}

// ---------------------------------------------------------------- commands

int
CommandList(const std::vector<std::string>& args)
{
    po::options_description options("natt list [--json]: the catalogue");
    options.add_options()("help,h", "show this help")("json", "print a JSON array");
    if (WantsHelp(args))
    {
        std::cout << options;
        return 0;
    }
    po::variables_map vm = Parse(args, options);
    if (vm.count("json"))
    {
        std::cout << "[";
        bool first = true;
        for (const auto& entry : GetCatalogue())
        {
            std::cout << (first ? "\n" : ",\n") << "{\"id\": " << JsonQuote(entry->GetId())
                      << ", \"title\": " << JsonQuote(entry->GetTitle())
                      << ", \"source\": " << JsonQuote(entry->GetSource()) << ", \"variants\": [";
            bool firstVariant = true;
            for (const auto& variant : entry->GetVariants())
            {
                std::cout << (firstVariant ? "" : ", ") << "{\"name\": " << JsonQuote(variant.name)
                          << ", \"expected\": " << JsonQuote(variant.expected)
                          << ", \"symptom\": " << JsonQuote(variant.expectedSymptom) << "}";
                firstVariant = false;
            }
            std::cout << "], \"parameters\": [";
            bool firstParameter = true;
            for (const auto& parameter : entry->GetParameters())
            {
                std::cout << (firstParameter ? "" : ", ") << ParameterToJson(parameter);
                firstParameter = false;
            }
            std::cout << "]}";
            first = false;
        }
        std::cout << (first ? "]\n" : "\n]\n");
        return 0;
    }
    for (const auto& entry : GetCatalogue())
    {
        std::cout << entry->GetId() << "  [" << entry->GetSource() << "]  " << entry->GetTitle()
                  << "\n    variants:";
        for (const auto& variant : entry->GetVariants())
        {
            std::cout << " " << variant.name << " (" << variant.expected << ")";
        }
        std::cout << "\n";
        if (!entry->GetParameters().empty())
        {
            std::cout << "    parameters:";
            for (const auto& parameter : entry->GetParameters())
            {
                std::cout << " " << parameter.name << "=" << parameter.defaultValue;
            }
            std::cout << "\n";
        }
    }
    std::cout << GetCatalogue().size() << " entries\n";
    return 0;
}

int
CommandDescribe(const std::vector<std::string>& args)
{
    po::options_description options("natt describe ID: one catalogue entry");
    options.add_options()("help,h",
                          "show this help")("id", po::value<std::string>(), "catalogue entry id");
    po::positional_options_description positional;
    positional.add("id", 1);
    if (WantsHelp(args))
    {
        std::cout << options;
        return 0;
    }
    po::variables_map vm = Parse(args, options, positional);
    if (!vm.count("id"))
    {
        throw UsageError("describe needs a scenario id (`natt list` shows them)");
    }
    const Scenario& entry = RequireScenario(vm["id"].as<std::string>());
    std::cout << entry.GetId() << ": " << entry.GetTitle() << "\n"
              << "source: " << entry.GetSource() << "\n\n"
              << entry.GetDescription() << "\n\nvariants:\n";
    for (const auto& variant : entry.GetVariants())
    {
        std::cout << "  " << variant.name << "  expected: " << variant.expected;
        if (variant.expected != "works")
        {
            std::cout << " (" << variant.expectedSymptom << ")";
        }
        std::cout << "\n    " << variant.description << "\n";
    }
    if (!entry.GetParameters().empty())
    {
        std::cout << "\nparameters (--set NAME=VALUE):\n";
        for (const auto& parameter : entry.GetParameters())
        {
            std::cout << "  " << parameter.name << " (default " << parameter.defaultValue;
            if (parameter.IsNumeric())
            {
                std::cout << (parameter.unit.empty() ? "" : " " + parameter.unit) << "; range "
                          << parameter.DescribeRange();
            }
            if (parameter.kind == ScenarioParameter::TIME)
            {
                std::cout << "; a bare number is in " << parameter.unit
                          << ", or an ns-3 time such as 30s, 500ms, 2min";
            }
            std::cout << ")\n    " << parameter.description << "\n";
            for (const auto& alias : parameter.aliases)
            {
                std::cout << "    (formerly " << alias << ", still accepted with a warning)\n";
            }
        }
    }
    return 0;
}

int
CommandRun(const std::vector<std::string>& args)
{
    po::options_description options = RunOptions();
    po::positional_options_description positional;
    positional.add("id", 1);
    if (WantsHelp(args))
    {
        std::cout << options;
        return 0;
    }
    po::variables_map vm = Parse(args, options, positional);
    std::vector<std::string> sets = CollectSets(options, vm);
    if (!vm.count("id"))
    {
        throw UsageError("run needs a scenario id (`natt list` shows them)");
    }
    const Scenario& entry = RequireScenario(vm["id"].as<std::string>());
    uint32_t seed = CheckSeed(vm["seed"].as<std::string>());
    std::map<std::string, std::string> parameters = ApplySets(sets, &entry);
    std::map<std::string, std::string> attributes = CheckUserAttributes(sets);

    std::vector<std::string> variants;
    if (vm.count("variant"))
    {
        std::string name = vm["variant"].as<std::string>();
        entry.RequireVariant(name);
        variants.push_back(name);
    }
    else
    {
        for (const auto& variant : entry.GetVariants())
        {
            variants.push_back(variant.name);
        }
    }
    std::string pcapDir;
    if (vm.count("pcap"))
    {
        pcapDir = vm["pcap"].as<std::string>();
        MakeDirectories(pcapDir);
    }
    std::vector<RunRequest> requests;
    for (const auto& variant : variants)
    {
        RunRequest request;
        request.scenario = &entry;
        request.context.variant = variant;
        request.context.seed = seed;
        request.context.parameters = parameters;
        request.context.attributes = attributes;
        request.context.pcapDir = pcapDir;
        requests.push_back(request);
    }
    std::vector<ResultRow> rows = RunIsolated(requests, 1);
    std::cout << (vm["json"].as<bool>() ? RowsToJson(rows) : RowsToTable(rows));
    return AllMatch(rows) ? 0 : 1;
}

int
CommandMatrix(const std::vector<std::string>& args)
{
    po::options_description options(
        "natt matrix [--out DIR] [--seed N] [--jobs N] [--set ns3::Type::Attribute=VALUE]... "
        "[--config FILE]");
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    options.add_options()("help,h", "show this help")(
        "out",
        po::value<std::string>()->default_value("results"),
        "where to write results.json, results.csv, report.md and plots/")(
        "seed",
        po::value<std::string>()->default_value("1"),
        "random seed for every row")("jobs",
                                     po::value<unsigned>()->default_value(cores),
                                     "rows to run at once (results do not depend on it)")(
        "set",
        po::value<std::vector<std::string>>()->composing(),
        "an ns-3 attribute default for every row")(
        "config",
        po::value<std::string>(),
        "read options from an INI file ([set] section for --set)")(
        "no-plots",
        po::bool_switch(),
        "skip the sweeps and plots (rows and report only)");
    if (WantsHelp(args))
    {
        std::cout << options;
        return 0;
    }
    po::variables_map vm = Parse(args, options);
    std::vector<std::string> sets = CollectSets(options, vm);
    uint32_t seed = CheckSeed(vm["seed"].as<std::string>());
    unsigned jobs = vm["jobs"].as<unsigned>();
    if (jobs == 0)
    {
        throw UsageError("bad --jobs '0': expected at least 1");
    }
    // Scenario parameters differ per entry, so the matrix takes only
    // attribute defaults, which apply to every row alike.
    ApplySets(sets, nullptr);
    std::map<std::string, std::string> attributes = CheckUserAttributes(sets);
    std::string out = vm["out"].as<std::string>();
    MakeDirectories(out);

    std::vector<RunRequest> requests;
    for (const auto& entry : GetCatalogue())
    {
        std::map<std::string, std::string> parameters = ApplySets({}, entry.get());
        for (const auto& variant : entry->GetVariants())
        {
            RunRequest request;
            request.scenario = entry.get();
            request.context.variant = variant.name;
            request.context.seed = seed;
            request.context.parameters = parameters;
            request.context.attributes = attributes;
            requests.push_back(request);
        }
    }
    std::vector<ResultRow> rows = RunIsolated(requests, jobs);
    WriteFile(out + "/results.json", RowsToJson(rows));
    WriteFile(out + "/results.csv", RowsToCsv(rows));

    std::vector<SweepJob> sweeps;
    bool plotted = true;
    if (!vm["no-plots"].as<bool>())
    {
        sweeps = CollectSweeps();
        std::string plots = out + "/plots";
        RunSweeps(sweeps, plots, seed, jobs, attributes);
        int status = DrawPlots(plots);
        if (status != 0)
        {
            std::cerr << "natt: drawing the plots failed (doc/plots/natt-plots.py exit status "
                      << status << "; is python3-matplotlib installed?)\n";
            plotted = false;
        }
    }
    WriteFile(out + "/report.md", MatrixReport(rows, sweeps));
    std::cout << RowsToTable(rows) << "wrote " << out << "/results.json, " << out
              << "/results.csv, " << out << "/report.md";
    if (!sweeps.empty())
    {
        std::cout << " and " << sweeps.size() << " plots in " << out << "/plots";
    }
    std::cout << "\n";
    // The plots are part of the main job: without them it is not done.
    return AllMatch(rows) && plotted ? 0 : 1;
}

int
CommandNats(const std::vector<std::string>& args)
{
    po::options_description options("natt nats [--json]: the NAT presets");
    options.add_options()("help,h", "show this help")("json", "print JSON");
    if (WantsHelp(args))
    {
        std::cout << options;
        return 0;
    }
    po::variables_map vm = Parse(args, options);
    std::cout << DescribeNatPresets(vm.count("json") > 0);
    return 0;
}

int
CommandBench(const std::vector<std::string>& args)
{
    po::options_description options("natt bench NAME [OPTIONS]: performance figures");
    options.add_options()("help,h",
                          "show this help")("name", po::value<std::string>(), "benchmark to run");
    std::string available;
    for (const auto& bench : GetBenchmarks())
    {
        available += "\n  " + bench.name + "  " + bench.description;
    }
    // The words after the name belong to the benchmark (`natt bench NAME --help` is its help).
    if (args.empty() || args.front().empty() || args.front()[0] == '-')
    {
        if (WantsHelp(args))
        {
            std::cout << options << "benchmarks:" << (available.empty() ? " none yet" : available)
                      << "\n";
            return 0;
        }
        Parse(args, options); // unknown options become one usage line
        throw UsageError("bench needs a benchmark name (`natt bench --help` lists them)");
    }
    std::string name = args.front();
    for (const auto& bench : GetBenchmarks())
    {
        if (bench.name == name)
        {
            return bench.run(std::vector<std::string>(args.begin() + 1, args.end()));
        }
    }
    throw UsageError("unknown benchmark '" + name + "' (`natt bench --help` lists them)");
}

int
Dispatch(int argc, char** argv)
{
    if (argc < 2)
    {
        throw UsageError(std::string("missing command (expected one of: ") + kCommands +
                         "; `natt --help` explains them)");
    }
    std::string command = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "--help" || command == "-h" || command == "help")
    {
        PrintGeneralHelp(std::cout);
        return 0;
    }
    if (command == "list")
    {
        return CommandList(args);
    }
    if (command == "describe")
    {
        return CommandDescribe(args);
    }
    if (command == "run")
    {
        return CommandRun(args);
    }
    if (command == "matrix")
    {
        return CommandMatrix(args);
    }
    if (command == "nats")
    {
        return CommandNats(args);
    }
    if (command == "bench")
    {
        return CommandBench(args);
    }
    if (command == "live-host")
    {
        return CommandLiveHost(args);
    }
    if (command == "live")
    {
        return CommandLive(args);
    }
    throw UsageError("unknown command '" + command + "' (expected one of: " + kCommands + ")");
}

} // namespace
} // namespace natt

int
main(int argc, char** argv)
{
    try
    {
        return natt::Dispatch(argc, argv);
    }
    catch (const natt::UsageError& e)
    {
        std::cerr << "natt: " << e.what() << "\n";
        return 2;
    }
}
