/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rsa-private-key.h"

#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace ns3
{

namespace
{

/// A PEM password callback that supplies none: an encrypted key fails to
/// load instead of OpenSSL prompting on the terminal.
int
NoPassword(char*, int, int, void*)
{
    return -1;
}

} // namespace

RsaPrivateKey::RsaPrivateKey(std::shared_ptr<EVP_PKEY> key)
    : m_key(std::move(key))
{
}

CryptoResult<RsaPrivateKey>
RsaPrivateKey::FromPem(const std::string& pem)
{
    openssl::BioPtr bio = openssl::MemoryBio(pem);
    EVP_PKEY* key =
        bio ? PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, NoPassword, nullptr, nullptr, nullptr)
            : nullptr;
    if (key == nullptr)
    {
        return openssl::Failure("RSA private key from PEM");
    }
    std::shared_ptr<EVP_PKEY> owned(key, EVP_PKEY_free);
    if (EVP_PKEY_is_a(key, "RSA") != 1)
    {
        return CryptoFailure{"the PEM private key is not an RSA key"};
    }
    return RsaPrivateKey(std::move(owned));
}

CryptoResult<RsaPrivateKey>
RsaPrivateKey::FromPemFile(const std::string& path)
{
    auto pem = ReadTextFile(path);
    if (!pem)
    {
        return CryptoFailure{pem.GetReason()};
    }
    return FromPem(*pem);
}

CryptoResult<Bytes>
RsaPrivateKey::SignDigestInfo(HashAlgorithm hash, const Bytes& data) const
{
    openssl::MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    std::size_t size = 0;
    if (!ctx ||
        EVP_DigestSignInit(ctx.get(), &pctx, MessageDigest::GetMd(hash), nullptr, m_key.get()) !=
            1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &size, data.data(), data.size()) != 1)
    {
        return openssl::Failure("RSA sign setup");
    }
    Bytes signature(size);
    if (EVP_DigestSign(ctx.get(), signature.data(), &size, data.data(), data.size()) != 1)
    {
        return openssl::Failure("RSA sign");
    }
    signature.resize(size);
    return signature;
}

CryptoResult<Bytes>
RsaPrivateKey::SignRaw(const Bytes& hash) const
{
    if (hash.size() + 11 > GetModulusSize())
    {
        return CryptoFailure{"raw RSA signature input of " + std::to_string(hash.size()) +
                             " bytes is too long for the key"};
    }
    openssl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key.get(), nullptr));
    std::size_t size = 0;
    // No signature digest is set: OpenSSL pads the bytes as they are
    // (PKCS#1 type 1) without wrapping them in a DigestInfo.
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_sign(ctx.get(), nullptr, &size, hash.data(), hash.size()) != 1)
    {
        return openssl::Failure("raw RSA sign setup");
    }
    Bytes signature(size);
    if (EVP_PKEY_sign(ctx.get(), signature.data(), &size, hash.data(), hash.size()) != 1)
    {
        return openssl::Failure("raw RSA sign");
    }
    signature.resize(size);
    return signature;
}

RsaPublicKey
RsaPrivateKey::GetPublicKey() const
{
    // Through the DER SubjectPublicKeyInfo, so that the verifying side holds
    // no private material.
    Bytes spki = openssl::EncodeDer(i2d_PUBKEY, m_key.get());
    NS_ABORT_MSG_IF(spki.empty(), "cannot encode an RSA public key (out of memory?)");
    return RsaPublicKey::FromDer(spki).GetValue();
}

std::size_t
RsaPrivateKey::GetModulusSize() const
{
    return static_cast<std::size_t>(EVP_PKEY_get_size(m_key.get()));
}

} // namespace ns3
