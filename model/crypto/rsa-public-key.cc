/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rsa-public-key.h"

#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace ns3
{

RsaPublicKey::RsaPublicKey(std::shared_ptr<EVP_PKEY> key)
    : m_key(std::move(key))
{
}

CryptoResult<RsaPublicKey>
RsaPublicKey::FromPkey(EVP_PKEY* key)
{
    if (key == nullptr || EVP_PKEY_is_a(key, "RSA") != 1)
    {
        return CryptoFailure{"not an RSA key"};
    }
    EVP_PKEY_up_ref(key);
    return RsaPublicKey(std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free));
}

CryptoResult<RsaPublicKey>
RsaPublicKey::FromPem(const std::string& pem)
{
    openssl::BioPtr bio = openssl::MemoryBio(pem);
    openssl::PkeyPtr key(
        bio ? PEM_read_bio_PUBKEY_ex(bio.get(), nullptr, nullptr, nullptr, nullptr, nullptr)
            : nullptr);
    if (!key)
    {
        return openssl::Failure("RSA public key from PEM");
    }
    return FromPkey(key.get());
}

CryptoResult<RsaPublicKey>
RsaPublicKey::FromDer(const Bytes& der)
{
    const unsigned char* p = der.data();
    openssl::PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
    if (!key)
    {
        return openssl::Failure("RSA public key from DER");
    }
    return FromPkey(key.get());
}

Bytes
RsaPublicKey::GetDer() const
{
    return openssl::EncodeDer(i2d_PUBKEY, m_key.get());
}

std::size_t
RsaPublicKey::GetModulusSize() const
{
    return static_cast<std::size_t>(EVP_PKEY_get_size(m_key.get()));
}

EVP_PKEY*
RsaPublicKey::GetPkey() const
{
    return m_key.get();
}

CryptoStatus
RsaPublicKey::VerifyDigestInfo(HashAlgorithm hash, const Bytes& data, const Bytes& signature) const
{
    openssl::MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx ||
        EVP_DigestVerifyInit(ctx.get(), &pctx, MessageDigest::GetMd(hash), nullptr, m_key.get()) !=
            1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
    {
        return openssl::Failure("RSA verify setup");
    }
    int result =
        EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), data.data(), data.size());
    if (result != 1)
    {
        openssl::ClearErrors();
        return CryptoFailure{std::string("RSA signature with ") + MessageDigest::GetName(hash) +
                             " DigestInfo does not verify"};
    }
    return CryptoStatus();
}

CryptoStatus
RsaPublicKey::VerifyRaw(const Bytes& hash, const Bytes& signature) const
{
    openssl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key.get(), nullptr));
    // No signature digest is set, so OpenSSL compares the recovered block
    // with the bytes as given instead of expecting a DigestInfo.
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1)
    {
        return openssl::Failure("RSA verify setup");
    }
    int result =
        EVP_PKEY_verify(ctx.get(), signature.data(), signature.size(), hash.data(), hash.size());
    if (result != 1)
    {
        openssl::ClearErrors();
        return CryptoFailure{"raw RSA PKCS#1 signature does not verify"};
    }
    return CryptoStatus();
}

} // namespace ns3
