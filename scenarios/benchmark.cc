/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "benchmark.h"

#include "nat-bench.h"

namespace natt
{

// Benchmarks arrive with the models they measure (issues 3 and 4:
// `natt bench nat`, `natt bench esp`).
const std::vector<Benchmark>&
GetBenchmarks()
{
    static const std::vector<Benchmark> benchmarks{
        {"nat",
         "NAT translation rate and memory per mapping with 1, 1,000 and 100,000 mappings",
         RunNatBenchmark},
    };
    return benchmarks;
}

} // namespace natt
