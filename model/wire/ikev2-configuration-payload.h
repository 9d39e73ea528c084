/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_CONFIGURATION_PAYLOAD_H
#define NATT_IKEV2_CONFIGURATION_PAYLOAD_H

#include "ike-payload.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief One configuration attribute (RFC 7296 3.15.1): a 15-bit type and a
 *        value whose length is written on the wire.
 *
 * A request may carry an attribute with an empty value to ask for it
 * (RFC 7296 3.15.1); the length each type's value should have is for the
 * IKE model to check.
 */
struct Ikev2ConfigAttribute
{
    /// Attribute types (RFC 7296 3.15.1).
    enum Type : uint16_t
    {
        INTERNAL_IP4_ADDRESS = 1,
        INTERNAL_IP4_NETMASK = 2,
        INTERNAL_IP4_DNS = 3,
        INTERNAL_IP4_NBNS = 4,
        INTERNAL_IP4_DHCP = 6,
        APPLICATION_VERSION = 7,
        INTERNAL_IP6_ADDRESS = 8,
        INTERNAL_IP6_DNS = 10,
        INTERNAL_IP6_DHCP = 12,
        INTERNAL_IP4_SUBNET = 13,
        SUPPORTED_ATTRIBUTES = 14,
        INTERNAL_IP6_SUBNET = 15,
    };

    Type type{INTERNAL_IP4_ADDRESS}; ///< attribute type (15 bits); any value a decoder read
    std::vector<uint8_t> value;      ///< the value; empty to request one

    /// \return an attribute with an empty value, as a CFG_REQUEST carries
    static Ikev2ConfigAttribute Empty(Type type);
    /// \return an attribute whose value is one IPv4 address
    static Ikev2ConfigAttribute Ipv4(Type type, Ipv4Address address);
    /**
     * \param[out] address the value as an IPv4 address
     * \return false when the value is not exactly 4 bytes
     */
    bool GetIpv4(Ipv4Address& address) const;

    /// \return 4 bytes of type and length plus the value
    uint32_t GetSerializedSize() const;
    bool operator==(const Ikev2ConfigAttribute& other) const;
};

std::ostream& operator<<(std::ostream& os, const Ikev2ConfigAttribute& attribute);

/**
 * \ingroup natt-wire
 * \brief IKEv2 Configuration payload (RFC 7296 3.15, type 47).
 *
 * A CFG type, three reserved bytes and a list of attributes. The list has
 * no count on the wire: the attributes run to the end of the payload, so an
 * attribute whose length overruns the payload is malformed.
 */
class Ikev2ConfigurationPayload : public IkePayload
{
  public:
    /// CFG types (RFC 7296 3.15).
    enum CfgType : uint8_t
    {
        CFG_REQUEST = 1,
        CFG_REPLY = 2,
        CFG_SET = 3,
        CFG_ACK = 4,
    };

    /// Fixed part of the body: CFG type and reserved.
    static constexpr uint32_t kFixedSize = 4;

    Ikev2ConfigurationPayload();
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    /// A CFG type no enumerator names is kept as it is (CfgType's underlying uint8_t holds any
    /// byte).
    void SetCfgType(CfgType cfgType);
    CfgType GetCfgType() const;
    void AddAttribute(const Ikev2ConfigAttribute& attribute);
    void SetAttributes(const std::vector<Ikev2ConfigAttribute>& attributes);
    const std::vector<Ikev2ConfigAttribute>& GetAttributes() const;
    /// \return the first attribute of \p type, or nullptr
    const Ikev2ConfigAttribute* FindAttribute(Ikev2ConfigAttribute::Type type) const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    uint8_t m_cfgType{CFG_REQUEST};
    std::vector<Ikev2ConfigAttribute> m_attributes;
};

} // namespace ns3

#endif /* NATT_IKEV2_CONFIGURATION_PAYLOAD_H */
