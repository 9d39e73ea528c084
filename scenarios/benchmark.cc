/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "benchmark.h"

#include "esp-bench.h"
#include "nat-bench.h"
#include "scenario.h"
#include "telecommuter-bench.h"

#include <iostream>

namespace natt
{

namespace
{

/// A benchmark that takes no options: any word after its name is a usage error.
std::function<int(const std::vector<std::string>&)>
WithoutOptions(const std::string& name, int (*run)())
{
    return [name, run](const std::vector<std::string>& args) {
        if (args.size() == 1 && (args.front() == "--help" || args.front() == "-h"))
        {
            std::cout << "natt bench " << name << ": takes no options\n";
            return 0;
        }
        if (!args.empty())
        {
            throw UsageError("bench " + name + " takes no options (got '" + args.front() + "')");
        }
        return run();
    };
}

} // namespace

// Benchmarks arrive with the models they measure (issues 3 and 4:
// `natt bench nat`, `natt bench esp`; issue 17: `natt bench telecommuters`).
const std::vector<Benchmark>&
GetBenchmarks()
{
    static const std::vector<Benchmark> benchmarks{
        {"nat",
         "NAT translation rate and memory per mapping with 1, 1,000 and 100,000 mappings",
         WithoutOptions("nat", RunNatBenchmark)},
        {"esp",
         "simulated ESP packets per wall-clock second for each transform, and the ratio to "
         "the same run without IPsec",
         WithoutOptions("esp", RunEspBenchmark)},
        {"telecommuters",
         "N telecommuters behind NAPTs, IKE with NAT-T to gateways, one UDP packet a second "
         "each through the tunnel; wall time, events and memory against the same run without "
         "NAT and IPsec (--hosts N, `natt bench telecommuters --help`)",
         RunTelecommuterBenchmark},
    };
    return benchmarks;
}

} // namespace natt
