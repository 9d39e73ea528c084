/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_ID_PAYLOAD_H
#define NATT_IKE_ID_PAYLOAD_H

#include "ike-payload.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief Identification payload of either IKE version.
 *
 * IKEv1 (type 5, RFC 2408 3.8 with the IPsec DOI body of RFC 2407 4.6.2):
 * ID type, protocol ID, port, identification data. In phase 1 protocol and
 * port are 0/0 or UDP/500; in Quick Mode they are part of the traffic
 * selector. IKEv2 (IDi type 35, IDr type 36, RFC 7296 3.5): ID type, three
 * reserved bytes, identification data.
 *
 * The data of the address types has a fixed size (4 bytes for
 * ID_IPV4_ADDR, 8 for an IPv4 subnet or range, 16 / 32 for IPv6); a payload
 * whose data has another size, or no data at all, is malformed. Which
 * identity is acceptable (e.g. whether an ID_IPV4_ADDR matches the packet's
 * source, RFC 3715 2.1 c) is for the IKE model to decide.
 */
class IkeIdPayload : public IkePayload
{
  public:
    /// ID types (RFC 2407 4.6.2.1; RFC 7296 3.5 uses the same numbers where it has them).
    enum IdType : uint8_t
    {
        ID_IPV4_ADDR = 1,
        ID_FQDN = 2,
        ID_USER_FQDN = 3,
        ID_RFC822_ADDR = 3, ///< IKEv2's name for ID_USER_FQDN
        ID_IPV4_ADDR_SUBNET = 4,
        ID_IPV6_ADDR = 5,
        ID_IPV6_ADDR_SUBNET = 6,
        ID_IPV4_ADDR_RANGE = 7,
        ID_IPV6_ADDR_RANGE = 8,
        ID_DER_ASN1_DN = 9,
        ID_DER_ASN1_GN = 10,
        ID_KEY_ID = 11,
    };

    /// IKEv1 ID payloads carry these for phase 1 on UDP (RFC 2407 4.6.2).
    static constexpr uint8_t PROTOCOL_UDP = 17;

    /**
     * \param majorVersion 1 or 2: selects the layout and the payload type
     * \param initiator IKEv2 only: IDi (true) or IDr (false)
     */
    explicit IkeIdPayload(uint8_t majorVersion = 2, bool initiator = true);
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    uint8_t GetMajorVersion() const;

    /// Set the type and data as they are; no check (tests build bad IDs this way).
    /// A type no enumerator names is kept as it is (IdType's underlying uint8_t holds any byte).
    void SetIdentification(IdType idType, const std::vector<uint8_t>& data);
    IdType GetIdType() const;
    const std::vector<uint8_t>& GetData() const;

    /// IKEv1 protocol ID (0 = any); reserved in IKEv2.
    void SetProtocolId(uint8_t protocolId);
    uint8_t GetProtocolId() const;
    /// IKEv1 port (0 = any); reserved in IKEv2.
    void SetPort(uint16_t port);
    uint16_t GetPort() const;

    /// ID_IPV4_ADDR with \p address.
    void SetIpv4Address(Ipv4Address address);
    /// \return the address of an ID_IPV4_ADDR (0.0.0.0 for other types)
    Ipv4Address GetIpv4Address() const;
    /// ID_IPV4_ADDR_SUBNET: address then mask (RFC 2407 4.6.2.5).
    void SetIpv4Subnet(Ipv4Address address, Ipv4Mask mask);
    /// \return the subnet address of an ID_IPV4_ADDR_SUBNET (0.0.0.0 for other types)
    Ipv4Address GetIpv4SubnetAddress() const;
    /// \return the mask of an ID_IPV4_ADDR_SUBNET (0.0.0.0 for other types)
    Ipv4Mask GetIpv4SubnetMask() const;
    /// ID_IPV4_ADDR_RANGE: first then last address (RFC 2407 4.6.2.8).
    void SetIpv4Range(Ipv4Address first, Ipv4Address last);
    /// \return the first address of an ID_IPV4_ADDR_RANGE (0.0.0.0 for other types)
    Ipv4Address GetIpv4RangeFirst() const;
    /// \return the last address of an ID_IPV4_ADDR_RANGE (0.0.0.0 for other types)
    Ipv4Address GetIpv4RangeLast() const;
    /// ID_IPV6_ADDR with \p address.
    void SetIpv6Address(Ipv6Address address);
    /// \return the address of an ID_IPV6_ADDR (:: for other types)
    Ipv6Address GetIpv6Address() const;
    /// ID_IPV6_ADDR_SUBNET: address then a 128-bit mask (RFC 2407 4.6.2.7).
    void SetIpv6Subnet(Ipv6Address address, Ipv6Prefix prefix);
    /// \return the subnet address of an ID_IPV6_ADDR_SUBNET (:: for other types)
    Ipv6Address GetIpv6SubnetAddress() const;
    /// \return the mask of an ID_IPV6_ADDR_SUBNET (length 0 for other types)
    Ipv6Prefix GetIpv6SubnetPrefix() const;
    /// ID_IPV6_ADDR_RANGE: first then last address (RFC 2407 4.6.2.9).
    void SetIpv6Range(Ipv6Address first, Ipv6Address last);
    /// \return the first address of an ID_IPV6_ADDR_RANGE (:: for other types)
    Ipv6Address GetIpv6RangeFirst() const;
    /// \return the last address of an ID_IPV6_ADDR_RANGE (:: for other types)
    Ipv6Address GetIpv6RangeLast() const;
    /// ID_FQDN with \p name (no terminating NUL, RFC 2407 4.6.2.3).
    void SetFqdn(const std::string& name);
    /// ID_USER_FQDN (IKEv2: ID_RFC822_ADDR) with \p name, e.g. "user@example.org".
    void SetUserFqdn(const std::string& name);
    /// ID_KEY_ID with opaque \p keyId.
    void SetKeyId(const std::vector<uint8_t>& keyId);
    /// \return the data as text (meaningful for ID_FQDN and ID_USER_FQDN)
    std::string GetString() const;

    /**
     * \return the data size the ID type requires, or 0 when any non-empty
     *         size is acceptable
     */
    static uint32_t GetRequiredDataSize(uint8_t idType);

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    /// \return the 4 data bytes at \p offset as an address, or 0.0.0.0 if \p type differs
    Ipv4Address GetIpv4At(uint8_t type, uint32_t offset) const;
    /// \return the 16 data bytes at \p offset as an address, or :: if \p type differs
    Ipv6Address GetIpv6At(uint8_t type, uint32_t offset) const;

    uint8_t m_majorVersion;
    uint8_t m_idType{ID_IPV4_ADDR};
    uint8_t m_protocolId{0};
    uint16_t m_port{0};
    std::vector<uint8_t> m_data;
};

} // namespace ns3

#endif /* NATT_IKE_ID_PAYLOAD_H */
