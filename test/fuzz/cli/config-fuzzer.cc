/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the INI config parser (`natt run --config FILE`,
// ApplyConfig in scenarios/options.cc) with the options of `natt run`,
// then the --set assignments its [set] section collected (ApplySets), as
// CollectSets and CommandRun take them. The first byte picks the catalogue
// entry (or none), the rest is the file. Bad input must end in a
// UsageError; any other exception, crash or abort is a finding.

#include "cli-fuzz-util.h"

#include <unistd.h>

namespace
{

std::string
ConfigPath()
{
    static const std::string path = "/tmp/natt-config-fuzzer-" + std::to_string(getpid()) + ".ini";
    return path;
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int* argc, char*** argv)
{
    natt_fuzz::WriteParameterSeeds(
        "",
        [](const std::string& name, uint8_t k, const std::string& text) {
            natt_fuzz::WriteSeed(name, k, "seed = 3\nvariant = x\njson = true\n[set]\n" + text);
        });
    natt_fuzz::WriteSeed("attribute", 0xff, "[set]\nns3::NatEngine::UdpMappingTimeout = 30s\n");
    natt_fuzz::WriteSeed("nested-config", 0xff, "config = other.ini\n");
    return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
    {
        return 0;
    }
    const natt::Scenario* scenario = natt_fuzz::PickScenario(data[0]);
    {
        std::ofstream out(ConfigPath(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data) + 1, size - 1);
    }
    try
    {
        auto options = natt::RunOptions();
        boost::program_options::variables_map vm;
        std::vector<std::string> sets;
        natt::ApplyConfig(ConfigPath(), options, vm, sets);
        if (vm.count("seed"))
        {
            natt::CheckSeed(vm["seed"].as<std::string>());
        }
        natt::ApplySets(sets, scenario);
    }
    catch (const natt::UsageError&)
    {
    }
    natt_fuzz::ResetDefaults(data, size);
    return 0;
}
