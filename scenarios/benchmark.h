/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_BENCHMARK_H
#define NATT_BENCHMARK_H

#include <functional>
#include <string>
#include <vector>

namespace natt
{

/**
 * A `natt bench` run. Speed and memory targets are reported as figures
 * here, measured on the machine at hand, never asserted in timed tests.
 */
struct Benchmark
{
    std::string name;
    std::string description;
    /// Prints its figures; returns the exit status.
    std::function<int()> run;
};

/// Every benchmark `natt bench` knows.
const std::vector<Benchmark>& GetBenchmarks();

} // namespace natt

#endif /* NATT_BENCHMARK_H */
