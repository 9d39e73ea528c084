/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "hmac.h"

#include <algorithm>
#include <openssl/core_names.h>
#include <openssl/evp.h>

namespace ns3
{

namespace
{

EVP_MAC*
GetHmacImplementation()
{
    // Fetched once and kept for the life of the process (see MessageDigest::GetMd).
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    NS_ABORT_MSG_IF(mac == nullptr, "OpenSSL provides no HMAC");
    return mac;
}

} // namespace

Hmac::Hmac(HashAlgorithm algorithm, const Bytes& key)
    : m_algorithm(algorithm),
      m_ctx(EVP_MAC_CTX_new(GetHmacImplementation()))
{
    // The digest is named by its implementation's own name, so the fetch
    // MessageDigest::GetMd did is not repeated by a different spelling.
    const char* digest = EVP_MD_get0_name(MessageDigest::GetMd(algorithm));
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
        OSSL_PARAM_construct_end(),
    };
    // An empty key is legal HMAC (RFC 2104 pads it with zeros); OpenSSL wants
    // a non-null pointer for it.
    static const uint8_t emptyKey = 0;
    const uint8_t* keyData = key.empty() ? &emptyKey : key.data();
    NS_ABORT_MSG_IF(!m_ctx || EVP_MAC_init(m_ctx.get(), keyData, key.size(), params) != 1,
                    "cannot key HMAC-" << MessageDigest::GetName(algorithm) << " (out of memory?)");
}

void
Hmac::Update(const uint8_t* data, std::size_t size)
{
    EVP_MAC_update(m_ctx.get(), data, size);
}

void
Hmac::Update(const Bytes& data)
{
    Update(data.data(), data.size());
}

Bytes
Hmac::Final()
{
    Bytes out(GetSize());
    std::size_t size = 0;
    EVP_MAC_final(m_ctx.get(), out.data(), &size, out.size());
    out.resize(size);
    // A null key restarts the MAC with the key already set.
    EVP_MAC_init(m_ctx.get(), nullptr, 0, nullptr);
    return out;
}

Bytes
Hmac::Mac(const Bytes& data)
{
    Update(data);
    return Final();
}

HashAlgorithm
Hmac::GetAlgorithm() const
{
    return m_algorithm;
}

std::size_t
Hmac::GetSize() const
{
    return MessageDigest::GetSize(m_algorithm);
}

Bytes
Hmac::Compute(HashAlgorithm algorithm, const Bytes& key, const Bytes& data)
{
    return Hmac(algorithm, key).Mac(data);
}

Bytes
Hmac::Truncate(const Bytes& mac, std::size_t size)
{
    return Bytes(mac.begin(), mac.begin() + std::min(size, mac.size()));
}

Bytes
HmacSha1(const Bytes& key, const Bytes& data)
{
    return Hmac::Compute(HashAlgorithm::Sha1, key, data);
}

Bytes
HmacSha256(const Bytes& key, const Bytes& data)
{
    return Hmac::Compute(HashAlgorithm::Sha256, key, data);
}

} // namespace ns3
