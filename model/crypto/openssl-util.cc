/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "openssl-util.h"

#include <map>
#include <memory>
#include <mutex>
#include <openssl/crypto.h>
#include <openssl/err.h>

namespace ns3
{

namespace openssl
{

void
FreeX509Stack(STACK_OF(X509) * stack)
{
    sk_X509_pop_free(stack, X509_free);
}

CryptoFailure
Failure(const std::string& what)
{
    std::string reason = what;
    // The earliest entry is the root cause; later ones add context.
    unsigned long code = ERR_get_error();
    if (code != 0)
    {
        char text[256];
        ERR_error_string_n(code, text, sizeof(text));
        reason += ": ";
        reason += text;
    }
    ERR_clear_error();
    return CryptoFailure{reason};
}

void
ClearErrors()
{
    ERR_clear_error();
}

BignumPtr
ToBignum(const Bytes& bytes)
{
    return BignumPtr(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
}

Bytes
FromBignum(const BIGNUM* n, std::size_t size)
{
    if (static_cast<std::size_t>(BN_num_bytes(n)) > size)
    {
        return {};
    }
    Bytes out(size);
    if (BN_bn2binpad(n, out.data(), static_cast<int>(size)) < 0)
    {
        return {};
    }
    return out;
}

BioPtr
MemoryBio(const std::string& bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

const EVP_CIPHER*
FetchAes(const std::string& mode, std::size_t keySize)
{
    if (keySize != 16 && keySize != 24 && keySize != 32)
    {
        return nullptr;
    }

    // One fetch per (mode, size) for the life of the process: fetching is
    // a provider lookup that would otherwise cost a little on every key.
    // The cache owns its references and frees them at exit (LeakSanitizer
    // reported the fetched ciphers as leaks); a context that still uses
    // one holds a reference of its own (OpenSSL 3 EVP_CipherInit_ex).
    // OpenSSL is initialised before the cache is constructed, so that its
    // exit handler (OPENSSL_cleanup, registered by the first init) runs
    // after the cache's destructor, never before it. (Should the init fail,
    // so does the fetch below, and the caller is told.)
    [[maybe_unused]] static const int initialised = OPENSSL_init_crypto(0, nullptr);

    struct FreeCipher
    {
        void operator()(EVP_CIPHER* cipher) const
        {
            EVP_CIPHER_free(cipher);
        }
    };

    static std::map<std::pair<std::string, std::size_t>, std::unique_ptr<EVP_CIPHER, FreeCipher>>
        ciphers;
    static std::mutex lock;
    std::lock_guard<std::mutex> guard(lock);
    auto& cipher = ciphers[{mode, keySize}];
    if (!cipher)
    {
        std::string name = "AES-" + std::to_string(keySize * 8) + "-" + mode;
        cipher.reset(EVP_CIPHER_fetch(nullptr, name.c_str(), nullptr));
    }
    return cipher.get();
}

} // namespace openssl

} // namespace ns3
