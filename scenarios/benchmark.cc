/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "benchmark.h"

namespace natt
{

// Benchmarks arrive with the models they measure (issues 3 and 4:
// `natt bench nat`, `natt bench esp`).
const std::vector<Benchmark>&
GetBenchmarks()
{
    static const std::vector<Benchmark> benchmarks;
    return benchmarks;
}

} // namespace natt
