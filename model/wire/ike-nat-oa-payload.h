/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_NAT_OA_PAYLOAD_H
#define NATT_IKE_NAT_OA_PAYLOAD_H

#include "ike-payload.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief IKEv1 NAT original address payload (NAT-OA, RFC 3947 5.2, type 21).
 *
 * Quick Mode carries the address a peer sees as its own (before any NAT)
 * so that transport-mode ESP can fix TCP and UDP checksums after
 * decapsulation (RFC 3948 3.1.2; the failure is RFC 3715 2.1 b). Body: ID
 * type (ID_IPV4_ADDR or ID_IPV6_ADDR, the numbers of RFC 2407 4.6.2.1),
 * three reserved bytes, and the 4- or 16-byte address. Any other type, or
 * an address of the wrong size for its type, is malformed.
 */
class IkeNatOaPayload : public IkePayload
{
  public:
    /// ID types a NAT-OA may carry (RFC 3947 5.2).
    enum IdType : uint8_t
    {
        ID_IPV4_ADDR = 1,
        ID_IPV6_ADDR = 5,
    };

    IkeNatOaPayload();
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    IdType GetIdType() const;
    void SetIpv4Address(Ipv4Address address);
    /// \return the address (0.0.0.0 when the payload carries an IPv6 address)
    Ipv4Address GetIpv4Address() const;
    void SetIpv6Address(Ipv6Address address);
    /// \return the address (:: when the payload carries an IPv4 address)
    Ipv6Address GetIpv6Address() const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    uint8_t m_idType{ID_IPV4_ADDR};
    Ipv4Address m_ipv4;
    Ipv6Address m_ipv6;
};

} // namespace ns3

#endif /* NATT_IKE_NAT_OA_PAYLOAD_H */
