/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RSA_PRIVATE_KEY_H
#define NATT_RSA_PRIVATE_KEY_H

#include "crypto-types.h"
#include "message-digest.h"
#include "openssl-util.h"
#include "rsa-public-key.h"

#include <memory>
#include <string>

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief An RSA private key, loaded from PEM, that makes PKCS#1 v1.5 signatures.
 *
 * Keys are never generated here: generation draws from the system's random
 * generator and would make a run irreproducible. Load the committed test
 * keys (TestPki) or a user's own. PKCS#1 v1.5 signing is deterministic, so
 * a signature depends on nothing but the key and the input. See
 * RsaPublicKey for the two kinds of signature.
 *
 * Copies share the underlying key.
 */
class RsaPrivateKey
{
  public:
    /// \return the key from unencrypted PEM ("PRIVATE KEY" or "RSA PRIVATE KEY")
    static CryptoResult<RsaPrivateKey> FromPem(const std::string& pem);
    /// \return the key from a PEM file
    static CryptoResult<RsaPrivateKey> FromPemFile(const std::string& path);

    /// \return a PKCS#1 v1.5 signature with DigestInfo over \p data hashed with \p hash
    CryptoResult<Bytes> SignDigestInfo(HashAlgorithm hash, const Bytes& data) const;

    /**
     * \param hash the bytes to sign as they are (IKEv1's HASH_I / HASH_R);
     *        at most GetModulusSize() - 11 bytes (RFC 8017 section 7.2.1)
     * \return a PKCS#1 type 1 signature over \p hash without DigestInfo
     */
    CryptoResult<Bytes> SignRaw(const Bytes& hash) const;

    /// \return the matching public key
    RsaPublicKey GetPublicKey() const;
    /// \return the modulus length in bytes, which is also the signature length
    std::size_t GetModulusSize() const;

  private:
    explicit RsaPrivateKey(std::shared_ptr<EVP_PKEY> key);

    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace ns3

#endif /* NATT_RSA_PRIVATE_KEY_H */
