/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-ke-payload.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeKePayload);

IkeKePayload::IkeKePayload(uint8_t majorVersion)
    : IkePayload(majorVersion == 1 ? IKEV1_PAYLOAD_KE : IKEV2_PAYLOAD_KE),
      m_majorVersion(majorVersion == 1 ? 1 : 2)
{
}

TypeId
IkeKePayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeKePayload").SetParent<IkePayload>().SetGroupName("Natt");
    return tid;
}

TypeId
IkeKePayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
IkeKePayload::Clone() const
{
    return std::make_unique<IkeKePayload>(*this);
}

uint8_t
IkeKePayload::GetMajorVersion() const
{
    return m_majorVersion;
}

void
IkeKePayload::SetDhGroup(uint16_t group)
{
    m_dhGroup = group;
}

uint16_t
IkeKePayload::GetDhGroup() const
{
    return m_dhGroup;
}

void
IkeKePayload::SetData(const std::vector<uint8_t>& data)
{
    m_data = data;
}

const std::vector<uint8_t>&
IkeKePayload::GetData() const
{
    return m_data;
}

uint32_t
IkeKePayload::GetBodySize() const
{
    return (m_majorVersion == 2 ? kIkev2FixedSize : 0) + m_data.size();
}

void
IkeKePayload::SerializeBody(Buffer::Iterator& i) const
{
    if (m_majorVersion == 2)
    {
        i.WriteHtonU16(m_dhGroup);
        i.WriteHtonU16(0);
    }
    WriteBytes(i, m_data);
}

bool
IkeKePayload::DeserializeBody(WireReader& r)
{
    if (m_majorVersion == 2)
    {
        m_dhGroup = r.ReadNtohU16();
        r.Skip(2); // reserved: ignored on receipt (RFC 7296 3.4)
    }
    m_data = r.ReadRest();
    return r.Ok();
}

void
IkeKePayload::PrintBody(std::ostream& os) const
{
    if (m_majorVersion == 2)
    {
        os << "group=" << m_dhGroup << " ";
    }
    os << "data=" << ToHex(m_data, 16) << " (" << m_data.size() << " bytes)";
}

const char*
IkeKePayload::GetName() const
{
    return "KE";
}

} // namespace ns3
