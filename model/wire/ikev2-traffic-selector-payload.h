/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_TRAFFIC_SELECTOR_PAYLOAD_H
#define NATT_IKEV2_TRAFFIC_SELECTOR_PAYLOAD_H

#include "ike-payload.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief One traffic selector substructure (RFC 7296 3.13.1): an IP
 *        protocol, a port range and an address range.
 *
 * Addresses are kept as bytes in network order, 4 or 16 of them as the type
 * says; the selector length is computed on write. Port 0 to 65535 means any
 * port; start 65535 and end 0 mean OPAQUE (RFC 7296 3.13.1), so ranges are
 * not required to be ordered.
 */
struct Ikev2TrafficSelector
{
    /// TS types (RFC 7296 3.13.1).
    enum Type : uint8_t
    {
        TS_IPV4_ADDR_RANGE = 7,
        TS_IPV6_ADDR_RANGE = 8,
    };

    Type type{TS_IPV4_ADDR_RANGE};                       ///< TS type; any byte a decoder read
    uint8_t ipProtocolId{0};                             ///< IP protocol, 0 for any
    uint16_t startPort{0};                               ///< first port in the range
    uint16_t endPort{0xffff};                            ///< last port in the range
    std::vector<uint8_t> startAddress{0, 0, 0, 0};       ///< first address, network order
    std::vector<uint8_t> endAddress{255, 255, 255, 255}; ///< last address, network order

    /// \return an IPv4 selector for \p start to \p end
    static Ikev2TrafficSelector Ipv4Range(Ipv4Address start,
                                          Ipv4Address end,
                                          uint8_t ipProtocolId = 0,
                                          uint16_t startPort = 0,
                                          uint16_t endPort = 0xffff);
    /// \return an IPv6 selector for \p start to \p end
    static Ikev2TrafficSelector Ipv6Range(Ipv6Address start,
                                          Ipv6Address end,
                                          uint8_t ipProtocolId = 0,
                                          uint16_t startPort = 0,
                                          uint16_t endPort = 0xffff);
    /// \return the address size that a selector of \p type carries, or 0 for an unknown type
    static uint32_t GetAddressSize(Type type);

    /// \return the start address, or 0.0.0.0 when this is not an IPv4 selector
    Ipv4Address GetStartIpv4() const;
    /// \return the end address, or 0.0.0.0 when this is not an IPv4 selector
    Ipv4Address GetEndIpv4() const;
    /// \return the start address, or :: when this is not an IPv6 selector
    Ipv6Address GetStartIpv6() const;
    /// \return the end address, or :: when this is not an IPv6 selector
    Ipv6Address GetEndIpv6() const;

    /// \return the selector length: 8 bytes of fixed fields plus two addresses
    uint32_t GetSerializedSize() const;
    bool operator==(const Ikev2TrafficSelector& other) const;
};

std::ostream& operator<<(std::ostream& os, const Ikev2TrafficSelector& selector);

/**
 * \ingroup natt-wire
 * \brief IKEv2 Traffic Selector payload, initiator's (TSi, type 44) or
 *        responder's (TSr, type 45) (RFC 7296 3.13).
 *
 * A count, three reserved bytes and the selectors. The count is computed on
 * write; on read it must equal the selectors present, each selector's
 * length must be the one its type implies, and a selector of a type this
 * code does not know is malformed (its address layout is unknown).
 */
class Ikev2TrafficSelectorPayload : public IkePayload
{
  public:
    /// Fixed part of the body: number of TSs and reserved.
    static constexpr uint32_t kFixedSize = 4;

    /// \param payloadType IKEV2_PAYLOAD_TSI or IKEV2_PAYLOAD_TSR
    explicit Ikev2TrafficSelectorPayload(uint8_t payloadType = IKEV2_PAYLOAD_TSI);
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    /// \return true for TSi, false for TSr
    bool IsInitiator() const;
    void AddTrafficSelector(const Ikev2TrafficSelector& selector);
    void SetTrafficSelectors(const std::vector<Ikev2TrafficSelector>& selectors);
    const std::vector<Ikev2TrafficSelector>& GetTrafficSelectors() const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    std::vector<Ikev2TrafficSelector> m_selectors;
};

} // namespace ns3

#endif /* NATT_IKEV2_TRAFFIC_SELECTOR_PAYLOAD_H */
