/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnat-allocation-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DnatAllocationHeader);

TypeId
DnatAllocationHeader::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnatAllocationHeader").SetParent<Header>().SetGroupName("Natt");
    return tid;
}

void
DnatAllocationHeader::SetType(MessageType type)
{
    m_type = type;
}

DnatAllocationHeader::MessageType
DnatAllocationHeader::GetType() const
{
    return m_type;
}

void
DnatAllocationHeader::SetTransactionId(uint32_t id)
{
    m_transactionId = id;
}

uint32_t
DnatAllocationHeader::GetTransactionId() const
{
    return m_transactionId;
}

DnatAllocationHeader::ParseError
DnatAllocationHeader::GetParseError() const
{
    return m_parseError;
}

const char*
DnatAllocationHeader::ParseErrorName(ParseError error)
{
    switch (error)
    {
    case PARSE_OK:
        return "ok";
    case PARSE_TRUNCATED:
        return "truncated";
    case PARSE_BAD_VERSION:
        return "bad-version";
    case PARSE_WRONG_FAMILY:
        return "wrong-family";
    case PARSE_BAD_LENGTH:
        return "bad-length";
    case PARSE_BAD_FIELD:
        return "bad-field";
    }
    return "unknown";
}

uint8_t
DnatAllocationHeader::PeekType(Buffer::Iterator start)
{
    if (start.GetRemainingSize() < 2)
    {
        return 0;
    }
    start.Next();
    return start.ReadU8();
}

uint32_t
DnatAllocationHeader::GetSerializedSize() const
{
    return GetMessageSize();
}

void
DnatAllocationHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(kVersion);
    i.WriteU8(m_type);
    i.WriteHtonU16(static_cast<uint16_t>(GetMessageSize()));
    i.WriteHtonU32(m_transactionId);
    SerializeBody(i);
}

uint32_t
DnatAllocationHeader::Deserialize(Buffer::Iterator start)
{
    uint32_t size = GetMessageSize();
    WireReader r(start, size);
    uint8_t version = r.ReadU8();
    uint8_t type = r.ReadU8();
    uint16_t length = r.ReadNtohU16();
    uint32_t transactionId = r.ReadNtohU32();
    // The prefix decides which error is reported; the body is read only
    // when the prefix names a message of this family and size.
    if (!r.Ok())
    {
        m_parseError = PARSE_TRUNCATED;
        return 0;
    }
    if (version != kVersion)
    {
        m_parseError = PARSE_BAD_VERSION;
        return 0;
    }
    if (!IsOwnType(type))
    {
        m_parseError = PARSE_WRONG_FAMILY;
        return 0;
    }
    if (length != size)
    {
        m_parseError = PARSE_BAD_LENGTH;
        return 0;
    }
    if (r.GetRemaining() < size - kPrefixSize)
    {
        m_parseError = PARSE_TRUNCATED;
        return 0;
    }
    MessageType previous = m_type;
    m_type = static_cast<MessageType>(type);
    DeserializeBody(r);
    if (!r.Ok())
    {
        m_type = previous;
        m_parseError = PARSE_BAD_FIELD;
        return 0;
    }
    m_transactionId = transactionId;
    m_parseError = PARSE_OK;
    return size;
}

void
DnatAllocationHeader::Print(std::ostream& os) const
{
    os << "DNAT-alloc " << m_type << " xid=" << m_transactionId << " ";
    PrintBody(os);
}

std::ostream&
operator<<(std::ostream& os, DnatAllocationHeader::MessageType type)
{
    switch (type)
    {
    case DnatAllocationHeader::REQUEST:
        return os << "REQUEST";
    case DnatAllocationHeader::RENEW:
        return os << "RENEW";
    case DnatAllocationHeader::RELEASE:
        return os << "RELEASE";
    case DnatAllocationHeader::GRANT:
        return os << "GRANT";
    case DnatAllocationHeader::RELEASED:
        return os << "RELEASED";
    case DnatAllocationHeader::REFUSED:
        return os << "REFUSED";
    }
    return os << "type-" << +static_cast<uint8_t>(type);
}

} // namespace ns3
