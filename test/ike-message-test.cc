/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "wire-test-util.h"

#include "ns3/ike-message.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/isakmp-header.h"

#include <gtest/gtest.h>

using namespace ns3;

// RFC 7296 3.1 figure: a 28-byte header; values chosen so every field is
// distinguishable in the bytes.
TEST(IsakmpHeader, KnownBytes)
{
    IsakmpHeader h;
    h.SetInitiatorSpi(0x0102030405060708ULL);
    h.SetResponderSpi(0x1112131415161718ULL);
    h.SetNextPayload(IKEV2_PAYLOAD_SA);
    h.SetMajorVersion(2);
    h.SetMinorVersion(0);
    h.SetExchangeType(IsakmpHeader::IKEV2_IKE_SA_INIT);
    h.SetFlags(IsakmpHeader::IKEV2_INITIATOR);
    h.SetMessageId(0);
    h.SetLength(28);
    const std::vector<uint8_t> expected = {
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, // IKE SA initiator's SPI
        0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, // IKE SA responder's SPI
        33,   0x20, 34,   0x08,                         // next, version, exchange, flags
        0x00, 0x00, 0x00, 0x00,                         // message ID
        0x00, 0x00, 0x00, 0x1c,                         // length
    };
    EXPECT_EQ(SerializeHeader(h), expected);
    IsakmpHeader back;
    ASSERT_EQ(DeserializeHeader(back, expected), 28u);
    EXPECT_EQ(back.GetInitiatorSpi(), 0x0102030405060708ULL);
    EXPECT_EQ(back.GetResponderSpi(), 0x1112131415161718ULL);
    EXPECT_EQ(back.GetMajorVersion(), 2);
    EXPECT_EQ(back.GetExchangeType(), IsakmpHeader::IKEV2_IKE_SA_INIT);
    EXPECT_TRUE(back.HasFlag(IsakmpHeader::IKEV2_INITIATOR));
    EXPECT_EQ(back.GetLength(), 28u);
}

TEST(IsakmpHeader, RejectsTruncated)
{
    std::vector<uint8_t> bytes(27, 0);
    IsakmpHeader h;
    EXPECT_EQ(DeserializeHeader(h, bytes), 0u);
}

TEST(IkeMessage, ChainLinksAndLength)
{
    IkeMessage m;
    m.GetHeader().SetMajorVersion(2);
    auto nonce = std::make_unique<IkeNoncePayload>(2);
    nonce->SetData(std::vector<uint8_t>(16, 0xab));
    m.AddPayload(std::move(nonce));
    auto vid = std::make_unique<IkeVendorIdPayload>(2);
    vid->SetData({'n', 'a', 't', 't'});
    m.AddPayload(std::move(vid));
    std::vector<uint8_t> bytes = SerializeHeader(m);
    ASSERT_EQ(bytes.size(), 28u + 20u + 8u);
    EXPECT_EQ(bytes[16], IKEV2_PAYLOAD_NONCE) << "header names the first payload";
    EXPECT_EQ(bytes[28], IKEV2_PAYLOAD_VENDOR_ID) << "nonce names the vendor ID next";
    EXPECT_EQ(bytes[48], IKE_PAYLOAD_NONE) << "the last payload ends the chain";
    EXPECT_EQ(bytes[27], 56) << "length covers the whole message";

    IkeMessage back;
    ASSERT_EQ(DeserializeHeader(back, bytes), bytes.size());
    ASSERT_EQ(back.GetPayloads().size(), 2u);
    const auto* v = back.Find<IkeVendorIdPayload>(IKEV2_PAYLOAD_VENDOR_ID);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->GetData(), (std::vector<uint8_t>{'n', 'a', 't', 't'}));
    EXPECT_EQ(SerializeHeader(back), bytes) << "a parsed message writes back the same bytes";
}

TEST(IkeMessage, RejectsMalformed)
{
    IkeMessage m;
    m.GetHeader().SetMajorVersion(2);
    auto nonce = std::make_unique<IkeNoncePayload>(2);
    nonce->SetData(std::vector<uint8_t>(16, 0xab));
    m.AddPayload(std::move(nonce));
    const std::vector<uint8_t> good = SerializeHeader(m);

    IkeMessage back;
    std::vector<uint8_t> truncated(good.begin(), good.end() - 1);
    EXPECT_EQ(DeserializeHeader(back, truncated), 0u);
    EXPECT_EQ(back.GetParseError(), IkeMessage::PARSE_TRUNCATED);

    std::vector<uint8_t> overrun = good;
    overrun[28 + 3] = 0xff; // payload length beyond the message
    EXPECT_EQ(DeserializeHeader(back, overrun), 0u);
    EXPECT_NE(back.GetParseError(), IkeMessage::PARSE_OK);

    std::vector<uint8_t> shortLength = good;
    shortLength[28 + 3] = 3; // below the generic header's own size
    EXPECT_EQ(DeserializeHeader(back, shortLength), 0u);

    std::vector<uint8_t> badVersion = good;
    badVersion[17] = 0x30;
    EXPECT_EQ(DeserializeHeader(back, badVersion), 0u);
    EXPECT_EQ(back.GetParseError(), IkeMessage::PARSE_BAD_VERSION);

    // An unknown payload marked critical must be refused (RFC 7296 2.5) ...
    std::vector<uint8_t> critical = good;
    critical[16] = 200;      // header: first payload is of unknown type 200
    critical[28 + 1] = 0x80; // critical bit
    EXPECT_EQ(DeserializeHeader(back, critical), 0u);
    EXPECT_EQ(back.GetParseError(), IkeMessage::PARSE_UNSUPPORTED_CRITICAL_PAYLOAD);
    // ... and kept as opaque bytes when it is not.
    critical[28 + 1] = 0x00;
    EXPECT_EQ(DeserializeHeader(back, critical), critical.size());
    ASSERT_EQ(back.GetPayloads().size(), 1u);
    EXPECT_EQ(back.GetPayloads()[0]->GetPayloadType(), 200);
}

TEST(IkeMessage, TellsTruncatedFromMalformedLastPayload)
{
    IkeMessage m;
    m.GetHeader().SetMajorVersion(2);
    auto skf = std::make_unique<Ikev2EncryptedFragmentPayload>();
    skf->SetFragmentNumber(1);
    skf->SetTotalFragments(3);
    skf->SetData(std::vector<uint8_t>(32, 0x5a));
    m.AddPayload(std::move(skf));
    std::vector<uint8_t> bytes = SerializeHeader(m);
    IkeMessage back;
    ASSERT_EQ(DeserializeHeader(back, bytes), bytes.size());

    // Fragment number 4 of 3 (RFC 7383 2.6.1): all bytes are there, the body is wrong.
    bytes[28 + 4 + 1] = 4;
    EXPECT_EQ(DeserializeHeader(back, bytes), 0u);
    EXPECT_EQ(back.GetParseError(), IkeMessage::PARSE_MALFORMED_PAYLOAD);
    EXPECT_EQ(back.GetParseErrorPayloadType(), IKEV2_PAYLOAD_SKF);
}

TEST(IkePayload, GivesItsBodyWithoutTheGenericHeader)
{
    IkeNoncePayload nonce(2);
    nonce.SetData({1, 2, 3});
    EXPECT_EQ(nonce.GetBodyBytes(), (std::vector<uint8_t>{1, 2, 3}));
    EXPECT_EQ(SerializeHeader(nonce).size(), 7u);
}
