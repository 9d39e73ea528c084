/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the --set value parser (ApplySets, scenarios/options.cc):
// "ns3::Type::Attribute=value" assignments checked against ns-3's
// TypeIds and applied through a trial process, and PARAMETER=VALUE ones
// checked against the entry's declared kinds, ranges, units and former
// names (ScenarioParameter::Check, ParseTime). The first byte picks the
// catalogue entry (or none), each further line is one assignment. Bad
// input must end in a UsageError, the one error the command turns into its
// usage exit status; any other exception, crash or abort is a finding.

#include "cli-fuzz-util.h"

#include <sstream>

extern "C" int
LLVMFuzzerInitialize(int* argc, char*** argv)
{
    natt_fuzz::WriteParameterSeeds("", natt_fuzz::WriteSeed);
    natt_fuzz::WriteSeed("attribute", 0xff, "ns3::NatEngine::UdpMappingTimeout=30s\n");
    natt_fuzz::WriteSeed("attribute-bad-value", 0xff, "ns3::NatEngine::PortRangeMin=x\n");
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
    std::istringstream text(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    std::vector<std::string> sets;
    std::string line;
    while (std::getline(text, line) && sets.size() < 16)
    {
        sets.push_back(line);
        // Time values are read before any check that would refuse them.
        natt::ParseTime(line.substr(line.find('=') == std::string::npos ? 0 : line.find('=') + 1));
    }
    try
    {
        auto parameters = natt::ApplySets(sets, scenario);
        if (scenario)
        {
            for (const auto& [name, value] : parameters)
            {
                auto declared = scenario->FindParameter(name);
                if (declared)
                {
                    declared->Canonical(value);
                }
            }
        }
    }
    catch (const natt::UsageError&)
    {
    }
    natt_fuzz::ResetDefaults(data, size);
    return 0;
}
