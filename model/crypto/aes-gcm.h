/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_AES_GCM_H
#define NATT_AES_GCM_H

#include "crypto-types.h"
#include "openssl-util.h"

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief AES-GCM as ESP uses it (RFC 4106), and IKEv2 too (RFC 5282).
 *
 * The key material negotiated for the SA is the AES key followed by a 4-byte
 * salt (RFC 4106 section 8.1). Each packet carries an 8-byte IV; the 12-byte
 * GCM nonce is salt || IV (RFC 4106 section 4). The ICV (the GCM tag) is
 * appended to the ciphertext, 16 bytes unless the SA negotiated 8 or 12.
 */
class AesGcm
{
  public:
    static constexpr std::size_t SaltSize = 4;
    static constexpr std::size_t IvSize = 8;
    static constexpr std::size_t NonceSize = SaltSize + IvSize;

    /**
     * \param keyMaterial AES key (16, 24 or 32 bytes) followed by the 4-byte salt
     * \param icvSize 16, 12 or 8 (RFC 4106 section 6)
     * \return the keyed cipher, or failure on a bad length
     */
    static CryptoResult<AesGcm> Create(const Bytes& keyMaterial, std::size_t icvSize = 16);

    /**
     * \param iv the packet's IvSize-byte IV; never reuse one under a key
     * \param aad the additional authenticated data (for ESP: SPI and
     *        sequence number, RFC 4106 section 5)
     * \param plaintext any length; GCM needs no padding (ESP still pads for
     *        its own alignment)
     * \return ciphertext || ICV
     */
    CryptoResult<Bytes> Encrypt(const Bytes& iv, const Bytes& aad, const Bytes& plaintext);

    /**
     * \param iv the packet's IV
     * \param aad the additional authenticated data
     * \param ciphertextAndIcv what Encrypt returned
     * \return the plaintext, or failure if the ICV does not authenticate
     *         (a forged or altered packet is an ordinary outcome here)
     */
    CryptoResult<Bytes> Decrypt(const Bytes& iv, const Bytes& aad, const Bytes& ciphertextAndIcv);

    /// \return salt || iv, the nonce RFC 4106 section 4 builds
    static Bytes MakeNonce(const Bytes& salt, const Bytes& iv);

    /// \return the AES key length in bytes (without the salt)
    std::size_t GetKeySize() const;
    /// \return the ICV length in bytes
    std::size_t GetIcvSize() const;
    /// \return the salt taken from the key material
    const Bytes& GetSalt() const;

  private:
    AesGcm() = default;

    CryptoStatus Start(EVP_CIPHER_CTX* ctx, const Bytes& iv, const Bytes& aad, int encrypt);

    openssl::CipherCtxPtr m_encrypt;
    openssl::CipherCtxPtr m_decrypt;
    Bytes m_salt;
    std::size_t m_keySize{0};
    std::size_t m_icvSize{16};
};

} // namespace ns3

#endif /* NATT_AES_GCM_H */
