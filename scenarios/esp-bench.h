/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_ESP_BENCH_H
#define NATT_ESP_BENCH_H

namespace natt
{

/**
 * `natt bench esp`: simulated packets per wall-clock second through two
 * hosts in ESP transport mode, for each transform, next to the same
 * topology and traffic without IPsec, measured in the same run; prints the
 * ratio. \return the exit status
 */
int RunEspBenchmark();

} // namespace natt

#endif /* NATT_ESP_BENCH_H */
