/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "aes-cbc.h"

#include <openssl/evp.h>

namespace ns3
{

namespace
{

/// \return OpenSSL's AES-CBC for the key length, fetched once per process
const EVP_CIPHER*
GetCipher(std::size_t keySize)
{
    return openssl::FetchAes("CBC", keySize);
}

} // namespace

CryptoResult<AesCbc>
AesCbc::Create(const Bytes& key)
{
    if (key.size() != 16 && key.size() != 24 && key.size() != 32)
    {
        return CryptoFailure{"AES key must be 16, 24 or 32 bytes, not " +
                             std::to_string(key.size())};
    }
    const EVP_CIPHER* cipher = GetCipher(key.size());
    if (cipher == nullptr)
    {
        return openssl::Failure("AES-CBC is not available");
    }
    AesCbc aes;
    aes.m_keySize = key.size();
    aes.m_encrypt.reset(EVP_CIPHER_CTX_new());
    aes.m_decrypt.reset(EVP_CIPHER_CTX_new());
    if (!aes.m_encrypt || !aes.m_decrypt ||
        EVP_EncryptInit_ex2(aes.m_encrypt.get(), cipher, key.data(), nullptr, nullptr) != 1 ||
        EVP_DecryptInit_ex2(aes.m_decrypt.get(), cipher, key.data(), nullptr, nullptr) != 1)
    {
        return openssl::Failure("AES-CBC key setup");
    }
    return aes;
}

CryptoResult<Bytes>
AesCbc::Run(EVP_CIPHER_CTX* ctx, const Bytes& iv, const Bytes& input, int encrypt)
{
    if (iv.size() != BlockSize)
    {
        return CryptoFailure{"AES-CBC IV must be 16 bytes, not " + std::to_string(iv.size())};
    }
    if (input.size() % BlockSize != 0)
    {
        return CryptoFailure{"AES-CBC input of " + std::to_string(input.size()) +
                             " bytes is not a whole number of blocks"};
    }
    // Only the IV changes; the key schedule set up in Create stays.
    if (EVP_CipherInit_ex2(ctx, nullptr, nullptr, iv.data(), encrypt, nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx, 0) != 1)
    {
        return openssl::Failure("AES-CBC IV setup");
    }
    Bytes output(input.size());
    int written = 0;
    int final = 0;
    if (!input.empty() && EVP_CipherUpdate(ctx,
                                           output.data(),
                                           &written,
                                           input.data(),
                                           static_cast<int>(input.size())) != 1)
    {
        return openssl::Failure(encrypt ? "AES-CBC encrypt" : "AES-CBC decrypt");
    }
    if (EVP_CipherFinal_ex(ctx, output.data() + written, &final) != 1)
    {
        return openssl::Failure(encrypt ? "AES-CBC encrypt" : "AES-CBC decrypt");
    }
    output.resize(static_cast<std::size_t>(written + final));
    return output;
}

CryptoResult<Bytes>
AesCbc::Encrypt(const Bytes& iv, const Bytes& plaintext)
{
    return Run(m_encrypt.get(), iv, plaintext, 1);
}

CryptoResult<Bytes>
AesCbc::Decrypt(const Bytes& iv, const Bytes& ciphertext)
{
    return Run(m_decrypt.get(), iv, ciphertext, 0);
}

std::size_t
AesCbc::GetKeySize() const
{
    return m_keySize;
}

} // namespace ns3
