/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Diffie-Hellman: X25519 against RFC 7748 section 6.1, the MODP groups
// against the primes printed in RFC 2409 and RFC 3526, agreement between two
// parties, rejection of unsafe peer values, and reproducible private values.

#include "wire-test-util.h"

#include "ns3/diffie-hellman.h"
#include "ns3/modp-diffie-hellman.h"
#include "ns3/random-bytes.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/x25519.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>

using namespace ns3;

namespace
{

/// \return \p value big-endian in \p size bytes
Bytes
Number(uint64_t value, std::size_t size)
{
    Bytes out(size, 0);
    for (std::size_t k = 0; k < 8 && k < size; ++k)
    {
        out[size - 1 - k] = static_cast<uint8_t>(value >> (8 * k));
    }
    return out;
}

/// \return p - 1 for the group's prime, at the prime's length
Bytes
PrimeMinusOne(const ModpDiffieHellman& dh)
{
    Bytes p = dh.GetPrime();
    // p is odd, so subtracting one only clears the last bit.
    p.back() ^= 0x01;
    return p;
}

std::unique_ptr<ModpDiffieHellman>
Modp(uint16_t group)
{
    auto dh = ModpDiffieHellman::Create(group);
    EXPECT_NE(dh, nullptr);
    return dh;
}

} // namespace

TEST(CryptoX25519, MatchesRfc7748Section6_1)
{
    auto alice = DiffieHellman::Create(DiffieHellman::Curve25519);
    auto bob = DiffieHellman::Create(DiffieHellman::Curve25519);
    ASSERT_NE(alice, nullptr);
    ASSERT_NE(bob, nullptr);
    EXPECT_EQ(alice->GetGroup(), 31);
    ASSERT_TRUE(alice->SetPrivateValue(
        FromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
    ASSERT_TRUE(bob->SetPrivateValue(
        FromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")));
    EXPECT_EQ(alice->GetPublicValue(),
              FromHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
    EXPECT_EQ(bob->GetPublicValue(),
              FromHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
    const Bytes shared =
        FromHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    auto aliceSecret = alice->ComputeSharedSecret(bob->GetPublicValue());
    auto bobSecret = bob->ComputeSharedSecret(alice->GetPublicValue());
    ASSERT_TRUE(aliceSecret) << aliceSecret.GetReason();
    ASSERT_TRUE(bobSecret) << bobSecret.GetReason();
    EXPECT_EQ(*aliceSecret, shared);
    EXPECT_EQ(*bobSecret, shared);
}

TEST(CryptoX25519, TheKeptSecretFollowsThePrivateAndThePeerValue)
{
    // ComputeSharedSecret keeps its last result for the same peer value; a
    // new private value or another peer value must compute afresh.
    const Bytes alicePrivate =
        FromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    const Bytes bobPrivate =
        FromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    X25519 alice;
    X25519 bob;
    X25519 carol;
    ASSERT_TRUE(alice.SetPrivateValue(alicePrivate));
    ASSERT_TRUE(bob.SetPrivateValue(bobPrivate));
    ASSERT_TRUE(carol.SetPrivateValue(Bytes(32, 7)));
    const Bytes shared =
        FromHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    EXPECT_EQ(alice.ComputeSharedSecret(bob.GetPublicValue()).GetValue(), shared);

    auto withCarol = alice.ComputeSharedSecret(carol.GetPublicValue());
    ASSERT_TRUE(withCarol);
    EXPECT_EQ(*withCarol, carol.ComputeSharedSecret(alice.GetPublicValue()).GetValue());
    EXPECT_NE(*withCarol, shared);
    EXPECT_EQ(alice.ComputeSharedSecret(bob.GetPublicValue()).GetValue(), shared);
    EXPECT_EQ(alice.ComputeSharedSecret(bob.GetPublicValue()).GetValue(), shared);

    // Alice takes Bob's private value: with Bob's public value she now
    // computes X25519(b, b * 9), which is not the secret she kept.
    ASSERT_TRUE(alice.SetPrivateValue(bobPrivate));
    auto again = alice.ComputeSharedSecret(bob.GetPublicValue());
    ASSERT_TRUE(again);
    EXPECT_NE(*again, shared);
    EXPECT_EQ(*again, bob.ComputeSharedSecret(bob.GetPublicValue()).GetValue());
}

TEST(CryptoX25519, APeerValueOfSmallOrderIsRejected)
{
    // u = 0 and u = 1 are points of small order: X25519 maps them to the
    // all-zero string whatever the private value (RFC 7748 section 6.1).
    X25519 dh;
    ASSERT_TRUE(dh.SetPrivateValue(
        FromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
    auto zero = dh.ComputeSharedSecret(Bytes(32, 0));
    EXPECT_FALSE(zero);
    EXPECT_NE(zero.GetReason().find("all-zero"), std::string::npos) << zero.GetReason();
    Bytes one(32, 0);
    one[0] = 1; // little-endian
    EXPECT_FALSE(dh.ComputeSharedSecret(one));
}

TEST(CryptoX25519, ValuesOfTheWrongLengthAreRefused)
{
    X25519 dh;
    EXPECT_FALSE(dh.SetPrivateValue(Bytes(31, 7)));
    EXPECT_FALSE(dh.HasPrivateValue());
    EXPECT_FALSE(dh.ComputeSharedSecret(Bytes(32, 9))) << "no private value yet";
    ASSERT_TRUE(dh.SetPrivateValue(Bytes(32, 7)));
    EXPECT_FALSE(dh.ComputeSharedSecret(Bytes(33, 9)));
    EXPECT_FALSE(dh.ComputeSharedSecret({}));
}

TEST(CryptoModp, Group14PrimeIsTheOneOfRfc3526Section3)
{
    auto dh = Modp(DiffieHellman::Modp2048);
    const Bytes p = dh->GetPrime();
    ASSERT_EQ(p.size(), 256u);
    EXPECT_EQ(Bytes(p.begin(), p.begin() + 24),
              FromHex("FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1"));
    EXPECT_EQ(Bytes(p.end() - 16, p.end()), FromHex("15728E5A 8AACAA68 FFFFFFFF FFFFFFFF"));
    openssl::BignumPtr n(BN_bin2bn(p.data(), static_cast<int>(p.size()), nullptr));
    EXPECT_EQ(BN_num_bits(n.get()), 2048);
    // The bytes in between are checked by what makes the group safe: p and
    // (p-1)/2 are both prime (RFC 3526 section 1).
    BN_CTX* ctx = BN_CTX_new();
    EXPECT_EQ(BN_check_prime(n.get(), ctx, nullptr), 1);
    BN_rshift1(n.get(), n.get());
    EXPECT_EQ(BN_check_prime(n.get(), ctx, nullptr), 1);
    BN_CTX_free(ctx);
    EXPECT_EQ(dh->GetPublicValueSize(), 256u);
}

TEST(CryptoModp, Groups2And5UseThePrimesOfRfc2409AndRfc3526)
{
    auto group2 = Modp(DiffieHellman::Modp1024);
    const Bytes p2 = group2->GetPrime();
    ASSERT_EQ(p2.size(), 128u);
    EXPECT_EQ(Bytes(p2.begin(), p2.begin() + 8), FromHex("FFFFFFFF FFFFFFFF"));
    EXPECT_EQ(Bytes(p2.end() - 16, p2.end()), FromHex("49286651 ECE65381 FFFFFFFF FFFFFFFF"));
    auto group5 = Modp(DiffieHellman::Modp1536);
    const Bytes p5 = group5->GetPrime();
    ASSERT_EQ(p5.size(), 192u);
    EXPECT_EQ(Bytes(p5.end() - 16, p5.end()), FromHex("F1746C08 CA237327 FFFFFFFF FFFFFFFF"));
}

TEST(CryptoModp, PrivateValueOneGivesTheGeneratorPaddedTo256Bytes)
{
    auto dh = Modp(DiffieHellman::Modp2048);
    ASSERT_TRUE(dh->SetPrivateValue(Number(1, 32)));
    EXPECT_EQ(dh->GetPublicValue(), Number(2, 256));
    ASSERT_TRUE(dh->SetPrivateValue(Number(10, 1)))
        << "a short private value is read as a big-endian integer";
    EXPECT_EQ(dh->GetPublicValue(), Number(1024, 256));
}

TEST(CryptoModp, UnusablePrivateValuesAreRefused)
{
    auto dh = Modp(DiffieHellman::Modp2048);
    EXPECT_FALSE(dh->SetPrivateValue(Number(0, 32)));
    EXPECT_FALSE(dh->SetPrivateValue(PrimeMinusOne(*dh)));
    EXPECT_FALSE(dh->SetPrivateValue(Bytes(256, 0xff))) << "larger than p";
    EXPECT_FALSE(dh->HasPrivateValue());
}

TEST(CryptoModp, TwoPartiesWithFixedPrivateValuesAgreeOnA256ByteSecret)
{
    auto alice = DiffieHellman::Create(DiffieHellman::Modp2048);
    auto bob = DiffieHellman::Create(DiffieHellman::Modp2048);
    ASSERT_NE(alice, nullptr);
    ASSERT_NE(bob, nullptr);
    EXPECT_EQ(alice->GetPrivateValueSize(), 32u);
    ASSERT_TRUE(alice->SetPrivateValue(
        FromHex("0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0")));
    ASSERT_TRUE(bob->SetPrivateValue(
        FromHex("a0b1c2d3e4f5061728394a5b6c7d8e9ffedcba98765432100123456789abcdef")));
    ASSERT_EQ(alice->GetPublicValue().size(), 256u);
    auto a = alice->ComputeSharedSecret(bob->GetPublicValue());
    auto b = bob->ComputeSharedSecret(alice->GetPublicValue());
    ASSERT_TRUE(a) << a.GetReason();
    ASSERT_TRUE(b) << b.GetReason();
    EXPECT_EQ(a->size(), 256u);
    EXPECT_EQ(*a, *b);

    // The same value computed apart from the class: (g^b)^a mod p.
    auto modp = Modp(DiffieHellman::Modp2048);
    const Bytes p = modp->GetPrime();
    openssl::BignumPtr pn(BN_bin2bn(p.data(), 256, nullptr));
    openssl::BignumPtr yb(BN_bin2bn(bob->GetPublicValue().data(), 256, nullptr));
    const Bytes xa = FromHex("0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0");
    openssl::BignumPtr xan(BN_bin2bn(xa.data(), 32, nullptr));
    openssl::BignumPtr z(BN_new());
    BN_CTX* ctx = BN_CTX_new();
    BN_mod_exp(z.get(), yb.get(), xan.get(), pn.get(), ctx);
    BN_CTX_free(ctx);
    Bytes expected(256);
    BN_bn2binpad(z.get(), expected.data(), 256);
    EXPECT_EQ(*a, expected);
}

TEST(CryptoModp, ASharedSecretWithLeadingZerosKeepsItsFullLength)
{
    // RFC 7296 section 2.14 and RFC 2409 section 5 feed g^ir to the PRF as a
    // fixed-length string. Search small private values for a secret whose
    // first byte is zero (about one in 256) and check it is not shortened.
    auto alice = Modp(DiffieHellman::Modp2048);
    auto bob = Modp(DiffieHellman::Modp2048);
    ASSERT_TRUE(bob->SetPrivateValue(Number(0x1234567, 32)));
    bool found = false;
    for (uint64_t x = 2; x < 5000 && !found; ++x)
    {
        ASSERT_TRUE(alice->SetPrivateValue(Number(x, 32)));
        auto secret = alice->ComputeSharedSecret(bob->GetPublicValue());
        ASSERT_TRUE(secret) << secret.GetReason();
        ASSERT_EQ(secret->size(), 256u);
        if ((*secret)[0] == 0)
        {
            found = true;
            auto other = bob->ComputeSharedSecret(alice->GetPublicValue());
            ASSERT_TRUE(other);
            EXPECT_EQ(*other, *secret);
        }
    }
    EXPECT_TRUE(found);
}

TEST(CryptoModp, PeerValuesZeroOneAndPMinusOneAreRejected)
{
    auto dh = Modp(DiffieHellman::Modp2048);
    ASSERT_TRUE(dh->SetPrivateValue(Number(0xabcdef, 32)));
    for (const Bytes& bad :
         {Number(0, 256), Number(1, 256), PrimeMinusOne(*dh), dh->GetPrime(), Bytes(256, 0xff)})
    {
        auto secret = dh->ComputeSharedSecret(bad);
        EXPECT_FALSE(secret);
        EXPECT_NE(secret.GetReason().find("out of range"), std::string::npos) << secret.GetReason();
    }
    auto shortValue = dh->ComputeSharedSecret(Number(2, 255));
    EXPECT_FALSE(shortValue) << "a public value not padded to 256 bytes";
    EXPECT_TRUE(dh->ComputeSharedSecret(Number(2, 256))) << "y = 2 is in range";
}

TEST(CryptoModp, Groups2And5AgreeToo)
{
    for (uint16_t group : {DiffieHellman::Modp1024, DiffieHellman::Modp1536})
    {
        SCOPED_TRACE(group);
        auto a = DiffieHellman::Create(group);
        auto b = DiffieHellman::Create(group);
        ASSERT_TRUE(a->SetPrivateValue(Bytes(32, 0x5a)));
        ASSERT_TRUE(b->SetPrivateValue(Bytes(32, 0xa5)));
        auto sa = a->ComputeSharedSecret(b->GetPublicValue());
        auto sb = b->ComputeSharedSecret(a->GetPublicValue());
        ASSERT_TRUE(sa && sb);
        EXPECT_EQ(*sa, *sb);
        EXPECT_EQ(sa->size(), a->GetPublicValueSize());
    }
}

TEST(CryptoDiffieHellman, GroupsNattDoesNotImplementGiveNoParty)
{
    EXPECT_EQ(DiffieHellman::Create(19), nullptr) << "ECP-256 is not implemented";
    EXPECT_EQ(DiffieHellman::Create(0), nullptr);
    EXPECT_FALSE(DiffieHellman::IsSupported(1));
    EXPECT_TRUE(DiffieHellman::IsSupported(14));
    EXPECT_TRUE(DiffieHellman::IsSupported(31));
}

TEST(CryptoDiffieHellman, PrivateValuesFromAnNs3StreamReproduceTheExchange)
{
    // The same seed, run and stream give the same bytes, hence the same
    // public values: what makes a natt run repeatable.
    RngSeedManager::SetSeed(7);
    RngSeedManager::SetRun(3);
    Bytes first;
    for (int round = 0; round < 2; ++round)
    {
        Ptr<UniformRandomVariable> stream = CreateObject<UniformRandomVariable>();
        stream->SetStream(42);
        for (uint16_t group : {DiffieHellman::Modp2048, DiffieHellman::Curve25519})
        {
            auto dh = DiffieHellman::Create(group);
            ASSERT_TRUE(dh->SetPrivateValue(DrawRandomBytes(stream, dh->GetPrivateValueSize())));
            if (round == 0)
            {
                first = Concat(first, dh->GetPublicValue());
            }
            else
            {
                EXPECT_EQ(Bytes(first.begin() + (group == 14 ? 0 : 256),
                                first.begin() + (group == 14 ? 256 : 288)),
                          dh->GetPublicValue());
            }
        }
    }
    Ptr<UniformRandomVariable> other = CreateObject<UniformRandomVariable>();
    other->SetStream(43);
    EXPECT_NE(DrawRandomBytes(other, 32), Bytes(first.begin(), first.begin() + 32));
}
