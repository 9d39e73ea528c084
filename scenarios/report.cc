/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "report.h"

#include "catalogue.h"
#include "fixes.h"
#include "results.h"

#include <algorithm>
#include <sstream>

namespace natt
{

namespace
{

std::string
MetricSummary(const ResultRow& row, std::size_t most)
{
    std::string text;
    for (std::size_t k = 0; k < row.metrics.size() && k < most; ++k)
    {
        text +=
            (k == 0 ? "" : ", ") + row.metrics[k].first + "=" + FormatNumber(row.metrics[k].second);
    }
    return text;
}

} // namespace

std::string
MatrixReport(const std::vector<ResultRow>& rows, const std::vector<SweepJob>& sweeps)
{
    std::ostringstream os;
    std::size_t matching =
        std::count_if(rows.begin(), rows.end(), [](const ResultRow& r) { return r.Matches(); });
    os << "# natt matrix\n\n"
       << matching << " of " << rows.size()
       << " rows match the outcome their source document predicts.\n\n"
       << "| entry | source | variant | expected | outcome | symptom | match | key metrics |\n"
       << "|---|---|---|---|---|---|---|---|\n";
    for (const auto& row : rows)
    {
        os << "| " << row.id << " | " << row.source << " | " << row.variant << " | " << row.expected
           << " | " << row.outcome << " | " << row.symptom << " | "
           << (row.Matches() ? "yes" : "**no**") << " | " << MetricSummary(row, 4) << " |\n";
    }
    os << "\n" << FixesTable(rows);
    if (!sweeps.empty())
    {
        os << "## Plots\n\n";
        for (const auto& job : sweeps)
        {
            os << "### " << job.sweep.title << "\n\n"
               << "![" << job.sweep.title << "](plots/" << job.sweep.name << ".png)\n\n"
               << "From " << job.scenario->GetId() << ", " << job.sweep.points.size()
               << " runs; data in plots/" << job.sweep.name << ".csv.\n\n";
        }
    }
    std::vector<std::string> seen;
    for (const auto& row : rows)
    {
        if (std::find(seen.begin(), seen.end(), row.id) != seen.end())
        {
            continue;
        }
        seen.push_back(row.id);
        const Scenario* entry = FindScenario(row.id);
        if (!entry)
        {
            continue;
        }
        os << "## " << entry->GetId() << ": " << entry->GetTitle() << "\n\n"
           << "Source: " << entry->GetSource() << ".\n\n"
           << entry->GetDescription() << "\n\n";
    }
    return os.str();
}

} // namespace natt
