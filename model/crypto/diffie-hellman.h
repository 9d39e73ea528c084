/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_DIFFIE_HELLMAN_H
#define NATT_DIFFIE_HELLMAN_H

#include "crypto-types.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief One party's side of a Diffie-Hellman exchange in an IKE group.
 *
 * The private value is supplied by the caller, drawn from an ns-3 random
 * stream, so that a seed reproduces a run; OpenSSL never picks one. Groups
 * are named by their IANA "Transform Type 4" numbers, which IKEv1 (RFC 2409
 * section 6, RFC 3526) and IKEv2 (RFC 7296 section 3.3.2) share.
 *
 * Public entry points check lengths and state; subclasses implement the
 * arithmetic in the private Do* methods.
 */
class DiffieHellman
{
  public:
    /// IANA group numbers natt implements.
    static constexpr uint16_t Modp1024 = 2;    ///< RFC 2409 section 6.2
    static constexpr uint16_t Modp1536 = 5;    ///< RFC 3526 section 2
    static constexpr uint16_t Modp2048 = 14;   ///< RFC 3526 section 3
    static constexpr uint16_t Curve25519 = 31; ///< RFC 8031

    virtual ~DiffieHellman() = default;

    /// \return a party for \p group, or nullptr if natt does not implement it
    static std::unique_ptr<DiffieHellman> Create(uint16_t group);
    /// \return true if Create(\p group) succeeds
    static bool IsSupported(uint16_t group);

    /// \return the IANA group number
    virtual uint16_t GetGroup() const = 0;
    /// \return how many random bytes a caller should draw for SetPrivateValue
    virtual std::size_t GetPrivateValueSize() const = 0;
    /// \return the length of public values and of the shared secret on the wire
    virtual std::size_t GetPublicValueSize() const = 0;

    /**
     * Set this party's private value, and compute its public value.
     *
     * \param privateValue random bytes from the caller (GetPrivateValueSize()
     *        of them; see the subclass for what it accepts)
     * \return failure if the bytes are not a usable private value
     */
    CryptoStatus SetPrivateValue(const Bytes& privateValue);

    /// \return true once SetPrivateValue has succeeded
    bool HasPrivateValue() const;

    /// \return this party's public value, GetPublicValueSize() bytes (empty before SetPrivateValue)
    const Bytes& GetPublicValue() const;

    /**
     * \param peerPublicValue the other party's public value, as received
     * \return the shared secret, GetPublicValueSize() bytes, or failure if
     *         the peer's value is malformed or unsafe (a hostile or broken
     *         peer is an ordinary event, reported, not fatal)
     *
     * The last successful result is kept: IKEv2 checks a peer's value when
     * IKE_SA_INIT arrives and derives its keys from it later (RFC 7296
     * section 2.14), and the group arithmetic is most of an exchange's cost
     * (about half a million instructions per x25519 derivation), so the
     * second call for the same value returns the kept secret.
     */
    CryptoResult<Bytes> ComputeSharedSecret(const Bytes& peerPublicValue) const;

  protected:
    DiffieHellman() = default;

  private:
    /// \return the public value for a private value of the right length
    virtual CryptoResult<Bytes> DoSetPrivateValue(const Bytes& privateValue) = 0;
    /// \return the shared secret for a peer value of the right length
    virtual CryptoResult<Bytes> DoComputeSharedSecret(const Bytes& peerPublicValue) const = 0;

    Bytes m_publicValue;
    mutable Bytes m_lastPeerValue; ///< the peer value of the kept secret (empty: none)
    mutable Bytes m_lastSecret;    ///< the secret ComputeSharedSecret last returned
};

} // namespace ns3

#endif /* NATT_DIFFIE_HELLMAN_H */
