/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-payload.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkePayload);

IkePayload::IkePayload(uint8_t payloadType)
    : m_payloadType(payloadType)
{
}

TypeId
IkePayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkePayload").SetParent<Header>().SetGroupName("Natt");
    return tid;
}

IkePayloadType
IkePayload::GetPayloadType() const
{
    return static_cast<IkePayloadType>(m_payloadType);
}

void
IkePayload::SetNextPayload(IkePayloadType type)
{
    m_nextPayload = type;
}

IkePayloadType
IkePayload::GetNextPayload() const
{
    return static_cast<IkePayloadType>(m_nextPayload);
}

void
IkePayload::SetCritical(bool critical)
{
    m_critical = critical;
}

bool
IkePayload::IsCritical() const
{
    return m_critical;
}

uint16_t
IkePayload::GetPayloadLength() const
{
    uint32_t length = kGenericHeaderSize + GetBodySize();
    // The length field is 16 bits (RFC 7296 3.2); a bigger payload is a
    // programming error in whoever built it, not malformed input.
    NS_ABORT_MSG_IF(length > 0xffff, "IKE payload body too large: " << length);
    return static_cast<uint16_t>(length);
}

uint32_t
IkePayload::GetSerializedSize() const
{
    return GetPayloadLength();
}

void
IkePayload::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_nextPayload);
    i.WriteU8(m_critical ? 0x80 : 0x00);
    i.WriteHtonU16(GetPayloadLength());
    SerializeBody(i);
}

uint32_t
IkePayload::Deserialize(Buffer::Iterator start)
{
    WireReader r(start, start.GetRemainingSize());
    return Deserialize(r) ? r.GetConsumed() : 0;
}

bool
IkePayload::Deserialize(WireReader& r)
{
    m_nextPayload = r.ReadU8();
    m_critical = (r.ReadU8() & 0x80) != 0;
    uint16_t length = r.ReadNtohU16();
    if (!r.Ok() || length < kGenericHeaderSize)
    {
        r.Fail();
        return false;
    }
    WireReader body = r.Sub(length - kGenericHeaderSize);
    if (!body.Ok() || !DeserializeBody(body) || !body.Ok() || body.GetRemaining() != 0)
    {
        r.Fail();
        return false;
    }
    return true;
}

std::vector<uint8_t>
IkePayload::GetBodyBytes() const
{
    uint32_t size = GetBodySize();
    Buffer buffer(size);
    buffer.AddAtStart(size);
    Buffer::Iterator i = buffer.Begin();
    SerializeBody(i);
    std::vector<uint8_t> bytes(size);
    buffer.CopyData(bytes.data(), size);
    return bytes;
}

void
IkePayload::Print(std::ostream& os) const
{
    os << GetName() << "(" << +m_payloadType << ") next=" << +m_nextPayload;
    if (m_critical)
    {
        os << " critical";
    }
    os << " length=" << GetSerializedSize() << " ";
    PrintBody(os);
}

} // namespace ns3
