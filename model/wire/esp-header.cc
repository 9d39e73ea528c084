/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-header.h"

#include "wire-reader.h"

#include <iomanip>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(EspHeader);

TypeId
EspHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspHeader")
                            .SetParent<Header>()
                            .SetGroupName("Natt")
                            .AddConstructor<EspHeader>();
    return tid;
}

TypeId
EspHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
EspHeader::GetSerializedSize() const
{
    return kSize;
}

void
EspHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU32(m_spi);
    i.WriteHtonU32(m_sequenceNumber);
}

uint32_t
EspHeader::Deserialize(Buffer::Iterator start)
{
    WireReader r(start, kSize);
    m_spi = r.ReadNtohU32();
    m_sequenceNumber = r.ReadNtohU32();
    return r.Ok() ? kSize : 0;
}

void
EspHeader::Print(std::ostream& os) const
{
    std::ios_base::fmtflags saved = os.flags();
    os << "ESP spi=0x" << std::hex << std::setfill('0') << std::setw(8) << m_spi << std::dec
       << " seq=" << m_sequenceNumber;
    os.flags(saved);
}

void
EspHeader::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
EspHeader::GetSpi() const
{
    return m_spi;
}

void
EspHeader::SetSequenceNumber(uint32_t sequenceNumber)
{
    m_sequenceNumber = sequenceNumber;
}

uint32_t
EspHeader::GetSequenceNumber() const
{
    return m_sequenceNumber;
}

} // namespace ns3
