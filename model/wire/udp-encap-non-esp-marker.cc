/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "udp-encap-non-esp-marker.h"

#include "wire-reader.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(UdpEncapNonEspMarker);

TypeId
UdpEncapNonEspMarker::GetTypeId()
{
    static TypeId tid = TypeId("ns3::UdpEncapNonEspMarker")
                            .SetParent<Header>()
                            .SetGroupName("Natt")
                            .AddConstructor<UdpEncapNonEspMarker>();
    return tid;
}

TypeId
UdpEncapNonEspMarker::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
UdpEncapNonEspMarker::GetSerializedSize() const
{
    return kSize;
}

void
UdpEncapNonEspMarker::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(0);
}

uint32_t
UdpEncapNonEspMarker::Deserialize(Buffer::Iterator start)
{
    WireReader r(start, kSize);
    uint32_t marker = r.ReadNtohU32();
    return r.Ok() && marker == 0 ? kSize : 0;
}

void
UdpEncapNonEspMarker::Print(std::ostream& os) const
{
    os << "non-ESP-marker";
}

} // namespace ns3
