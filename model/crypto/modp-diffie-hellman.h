/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_MODP_DIFFIE_HELLMAN_H
#define NATT_MODP_DIFFIE_HELLMAN_H

#include "diffie-hellman.h"
#include "openssl-util.h"

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief Diffie-Hellman over the MODP groups 2, 5 and 14 (RFC 2409, RFC 3526).
 *
 * The private value x is a big-endian integer from the caller with
 * 1 < x < p-1. natt draws 32 bytes (256 bits): RFC 3526 section 8 rates
 * group 14 at 110 to 160 bits of strength and asks for an exponent of at
 * least twice that, and a short exponent keeps g^x cheap when thousands of
 * hosts negotiate. Public values and the shared secret are zero-padded to
 * the length of p (RFC 7296 section 3.4; RFC 2409 section 5 uses g^xy as
 * that fixed-length string).
 */
class ModpDiffieHellman : public DiffieHellman
{
  public:
    /// \return a party for MODP \p group (2, 5 or 14), or nullptr for any other group
    static std::unique_ptr<ModpDiffieHellman> Create(uint16_t group);

    uint16_t GetGroup() const override;
    std::size_t GetPrivateValueSize() const override;
    std::size_t GetPublicValueSize() const override;

    /// \return the group's prime p, GetPublicValueSize() bytes
    Bytes GetPrime() const;

  private:
    ModpDiffieHellman(uint16_t group, openssl::BignumPtr prime);

    CryptoResult<Bytes> DoSetPrivateValue(const Bytes& privateValue) override;
    CryptoResult<Bytes> DoComputeSharedSecret(const Bytes& peerPublicValue) const override;

    /// \return a DH key over this group with public value \p y and, if given, private value \p x
    CryptoResult<openssl::PkeyPtr> MakeKey(const BIGNUM* y, const BIGNUM* x) const;
    /// \return true if 1 < \p n < p-1
    bool IsInRange(const BIGNUM* n) const;

    uint16_t m_group;
    openssl::BignumPtr m_prime;
    openssl::BignumPtr m_generator;
    openssl::PkeyPtr m_key;
};

} // namespace ns3

#endif /* NATT_MODP_DIFFIE_HELLMAN_H */
