/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Hashes, HMAC and the truncated integrity transforms, checked against the
// vectors published in RFC 4231 (HMAC-SHA-256), RFC 2202 (HMAC-SHA1),
// RFC 4868 (HMAC-SHA-256-128) and FIPS 180 / RFC 1321 (plain digests).

#include "wire-test-util.h"

#include "ns3/hmac.h"
#include "ns3/integrity.h"
#include "ns3/message-digest.h"

#include <gtest/gtest.h>
#include <string>

using namespace ns3;

namespace
{

Bytes
Text(const std::string& s)
{
    return Bytes(s.begin(), s.end());
}

struct MacCase
{
    int number;
    Bytes key;
    Bytes data;
    Bytes mac;
};

} // namespace

TEST(CryptoMessageDigest, DigestsOfAbcMatchThePublishedValues)
{
    // "abc": FIPS 180-2 appendix A.1 / B.1 and RFC 1321 appendix A.5.
    EXPECT_EQ(MessageDigest::Digest(HashAlgorithm::Sha1, Text("abc")),
              FromHex("a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d"));
    EXPECT_EQ(MessageDigest::Digest(HashAlgorithm::Sha256, Text("abc")),
              FromHex("ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad"));
    EXPECT_EQ(MessageDigest::Digest(HashAlgorithm::Md5, Text("abc")),
              FromHex("900150983cd24fb0d6963f7d28e17f72"));
}

TEST(CryptoMessageDigest, PiecewiseInputGivesTheSameDigestAsOneCall)
{
    MessageDigest h(HashAlgorithm::Sha256);
    h.Update(Text("a"));
    h.Update(Text("bc"));
    EXPECT_EQ(h.Final(), MessageDigest::Digest(HashAlgorithm::Sha256, Text("abc")));
    h.Update(Text("abc"));
    EXPECT_EQ(h.Final(), MessageDigest::Digest(HashAlgorithm::Sha256, Text("abc")))
        << "Final leaves the object ready for the next message";
    EXPECT_EQ(MessageDigest::GetSize(HashAlgorithm::Sha1), 20u);
    EXPECT_EQ(MessageDigest::GetSize(HashAlgorithm::Md5), 16u);
}

TEST(CryptoHmac, Sha256MatchesRfc4231TestCases)
{
    const Bytes aa131(131, 0xaa);
    const std::vector<MacCase> cases = {
        {1,
         Bytes(20, 0x0b),
         Text("Hi There"),
         FromHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")},
        {2,
         Text("Jefe"),
         Text("what do ya want for nothing?"),
         FromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")},
        {3,
         Bytes(20, 0xaa),
         Bytes(50, 0xdd),
         FromHex("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")},
        {4,
         FromHex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
         Bytes(50, 0xcd),
         FromHex("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")},
        {6,
         aa131,
         Text("Test Using Larger Than Block-Size Key - Hash Key First"),
         FromHex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")},
        {7,
         aa131,
         Text("This is a test using a larger than block-size key and a larger than block-size "
              "data. The key needs to be hashed before being used by the HMAC algorithm."),
         FromHex("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")},
    };
    for (const auto& c : cases)
    {
        SCOPED_TRACE("RFC 4231 test case " + std::to_string(c.number));
        EXPECT_EQ(HmacSha256(c.key, c.data), c.mac);
    }
}

TEST(CryptoHmac, Sha256TruncatedTo128BitsMatchesRfc4231TestCase5)
{
    const Bytes mac = HmacSha256(Bytes(20, 0x0c), Text("Test With Truncation"));
    EXPECT_EQ(Hmac::Truncate(mac, 16), FromHex("a3b6167473100ee06e0c796c2955552b"));
}

TEST(CryptoHmac, Sha1MatchesRfc2202TestCases1To3)
{
    const std::vector<MacCase> cases = {
        {1, Bytes(20, 0x0b), Text("Hi There"), FromHex("b617318655057264e28bc0b6fb378c8ef146be00")},
        {2,
         Text("Jefe"),
         Text("what do ya want for nothing?"),
         FromHex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")},
        {3, Bytes(20, 0xaa), Bytes(50, 0xdd), FromHex("125d7342b9ac11cd91a39af48aa17b4f63f175d3")},
    };
    for (const auto& c : cases)
    {
        SCOPED_TRACE("RFC 2202 test case " + std::to_string(c.number));
        EXPECT_EQ(HmacSha1(c.key, c.data), c.mac);
    }
}

TEST(CryptoHmac, OneKeyedObjectAuthenticatesManyMessages)
{
    // RFC 4231 cases 1 and 2 through the same keyed state: after Final the
    // key must still be in force and no input may carry over.
    Hmac h(HashAlgorithm::Sha256, Bytes(20, 0x0b));
    EXPECT_EQ(h.Mac(Text("Hi There")),
              FromHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
    h.Update(Text("Hi "));
    h.Update(Text("There"));
    EXPECT_EQ(h.Final(),
              FromHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
}

TEST(CryptoIntegrity, HmacSha1_96IsTheFirstTwelveBytesOfRfc2202Case1)
{
    // RFC 2404 section 2: the ICV is the leftmost 96 bits of HMAC-SHA1.
    auto integrity = Integrity::Create(IntegrityAlgorithm::HmacSha1_96, Bytes(20, 0x0b));
    ASSERT_TRUE(integrity) << integrity.GetReason();
    const Bytes icv = integrity->ComputeIcv(Text("Hi There"));
    EXPECT_EQ(icv, FromHex("b617318655057264e28bc0b6"));
    EXPECT_TRUE(integrity->VerifyIcv(Text("Hi There"), icv));
}

TEST(CryptoIntegrity, HmacSha256_128MatchesTheRfc4868VectorWithA32ByteKey)
{
    // RFC 4868 section 2.7.2: key of 32 bytes 0x0b, data "Hi There"; the ICV
    // is the leftmost 128 bits of the 256-bit HMAC (section 2.1.1).
    auto integrity = Integrity::Create(IntegrityAlgorithm::HmacSha256_128, Bytes(32, 0x0b));
    ASSERT_TRUE(integrity) << integrity.GetReason();
    EXPECT_EQ(HmacSha256(Bytes(32, 0x0b), Text("Hi There")),
              FromHex("198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"));
    EXPECT_EQ(integrity->ComputeIcv(Text("Hi There")), FromHex("198a607eb44bfbc69903a0f1cf2bbdc5"));
    EXPECT_EQ(Integrity::GetIcvSize(IntegrityAlgorithm::HmacSha256_128), 16u);
}

TEST(CryptoIntegrity, AFlippedBitOrAShortIcvIsRejected)
{
    auto integrity = Integrity::Create(IntegrityAlgorithm::HmacSha256_128, Bytes(32, 7));
    ASSERT_TRUE(integrity);
    Bytes data = Text("payload covered by the ICV");
    Bytes icv = integrity->ComputeIcv(data);
    Bytes badData = data;
    badData[3] ^= 0x01;
    EXPECT_FALSE(integrity->VerifyIcv(badData, icv));
    Bytes badIcv = icv;
    badIcv[15] ^= 0x80;
    EXPECT_FALSE(integrity->VerifyIcv(data, badIcv));
    EXPECT_FALSE(integrity->VerifyIcv(data, Hmac::Truncate(icv, 12)));
}

TEST(CryptoIntegrity, AKeyOfTheWrongLengthIsRefusedWithAReason)
{
    auto integrity = Integrity::Create(IntegrityAlgorithm::HmacSha1_96, Bytes(16, 1));
    EXPECT_FALSE(integrity);
    EXPECT_NE(integrity.GetReason().find("20-byte key"), std::string::npos)
        << integrity.GetReason();
}
