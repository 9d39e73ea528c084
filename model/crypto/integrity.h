/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_INTEGRITY_H
#define NATT_INTEGRITY_H

#include "crypto-types.h"
#include "hmac.h"

namespace ns3
{

/**
 * \ingroup natt-crypto
 * The truncated-HMAC integrity algorithms of ESP, AH and IKE.
 */
enum class IntegrityAlgorithm
{
    HmacSha1_96,    ///< RFC 2404: 160-bit key, 96-bit ICV
    HmacSha256_128, ///< RFC 4868: 256-bit key, 128-bit ICV
};

/**
 * \ingroup natt-crypto
 * \brief Computes and checks integrity check values (ICVs) with one key.
 *
 * Used for ESP / AH ICVs (RFC 4303 section 2.8, RFC 4302 section 3.3.3) and
 * the IKEv2 Encrypted payload's checksum (RFC 7296 section 3.14).
 */
class Integrity
{
  public:
    /**
     * \param algorithm the transform
     * \param key exactly GetKeySize(algorithm) bytes: RFC 2404 section 3 and
     *        RFC 4868 section 2.1.1 fix the key length
     * \return the keyed checker, or failure on a key of the wrong length
     */
    static CryptoResult<Integrity> Create(IntegrityAlgorithm algorithm, const Bytes& key);

    /// \return the ICV of \p data
    Bytes ComputeIcv(const Bytes& data);
    /// \return the ICV of \p size bytes at \p data
    Bytes ComputeIcv(const uint8_t* data, std::size_t size);
    /// \return true if \p icv is the ICV of \p data (compared in constant time)
    bool VerifyIcv(const Bytes& data, const Bytes& icv);

    IntegrityAlgorithm GetAlgorithm() const;
    /// \return the key length in bytes (20 or 32)
    static std::size_t GetKeySize(IntegrityAlgorithm algorithm);
    /// \return the ICV length in bytes (12 or 16)
    static std::size_t GetIcvSize(IntegrityAlgorithm algorithm);
    /// \return the underlying hash
    static HashAlgorithm GetHashAlgorithm(IntegrityAlgorithm algorithm);
    /// \return the name, e.g. "HMAC-SHA-256-128"
    static const char* GetName(IntegrityAlgorithm algorithm);

  private:
    Integrity(IntegrityAlgorithm algorithm, const Bytes& key);

    IntegrityAlgorithm m_algorithm;
    Hmac m_hmac;
};

} // namespace ns3

#endif /* NATT_INTEGRITY_H */
