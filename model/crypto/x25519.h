/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_X25519_H
#define NATT_X25519_H

#include "diffie-hellman.h"
#include "openssl-util.h"

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief Diffie-Hellman with X25519 (RFC 7748), IKE group 31 (RFC 8031).
 *
 * The private value is 32 random bytes; X25519 clamps them itself (RFC 7748
 * section 5), so every 32-byte string is usable. Public values and the
 * shared secret are 32 bytes, little-endian as RFC 8031 section 2 carries
 * them in the KE payload.
 */
class X25519 : public DiffieHellman
{
  public:
    static constexpr std::size_t KeySize = 32;

    X25519() = default;

    uint16_t GetGroup() const override;
    std::size_t GetPrivateValueSize() const override;
    std::size_t GetPublicValueSize() const override;

  private:
    CryptoResult<Bytes> DoSetPrivateValue(const Bytes& privateValue) override;
    CryptoResult<Bytes> DoComputeSharedSecret(const Bytes& peerPublicValue) const override;

    openssl::PkeyPtr m_key;
};

} // namespace ns3

#endif /* NATT_X25519_H */
