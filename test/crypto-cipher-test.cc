/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// AES-CBC against RFC 3602 section 4 and NIST SP 800-38A appendix F.2, and
// AES-GCM against the test cases of McGrew and Viega's GCM specification
// ("The Galois/Counter Mode of Operation", appendix B), used the RFC 4106 way.

#include "wire-test-util.h"

#include "ns3/aes-cbc.h"
#include "ns3/aes-gcm.h"

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

/// \return 0x00 0x01 ... in steps of one, \p size bytes starting at \p first
Bytes
Counting(uint8_t first, std::size_t size)
{
    Bytes out(size);
    for (std::size_t k = 0; k < size; ++k)
    {
        out[k] = static_cast<uint8_t>(first + k);
    }
    return out;
}

struct CbcCase
{
    std::string name;
    Bytes key;
    Bytes iv;
    Bytes plaintext;
    Bytes ciphertext;
};

struct GcmCase
{
    int number;
    Bytes key;
    Bytes iv96; // the specification's 96-bit IV, to be split into salt || IV
    Bytes plaintext;
    Bytes aad;
    Bytes ciphertext;
    Bytes tag;
};

const Bytes kGcmPlaintext = FromHex("d9313225f88406e5a55909c5aff5269a"
                                    "86a7a9531534f7da2e4c303d8a318a72"
                                    "1c3c0c95956809532fcf0e2449a6b525"
                                    "b16aedf5aa0de657ba637b391aafd255");
const Bytes kGcmAad = FromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
const Bytes kGcmKey128 = FromHex("feffe9928665731c6d6a8f9467308308");
const Bytes kGcmIv = FromHex("cafebabefacedbaddecaf888");

std::vector<GcmCase>
GcmCases()
{
    const Bytes p60(kGcmPlaintext.begin(), kGcmPlaintext.begin() + 60);
    const Bytes key256 = Concat(kGcmKey128, kGcmKey128);
    return {
        {2,
         Bytes(16, 0),
         Bytes(12, 0),
         Bytes(16, 0),
         {},
         FromHex("0388dace60b6a392f328c2b971b2fe78"),
         FromHex("ab6e47d42cec13bdf53a67b21257bddf")},
        {3,
         kGcmKey128,
         kGcmIv,
         kGcmPlaintext,
         {},
         FromHex("42831ec2217774244b7221b784d0d49c"
                 "e3aa212f2c02a4e035c17e2329aca12e"
                 "21d514b25466931c7d8f6a5aac84aa05"
                 "1ba30b396a0aac973d58e091473f5985"),
         FromHex("4d5c2af327cd64a62cf35abd2ba6fab4")},
        {4,
         kGcmKey128,
         kGcmIv,
         p60,
         kGcmAad,
         FromHex("42831ec2217774244b7221b784d0d49c"
                 "e3aa212f2c02a4e035c17e2329aca12e"
                 "21d514b25466931c7d8f6a5aac84aa05"
                 "1ba30b396a0aac973d58e091"),
         FromHex("5bc94fbc3221a5db94fae95ae7121a47")},
        {14,
         Bytes(32, 0),
         Bytes(12, 0),
         Bytes(16, 0),
         {},
         FromHex("cea7403d4d606b6e074ec5d3baf39d18"),
         FromHex("d0d1c8a799996bf0265b98b5d48ab919")},
        {15,
         key256,
         kGcmIv,
         kGcmPlaintext,
         {},
         FromHex("522dc1f099567d07f47f37a32a84427d"
                 "643a8cdcbfe5c0c97598a2bd2555d1aa"
                 "8cb08e48590dbb3da7b08b1056828838"
                 "c5f61e6393ba7a0abcc9f662898015ad"),
         FromHex("b094dac5d93471bdec1a502270e3cc6c")},
        {16,
         key256,
         kGcmIv,
         p60,
         kGcmAad,
         FromHex("522dc1f099567d07f47f37a32a84427d"
                 "643a8cdcbfe5c0c97598a2bd2555d1aa"
                 "8cb08e48590dbb3da7b08b1056828838"
                 "c5f61e6393ba7a0abcc9f662"),
         FromHex("76fc6ece0f4e1768cddf8853bb2d551b")},
    };
}

/// The specification's 96-bit IV read as RFC 4106's salt || 8-byte IV.
Bytes
SaltOf(const Bytes& iv96)
{
    return Bytes(iv96.begin(), iv96.begin() + 4);
}

Bytes
EspIvOf(const Bytes& iv96)
{
    return Bytes(iv96.begin() + 4, iv96.end());
}

} // namespace

TEST(CryptoAesCbc, MatchesRfc3602TestCases1To4)
{
    const std::vector<CbcCase> cases = {
        {"RFC 3602 case 1",
         FromHex("06a9214036b8a15b512e03d534120006"),
         FromHex("3dafba429d9eb430b422da802c9fac41"),
         Text("Single block msg"),
         FromHex("e353779c1079aeb82708942dbe77181a")},
        {"RFC 3602 case 2",
         FromHex("c286696d887c9aa0611bbb3e2025a45a"),
         FromHex("562e17996d093d28ddb3ba695a2e6f58"),
         Counting(0x00, 32),
         FromHex("d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1")},
        {"RFC 3602 case 3",
         FromHex("6c3ea0477630ce21a2ce334aa746c2cd"),
         FromHex("c782dc4c098c66cbd9cd27d825682c81"),
         Text("This is a 48-byte message (exactly 3 AES blocks)"),
         FromHex("d0a02b3836451753d493665d33f0e886"
                 "2dea54cdb293abc7506939276772f8d5"
                 "021c19216bad525c8579695d83ba2684")},
        {"RFC 3602 case 4",
         FromHex("56e47a38c5598974bc46903dba290349"),
         FromHex("8ce82eefbea0da3c44699ed7db51b7d9"),
         Counting(0xa0, 64),
         FromHex("c30e32ffedc0774e6aff6af0869f71aa"
                 "0f3af07a9a31a9c684db207eb0ef8e4e"
                 "35907aa632c3ffdf868bb7b29d3d46ad"
                 "83ce9f9a102ee99d49a53e87f4c3da55")},
    };
    for (const auto& c : cases)
    {
        SCOPED_TRACE(c.name);
        auto aes = AesCbc::Create(c.key);
        ASSERT_TRUE(aes) << aes.GetReason();
        auto ciphertext = aes->Encrypt(c.iv, c.plaintext);
        ASSERT_TRUE(ciphertext) << ciphertext.GetReason();
        EXPECT_EQ(*ciphertext, c.ciphertext);
        auto plaintext = aes->Decrypt(c.iv, c.ciphertext);
        ASSERT_TRUE(plaintext) << plaintext.GetReason();
        EXPECT_EQ(*plaintext, c.plaintext);
    }
}

TEST(CryptoAesCbc, MatchesSp80038aVectorsFor192And256BitKeys)
{
    // NIST SP 800-38A F.2.3 (CBC-AES192) and F.2.5 (CBC-AES256): the same
    // four plaintext blocks and IV under two longer keys.
    const Bytes iv = Counting(0x00, 16);
    const Bytes plaintext = FromHex("6bc1bee22e409f96e93d7e117393172a"
                                    "ae2d8a571e03ac9c9eb76fac45af8e51"
                                    "30c81c46a35ce411e5fbc1191a0a52ef"
                                    "f69f2445df4f9b17ad2b417be66c3710");
    const std::vector<CbcCase> cases = {
        {"SP 800-38A F.2.3",
         FromHex("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b"),
         iv,
         plaintext,
         FromHex("4f021db243bc633d7178183a9fa071e8"
                 "b4d9ada9ad7dedf4e5e738763f69145a"
                 "571b242012fb7ae07fa9baac3df102e0"
                 "08b0e27988598881d920a9e64f5615cd")},
        {"SP 800-38A F.2.5",
         FromHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"),
         iv,
         plaintext,
         FromHex("f58c4c04d6e5f1ba779eabfb5f7bfbd6"
                 "9cfc4e967edb808d679f777bc6702c7d"
                 "39f23369a9d9bacfa530e26304231461"
                 "b2eb05e2c39be9fcda6c19078c6a9d1b")},
    };
    for (const auto& c : cases)
    {
        SCOPED_TRACE(c.name);
        auto aes = AesCbc::Create(c.key);
        ASSERT_TRUE(aes) << aes.GetReason();
        EXPECT_EQ(aes->GetKeySize(), c.key.size());
        auto ciphertext = aes->Encrypt(c.iv, c.plaintext);
        ASSERT_TRUE(ciphertext);
        EXPECT_EQ(*ciphertext, c.ciphertext);
        auto plaintext = aes->Decrypt(c.iv, c.ciphertext);
        ASSERT_TRUE(plaintext);
        EXPECT_EQ(*plaintext, c.plaintext);
    }
}

TEST(CryptoAesCbc, OneKeyEncryptsManyMessagesWithTheirOwnIvs)
{
    // RFC 3602 case 1 and case 2 share nothing but the block size; running
    // case 1's key with two IVs checks that only the IV is replaced.
    auto aes = AesCbc::Create(FromHex("06a9214036b8a15b512e03d534120006"));
    ASSERT_TRUE(aes);
    const Bytes iv = FromHex("3dafba429d9eb430b422da802c9fac41");
    auto other = aes->Encrypt(Bytes(16, 0x55), Text("Single block msg"));
    ASSERT_TRUE(other);
    EXPECT_NE(*other, FromHex("e353779c1079aeb82708942dbe77181a"));
    auto again = aes->Encrypt(iv, Text("Single block msg"));
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, FromHex("e353779c1079aeb82708942dbe77181a"));
    auto back = aes->Decrypt(Bytes(16, 0x55), *other);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, Text("Single block msg"));
}

TEST(CryptoAesCbc, BadLengthsAreRefusedWithAReason)
{
    EXPECT_FALSE(AesCbc::Create(Bytes(15, 1)));
    auto aes = AesCbc::Create(Bytes(16, 1));
    ASSERT_TRUE(aes);
    auto partial = aes->Encrypt(Bytes(16, 0), Bytes(17, 0));
    EXPECT_FALSE(partial);
    EXPECT_NE(partial.GetReason().find("whole number of blocks"), std::string::npos);
    EXPECT_FALSE(aes->Decrypt(Bytes(16, 0), Bytes(31, 0)));
    EXPECT_FALSE(aes->Encrypt(Bytes(8, 0), Bytes(16, 0))) << "an 8-byte IV is refused";
    auto empty = aes->Encrypt(Bytes(16, 0), {});
    ASSERT_TRUE(empty) << "no blocks is a whole number of blocks";
    EXPECT_TRUE(empty->empty());
}

TEST(CryptoAesGcm, MatchesGcmSpecificationTestCases2To4And14To16)
{
    for (const auto& c : GcmCases())
    {
        SCOPED_TRACE("GCM specification test case " + std::to_string(c.number));
        // RFC 4106: the SA's key material is the key followed by the salt.
        auto gcm = AesGcm::Create(Concat(c.key, SaltOf(c.iv96)));
        ASSERT_TRUE(gcm) << gcm.GetReason();
        auto sealed = gcm->Encrypt(EspIvOf(c.iv96), c.aad, c.plaintext);
        ASSERT_TRUE(sealed) << sealed.GetReason();
        EXPECT_EQ(*sealed, Concat(c.ciphertext, c.tag));
        auto opened = gcm->Decrypt(EspIvOf(c.iv96), c.aad, *sealed);
        ASSERT_TRUE(opened) << opened.GetReason();
        EXPECT_EQ(*opened, c.plaintext);
    }
}

TEST(CryptoAesGcm, AFlippedBitInCiphertextTagAadOrIvFailsDecryption)
{
    for (const auto& c : GcmCases())
    {
        SCOPED_TRACE("GCM specification test case " + std::to_string(c.number));
        auto gcm = AesGcm::Create(Concat(c.key, SaltOf(c.iv96)));
        ASSERT_TRUE(gcm);
        const Bytes iv = EspIvOf(c.iv96);
        const Bytes sealed = Concat(c.ciphertext, c.tag);

        Bytes badCiphertext = sealed;
        badCiphertext[0] ^= 0x01;
        auto r1 = gcm->Decrypt(iv, c.aad, badCiphertext);
        EXPECT_FALSE(r1);
        EXPECT_NE(r1.GetReason().find("ICV"), std::string::npos) << r1.GetReason();

        Bytes badTag = sealed;
        badTag.back() ^= 0x80;
        EXPECT_FALSE(gcm->Decrypt(iv, c.aad, badTag));

        Bytes badAad = c.aad;
        if (badAad.empty())
        {
            badAad.push_back(0); // AAD where there was none changes GHASH too
        }
        else
        {
            badAad[badAad.size() / 2] ^= 0x10;
        }
        EXPECT_FALSE(gcm->Decrypt(iv, badAad, sealed));

        Bytes badIv = iv;
        badIv[7] ^= 0x01;
        EXPECT_FALSE(gcm->Decrypt(badIv, c.aad, sealed));

        // After all those failures the same object still opens the packet.
        auto opened = gcm->Decrypt(iv, c.aad, sealed);
        ASSERT_TRUE(opened);
        EXPECT_EQ(*opened, c.plaintext);
    }
}

TEST(CryptoAesGcm, TheNonceIsTheSaltFollowedByThePacketIv)
{
    // RFC 4106 section 4: nonce = salt (4 bytes, from the key material) || IV (8 bytes).
    EXPECT_EQ(AesGcm::MakeNonce(FromHex("cafebabe"), FromHex("facedbaddecaf888")), kGcmIv);
    auto gcm = AesGcm::Create(Concat(kGcmKey128, FromHex("cafebabe")));
    ASSERT_TRUE(gcm);
    EXPECT_EQ(gcm->GetSalt(), FromHex("cafebabe"));
    EXPECT_EQ(gcm->GetKeySize(), 16u);

    // A different salt with the same packet IV is a different nonce: the
    // ciphertext of test case 3 must not come out.
    auto other = AesGcm::Create(Concat(kGcmKey128, FromHex("cafebabf")));
    ASSERT_TRUE(other);
    auto sealed = other->Encrypt(FromHex("facedbaddecaf888"), {}, kGcmPlaintext);
    ASSERT_TRUE(sealed);
    EXPECT_NE(Bytes(sealed->begin(), sealed->begin() + 16),
              FromHex("42831ec2217774244b7221b784d0d49c"));
}

TEST(CryptoAesGcm, ShorterIcvsAreTheLeftmostBytesOfTheTag)
{
    // RFC 4106 section 6 allows 8- and 12-byte ICVs; test case 4's tag cut short.
    for (std::size_t icvSize : {8u, 12u})
    {
        SCOPED_TRACE(icvSize);
        auto gcm = AesGcm::Create(Concat(kGcmKey128, FromHex("cafebabe")), icvSize);
        ASSERT_TRUE(gcm);
        const Bytes p60(kGcmPlaintext.begin(), kGcmPlaintext.begin() + 60);
        auto sealed = gcm->Encrypt(FromHex("facedbaddecaf888"), kGcmAad, p60);
        ASSERT_TRUE(sealed);
        ASSERT_EQ(sealed->size(), 60 + icvSize);
        const Bytes tag = FromHex("5bc94fbc3221a5db94fae95ae7121a47");
        EXPECT_EQ(Bytes(sealed->begin() + 60, sealed->end()),
                  Bytes(tag.begin(), tag.begin() + icvSize));
        auto opened = gcm->Decrypt(FromHex("facedbaddecaf888"), kGcmAad, *sealed);
        ASSERT_TRUE(opened);
        EXPECT_EQ(*opened, p60);
    }
}

TEST(CryptoAesGcm, BadLengthsAreRefusedWithAReason)
{
    EXPECT_FALSE(AesGcm::Create(Bytes(16, 1))) << "a key without its salt";
    EXPECT_FALSE(AesGcm::Create(Bytes(20, 1), 10)) << "a 10-byte ICV";
    auto gcm = AesGcm::Create(Bytes(20, 1));
    ASSERT_TRUE(gcm);
    EXPECT_FALSE(gcm->Encrypt(Bytes(12, 0), {}, Bytes(4, 0))) << "a 12-byte per-packet IV";
    auto shortInput = gcm->Decrypt(Bytes(8, 0), {}, Bytes(15, 0));
    EXPECT_FALSE(shortInput);
    EXPECT_NE(shortInput.GetReason().find("shorter than its ICV"), std::string::npos);
    // An empty plaintext still yields (and checks) a tag: GMAC over the AAD.
    auto tagOnly = gcm->Encrypt(Bytes(8, 0), Bytes(8, 9), {});
    ASSERT_TRUE(tagOnly);
    EXPECT_EQ(tagOnly->size(), 16u);
    EXPECT_TRUE(gcm->Decrypt(Bytes(8, 0), Bytes(8, 9), *tagOnly));
}
