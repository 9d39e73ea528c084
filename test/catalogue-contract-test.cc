/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The catalogue against DESIGN section 5 and issue 6: every RFC 3715 entry
// and section 3 requirement is there, each has a variant that reproduces
// the problem and one that fixes it, the symptom codes are DESIGN's, the
// describe text and the manual cover every entry.

#include "catalogue.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>

using namespace natt;

namespace
{

/// DESIGN section 5: entry -> the symptom codes of its broken variants.
const std::map<std::string, std::set<std::string>>&
DesignTable()
{
    static const std::map<std::string, std::set<std::string>> table = {
        {"rfc3715-a", {"ah-icv-mismatch"}},
        {"rfc3715-b", {"l4-checksum-invalid"}},
        {"rfc3715-c", {"ike-id-mismatch"}},
        {"rfc3715-d", {"ike-reply-misrouted"}},
        {"rfc3715-e", {"spd-overlap-misdelivery"}},
        {"rfc3715-f", {"esp-misdelivered"}},
        {"rfc3715-g", {"embedded-address-unreachable"}},
        {"rfc3715-h", {"inbound-unsolicited-dropped"}},
        {"rfc3715-i", {"selector-mismatch"}},
        {"rfc3715-j", {"esp-dropped-by-nat"}},
        {"rfc3715-k", {"mapping-expired"}},
        {"rfc3715-l", {"fragment-id-collision", "fragment-dropped"}},
        {"rfc3715-m", {"ike-fragment-dropped"}},
        {"rfc3715-n", {"rekey-cookie-unknown"}},
        {"rfc3715-o", {"ike-port500-collision"}},
        {"rfc3715-p", {"isakmp-payload-rejected"}},
        {"rfc3715-spoof", {"spoof-accepted"}},
        // Section 3 requirements: DESIGN names no codes; any honest one.
        {"req-telecommuter-multi-nat", {}},
        {"req-gateway-behind-nat", {}},
        {"req-end-to-end", {}},
        {"req-many-behind-one-nat", {}},
        {"req-same-private-address", {}},
        {"req-firewall", {}},
        {"req-backward-compat", {}},
        {"req-rekey-bidirectional", {}},
        // The other seeds' systems: the symptoms of the rows that name them.
        {"sol-tunnel-mode",
         {"ah-icv-mismatch",
          "ike-id-mismatch",
          "selector-mismatch",
          "esp-dropped-by-nat",
          "ike-fragment-dropped",
          "mapping-expired"}},
        {"passthrough-router", {}},
        {"server-behind-nat", {"inbound-unsolicited-dropped", "server-behind-nat-refused"}},
        {"dnat-ports", {"port-outside-block"}},
        {"dnat-spi", {"spi-outside-block", "auth-failed"}},
        {"rfc4891-tunnel-sspd", {"spoofed-inner-accepted", "multicast-not-carried"}},
        {"sol-6to4", {"6to4-prefix-unreachable"}},
    };
    return table;
}

std::string
Manual()
{
    std::string text;
    for (const auto& item :
         std::filesystem::directory_iterator(std::string(NATT_SOURCE_DIR) + "/doc"))
    {
        if (item.path().extension() == ".rst")
        {
            std::ifstream in(item.path());
            std::ostringstream os;
            os << in.rdbuf();
            text += os.str();
        }
    }
    return text;
}

} // namespace

TEST(CatalogueContract, EveryDesignEntryIsThereInDesignOrder)
{
    std::vector<std::string> ids;
    for (const auto& entry : GetCatalogue())
    {
        ids.push_back(entry->GetId());
    }
    for (const auto& [id, symptoms] : DesignTable())
    {
        EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id << " is missing";
    }
    // Each entry's rank (catalogue.h, Registered) puts it where DESIGN
    // section 5 lists it, whatever order the linker saw the files in.
    const std::vector<std::string> designOrder = {
        "rfc3715-a",
        "rfc3715-b",
        "rfc3715-c",
        "rfc3715-d",
        "rfc3715-e",
        "rfc3715-f",
        "rfc3715-g",
        "rfc3715-h",
        "rfc3715-i",
        "rfc3715-j",
        "rfc3715-k",
        "rfc3715-l",
        "rfc3715-m",
        "rfc3715-n",
        "rfc3715-o",
        "rfc3715-p",
        "rfc3715-spoof",
        "req-telecommuter-multi-nat",
        "req-gateway-behind-nat",
        "req-end-to-end",
        "req-many-behind-one-nat",
        "req-same-private-address",
        "req-firewall",
        "req-backward-compat",
        "req-rekey-bidirectional",
        "sol-tunnel-mode",
        "dnat-ports",
        "dnat-spi",
        "rfc4891-tunnel-sspd",
        "passthrough-router",
        "server-behind-nat",
    };
    // Entries added later may stand between them, at the ranks left free.
    std::vector<std::string> listed;
    for (const auto& id : ids)
    {
        if (std::find(designOrder.begin(), designOrder.end(), id) != designOrder.end())
        {
            listed.push_back(id);
        }
    }
    EXPECT_EQ(listed, designOrder);
    std::vector<std::string> measurements;
    for (const auto& scenario : GetMeasurements())
    {
        measurements.push_back(scenario->GetId());
    }
    EXPECT_EQ(measurements.size(), 2u);
    EXPECT_EQ(measurements.front(), "encapsulation-overhead");
}

TEST(CatalogueContract, EachEntryReproducesAndFixes)
{
    for (const auto& entry : GetCatalogue())
    {
        SCOPED_TRACE(entry->GetId());
        EXPECT_FALSE(entry->GetTitle().empty());
        EXPECT_FALSE(entry->GetSource().empty());
        EXPECT_GT(entry->GetDescription().size(), 100u) << "describe needs a few sentences";
        std::set<std::string> names;
        bool fails = false;
        bool works = false;
        auto design = DesignTable().find(entry->GetId());
        for (const auto& variant : entry->GetVariants())
        {
            SCOPED_TRACE(variant.name);
            EXPECT_TRUE(names.insert(variant.name).second) << "duplicate variant";
            EXPECT_FALSE(variant.description.empty());
            EXPECT_EQ(variant.name.find_first_of(" _ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                      std::string::npos);
            if (variant.expected == "works")
            {
                works = true;
                EXPECT_EQ(variant.expectedSymptom, "none");
            }
            else
            {
                ASSERT_EQ(variant.expected, "fails");
                fails = true;
                EXPECT_NE(variant.expectedSymptom, "none");
                if (design != DesignTable().end() && !design->second.empty())
                {
                    EXPECT_TRUE(design->second.count(variant.expectedSymptom))
                        << variant.expectedSymptom << " is not DESIGN's code";
                }
            }
        }
        EXPECT_TRUE(fails) << "no variant reproduces the problem";
        EXPECT_TRUE(works) << "no variant applies a fix";
        for (const auto& parameter : entry->GetParameters())
        {
            EXPECT_EQ(parameter.Check(parameter.defaultValue), "") << parameter.name;
            EXPECT_FALSE(parameter.description.empty()) << parameter.name;
        }
    }
}

TEST(CatalogueContract, TheManualHasAParagraphPerEntry)
{
    std::string manual = Manual();
    for (const auto& entry : GetCatalogue())
    {
        EXPECT_NE(manual.find(entry->GetId()), std::string::npos)
            << entry->GetId() << " is not in doc/*.rst";
    }
}

TEST(CatalogueContract, FiveSweepsBehindThePlots)
{
    std::set<std::string> sweeps;
    for (const auto* list : {&GetCatalogue(), &GetMeasurements()})
    {
        for (const auto& scenario : *list)
        {
            for (const auto& sweep : scenario->GetSweeps())
            {
                EXPECT_FALSE(sweep.points.empty()) << sweep.name;
                EXPECT_TRUE(sweeps.insert(sweep.name).second) << sweep.name;
            }
        }
    }
    for (const char* name : {"rfc3715-k-keepalive",
                             "rfc3715-f-misdelivery",
                             "encapsulation-overhead",
                             "rfc3715-m-cert-chain",
                             "ike-setup"})
    {
        EXPECT_TRUE(sweeps.count(name)) << name;
    }
}
