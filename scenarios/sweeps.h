/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_SWEEPS_H
#define NATT_SWEEPS_H

#include "scenario.h"

#include <map>
#include <string>
#include <vector>

namespace natt
{

/// A sweep and the scenario that declared it.
struct SweepJob
{
    const Scenario* scenario{nullptr};
    Sweep sweep;
};

/// Every sweep of the catalogue and the measurements, in catalogue order.
std::vector<SweepJob> CollectSweeps();

/**
 * Run every point of \p jobs (fork-isolated, \p jobs at a time, like the
 * matrix rows) and write DIR/NAME.csv for each: variant, the swept
 * parameters, outcome, symptom, then the metrics. \p attributes are the
 * user's --set attributes (RunContext::attributes). \return the CSV paths
 */
std::vector<std::string> RunSweeps(const std::vector<SweepJob>& sweeps,
                                   const std::string& dir,
                                   uint32_t seed,
                                   unsigned jobs,
                                   const std::map<std::string, std::string>& attributes = {});

/// The CSV of one sweep's rows (\p rows in point order).
std::string SweepToCsv(const Sweep& sweep, const std::vector<ResultRow>& rows);

/**
 * Draw DIR/NAME.png from every DIR/NAME.csv with doc/plots/natt-plots.py
 * under Debian's python3 (python3-matplotlib; NATT_PYTHON and
 * NATT_PLOT_SCRIPT override the paths). \return the script's exit status
 */
int DrawPlots(const std::string& dir);

} // namespace natt

#endif /* NATT_SWEEPS_H */
