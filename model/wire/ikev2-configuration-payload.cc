/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-configuration-payload.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(Ikev2ConfigurationPayload);

namespace
{
/// The top bit of the attribute type word is reserved (RFC 7296 3.15.1).
constexpr uint16_t kAttributeTypeMask = 0x7fff;
} // namespace

Ikev2ConfigAttribute
Ikev2ConfigAttribute::Empty(Type type)
{
    Ikev2ConfigAttribute attribute;
    attribute.type = static_cast<Type>(type & kAttributeTypeMask);
    return attribute;
}

Ikev2ConfigAttribute
Ikev2ConfigAttribute::Ipv4(Type type, Ipv4Address address)
{
    Ikev2ConfigAttribute attribute = Empty(type);
    attribute.value.resize(4);
    address.Serialize(attribute.value.data());
    return attribute;
}

bool
Ikev2ConfigAttribute::GetIpv4(Ipv4Address& address) const
{
    if (value.size() != 4)
    {
        return false;
    }
    address = Ipv4Address::Deserialize(value.data());
    return true;
}

uint32_t
Ikev2ConfigAttribute::GetSerializedSize() const
{
    return 4 + value.size();
}

bool
Ikev2ConfigAttribute::operator==(const Ikev2ConfigAttribute& other) const
{
    return type == other.type && value == other.value;
}

std::ostream&
operator<<(std::ostream& os, const Ikev2ConfigAttribute& attribute)
{
    os << "attr(" << attribute.type;
    // An empty value (a request) prints as the type alone.
    Ipv4Address address;
    if (attribute.GetIpv4(address))
    {
        os << "=" << address;
    }
    else if (!attribute.value.empty())
    {
        os << "=0x" << ToHex(attribute.value);
    }
    return os << ")";
}

Ikev2ConfigurationPayload::Ikev2ConfigurationPayload()
    : IkePayload(IKEV2_PAYLOAD_CP)
{
}

TypeId
Ikev2ConfigurationPayload::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ikev2ConfigurationPayload").SetParent<IkePayload>().SetGroupName("Natt");
    return tid;
}

TypeId
Ikev2ConfigurationPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
Ikev2ConfigurationPayload::Clone() const
{
    return std::make_unique<Ikev2ConfigurationPayload>(*this);
}

void
Ikev2ConfigurationPayload::SetCfgType(CfgType cfgType)
{
    m_cfgType = cfgType;
}

Ikev2ConfigurationPayload::CfgType
Ikev2ConfigurationPayload::GetCfgType() const
{
    return static_cast<CfgType>(m_cfgType);
}

void
Ikev2ConfigurationPayload::AddAttribute(const Ikev2ConfigAttribute& attribute)
{
    m_attributes.push_back(attribute);
}

void
Ikev2ConfigurationPayload::SetAttributes(const std::vector<Ikev2ConfigAttribute>& attributes)
{
    m_attributes = attributes;
}

const std::vector<Ikev2ConfigAttribute>&
Ikev2ConfigurationPayload::GetAttributes() const
{
    return m_attributes;
}

const Ikev2ConfigAttribute*
Ikev2ConfigurationPayload::FindAttribute(Ikev2ConfigAttribute::Type type) const
{
    for (const auto& attribute : m_attributes)
    {
        if (attribute.type == type)
        {
            return &attribute;
        }
    }
    return nullptr;
}

uint32_t
Ikev2ConfigurationPayload::GetBodySize() const
{
    uint32_t size = kFixedSize;
    for (const auto& attribute : m_attributes)
    {
        size += attribute.GetSerializedSize();
    }
    return size;
}

void
Ikev2ConfigurationPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(m_cfgType);
    i.WriteU8(0);
    i.WriteHtonU16(0);
    for (const auto& attribute : m_attributes)
    {
        NS_ABORT_MSG_IF(attribute.value.size() > 0xffff, "configuration attribute too long");
        i.WriteHtonU16(attribute.type & kAttributeTypeMask);
        i.WriteHtonU16(static_cast<uint16_t>(attribute.value.size()));
        WriteBytes(i, attribute.value);
    }
}

bool
Ikev2ConfigurationPayload::DeserializeBody(WireReader& r)
{
    m_attributes.clear();
    m_cfgType = r.ReadU8();
    r.Skip(3); // reserved: ignored on receipt
    while (r.Ok() && r.GetRemaining() > 0)
    {
        Ikev2ConfigAttribute attribute;
        // The reserved bit is ignored on receipt (RFC 7296 3.15.1).
        attribute.type =
            static_cast<Ikev2ConfigAttribute::Type>(r.ReadNtohU16() & kAttributeTypeMask);
        uint16_t length = r.ReadNtohU16();
        attribute.value = r.ReadBytes(length);
        if (r.Ok())
        {
            m_attributes.push_back(attribute);
        }
    }
    return r.Ok();
}

void
Ikev2ConfigurationPayload::PrintBody(std::ostream& os) const
{
    os << "type=" << +m_cfgType << " attributes={";
    for (std::size_t k = 0; k < m_attributes.size(); ++k)
    {
        os << (k == 0 ? "" : " ") << m_attributes[k];
    }
    os << "}";
}

const char*
Ikev2ConfigurationPayload::GetName() const
{
    return "CP";
}

} // namespace ns3
