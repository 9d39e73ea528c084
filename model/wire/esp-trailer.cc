/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-trailer.h"

#include "wire-reader.h"

#include "ns3/abort.h"

#include <algorithm>
#include <numeric>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(EspTrailer);

TypeId
EspTrailer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspTrailer")
                            .SetParent<Trailer>()
                            .SetGroupName("Natt")
                            .AddConstructor<EspTrailer>();
    return tid;
}

TypeId
EspTrailer::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
EspTrailer::GetSerializedSize() const
{
    return m_padding.size() + kFixedSize;
}

void
EspTrailer::Serialize(Buffer::Iterator end) const
{
    Buffer::Iterator i = end;
    i.Prev(GetSerializedSize());
    WriteBytes(i, m_padding);
    i.WriteU8(GetPadLength());
    i.WriteU8(m_nextHeader);
}

uint32_t
EspTrailer::Deserialize(Buffer::Iterator end)
{
    // An iterator knows the size of its buffer and what is left after it;
    // the difference is what may be read backwards.
    return DeserializeBefore(end, end.GetSize() - end.GetRemainingSize());
}

uint32_t
EspTrailer::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    uint32_t before = end.GetSize() - end.GetRemainingSize();
    return DeserializeBefore(end, std::min(before, end.GetDistanceFrom(start)));
}

uint32_t
EspTrailer::DeserializeBefore(Buffer::Iterator end, uint32_t available)
{
    m_padding.clear();
    m_parseError = PARSE_TRUNCATED;
    if (available < kFixedSize)
    {
        return 0;
    }
    Buffer::Iterator fixed = end;
    fixed.Prev(kFixedSize);
    WireReader r(fixed, kFixedSize);
    uint8_t padLength = r.ReadU8();
    m_nextHeader = r.ReadU8();
    if (!r.Ok())
    {
        return 0;
    }
    if (padLength > available - kFixedSize)
    {
        m_parseError = PARSE_BAD_PAD_LENGTH;
        return 0;
    }
    Buffer::Iterator padding = fixed;
    padding.Prev(padLength);
    WireReader p(padding, padLength);
    m_padding = p.ReadBytes(padLength);
    if (!p.Ok())
    {
        return 0;
    }
    if (m_padding != DefaultPadding(padLength))
    {
        m_parseError = PARSE_BAD_PADDING;
        return 0;
    }
    m_parseError = PARSE_OK;
    return padLength + kFixedSize;
}

void
EspTrailer::Print(std::ostream& os) const
{
    os << "ESP-trailer padlen=" << +GetPadLength() << " next=" << +m_nextHeader;
    if (m_padding != DefaultPadding(GetPadLength()))
    {
        os << " padding=" << ToHex(m_padding);
    }
}

void
EspTrailer::SetPadLength(uint8_t padLength)
{
    m_padding = DefaultPadding(padLength);
}

uint8_t
EspTrailer::GetPadLength() const
{
    return static_cast<uint8_t>(m_padding.size());
}

void
EspTrailer::SetPadding(const std::vector<uint8_t>& padding)
{
    NS_ABORT_MSG_IF(padding.size() > 255, "ESP padding is at most 255 bytes");
    m_padding = padding;
}

const std::vector<uint8_t>&
EspTrailer::GetPadding() const
{
    return m_padding;
}

void
EspTrailer::SetNextHeader(uint8_t nextHeader)
{
    m_nextHeader = nextHeader;
}

uint8_t
EspTrailer::GetNextHeader() const
{
    return m_nextHeader;
}

EspTrailer::ParseError
EspTrailer::GetParseError() const
{
    return m_parseError;
}

const char*
EspTrailer::ParseErrorToString(ParseError error)
{
    switch (error)
    {
    case PARSE_OK:
        return "ok";
    case PARSE_TRUNCATED:
        return "truncated";
    case PARSE_BAD_PAD_LENGTH:
        return "bad-pad-length";
    case PARSE_BAD_PADDING:
        return "bad-padding";
    }
    return "unknown";
}

uint8_t
EspTrailer::ComputePadLength(uint32_t payloadLength, uint32_t blockSize)
{
    uint32_t align = std::lcm(std::max<uint32_t>(blockSize, 1), 4U);
    NS_ABORT_MSG_IF(align > 256, "ESP padding cannot align to " << align << " bytes");
    uint32_t used = (payloadLength % align + kFixedSize) % align;
    return static_cast<uint8_t>((align - used) % align);
}

std::vector<uint8_t>
EspTrailer::DefaultPadding(uint8_t padLength)
{
    std::vector<uint8_t> padding(padLength);
    std::iota(padding.begin(), padding.end(), 1);
    return padding;
}

} // namespace ns3
