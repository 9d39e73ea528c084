/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "runner.h"

#include "ns3/rng-seed-manager.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <poll.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace natt
{

namespace
{

// Rows cross the pipe from child to parent as "key<TAB>value" lines; metric
// lines are "metric<TAB>name<TAB>value" with the value in hex-float form so
// it comes back bit for bit.
std::string
EncodeRow(const ResultRow& row)
{
    std::ostringstream os;
    os << "outcome\t" << row.outcome << "\n"
       << "symptom\t" << row.symptom << "\n";
    for (const auto& metric : row.metrics)
    {
        char value[64];
        std::snprintf(value, sizeof(value), "%a", metric.second);
        os << "metric\t" << metric.first << "\t" << value << "\n";
    }
    return os.str();
}

void
DecodeRow(const std::string& text, ResultRow& row)
{
    std::istringstream is(text);
    std::string line;
    while (std::getline(is, line))
    {
        std::size_t tab = line.find('\t');
        if (tab == std::string::npos)
        {
            continue;
        }
        std::string key = line.substr(0, tab);
        std::string rest = line.substr(tab + 1);
        if (key == "outcome")
        {
            row.outcome = rest;
        }
        else if (key == "symptom")
        {
            row.symptom = rest;
        }
        else if (key == "metric")
        {
            std::size_t tab2 = rest.find('\t');
            if (tab2 != std::string::npos)
            {
                row.SetMetric(rest.substr(0, tab2),
                              std::strtod(rest.substr(tab2 + 1).c_str(), nullptr));
            }
        }
    }
}

struct Child
{
    pid_t pid{-1};
    int fd{-1};
    std::size_t index{0};
    std::string output;
};

void
WriteAll(int fd, const std::string& text)
{
    std::size_t done = 0;
    while (done < text.size())
    {
        ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

/// Reap a child whose pipe reached its end; the row says if it failed.
void
Finish(Child& child, const RunRequest& request, std::vector<ResultRow>& rows)
{
    close(child.fd);
    int status = 0;
    while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    ResultRow row = request.scenario->MakeRow(request.context);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    {
        DecodeRow(child.output, row);
    }
    else
    {
        row.outcome = "error";
        row.symptom = WIFSIGNALED(status)
                          ? std::string("crash-signal-") + std::to_string(WTERMSIG(status))
                          : std::string("exit-") + std::to_string(WEXITSTATUS(status));
    }
    rows[child.index] = row;
}

} // namespace

ResultRow
RunInProcess(const RunRequest& request)
{
    ns3::RngSeedManager::SetSeed(request.context.seed);
    ns3::RngSeedManager::SetRun(1);
    // A bare number is in the unit the parameter states ("30" -> "30s"), so
    // the entry reads the same time however the user wrote it.
    RunContext context = request.context;
    for (const auto& parameter : request.scenario->GetParameters())
    {
        auto it = context.parameters.find(parameter.name);
        if (it != context.parameters.end())
        {
            it->second = parameter.Canonical(it->second);
        }
    }
    return request.scenario->Run(context);
}

std::vector<ResultRow>
RunIsolated(const std::vector<RunRequest>& requests, unsigned jobs)
{
    // An unknown variant is the caller's mistake: it ends here, in this
    // process, before any child runs (Scenario::RequireVariant).
    for (const auto& request : requests)
    {
        request.scenario->RequireVariant(request.context.variant);
    }
    std::vector<ResultRow> rows(requests.size());
    std::map<pid_t, Child> running;
    std::size_t next = 0;
    jobs = jobs == 0 ? 1 : jobs;
    std::fflush(nullptr);
    while (next < requests.size() || !running.empty())
    {
        while (next < requests.size() && running.size() < jobs)
        {
            int fds[2];
            if (pipe(fds) != 0)
            {
                std::perror("natt: pipe");
                std::exit(2);
            }
            pid_t pid = fork();
            if (pid < 0)
            {
                std::perror("natt: fork");
                std::exit(2);
            }
            if (pid == 0)
            {
                close(fds[0]);
                ResultRow row = RunInProcess(requests[next]);
                WriteAll(fds[1], EncodeRow(row));
                close(fds[1]);
                std::fflush(nullptr);
                _exit(0);
            }
            close(fds[1]);
            Child child;
            child.pid = pid;
            child.fd = fds[0];
            child.index = next++;
            running[pid] = child;
        }
        std::vector<pollfd> fds;
        for (const auto& entry : running)
        {
            fds.push_back({entry.second.fd, POLLIN, 0});
        }
        if (poll(fds.data(), fds.size(), -1) < 0)
        {
            continue; // EINTR
        }
        for (const auto& ready : fds)
        {
            if (ready.revents == 0)
            {
                continue;
            }
            auto it = running.begin();
            while (it->second.fd != ready.fd)
            {
                ++it;
            }
            char buffer[4096];
            ssize_t n = read(ready.fd, buffer, sizeof(buffer));
            if (n > 0)
            {
                it->second.output.append(buffer, static_cast<std::size_t>(n));
            }
            else if (n == 0 || errno != EINTR)
            {
                Finish(it->second, requests[it->second.index], rows);
                running.erase(it);
            }
        }
    }
    return rows;
}

} // namespace natt
