/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKEv1 key derivation (RFC 2409 5, 5.5 and appendix B) checked against
// the formulas recomputed here with a test-local HMAC built on EVP_Digest,
// a path that shares no code with natt's Prf.

#include "ns3/aes-cbc.h"
#include "ns3/ikev1-keys.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

using namespace ns3;

namespace
{

Bytes
Digest(const EVP_MD* md, const Bytes& data)
{
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int n = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &n, md, nullptr);
    out.resize(n);
    return out;
}

/// HMAC of RFC 2104 spelled out: H((K ^ opad) | H((K ^ ipad) | text)).
Bytes
TestHmac(const EVP_MD* md, Bytes key, const Bytes& text)
{
    const std::size_t block = EVP_MD_get_block_size(md);
    if (key.size() > block)
    {
        key = Digest(md, key);
    }
    key.resize(block, 0);
    Bytes inner(block), outer(block);
    for (std::size_t k = 0; k < block; ++k)
    {
        inner[k] = key[k] ^ 0x36;
        outer[k] = key[k] ^ 0x5c;
    }
    return Digest(md, Concat(outer, Digest(md, Concat(inner, text))));
}

Bytes
Pattern(std::size_t n, uint8_t seed)
{
    Bytes b(n);
    for (std::size_t k = 0; k < n; ++k)
    {
        b[k] = uint8_t(seed + 7 * k);
    }
    return b;
}

struct Inputs
{
    Bytes psk = Pattern(12, 1);
    Bytes ni = Pattern(32, 2);
    Bytes nr = Pattern(32, 3);
    Bytes gxy = Pattern(256, 4);
    Bytes gxi = Pattern(256, 5);
    Bytes gxr = Pattern(256, 6);
    Bytes ckyI = Pattern(8, 7);
    Bytes ckyR = Pattern(8, 8);
};

} // namespace

class Ikev1KeyDerivation : public ::testing::TestWithParam<uint16_t>
{
};

TEST_P(Ikev1KeyDerivation, MatchesTheRfc2409Formulas)
{
    const uint16_t prf = GetParam();
    const EVP_MD* md = prf == 2 ? EVP_sha1() : EVP_sha256();
    Inputs in;
    Ikev1Keys keys(prf, 256);

    // SKEYID for pre-shared keys = prf(pre-shared-key, Ni_b | Nr_b).
    keys.DeriveSkeyidPsk(in.psk, in.ni, in.nr);
    Bytes skeyid = TestHmac(md, in.psk, Concat(in.ni, in.nr));
    EXPECT_EQ(keys.GetSkeyid(), skeyid);
    keys.DeriveKeys(in.gxy, in.ckyI, in.ckyR, in.gxi, in.gxr);
    // SKEYID_d, _a, _e.
    Bytes d = TestHmac(md, skeyid, Concat(in.gxy, in.ckyI, in.ckyR, Bytes{0}));
    Bytes a = TestHmac(md, skeyid, Concat(d, in.gxy, in.ckyI, in.ckyR, Bytes{1}));
    Bytes e = TestHmac(md, skeyid, Concat(a, in.gxy, in.ckyI, in.ckyR, Bytes{2}));
    EXPECT_EQ(keys.GetSkeyidD(), d);
    EXPECT_EQ(keys.GetSkeyidA(), a);
    EXPECT_EQ(keys.GetSkeyidE(), e);
    // Appendix B: a SKEYID_e shorter than the AES-256 key (SHA-1) is
    // expanded, Ka = K1 | K2 with K1 = prf(SKEYID_e, 0) and K2 =
    // prf(SKEYID_e, K1); a long enough one (SHA-256) is used as it is.
    Bytes ka = e;
    if (e.size() < 32)
    {
        Bytes k1 = TestHmac(md, e, Bytes{0});
        ka = Concat(k1, TestHmac(md, e, k1));
    }
    ka.resize(32);
    EXPECT_EQ(keys.GetEncryptionKey(), ka);
    // The phase-1 IV: hash(g^xi | g^xr), cut to the block size.
    Bytes iv = Digest(md, Concat(in.gxi, in.gxr));
    iv.resize(16);
    EXPECT_EQ(keys.GetIv(0), iv);
    // HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b); HASH_R swapped.
    Bytes sai = Pattern(40, 9);
    Bytes id = Pattern(20, 10);
    EXPECT_EQ(keys.ComputeAuthHash(true, in.gxi, in.gxr, in.ckyI, in.ckyR, sai, id),
              TestHmac(md, skeyid, Concat(in.gxi, in.gxr, in.ckyI, in.ckyR, sai, id)));
    EXPECT_EQ(keys.ComputeAuthHash(false, in.gxi, in.gxr, in.ckyI, in.ckyR, sai, id),
              TestHmac(md, skeyid, Concat(in.gxr, in.gxi, in.ckyR, in.ckyI, sai, id)));

    // Quick Mode KEYMAT (5.5), without and with PFS, expanded past one block.
    Bytes spi = {0x12, 0x34, 0x56, 0x78};
    for (const Bytes& gqm : {Bytes{}, Pattern(32, 11)})
    {
        Bytes seed = Concat(gqm, Bytes{3}, spi, in.ni, in.nr);
        Bytes k1q = TestHmac(md, d, seed);
        Bytes k2q = TestHmac(md, d, Concat(k1q, seed));
        Bytes k3q = TestHmac(md, d, Concat(k2q, seed));
        Bytes expected = Concat(k1q, k2q, k3q);
        expected.resize(48);
        EXPECT_EQ(keys.ComputeKeymat(gqm, 3, 0x12345678, in.ni, in.nr, 48), expected)
            << (gqm.empty() ? "without PFS" : "with PFS");
    }

    // SKEYID for signatures = prf(Ni_b | Nr_b, g^xy).
    Ikev1Keys sig(prf, 128);
    sig.DeriveSkeyidSig(in.ni, in.nr, in.gxy);
    EXPECT_EQ(sig.GetSkeyid(), TestHmac(md, Concat(in.ni, in.nr), in.gxy));
}

INSTANTIATE_TEST_SUITE_P(HmacSha1AndSha256, Ikev1KeyDerivation, ::testing::Values(2, 5));

TEST(Ikev1Ivs, ChainThroughPhase1AndStartEachPhase2ExchangeFromItsMessageId)
{
    Inputs in;
    Ikev1Keys sender(5, 128);
    Ikev1Keys receiver(5, 128);
    for (Ikev1Keys* k : {&sender, &receiver})
    {
        k->DeriveSkeyidPsk(in.psk, in.ni, in.nr);
        k->DeriveKeys(in.gxy, in.ckyI, in.ckyR, in.gxi, in.gxr);
    }
    // Main Mode message 5 and 6: each IV is the last ciphertext block before it.
    Bytes m5 = Pattern(48, 20);
    Bytes c5 = sender.Encrypt(0, m5);
    EXPECT_EQ(sender.GetIv(0), Bytes(c5.end() - 16, c5.end()));
    EXPECT_EQ(receiver.Decrypt(0, c5), m5);
    Bytes c6 = receiver.Encrypt(0, Pattern(32, 21));
    EXPECT_EQ(sender.Decrypt(0, c6), Pattern(32, 21));
    sender.EndPhase1();
    receiver.EndPhase1();
    // Phase 2: IV = hash(last phase-1 block | M-ID).
    Bytes expected =
        Digest(EVP_sha256(), Concat(Bytes(c6.end() - 16, c6.end()), Bytes{0, 0, 0, 7}));
    expected.resize(16);
    EXPECT_EQ(sender.GetIv(7), expected);
    Bytes q = sender.Encrypt(7, Pattern(64, 22));
    EXPECT_EQ(receiver.Decrypt(7, q), Pattern(64, 22));
    EXPECT_EQ(receiver.Decrypt(9, sender.Encrypt(9, Pattern(16, 23))), Pattern(16, 23))
        << "a second exchange has its own IV";
}
