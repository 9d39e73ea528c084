/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "results.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace natt
{

std::string
JsonQuote(const std::string& text)
{
    std::string out = "\"";
    for (char c : text)
    {
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
            {
                char escaped[8];
                std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
                out += escaped;
            }
            else
            {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::string
FormatNumber(double value)
{
    if (!std::isfinite(value))
    {
        return "null";
    }
    char text[64];
    if (value == std::floor(value) && std::fabs(value) < 1e15)
    {
        std::snprintf(text, sizeof(text), "%.0f", value);
    }
    else
    {
        std::snprintf(text, sizeof(text), "%.6g", value);
    }
    return text;
}

std::string
RowToJson(const ResultRow& row)
{
    std::ostringstream os;
    os << "{\"id\": " << JsonQuote(row.id) << ", \"source\": " << JsonQuote(row.source)
       << ", \"variant\": " << JsonQuote(row.variant)
       << ", \"expected\": " << JsonQuote(row.expected)
       << ", \"expected_symptom\": " << JsonQuote(row.expectedSymptom)
       << ", \"outcome\": " << JsonQuote(row.outcome) << ", \"symptom\": " << JsonQuote(row.symptom)
       << ", \"match\": " << (row.Matches() ? "true" : "false") << ", \"seed\": " << row.seed
       << ", \"metrics\": {";
    bool first = true;
    for (const auto& metric : row.metrics)
    {
        os << (first ? "" : ", ") << JsonQuote(metric.first) << ": " << FormatNumber(metric.second);
        first = false;
    }
    os << "}}";
    return os.str();
}

std::string
RowsToJson(const std::vector<ResultRow>& rows)
{
    std::string out = "[";
    for (std::size_t k = 0; k < rows.size(); ++k)
    {
        out += (k == 0 ? "\n" : ",\n") + RowToJson(rows[k]);
    }
    return out + (rows.empty() ? "]\n" : "\n]\n");
}

std::vector<std::string>
MetricNames(const std::vector<ResultRow>& rows)
{
    std::vector<std::string> names;
    for (const auto& row : rows)
    {
        for (const auto& metric : row.metrics)
        {
            if (std::find(names.begin(), names.end(), metric.first) == names.end())
            {
                names.push_back(metric.first);
            }
        }
    }
    return names;
}

std::string
CsvField(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
    {
        return text;
    }
    std::string out = "\"";
    for (char c : text)
    {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

std::string
RowsToCsv(const std::vector<ResultRow>& rows)
{
    std::vector<std::string> names = MetricNames(rows);
    std::ostringstream os;
    os << "id,source,variant,expected,expected_symptom,outcome,symptom,match,seed";
    for (const auto& name : names)
    {
        os << "," << CsvField(name);
    }
    os << "\n";
    for (const auto& row : rows)
    {
        os << CsvField(row.id) << "," << CsvField(row.source) << "," << CsvField(row.variant) << ","
           << row.expected << "," << row.expectedSymptom << "," << row.outcome << ","
           << CsvField(row.symptom) << "," << (row.Matches() ? "true" : "false") << "," << row.seed;
        for (const auto& name : names)
        {
            os << ",";
            for (const auto& metric : row.metrics)
            {
                if (metric.first == name)
                {
                    os << FormatNumber(metric.second);
                }
            }
        }
        os << "\n";
    }
    return os.str();
}

std::string
RowsToTable(const std::vector<ResultRow>& rows)
{
    std::vector<std::vector<std::string>> cells;
    cells.push_back({"id", "variant", "expected", "outcome", "symptom", "match"});
    for (const auto& row : rows)
    {
        cells.push_back({row.id,
                         row.variant,
                         row.expected,
                         row.outcome,
                         row.symptom,
                         row.Matches() ? "yes" : "NO"});
    }
    std::vector<std::size_t> widths(cells[0].size(), 0);
    for (const auto& line : cells)
    {
        for (std::size_t c = 0; c < line.size(); ++c)
        {
            widths[c] = std::max(widths[c], line[c].size());
        }
    }
    std::ostringstream os;
    for (const auto& line : cells)
    {
        for (std::size_t c = 0; c < line.size(); ++c)
        {
            os << line[c];
            if (c + 1 < line.size())
            {
                os << std::string(widths[c] - line[c].size() + 2, ' ');
            }
        }
        os << "\n";
    }
    std::size_t matching =
        std::count_if(rows.begin(), rows.end(), [](const ResultRow& r) { return r.Matches(); });
    os << matching << " of " << rows.size() << " rows match their expected outcome\n";
    return os.str();
}

bool
AllMatch(const std::vector<ResultRow>& rows)
{
    return std::all_of(rows.begin(), rows.end(), [](const ResultRow& r) { return r.Matches(); });
}

} // namespace natt
