/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "options.h"

#include "catalogue.h"

#include "ns3/config.h"
#include "ns3/nat-engine.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace po = boost::program_options;

namespace natt
{

namespace
{

/**
 * Some ns-3 value parsers (e.g. UintegerValue's) abort the process on
 * malformed text instead of returning false, so a value from the user is
 * first applied in a throw-away child process: only if that child survives
 * and succeeds is the value set here.
 */
bool
TrialSetDefault(const std::string& key, const std::string& value)
{
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0)
    {
        return false;
    }
    if (pid == 0)
    {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
        {
            dup2(devnull, STDERR_FILENO);
            dup2(devnull, STDOUT_FILENO);
        }
        _exit(ns3::Config::SetDefaultFailSafe(key, ns3::StringValue(value)) ? 0 : 1);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/**
 * The message of a program_options error, with the user's text in it.
 * Boost 1.74's error_with_option_name::what() replaces each placeholder
 * ("%value%", "%canonical_option%", ...) until none is left, so user text
 * that holds the placeholder it replaces never ends the loop: `natt run x
 * --%canonical_option%` hung, as did `json = %value%` in a config file (the
 * config fuzz target's timeout, test/fuzz/corpus/config/regress-*). The
 * user's text therefore goes into the message with each '%' shown as '?'.
 */
std::string
Describe(const po::error& e)
{
    const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
    if (named == nullptr)
    {
        return e.what();
    }
    // m_substitutions (placeholder name -> user text) is protected and has
    // no getter; a member pointer formed in a derived class reads it.
    struct Substitutions : po::error_with_option_name
    {
        static const std::map<std::string, std::string>& Of(const po::error_with_option_name& e)
        {
            return e.*(&Substitutions::m_substitutions);
        }
    };

    po::error_with_option_name safe = *named;
    for (const auto& [name, text] : Substitutions::Of(*named))
    {
        std::string shown = text;
        std::replace(shown.begin(), shown.end(), '%', '?');
        safe.set_substitute(name, shown);
    }
    return safe.what();
}

} // namespace

po::variables_map
Parse(const std::vector<std::string>& args,
      const po::options_description& options,
      const po::positional_options_description& positional)
{
    po::variables_map vm;
    try
    {
        po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
        po::notify(vm);
    }
    catch (const po::error& e)
    {
        throw UsageError(Describe(e));
    }
    return vm;
}

po::options_description
RunOptions()
{
    po::options_description options(
        "natt run ID [--variant NAME] [--seed N] [--pcap DIR] [--set KEY=VALUE]... [--json] "
        "[--config FILE]");
    options.add_options()("help,h", "show this help")(
        "id",
        po::value<std::string>(),
        "catalogue entry id")("variant", po::value<std::string>(), "run only this variant")(
        "seed",
        po::value<std::string>()->default_value("1"),
        "random seed (same seed, same results)")("pcap",
                                                 po::value<std::string>(),
                                                 "write pcaps and Wireshark key files here")(
        "set",
        po::value<std::vector<std::string>>()->composing(),
        "ns3::Type::Attribute=VALUE (an attribute default) or PARAMETER=VALUE")(
        "json",
        po::bool_switch(),
        "print the rows as a JSON array")("config",
                                          po::value<std::string>(),
                                          "read options from an INI file ([set] section for "
                                          "--set)");
    return options;
}

/**
 * Read an INI config file (DESIGN section 4, `--config FILE`): top-level
 * keys are the command's own options; keys in a [set] section are --set
 * assignments. Values given on the command line win.
 */
void
ApplyConfig(const std::string& path,
            const po::options_description& options,
            po::variables_map& vm,
            std::vector<std::string>& sets)
{
    std::ifstream in(path);
    if (!in)
    {
        throw UsageError("cannot read config file '" + path + "': " + std::strerror(errno));
    }
    po::parsed_options parsed(&options);
    try
    {
        parsed = po::parse_config_file(in, options, true);
    }
    catch (const po::error& e)
    {
        throw UsageError("config file '" + path + "': " + Describe(e));
    }
    std::vector<po::option> registered;
    for (const auto& option : parsed.options)
    {
        if (!option.unregistered)
        {
            if (option.string_key == "config")
            {
                throw UsageError("config file '" + path + "': 'config' cannot be nested");
            }
            registered.push_back(option);
            continue;
        }
        const std::string prefix = "set.";
        if (option.string_key.compare(0, prefix.size(), prefix) == 0 && option.value.size() == 1)
        {
            sets.push_back(option.string_key.substr(prefix.size()) + "=" + option.value[0]);
            continue;
        }
        throw UsageError("config file '" + path + "': unknown key '" + option.string_key +
                         "' (expected a command option or a key in a [set] section)");
    }
    parsed.options = registered;
    try
    {
        po::store(parsed, vm);
        po::notify(vm);
    }
    catch (const po::error& e)
    {
        throw UsageError("config file '" + path + "': " + Describe(e));
    }
}

std::vector<std::string>
CollectSets(const po::options_description& options, po::variables_map& vm)
{
    std::vector<std::string> sets;
    if (vm.count("set"))
    {
        sets = vm["set"].as<std::vector<std::string>>();
    }
    if (vm.count("config"))
    {
        ApplyConfig(vm["config"].as<std::string>(), options, vm, sets);
    }
    return sets;
}

uint32_t
CheckSeed(const std::string& text)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 9 || std::stoul(text) == 0)
    {
        throw UsageError("bad --seed '" + text + "': expected a whole number from 1 to 999999999");
    }
    return static_cast<uint32_t>(std::stoul(text));
}

void
MakeDirectories(const std::string& path)
{
    std::string partial;
    std::istringstream parts(path);
    std::string part;
    if (!path.empty() && path[0] == '/')
    {
        partial = "/";
    }
    while (std::getline(parts, part, '/'))
    {
        if (part.empty())
        {
            continue;
        }
        partial += part + "/";
        if (mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST)
        {
            throw UsageError("cannot create directory '" + path + "': " + std::strerror(errno));
        }
    }
}

/**
 * Apply --set assignments: "ns3::Type::Attribute=value" sets an ns-3
 * attribute default through Config::SetDefault; any other key must be one
 * of \p scenario's parameters and is checked against its kind.
 */
std::map<std::string, std::string>
ApplySets(const std::vector<std::string>& sets, const Scenario* scenario)
{
    std::map<std::string, std::string> parameters;
    if (scenario)
    {
        for (const auto& parameter : scenario->GetParameters())
        {
            parameters[parameter.name] = parameter.defaultValue;
        }
    }
    for (const auto& assignment : sets)
    {
        std::size_t eq = assignment.find('=');
        if (eq == std::string::npos || eq == 0)
        {
            throw UsageError("bad --set '" + assignment + "': expected KEY=VALUE");
        }
        std::string key = assignment.substr(0, eq);
        std::string value = assignment.substr(eq + 1);
        std::size_t colons = key.rfind("::");
        if (colons != std::string::npos)
        {
            std::string typeName = key.substr(0, colons);
            std::string attributeName = key.substr(colons + 2);
            ns3::TypeId tid;
            ns3::TypeId::AttributeInformation info;
            if (!ns3::TypeId::LookupByNameFailSafe(typeName, &tid))
            {
                throw UsageError("bad --set '" + assignment + "': unknown ns-3 type '" + typeName +
                                 "'");
            }
            if (!tid.LookupAttributeByName(attributeName, &info))
            {
                throw UsageError("bad --set '" + assignment + "': " + typeName +
                                 " has no attribute '" + attributeName + "'");
            }
            std::string engineName = ns3::NatEngine::GetOverridingAttribute(tid, attributeName);
            if (!engineName.empty())
            {
                throw UsageError("bad --set '" + assignment + "': every NAT engine sets " + key +
                                 " through " + engineName + "; set that instead");
            }
            if (!TrialSetDefault(key, value) ||
                !ns3::Config::SetDefaultFailSafe(key, ns3::StringValue(value)))
            {
                throw UsageError("bad --set '" + assignment + "': '" + value +
                                 "' is not a valid value for " + key + " (expected " +
                                 info.checker->GetUnderlyingTypeInformation() + ")");
            }
            continue;
        }
        std::optional<ScenarioParameter> declared;
        if (scenario)
        {
            declared = scenario->FindParameter(key);
        }
        if (!declared)
        {
            std::string expected = "an ns-3 attribute (ns3::Type::Attribute)";
            if (scenario && !scenario->GetParameters().empty())
            {
                expected += " or one of the parameters";
                for (const auto& parameter : scenario->GetParameters())
                {
                    expected += " " + parameter.name;
                }
            }
            throw UsageError("bad --set '" + assignment + "': unknown key '" + key +
                             "' (expected " + expected + ")");
        }
        if (key != declared->name)
        {
            // Issue 10: the old names of the first releases still work.
            std::cerr << "natt: parameter '" << key << "' is deprecated; use '" << declared->name
                      << "'\n";
            key = declared->name;
        }
        std::string problem = declared->Check(value);
        if (!problem.empty())
        {
            throw UsageError("bad --set '" + assignment + "': " + problem);
        }
        parameters[key] = value;
    }
    return parameters;
}

const Scenario&
RequireScenario(const std::string& id)
{
    const Scenario* scenario = FindScenario(id);
    if (!scenario)
    {
        std::string known;
        for (const auto& entry : GetCatalogue())
        {
            known += (known.empty() ? "" : ", ") + entry->GetId();
        }
        throw UsageError("unknown scenario '" + id + "' (expected one of: " +
                         (known.empty() ? std::string("none yet") : known) +
                         "; `natt list` shows them)");
    }
    return *scenario;
}

void
WriteFile(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out)
    {
        throw UsageError("cannot write '" + path + "'");
    }
}

} // namespace natt
