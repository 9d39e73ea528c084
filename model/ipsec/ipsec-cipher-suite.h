/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPSEC_CIPHER_SUITE_H
#define NATT_IPSEC_CIPHER_SUITE_H

#include "security-association.h"

#include "ns3/aes-cbc.h"
#include "ns3/aes-gcm.h"
#include "ns3/crypto-types.h"
#include "ns3/integrity.h"

#include <memory>
#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup natt-ipsec
 * \brief The keyed OpenSSL contexts of one SA and the ESP / AH byte
 * transformations that use them. Built once per SA (IpsecStack caches it
 * on the SecurityAssociation) so that no cipher context is set up per
 * packet.
 *
 * ESP layout (RFC 4303 2): SPI, sequence number, IV, ciphertext of
 * payload || padding || pad length || next header, ICV. For AES-CBC the ICV
 * is the truncated HMAC over header, IV and ciphertext (RFC 4303 3.3.4);
 * for AES-GCM it is GCM's tag with SPI || sequence number as AAD
 * (RFC 4106 5); NULL encryption has no IV (RFC 2410).
 */
class IpsecCipherSuite
{
  public:
    enum OpenStatus : uint8_t
    {
        OPEN_OK,
        OPEN_TRUNCATED,    ///< shorter than header, IV and ICV, or not block-aligned
        OPEN_ICV_FAILURE,  ///< the ICV does not authenticate the packet
        OPEN_CRYPTO_ERROR, ///< OpenSSL refused (should not happen)
    };

    /// \return the suite, or nullptr with \p error set when keys do not fit the algorithms
    static std::shared_ptr<IpsecCipherSuite> Create(const IpsecTransform& transform,
                                                    std::string* error);

    /// Bytes of IV in each ESP packet.
    uint32_t GetIvSize() const;
    /// Bytes of ICV in each ESP or AH packet.
    uint32_t GetIcvSize() const;
    /// The alignment ESP padding must reach (RFC 4303 2.4).
    uint32_t GetBlockSize() const;

    /**
     * Build an ESP packet.
     * \param header the 8-byte ESP header (SPI, sequence number)
     * \param iv GetIvSize() bytes
     * \param plaintext payload, padding, pad length and next header, already aligned
     * \param[out] out header || IV || ciphertext || ICV
     * \return false when OpenSSL failed
     */
    bool Seal(const uint8_t* header, const Bytes& iv, const Bytes& plaintext, Bytes& out);

    /**
     * Verify and decrypt an ESP packet (header included).
     * \param[out] plaintext payload, padding, pad length and next header
     */
    OpenStatus Open(const uint8_t* esp, std::size_t size, Bytes& plaintext);

    /// AH (RFC 4302 3.3.3): the ICV over the prepared header, AH and payload bytes.
    Bytes ComputeIcv(const Bytes& data);

  private:
    IpsecCipherSuite() = default;

    IpsecTransform::Encryption m_encryption{IpsecTransform::ENCR_NULL};
    std::optional<AesCbc> m_cbc;
    std::optional<AesGcm> m_gcm;
    std::optional<Integrity> m_integrity;
};

} // namespace ns3

#endif /* NATT_IPSEC_CIPHER_SUITE_H */
