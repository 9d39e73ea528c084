/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_ISAKMP_HEADER_H
#define NATT_ISAKMP_HEADER_H

#include "ike-payload.h"

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The fixed 28-byte header that starts every IKE message.
 *
 * One layout serves both versions: RFC 2408 3.1 (ISAKMP / IKEv1, where the
 * two SPIs are called cookies) and RFC 7296 3.1 (IKEv2). The major version
 * tells them apart, and with it the meaning of the exchange type and flags.
 * Only the layout is checked here; whether the values make sense is for the
 * IKE model to decide.
 */
class IsakmpHeader : public Header
{
  public:
    static constexpr uint32_t kSize = 28;

    /// Exchange types (RFC 2408 3.1, RFC 2409 5, RFC 7296 3.1).
    enum ExchangeType : uint8_t
    {
        IKEV1_BASE = 1,
        IKEV1_MAIN_MODE = 2, ///< "Identity Protection" in RFC 2408
        IKEV1_AUTH_ONLY = 3,
        IKEV1_AGGRESSIVE = 4,
        IKEV1_INFORMATIONAL = 5,
        IKEV1_QUICK_MODE = 32, ///< RFC 2409 5.5
        IKEV1_NEW_GROUP_MODE = 33,
        IKEV2_IKE_SA_INIT = 34,
        IKEV2_IKE_AUTH = 35,
        IKEV2_CREATE_CHILD_SA = 36,
        IKEV2_INFORMATIONAL = 37,
    };

    /// Flag bits (RFC 2408 3.1 for IKEv1, RFC 7296 3.1 for IKEv2).
    enum Flags : uint8_t
    {
        IKEV1_ENCRYPTION = 0x01,
        IKEV1_COMMIT = 0x02,
        IKEV1_AUTHENTICATION_ONLY = 0x04,
        IKEV2_INITIATOR = 0x08,
        IKEV2_VERSION = 0x10,
        IKEV2_RESPONSE = 0x20,
    };

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// \return 28, or 0 when fewer than 28 bytes are there
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    void SetInitiatorSpi(uint64_t spi);
    uint64_t GetInitiatorSpi() const;
    void SetResponderSpi(uint64_t spi);
    uint64_t GetResponderSpi() const;
    /// The first payload's type (any byte kept, as for IkePayload).
    void SetNextPayload(IkePayloadType type);
    IkePayloadType GetNextPayload() const;
    void SetMajorVersion(uint8_t major);
    uint8_t GetMajorVersion() const;
    void SetMinorVersion(uint8_t minor);
    uint8_t GetMinorVersion() const;
    /**
     * The exchange type. A value no enumerator names (a decoder keeps
     * whatever byte arrived) is still one of ExchangeType: its underlying
     * uint8_t holds every byte, so IsakmpHeader::ExchangeType(n) writes one.
     */
    void SetExchangeType(ExchangeType exchangeType);
    ExchangeType GetExchangeType() const;
    /// The whole flags byte, bits no enumerator names included (RFC 7296 3.1 ignores them).
    void SetFlags(uint8_t flags);
    uint8_t GetFlags() const;
    /// Set (\p on) or clear one flag, leaving the others as they are.
    void SetFlag(Flags flag, bool on = true);
    bool HasFlag(Flags flag) const;
    void SetMessageId(uint32_t messageId);
    uint32_t GetMessageId() const;
    /// Length of the whole message, this header included.
    void SetLength(uint32_t length);
    uint32_t GetLength() const;

  private:
    uint64_t m_initiatorSpi{0};
    uint64_t m_responderSpi{0};
    uint8_t m_nextPayload{0};
    uint8_t m_majorVersion{1};
    uint8_t m_minorVersion{0};
    uint8_t m_exchangeType{0};
    uint8_t m_flags{0};
    uint32_t m_messageId{0};
    uint32_t m_length{kSize};
};

} // namespace ns3

#endif /* NATT_ISAKMP_HEADER_H */
