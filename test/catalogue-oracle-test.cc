/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Issue 6 and DESIGN sections 4 and 7 for the catalogue as a whole:
// - same seed, same settings: an entry run twice gives byte-identical rows,
//   pcaps and key files;
// - every pcap an entry writes opens in tshark without malformed packets or
//   expert errors, and the key files written next to it decrypt its ESP.

#include "catalogue.h"
#include "options.h"
#include "results.h"
#include "runner.h"
#include "shell-test-util.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

using namespace natt;
using ns3::RunShell;
namespace fs = std::filesystem;

namespace
{

const std::string kOutputDir = NATT_TEST_OUTPUT_DIR;

/// Every variant of \p id with pcaps into \p dir; \return the rows as JSON.
std::string
RunWithPcaps(const std::string& id, const std::string& dir, uint32_t seed)
{
    fs::remove_all(dir);
    fs::create_directories(dir);
    const Scenario* entry = FindScenario(id);
    EXPECT_NE(entry, nullptr) << id;
    if (!entry)
    {
        return "";
    }
    std::vector<RunRequest> requests;
    for (const auto& variant : entry->GetVariants())
    {
        RunRequest request;
        request.scenario = entry;
        request.context.variant = variant.name;
        request.context.seed = seed;
        request.context.parameters = ApplySets({}, entry);
        request.context.pcapDir = dir;
        requests.push_back(request);
    }
    return RowsToJson(RunIsolated(requests, 2));
}

std::string
ReadAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/// Relative path -> content of every file under \p dir.
std::map<std::string, std::string>
Files(const std::string& dir)
{
    std::map<std::string, std::string> files;
    for (const auto& item : fs::recursive_directory_iterator(dir))
    {
        if (item.is_regular_file())
        {
            files[fs::relative(item.path(), dir).string()] = ReadAll(item.path());
        }
    }
    return files;
}

/// Entries whose pcaps cover IKEv1, IKEv2, ESP-in-UDP, plain ESP and rekeys.
class CatalogueOracle : public testing::TestWithParam<std::string>
{
};

} // namespace

TEST_P(CatalogueOracle, SameSeedGivesIdenticalRowsAndPcaps)
{
    std::string id = GetParam();
    std::string a = kOutputDir + "/repro-" + id + "-a";
    std::string b = kOutputDir + "/repro-" + id + "-b";
    std::string rowsA = RunWithPcaps(id, a, 7);
    std::string rowsB = RunWithPcaps(id, b, 7);
    ASSERT_FALSE(rowsA.empty());
    EXPECT_EQ(rowsA, rowsB);
    auto filesA = Files(a);
    auto filesB = Files(b);
    ASSERT_FALSE(filesA.empty());
    std::size_t pcaps = 0;
    for (const auto& [name, content] : filesA)
    {
        pcaps += name.size() > 5 && name.substr(name.size() - 5) == ".pcap";
        auto other = filesB.find(name);
        ASSERT_NE(other, filesB.end()) << name;
        EXPECT_TRUE(content == other->second) << name << " differs between two runs";
    }
    EXPECT_EQ(filesA.size(), filesB.size());
    EXPECT_GT(pcaps, 0u);
}

TEST_P(CatalogueOracle, TsharkReadsEveryPcapAndDecryptsItsEsp)
{
    std::string id = GetParam();
    std::string dir = kOutputDir + "/oracle-" + id;
    ASSERT_FALSE(RunWithPcaps(id, dir, 1).empty());
    const Scenario* entry = FindScenario(id);
    ASSERT_NE(entry, nullptr);
    // natt's own dissectors (doc/wireshark): draft-stenberg, the DNAT allocation protocol.
    std::string wireshark = std::string(NATT_SOURCE_DIR) + "/doc/wireshark/";
    std::string lua = " -X lua_script:" + wireshark +
                      "draft-stenberg.lua -X lua_script:" + wireshark + "dnat-allocation.lua";
    uint64_t espFrames = 0;
    uint64_t decrypted = 0;
    for (const auto& variant : entry->GetVariants())
    {
        std::string prefix = id + "-" + variant.name;
        std::string keys = dir + "/" + prefix + "-keys";
        ASSERT_TRUE(fs::exists(keys + "/esp_sa")) << keys;
        for (const auto& item : fs::directory_iterator(dir))
        {
            std::string name = item.path().filename().string();
            if (name.rfind(prefix + "-", 0) != 0 || item.path().extension() != ".pcap" ||
                name.find("-keys") != std::string::npos)
            {
                continue;
            }
            // A variant's name may prefix another's: match this variant's files only.
            std::string rest = name.substr(prefix.size() + 1);
            bool other = false;
            for (const auto& v : entry->GetVariants())
            {
                if (v.name.size() > variant.name.size() &&
                    v.name.rfind(variant.name + "-", 0) == 0 &&
                    name.rfind(id + "-" + v.name + "-", 0) == 0)
                {
                    other = true;
                }
            }
            if (other)
            {
                continue;
            }
            // draft-stenberg's dissector is a UDP heuristic, which must run before
            // the ISAKMP dissector of port 500 (its own header says how to load it).
            std::string tshark = "WIRESHARK_CONFIG_DIR=" + keys + " /usr/bin/tshark -n" + lua +
                                 " -o udp.try_heuristic_first:TRUE -r " + item.path().string();
            // One pass per pcap: each frame's protocol stack, whether it
            // is malformed, and the severities of its expert infos. An
            // adversary's frames (hostile-peer) are malformed, replayed or
            // undecryptable on purpose; HostilePacketSource marks each with
            // DSCP 1 (and ICMP quoting one carries the mark inside), so
            // they are left out and every other frame is held to the rules.
            std::istringstream frames(
                RunShell(tshark + " -Y '!(ip.dsfield.dscp == 1)'" +
                         " -T fields -E separator=/t -E occurrence=a -E aggregator=, "
                         "-e frame.number -e frame.protocols -e _ws.malformed "
                         "-e _ws.expert.severity"));
            for (std::string line; std::getline(frames, line);)
            {
                std::vector<std::string> field;
                std::istringstream cells(line);
                for (std::string cell; std::getline(cells, cell, '\t');)
                {
                    field.push_back(cell);
                }
                field.resize(4);
                EXPECT_TRUE(field[2].empty()) << name << " frame " << field[0] << " is malformed";
                std::istringstream severities(field[3]);
                for (std::string severity; std::getline(severities, severity, ',');)
                {
                    // Wireshark's PI_ERROR is 0x00800000.
                    EXPECT_LT(std::stoul(severity, nullptr, 0), 0x00800000u)
                        << name << " frame " << field[0] << " has an expert error";
                }
                const std::string& stack = field[1];
                auto at = stack.find(":esp");
                if (at == std::string::npos)
                {
                    continue;
                }
                ++espFrames;
                // Decrypted ESP shows what it carried after "esp": the
                // inner UDP/TCP (transport mode) or IP (tunnel mode).
                if (at + 4 < stack.size())
                {
                    ++decrypted;
                }
            }
        }
    }
    EXPECT_GT(espFrames, 0u) << id << " wrote no ESP at all";
    if (id == "stenberg-encap")
    {
        // port-500-special-two-hosts hands one host's ESP to the other,
        // addressed to a host no SA of that SPI names: no key fits it.
        EXPECT_GT(decrypted, espFrames / 2) << id << ": ESP frames tshark could not decrypt";
        return;
    }
    EXPECT_EQ(decrypted, espFrames) << id << ": ESP frames tshark could not decrypt";
}

namespace
{

/// The entry's id as a test name: '-' is not allowed there.
std::string
TestName(const testing::TestParamInfo<std::string>& info)
{
    std::string name = info.param;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

} // namespace

// Plain ESP and ESP-in-UDP through NATs, tunnel mode, AH (rfc3715-a); IKEv1
// and IKEv2 (rfc3715-c), IKEv1 phase-1 rekeys (rfc3715-n), child and IKE SA
// rekeys from both sides (req-rekey-bidirectional); ESP and AH inside
// IP-in-IP (sol-rsip); ESP, AH and natt's DNAT allocation protocol through
// a DNAT router's tunnel (dnat-spi); IPv6 in protocol 41 with ESP and AH
// (sol-6to4); the honest side of an attack (hostile-peer, ike-init-flood:
// issue 14); ESP-in-UDP beside a NAT's refusals (nat-table-exhaustion);
// ESP-in-UDP before and after a NAT reboot or rebinding, sent to the old
// port and the new (nat-reboot, nat-rebinding).
INSTANTIATE_TEST_SUITE_P(Entries,
                         CatalogueOracle,
                         testing::Values("rfc3715-a",
                                         "rfc3715-b",
                                         "rfc3715-c",
                                         "rfc3715-j",
                                         "rfc3715-n",
                                         "rfc3715-spoof",
                                         "rfc4891-transport",
                                         "rfc4891-tunnel-sspd",
                                         "rfc4891-nat",
                                         "req-rekey-bidirectional",
                                         "sol-rsip",
                                         "dnat-spi",
                                         "sol-6to4",
                                         "hostile-peer",
                                         "ike-init-flood",
                                         "nat-table-exhaustion",
                                         "nat-reboot",
                                         "nat-rebinding"),
                         TestName);

// draft-stenberg's probe (payload 211), envelope, heartbeats and built-in
// NAT, read with doc/wireshark/draft-stenberg.lua (issue 13).
INSTANTIATE_TEST_SUITE_P(Stenberg,
                         CatalogueOracle,
                         testing::Values("stenberg-probe",
                                         "stenberg-encap",
                                         "stenberg-heartbeat",
                                         "stenberg-builtin-nat"),
                         TestName);
