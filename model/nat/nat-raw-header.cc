/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-raw-header.h"

#include <iomanip>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatRawHeader);

NatRawHeader::NatRawHeader(std::vector<uint8_t> bytes)
    : m_bytes(std::move(bytes))
{
}

TypeId
NatRawHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatRawHeader")
                            .SetParent<Header>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatRawHeader>();
    return tid;
}

TypeId
NatRawHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
NatRawHeader::GetSerializedSize() const
{
    return m_bytes.size();
}

void
NatRawHeader::Serialize(Buffer::Iterator start) const
{
    start.Write(m_bytes.data(), m_bytes.size());
}

uint32_t
NatRawHeader::Deserialize(Buffer::Iterator start)
{
    start.Read(m_bytes.data(), m_bytes.size());
    return m_bytes.size();
}

void
NatRawHeader::Print(std::ostream& os) const
{
    os << "rewritten " << m_bytes.size() << " bytes";
}

const std::vector<uint8_t>&
NatRawHeader::GetBytes() const
{
    return m_bytes;
}

} // namespace ns3
