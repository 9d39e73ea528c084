/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The tshark oracle shared by the IPsec captures (DESIGN section 7): a
// capture is decrypted with nothing but the `esp_sa` and `preferences`
// files natt writes next to it, and must show UDP / TCP inside every ESP
// frame, with no malformed packet and no expert warning.
#ifndef NATT_IPSEC_TSHARK_UTIL_H
#define NATT_IPSEC_TSHARK_UTIL_H

#include "shell-test-util.h"

#include "ns3/ipsec-helper.h"
#include "ns3/node-container.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

namespace natt_test
{

struct Dissection
{
    uint32_t espFrames{0};
    uint32_t decrypted{0}; ///< ESP frames showing UDP or TCP inside
    std::string problems;
    std::string sample;
};

/**
 * tshark with the key folder as its whole configuration, on
 * NATT_TEST_OUTPUT_DIR/<stem>.pcap; the keys go to <stem>-keys/ and the
 * full dissection to <stem>.txt.
 */
inline Dissection
Dissect(const std::string& stem, ns3::NodeContainer nodes)
{
    std::string base = std::string(NATT_TEST_OUTPUT_DIR) + "/" + stem;
    std::string keys = base + "-keys";
    std::filesystem::remove_all(keys);
    EXPECT_TRUE(ns3::IpsecHelper::WriteWiresharkProfile(keys, nodes));
    std::string tshark =
        "WIRESHARK_CONFIG_DIR=" + keys + " /usr/bin/tshark -n -r " + base + ".pcap";
    std::ofstream(base + ".txt") << RunShell(tshark + " -V");
    Dissection d;
    std::istringstream lines(RunShell(tshark + " -T fields -e frame.protocols"));
    std::string line;
    while (std::getline(lines, line))
    {
        if (line.find(":esp") == std::string::npos)
        {
            continue;
        }
        ++d.espFrames;
        std::string inner = line.substr(line.find(":esp"));
        if (inner.find(":udp") != std::string::npos || inner.find(":tcp") != std::string::npos)
        {
            ++d.decrypted;
        }
        else if (d.sample.empty())
        {
            d.sample = line;
        }
    }
    d.problems = RunShell(tshark + " -Y '_ws.malformed || _ws.expert.severity >= warning'" +
                          " -T fields -e frame.number -e _ws.expert.message");
    return d;
}

inline void
ExpectDecrypted(const Dissection& d, uint32_t atLeast)
{
    EXPECT_GE(d.espFrames, atLeast);
    EXPECT_EQ(d.decrypted, d.espFrames) << "not decrypted, e.g.: " << d.sample;
    EXPECT_EQ(d.problems, "") << "malformed frames or expert warnings";
}

} // namespace natt_test

#endif /* NATT_IPSEC_TSHARK_UTIL_H */
