/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// draft-stenberg-ipsec-nat-traversal-00: the IPv4 envelope (3.2, Figure 3)
// and the heartbeat (3.3.1, Figure 5), from bytes laid out by hand after
// the figures.

#include "wire-test-util.h"

#include "ns3/ike-message.h"
#include "ns3/stenberg-envelope-header.h"
#include "ns3/stenberg-heartbeat-header.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

std::vector<uint8_t>
Prefix(const std::vector<uint8_t>& bytes, std::size_t n)
{
    return std::vector<uint8_t>(bytes.begin(), bytes.begin() + n);
}

// Figure 3, for an ESP packet from 192.0.2.1 with DF set and no options.
// clang-format off
const std::vector<uint8_t> kEnvelope = {
    0x01, 0x05, 0x10, 0x32, // NAT-T version (IPv4 encapsulation), IP4 hlen, ToS, protocol (ESP)
    0x12, 0x34, 0x40, 0x00, // IP4 ID, IP4 frag_offset (flags DF, offset 0)
    0xc0, 0x00, 0x02, 0x01, // IP4 src 192.0.2.1
    0x00, 0x00, 0x00, 0x00, // unused
    0x00, 0x00,             // unused, 0 (IKE version)
};
// clang-format on

// Figure 5, a ping.
// clang-format off
const std::vector<uint8_t> kHeartbeat = {
    0x02, 0x01, 0x00, 0x00, // NAT-T version (heartbeat), HB flag (ping), unused
    0x00, 0x00, 0x00, 0x00, // unused
    0x00, 0x00, 0x00, 0x00, // unused
    0x00, 0x00, 0x00, 0x00, // unused
    0x00, 0x00,             // unused, 0 (IKE version)
};

// clang-format on

std::vector<uint8_t>
Patched(std::vector<uint8_t> bytes, std::size_t offset, uint8_t value)
{
    bytes[offset] = value;
    return bytes;
}

uint8_t
PeekType(const std::vector<uint8_t>& bytes)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    buffer.Begin().Write(bytes.data(), bytes.size());
    return StenbergEnvelopeHeader::PeekType(buffer.Begin());
}

} // namespace

TEST(StenbergEnvelopeHeader, KnownBytes)
{
    StenbergEnvelopeHeader h;
    h.SetTos(0x10);
    h.SetProtocol(50);
    h.SetIdentification(0x1234);
    h.SetFragmentField(0x4000);
    h.SetSource(Ipv4Address("192.0.2.1"));
    EXPECT_EQ(h.GetSerializedSize(), 18u);
    EXPECT_EQ(SerializeHeader(h), kEnvelope);

    StenbergEnvelopeHeader back;
    ASSERT_EQ(DeserializeHeader(back, kEnvelope), 18u);
    EXPECT_EQ(back.GetParseError(), StenbergEnvelopeHeader::PARSE_OK);
    EXPECT_EQ(back.GetHeaderLength(), 5);
    EXPECT_EQ(back.GetTos(), 0x10);
    EXPECT_EQ(back.GetProtocol(), 50);
    EXPECT_EQ(back.GetIdentification(), 0x1234);
    EXPECT_EQ(back.GetFragmentField(), 0x4000);
    EXPECT_EQ(back.GetSource(), Ipv4Address("192.0.2.1"));
    EXPECT_TRUE(back.GetLeftovers().empty());
}

TEST(StenbergEnvelopeHeader, CarriesHeaderLeftovers)
{
    // hlen 6: one word of IPv4 options (Router Alert, RFC 2113) follows.
    StenbergEnvelopeHeader h;
    h.SetProtocol(51);
    h.SetSource(Ipv4Address("10.0.0.2"));
    h.SetLeftovers({0x94, 0x04, 0x00, 0x00});
    std::vector<uint8_t> expected = FromHex("01 06 00 33  0000 0000  0a000002  00000000 00 00"
                                            "94040000");
    EXPECT_EQ(h.GetHeaderLength(), 6);
    EXPECT_EQ(SerializeHeader(h), expected);

    StenbergEnvelopeHeader back;
    ASSERT_EQ(DeserializeHeader(back, expected), 22u);
    EXPECT_EQ(back.GetLeftovers(), (std::vector<uint8_t>{0x94, 0x04, 0x00, 0x00}));
    EXPECT_EQ(SerializeHeader(back), expected);

    // The ESP packet after the envelope stays in the packet.
    std::vector<uint8_t> withEsp = expected;
    withEsp.insert(withEsp.end(), {0x00, 0x00, 0x10, 0x01});
    Ptr<Packet> p = Create<Packet>(withEsp.data(), withEsp.size());
    ASSERT_EQ(p->RemoveHeader(back), 22u);
    EXPECT_EQ(PacketBytes(p), FromHex("00001001"));
}

TEST(StenbergEnvelopeHeader, IgnoresUnusedBytes)
{
    std::vector<uint8_t> bytes = kEnvelope;
    for (std::size_t k = 12; k < 17; ++k)
    {
        bytes[k] = 0xee;
    }
    StenbergEnvelopeHeader back;
    ASSERT_EQ(DeserializeHeader(back, bytes), 18u);
    EXPECT_EQ(SerializeHeader(back), kEnvelope) << "unused bytes are written as zero";
}

// The point of byte 17: an IKE receiver sees version 0 and refuses the packet.
TEST(StenbergEnvelopeHeader, IsInvalidIke)
{
    std::vector<uint8_t> bytes = kEnvelope;
    bytes.resize(28 + 8, 0x01); // as long as an ISAKMP header and a bit of ESP
    IkeMessage ike;
    EXPECT_EQ(DeserializeHeader(ike, bytes), 0u);
    EXPECT_EQ(ike.GetParseError(), IkeMessage::PARSE_BAD_VERSION);
}

TEST(StenbergEnvelopeHeader, RejectsEveryTruncation)
{
    for (std::size_t n = 0; n < kEnvelope.size(); ++n)
    {
        StenbergEnvelopeHeader back;
        EXPECT_EQ(DeserializeHeader(back, Prefix(kEnvelope, n)), 0u) << n << " bytes";
        EXPECT_EQ(back.GetParseError(), StenbergEnvelopeHeader::PARSE_TRUNCATED);
    }
    // hlen 7 promises 8 bytes of leftovers; 4 are there.
    std::vector<uint8_t> shortLeftovers = Patched(kEnvelope, 1, 7);
    shortLeftovers.insert(shortLeftovers.end(), {1, 2, 3, 4});
    StenbergEnvelopeHeader back;
    EXPECT_EQ(DeserializeHeader(back, shortLeftovers), 0u);
    EXPECT_EQ(back.GetParseError(), StenbergEnvelopeHeader::PARSE_TRUNCATED);
}

TEST(StenbergEnvelopeHeader, RejectsOtherTypesAndIke)
{
    StenbergEnvelopeHeader back;
    // Undefined types are dropped (draft 3.2), and a heartbeat is not an envelope.
    for (uint8_t type : {0, 2, 3, 0xff})
    {
        EXPECT_EQ(DeserializeHeader(back, Patched(kEnvelope, 0, type)), 0u) << +type;
        EXPECT_EQ(back.GetParseError(), StenbergEnvelopeHeader::PARSE_UNKNOWN_TYPE);
    }
    // A non-zero byte 17 is an ISAKMP version: IKE, not NAT-T.
    EXPECT_EQ(DeserializeHeader(back, Patched(kEnvelope, 17, 0x10)), 0u);
    EXPECT_EQ(back.GetParseError(), StenbergEnvelopeHeader::PARSE_NOT_NATT);
}

TEST(StenbergEnvelopeHeader, RejectsBadHeaderLength)
{
    StenbergEnvelopeHeader back;
    for (uint8_t hlen : {0, 4, 16, 0xff})
    {
        std::vector<uint8_t> bytes = Patched(kEnvelope, 1, hlen);
        bytes.resize(bytes.size() + 64, 0);
        EXPECT_EQ(DeserializeHeader(back, bytes), 0u) << +hlen;
        EXPECT_EQ(back.GetParseError(), StenbergEnvelopeHeader::PARSE_BAD_HEADER_LENGTH);
    }
}

TEST(StenbergHeartbeatHeader, KnownBytes)
{
    StenbergHeartbeatHeader h;
    h.SetFlag(StenbergHeartbeatHeader::FLAG_HEARTBEAT_PING);
    EXPECT_EQ(SerializeHeader(h), kHeartbeat);

    StenbergHeartbeatHeader back;
    ASSERT_EQ(DeserializeHeader(back, kHeartbeat), 18u);
    EXPECT_TRUE(back.IsPing());
    EXPECT_FALSE(back.IsReply());

    std::vector<uint8_t> reply = Patched(kHeartbeat, 1, 0x02);
    h.SetFlag(StenbergHeartbeatHeader::FLAG_HEARTBEAT_REPLY);
    EXPECT_EQ(SerializeHeader(h), reply);
    ASSERT_EQ(DeserializeHeader(back, reply), 18u);
    EXPECT_TRUE(back.IsReply());
}

TEST(StenbergHeartbeatHeader, AcceptsUnknownFlagsForTheCallerToIgnore)
{
    StenbergHeartbeatHeader back;
    ASSERT_EQ(DeserializeHeader(back, Patched(kHeartbeat, 1, 0x07)), 18u);
    EXPECT_EQ(back.GetFlag(), 0x07);
    EXPECT_FALSE(back.IsPing());
    EXPECT_FALSE(back.IsReply());
}

TEST(StenbergHeartbeatHeader, Rejects)
{
    StenbergHeartbeatHeader back;
    for (std::size_t n = 0; n < kHeartbeat.size(); ++n)
    {
        EXPECT_EQ(DeserializeHeader(back, Prefix(kHeartbeat, n)), 0u) << n << " bytes";
        EXPECT_EQ(back.GetParseError(), StenbergEnvelopeHeader::PARSE_TRUNCATED);
    }
    EXPECT_EQ(DeserializeHeader(back, kEnvelope), 0u);
    EXPECT_EQ(back.GetParseError(), StenbergEnvelopeHeader::PARSE_UNKNOWN_TYPE);
    EXPECT_EQ(DeserializeHeader(back, Patched(kHeartbeat, 17, 0x20)), 0u);
    EXPECT_EQ(back.GetParseError(), StenbergEnvelopeHeader::PARSE_NOT_NATT);
}

TEST(StenbergEnvelopeHeader, PeekTypeTellsNattFromIke)
{
    EXPECT_EQ(PeekType(kEnvelope), StenbergEnvelopeHeader::TYPE_IPV4_ENCAPSULATION);
    EXPECT_EQ(PeekType(kHeartbeat), StenbergEnvelopeHeader::TYPE_HEARTBEAT);
    EXPECT_EQ(PeekType(Prefix(kHeartbeat, 17)), 0);

    IkeMessage ike;
    ike.GetHeader().SetMajorVersion(1);
    ike.GetHeader().SetInitiatorSpi(0x0100000000000000ULL); // byte 0 would read as type 1
    EXPECT_EQ(PeekType(SerializeHeader(ike)), 0) << "an ISAKMP version byte is never zero";
}

TEST(StenbergEnvelopeHeader, PrintOnOneLine)
{
    StenbergEnvelopeHeader h;
    h.SetSource(Ipv4Address("192.0.2.1"));
    std::ostringstream os;
    h.Print(os);
    EXPECT_EQ(os.str(), "NAT-T-envelope hlen=5 tos=0x0 proto=50 id=0 frag=0x0000 src=192.0.2.1");
    StenbergHeartbeatHeader hb;
    std::ostringstream os2;
    hb.Print(os2);
    EXPECT_EQ(os2.str(), "NAT-T-heartbeat flag=1 (ping)");
}
