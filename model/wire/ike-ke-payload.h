/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_KE_PAYLOAD_H
#define NATT_IKE_KE_PAYLOAD_H

#include "ike-payload.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief Key Exchange payload of either IKE version.
 *
 * IKEv1 (RFC 2408 3.7, type 4) carries only the public Diffie-Hellman value;
 * the group was agreed in the SA payload. IKEv2 (RFC 7296 3.4, type 34)
 * puts the group number and two reserved bytes in front of it, because the
 * initiator guesses the group before the responder has chosen one. The
 * version is fixed when the payload is created; the group number is ignored
 * for IKEv1. Whether the data length suits the group is for the IKE model to
 * check (RFC 7296 3.4 makes a mismatch an INVALID_SYNTAX error there).
 */
class IkeKePayload : public IkePayload
{
  public:
    /// Fixed part of the IKEv2 body: DH group number and reserved.
    static constexpr uint32_t kIkev2FixedSize = 4;

    /// \param majorVersion 1 or 2: selects the payload type and the layout
    explicit IkeKePayload(uint8_t majorVersion = 2);
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    uint8_t GetMajorVersion() const;
    /// The Diffie-Hellman group (IKEv2 only; not on the wire in IKEv1).
    void SetDhGroup(uint16_t group);
    uint16_t GetDhGroup() const;
    /// The public Diffie-Hellman value.
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
    uint16_t m_dhGroup{0};
    std::vector<uint8_t> m_data;
};

} // namespace ns3

#endif /* NATT_IKE_KE_PAYLOAD_H */
