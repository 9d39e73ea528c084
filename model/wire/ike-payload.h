/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_PAYLOAD_H
#define NATT_IKE_PAYLOAD_H

#include "wire-reader.h"

#include "ns3/header.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * Payload type numbers: RFC 2408 3.1 (IKEv1), RFC 3947 3.2 and 5.2 (NAT-D and
 * NAT-OA), draft-stenberg 3.1.2 (its private payload), RFC 7296 3.2 and
 * RFC 7383 2.5 (IKEv2).
 */
enum IkePayloadType : uint8_t
{
    IKE_PAYLOAD_NONE = 0,
    IKEV1_PAYLOAD_SA = 1,
    IKEV1_PAYLOAD_PROPOSAL = 2,
    IKEV1_PAYLOAD_TRANSFORM = 3,
    IKEV1_PAYLOAD_KE = 4,
    IKEV1_PAYLOAD_ID = 5,
    IKEV1_PAYLOAD_CERT = 6,
    IKEV1_PAYLOAD_CERTREQ = 7,
    IKEV1_PAYLOAD_HASH = 8,
    IKEV1_PAYLOAD_SIG = 9,
    IKEV1_PAYLOAD_NONCE = 10,
    IKEV1_PAYLOAD_NOTIFY = 11,
    IKEV1_PAYLOAD_DELETE = 12,
    IKEV1_PAYLOAD_VENDOR_ID = 13,
    IKEV1_PAYLOAD_NAT_D = 20,
    IKEV1_PAYLOAD_NAT_OA = 21,
    IKEV1_PAYLOAD_STENBERG = 211,
    IKEV2_PAYLOAD_SA = 33,
    IKEV2_PAYLOAD_KE = 34,
    IKEV2_PAYLOAD_IDI = 35,
    IKEV2_PAYLOAD_IDR = 36,
    IKEV2_PAYLOAD_CERT = 37,
    IKEV2_PAYLOAD_CERTREQ = 38,
    IKEV2_PAYLOAD_AUTH = 39,
    IKEV2_PAYLOAD_NONCE = 40,
    IKEV2_PAYLOAD_NOTIFY = 41,
    IKEV2_PAYLOAD_DELETE = 42,
    IKEV2_PAYLOAD_VENDOR_ID = 43,
    IKEV2_PAYLOAD_TSI = 44,
    IKEV2_PAYLOAD_TSR = 45,
    IKEV2_PAYLOAD_SK = 46,
    IKEV2_PAYLOAD_CP = 47,
    IKEV2_PAYLOAD_EAP = 48,
    IKEV2_PAYLOAD_SKF = 53,
};

/**
 * \ingroup natt-wire
 * \brief One IKE payload: the 4-byte generic payload header and a body.
 *
 * The generic header (RFC 2408 3.2, RFC 7296 3.2) is the same in both
 * versions except that IKEv2 gives the top bit of the second byte the
 * meaning "critical". This base class owns that header, the length
 * bookkeeping and the bounds: a subclass describes only its body, and its
 * DeserializeBody reads through a WireReader that cannot see past the
 * payload length. A payload does not carry its own type on the wire (the
 * previous payload names it), so the type is given when it is created.
 */
class IkePayload : public Header
{
  public:
    static constexpr uint32_t kGenericHeaderSize = 4;

    explicit IkePayload(uint8_t payloadType);
    static TypeId GetTypeId();

    /**
     * This payload's type and the next one's. A type no enumerator names
     * (read off the wire) is kept as it is: IkePayloadType's underlying
     * uint8_t holds every byte.
     */
    IkePayloadType GetPayloadType() const;
    void SetNextPayload(IkePayloadType type);
    IkePayloadType GetNextPayload() const;
    /// IKEv2 critical bit (RFC 7296 2.5); IKEv1 keeps the byte reserved.
    void SetCritical(bool critical);
    bool IsCritical() const;
    /// Value of the payload length field: generic header plus body.
    uint16_t GetPayloadLength() const;

    uint32_t GetSerializedSize() const final;
    void Serialize(Buffer::Iterator start) const final;
    /// \return the payload length, or 0 when the payload is malformed
    uint32_t Deserialize(Buffer::Iterator start) final;
    /**
     * Parse one payload from \p r and advance it past the payload.
     * \return false (and \p r failed) when the payload is malformed
     */
    bool Deserialize(WireReader& r);
    using Header::Deserialize;
    void Print(std::ostream& os) const final;

    /**
     * The body without the generic header: what IKEv1 hashes as SAi_b or
     * IDii_b (RFC 2409 5) and IKEv2 as RestOfInitIDPayload (RFC 7296 2.15).
     */
    std::vector<uint8_t> GetBodyBytes() const;

    /// A deep copy, so messages holding payloads can be copied.
    virtual std::unique_ptr<IkePayload> Clone() const = 0;

  protected:
    virtual uint32_t GetBodySize() const = 0;
    virtual void SerializeBody(Buffer::Iterator& i) const = 0;
    /**
     * \param r a reader limited to exactly the body; the body must use all
     *        of it (a payload with bytes left over is malformed)
     * \return false when the body is malformed
     */
    virtual bool DeserializeBody(WireReader& r) = 0;
    virtual void PrintBody(std::ostream& os) const = 0;
    /// Short name for Print ("SA", "Nonce", ...).
    virtual const char* GetName() const = 0;

  private:
    uint8_t m_payloadType;
    uint8_t m_nextPayload{IKE_PAYLOAD_NONE};
    bool m_critical{false};
};

} // namespace ns3

#endif /* NATT_IKE_PAYLOAD_H */
