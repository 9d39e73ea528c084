/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// natt's DNAT allocation protocol (doc/dnat.rst): known bytes laid out by
// hand after the figures in the header classes, round trips, and every
// kind of malformed input refused with its reason.

#include "wire-test-util.h"

#include "ns3/dnat-allocation-reply-header.h"
#include "ns3/dnat-allocation-request-header.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

// clang-format off
const std::vector<uint8_t> kRequest = {
    0x01, 0x01, 0x00, 0x18, // version 1, REQUEST, length 24
    0x00, 0x00, 0x12, 0x34, // transaction ID
    0x0a, 0x00, 0x00, 0x02, // host local address 10.0.0.2
    0x04, 0x00, 0x00, 0x00, // 1024 ports wanted, reserved
    0x00, 0x00, 0x01, 0x00, // 256 SPIs wanted
    0x00, 0x00, 0x00, 0x00, // lease ID (none yet)
};

const std::vector<uint8_t> kGrant = {
    0x01, 0x81, 0x00, 0x28, // version 1, GRANT, length 40
    0x00, 0x00, 0x12, 0x34, // transaction ID
    0xcb, 0x00, 0x71, 0x01, // router global address 203.0.113.1
    0x0a, 0x00, 0x00, 0x02, // host local address 10.0.0.2
    0x00, 0x00, 0x00, 0x07, // lease ID 7
    0x00, 0x00, 0x02, 0x58, // lease time 600 s
    0xc0, 0x00, 0xc3, 0xff, // ports 49152-50175
    0x00, 0x01, 0x00, 0x00, // first SPI 0x10000
    0x00, 0x01, 0x00, 0xff, // last SPI 0x100ff
    0x00, 0x00, 0x00, 0x00, // status OK, reserved
};

// clang-format on

std::vector<uint8_t>
Patched(std::vector<uint8_t> bytes, std::size_t offset, uint8_t value)
{
    bytes[offset] = value;
    return bytes;
}

} // namespace

TEST(DnatAllocationRequestHeader, KnownBytesAndRoundTrip)
{
    DnatAllocationRequestHeader h;
    h.SetType(DnatAllocationHeader::REQUEST);
    h.SetTransactionId(0x1234);
    h.SetHostAddress(Ipv4Address("10.0.0.2"));
    h.SetPortsWanted(1024);
    h.SetSpisWanted(256);
    EXPECT_EQ(SerializeHeader(h), kRequest);

    DnatAllocationRequestHeader back;
    ASSERT_EQ(DeserializeHeader(back, kRequest), 24u);
    EXPECT_EQ(back.GetType(), DnatAllocationHeader::REQUEST);
    EXPECT_EQ(back.GetTransactionId(), 0x1234u);
    EXPECT_EQ(back.GetHostAddress(), Ipv4Address("10.0.0.2"));
    EXPECT_EQ(back.GetPortsWanted(), 1024);
    EXPECT_EQ(back.GetSpisWanted(), 256u);
    EXPECT_EQ(back.GetLeaseId(), 0u);

    // RENEW names its lease.
    std::vector<uint8_t> renew = Patched(Patched(kRequest, 1, 0x02), 23, 0x07);
    ASSERT_EQ(DeserializeHeader(back, renew), 24u);
    EXPECT_EQ(back.GetType(), DnatAllocationHeader::RENEW);
    EXPECT_EQ(back.GetLeaseId(), 7u);
    EXPECT_EQ(SerializeHeader(back), renew);
}

TEST(DnatAllocationReplyHeader, KnownBytesAndRoundTrip)
{
    DnatAllocationReplyHeader h;
    h.SetType(DnatAllocationHeader::GRANT);
    h.SetTransactionId(0x1234);
    h.SetRouterAddress(Ipv4Address("203.0.113.1"));
    h.SetHostAddress(Ipv4Address("10.0.0.2"));
    h.SetLeaseId(7);
    h.SetLeaseSeconds(600);
    h.SetPorts(49152, 50175);
    h.SetSpis(0x10000, 0x100ff);
    EXPECT_EQ(SerializeHeader(h), kGrant);

    DnatAllocationReplyHeader back;
    ASSERT_EQ(DeserializeHeader(back, kGrant), 40u);
    EXPECT_EQ(back.GetType(), DnatAllocationHeader::GRANT);
    EXPECT_EQ(back.GetRouterAddress(), Ipv4Address("203.0.113.1"));
    EXPECT_EQ(back.GetHostAddress(), Ipv4Address("10.0.0.2"));
    EXPECT_EQ(back.GetLeaseId(), 7u);
    EXPECT_EQ(back.GetLeaseSeconds(), 600u);
    EXPECT_EQ(back.GetFirstPort(), 49152);
    EXPECT_EQ(back.GetLastPort(), 50175);
    EXPECT_EQ(back.GetFirstSpi(), 0x10000u);
    EXPECT_EQ(back.GetLastSpi(), 0x100ffu);
    EXPECT_EQ(back.GetStatus(), DnatAllocationReplyHeader::STATUS_OK);
    EXPECT_EQ(SerializeHeader(back), kGrant);

    DnatAllocationReplyHeader refused;
    refused.SetType(DnatAllocationHeader::REFUSED);
    refused.SetStatus(DnatAllocationReplyHeader::STATUS_NO_PORTS);
    ASSERT_EQ(DeserializeHeader(back, SerializeHeader(refused)), 40u);
    EXPECT_EQ(back.GetStatus(), DnatAllocationReplyHeader::STATUS_NO_PORTS);
}

TEST(DnatAllocationHeader, RefusesMalformedInputWithItsReason)
{
    DnatAllocationRequestHeader request;
    DnatAllocationReplyHeader reply;
    for (std::size_t n = 0; n < kRequest.size(); ++n)
    {
        std::vector<uint8_t> prefix(kRequest.begin(), kRequest.begin() + n);
        EXPECT_EQ(DeserializeHeader(request, prefix), 0u) << n << " bytes";
        EXPECT_EQ(request.GetParseError(), DnatAllocationHeader::PARSE_TRUNCATED) << n;
    }
    auto refused = [](DnatAllocationHeader& h, const std::vector<uint8_t>& bytes) {
        EXPECT_EQ(DeserializeHeader(h, bytes), 0u);
        return h.GetParseError();
    };
    EXPECT_EQ(refused(request, Patched(kRequest, 0, 2)), DnatAllocationHeader::PARSE_BAD_VERSION);
    EXPECT_EQ(refused(request, kGrant), DnatAllocationHeader::PARSE_WRONG_FAMILY);
    EXPECT_EQ(refused(reply, kRequest), DnatAllocationHeader::PARSE_WRONG_FAMILY);
    EXPECT_EQ(refused(request, Patched(kRequest, 1, 0x04)),
              DnatAllocationHeader::PARSE_WRONG_FAMILY);
    EXPECT_EQ(refused(request, Patched(kRequest, 3, 0x19)), DnatAllocationHeader::PARSE_BAD_LENGTH);
    // Reserved bits, a REQUEST naming a lease, a RENEW naming none.
    EXPECT_EQ(refused(request, Patched(kRequest, 15, 1)), DnatAllocationHeader::PARSE_BAD_FIELD);
    EXPECT_EQ(refused(request, Patched(kRequest, 23, 1)), DnatAllocationHeader::PARSE_BAD_FIELD);
    EXPECT_EQ(refused(request, Patched(kRequest, 1, 0x02)), DnatAllocationHeader::PARSE_BAD_FIELD);
    // A GRANT whose port range runs backwards, or with a non-OK status.
    EXPECT_EQ(refused(reply, Patched(kGrant, 24, 0xc4)), DnatAllocationHeader::PARSE_BAD_FIELD);
    EXPECT_EQ(refused(reply, Patched(kGrant, 36, 1)), DnatAllocationHeader::PARSE_BAD_FIELD);
    EXPECT_EQ(refused(reply, Patched(kGrant, 39, 1)), DnatAllocationHeader::PARSE_BAD_FIELD);
    // A refusal carries no ranges and a reason.
    EXPECT_EQ(refused(reply, Patched(kGrant, 1, 0x83)), DnatAllocationHeader::PARSE_BAD_FIELD);
    // The last good parse stays readable after a refusal.
    ASSERT_EQ(DeserializeHeader(reply, kGrant), 40u);
    EXPECT_EQ(refused(reply, Patched(kGrant, 0, 0)), DnatAllocationHeader::PARSE_BAD_VERSION);
    EXPECT_EQ(reply.GetType(), DnatAllocationHeader::GRANT);
    EXPECT_STREQ(DnatAllocationHeader::ParseErrorName(DnatAllocationHeader::PARSE_BAD_FIELD),
                 "bad-field");
}
