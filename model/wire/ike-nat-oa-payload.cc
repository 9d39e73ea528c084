/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-nat-oa-payload.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeNatOaPayload);

IkeNatOaPayload::IkeNatOaPayload()
    : IkePayload(IKEV1_PAYLOAD_NAT_OA)
{
}

TypeId
IkeNatOaPayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeNatOaPayload")
                            .SetParent<IkePayload>()
                            .SetGroupName("Natt")
                            .AddConstructor<IkeNatOaPayload>();
    return tid;
}

TypeId
IkeNatOaPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
IkeNatOaPayload::Clone() const
{
    return std::make_unique<IkeNatOaPayload>(*this);
}

IkeNatOaPayload::IdType
IkeNatOaPayload::GetIdType() const
{
    return static_cast<IdType>(m_idType);
}

void
IkeNatOaPayload::SetIpv4Address(Ipv4Address address)
{
    m_idType = ID_IPV4_ADDR;
    m_ipv4 = address;
    m_ipv6 = Ipv6Address::GetAny();
}

Ipv4Address
IkeNatOaPayload::GetIpv4Address() const
{
    return m_idType == ID_IPV4_ADDR ? m_ipv4 : Ipv4Address();
}

void
IkeNatOaPayload::SetIpv6Address(Ipv6Address address)
{
    m_idType = ID_IPV6_ADDR;
    m_ipv6 = address;
    m_ipv4 = Ipv4Address();
}

Ipv6Address
IkeNatOaPayload::GetIpv6Address() const
{
    return m_idType == ID_IPV6_ADDR ? m_ipv6 : Ipv6Address::GetAny();
}

uint32_t
IkeNatOaPayload::GetBodySize() const
{
    return 4 + (m_idType == ID_IPV6_ADDR ? 16 : 4);
}

void
IkeNatOaPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(m_idType);
    i.WriteU8(0);
    i.WriteHtonU16(0);
    if (m_idType == ID_IPV6_ADDR)
    {
        uint8_t bytes[16];
        m_ipv6.Serialize(bytes);
        i.Write(bytes, sizeof(bytes));
    }
    else
    {
        i.WriteHtonU32(m_ipv4.Get());
    }
}

bool
IkeNatOaPayload::DeserializeBody(WireReader& r)
{
    m_idType = r.ReadU8();
    r.Skip(3); // reserved
    if (!r.Ok())
    {
        return false;
    }
    if (m_idType == ID_IPV4_ADDR && r.GetRemaining() == 4)
    {
        SetIpv4Address(Ipv4Address(r.ReadNtohU32()));
        return r.Ok();
    }
    if (m_idType == ID_IPV6_ADDR && r.GetRemaining() == 16)
    {
        std::vector<uint8_t> bytes = r.ReadBytes(16);
        if (!r.Ok())
        {
            return false;
        }
        SetIpv6Address(Ipv6Address::Deserialize(bytes.data()));
        return true;
    }
    return false;
}

void
IkeNatOaPayload::PrintBody(std::ostream& os) const
{
    os << "type=" << +m_idType << " ";
    if (m_idType == ID_IPV6_ADDR)
    {
        os << m_ipv6;
    }
    else
    {
        os << m_ipv4;
    }
}

const char*
IkeNatOaPayload::GetName() const
{
    return "NAT-OA";
}

} // namespace ns3
