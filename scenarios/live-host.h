/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_LIVE_HOST_H
#define NATT_LIVE_HOST_H

#include <string>
#include <vector>

namespace natt
{

/**
 * `natt live-host` (issue 15, doc/live.rst): natt's own IKE and IPsec on a
 * real network. A real-time ns-3 process with one host node on one real
 * Linux interface (an FdNetDevice over an AF_PACKET raw socket, as `natt
 * live` uses), running IkeHelper's IkeDaemon and IpsecStack: it initiates
 * IKEv2 to a real peer or answers one, installs the child SA, and protects
 * the node's own traffic (a UDP echo client and server, ICMP echo) with it.
 * On stopping it prints what IKE and ESP did. Bad options, a missing or
 * busy interface, or no root: one line on stderr, exit 2.
 * \return the exit status
 */
int CommandLiveHost(const std::vector<std::string>& args);

} // namespace natt

#endif /* NATT_LIVE_HOST_H */
