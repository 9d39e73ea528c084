/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-header.h"

#include "wire-reader.h"

#include <iomanip>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IsakmpHeader);

TypeId
IsakmpHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IsakmpHeader")
                            .SetParent<Header>()
                            .SetGroupName("Natt")
                            .AddConstructor<IsakmpHeader>();
    return tid;
}

TypeId
IsakmpHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
IsakmpHeader::GetSerializedSize() const
{
    return kSize;
}

void
IsakmpHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU64(m_initiatorSpi);
    i.WriteHtonU64(m_responderSpi);
    i.WriteU8(m_nextPayload);
    i.WriteU8(static_cast<uint8_t>((m_majorVersion << 4) | (m_minorVersion & 0x0f)));
    i.WriteU8(m_exchangeType);
    i.WriteU8(m_flags);
    i.WriteHtonU32(m_messageId);
    i.WriteHtonU32(m_length);
}

uint32_t
IsakmpHeader::Deserialize(Buffer::Iterator start)
{
    WireReader r(start, kSize);
    m_initiatorSpi = r.ReadNtohU64();
    m_responderSpi = r.ReadNtohU64();
    m_nextPayload = r.ReadU8();
    uint8_t version = r.ReadU8();
    m_majorVersion = version >> 4;
    m_minorVersion = version & 0x0f;
    m_exchangeType = r.ReadU8();
    m_flags = r.ReadU8();
    m_messageId = r.ReadNtohU32();
    m_length = r.ReadNtohU32();
    return r.Ok() ? kSize : 0;
}

void
IsakmpHeader::Print(std::ostream& os) const
{
    std::ios_base::fmtflags saved = os.flags();
    os << "ISAKMP ispi=0x" << std::hex << std::setfill('0') << std::setw(16) << m_initiatorSpi
       << " rspi=0x" << std::setw(16) << m_responderSpi << std::dec << " next=" << +m_nextPayload
       << " version=" << +m_majorVersion << "." << +m_minorVersion
       << " exchange=" << +m_exchangeType << " flags=0x" << std::hex << +m_flags << std::dec
       << " msgid=" << m_messageId << " length=" << m_length;
    os.flags(saved);
}

void
IsakmpHeader::SetInitiatorSpi(uint64_t spi)
{
    m_initiatorSpi = spi;
}

uint64_t
IsakmpHeader::GetInitiatorSpi() const
{
    return m_initiatorSpi;
}

void
IsakmpHeader::SetResponderSpi(uint64_t spi)
{
    m_responderSpi = spi;
}

uint64_t
IsakmpHeader::GetResponderSpi() const
{
    return m_responderSpi;
}

void
IsakmpHeader::SetNextPayload(IkePayloadType type)
{
    m_nextPayload = type;
}

IkePayloadType
IsakmpHeader::GetNextPayload() const
{
    return static_cast<IkePayloadType>(m_nextPayload);
}

void
IsakmpHeader::SetMajorVersion(uint8_t major)
{
    m_majorVersion = major & 0x0f;
}

uint8_t
IsakmpHeader::GetMajorVersion() const
{
    return m_majorVersion;
}

void
IsakmpHeader::SetMinorVersion(uint8_t minor)
{
    m_minorVersion = minor & 0x0f;
}

uint8_t
IsakmpHeader::GetMinorVersion() const
{
    return m_minorVersion;
}

void
IsakmpHeader::SetExchangeType(ExchangeType exchangeType)
{
    m_exchangeType = exchangeType;
}

IsakmpHeader::ExchangeType
IsakmpHeader::GetExchangeType() const
{
    return static_cast<ExchangeType>(m_exchangeType);
}

void
IsakmpHeader::SetFlags(uint8_t flags)
{
    m_flags = flags;
}

uint8_t
IsakmpHeader::GetFlags() const
{
    return m_flags;
}

void
IsakmpHeader::SetFlag(Flags flag, bool on)
{
    m_flags = on ? (m_flags | flag) : (m_flags & ~flag);
}

bool
IsakmpHeader::HasFlag(Flags flag) const
{
    return (m_flags & flag) != 0;
}

void
IsakmpHeader::SetMessageId(uint32_t messageId)
{
    m_messageId = messageId;
}

uint32_t
IsakmpHeader::GetMessageId() const
{
    return m_messageId;
}

void
IsakmpHeader::SetLength(uint32_t length)
{
    m_length = length;
}

uint32_t
IsakmpHeader::GetLength() const
{
    return m_length;
}

} // namespace ns3
