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

TEST(NatListing, JsonNamesTheAttributesAsSetTakesThem)
{
    std::string json = DescribeNatPresets(true);
    EXPECT_EQ(json.front(), '[');
    EXPECT_NE(json.find("{\"name\": \"symmetric\""), std::string::npos);
    EXPECT_NE(json.find("\"ns3::NatEngine::Mapping\": \"AddressAndPortDependent\""),
              std::string::npos);
}
