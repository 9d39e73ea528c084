/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stenberg-envelope-header.h"

#include "wire-reader.h"

#include "ns3/abort.h"

#include <iomanip>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(StenbergEnvelopeHeader);

namespace
{
/// IPv4's IHL without options; the envelope's leftovers are the words beyond it.
constexpr uint8_t kMinHeaderLength = 5;
/// The largest IHL the 4-bit IPv4 field holds.
constexpr uint8_t kMaxHeaderLength = 15;
/// Unused bytes between the source address and the "IKE version" byte.
constexpr uint32_t kUnusedSize = 5;
} // namespace

TypeId
StenbergEnvelopeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::StenbergEnvelopeHeader")
                            .SetParent<Header>()
                            .SetGroupName("Natt")
                            .AddConstructor<StenbergEnvelopeHeader>();
    return tid;
}

TypeId
StenbergEnvelopeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
StenbergEnvelopeHeader::GetSerializedSize() const
{
    return kFixedSize + m_leftovers.size();
}

void
StenbergEnvelopeHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(TYPE_IPV4_ENCAPSULATION);
    i.WriteU8(GetHeaderLength());
    i.WriteU8(m_tos);
    i.WriteU8(m_protocol);
    i.WriteHtonU16(m_identification);
    i.WriteHtonU16(m_fragmentField);
    i.WriteHtonU32(m_source.Get());
    i.WriteU8(0, kUnusedSize);
    i.WriteU8(0); // "IKE version": invalid for IKE on purpose
    WriteBytes(i, m_leftovers);
}

uint32_t
StenbergEnvelopeHeader::Deserialize(Buffer::Iterator start)
{
    m_leftovers.clear();
    WireReader r(start, start.GetRemainingSize());
    uint8_t type = r.ReadU8();
    uint8_t headerLength = r.ReadU8();
    m_tos = r.ReadU8();
    m_protocol = r.ReadU8();
    m_identification = r.ReadNtohU16();
    m_fragmentField = r.ReadNtohU16();
    m_source = Ipv4Address(r.ReadNtohU32());
    r.Skip(kUnusedSize);
    uint8_t ikeVersion = r.ReadU8();
    if (!r.Ok())
    {
        m_parseError = PARSE_TRUNCATED;
        return 0;
    }
    if (ikeVersion != 0)
    {
        m_parseError = PARSE_NOT_NATT;
        return 0;
    }
    if (type != TYPE_IPV4_ENCAPSULATION)
    {
        m_parseError = PARSE_UNKNOWN_TYPE;
        return 0;
    }
    if (headerLength < kMinHeaderLength || headerLength > kMaxHeaderLength)
    {
        m_parseError = PARSE_BAD_HEADER_LENGTH;
        return 0;
    }
    m_leftovers = r.ReadBytes((headerLength - kMinHeaderLength) * 4U);
    if (!r.Ok())
    {
        m_parseError = PARSE_TRUNCATED;
        return 0;
    }
    m_parseError = PARSE_OK;
    return r.GetConsumed();
}

void
StenbergEnvelopeHeader::Print(std::ostream& os) const
{
    std::ios_base::fmtflags saved = os.flags();
    os << "NAT-T-envelope hlen=" << +GetHeaderLength() << " tos=0x" << std::hex << +m_tos
       << std::dec << " proto=" << +m_protocol << " id=" << m_identification << " frag=0x"
       << std::hex << std::setfill('0') << std::setw(4) << m_fragmentField << std::dec
       << " src=" << m_source;
    if (!m_leftovers.empty())
    {
        os << " leftovers=" << ToHex(m_leftovers);
    }
    os.flags(saved);
}

uint8_t
StenbergEnvelopeHeader::PeekType(Buffer::Iterator start)
{
    WireReader r(start, kFixedSize);
    uint8_t type = r.ReadU8();
    r.Skip(kIkeVersionOffset - 1);
    uint8_t ikeVersion = r.ReadU8();
    return r.Ok() && ikeVersion == 0 ? type : 0;
}

const char*
StenbergEnvelopeHeader::ParseErrorToString(ParseError error)
{
    switch (error)
    {
    case PARSE_OK:
        return "ok";
    case PARSE_TRUNCATED:
        return "truncated";
    case PARSE_NOT_NATT:
        return "not-natt";
    case PARSE_UNKNOWN_TYPE:
        return "unknown-type";
    case PARSE_BAD_HEADER_LENGTH:
        return "bad-header-length";
    }
    return "unknown";
}

uint8_t
StenbergEnvelopeHeader::GetHeaderLength() const
{
    return static_cast<uint8_t>(kMinHeaderLength + m_leftovers.size() / 4);
}

void
StenbergEnvelopeHeader::SetTos(uint8_t tos)
{
    m_tos = tos;
}

uint8_t
StenbergEnvelopeHeader::GetTos() const
{
    return m_tos;
}

void
StenbergEnvelopeHeader::SetProtocol(uint8_t protocol)
{
    m_protocol = protocol;
}

uint8_t
StenbergEnvelopeHeader::GetProtocol() const
{
    return m_protocol;
}

void
StenbergEnvelopeHeader::SetIdentification(uint16_t identification)
{
    m_identification = identification;
}

uint16_t
StenbergEnvelopeHeader::GetIdentification() const
{
    return m_identification;
}

void
StenbergEnvelopeHeader::SetFragmentField(uint16_t flagsAndOffset)
{
    m_fragmentField = flagsAndOffset;
}

uint16_t
StenbergEnvelopeHeader::GetFragmentField() const
{
    return m_fragmentField;
}

void
StenbergEnvelopeHeader::SetSource(Ipv4Address source)
{
    m_source = source;
}

Ipv4Address
StenbergEnvelopeHeader::GetSource() const
{
    return m_source;
}

void
StenbergEnvelopeHeader::SetLeftovers(const std::vector<uint8_t>& leftovers)
{
    NS_ABORT_MSG_IF(leftovers.size() % 4 != 0 ||
                        leftovers.size() > (kMaxHeaderLength - kMinHeaderLength) * 4U,
                    "IPv4 header leftovers must be whole words, at most 40 bytes");
    m_leftovers = leftovers;
}

const std::vector<uint8_t>&
StenbergEnvelopeHeader::GetLeftovers() const
{
    return m_leftovers;
}

StenbergEnvelopeHeader::ParseError
StenbergEnvelopeHeader::GetParseError() const
{
    return m_parseError;
}

} // namespace ns3
