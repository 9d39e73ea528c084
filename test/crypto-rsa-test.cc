/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RSA PKCS#1 v1.5 signatures and X.509 handling with the committed test PKI
// (test/data/pki, scripts/make-test-pki.sh). The signature blocks are opened
// here with plain modular arithmetic and compared with the encodings RFC 8017
// prescribes, so the check does not rest on OpenSSL's verify path alone.

#include "wire-test-util.h"

#include "ns3/certificate-store.h"
#include "ns3/message-digest.h"
#include "ns3/rsa-private-key.h"
#include "ns3/rsa-public-key.h"
#include "ns3/test-pki.h"
#include "ns3/x509-certificate.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <string>

using namespace ns3;
using Entity = TestPki::Entity;

namespace
{

const TestPki&
Pki()
{
    static const TestPki pki(NATT_SOURCE_DIR);
    return pki;
}

X509Certificate
Certificate(Entity entity)
{
    auto certificate = X509Certificate::FromPemFile(Pki().GetCertificatePath(entity));
    EXPECT_TRUE(certificate) << certificate.GetReason();
    return *certificate;
}

RsaPrivateKey
Key(Entity entity)
{
    auto key = RsaPrivateKey::FromPemFile(Pki().GetKeyPath(entity));
    EXPECT_TRUE(key) << key.GetReason();
    return *key;
}

Bytes
Text(const std::string& s)
{
    return Bytes(s.begin(), s.end());
}

/// \return signature^e mod n: the encoded block the signer padded (RFC 8017 8.2.2 step 2)
Bytes
OpenSignature(const RsaPublicKey& key, const Bytes& signature)
{
    BIGNUM* n = nullptr;
    BIGNUM* e = nullptr;
    EVP_PKEY_get_bn_param(key.GetPkey(), OSSL_PKEY_PARAM_RSA_N, &n);
    EVP_PKEY_get_bn_param(key.GetPkey(), OSSL_PKEY_PARAM_RSA_E, &e);
    BIGNUM* s = BN_bin2bn(signature.data(), static_cast<int>(signature.size()), nullptr);
    BIGNUM* m = BN_new();
    BN_CTX* ctx = BN_CTX_new();
    BN_mod_exp(m, s, e, n, ctx);
    Bytes block(key.GetModulusSize());
    BN_bn2binpad(m, block.data(), static_cast<int>(block.size()));
    BN_CTX_free(ctx);
    BN_free(m);
    BN_free(s);
    BN_free(e);
    BN_free(n);
    return block;
}

/// \return 0x00 0x01 0xff... 0x00 || t, the EMSA-PKCS1-v1_5 block (RFC 8017 9.2 step 5)
Bytes
Pkcs1Block(std::size_t size, const Bytes& t)
{
    Bytes block = {0x00, 0x01};
    block.insert(block.end(), size - t.size() - 3, 0xff);
    block.push_back(0x00);
    block.insert(block.end(), t.begin(), t.end());
    return block;
}

/// \return the body of a PEM block, base64-decoded, independently of the PEM reader
Bytes
PemBody(const std::string& pem)
{
    const std::string begin = "-----BEGIN CERTIFICATE-----";
    std::size_t start = pem.find(begin) + begin.size();
    std::size_t end = pem.find("-----END CERTIFICATE-----");
    std::string base64;
    for (char c : pem.substr(start, end - start))
    {
        if (c != '\n' && c != '\r')
        {
            base64.push_back(c);
        }
    }
    Bytes out(base64.size());
    int size = EVP_DecodeBlock(out.data(),
                               reinterpret_cast<const unsigned char*>(base64.data()),
                               static_cast<int>(base64.size()));
    out.resize(static_cast<std::size_t>(size));
    // EVP_DecodeBlock counts the '=' padding as zero bytes.
    out.resize(out.size() - std::count(base64.end() - 2, base64.end(), '='));
    return out;
}

} // namespace

TEST(CryptoRsa, ASignatureWithDigestInfoVerifiesAndHasTheRfc8017Encoding)
{
    const RsaPrivateKey key = Key(Entity::Gateway);
    const Bytes message = Text("InitiatorSignedOctets = RealMessage1 | NonceRData | MACedIDForI");
    auto signature = key.SignDigestInfo(HashAlgorithm::Sha256, message);
    ASSERT_TRUE(signature) << signature.GetReason();
    ASSERT_EQ(signature->size(), 256u);

    auto publicKey = Certificate(Entity::Gateway).GetPublicKey();
    ASSERT_TRUE(publicKey) << publicKey.GetReason();
    EXPECT_TRUE(publicKey->VerifyDigestInfo(HashAlgorithm::Sha256, message, *signature));

    // RFC 8017 section 9.2 note 1: the DER prefix of a SHA-256 DigestInfo.
    const Bytes digestInfo = Concat(FromHex("3031300d060960864801650304020105000420"),
                                    MessageDigest::Digest(HashAlgorithm::Sha256, message));
    EXPECT_EQ(OpenSignature(*publicKey, *signature), Pkcs1Block(256, digestInfo));

    auto again = key.SignDigestInfo(HashAlgorithm::Sha256, message);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *signature) << "PKCS#1 v1.5 signing draws no randomness";
}

TEST(CryptoRsa, ARawSignatureSignsTheHashWithoutDigestInfo)
{
    // IKEv1 RSA signature authentication (RFC 2409 section 5.1) signs HASH_I
    // itself, PKCS#1 padded; with HMAC-SHA1 as the PRF it is 20 bytes.
    const RsaPrivateKey key = Key(Entity::Client);
    const Bytes hashI = MessageDigest::Digest(HashAlgorithm::Sha1, Text("HASH_I"));
    auto signature = key.SignRaw(hashI);
    ASSERT_TRUE(signature) << signature.GetReason();
    const RsaPublicKey publicKey = key.GetPublicKey();
    EXPECT_TRUE(publicKey.VerifyRaw(hashI, *signature));
    EXPECT_EQ(OpenSignature(publicKey, *signature), Pkcs1Block(256, hashI));

    // The two kinds do not stand in for each other.
    EXPECT_FALSE(publicKey.VerifyDigestInfo(HashAlgorithm::Sha1, Text("HASH_I"), *signature));
    auto withDigestInfo = key.SignDigestInfo(HashAlgorithm::Sha1, Text("HASH_I"));
    ASSERT_TRUE(withDigestInfo);
    EXPECT_FALSE(publicKey.VerifyRaw(hashI, *withDigestInfo));
    // RFC 8017 section 9.2 note 1: the SHA-1 DigestInfo prefix.
    EXPECT_EQ(OpenSignature(publicKey, *withDigestInfo),
              Pkcs1Block(256, Concat(FromHex("3021300906052b0e03021a05000414"), hashI)));
}

TEST(CryptoRsa, ATamperedMessageOrSignatureFailsVerification)
{
    const RsaPrivateKey key = Key(Entity::Gateway);
    const RsaPublicKey publicKey = key.GetPublicKey();
    const Bytes message = Text("AUTH payload contents");
    auto signature = key.SignDigestInfo(HashAlgorithm::Sha1, message);
    ASSERT_TRUE(signature);
    EXPECT_TRUE(publicKey.VerifyDigestInfo(HashAlgorithm::Sha1, message, *signature));

    Bytes tampered = message;
    tampered[0] ^= 0x20;
    auto result = publicKey.VerifyDigestInfo(HashAlgorithm::Sha1, tampered, *signature);
    EXPECT_FALSE(result);
    EXPECT_NE(result.GetReason().find("does not verify"), std::string::npos) << result.GetReason();

    Bytes badSignature = *signature;
    badSignature[100] ^= 0x01;
    EXPECT_FALSE(publicKey.VerifyDigestInfo(HashAlgorithm::Sha1, message, badSignature));
    EXPECT_FALSE(publicKey.VerifyDigestInfo(HashAlgorithm::Sha256, message, *signature))
        << "the hash named in DigestInfo must be the one expected";
    EXPECT_FALSE(publicKey.VerifyDigestInfo(HashAlgorithm::Sha1, message, Bytes(255, 1)))
        << "a signature of the wrong length";
    EXPECT_FALSE(publicKey.VerifyDigestInfo(HashAlgorithm::Sha1, message, {}));

    auto raw = key.SignRaw(Bytes(20, 0x42));
    ASSERT_TRUE(raw);
    EXPECT_FALSE(publicKey.VerifyRaw(Bytes(20, 0x43), *raw));
    EXPECT_FALSE(Key(Entity::Client).GetPublicKey().VerifyRaw(Bytes(20, 0x42), *raw))
        << "another party's key";
}

TEST(CryptoRsa, BadKeysAndOversizedInputsAreRefusedWithAReason)
{
    auto garbage =
        RsaPrivateKey::FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    EXPECT_FALSE(garbage);
    EXPECT_FALSE(garbage.GetReason().empty());
    auto missing = RsaPrivateKey::FromPemFile(Pki().GetKeyPath(Entity::Gateway) + ".missing");
    EXPECT_FALSE(missing);
    EXPECT_NE(missing.GetReason().find("cannot open"), std::string::npos);
    EXPECT_FALSE(RsaPublicKey::FromDer(Bytes(10, 0x30)));
    const RsaPrivateKey key = Key(Entity::Gateway);
    EXPECT_FALSE(key.SignRaw(Bytes(246, 1))) << "more than the modulus minus 11 bytes";
    EXPECT_TRUE(key.SignRaw(Bytes(245, 1)));
}

TEST(CryptoX509, TheGatewayCertificateChainVerifiesToTheRoot)
{
    CertificateStore store;
    ASSERT_TRUE(store.AddTrustAnchor(Certificate(Entity::RootCa)));
    const X509Certificate intermediate = Certificate(Entity::IntermediateCa);
    for (Entity leaf : {Entity::Gateway, Entity::Client, Entity::Big})
    {
        SCOPED_TRACE(TestPki::GetName(leaf));
        auto status = store.Verify(Certificate(leaf), {intermediate});
        EXPECT_TRUE(status) << status.GetReason();
    }
    EXPECT_TRUE(store.Verify(intermediate));
}

TEST(CryptoX509, APathWithoutItsIntermediateOrFromAnotherCaFails)
{
    CertificateStore store;
    ASSERT_TRUE(store.AddTrustAnchor(Certificate(Entity::RootCa)));
    auto noIntermediate = store.Verify(Certificate(Entity::Gateway));
    EXPECT_FALSE(noIntermediate);
    EXPECT_NE(noIntermediate.GetReason().find("issuer certificate"), std::string::npos)
        << noIntermediate.GetReason();
    auto rogue = store.Verify(Certificate(Entity::Rogue), {Certificate(Entity::IntermediateCa)});
    EXPECT_FALSE(rogue) << "an impostor for gateway.natt.test";
    EXPECT_FALSE(store.Verify(Certificate(Entity::Rogue), {Certificate(Entity::RogueCa)}))
        << "sending its own root along does not make it trusted";

    CertificateStore rogueStore;
    ASSERT_TRUE(rogueStore.AddTrustAnchor(Certificate(Entity::RogueCa)));
    EXPECT_TRUE(rogueStore.Verify(Certificate(Entity::Rogue))) << "its own root trusts it";
}

TEST(CryptoX509, ValidityIsCheckedOnlyAtAGivenTime)
{
    CertificateStore store;
    ASSERT_TRUE(store.AddTrustAnchor(Certificate(Entity::RootCa)));
    const std::vector<X509Certificate> chain = {Certificate(Entity::IntermediateCa)};
    const std::time_t june2019 = 1559347200; // before the PKI's 2020-01-01 start
    const std::time_t june2030 = 1906502400;
    EXPECT_FALSE(store.Verify(Certificate(Entity::Gateway), chain, june2019));
    EXPECT_TRUE(store.Verify(Certificate(Entity::Gateway), chain, june2030));
    EXPECT_TRUE(store.Verify(Certificate(Entity::Gateway), chain));
}

TEST(CryptoX509, IsIssuedByChecksTheSignatureNotJustTheName)
{
    const X509Certificate root = Certificate(Entity::RootCa);
    const X509Certificate intermediate = Certificate(Entity::IntermediateCa);
    const X509Certificate gateway = Certificate(Entity::Gateway);
    EXPECT_TRUE(gateway.IsIssuedBy(intermediate));
    EXPECT_TRUE(intermediate.IsIssuedBy(root));
    auto notByRoot = gateway.IsIssuedBy(root);
    EXPECT_FALSE(notByRoot);
    EXPECT_NE(notByRoot.GetReason().find("not issued by"), std::string::npos);
    // rogue-ca has the same subject name as root-ca.
    EXPECT_EQ(Certificate(Entity::RogueCa).GetSubjectName(), root.GetSubjectName());
    EXPECT_FALSE(Certificate(Entity::Rogue).IsIssuedBy(intermediate));
    EXPECT_FALSE(intermediate.IsIssuedBy(Certificate(Entity::RogueCa)));
    EXPECT_TRUE(Certificate(Entity::Rogue).IsIssuedBy(Certificate(Entity::RogueCa)));
}

TEST(CryptoX509, SubjectAltNamesGiveTheFqdnEmailAndAddress)
{
    const auto names = Certificate(Entity::Gateway).GetSubjectAltNames();
    ASSERT_EQ(names.size(), 3u);
    EXPECT_EQ(names[0].type, SubjectAltName::Type::Dns);
    EXPECT_EQ(names[0].value, "gateway.natt.test");
    EXPECT_EQ(names[1].type, SubjectAltName::Type::Email);
    EXPECT_EQ(names[1].value, "gateway@natt.test");
    EXPECT_EQ(names[2].type, SubjectAltName::Type::Ip);
    EXPECT_EQ(names[2].value, "192.0.2.1");
    EXPECT_EQ(names[2].address, FromHex("c0000201"));

    const auto client = Certificate(Entity::Client).GetSubjectAltNames();
    ASSERT_FALSE(client.empty());
    EXPECT_EQ(client[0].value, "client.natt.test");
    EXPECT_TRUE(Certificate(Entity::RootCa).GetSubjectAltNames().empty());
    EXPECT_EQ(Certificate(Entity::Gateway).GetSubjectName(), "CN=gateway.natt.test,O=natt");
    EXPECT_EQ(Certificate(Entity::Gateway).GetIssuerName(), "CN=natt Test Intermediate CA,O=natt");
}

TEST(CryptoX509, DerEncodingIsThePemBodyAndParsesBack)
{
    auto pem = Pki().ReadCertificatePem(Entity::Gateway);
    ASSERT_TRUE(pem) << pem.GetReason();
    const X509Certificate gateway = Certificate(Entity::Gateway);
    const Bytes der = gateway.GetDer();
    EXPECT_EQ(der, PemBody(*pem));
    EXPECT_EQ(der[0], 0x30) << "a DER SEQUENCE";
    auto back = X509Certificate::FromDer(der);
    ASSERT_TRUE(back) << back.GetReason();
    EXPECT_EQ(back->GetDer(), der);
    EXPECT_EQ(back->GetSubjectName(), gateway.GetSubjectName());

    EXPECT_FALSE(X509Certificate::FromDer(Bytes(der.begin(), der.end() - 1))) << "truncated";
    Bytes trailing = der;
    trailing.push_back(0);
    EXPECT_FALSE(X509Certificate::FromDer(trailing)) << "stray bytes after the certificate";
    EXPECT_FALSE(X509Certificate::FromDer({}));
    EXPECT_FALSE(X509Certificate::FromPem("not a certificate"));
}

TEST(CryptoX509, TheCertificateHoldsThePublicHalfOfTheKeyFile)
{
    for (Entity entity : {Entity::Gateway, Entity::Client, Entity::Big})
    {
        SCOPED_TRACE(TestPki::GetName(entity));
        auto fromCertificate = Certificate(entity).GetPublicKey();
        ASSERT_TRUE(fromCertificate);
        EXPECT_EQ(fromCertificate->GetDer(), Key(entity).GetPublicKey().GetDer());
    }
}

TEST(CryptoX509, TheBigCertificateIsBigEnoughToNeedFragmentation)
{
    const X509Certificate big = Certificate(Entity::Big);
    // Several times a 1500-byte Ethernet MTU: an IKE message carrying it
    // must be fragmented (RFC 7383) or go out as IP fragments.
    EXPECT_GT(big.GetDer().size(), 5000u);
    EXPECT_EQ(big.GetSubjectAltNames().size(), 122u);
    auto key = big.GetPublicKey();
    ASSERT_TRUE(key);
    EXPECT_EQ(key->GetModulusSize(), 512u) << "a 4096-bit key";
    auto signature = Key(Entity::Big).SignDigestInfo(HashAlgorithm::Sha256, Text("big"));
    ASSERT_TRUE(signature);
    EXPECT_EQ(signature->size(), 512u);
    EXPECT_TRUE(key->VerifyDigestInfo(HashAlgorithm::Sha256, Text("big"), *signature));
}
