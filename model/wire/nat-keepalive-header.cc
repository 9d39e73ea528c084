/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-keepalive-header.h"

#include "wire-reader.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatKeepaliveHeader);

TypeId
NatKeepaliveHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatKeepaliveHeader")
                            .SetParent<Header>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatKeepaliveHeader>();
    return tid;
}

TypeId
NatKeepaliveHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
NatKeepaliveHeader::GetSerializedSize() const
{
    return kSize;
}

void
NatKeepaliveHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(kKeepaliveByte);
}

uint32_t
NatKeepaliveHeader::Deserialize(Buffer::Iterator start)
{
    WireReader r(start, kSize);
    uint8_t byte = r.ReadU8();
    return r.Ok() && byte == kKeepaliveByte ? kSize : 0;
}

void
NatKeepaliveHeader::Print(std::ostream& os) const
{
    os << "NAT-keepalive";
}

} // namespace ns3
