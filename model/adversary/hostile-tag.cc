/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "hostile-tag.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(HostileTag);

TypeId
HostileTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HostileTag")
                            .SetParent<Tag>()
                            .SetGroupName("Natt")
                            .AddConstructor<HostileTag>();
    return tid;
}

TypeId
HostileTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HostileTag::GetSerializedSize() const
{
    return sizeof(m_id);
}

void
HostileTag::Serialize(TagBuffer i) const
{
    i.WriteU32(m_id);
}

void
HostileTag::Deserialize(TagBuffer i)
{
    m_id = i.ReadU32();
}

void
HostileTag::Print(std::ostream& os) const
{
    os << "hostile=" << m_id;
}

void
HostileTag::SetId(uint32_t id)
{
    m_id = id;
}

uint32_t
HostileTag::GetId() const
{
    return m_id;
}

} // namespace ns3
