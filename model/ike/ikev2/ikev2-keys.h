/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_KEYS_H
#define NATT_IKEV2_KEYS_H

#include "ns3/crypto-types.h"
#include "ns3/ike-config.h"
#include "ns3/integrity.h"
#include "ns3/prf.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup natt-ikev2
 * \brief The keying material of one IKEv2 SA (RFC 7296 2.14, 2.17, 2.18):
 * SKEYSEED and the seven SK_* keys, and child SA KEYMAT derived from SK_d.
 *
 * The algorithms are those of the IKE SA's negotiated proposal; natt
 * supports HMAC PRFs only, so the whole Ni | Nr is the PRF key.
 */
class Ikev2Keys
{
  public:
    Ikev2Keys() = default;
    explicit Ikev2Keys(const IkeProposal& proposal);

    /// \return true if natt implements every algorithm of \p proposal
    static bool IsSupported(const IkeProposal& proposal);

    /**
     * RFC 7296 2.14: SKEYSEED = prf(Ni | Nr, g^ir), then
     * {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr}
     * = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr).
     */
    void Derive(const Bytes& sharedSecret,
                const Bytes& nonceI,
                const Bytes& nonceR,
                uint64_t spiI,
                uint64_t spiR);
    /**
     * RFC 7296 2.18: a rekeyed IKE SA's SKEYSEED = prf(SK_d (old), g^ir (new)
     * | Ni | Nr); the SK_* follow as in 2.14 with the new SA's SPIs.
     */
    void DeriveRekeyed(const Bytes& oldSkD,
                       const Bytes& sharedSecret,
                       const Bytes& nonceI,
                       const Bytes& nonceR,
                       uint64_t spiI,
                       uint64_t spiR);
    /// RFC 7296 2.17: KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr), \p size bytes.
    Bytes DeriveChildKeymat(const Bytes& sharedSecret,
                            const Bytes& nonceI,
                            const Bytes& nonceR,
                            std::size_t size) const;

    /// prf(key, data) with the SA's PRF.
    Bytes ComputePrf(const Bytes& key, const Bytes& data) const;

    const IkeProposal& GetProposal() const;
    PrfAlgorithm GetPrfAlgorithm() const;
    IntegrityAlgorithm GetIntegrityAlgorithm() const;
    std::size_t GetEncryptionKeySize() const;
    std::size_t GetIcvSize() const;

    const Bytes& GetSkeyseed() const;
    const Bytes& GetSkD() const;
    const Bytes& GetSkAi() const;
    const Bytes& GetSkAr() const;
    const Bytes& GetSkEi() const;
    const Bytes& GetSkEr() const;
    const Bytes& GetSkPi() const;
    const Bytes& GetSkPr() const;

    /// Wireshark 4.0's name of the SA's encryption algorithm (ikev2_decryption_table).
    std::string GetWiresharkEncryptionName() const;
    /// Wireshark 4.0's name of the SA's integrity algorithm (ikev2_decryption_table).
    std::string GetWiresharkIntegrityName() const;

  private:
    void Expand(const Bytes& nonceI, const Bytes& nonceR, uint64_t spiI, uint64_t spiR);

    IkeProposal m_proposal;
    Bytes m_skeyseed;
    Bytes m_skD;
    Bytes m_skAi;
    Bytes m_skAr;
    Bytes m_skEi;
    Bytes m_skEr;
    Bytes m_skPi;
    Bytes m_skPr;
};

/// \return the 8 bytes of \p spi in network order
Bytes Ikev2SpiBytes(uint64_t spi);

} // namespace ns3

#endif /* NATT_IKEV2_KEYS_H */
