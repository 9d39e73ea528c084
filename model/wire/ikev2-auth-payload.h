/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_AUTH_PAYLOAD_H
#define NATT_IKEV2_AUTH_PAYLOAD_H

#include "ike-payload.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief IKEv2 Authentication payload (RFC 7296 3.8, type 39).
 *
 * An authentication method, three reserved bytes and the authentication
 * data (a signature or a MAC over the signed octets of RFC 7296 2.15).
 */
class Ikev2AuthPayload : public IkePayload
{
  public:
    /// Authentication methods (RFC 7296 3.8, RFC 7427 for 14).
    enum Method : uint8_t
    {
        RSA_DIGITAL_SIGNATURE = 1,
        SHARED_KEY_MIC = 2,
        DSS_DIGITAL_SIGNATURE = 3,
        DIGITAL_SIGNATURE = 14,
    };

    /// Fixed part of the body: method and reserved.
    static constexpr uint32_t kFixedSize = 4;

    Ikev2AuthPayload();
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    /// A method no enumerator names is kept as it is (Method's underlying uint8_t holds any byte).
    void SetMethod(Method method);
    Method GetMethod() const;
    void SetData(const std::vector<uint8_t>& data);
    const std::vector<uint8_t>& GetData() const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    uint8_t m_method{SHARED_KEY_MIC};
    std::vector<uint8_t> m_data;
};

} // namespace ns3

#endif /* NATT_IKEV2_AUTH_PAYLOAD_H */
