/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweeps.h"

#include "catalogue.h"
#include "options.h"
#include "results.h"
#include "runner.h"

#include <cstdlib>
#include <set>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

#ifndef NATT_SOURCE_DIR
#define NATT_SOURCE_DIR "."
#endif

namespace natt
{

std::vector<SweepJob>
CollectSweeps()
{
    std::vector<SweepJob> jobs;
    for (const auto* list : {&GetCatalogue(), &GetMeasurements()})
    {
        for (const auto& scenario : *list)
        {
            for (auto& sweep : scenario->GetSweeps())
            {
                jobs.push_back({scenario.get(), std::move(sweep)});
            }
        }
    }
    return jobs;
}

namespace
{

/// The parameter names a sweep varies, sorted, so the CSV columns are stable.
std::vector<std::string>
SweptParameters(const Sweep& sweep)
{
    std::set<std::string> names;
    for (const auto& point : sweep.points)
    {
        for (const auto& [name, value] : point.parameters)
        {
            names.insert(name);
        }
    }
    return {names.begin(), names.end()};
}

} // namespace

std::string
SweepToCsv(const Sweep& sweep, const std::vector<ResultRow>& rows)
{
    std::vector<std::string> parameters = SweptParameters(sweep);
    std::vector<std::string> metrics = MetricNames(rows);
    std::ostringstream os;
    os << "variant";
    for (const auto& name : parameters)
    {
        os << "," << CsvField(name);
    }
    os << ",outcome,symptom";
    for (const auto& name : metrics)
    {
        os << "," << CsvField(name);
    }
    os << "\n";
    for (std::size_t i = 0; i < rows.size() && i < sweep.points.size(); ++i)
    {
        const SweepPoint& point = sweep.points[i];
        os << CsvField(point.variant);
        for (const auto& name : parameters)
        {
            auto it = point.parameters.find(name);
            os << "," << (it == point.parameters.end() ? "" : CsvField(it->second));
        }
        os << "," << rows[i].outcome << "," << CsvField(rows[i].symptom);
        for (const auto& name : metrics)
        {
            os << ",";
            for (const auto& metric : rows[i].metrics)
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

std::vector<std::string>
RunSweeps(const std::vector<SweepJob>& sweeps,
          const std::string& dir,
          uint32_t seed,
          unsigned jobs,
          const std::map<std::string, std::string>& attributes)
{
    // All points of all sweeps go to the pool at once, so two cores stay
    // busy across sweeps; each row still runs in its own process.
    std::vector<RunRequest> requests;
    for (const auto& job : sweeps)
    {
        std::map<std::string, std::string> defaults = ApplySets({}, job.scenario);
        for (const auto& point : job.sweep.points)
        {
            RunRequest request;
            request.scenario = job.scenario;
            request.context.variant = point.variant;
            request.context.seed = seed;
            request.context.parameters = defaults;
            request.context.attributes = attributes;
            for (const auto& [name, value] : point.parameters)
            {
                bool known = false;
                for (const auto& parameter : job.scenario->GetParameters())
                {
                    if (parameter.name == name)
                    {
                        known = parameter.Check(value).empty();
                    }
                }
                if (!known)
                {
                    throw std::logic_error("sweep " + job.sweep.name + ": bad point " + name + "=" +
                                           value);
                }
                request.context.parameters[name] = value;
            }
            requests.push_back(request);
        }
    }
    std::vector<ResultRow> rows = RunIsolated(requests, jobs);

    std::vector<std::string> files;
    std::size_t next = 0;
    MakeDirectories(dir);
    // The plot script titles each picture with the question it answers.
    std::string titles = "name,title\n";
    for (const auto& job : sweeps)
    {
        titles += CsvField(job.sweep.name) + "," + CsvField(job.sweep.title) + "\n";
    }
    WriteFile(dir + "/titles.csv", titles);
    for (const auto& job : sweeps)
    {
        std::vector<ResultRow> mine(rows.begin() + next,
                                    rows.begin() + next + job.sweep.points.size());
        next += job.sweep.points.size();
        std::string path = dir + "/" + job.sweep.name + ".csv";
        WriteFile(path, SweepToCsv(job.sweep, mine));
        files.push_back(path);
    }
    return files;
}

int
DrawPlots(const std::string& dir)
{
    const char* python = std::getenv("NATT_PYTHON");
    const char* script = std::getenv("NATT_PLOT_SCRIPT");
    // Debian's interpreter: python3-matplotlib is installed for it, not for
    // whatever python3 comes first on PATH.
    std::string interpreter = python ? python : "/usr/bin/python3";
    std::string path = script ? script : std::string(NATT_SOURCE_DIR) + "/doc/plots/natt-plots.py";
    pid_t pid = fork();
    if (pid < 0)
    {
        return 127;
    }
    if (pid == 0)
    {
        execl(interpreter.c_str(),
              interpreter.c_str(),
              path.c_str(),
              dir.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

} // namespace natt
