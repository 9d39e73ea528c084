/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "aes-gcm.h"

#include <openssl/evp.h>

namespace ns3
{

namespace
{

/// The full GCM tag length; shorter ICVs are its leftmost bytes.
constexpr std::size_t FullTagSize = 16;

/// \return OpenSSL's AES-GCM for the key length, fetched once per process
const EVP_CIPHER*
GetCipher(std::size_t keySize)
{
    return openssl::FetchAes("GCM", keySize);
}

} // namespace

CryptoResult<AesGcm>
AesGcm::Create(const Bytes& keyMaterial, std::size_t icvSize)
{
    const std::size_t keySize = keyMaterial.size() - std::min(keyMaterial.size(), SaltSize);
    if (keySize != 16 && keySize != 24 && keySize != 32)
    {
        return CryptoFailure{"AES-GCM key material must be a 16, 24 or 32-byte key plus a 4-byte "
                             "salt, not " +
                             std::to_string(keyMaterial.size()) + " bytes"};
    }
    if (icvSize != 8 && icvSize != 12 && icvSize != 16)
    {
        return CryptoFailure{"AES-GCM ICV must be 8, 12 or 16 bytes, not " +
                             std::to_string(icvSize)};
    }
    const EVP_CIPHER* cipher = GetCipher(keySize);
    if (cipher == nullptr)
    {
        return openssl::Failure("AES-GCM is not available");
    }
    AesGcm gcm;
    gcm.m_keySize = keySize;
    gcm.m_icvSize = icvSize;
    gcm.m_salt.assign(keyMaterial.end() - SaltSize, keyMaterial.end());
    gcm.m_encrypt.reset(EVP_CIPHER_CTX_new());
    gcm.m_decrypt.reset(EVP_CIPHER_CTX_new());
    // 12 bytes is OpenSSL's default GCM nonce length, which RFC 4106's
    // salt || IV fills exactly, so no IV-length parameter is needed.
    if (!gcm.m_encrypt || !gcm.m_decrypt ||
        EVP_EncryptInit_ex2(gcm.m_encrypt.get(), cipher, keyMaterial.data(), nullptr, nullptr) !=
            1 ||
        EVP_DecryptInit_ex2(gcm.m_decrypt.get(), cipher, keyMaterial.data(), nullptr, nullptr) != 1)
    {
        return openssl::Failure("AES-GCM key setup");
    }
    return gcm;
}

Bytes
AesGcm::MakeNonce(const Bytes& salt, const Bytes& iv)
{
    return Concat(salt, iv);
}

CryptoStatus
AesGcm::Start(EVP_CIPHER_CTX* ctx, const Bytes& iv, const Bytes& aad, int encrypt)
{
    if (iv.size() != IvSize)
    {
        return CryptoFailure{"AES-GCM IV must be 8 bytes, not " + std::to_string(iv.size())};
    }
    const Bytes nonce = MakeNonce(m_salt, iv);
    int written = 0;
    if (EVP_CipherInit_ex2(ctx, nullptr, nullptr, nonce.data(), encrypt, nullptr) != 1 ||
        (!aad.empty() &&
         EVP_CipherUpdate(ctx, nullptr, &written, aad.data(), static_cast<int>(aad.size())) != 1))
    {
        return openssl::Failure("AES-GCM nonce and AAD");
    }
    return CryptoStatus();
}

CryptoResult<Bytes>
AesGcm::Encrypt(const Bytes& iv, const Bytes& aad, const Bytes& plaintext)
{
    EVP_CIPHER_CTX* ctx = m_encrypt.get();
    if (auto started = Start(ctx, iv, aad, 1); !started)
    {
        return CryptoFailure{started.GetReason()};
    }
    Bytes output(plaintext.size() + FullTagSize);
    int written = 0;
    int final = 0;
    if ((!plaintext.empty() && EVP_EncryptUpdate(ctx,
                                                 output.data(),
                                                 &written,
                                                 plaintext.data(),
                                                 static_cast<int>(plaintext.size())) != 1) ||
        EVP_EncryptFinal_ex(ctx, output.data() + written, &final) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx,
                            EVP_CTRL_GCM_GET_TAG,
                            static_cast<int>(FullTagSize),
                            output.data() + plaintext.size()) != 1)
    {
        return openssl::Failure("AES-GCM encrypt");
    }
    // A truncated ICV is the tag's leftmost bytes (NIST SP 800-38D 7.1).
    output.resize(plaintext.size() + m_icvSize);
    return output;
}

CryptoResult<Bytes>
AesGcm::Decrypt(const Bytes& iv, const Bytes& aad, const Bytes& ciphertextAndIcv)
{
    if (ciphertextAndIcv.size() < m_icvSize)
    {
        return CryptoFailure{"AES-GCM input shorter than its ICV"};
    }
    EVP_CIPHER_CTX* ctx = m_decrypt.get();
    if (auto started = Start(ctx, iv, aad, 0); !started)
    {
        return CryptoFailure{started.GetReason()};
    }
    const std::size_t size = ciphertextAndIcv.size() - m_icvSize;
    Bytes icv(ciphertextAndIcv.begin() + size, ciphertextAndIcv.end());
    Bytes output(size);
    int written = 0;
    int final = 0;
    if ((size > 0 && EVP_DecryptUpdate(ctx,
                                       output.data(),
                                       &written,
                                       ciphertextAndIcv.data(),
                                       static_cast<int>(size)) != 1) ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, static_cast<int>(m_icvSize), icv.data()) !=
            1)
    {
        return openssl::Failure("AES-GCM decrypt");
    }
    if (EVP_DecryptFinal_ex(ctx, output.data() + written, &final) != 1)
    {
        // The tag did not match: altered ciphertext, AAD or IV, or a wrong key.
        openssl::ClearErrors();
        return CryptoFailure{"AES-GCM ICV does not authenticate the packet"};
    }
    output.resize(static_cast<std::size_t>(written + final));
    return output;
}

std::size_t
AesGcm::GetKeySize() const
{
    return m_keySize;
}

std::size_t
AesGcm::GetIcvSize() const
{
    return m_icvSize;
}

const Bytes&
AesGcm::GetSalt() const
{
    return m_salt;
}

} // namespace ns3
