/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKE's PRF, prf+ (RFC 7296 section 2.13) and the IKEv1 key expansion
// (RFC 2409 appendix B), recomputed here from their definitions with an HMAC
// that is built in this file on plain EVP_Digest calls, so the check does not
// lean on the production HMAC code it checks.

#include "wire-test-util.h"

#include "ns3/prf.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <string>

using namespace ns3;

namespace
{

Bytes
Digest(const EVP_MD* md, const Bytes& data)
{
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &size, md, nullptr);
    out.resize(size);
    return out;
}

/// HMAC written out from RFC 2104 section 2: H(K ^ opad, H(K ^ ipad, text)).
Bytes
ReferenceHmac(const EVP_MD* md, Bytes key, const Bytes& text)
{
    const std::size_t block = 64; // SHA-1 and SHA-256 both
    if (key.size() > block)
    {
        key = Digest(md, key);
    }
    key.resize(block, 0x00);
    Bytes inner(block);
    Bytes outer(block);
    for (std::size_t k = 0; k < block; ++k)
    {
        inner[k] = key[k] ^ 0x36;
        outer[k] = key[k] ^ 0x5c;
    }
    return Digest(md, Concat(outer, Digest(md, Concat(inner, text))));
}

Bytes
Text(const std::string& s)
{
    return Bytes(s.begin(), s.end());
}

} // namespace

TEST(CryptoPrf, TheReferenceHmacOfThisTestMatchesRfc4231AndRfc2202)
{
    // The yardstick itself must be right before it measures anything.
    EXPECT_EQ(ReferenceHmac(EVP_sha256(), Bytes(20, 0x0b), Text("Hi There")),
              FromHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
    EXPECT_EQ(ReferenceHmac(EVP_sha256(),
                            Bytes(131, 0xaa),
                            Text("Test Using Larger Than Block-Size Key - Hash Key First")),
              FromHex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
    EXPECT_EQ(ReferenceHmac(EVP_sha1(), Text("Jefe"), Text("what do ya want for nothing?")),
              FromHex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
}

TEST(CryptoPrf, ComputeIsHmacOfTheNegotiatedHash)
{
    const Bytes key = FromHex("000102030405060708090a0b0c0d0e0f");
    const Bytes data = Text("Ni | Nr");
    EXPECT_EQ(Prf(PrfAlgorithm::HmacSha256).Compute(key, data),
              ReferenceHmac(EVP_sha256(), key, data));
    EXPECT_EQ(Prf(PrfAlgorithm::HmacSha1).Compute(key, data), ReferenceHmac(EVP_sha1(), key, data));
    EXPECT_EQ(Prf(PrfAlgorithm::HmacSha1).GetOutputSize(), 20u);
    EXPECT_EQ(Prf(PrfAlgorithm::HmacSha256).GetOutputSize(), 32u);
}

TEST(CryptoPrf, PrfPlusFollowsTheDefinitionOfRfc7296Section2_13)
{
    // A seed shaped like IKEv2's (Ni | Nr | SPIi | SPIr) and a length that
    // is not a multiple of the PRF output, so the last block is cut.
    const Bytes key = FromHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0");
    const Bytes seed = Concat(Bytes(32, 0x11),
                              Bytes(32, 0x22),
                              FromHex("0102030405060708"),
                              FromHex("1112131415161718"));

    struct Case
    {
        PrfAlgorithm algorithm;
        const EVP_MD* md;
    };

    for (const Case& c :
         {Case{PrfAlgorithm::HmacSha256, EVP_sha256()}, Case{PrfAlgorithm::HmacSha1, EVP_sha1()}})
    {
        const Prf prf(c.algorithm);
        SCOPED_TRACE(prf.GetName());
        const std::size_t size = 150;
        Bytes expected;
        Bytes t; // T0: empty
        for (uint8_t n = 1; expected.size() < size; ++n)
        {
            t = ReferenceHmac(c.md, key, Concat(t, seed, Bytes{n}));
            expected.insert(expected.end(), t.begin(), t.end());
        }
        expected.resize(size);

        auto keymat = prf.PrfPlus(key, seed, size);
        ASSERT_TRUE(keymat) << keymat.GetReason();
        EXPECT_EQ(*keymat, expected);
        auto shorter = prf.PrfPlus(key, seed, 7);
        ASSERT_TRUE(shorter);
        EXPECT_EQ(*shorter, Bytes(expected.begin(), expected.begin() + 7))
            << "a shorter request is a prefix of a longer one";
    }
}

TEST(CryptoPrf, PrfPlusRefusesMoreThan255Blocks)
{
    const Prf prf(PrfAlgorithm::HmacSha256);
    auto most = prf.PrfPlus(Bytes(32, 1), Bytes(8, 2), 255 * 32);
    ASSERT_TRUE(most) << most.GetReason();
    EXPECT_EQ(most->size(), 255u * 32u);
    auto tooMuch = prf.PrfPlus(Bytes(32, 1), Bytes(8, 2), 255 * 32 + 1);
    EXPECT_FALSE(tooMuch);
    EXPECT_NE(tooMuch.GetReason().find("255"), std::string::npos) << tooMuch.GetReason();
}

TEST(CryptoPrf, Ikev1KeyExpansionFollowsRfc2409AppendixB)
{
    // HMAC-SHA1 gives a 20-byte SKEYID_e; AES-256 needs 32 bytes, so
    // Ka = K1 | K2 with K1 = prf(SKEYID_e, 0x00), K2 = prf(SKEYID_e, K1).
    const Prf prf(PrfAlgorithm::HmacSha1);
    const Bytes skeyidE = FromHex("00112233445566778899aabbccddeeff01234567");
    const Bytes k1 = ReferenceHmac(EVP_sha1(), skeyidE, Bytes{0x00});
    const Bytes k2 = ReferenceHmac(EVP_sha1(), skeyidE, k1);
    const Bytes ka = Concat(k1, k2);
    EXPECT_EQ(prf.ExpandIkev1Key(skeyidE, 32), Bytes(ka.begin(), ka.begin() + 32));

    const Bytes k3 = ReferenceHmac(EVP_sha1(), skeyidE, k2);
    const Bytes ka3 = Concat(ka, k3);
    EXPECT_EQ(prf.ExpandIkev1Key(skeyidE, 48), Bytes(ka3.begin(), ka3.begin() + 48));
}

TEST(CryptoPrf, Ikev1KeyExpansionTakesTheLeftmostBytesWhenSkeyidEIsLongEnough)
{
    // RFC 2409 section 5.3: a long enough SKEYID_e is used directly.
    const Prf prf(PrfAlgorithm::HmacSha256);
    const Bytes skeyidE =
        FromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    EXPECT_EQ(prf.ExpandIkev1Key(skeyidE, 16), Bytes(skeyidE.begin(), skeyidE.begin() + 16));
    EXPECT_EQ(prf.ExpandIkev1Key(skeyidE, 32), skeyidE);
}
