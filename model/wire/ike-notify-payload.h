/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_NOTIFY_PAYLOAD_H
#define NATT_IKE_NOTIFY_PAYLOAD_H

#include "ike-payload.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief Notification payload of either IKE version.
 *
 * IKEv1 (type 11, RFC 2408 3.14): DOI, protocol ID, SPI size, notify
 * message type, SPI, notification data. IKEv2 (type 41, RFC 7296 3.10):
 * the same without the DOI. The SPI size comes from the SPI stored here
 * and must fit in the payload on reading; the data is kept opaque (its
 * meaning depends on the type, e.g. a NAT-D hash or a cookie).
 */
class IkeNotifyPayload : public IkePayload
{
  public:
    /**
     * Notify message types. Both versions share one 16-bit space in which
     * values below 16384 are errors (RFC 2408 3.14.1, RFC 7296 3.10.1), and
     * IKEv2 kept most IKEv1 error numbers. Names without a prefix are
     * IKEv2 names (and, where IKEv1 has the same number and meaning, IKEv1
     * ones too); names only IKEv1 defines carry IKEV1_; INITIAL_CONTACT,
     * whose number differs between the versions, is prefixed in both.
     */
    enum NotifyType : uint16_t
    {
        // Errors.
        UNSUPPORTED_CRITICAL_PAYLOAD = 1, ///< IKEv2
        INVALID_IKE_SPI = 4,              ///< IKEv2
        INVALID_MAJOR_VERSION = 5,
        INVALID_SYNTAX = 7, ///< IKEv2
        INVALID_MESSAGE_ID = 9,
        INVALID_SPI = 11,
        NO_PROPOSAL_CHOSEN = 14,
        INVALID_KE_PAYLOAD = 17, ///< IKEv2
        AUTHENTICATION_FAILED = 24,
        SINGLE_PAIR_REQUIRED = 34,     ///< IKEv2
        INTERNAL_ADDRESS_FAILURE = 36, ///< IKEv2
        FAILED_CP_REQUIRED = 37,       ///< IKEv2
        TS_UNACCEPTABLE = 38,          ///< IKEv2
        TEMPORARY_FAILURE = 43,        ///< RFC 7296 2.25
        CHILD_SA_NOT_FOUND = 44,       ///< RFC 7296 2.25
        IKEV1_INVALID_PAYLOAD_TYPE = 1,
        IKEV1_INVALID_COOKIE = 4,
        IKEV1_PAYLOAD_MALFORMED = 16,
        IKEV1_INVALID_ID_INFORMATION = 18,
        IKEV1_INVALID_HASH_INFORMATION = 23,
        // Status.
        IKEV2_INITIAL_CONTACT = 16384,
        NAT_DETECTION_SOURCE_IP = 16388,
        NAT_DETECTION_DESTINATION_IP = 16389,
        COOKIE = 16390,
        USE_TRANSPORT_MODE = 16391,
        REKEY_SA = 16393,
        IKEV2_FRAGMENTATION_SUPPORTED = 16430, ///< RFC 7383 2.3
        IKEV1_INITIAL_CONTACT = 24578,         ///< RFC 2407 4.6.3.3
        IKEV1_R_U_THERE = 36136,               ///< RFC 3706 (dead peer detection)
        IKEV1_R_U_THERE_ACK = 36137,           ///< RFC 3706
    };

    /// First status type: smaller numbers are errors in both versions.
    static constexpr uint16_t kFirstStatusType = 16384;

    /// \param majorVersion 1 or 2: selects the layout and the payload type
    explicit IkeNotifyPayload(uint8_t majorVersion = 2);
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    uint8_t GetMajorVersion() const;

    /// IKEv1 domain of interpretation (1 = IPsec); not on the wire in IKEv2.
    void SetDoi(uint32_t doi);
    uint32_t GetDoi() const;
    /// Protocol the SPI belongs to (0 when the notification is about no SA).
    void SetProtocolId(uint8_t protocolId);
    uint8_t GetProtocolId() const;
    /**
     * The notify message type. A type no enumerator names (a private one,
     * or one from a newer RFC, read off the wire) is kept as it is: the
     * enum's underlying uint16_t holds every value.
     */
    void SetNotifyType(NotifyType type);
    NotifyType GetNotifyType() const;
    /// \return true when the type is an error (below 16384)
    bool IsError() const;
    /// Set the SPI; its size goes into the SPI size field (at most 255 bytes).
    void SetSpi(const std::vector<uint8_t>& spi);
    const std::vector<uint8_t>& GetSpi() const;
    /// Set a 4-byte SPI (AH / ESP).
    void SetSpi32(uint32_t spi);
    /// \return the SPI as a number (0 unless it is 4 bytes long)
    uint32_t GetSpi32() const;
    void SetData(const std::vector<uint8_t>& data);
    const std::vector<uint8_t>& GetData() const;

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
    uint16_t m_notifyType{0};
    std::vector<uint8_t> m_spi;
    std::vector<uint8_t> m_data;
};

} // namespace ns3

#endif /* NATT_IKE_NOTIFY_PAYLOAD_H */
