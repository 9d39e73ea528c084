/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-id-payload.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeIdPayload);

namespace
{

uint8_t
IdPayloadType(uint8_t majorVersion, bool initiator)
{
    if (majorVersion == 1)
    {
        return IKEV1_PAYLOAD_ID;
    }
    return initiator ? IKEV2_PAYLOAD_IDI : IKEV2_PAYLOAD_IDR;
}

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

/// \return \p a followed by \p b
std::vector<uint8_t>
Joined(std::vector<uint8_t> a, const std::vector<uint8_t>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

IkeIdPayload::IkeIdPayload(uint8_t majorVersion, bool initiator)
    : IkePayload(IdPayloadType(majorVersion, initiator)),
      m_majorVersion(majorVersion == 1 ? 1 : 2)
{
}

TypeId
IkeIdPayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeIdPayload")
                            .SetParent<IkePayload>()
                            .SetGroupName("Natt")
                            .AddConstructor<IkeIdPayload>();
    return tid;
}

TypeId
IkeIdPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
IkeIdPayload::Clone() const
{
    return std::make_unique<IkeIdPayload>(*this);
}

uint8_t
IkeIdPayload::GetMajorVersion() const
{
    return m_majorVersion;
}

void
IkeIdPayload::SetIdentification(IdType idType, const std::vector<uint8_t>& data)
{
    m_idType = idType;
    m_data = data;
}

IkeIdPayload::IdType
IkeIdPayload::GetIdType() const
{
    return static_cast<IdType>(m_idType);
}

const std::vector<uint8_t>&
IkeIdPayload::GetData() const
{
    return m_data;
}

void
IkeIdPayload::SetProtocolId(uint8_t protocolId)
{
    m_protocolId = protocolId;
}

uint8_t
IkeIdPayload::GetProtocolId() const
{
    return m_protocolId;
}

void
IkeIdPayload::SetPort(uint16_t port)
{
    m_port = port;
}

uint16_t
IkeIdPayload::GetPort() const
{
    return m_port;
}

void
IkeIdPayload::SetIpv4Address(Ipv4Address address)
{
    SetIdentification(ID_IPV4_ADDR, Ipv4Bytes(address));
}

Ipv4Address
IkeIdPayload::GetIpv4At(uint8_t type, uint32_t offset) const
{
    if (m_idType != type || m_data.size() < offset + 4)
    {
        return Ipv4Address();
    }
    return Ipv4Address::Deserialize(m_data.data() + offset);
}

Ipv4Address
IkeIdPayload::GetIpv4Address() const
{
    return GetIpv4At(ID_IPV4_ADDR, 0);
}

void
IkeIdPayload::SetIpv4Subnet(Ipv4Address address, Ipv4Mask mask)
{
    SetIdentification(ID_IPV4_ADDR_SUBNET,
                      Joined(Ipv4Bytes(address), Ipv4Bytes(Ipv4Address(mask.Get()))));
}

Ipv4Address
IkeIdPayload::GetIpv4SubnetAddress() const
{
    return GetIpv4At(ID_IPV4_ADDR_SUBNET, 0);
}

Ipv4Mask
IkeIdPayload::GetIpv4SubnetMask() const
{
    return Ipv4Mask(GetIpv4At(ID_IPV4_ADDR_SUBNET, 4).Get());
}

void
IkeIdPayload::SetIpv4Range(Ipv4Address first, Ipv4Address last)
{
    SetIdentification(ID_IPV4_ADDR_RANGE, Joined(Ipv4Bytes(first), Ipv4Bytes(last)));
}

Ipv4Address
IkeIdPayload::GetIpv4RangeFirst() const
{
    return GetIpv4At(ID_IPV4_ADDR_RANGE, 0);
}

Ipv4Address
IkeIdPayload::GetIpv4RangeLast() const
{
    return GetIpv4At(ID_IPV4_ADDR_RANGE, 4);
}

void
IkeIdPayload::SetIpv6Address(Ipv6Address address)
{
    SetIdentification(ID_IPV6_ADDR, Ipv6Bytes(address));
}

Ipv6Address
IkeIdPayload::GetIpv6At(uint8_t type, uint32_t offset) const
{
    if (m_idType != type || m_data.size() != GetRequiredDataSize(type))
    {
        return Ipv6Address::GetAny();
    }
    return Ipv6Address::Deserialize(m_data.data() + offset);
}

Ipv6Address
IkeIdPayload::GetIpv6Address() const
{
    return GetIpv6At(ID_IPV6_ADDR, 0);
}

void
IkeIdPayload::SetIpv6Subnet(Ipv6Address address, Ipv6Prefix prefix)
{
    uint8_t mask[16];
    prefix.GetBytes(mask);
    SetIdentification(ID_IPV6_ADDR_SUBNET,
                      Joined(Ipv6Bytes(address), std::vector<uint8_t>(mask, mask + 16)));
}

Ipv6Address
IkeIdPayload::GetIpv6SubnetAddress() const
{
    return GetIpv6At(ID_IPV6_ADDR_SUBNET, 0);
}

Ipv6Prefix
IkeIdPayload::GetIpv6SubnetPrefix() const
{
    uint8_t mask[16];
    GetIpv6At(ID_IPV6_ADDR_SUBNET, 16).Serialize(mask);
    return Ipv6Prefix(mask);
}

void
IkeIdPayload::SetIpv6Range(Ipv6Address first, Ipv6Address last)
{
    SetIdentification(ID_IPV6_ADDR_RANGE, Joined(Ipv6Bytes(first), Ipv6Bytes(last)));
}

Ipv6Address
IkeIdPayload::GetIpv6RangeFirst() const
{
    return GetIpv6At(ID_IPV6_ADDR_RANGE, 0);
}

Ipv6Address
IkeIdPayload::GetIpv6RangeLast() const
{
    return GetIpv6At(ID_IPV6_ADDR_RANGE, 16);
}

void
IkeIdPayload::SetFqdn(const std::string& name)
{
    SetIdentification(ID_FQDN, std::vector<uint8_t>(name.begin(), name.end()));
}

void
IkeIdPayload::SetUserFqdn(const std::string& name)
{
    SetIdentification(ID_USER_FQDN, std::vector<uint8_t>(name.begin(), name.end()));
}

void
IkeIdPayload::SetKeyId(const std::vector<uint8_t>& keyId)
{
    SetIdentification(ID_KEY_ID, keyId);
}

std::string
IkeIdPayload::GetString() const
{
    return std::string(m_data.begin(), m_data.end());
}

uint32_t
IkeIdPayload::GetRequiredDataSize(uint8_t idType)
{
    switch (idType)
    {
    case ID_IPV4_ADDR:
        return 4;
    case ID_IPV4_ADDR_SUBNET:
    case ID_IPV4_ADDR_RANGE:
        return 8;
    case ID_IPV6_ADDR:
        return 16;
    case ID_IPV6_ADDR_SUBNET:
    case ID_IPV6_ADDR_RANGE:
        return 32;
    default:
        return 0;
    }
}

uint32_t
IkeIdPayload::GetBodySize() const
{
    return 4 + m_data.size();
}

void
IkeIdPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(m_idType);
    if (m_majorVersion == 1)
    {
        i.WriteU8(m_protocolId);
        i.WriteHtonU16(m_port);
    }
    else
    {
        i.WriteU8(0);
        i.WriteHtonU16(0);
    }
    WriteBytes(i, m_data);
}

bool
IkeIdPayload::DeserializeBody(WireReader& r)
{
    m_idType = r.ReadU8();
    if (m_majorVersion == 1)
    {
        m_protocolId = r.ReadU8();
        m_port = r.ReadNtohU16();
    }
    else
    {
        r.Skip(3); // reserved (RFC 7296 3.5)
        m_protocolId = 0;
        m_port = 0;
    }
    m_data = r.ReadRest();
    if (!r.Ok() || m_data.empty())
    {
        return false;
    }
    uint32_t required = GetRequiredDataSize(m_idType);
    return required == 0 || m_data.size() == required;
}

void
IkeIdPayload::PrintBody(std::ostream& os) const
{
    os << "type=" << +m_idType;
    if (m_majorVersion == 1)
    {
        os << " protocol=" << +m_protocolId << " port=" << m_port;
    }
    switch (m_idType)
    {
    case ID_IPV4_ADDR:
        os << " " << GetIpv4Address();
        break;
    case ID_IPV4_ADDR_SUBNET:
        os << " " << GetIpv4SubnetAddress() << "/" << GetIpv4SubnetMask();
        break;
    case ID_IPV4_ADDR_RANGE:
        os << " " << GetIpv4RangeFirst() << "-" << GetIpv4RangeLast();
        break;
    case ID_IPV6_ADDR:
        os << " " << GetIpv6Address();
        break;
    case ID_IPV6_ADDR_SUBNET:
        os << " " << GetIpv6SubnetAddress() << GetIpv6SubnetPrefix();
        break;
    case ID_IPV6_ADDR_RANGE:
        os << " " << GetIpv6RangeFirst() << "-" << GetIpv6RangeLast();
        break;
    case ID_FQDN:
    case ID_USER_FQDN:
        os << " " << GetString();
        break;
    default:
        os << " data=" << ToHex(m_data);
        break;
    }
}

const char*
IkeIdPayload::GetName() const
{
    if (m_majorVersion == 1)
    {
        return "ID";
    }
    return GetPayloadType() == IKEV2_PAYLOAD_IDI ? "IDi" : "IDr";
}

} // namespace ns3
