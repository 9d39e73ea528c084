/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_TELECOMMUTER_BENCH_H
#define NATT_TELECOMMUTER_BENCH_H

#include <string>
#include <vector>

namespace natt
{

/**
 * `natt bench telecommuters` (issue 17, RFC 3715 3 at the scale the RFC
 * names): N hosts behind NAPTs set up IKE with NAT-T to gateways and send
 * one UDP packet a second through their tunnels; the same network without
 * NAT and IPsec runs first, in a forked child, for the ratio.
 * \param args the words after the benchmark's name (`--help` lists them)
 * \return 0 when every IKE SA came up and every packet was delivered, else 1
 */
int RunTelecommuterBenchmark(const std::vector<std::string>& args);

} // namespace natt

#endif /* NATT_TELECOMMUTER_BENCH_H */
