/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RUNNER_H
#define NATT_RUNNER_H

#include "scenario.h"

#include <vector>

namespace natt
{

/// One variant of one entry to run.
struct RunRequest
{
    const Scenario* scenario{nullptr};
    RunContext context;
};

/**
 * Run each request in a child process of its own, at most \p jobs at a time,
 * and return the rows in request order.
 *
 * ns-3 keeps the simulator, attribute defaults and random streams in
 * process-wide state, so a fresh process per row is what makes a row the
 * same whichever rows ran before it and however many run at once. A child
 * that dies yields a row with outcome "error", which never matches.
 */
std::vector<ResultRow> RunIsolated(const std::vector<RunRequest>& requests, unsigned jobs);

/// Run one request in this process (what each child does).
ResultRow RunInProcess(const RunRequest& request);

} // namespace natt

#endif /* NATT_RUNNER_H */
