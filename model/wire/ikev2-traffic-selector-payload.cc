/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-traffic-selector-payload.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(Ikev2TrafficSelectorPayload);

namespace
{

/// Fixed part of a selector: type, protocol, length and the two ports.
constexpr uint32_t kSelectorFixedSize = 8;

std::vector<uint8_t>
Ipv4Bytes(Ipv4Address address)
{
    std::vector<uint8_t> bytes(4);
    address.Serialize(bytes.data());
    return bytes;
}

std::vector<uint8_t>
Ipv6Bytes(Ipv6Address address)
{
    std::vector<uint8_t> bytes(16);
    address.Serialize(bytes.data());
    return bytes;
}

Ipv4Address
ToIpv4(Ikev2TrafficSelector::Type type, const std::vector<uint8_t>& bytes)
{
    if (type != Ikev2TrafficSelector::TS_IPV4_ADDR_RANGE || bytes.size() != 4)
    {
        return Ipv4Address::GetAny();
    }
    return Ipv4Address::Deserialize(bytes.data());
}

Ipv6Address
ToIpv6(Ikev2TrafficSelector::Type type, const std::vector<uint8_t>& bytes)
{
    if (type != Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE || bytes.size() != 16)
    {
        return Ipv6Address::GetAny();
    }
    return Ipv6Address::Deserialize(bytes.data());
}

} // namespace

Ikev2TrafficSelector
Ikev2TrafficSelector::Ipv4Range(Ipv4Address start,
                                Ipv4Address end,
                                uint8_t ipProtocolId,
                                uint16_t startPort,
                                uint16_t endPort)
{
    Ikev2TrafficSelector selector;
    selector.type = TS_IPV4_ADDR_RANGE;
    selector.ipProtocolId = ipProtocolId;
    selector.startPort = startPort;
    selector.endPort = endPort;
    selector.startAddress = Ipv4Bytes(start);
    selector.endAddress = Ipv4Bytes(end);
    return selector;
}

Ikev2TrafficSelector
Ikev2TrafficSelector::Ipv6Range(Ipv6Address start,
                                Ipv6Address end,
                                uint8_t ipProtocolId,
                                uint16_t startPort,
                                uint16_t endPort)
{
    Ikev2TrafficSelector selector;
    selector.type = TS_IPV6_ADDR_RANGE;
    selector.ipProtocolId = ipProtocolId;
    selector.startPort = startPort;
    selector.endPort = endPort;
    selector.startAddress = Ipv6Bytes(start);
    selector.endAddress = Ipv6Bytes(end);
    return selector;
}

uint32_t
Ikev2TrafficSelector::GetAddressSize(Type type)
{
    switch (type)
    {
    case TS_IPV4_ADDR_RANGE:
        return 4;
    case TS_IPV6_ADDR_RANGE:
        return 16;
    default:
        return 0;
    }
}

Ipv4Address
Ikev2TrafficSelector::GetStartIpv4() const
{
    return ToIpv4(type, startAddress);
}

Ipv4Address
Ikev2TrafficSelector::GetEndIpv4() const
{
    return ToIpv4(type, endAddress);
}

Ipv6Address
Ikev2TrafficSelector::GetStartIpv6() const
{
    return ToIpv6(type, startAddress);
}

Ipv6Address
Ikev2TrafficSelector::GetEndIpv6() const
{
    return ToIpv6(type, endAddress);
}

uint32_t
Ikev2TrafficSelector::GetSerializedSize() const
{
    return kSelectorFixedSize + 2 * GetAddressSize(type);
}

bool
Ikev2TrafficSelector::operator==(const Ikev2TrafficSelector& other) const
{
    return type == other.type && ipProtocolId == other.ipProtocolId &&
           startPort == other.startPort && endPort == other.endPort &&
           startAddress == other.startAddress && endAddress == other.endAddress;
}

std::ostream&
operator<<(std::ostream& os, const Ikev2TrafficSelector& selector)
{
    switch (selector.type)
    {
    case Ikev2TrafficSelector::TS_IPV4_ADDR_RANGE:
        os << selector.GetStartIpv4() << "-" << selector.GetEndIpv4();
        break;
    case Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE:
        os << selector.GetStartIpv6() << "-" << selector.GetEndIpv6();
        break;
    default:
        os << "type" << +selector.type;
        break;
    }
    return os << " proto=" << +selector.ipProtocolId << " ports=" << selector.startPort << "-"
              << selector.endPort;
}

Ikev2TrafficSelectorPayload::Ikev2TrafficSelectorPayload(uint8_t payloadType)
    : IkePayload(payloadType)
{
    NS_ABORT_MSG_UNLESS(payloadType == IKEV2_PAYLOAD_TSI || payloadType == IKEV2_PAYLOAD_TSR,
                        "not a traffic selector payload type: " << +payloadType);
}

TypeId
Ikev2TrafficSelectorPayload::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ikev2TrafficSelectorPayload").SetParent<IkePayload>().SetGroupName("Natt");
    return tid;
}

TypeId
Ikev2TrafficSelectorPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
Ikev2TrafficSelectorPayload::Clone() const
{
    return std::make_unique<Ikev2TrafficSelectorPayload>(*this);
}

bool
Ikev2TrafficSelectorPayload::IsInitiator() const
{
    return GetPayloadType() == IKEV2_PAYLOAD_TSI;
}

void
Ikev2TrafficSelectorPayload::AddTrafficSelector(const Ikev2TrafficSelector& selector)
{
    m_selectors.push_back(selector);
}

void
Ikev2TrafficSelectorPayload::SetTrafficSelectors(const std::vector<Ikev2TrafficSelector>& selectors)
{
    m_selectors = selectors;
}

const std::vector<Ikev2TrafficSelector>&
Ikev2TrafficSelectorPayload::GetTrafficSelectors() const
{
    return m_selectors;
}

uint32_t
Ikev2TrafficSelectorPayload::GetBodySize() const
{
    uint32_t size = kFixedSize;
    for (const auto& selector : m_selectors)
    {
        size += selector.GetSerializedSize();
    }
    return size;
}

void
Ikev2TrafficSelectorPayload::SerializeBody(Buffer::Iterator& i) const
{
    // Values that cannot be written are bugs in whoever built the payload.
    NS_ABORT_MSG_IF(m_selectors.size() > 0xff, "too many traffic selectors");
    i.WriteU8(static_cast<uint8_t>(m_selectors.size()));
    i.WriteU8(0);
    i.WriteHtonU16(0);
    for (const auto& selector : m_selectors)
    {
        uint32_t addressSize = Ikev2TrafficSelector::GetAddressSize(selector.type);
        NS_ABORT_MSG_IF(addressSize == 0, "unknown traffic selector type " << +selector.type);
        NS_ABORT_MSG_IF(selector.startAddress.size() != addressSize ||
                            selector.endAddress.size() != addressSize,
                        "traffic selector addresses do not match type " << +selector.type);
        i.WriteU8(selector.type);
        i.WriteU8(selector.ipProtocolId);
        i.WriteHtonU16(static_cast<uint16_t>(selector.GetSerializedSize()));
        i.WriteHtonU16(selector.startPort);
        i.WriteHtonU16(selector.endPort);
        WriteBytes(i, selector.startAddress);
        WriteBytes(i, selector.endAddress);
    }
}

bool
Ikev2TrafficSelectorPayload::DeserializeBody(WireReader& r)
{
    m_selectors.clear();
    uint8_t count = r.ReadU8();
    r.Skip(3); // reserved: ignored on receipt
    while (r.Ok() && r.GetRemaining() > 0)
    {
        Ikev2TrafficSelector selector;
        selector.type = static_cast<Ikev2TrafficSelector::Type>(r.ReadU8());
        selector.ipProtocolId = r.ReadU8();
        uint16_t length = r.ReadNtohU16();
        uint32_t addressSize = Ikev2TrafficSelector::GetAddressSize(selector.type);
        // RFC 7296 3.13.1: the length is fixed by the type (16 for IPv4,
        // 40 for IPv6); anything else cannot be laid out.
        if (!r.Ok() || addressSize == 0 || length != kSelectorFixedSize + 2 * addressSize)
        {
            r.Fail();
            break;
        }
        selector.startPort = r.ReadNtohU16();
        selector.endPort = r.ReadNtohU16();
        selector.startAddress = r.ReadBytes(addressSize);
        selector.endAddress = r.ReadBytes(addressSize);
        if (r.Ok())
        {
            m_selectors.push_back(selector);
        }
    }
    if (m_selectors.size() != count)
    {
        r.Fail();
    }
    return r.Ok();
}

void
Ikev2TrafficSelectorPayload::PrintBody(std::ostream& os) const
{
    os << "selectors={";
    for (std::size_t k = 0; k < m_selectors.size(); ++k)
    {
        os << (k == 0 ? "" : "; ") << m_selectors[k];
    }
    os << "}";
}

const char*
Ikev2TrafficSelectorPayload::GetName() const
{
    return IsInitiator() ? "TSi" : "TSr";
}

} // namespace ns3
