/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_BENCH_H
#define NATT_NAT_BENCH_H

namespace natt
{

/**
 * `natt bench nat`: packets translated per wall-clock second and heap bytes
 * per mapping with 1, 1,000 and 100,000 live mappings, driving the NAT
 * engine directly (no simulated links). \return the exit status
 */
int RunNatBenchmark();

} // namespace natt

#endif /* NATT_NAT_BENCH_H */
