/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// GoogleTest entry point for natt's tests. ns-3's global state (the
// simulator, Config defaults) lives for the whole process, so each test that
// runs a simulation calls Simulator::Destroy itself.
#include <gtest/gtest.h>

int
main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
