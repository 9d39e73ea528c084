/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Out of an ns-3 tree there is no test.py: run natt's ns-3 TestSuites
// (test/*-test-suite.cc) through ns-3's own TestRunner, so CTest sees them.

#include "ns3/test.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace
{

int
RunSuite(const std::string& name)
{
    std::vector<std::string> args = {"test-runner", "--suite=" + name, "--verbose"};
    std::vector<char*> argv;
    for (auto& arg : args)
    {
        argv.push_back(arg.data());
    }
    int argc = static_cast<int>(argv.size());
    // TestRunner walks argv up to its terminating null, as main() gets it.
    argv.push_back(nullptr);
    return ns3::TestRunner::Run(argc, argv.data());
}

} // namespace

TEST(Ns3TestSuites, NattWirePasses)
{
    EXPECT_EQ(RunSuite("natt-wire"), 0);
}
