/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_PRF_H
#define NATT_PRF_H

#include "crypto-types.h"
#include "message-digest.h"

namespace ns3
{

/**
 * \ingroup natt-crypto
 * The pseudo-random functions natt's IKE negotiates.
 */
enum class PrfAlgorithm
{
    HmacSha1,   ///< PRF_HMAC_SHA1 (RFC 2104 / RFC 7296 section 3.3.2)
    HmacSha256, ///< PRF_HMAC_SHA2_256 (RFC 4868 section 2.1.2)
};

/**
 * \ingroup natt-crypto
 * \brief IKE's prf(key, data), and the key expansions built on it.
 *
 * IKEv1 (RFC 2409 section 5) and IKEv2 (RFC 7296 section 2.14) derive every
 * key as prf applications over concatenated fields; the IKE code composes
 * those itself from Compute. Two expansions have a shape of their own and
 * live here: IKEv2's prf+ and IKEv1's expansion of a short SKEYID_e.
 */
class Prf
{
  public:
    explicit Prf(PrfAlgorithm algorithm);

    /// \return prf(key, data), GetOutputSize() bytes
    Bytes Compute(const Bytes& key, const Bytes& data) const;

    /**
     * prf+ of RFC 7296 section 2.13: T1 | T2 | ... cut to \p size bytes,
     * where T1 = prf(K, S | 0x01) and Tn = prf(K, Tn-1 | S | n).
     *
     * \param key K
     * \param seed S
     * \param size how many bytes of keying material
     * \return the keying material, or failure beyond 255 blocks (the
     *         counter is one octet)
     */
    CryptoResult<Bytes> PrfPlus(const Bytes& key, const Bytes& seed, std::size_t size) const;

    /**
     * The IKEv1 encryption key from SKEYID_e (RFC 2409 section 5.3 and
     * appendix B): the leftmost \p size bytes of SKEYID_e when it is long
     * enough; otherwise of Ka = K1 | K2 | ..., where K1 = prf(SKEYID_e, 0x00)
     * and Kn = prf(SKEYID_e, Kn-1).
     *
     * \param skeyidE SKEYID_e
     * \param size the cipher's key length in bytes
     * \return the key
     */
    Bytes ExpandIkev1Key(const Bytes& skeyidE, std::size_t size) const;

    PrfAlgorithm GetAlgorithm() const;
    /// \return the hash the HMAC is built on
    HashAlgorithm GetHashAlgorithm() const;
    /// \return the output length in bytes (20 or 32)
    std::size_t GetOutputSize() const;
    /// \return the name, e.g. "PRF_HMAC_SHA2_256"
    const char* GetName() const;

  private:
    PrfAlgorithm m_algorithm;
};

} // namespace ns3

#endif /* NATT_PRF_H */
