/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_SHELL_TEST_UTIL_H
#define NATT_SHELL_TEST_UTIL_H

// Running the external oracles (tshark) from tests.

#include <cstdio>
#include <string>

namespace ns3
{

/// Run \p command through the shell; \return its standard output (standard error is discarded).
inline std::string
RunShell(const std::string& command)
{
    std::string out;
    FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe)
    {
        return out;
    }
    char chunk[4096];
    std::size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), pipe)) > 0)
    {
        out.append(chunk, n);
    }
    pclose(pipe);
    return out;
}

} // namespace ns3

#endif /* NATT_SHELL_TEST_UTIL_H */
