/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_KEYS_H
#define NATT_IKEV1_KEYS_H

#include "ns3/crypto-types.h"
#include "ns3/diffie-hellman.h"
#include "ns3/message-digest.h"
#include "ns3/prf.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <map>
#include <memory>

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief The keying material of one ISAKMP SA (RFC 2409 section 5 and
 * appendix B): SKEYID and its three children, the AES-CBC key, and the IV
 * state (phase-1 chaining, one IV per phase-2 message ID).
 *
 * IKEv1 has no separate integrity key for ISAKMP messages: the negotiated
 * hash is the PRF (HMAC) and the plain hash for the IVs and NAT-D.
 */
class Ikev1Keys : public SimpleRefCount<Ikev1Keys>
{
  public:
    /// \param prf 2 (PRF_HMAC_SHA1) or 5 (PRF_HMAC_SHA2_256), IkeProposal numbering
    Ikev1Keys(uint16_t prf, uint16_t encryptionKeyBits);

    /// The IKEv1 hash attribute value for \p prf (RFC 2409 appendix A).
    static uint16_t HashAttributeFor(uint16_t prf);
    /// \return the IkeProposal PRF for the IKEv1 hash attribute \p hash, or 0
    static uint16_t PrfForHashAttribute(uint16_t hash);

    const Prf& GetPrf() const;
    HashAlgorithm GetHash() const;

    /// SKEYID for pre-shared keys: prf(key, Ni_b | Nr_b).
    void DeriveSkeyidPsk(const Bytes& psk, const Bytes& ni, const Bytes& nr);
    /// SKEYID for signatures: prf(Ni_b | Nr_b, g^xy).
    void DeriveSkeyidSig(const Bytes& ni, const Bytes& nr, const Bytes& gxy);
    /**
     * SKEYID_d, _a, _e and the encryption key (RFC 2409 5, appendix B),
     * and the first phase-1 IV hash(g^xi | g^xr).
     */
    void DeriveKeys(const Bytes& gxy,
                    const Bytes& ckyI,
                    const Bytes& ckyR,
                    const Bytes& gxi,
                    const Bytes& gxr);

    const Bytes& GetSkeyid() const;
    const Bytes& GetSkeyidD() const;
    const Bytes& GetSkeyidA() const;
    const Bytes& GetSkeyidE() const;
    const Bytes& GetEncryptionKey() const;
    bool IsReady() const;

    /**
     * HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b) and
     * HASH_R with the roles swapped (RFC 2409 5).
     */
    Bytes ComputeAuthHash(bool ofInitiator,
                          const Bytes& gxi,
                          const Bytes& gxr,
                          const Bytes& ckyI,
                          const Bytes& ckyR,
                          const Bytes& saiB,
                          const Bytes& idB) const;
    /// prf(SKEYID_a, data): HASH(1)(2)(3) and the Informational HASH.
    Bytes PrfA(const Bytes& data) const;
    /**
     * Quick Mode KEYMAT (RFC 2409 5.5), expanded to \p size bytes:
     * K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b),
     * Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b).
     */
    Bytes ComputeKeymat(const Bytes& gqmxy,
                        uint8_t protocol,
                        uint32_t spi,
                        const Bytes& ni,
                        const Bytes& nr,
                        std::size_t size) const;

    /// Encrypt a whole-block body for \p messageId, advancing its IV (appendix B).
    Bytes Encrypt(uint32_t messageId, const Bytes& paddedPlaintext);
    /// Decrypt a body for \p messageId, advancing its IV; empty on a bad length.
    Bytes Decrypt(uint32_t messageId, const Bytes& ciphertext);
    /// Phase 1 ended: later message IDs start from the IV phase 1 left.
    void EndPhase1();
    /// The current IV of \p messageId (computed on first use for phase 2).
    Bytes GetIv(uint32_t messageId);

    /// Drop the IV of a finished exchange (an SA lives for hours; its exchanges do not).
    void ForgetIv(uint32_t messageId);

    /// hash(data) with the negotiated hash (NAT-D, IVs).
    Bytes Hash(const Bytes& data) const;

  private:
    Prf m_prf;
    std::size_t m_keyBytes;
    Bytes m_skeyid;
    Bytes m_skeyidD;
    Bytes m_skeyidA;
    Bytes m_skeyidE;
    Bytes m_encryptionKey;
    Bytes m_phase1Iv; ///< chains through phase 1 (message ID 0)
    bool m_phase1Ended{false};
    std::map<uint32_t, Bytes> m_ivs; ///< phase 2 and Informational, by message ID
};

} // namespace ns3

#endif /* NATT_IKEV1_KEYS_H */
