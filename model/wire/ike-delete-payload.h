/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_DELETE_PAYLOAD_H
#define NATT_IKE_DELETE_PAYLOAD_H

#include "ike-payload.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief Delete payload of either IKE version.
 *
 * IKEv1 (type 12, RFC 2408 3.15): DOI, protocol ID, SPI size, number of
 * SPIs, the SPIs. IKEv2 (type 42, RFC 7296 3.11): the same without the
 * DOI. All SPIs have the one size the header gives: 16 bytes for an IKEv1
 * ISAKMP SA (both cookies, RFC 2408 3.15), 4 for AH and ESP, none for an
 * IKEv2 IKE SA (RFC 7296 3.11, identified by the message header). On
 * reading, count times size must be exactly the rest of the payload, and
 * a non-zero count needs a non-zero size.
 */
class IkeDeletePayload : public IkePayload
{
  public:
    /// \param majorVersion 1 or 2: selects the layout and the payload type
    explicit IkeDeletePayload(uint8_t majorVersion = 2);
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    uint8_t GetMajorVersion() const;

    /// IKEv1 domain of interpretation (1 = IPsec); not on the wire in IKEv2.
    void SetDoi(uint32_t doi);
    uint32_t GetDoi() const;
    void SetProtocolId(uint8_t protocolId);
    uint8_t GetProtocolId() const;
    /**
     * Set the SPI size; needed only when there are no SPIs, since the first
     * AddSpi sets it. Clears the SPIs if they have another size.
     */
    void SetSpiSize(uint8_t size);
    uint8_t GetSpiSize() const;
    /// Add an SPI; every SPI must have the size of the first one.
    void AddSpi(const std::vector<uint8_t>& spi);
    /// Add a 4-byte AH / ESP SPI.
    void AddSpi32(uint32_t spi);
    /// Add an IKEv1 ISAKMP SA's SPI: the initiator and responder cookies.
    void AddCookiePair(uint64_t initiatorCookie, uint64_t responderCookie);
    const std::vector<std::vector<uint8_t>>& GetSpis() const;
    /// \return SPI \p index as a number (0 unless it is 4 bytes long)
    uint32_t GetSpi32(std::size_t index) const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    uint8_t m_majorVersion;
    uint32_t m_doi{1};
    uint8_t m_protocolId{0};
    uint8_t m_spiSize{0};
    std::vector<std::vector<uint8_t>> m_spis;
};

} // namespace ns3

#endif /* NATT_IKE_DELETE_PAYLOAD_H */
