/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_HMAC_H
#define NATT_HMAC_H

#include "crypto-types.h"
#include "message-digest.h"
#include "openssl-util.h"

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief HMAC (RFC 2104) over one of the hash functions, with a fixed key.
 *
 * The key is set once and the keyed state is reused for every message, as
 * an SA authenticates many packets with one key.
 */
class Hmac
{
  public:
    /**
     * \param algorithm the underlying hash
     * \param key any length; RFC 2104 hashes keys longer than a block
     */
    Hmac(HashAlgorithm algorithm, const Bytes& key);

    /// Feed more of the message.
    void Update(const Bytes& data);
    /// Feed more of the message.
    void Update(const uint8_t* data, std::size_t size);
    /// \return the full-length MAC of everything fed since the last Final
    Bytes Final();
    /// \return the full-length MAC of \p data alone
    Bytes Mac(const Bytes& data);

    HashAlgorithm GetAlgorithm() const;
    /// \return the full MAC length in bytes (the hash length)
    std::size_t GetSize() const;

    /// \return the full-length HMAC of \p data under \p key
    static Bytes Compute(HashAlgorithm algorithm, const Bytes& key, const Bytes& data);

    /**
     * \return the leftmost \p size bytes of \p mac, as RFC 2104 section 5
     *         truncates (HMAC-SHA1-96, RFC 2404; HMAC-SHA-256-128, RFC 4868)
     */
    static Bytes Truncate(const Bytes& mac, std::size_t size);

  private:
    HashAlgorithm m_algorithm;
    openssl::MacCtxPtr m_ctx;
};

/// \return HMAC-SHA1 (RFC 2104 with SHA-1), 20 bytes
Bytes HmacSha1(const Bytes& key, const Bytes& data);
/// \return HMAC-SHA-256 (RFC 2104 with SHA-256), 32 bytes
Bytes HmacSha256(const Bytes& key, const Bytes& data);

} // namespace ns3

#endif /* NATT_HMAC_H */
