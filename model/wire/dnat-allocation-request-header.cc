/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnat-allocation-request-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DnatAllocationRequestHeader);

TypeId
DnatAllocationRequestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnatAllocationRequestHeader")
                            .SetParent<DnatAllocationHeader>()
                            .SetGroupName("Natt")
                            .AddConstructor<DnatAllocationRequestHeader>();
    return tid;
}

TypeId
DnatAllocationRequestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
DnatAllocationRequestHeader::SetHostAddress(Ipv4Address address)
{
    m_host = address;
}

Ipv4Address
DnatAllocationRequestHeader::GetHostAddress() const
{
    return m_host;
}

void
DnatAllocationRequestHeader::SetPortsWanted(uint16_t ports)
{
    m_ports = ports;
}

uint16_t
DnatAllocationRequestHeader::GetPortsWanted() const
{
    return m_ports;
}

void
DnatAllocationRequestHeader::SetSpisWanted(uint32_t spis)
{
    m_spis = spis;
}

uint32_t
DnatAllocationRequestHeader::GetSpisWanted() const
{
    return m_spis;
}

void
DnatAllocationRequestHeader::SetLeaseId(uint32_t id)
{
    m_leaseId = id;
}

uint32_t
DnatAllocationRequestHeader::GetLeaseId() const
{
    return m_leaseId;
}

bool
DnatAllocationRequestHeader::IsOwnType(uint8_t type) const
{
    return type == REQUEST || type == RENEW || type == RELEASE;
}

uint32_t
DnatAllocationRequestHeader::GetMessageSize() const
{
    return kSize;
}

void
DnatAllocationRequestHeader::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteHtonU32(m_host.Get());
    i.WriteHtonU16(m_ports);
    i.WriteHtonU16(0);
    i.WriteHtonU32(m_spis);
    i.WriteHtonU32(m_leaseId);
}

void
DnatAllocationRequestHeader::DeserializeBody(WireReader& r)
{
    Ipv4Address host(r.ReadNtohU32());
    uint16_t ports = r.ReadNtohU16();
    uint16_t reserved = r.ReadNtohU16();
    uint32_t spis = r.ReadNtohU32();
    uint32_t leaseId = r.ReadNtohU32();
    // A REQUEST names no lease yet; RENEW and RELEASE must name one.
    bool leaseOk = (m_type == REQUEST) == (leaseId == 0);
    if (reserved != 0 || !leaseOk)
    {
        r.Fail();
        return;
    }
    m_host = host;
    m_ports = ports;
    m_spis = spis;
    m_leaseId = leaseId;
}

void
DnatAllocationRequestHeader::PrintBody(std::ostream& os) const
{
    os << "host=" << m_host << " ports=" << m_ports << " spis=" << m_spis << " lease=" << m_leaseId;
}

} // namespace ns3
