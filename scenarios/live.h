/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_LIVE_H
#define NATT_LIVE_H

#include <string>
#include <vector>

namespace natt
{

/**
 * `natt live` (issue 15, doc/live.rst): one NAT, built from a preset exactly
 * as the simulation builds it, between two real Linux interfaces, in real
 * time. A real-time ns-3 process with one node whose inside and outside
 * devices are FdNetDevices over AF_PACKET raw sockets on the named
 * interfaces; it runs until SIGINT, SIGTERM or --duration, then prints the
 * NAT's counters (mappings, translations, drops by reason) and closes its
 * pcaps. Bad options, a missing or busy interface, or no root: one line on
 * stderr, exit 2. \return the exit status
 */
int CommandLive(const std::vector<std::string>& args);

} // namespace natt

#endif /* NATT_LIVE_H */
