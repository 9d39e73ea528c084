/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "x25519.h"

#include <openssl/crypto.h>

namespace ns3
{

uint16_t
X25519::GetGroup() const
{
    return Curve25519;
}

std::size_t
X25519::GetPrivateValueSize() const
{
    return KeySize;
}

std::size_t
X25519::GetPublicValueSize() const
{
    return KeySize;
}

CryptoResult<Bytes>
X25519::DoSetPrivateValue(const Bytes& privateValue)
{
    if (privateValue.size() != KeySize)
    {
        return CryptoFailure{"X25519 private value must be 32 bytes, not " +
                             std::to_string(privateValue.size())};
    }
    openssl::PkeyPtr key(EVP_PKEY_new_raw_private_key_ex(nullptr,
                                                         "X25519",
                                                         nullptr,
                                                         privateValue.data(),
                                                         privateValue.size()));
    Bytes publicValue(KeySize);
    std::size_t size = publicValue.size();
    if (!key || EVP_PKEY_get_raw_public_key(key.get(), publicValue.data(), &size) != 1 ||
        size != KeySize)
    {
        return openssl::Failure("X25519 key from private value");
    }
    m_key = std::move(key);
    return publicValue;
}

CryptoResult<Bytes>
X25519::DoComputeSharedSecret(const Bytes& peerPublicValue) const
{
    openssl::PkeyPtr peer(EVP_PKEY_new_raw_public_key_ex(nullptr,
                                                         "X25519",
                                                         nullptr,
                                                         peerPublicValue.data(),
                                                         peerPublicValue.size()));
    openssl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key.get(), nullptr));
    Bytes secret(KeySize);
    std::size_t size = secret.size();
    if (!peer || !ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
        EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) != 1)
    {
        return openssl::Failure("X25519 peer public value");
    }
    if (EVP_PKEY_derive(ctx.get(), secret.data(), &size) != 1)
    {
        // OpenSSL refuses an all-zero result, which a peer value of small
        // order produces (RFC 7748 section 6.1, RFC 8031 section 2.3).
        openssl::ClearErrors();
        return CryptoFailure{"X25519 peer public value yields an all-zero shared secret"};
    }
    // Checked here as well, so the guarantee does not rest on one OpenSSL
    // version's behaviour.
    static const Bytes zeros(KeySize, 0);
    if (size != KeySize || CRYPTO_memcmp(secret.data(), zeros.data(), KeySize) == 0)
    {
        return CryptoFailure{"X25519 peer public value yields an all-zero shared secret"};
    }
    return secret;
}

} // namespace ns3
