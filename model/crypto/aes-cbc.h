/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_AES_CBC_H
#define NATT_AES_CBC_H

#include "crypto-types.h"
#include "openssl-util.h"

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief AES in CBC mode (RFC 3602) with one key and an explicit IV per message.
 *
 * No padding is added or removed: ESP (RFC 4303 section 2.4) and IKE
 * (RFC 7296 section 3.14, RFC 2409 appendix B) each pad in their own way, so
 * the caller pads to whole blocks before encrypting and strips its own
 * padding after decrypting. OpenSSL's PKCS#7 padding would corrupt both.
 */
class AesCbc
{
  public:
    /// AES block length in bytes, also the IV length (RFC 3602 section 2.1).
    static constexpr std::size_t BlockSize = 16;

    /**
     * \param key 16, 24 or 32 bytes (AES-128, AES-192, AES-256)
     * \return the keyed cipher, or failure on any other key length
     */
    static CryptoResult<AesCbc> Create(const Bytes& key);

    /**
     * \param iv BlockSize bytes
     * \param plaintext a whole number of blocks (may be empty)
     * \return the ciphertext, as long as \p plaintext, or failure on a bad length
     */
    CryptoResult<Bytes> Encrypt(const Bytes& iv, const Bytes& plaintext);

    /**
     * \param iv BlockSize bytes
     * \param ciphertext a whole number of blocks (may be empty)
     * \return the plaintext, padding still in place, or failure on a bad length
     */
    CryptoResult<Bytes> Decrypt(const Bytes& iv, const Bytes& ciphertext);

    /// \return the key length in bytes
    std::size_t GetKeySize() const;

  private:
    AesCbc() = default;

    CryptoResult<Bytes> Run(EVP_CIPHER_CTX* ctx, const Bytes& iv, const Bytes& input, int encrypt);

    // Separate contexts: an AES decryption key schedule differs from the
    // encryption one, and each is expanded once for the life of the key.
    openssl::CipherCtxPtr m_encrypt;
    openssl::CipherCtxPtr m_decrypt;
    std::size_t m_keySize{0};
};

} // namespace ns3

#endif /* NATT_AES_CBC_H */
