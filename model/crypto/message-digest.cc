/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "message-digest.h"

#include <openssl/evp.h>

namespace ns3
{

namespace
{

const char*
FetchName(HashAlgorithm algorithm)
{
    switch (algorithm)
    {
    case HashAlgorithm::Md5:
        return "MD5";
    case HashAlgorithm::Sha1:
        return "SHA1";
    case HashAlgorithm::Sha256:
        return "SHA2-256";
    }
    return "";
}

EVP_MD*
FetchOnce(HashAlgorithm algorithm)
{
    EVP_MD* md = EVP_MD_fetch(nullptr, FetchName(algorithm), nullptr);
    // Without SHA-1 / SHA-256 nothing in natt can work; this is a broken
    // OpenSSL installation (or a FIPS provider without MD5), not bad input.
    NS_ABORT_MSG_IF(md == nullptr,
                    "OpenSSL provides no " << MessageDigest::GetName(algorithm) << " digest");
    return md;
}

} // namespace

const EVP_MD*
MessageDigest::GetMd(HashAlgorithm algorithm)
{
    // Fetched once per process and deliberately never freed: OpenSSL's own
    // exit handler may already have run when static destructors would.
    static EVP_MD* const md5 = FetchOnce(HashAlgorithm::Md5);
    static EVP_MD* const sha1 = FetchOnce(HashAlgorithm::Sha1);
    static EVP_MD* const sha256 = FetchOnce(HashAlgorithm::Sha256);
    switch (algorithm)
    {
    case HashAlgorithm::Md5:
        return md5;
    case HashAlgorithm::Sha1:
        return sha1;
    case HashAlgorithm::Sha256:
        return sha256;
    }
    return nullptr;
}

std::size_t
MessageDigest::GetSize(HashAlgorithm algorithm)
{
    switch (algorithm)
    {
    case HashAlgorithm::Md5:
        return 16;
    case HashAlgorithm::Sha1:
        return 20;
    case HashAlgorithm::Sha256:
        return 32;
    }
    return 0;
}

std::size_t
MessageDigest::GetBlockSize(HashAlgorithm algorithm)
{
    return 64;
}

const char*
MessageDigest::GetName(HashAlgorithm algorithm)
{
    switch (algorithm)
    {
    case HashAlgorithm::Md5:
        return "MD5";
    case HashAlgorithm::Sha1:
        return "SHA-1";
    case HashAlgorithm::Sha256:
        return "SHA-256";
    }
    return "?";
}

MessageDigest::MessageDigest(HashAlgorithm algorithm)
    : m_algorithm(algorithm),
      m_ctx(EVP_MD_CTX_new())
{
    NS_ABORT_MSG_IF(!m_ctx || EVP_DigestInit_ex(m_ctx.get(), GetMd(algorithm), nullptr) != 1,
                    "cannot start a " << GetName(algorithm) << " digest (out of memory?)");
}

void
MessageDigest::Update(const uint8_t* data, std::size_t size)
{
    // EVP_DigestUpdate cannot fail for a started software digest.
    EVP_DigestUpdate(m_ctx.get(), data, size);
}

void
MessageDigest::Update(const Bytes& data)
{
    Update(data.data(), data.size());
}

Bytes
MessageDigest::Final()
{
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    EVP_DigestFinal_ex(m_ctx.get(), out.data(), &size);
    out.resize(size);
    // Ready for the next message, as a fresh object would be.
    EVP_DigestInit_ex(m_ctx.get(), GetMd(m_algorithm), nullptr);
    return out;
}

Bytes
MessageDigest::Digest(HashAlgorithm algorithm, const Bytes& data)
{
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    NS_ABORT_MSG_IF(
        EVP_Digest(data.data(), data.size(), out.data(), &size, GetMd(algorithm), nullptr) != 1,
        "OpenSSL failed to compute " << GetName(algorithm));
    out.resize(size);
    return out;
}

} // namespace ns3
