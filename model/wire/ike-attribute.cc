/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-attribute.h"

namespace ns3
{

namespace
{
constexpr uint16_t kAttributeFormatBit = 0x8000;
} // namespace

IkeAttribute
IkeAttribute::Tv(uint16_t type, uint16_t value)
{
    IkeAttribute attribute;
    attribute.type = type & ~kAttributeFormatBit;
    attribute.shortForm = true;
    attribute.value = value;
    return attribute;
}

IkeAttribute
IkeAttribute::Tlv(uint16_t type, const std::vector<uint8_t>& data)
{
    IkeAttribute attribute;
    attribute.type = type & ~kAttributeFormatBit;
    attribute.shortForm = false;
    attribute.data = data;
    return attribute;
}

uint32_t
IkeAttribute::GetSerializedSize() const
{
    return shortForm ? 4 : 4 + data.size();
}

void
IkeAttribute::Serialize(Buffer::Iterator& i) const
{
    if (shortForm)
    {
        i.WriteHtonU16(type | kAttributeFormatBit);
        i.WriteHtonU16(value);
    }
    else
    {
        i.WriteHtonU16(type & ~kAttributeFormatBit);
        i.WriteHtonU16(static_cast<uint16_t>(data.size()));
        WriteBytes(i, data);
    }
}

bool
IkeAttribute::Deserialize(WireReader& r)
{
    uint16_t word = r.ReadNtohU16();
    type = word & ~kAttributeFormatBit;
    shortForm = (word & kAttributeFormatBit) != 0;
    if (shortForm)
    {
        value = r.ReadNtohU16();
        data.clear();
    }
    else
    {
        uint16_t length = r.ReadNtohU16();
        data = r.ReadBytes(length);
        value = 0;
    }
    return r.Ok();
}

uint64_t
IkeAttribute::GetIntegerValue() const
{
    if (shortForm)
    {
        return value;
    }
    uint64_t v = 0;
    for (std::size_t k = 0; k < data.size() && k < 8; ++k)
    {
        v = (v << 8) | data[k];
    }
    return v;
}

bool
IkeAttribute::operator==(const IkeAttribute& other) const
{
    return type == other.type && shortForm == other.shortForm &&
           (shortForm ? value == other.value : data == other.data);
}

std::ostream&
operator<<(std::ostream& os, const IkeAttribute& attribute)
{
    os << "attr(" << attribute.type << "=";
    if (attribute.shortForm)
    {
        os << attribute.value;
    }
    else
    {
        os << "0x" << ToHex(attribute.data);
    }
    return os << ")";
}

} // namespace ns3
