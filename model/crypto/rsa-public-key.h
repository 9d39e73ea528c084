/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RSA_PUBLIC_KEY_H
#define NATT_RSA_PUBLIC_KEY_H

#include "crypto-types.h"
#include "message-digest.h"
#include "openssl-util.h"

#include <memory>
#include <string>

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief An RSA public key that verifies PKCS#1 v1.5 signatures.
 *
 * Two kinds of signature occur in IKE:
 * - with DigestInfo (RFC 8017 section 8.2): the hash is wrapped in the ASN.1
 *   structure naming the hash algorithm, as IKEv2's "RSA Digital Signature"
 *   authentication method uses it (RFC 7296 section 3.8);
 * - raw: the bytes given (IKEv1's HASH_I / HASH_R) are padded with PKCS#1
 *   block type 1 and signed as they are, without DigestInfo (RFC 2409
 *   section 5.1, as deployed IKEv1 implementations sign).
 *
 * Copies share the underlying key.
 */
class RsaPublicKey
{
  public:
    /// \return the key from a PEM "PUBLIC KEY" (SubjectPublicKeyInfo)
    static CryptoResult<RsaPublicKey> FromPem(const std::string& pem);
    /// \return the key from a DER SubjectPublicKeyInfo
    static CryptoResult<RsaPublicKey> FromDer(const Bytes& der);
    /// \return the key held by \p key, if it is an RSA key (takes a reference)
    static CryptoResult<RsaPublicKey> FromPkey(EVP_PKEY* key);

    /// \return the DER SubjectPublicKeyInfo (what IKEv2's CERTREQ hashes for a CA)
    Bytes GetDer() const;
    /// \return the modulus length in bytes, which is also the signature length
    std::size_t GetModulusSize() const;

    /**
     * \return success if \p signature is a PKCS#1 v1.5 signature with
     *         DigestInfo over \p data hashed with \p hash
     */
    CryptoStatus VerifyDigestInfo(HashAlgorithm hash,
                                  const Bytes& data,
                                  const Bytes& signature) const;

    /**
     * \return success if \p signature is \p hash, PKCS#1 type 1 padded,
     *         signed as it is (no DigestInfo)
     */
    CryptoStatus VerifyRaw(const Bytes& hash, const Bytes& signature) const;

    /// \return OpenSSL's key, for other wrappers
    EVP_PKEY* GetPkey() const;

  private:
    explicit RsaPublicKey(std::shared_ptr<EVP_PKEY> key);

    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace ns3

#endif /* NATT_RSA_PUBLIC_KEY_H */
