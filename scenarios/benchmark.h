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
    /**
     * Prints its figures; returns the exit status. \p args are the
     * command-line words after the benchmark's name; bad ones throw
     * UsageError (one line, exit status 2).
     */
    std::function<int(const std::vector<std::string>& args)> run;
};

/// Every benchmark `natt bench` knows.
const std::vector<Benchmark>& GetBenchmarks();

} // namespace natt

#endif /* NATT_BENCHMARK_H */
