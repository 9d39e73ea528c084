/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ah-header.h"

#include "wire-reader.h"

#include "ns3/abort.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(AhHeader);

TypeId
AhHeader::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::AhHeader").SetParent<Header>().SetGroupName("Natt").AddConstructor<AhHeader>();
    return tid;
}

TypeId
AhHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
AhHeader::GetSerializedSize() const
{
    return kFixedSize + m_icv.size();
}

void
AhHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_nextHeader);
    i.WriteU8(GetPayloadLength());
    i.WriteHtonU16(m_reserved);
    i.WriteHtonU32(m_spi);
    i.WriteHtonU32(m_sequenceNumber);
    WriteBytes(i, m_icv);
}

uint32_t
AhHeader::Deserialize(Buffer::Iterator start)
{
    WireReader r(start, start.GetRemainingSize());
    m_nextHeader = r.ReadU8();
    uint8_t payloadLength = r.ReadU8();
    m_reserved = r.ReadNtohU16();
    m_spi = r.ReadNtohU32();
    m_sequenceNumber = r.ReadNtohU32();
    uint32_t length = (payloadLength + 2U) * 4U;
    if (!r.Ok() || length < kFixedSize)
    {
        m_icv.clear();
        return 0;
    }
    m_icv = r.ReadBytes(length - kFixedSize);
    return r.Ok() ? length : 0;
}

void
AhHeader::Print(std::ostream& os) const
{
    std::ios_base::fmtflags saved = os.flags();
    os << "AH next=" << +m_nextHeader << " len=" << +GetPayloadLength() << " spi=0x" << std::hex
       << std::setfill('0') << std::setw(8) << m_spi << std::dec << " seq=" << m_sequenceNumber
       << " icv=" << ToHex(m_icv);
    os.flags(saved);
}

void
AhHeader::SetNextHeader(uint8_t nextHeader)
{
    m_nextHeader = nextHeader;
}

uint8_t
AhHeader::GetNextHeader() const
{
    return m_nextHeader;
}

uint8_t
AhHeader::GetPayloadLength() const
{
    return static_cast<uint8_t>(GetSerializedSize() / 4 - 2);
}

void
AhHeader::SetReserved(uint16_t reserved)
{
    m_reserved = reserved;
}

uint16_t
AhHeader::GetReserved() const
{
    return m_reserved;
}

void
AhHeader::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
AhHeader::GetSpi() const
{
    return m_spi;
}

void
AhHeader::SetSequenceNumber(uint32_t sequenceNumber)
{
    m_sequenceNumber = sequenceNumber;
}

uint32_t
AhHeader::GetSequenceNumber() const
{
    return m_sequenceNumber;
}

void
AhHeader::SetIcv(const std::vector<uint8_t>& icv)
{
    NS_ABORT_MSG_IF(icv.size() > kMaxIcvSize, "AH ICV of " << icv.size() << " bytes is too long");
    m_icv = icv;
    m_icv.resize((icv.size() + 3) / 4 * 4, 0);
}

const std::vector<uint8_t>&
AhHeader::GetIcv() const
{
    return m_icv;
}

void
AhHeader::ZeroIcv()
{
    std::fill(m_icv.begin(), m_icv.end(), 0);
}

} // namespace ns3
