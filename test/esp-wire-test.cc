/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// ESP (RFC 4303), AH (RFC 4302) and the UDP encapsulation markers
// (RFC 3948): known-answer bytes written from the RFC figures, field by
// field parsing, round trips, and refusal of every truncation and of bad
// lengths and padding.

#include "wire-test-util.h"

#include "ns3/ah-header.h"
#include "ns3/esp-header.h"
#include "ns3/esp-trailer.h"
#include "ns3/nat-keepalive-header.h"
#include "ns3/udp-encap-non-esp-marker.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

/// The first \p n bytes of \p bytes.
std::vector<uint8_t>
Prefix(const std::vector<uint8_t>& bytes, std::size_t n)
{
    return std::vector<uint8_t>(bytes.begin(), bytes.begin() + n);
}

/// \p bytes without its first \p n bytes.
std::vector<uint8_t>
Suffix(const std::vector<uint8_t>& bytes, std::size_t n)
{
    return std::vector<uint8_t>(bytes.begin() + n, bytes.end());
}

} // namespace

// RFC 4303 2, Figure 1: SPI then sequence number, both 32 bits.
TEST(EspHeader, KnownBytes)
{
    EspHeader h;
    h.SetSpi(0x12345678);
    h.SetSequenceNumber(0x00000102);
    // clang-format off
    const std::vector<uint8_t> expected = {
        0x12, 0x34, 0x56, 0x78, // Security Parameters Index
        0x00, 0x00, 0x01, 0x02, // Sequence Number
    };
    // clang-format on
    EXPECT_EQ(SerializeHeader(h), expected);
    EspHeader back;
    ASSERT_EQ(DeserializeHeader(back, expected), 8u);
    EXPECT_EQ(back.GetSpi(), 0x12345678u);
    EXPECT_EQ(back.GetSequenceNumber(), 0x102u);
}

TEST(EspHeader, LeavesTheRestOpaque)
{
    // Header, then bytes that stand for IV, ciphertext and ICV.
    std::vector<uint8_t> bytes = FromHex("cafe0001 00000007 0011223344556677");
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    EspHeader h;
    ASSERT_EQ(p->RemoveHeader(h), 8u);
    EXPECT_EQ(h.GetSpi(), 0xcafe0001u);
    EXPECT_EQ(h.GetSequenceNumber(), 7u);
    EXPECT_EQ(PacketBytes(p), FromHex("0011223344556677"));
}

TEST(EspHeader, RejectsEveryTruncation)
{
    const std::vector<uint8_t> good = FromHex("12345678 00000001");
    for (std::size_t n = 0; n < good.size(); ++n)
    {
        EspHeader h;
        EXPECT_EQ(DeserializeHeader(h, Prefix(good, n)), 0u) << n << " bytes";
    }
}

// RFC 4303 2.4: five bytes of payload in a 16-byte cipher block need 9
// bytes of padding, numbered from 1.
TEST(EspTrailer, KnownBytes)
{
    EspTrailer t;
    t.SetPadLength(EspTrailer::ComputePadLength(5, 16));
    t.SetNextHeader(4); // IPv4: a tunnel-mode payload
    // clang-format off
    const std::vector<uint8_t> expected = {
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, // Padding, default content
        0x09,                                                 // Pad Length
        0x04,                                                 // Next Header
    };
    // clang-format on
    EXPECT_EQ(SerializeTrailer(t), expected);
    EspTrailer back;
    ASSERT_EQ(DeserializeTrailer(back, expected), 11u);
    EXPECT_EQ(back.GetParseError(), EspTrailer::PARSE_OK);
    EXPECT_EQ(back.GetPadLength(), 9);
    EXPECT_EQ(back.GetNextHeader(), 4);
    EXPECT_EQ(back.GetPadding(), EspTrailer::DefaultPadding(9));
}

TEST(EspTrailer, ReadsBackwardsAfterAPayload)
{
    // Payload "hello" (5 bytes), then the trailer of the test above.
    std::vector<uint8_t> bytes = {'h', 'e', 'l', 'l', 'o'};
    EspTrailer t;
    t.SetPadLength(9);
    t.SetNextHeader(17);
    std::vector<uint8_t> trailer = SerializeTrailer(t);
    bytes.insert(bytes.end(), trailer.begin(), trailer.end());
    EXPECT_EQ(bytes.size() % 16, 0u) << "payload and trailer fill whole blocks";

    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    EspTrailer back;
    ASSERT_EQ(p->RemoveTrailer(back), 11u);
    EXPECT_EQ(back.GetNextHeader(), 17);
    EXPECT_EQ(PacketBytes(p), (std::vector<uint8_t>{'h', 'e', 'l', 'l', 'o'}));
}

TEST(EspTrailer, NoPadding)
{
    EspTrailer t;
    t.SetPadLength(0);
    t.SetNextHeader(6);
    EXPECT_EQ(SerializeTrailer(t), FromHex("00 06"));
    EspTrailer back;
    EXPECT_EQ(DeserializeTrailer(back, FromHex("00 06")), 2u);
    EXPECT_EQ(back.GetNextHeader(), 6);
}

TEST(EspTrailer, ComputesPadLength)
{
    // Four-byte alignment alone (stream and counter modes, RFC 4303 2.4).
    EXPECT_EQ(EspTrailer::ComputePadLength(0, 1), 2);
    EXPECT_EQ(EspTrailer::ComputePadLength(1, 1), 1);
    EXPECT_EQ(EspTrailer::ComputePadLength(2, 0), 0);
    EXPECT_EQ(EspTrailer::ComputePadLength(3, 4), 3);
    // Block ciphers: 3DES (8 bytes) and AES-CBC (16 bytes).
    EXPECT_EQ(EspTrailer::ComputePadLength(5, 8), 1);
    EXPECT_EQ(EspTrailer::ComputePadLength(14, 16), 0);
    EXPECT_EQ(EspTrailer::ComputePadLength(15, 16), 15);
    EXPECT_EQ(EspTrailer::ComputePadLength(1000, 16), 6);
    // A block size that is not a multiple of 4 still ends 4-byte aligned.
    EXPECT_EQ(EspTrailer::ComputePadLength(0, 6), 10);
    for (uint32_t length = 0; length < 100; ++length)
    {
        for (uint32_t block : {1U, 4U, 8U, 16U})
        {
            uint32_t total = length + EspTrailer::ComputePadLength(length, block) + 2;
            EXPECT_EQ(total % std::max(block, 4U), 0u) << length << " " << block;
        }
    }
}

TEST(EspTrailer, RejectsBadPadding)
{
    // Pad length 3 but the padding reads 1, 2, 4.
    EspTrailer back;
    EXPECT_EQ(DeserializeTrailer(back, FromHex("010204 03 04")), 0u);
    EXPECT_EQ(back.GetParseError(), EspTrailer::PARSE_BAD_PADDING);
    // Zeros are not the default padding either.
    EXPECT_EQ(DeserializeTrailer(back, FromHex("0000 02 29")), 0u);
    EXPECT_EQ(back.GetParseError(), EspTrailer::PARSE_BAD_PADDING);
    // Padding written with SetPadding is sent as is and refused on receipt.
    EspTrailer odd;
    odd.SetPadding({0xaa, 0xbb});
    odd.SetNextHeader(17);
    std::vector<uint8_t> bytes = SerializeTrailer(odd);
    EXPECT_EQ(bytes, FromHex("aabb 02 11"));
    EXPECT_EQ(DeserializeTrailer(back, bytes), 0u);
    EXPECT_EQ(back.GetParseError(), EspTrailer::PARSE_BAD_PADDING);
}

TEST(EspTrailer, RejectsPadLengthBeyondTheData)
{
    EspTrailer back;
    EXPECT_EQ(DeserializeTrailer(back, FromHex("05 04")), 0u);
    EXPECT_EQ(back.GetParseError(), EspTrailer::PARSE_BAD_PAD_LENGTH);
    EXPECT_EQ(DeserializeTrailer(back, FromHex("01 02 03 ff 04")), 0u);
    EXPECT_EQ(back.GetParseError(), EspTrailer::PARSE_BAD_PAD_LENGTH);
}

TEST(EspTrailer, RejectsEveryTruncation)
{
    EspTrailer t;
    t.SetPadLength(9);
    t.SetNextHeader(4);
    const std::vector<uint8_t> good = SerializeTrailer(t);
    // The trailer is read from the end, so the bytes that go missing are
    // the first ones.
    for (std::size_t n = 1; n <= good.size(); ++n)
    {
        EspTrailer back;
        EXPECT_EQ(DeserializeTrailer(back, Suffix(good, n)), 0u) << n << " bytes missing";
        EXPECT_NE(back.GetParseError(), EspTrailer::PARSE_OK);
    }
    EspTrailer back;
    EXPECT_EQ(DeserializeTrailer(back, FromHex("04")), 0u);
    EXPECT_EQ(back.GetParseError(), EspTrailer::PARSE_TRUNCATED);
}

TEST(EspTrailer, DeserializeWithStartStopsThere)
{
    // Payload 01 02, then a trailer claiming two bytes of padding: the two-
    // iterator form must not count the payload as padding.
    std::vector<uint8_t> bytes = FromHex("0102 02 04");
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    buffer.Begin().Write(bytes.data(), bytes.size());
    Buffer::Iterator start = buffer.Begin();
    start.Next(2);
    EspTrailer t;
    EXPECT_EQ(t.Deserialize(start, buffer.End()), 0u);
    EXPECT_EQ(t.GetParseError(), EspTrailer::PARSE_BAD_PAD_LENGTH);
    EXPECT_EQ(t.Deserialize(buffer.Begin(), buffer.End()), 4u);
}

// RFC 4302 2, Figure 1, with a 96-bit ICV (HMAC-SHA1-96, RFC 2404).
TEST(AhHeader, KnownBytesSha1)
{
    AhHeader h;
    h.SetNextHeader(1); // ICMP
    h.SetSpi(0x00000100);
    h.SetSequenceNumber(7);
    h.SetIcv(std::vector<uint8_t>(12, 0xaa));
    const std::vector<uint8_t> expected = {
        0x01, 0x04, 0x00, 0x00, // Next Header, Payload Len (6 words - 2), RESERVED
        0x00, 0x00, 0x01, 0x00, // Security Parameters Index
        0x00, 0x00, 0x00, 0x07, // Sequence Number
        0xaa, 0xaa, 0xaa, 0xaa, // Integrity Check Value (12 bytes)
        0xaa, 0xaa, 0xaa, 0xaa, //
        0xaa, 0xaa, 0xaa, 0xaa, //
    };
    EXPECT_EQ(h.GetPayloadLength(), 4);
    EXPECT_EQ(SerializeHeader(h), expected);
    AhHeader back;
    ASSERT_EQ(DeserializeHeader(back, expected), 24u);
    EXPECT_EQ(back.GetNextHeader(), 1);
    EXPECT_EQ(back.GetPayloadLength(), 4);
    EXPECT_EQ(back.GetReserved(), 0);
    EXPECT_EQ(back.GetSpi(), 0x100u);
    EXPECT_EQ(back.GetSequenceNumber(), 7u);
    EXPECT_EQ(back.GetIcv(), std::vector<uint8_t>(12, 0xaa));
}

// HMAC-SHA-256-128 (RFC 4868): a 128-bit ICV makes 7 words, payload length 5.
TEST(AhHeader, KnownBytesSha256)
{
    AhHeader h;
    h.SetNextHeader(17);
    h.SetSpi(0xdeadbeef);
    h.SetSequenceNumber(1);
    std::vector<uint8_t> icv(16);
    for (std::size_t k = 0; k < icv.size(); ++k)
    {
        icv[k] = static_cast<uint8_t>(k);
    }
    h.SetIcv(icv);
    std::vector<uint8_t> expected = FromHex("11 05 0000 deadbeef 00000001");
    expected.insert(expected.end(), icv.begin(), icv.end());
    EXPECT_EQ(SerializeHeader(h), expected);
    AhHeader back;
    ASSERT_EQ(DeserializeHeader(back, expected), 28u);
    EXPECT_EQ(back.GetIcv(), icv);
    EXPECT_EQ(SerializeHeader(back), expected);
}

TEST(AhHeader, PadsTheIcvToWholeWords)
{
    AhHeader h;
    h.SetIcv(std::vector<uint8_t>(10, 0x55));
    EXPECT_EQ(h.GetIcv().size(), 12u);
    EXPECT_EQ(h.GetIcv()[10], 0);
    EXPECT_EQ(h.GetSerializedSize() % 4, 0u);
    h.ZeroIcv();
    EXPECT_EQ(h.GetIcv(), std::vector<uint8_t>(12, 0));
}

TEST(AhHeader, KeepsReservedAndTheRest)
{
    // A reserved field that is not zero is ignored (RFC 4302 2.3), kept so
    // that the header writes back as it came, and the payload stays.
    std::vector<uint8_t> bytes = FromHex("32 01 abcd 00000001 00000002 ffff");
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    AhHeader h;
    ASSERT_EQ(p->RemoveHeader(h), 12u);
    EXPECT_EQ(h.GetReserved(), 0xabcd);
    EXPECT_TRUE(h.GetIcv().empty());
    EXPECT_EQ(PacketBytes(p), FromHex("ffff"));
    EXPECT_EQ(SerializeHeader(h), FromHex("32 01 abcd 00000001 00000002"));
}

TEST(AhHeader, RejectsBadLengths)
{
    AhHeader h;
    // Payload length 0 says 8 bytes, shorter than the fixed part.
    EXPECT_EQ(DeserializeHeader(h, FromHex("01 00 0000 00000001 00000001 aabbccdd")), 0u);
    // Payload length 4 says 24 bytes; only 20 are there.
    EXPECT_EQ(DeserializeHeader(h, FromHex("01 04 0000 00000001 00000001 aabbccdd 11223344")), 0u);
    // The largest length field, 255, with a short packet.
    EXPECT_EQ(DeserializeHeader(h, FromHex("01 ff 0000 00000001 00000001")), 0u);
}

TEST(AhHeader, RejectsEveryTruncation)
{
    AhHeader h;
    h.SetNextHeader(6);
    h.SetSpi(0x1000);
    h.SetIcv(std::vector<uint8_t>(12, 0x11));
    const std::vector<uint8_t> good = SerializeHeader(h);
    for (std::size_t n = 0; n < good.size(); ++n)
    {
        AhHeader back;
        EXPECT_EQ(DeserializeHeader(back, Prefix(good, n)), 0u) << n << " bytes";
    }
}

// RFC 3948 2.2: the non-ESP marker is four zero bytes.
TEST(UdpEncapNonEspMarker, KnownBytes)
{
    UdpEncapNonEspMarker m;
    EXPECT_EQ(SerializeHeader(m), FromHex("00000000"));
    EXPECT_EQ(DeserializeHeader(m, FromHex("00000000")), 4u);
    EXPECT_EQ(DeserializeHeader(m, FromHex("00000000 1234")), 4u);
}

TEST(UdpEncapNonEspMarker, RejectsEspAndTruncation)
{
    UdpEncapNonEspMarker m;
    // An ESP SPI, even one with a single bit set, is not the marker.
    EXPECT_EQ(DeserializeHeader(m, FromHex("00000001 00000001")), 0u);
    EXPECT_EQ(DeserializeHeader(m, FromHex("80000000")), 0u);
    for (std::size_t n = 0; n < 4; ++n)
    {
        EXPECT_EQ(DeserializeHeader(m, std::vector<uint8_t>(n, 0)), 0u) << n << " bytes";
    }
}

// RFC 3948 2.3: the NAT-keepalive is the single byte 0xFF.
TEST(NatKeepaliveHeader, KnownBytes)
{
    NatKeepaliveHeader k;
    EXPECT_EQ(SerializeHeader(k), FromHex("ff"));
    EXPECT_EQ(DeserializeHeader(k, FromHex("ff")), 1u);
}

TEST(NatKeepaliveHeader, RejectsOtherBytes)
{
    NatKeepaliveHeader k;
    EXPECT_EQ(DeserializeHeader(k, {}), 0u);
    for (int byte = 0; byte < 0xff; ++byte)
    {
        EXPECT_EQ(DeserializeHeader(k, {static_cast<uint8_t>(byte)}), 0u) << byte;
    }
}

TEST(WireHeaders, PrintOnOneLine)
{
    EspHeader esp;
    esp.SetSpi(0xabc);
    EspTrailer trailer;
    trailer.SetPadLength(2);
    AhHeader ah;
    ah.SetIcv({1, 2, 3, 4});
    UdpEncapNonEspMarker marker;
    NatKeepaliveHeader keepalive;
    for (const Chunk* chunk :
         std::initializer_list<const Chunk*>{&esp, &trailer, &ah, &marker, &keepalive})
    {
        std::ostringstream os;
        chunk->Print(os);
        EXPECT_FALSE(os.str().empty());
        EXPECT_EQ(os.str().find('\n'), std::string::npos) << os.str();
    }
    std::ostringstream os;
    esp.Print(os);
    EXPECT_EQ(os.str(), "ESP spi=0x00000abc seq=0");
}
