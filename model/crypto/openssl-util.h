/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_OPENSSL_UTIL_H
#define NATT_OPENSSL_UTIL_H

// Owning handles for OpenSSL objects and error reporting, shared by the
// crypto wrappers. Every OpenSSL object natt creates lives in one of these
// handles, so no early return can leak it.

#include "crypto-types.h"

#include <memory>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <string>

namespace ns3
{

namespace openssl
{

/// A deleter that calls an OpenSSL free function.
template <typename T, void (*Free)(T*)>
struct Deleter
{
    void operator()(T* p) const
    {
        Free(p);
    }
};

// BN_free and friends are declared with different argument types; these
// small adapters give every one the form the Deleter template takes.
void FreeX509Stack(STACK_OF(X509) * stack);

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX, EVP_MAC_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX, BN_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using X509StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), FreeX509Stack>>;

/**
 * Describe why the last OpenSSL call failed and empty OpenSSL's per-thread
 * error queue, so a stale entry never shows up in a later, unrelated report.
 *
 * \param what what natt was doing, e.g. "AES-GCM decrypt"
 * \return a CryptoFailure whose reason names \p what and OpenSSL's reason
 */
CryptoFailure Failure(const std::string& what);

/// Empty OpenSSL's per-thread error queue after an expected failure.
void ClearErrors();

/// \return a big-endian unsigned integer as a BIGNUM (null only when out of memory)
BignumPtr ToBignum(const Bytes& bytes);

/// \return \p n big-endian, left-padded with zeros to \p size bytes (empty if it does not fit)
Bytes FromBignum(const BIGNUM* n, std::size_t size);

/// \return a read-only memory BIO over \p bytes (valid while \p bytes lives)
BioPtr MemoryBio(const std::string& bytes);

/**
 * The AES cipher of \p mode ("CBC", "GCM") for a 16-, 24- or 32-byte key,
 * fetched once per process; nullptr for any other key size.
 */
const EVP_CIPHER* FetchAes(const std::string& mode, std::size_t keySize);

/**
 * DER-encode \p object with OpenSSL's i2d function \p encode
 * (i2d_X509, i2d_PUBKEY, ...); empty on failure.
 */
template <typename T, typename U>
Bytes
EncodeDer(int (*encode)(T*, unsigned char**), U* object)
{
    unsigned char* der = nullptr;
    int size = encode(object, &der);
    if (size <= 0)
    {
        ClearErrors();
        return {};
    }
    Bytes out(der, der + size);
    OPENSSL_free(der);
    return out;
}

} // namespace openssl

} // namespace ns3

#endif /* NATT_OPENSSL_UTIL_H */
