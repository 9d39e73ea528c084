/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnat-allocation-reply-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DnatAllocationReplyHeader);

TypeId
DnatAllocationReplyHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnatAllocationReplyHeader")
                            .SetParent<DnatAllocationHeader>()
                            .SetGroupName("Natt")
                            .AddConstructor<DnatAllocationReplyHeader>();
    return tid;
}

TypeId
DnatAllocationReplyHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
DnatAllocationReplyHeader::SetRouterAddress(Ipv4Address address)
{
    m_router = address;
}

Ipv4Address
DnatAllocationReplyHeader::GetRouterAddress() const
{
    return m_router;
}

void
DnatAllocationReplyHeader::SetHostAddress(Ipv4Address address)
{
    m_host = address;
}

Ipv4Address
DnatAllocationReplyHeader::GetHostAddress() const
{
    return m_host;
}

void
DnatAllocationReplyHeader::SetLeaseId(uint32_t id)
{
    m_leaseId = id;
}

uint32_t
DnatAllocationReplyHeader::GetLeaseId() const
{
    return m_leaseId;
}

void
DnatAllocationReplyHeader::SetLeaseSeconds(uint32_t seconds)
{
    m_leaseSeconds = seconds;
}

uint32_t
DnatAllocationReplyHeader::GetLeaseSeconds() const
{
    return m_leaseSeconds;
}

void
DnatAllocationReplyHeader::SetPorts(uint16_t first, uint16_t last)
{
    m_firstPort = first;
    m_lastPort = last;
}

uint16_t
DnatAllocationReplyHeader::GetFirstPort() const
{
    return m_firstPort;
}

uint16_t
DnatAllocationReplyHeader::GetLastPort() const
{
    return m_lastPort;
}

void
DnatAllocationReplyHeader::SetSpis(uint32_t first, uint32_t last)
{
    m_firstSpi = first;
    m_lastSpi = last;
}

uint32_t
DnatAllocationReplyHeader::GetFirstSpi() const
{
    return m_firstSpi;
}

uint32_t
DnatAllocationReplyHeader::GetLastSpi() const
{
    return m_lastSpi;
}

void
DnatAllocationReplyHeader::SetStatus(Status status)
{
    m_status = status;
}

DnatAllocationReplyHeader::Status
DnatAllocationReplyHeader::GetStatus() const
{
    return m_status;
}

bool
DnatAllocationReplyHeader::IsOwnType(uint8_t type) const
{
    return type == GRANT || type == RELEASED || type == REFUSED;
}

uint32_t
DnatAllocationReplyHeader::GetMessageSize() const
{
    return kSize;
}

void
DnatAllocationReplyHeader::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteHtonU32(m_router.Get());
    i.WriteHtonU32(m_host.Get());
    i.WriteHtonU32(m_leaseId);
    i.WriteHtonU32(m_leaseSeconds);
    i.WriteHtonU16(m_firstPort);
    i.WriteHtonU16(m_lastPort);
    i.WriteHtonU32(m_firstSpi);
    i.WriteHtonU32(m_lastSpi);
    i.WriteU8(m_status);
    i.WriteU8(0, 3);
}

void
DnatAllocationReplyHeader::DeserializeBody(WireReader& r)
{
    Ipv4Address router(r.ReadNtohU32());
    Ipv4Address host(r.ReadNtohU32());
    uint32_t leaseId = r.ReadNtohU32();
    uint32_t leaseSeconds = r.ReadNtohU32();
    uint16_t firstPort = r.ReadNtohU16();
    uint16_t lastPort = r.ReadNtohU16();
    uint32_t firstSpi = r.ReadNtohU32();
    uint32_t lastSpi = r.ReadNtohU32();
    uint8_t status = r.ReadU8();
    std::vector<uint8_t> reserved = r.ReadBytes(3);
    bool reservedZero = reserved == std::vector<uint8_t>(3, 0);
    // A GRANT is OK with ranges in order; RELEASED and REFUSED carry none.
    bool rangesOk = m_type == GRANT
                        ? status == STATUS_OK && firstPort <= lastPort && firstSpi <= lastSpi
                        : firstPort == 0 && lastPort == 0 && firstSpi == 0 && lastSpi == 0;
    bool statusOk = m_type == REFUSED ? status != STATUS_OK && status <= STATUS_WRONG_HOST
                                      : status == STATUS_OK;
    if (!reservedZero || !rangesOk || !statusOk)
    {
        r.Fail();
        return;
    }
    m_router = router;
    m_host = host;
    m_leaseId = leaseId;
    m_leaseSeconds = leaseSeconds;
    m_firstPort = firstPort;
    m_lastPort = lastPort;
    m_firstSpi = firstSpi;
    m_lastSpi = lastSpi;
    m_status = static_cast<Status>(status);
}

void
DnatAllocationReplyHeader::PrintBody(std::ostream& os) const
{
    os << "router=" << m_router << " host=" << m_host << " lease=" << m_leaseId << " ("
       << m_leaseSeconds << " s) ports=" << m_firstPort << "-" << m_lastPort
       << " spis=" << m_firstSpi << "-" << m_lastSpi << " status=" << +m_status;
}

} // namespace ns3
