/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_MESSAGE_DIGEST_H
#define NATT_MESSAGE_DIGEST_H

#include "crypto-types.h"
#include "openssl-util.h"

namespace ns3
{

/**
 * \ingroup natt-crypto
 * The hash functions IKE and ESP use here. MD5 serves only to recognise
 * vendor IDs (RFC 3947 section 3.1 and the drafts before it are MD5 hashes of
 * a text); it protects nothing.
 */
enum class HashAlgorithm
{
    Md5,
    Sha1,
    Sha256,
};

/**
 * \ingroup natt-crypto
 * \brief A message digest, in one call or fed piece by piece.
 *
 * The piecewise form suits the hashes IKE computes over concatenations of
 * fields, e.g. the NAT-D hash of RFC 3947 section 3.2 and RFC 7296 section
 * 2.23 (cookies, address, port).
 */
class MessageDigest
{
  public:
    explicit MessageDigest(HashAlgorithm algorithm);

    /// Feed more input.
    void Update(const Bytes& data);
    /// Feed more input.
    void Update(const uint8_t* data, std::size_t size);
    /// \return the digest of everything fed since construction or the last Final
    Bytes Final();

    /// \return the digest of \p data
    static Bytes Digest(HashAlgorithm algorithm, const Bytes& data);
    /// \return the digest length in bytes (16, 20, 32)
    static std::size_t GetSize(HashAlgorithm algorithm);
    /// \return the input block length in bytes (64 for all three)
    static std::size_t GetBlockSize(HashAlgorithm algorithm);
    /// \return the name for messages, e.g. "SHA-256"
    static const char* GetName(HashAlgorithm algorithm);

    /**
     * \return OpenSSL's implementation, fetched once and kept for the life of
     *         the process (an implicit fetch on every use costs a lock and a
     *         lookup per packet)
     */
    static const EVP_MD* GetMd(HashAlgorithm algorithm);

  private:
    HashAlgorithm m_algorithm;
    openssl::MdCtxPtr m_ctx;
};

} // namespace ns3

#endif /* NATT_MESSAGE_DIGEST_H */
