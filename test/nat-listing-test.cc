/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// `natt nats` lists the NAT presets from the model's registry.

#include "nat-listing.h"

#include "ns3/nat-presets.h"

#include <gtest/gtest.h>

using namespace natt;

TEST(NatListing, TextListsEveryPresetWithItsAttributes)
{
    std::string text = DescribeNatPresets(false);
    for (const auto& preset : ns3::NatPresets::GetAll())
    {
        EXPECT_NE(text.find(preset.name + "  " + preset.description), std::string::npos)
            << preset.name;
    }
    EXPECT_NE(text.find("    ns3::NatEngine::Isakmp = CookieInspecting\n"), std::string::npos);
    EXPECT_NE(text.find(std::to_string(ns3::NatPresets::GetAll().size()) + " presets\n"),
              std::string::npos);
}

TEST(NatListing, EachPresetShowsItsBehaviourObjectsAndTheirAttributes)
{
    std::string text = DescribeNatPresets(false);
    // symmetric: the enums' stock objects, read from an engine built from the preset.
    auto at = text.find("symmetric  ");
    ASSERT_NE(at, std::string::npos);
    std::string symmetric = text.substr(at, text.find("presets\n", at) - at);
    symmetric = symmetric.substr(0, symmetric.find("\n", symmetric.find("IsakmpHandler")));
    EXPECT_NE(symmetric.find("      MappingBehaviour = ns3::NatAddressAndPortDependentMapping\n"),
              std::string::npos)
        << symmetric;
    EXPECT_NE(symmetric.find("      PortAllocator = ns3::NatRandomPortAllocator\n"
                             "        Attempts = 32\n"),
              std::string::npos)
        << symmetric;
    EXPECT_NE(symmetric.find("        UdpMappingTimeout = 300s\n"), std::string::npos) << symmetric;
    EXPECT_NE(text.find("        Refresh = Bidirectional\n"), std::string::npos)
        << "full-cone's Refresh, an alias, reaches its timers object";
}

TEST(NatListing, JsonNamesTheAttributesAsSetTakesThem)
{
    std::string json = DescribeNatPresets(true);
    EXPECT_EQ(json.front(), '[');
    EXPECT_NE(json.find("{\"name\": \"symmetric\""), std::string::npos);
    EXPECT_NE(json.find("\"ns3::NatEngine::Mapping\": \"AddressAndPortDependent\""),
              std::string::npos);
    EXPECT_NE(json.find("\"behaviours\": {\"MappingBehaviour\": {\"type\": "
                        "\"ns3::NatAddressAndPortDependentMapping\", \"attributes\": {}}"),
              std::string::npos)
        << json;
}
