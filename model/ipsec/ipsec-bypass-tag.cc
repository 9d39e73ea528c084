/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-bypass-tag.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecBypassTag);

TypeId
IpsecBypassTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecBypassTag")
                            .SetParent<Tag>()
                            .SetGroupName("Natt")
                            .AddConstructor<IpsecBypassTag>();
    return tid;
}

TypeId
IpsecBypassTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
IpsecBypassTag::GetSerializedSize() const
{
    return 0;
}

void
IpsecBypassTag::Serialize(TagBuffer) const
{
}

void
IpsecBypassTag::Deserialize(TagBuffer)
{
}

void
IpsecBypassTag::Print(std::ostream& os) const
{
    os << "ipsec-bypass";
}

} // namespace ns3
