/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "modp-diffie-hellman.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>

namespace ns3
{

namespace
{

/// Exponent length natt draws, in bytes (see the class description).
constexpr std::size_t PrivateValueSize = 32;

using ParamBldPtr =
    std::unique_ptr<OSSL_PARAM_BLD, openssl::Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, openssl::Deleter<OSSL_PARAM, OSSL_PARAM_free>>;

} // namespace

std::unique_ptr<ModpDiffieHellman>
ModpDiffieHellman::Create(uint16_t group)
{
    // The primes are the published constants (RFC 2409 section 6.2, RFC 3526
    // sections 2 and 3) as OpenSSL ships them; the tests check them against
    // the RFC. All three groups use the generator 2.
    openssl::BignumPtr prime;
    switch (group)
    {
    case Modp1024:
        prime.reset(BN_get_rfc2409_prime_1024(nullptr));
        break;
    case Modp1536:
        prime.reset(BN_get_rfc3526_prime_1536(nullptr));
        break;
    case Modp2048:
        prime.reset(BN_get_rfc3526_prime_2048(nullptr));
        break;
    default:
        return nullptr;
    }
    if (!prime)
    {
        return nullptr;
    }
    return std::unique_ptr<ModpDiffieHellman>(new ModpDiffieHellman(group, std::move(prime)));
}

ModpDiffieHellman::ModpDiffieHellman(uint16_t group, openssl::BignumPtr prime)
    : m_group(group),
      m_prime(std::move(prime)),
      m_generator(BN_new())
{
    NS_ABORT_MSG_IF(!m_generator || BN_set_word(m_generator.get(), 2) != 1, "out of memory");
}

uint16_t
ModpDiffieHellman::GetGroup() const
{
    return m_group;
}

std::size_t
ModpDiffieHellman::GetPrivateValueSize() const
{
    return PrivateValueSize;
}

std::size_t
ModpDiffieHellman::GetPublicValueSize() const
{
    return static_cast<std::size_t>(BN_num_bytes(m_prime.get()));
}

Bytes
ModpDiffieHellman::GetPrime() const
{
    return openssl::FromBignum(m_prime.get(), GetPublicValueSize());
}

bool
ModpDiffieHellman::IsInRange(const BIGNUM* n) const
{
    // 1 < n < p-1: 0, 1 and p-1 lie in subgroups of order 1 or 2 and would
    // make the shared secret guessable (RFC 6989 section 2).
    openssl::BignumPtr pMinusOne(BN_dup(m_prime.get()));
    if (!pMinusOne || BN_sub_word(pMinusOne.get(), 1) != 1)
    {
        return false;
    }
    return BN_cmp(n, BN_value_one()) > 0 && BN_cmp(n, pMinusOne.get()) < 0;
}

CryptoResult<openssl::PkeyPtr>
ModpDiffieHellman::MakeKey(const BIGNUM* y, const BIGNUM* x) const
{
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_FFC_P, m_prime.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_FFC_G, m_generator.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, y) != 1 ||
        (x != nullptr && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, x) != 1))
    {
        return openssl::Failure("MODP key parameters");
    }
    ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    openssl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
    EVP_PKEY* key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(),
                          &key,
                          x != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                          params.get()) != 1)
    {
        return openssl::Failure("MODP key import");
    }
    return openssl::PkeyPtr(key);
}

CryptoResult<Bytes>
ModpDiffieHellman::DoSetPrivateValue(const Bytes& privateValue)
{
    openssl::BignumPtr x = openssl::ToBignum(privateValue);
    if (!x)
    {
        return openssl::Failure("MODP private value");
    }
    // 0 < x < p-1. x = 1 (public value g) is weak but allowed so that tests
    // can check g itself; 32 drawn bytes are never that small in practice.
    if (BN_is_zero(x.get()) || (!BN_is_one(x.get()) && !IsInRange(x.get())))
    {
        return CryptoFailure{"MODP private value must satisfy 0 < x < p-1"};
    }
    // OpenSSL 3.0 does not derive the public value when a DH key is imported
    // from its private value, so y = g^x mod p is computed here. The
    // exponent is secret: the constant-time ladder is asked for.
    BN_set_flags(x.get(), BN_FLG_CONSTTIME);
    openssl::BnCtxPtr bnCtx(BN_CTX_new());
    openssl::BignumPtr y(BN_new());
    if (!bnCtx || !y ||
        BN_mod_exp(y.get(), m_generator.get(), x.get(), m_prime.get(), bnCtx.get()) != 1)
    {
        return openssl::Failure("MODP public value");
    }
    auto key = MakeKey(y.get(), x.get());
    if (!key)
    {
        return CryptoFailure{key.GetReason()};
    }
    m_key = std::move(key).GetValue();
    return openssl::FromBignum(y.get(), GetPublicValueSize());
}

CryptoResult<Bytes>
ModpDiffieHellman::DoComputeSharedSecret(const Bytes& peerPublicValue) const
{
    openssl::BignumPtr y = openssl::ToBignum(peerPublicValue);
    if (!y)
    {
        return openssl::Failure("MODP peer public value");
    }
    if (!IsInRange(y.get()))
    {
        return CryptoFailure{"MODP peer public value out of range (must be 1 < y < p-1)"};
    }
    // The range check above is the whole check: the primes are safe primes,
    // so the only small subgroups are those of order 1 and 2 (RFC 6989
    // section 2). OpenSSL's own peer validation would add y^q mod p, a
    // second full-size exponentiation per exchange, so it is switched off.
    auto peer = MakeKey(y.get(), nullptr);
    if (!peer)
    {
        return CryptoFailure{peer.GetReason()};
    }
    openssl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key.get(), nullptr));
    std::size_t size = 0;
    // Padding on: g^xy comes back at the full length of p, leading zeros
    // kept, which is the form both IKE versions feed to their PRF.
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_dh_pad(ctx.get(), 1) != 1 ||
        EVP_PKEY_derive_set_peer_ex(ctx.get(), peer->get(), 0) != 1 ||
        EVP_PKEY_derive(ctx.get(), nullptr, &size) != 1)
    {
        return openssl::Failure("MODP shared secret");
    }
    Bytes secret(size);
    if (EVP_PKEY_derive(ctx.get(), secret.data(), &size) != 1)
    {
        return openssl::Failure("MODP shared secret");
    }
    secret.resize(size);
    if (secret.size() < GetPublicValueSize())
    {
        secret.insert(secret.begin(), GetPublicValueSize() - secret.size(), 0x00);
    }
    return secret;
}

} // namespace ns3
