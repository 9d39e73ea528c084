/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stenberg-heartbeat-header.h"

#include "wire-reader.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(StenbergHeartbeatHeader);

namespace
{
/// Unused bytes between the flag and the "IKE version" byte.
constexpr uint32_t kUnusedSize = StenbergEnvelopeHeader::kIkeVersionOffset - 2;
} // namespace

TypeId
StenbergHeartbeatHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::StenbergHeartbeatHeader")
                            .SetParent<Header>()
                            .SetGroupName("Natt")
                            .AddConstructor<StenbergHeartbeatHeader>();
    return tid;
}

TypeId
StenbergHeartbeatHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
StenbergHeartbeatHeader::GetSerializedSize() const
{
    return kSize;
}

void
StenbergHeartbeatHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(StenbergEnvelopeHeader::TYPE_HEARTBEAT);
    i.WriteU8(m_flag);
    i.WriteU8(0, kUnusedSize);
    i.WriteU8(0); // "IKE version": invalid for IKE on purpose
}

uint32_t
StenbergHeartbeatHeader::Deserialize(Buffer::Iterator start)
{
    WireReader r(start, kSize);
    uint8_t type = r.ReadU8();
    uint8_t flag = r.ReadU8();
    r.Skip(kUnusedSize);
    uint8_t ikeVersion = r.ReadU8();
    if (!r.Ok())
    {
        m_parseError = StenbergEnvelopeHeader::PARSE_TRUNCATED;
        return 0;
    }
    if (ikeVersion != 0)
    {
        m_parseError = StenbergEnvelopeHeader::PARSE_NOT_NATT;
        return 0;
    }
    if (type != StenbergEnvelopeHeader::TYPE_HEARTBEAT)
    {
        m_parseError = StenbergEnvelopeHeader::PARSE_UNKNOWN_TYPE;
        return 0;
    }
    m_flag = flag;
    m_parseError = StenbergEnvelopeHeader::PARSE_OK;
    return kSize;
}

void
StenbergHeartbeatHeader::Print(std::ostream& os) const
{
    os << "NAT-T-heartbeat flag=" << +m_flag;
    if (IsPing())
    {
        os << " (ping)";
    }
    else if (IsReply())
    {
        os << " (reply)";
    }
}

void
StenbergHeartbeatHeader::SetFlag(HeartbeatFlag flag)
{
    m_flag = flag;
}

StenbergHeartbeatHeader::HeartbeatFlag
StenbergHeartbeatHeader::GetFlag() const
{
    return static_cast<HeartbeatFlag>(m_flag);
}

bool
StenbergHeartbeatHeader::IsPing() const
{
    return m_flag == FLAG_HEARTBEAT_PING;
}

bool
StenbergHeartbeatHeader::IsReply() const
{
    return m_flag == FLAG_HEARTBEAT_REPLY;
}

StenbergEnvelopeHeader::ParseError
StenbergHeartbeatHeader::GetParseError() const
{
    return m_parseError;
}

} // namespace ns3
