/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_REPORT_H
#define NATT_REPORT_H

#include "scenario.h"
#include "sweeps.h"

#include <string>
#include <vector>

namespace natt
{

/**
 * report.md for `natt matrix`: a table (entry, source section, variant,
 * expected, outcome, symptom, key metrics), then a short paragraph per
 * entry taken from its description; with \p sweeps, a section that
 * shows each plot with the question it answers.
 */
std::string MatrixReport(const std::vector<ResultRow>& rows,
                         const std::vector<SweepJob>& sweeps = {});

} // namespace natt

#endif /* NATT_REPORT_H */
