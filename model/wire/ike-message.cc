/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-message.h"

#include "ike-opaque-payload.h"
#include "ike-payload-factory.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeMessage);

IkeMessage::IkeMessage() = default;

IkeMessage::IkeMessage(const IkeMessage& other)
    : Header(other),
      m_header(other.m_header),
      m_encryptedBody(other.m_encryptedBody),
      m_parseError(other.m_parseError),
      m_parseErrorPayloadType(other.m_parseErrorPayloadType)
{
    m_payloads.reserve(other.m_payloads.size());
    for (const auto& payload : other.m_payloads)
    {
        m_payloads.push_back(payload->Clone());
    }
}

IkeMessage&
IkeMessage::operator=(const IkeMessage& other)
{
    if (this != &other)
    {
        IkeMessage copy(other);
        *this = std::move(copy);
    }
    return *this;
}

TypeId
IkeMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeMessage")
                            .SetParent<Header>()
                            .SetGroupName("Natt")
                            .AddConstructor<IkeMessage>();
    return tid;
}

TypeId
IkeMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
IkeMessage::GetSerializedSize() const
{
    uint32_t size = IsakmpHeader::kSize + m_encryptedBody.size();
    for (const auto& payload : m_payloads)
    {
        size += payload->GetSerializedSize();
    }
    return size;
}

void
IkeMessage::Serialize(Buffer::Iterator start) const
{
    IsakmpHeader header = m_header;
    header.SetLength(GetSerializedSize());
    header.Serialize(start);
    Buffer::Iterator i = start;
    i.Next(IsakmpHeader::kSize);
    for (const auto& payload : m_payloads)
    {
        payload->Serialize(i);
        i.Next(payload->GetSerializedSize());
    }
    WriteBytes(i, m_encryptedBody);
}

uint32_t
IkeMessage::Deserialize(Buffer::Iterator start)
{
    m_payloads.clear();
    m_encryptedBody.clear();
    m_parseError = PARSE_OK;
    m_parseErrorPayloadType = IKE_PAYLOAD_NONE;

    WireReader r(start, start.GetRemainingSize());
    if (r.GetRemaining() < IsakmpHeader::kSize)
    {
        m_parseError = PARSE_TRUNCATED;
        return 0;
    }
    m_header.Deserialize(start);
    r.Skip(IsakmpHeader::kSize);
    uint8_t major = m_header.GetMajorVersion();
    if (major != 1 && major != 2)
    {
        m_parseError = PARSE_BAD_VERSION;
        return 0;
    }
    uint32_t length = m_header.GetLength();
    if (length < IsakmpHeader::kSize)
    {
        m_parseError = PARSE_BAD_LENGTH;
        return 0;
    }
    if (length - IsakmpHeader::kSize > r.GetRemaining())
    {
        m_parseError = PARSE_TRUNCATED;
        return 0;
    }
    WireReader body = r.Sub(length - IsakmpHeader::kSize);
    if (major == 1 && m_header.HasFlag(IsakmpHeader::IKEV1_ENCRYPTION))
    {
        m_encryptedBody = body.ReadRest();
        return length;
    }
    m_parseError = ParsePayloadChain(major,
                                     m_header.GetNextPayload(),
                                     body,
                                     m_payloads,
                                     m_parseErrorPayloadType);
    if (m_parseError != PARSE_OK)
    {
        m_payloads.clear();
        return 0;
    }
    return length;
}

IkeMessage::ParseError
IkeMessage::ParsePayloadChain(uint8_t majorVersion,
                              uint8_t firstType,
                              WireReader& r,
                              std::vector<std::unique_ptr<IkePayload>>& out,
                              uint8_t& failedType,
                              bool allowTrailing)
{
    uint8_t type = firstType;
    while (type != IKE_PAYLOAD_NONE)
    {
        failedType = type;
        if (r.GetRemaining() < IkePayload::kGenericHeaderSize)
        {
            return PARSE_TRUNCATED;
        }
        // Whether the payload's own length field runs past the bytes left
        // decides between "truncated" and "malformed" (RFC 7296 3.2: the
        // length covers the generic header and the body).
        WireReader peek = r;
        peek.Skip(2);
        uint16_t declaredLength = peek.ReadNtohU16();
        if (declaredLength > r.GetRemaining())
        {
            return PARSE_TRUNCATED;
        }
        std::unique_ptr<IkePayload> payload = CreateIkePayload(majorVersion, type);
        bool known = payload != nullptr;
        if (!known)
        {
            payload = std::make_unique<IkeOpaquePayload>(type);
        }
        if (!payload->Deserialize(r))
        {
            return PARSE_MALFORMED_PAYLOAD;
        }
        if (!known && majorVersion == 2 && payload->IsCritical())
        {
            return PARSE_UNSUPPORTED_CRITICAL_PAYLOAD;
        }
        type = payload->GetNextPayload();
        bool encrypted = majorVersion == 2 && (payload->GetPayloadType() == IKEV2_PAYLOAD_SK ||
                                               payload->GetPayloadType() == IKEV2_PAYLOAD_SKF);
        out.push_back(std::move(payload));
        if (encrypted)
        {
            // The SK payload's next-payload field names the first payload
            // inside the encryption, not one after it (RFC 7296 3.14).
            if (r.GetRemaining() != 0)
            {
                return PARSE_PAYLOAD_AFTER_SK;
            }
            break;
        }
    }
    failedType = IKE_PAYLOAD_NONE;
    if (r.GetRemaining() != 0 && !allowTrailing)
    {
        return PARSE_BAD_LENGTH;
    }
    return PARSE_OK;
}

std::vector<uint8_t>
IkeMessage::SerializePayloads(const std::vector<std::unique_ptr<IkePayload>>& payloads)
{
    uint32_t size = 0;
    for (const auto& payload : payloads)
    {
        size += payload->GetSerializedSize();
    }
    Buffer buffer(size);
    buffer.AddAtStart(size);
    Buffer::Iterator i = buffer.Begin();
    for (const auto& payload : payloads)
    {
        payload->Serialize(i);
        i.Next(payload->GetSerializedSize());
    }
    std::vector<uint8_t> bytes(size);
    buffer.CopyData(bytes.data(), size);
    return bytes;
}

void
IkeMessage::LinkPayloads(std::vector<std::unique_ptr<IkePayload>>& payloads)
{
    for (std::size_t k = 0; k < payloads.size(); ++k)
    {
        IkePayloadType next = IKE_PAYLOAD_NONE;
        if (k + 1 < payloads.size())
        {
            next = payloads[k + 1]->GetPayloadType();
        }
        payloads[k]->SetNextPayload(next);
    }
}

void
IkeMessage::Print(std::ostream& os) const
{
    m_header.Print(os);
    for (const auto& payload : m_payloads)
    {
        os << " | ";
        payload->Print(os);
    }
    if (!m_encryptedBody.empty())
    {
        os << " | encrypted " << m_encryptedBody.size() << " bytes";
    }
}

IsakmpHeader&
IkeMessage::GetHeader()
{
    return m_header;
}

const IsakmpHeader&
IkeMessage::GetHeader() const
{
    return m_header;
}

void
IkeMessage::AddPayload(std::unique_ptr<IkePayload> payload)
{
    if (m_payloads.empty())
    {
        m_header.SetNextPayload(payload->GetPayloadType());
    }
    else
    {
        m_payloads.back()->SetNextPayload(payload->GetPayloadType());
    }
    m_payloads.push_back(std::move(payload));
}

const std::vector<std::unique_ptr<IkePayload>>&
IkeMessage::GetPayloads() const
{
    return m_payloads;
}

IkePayload*
IkeMessage::GetPayload(std::size_t index)
{
    return index < m_payloads.size() ? m_payloads[index].get() : nullptr;
}

const IkePayload*
IkeMessage::FindPayload(uint8_t type, std::size_t nth) const
{
    for (const auto& payload : m_payloads)
    {
        if (payload->GetPayloadType() == type && nth-- == 0)
        {
            return payload.get();
        }
    }
    return nullptr;
}

void
IkeMessage::SetEncryptedBody(const std::vector<uint8_t>& body)
{
    m_encryptedBody = body;
}

const std::vector<uint8_t>&
IkeMessage::GetEncryptedBody() const
{
    return m_encryptedBody;
}

IkeMessage::ParseError
IkeMessage::GetParseError() const
{
    return m_parseError;
}

uint8_t
IkeMessage::GetParseErrorPayloadType() const
{
    return m_parseErrorPayloadType;
}

const char*
IkeMessage::ParseErrorToString(ParseError error)
{
    switch (error)
    {
    case PARSE_OK:
        return "ok";
    case PARSE_TRUNCATED:
        return "truncated";
    case PARSE_BAD_LENGTH:
        return "bad-length";
    case PARSE_BAD_VERSION:
        return "bad-version";
    case PARSE_MALFORMED_PAYLOAD:
        return "malformed-payload";
    case PARSE_UNSUPPORTED_CRITICAL_PAYLOAD:
        return "unsupported-critical-payload";
    case PARSE_PAYLOAD_AFTER_SK:
        return "payload-after-sk";
    }
    return "unknown";
}

} // namespace ns3
