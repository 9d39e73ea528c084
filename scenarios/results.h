/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RESULTS_H
#define NATT_RESULTS_H

#include "scenario.h"

#include <string>
#include <vector>

namespace natt
{

/// A JSON string literal for \p text.
std::string JsonQuote(const std::string& text);
/// A number as the rows print it: whole numbers without a point, others with %.6g.
std::string FormatNumber(double value);

/// One row as a JSON object (DESIGN section 4), on one line.
std::string RowToJson(const ResultRow& row);
/// The rows as a JSON array, one row per line.
std::string RowsToJson(const std::vector<ResultRow>& rows);
/// The metric names of \p rows, in order of first appearance.
std::vector<std::string> MetricNames(const std::vector<ResultRow>& rows);
/// \p text as one CSV field (quoted when it holds a comma, quote or newline).
std::string CsvField(const std::string& text);
/// The rows as CSV with a header; metrics get one column each, in order of appearance.
std::string RowsToCsv(const std::vector<ResultRow>& rows);
/// A fixed-width table for the terminal.
std::string RowsToTable(const std::vector<ResultRow>& rows);

/// \return true when every row matches its expectation (and there is no error row)
bool AllMatch(const std::vector<ResultRow>& rows);

} // namespace natt

#endif /* NATT_RESULTS_H */
