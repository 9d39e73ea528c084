/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rsip-message.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RsipMessage);

namespace
{

/// RFC 3103 3.1: version, type, 2-byte overall length.
constexpr uint32_t kHeaderSize = 4;
/// RFC 3103 3.3: code, 2-byte length.
constexpr uint32_t kParameterHeaderSize = 3;

void
PutUint16(std::vector<uint8_t>& v, uint16_t x)
{
    v.push_back(static_cast<uint8_t>(x >> 8));
    v.push_back(static_cast<uint8_t>(x));
}

void
PutUint32(std::vector<uint8_t>& v, uint32_t x)
{
    PutUint16(v, static_cast<uint16_t>(x >> 16));
    PutUint16(v, static_cast<uint16_t>(x));
}

uint32_t
GetBig(const std::vector<uint8_t>& v, std::size_t offset, std::size_t bytes)
{
    uint32_t x = 0;
    for (std::size_t k = 0; k < bytes; ++k)
    {
        x = (x << 8) | v[offset + k];
    }
    return x;
}

/// The value length RFC 3103 3.3 fixes for \p code; 0 where it varies.
std::size_t
FixedLength(uint8_t code)
{
    switch (code)
    {
    case RsipMessage::LEASE_TIME:
    case RsipMessage::CLIENT_ID:
    case RsipMessage::BIND_ID:
    case RsipMessage::MESSAGE_COUNTER:
        return 4;
    case RsipMessage::TUNNEL_TYPE:
    case RsipMessage::RSIP_METHOD:
        return 1;
    case RsipMessage::ERROR:
    case RsipMessage::FLOW_POLICY:
        return 2;
    default:
        return 0;
    }
}

/// Whether \p p's value has the length its code requires.
bool
WellFormed(const RsipMessage::Parameter& p)
{
    std::size_t n = p.value.size();
    if (std::size_t fixed = FixedLength(p.code))
    {
        return n == fixed;
    }
    switch (p.code)
    {
    case RsipMessage::ADDRESS:
        return n >= 1;
    case RsipMessage::PORTS:
        return n >= 1 && (n - 1) % 2 == 0;
    case RsipMessage::SPI:
        return n >= 2 && (n - 2) == 4 * GetBig(p.value, 0, 2);
    default:
        return true; // parameters natt does not use are carried as they are
    }
}

} // namespace

TypeId
RsipMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RsipMessage")
                            .SetParent<Header>()
                            .SetGroupName("Natt")
                            .AddConstructor<RsipMessage>();
    return tid;
}

TypeId
RsipMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

RsipMessage::RsipMessage()
    : RsipMessage(ERROR_RESPONSE)
{
}

RsipMessage::RsipMessage(Type type)
    : m_type(type),
      m_valid(true)
{
}

uint32_t
RsipMessage::GetSerializedSize() const
{
    uint32_t size = kHeaderSize;
    for (const Parameter& p : m_parameters)
    {
        size += kParameterHeaderSize + p.value.size();
    }
    return size;
}

void
RsipMessage::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(VERSION);
    start.WriteU8(m_type);
    start.WriteHtonU16(static_cast<uint16_t>(GetSerializedSize()));
    for (const Parameter& p : m_parameters)
    {
        start.WriteU8(p.code);
        start.WriteHtonU16(static_cast<uint16_t>(p.value.size()));
        for (uint8_t byte : p.value)
        {
            start.WriteU8(byte);
        }
    }
}

uint32_t
RsipMessage::Deserialize(Buffer::Iterator start)
{
    m_parameters.clear();
    m_valid = false;
    uint32_t available = start.GetRemainingSize();
    if (available < kHeaderSize)
    {
        return 0;
    }
    uint8_t version = start.ReadU8();
    m_type = static_cast<Type>(start.ReadU8());
    uint32_t length = start.ReadNtohU16();
    if (version != VERSION || length < kHeaderSize || length > available)
    {
        return 0;
    }
    uint32_t left = length - kHeaderSize;
    while (left > 0)
    {
        if (left < kParameterHeaderSize)
        {
            return 0;
        }
        Parameter p;
        p.code = start.ReadU8();
        uint32_t valueLength = start.ReadNtohU16();
        left -= kParameterHeaderSize;
        if (valueLength > left)
        {
            return 0;
        }
        p.value.resize(valueLength);
        start.Read(p.value.data(), valueLength);
        left -= valueLength;
        if (!WellFormed(p))
        {
            return 0;
        }
        m_parameters.push_back(std::move(p));
    }
    m_valid = true;
    return length;
}

void
RsipMessage::Print(std::ostream& os) const
{
    os << "RSIP type=" << static_cast<int>(m_type) << " parameters=" << m_parameters.size();
}

bool
RsipMessage::IsValid() const
{
    return m_valid;
}

RsipMessage::Type
RsipMessage::GetType() const
{
    return m_type;
}

void
RsipMessage::SetType(Type type)
{
    m_type = type;
}

const std::vector<RsipMessage::Parameter>&
RsipMessage::GetParameters() const
{
    return m_parameters;
}

void
RsipMessage::Add(Code code, std::vector<uint8_t> value)
{
    m_parameters.push_back({code, std::move(value)});
}

void
RsipMessage::AddUint32(Code code, uint32_t value)
{
    std::vector<uint8_t> v;
    PutUint32(v, value);
    Add(code, std::move(v));
}

void
RsipMessage::AddAddress(Ipv4Address address)
{
    std::vector<uint8_t> v{ADDRESS_IPV4};
    PutUint32(v, address.Get());
    Add(ADDRESS, std::move(v));
}

void
RsipMessage::AddPorts(uint16_t first, uint8_t count)
{
    std::vector<uint8_t> v{count};
    PutUint16(v, first);
    Add(PORTS, std::move(v));
}

void
RsipMessage::AddLeaseTime(uint32_t seconds)
{
    AddUint32(LEASE_TIME, seconds);
}

void
RsipMessage::AddClientId(uint32_t id)
{
    AddUint32(CLIENT_ID, id);
}

void
RsipMessage::AddBindId(uint32_t id)
{
    AddUint32(BIND_ID, id);
}

void
RsipMessage::AddTunnelType(uint8_t type)
{
    Add(TUNNEL_TYPE, {type});
}

void
RsipMessage::AddMethod(uint8_t method)
{
    Add(RSIP_METHOD, {method});
}

void
RsipMessage::AddError(uint16_t error)
{
    std::vector<uint8_t> v;
    PutUint16(v, error);
    Add(ERROR, std::move(v));
}

void
RsipMessage::AddFlowPolicy(uint8_t local, uint8_t remote)
{
    Add(FLOW_POLICY, {local, remote});
}

void
RsipMessage::AddMessageCounter(uint32_t counter)
{
    AddUint32(MESSAGE_COUNTER, counter);
}

void
RsipMessage::AddSpis(const std::vector<uint32_t>& spis)
{
    std::vector<uint8_t> v;
    PutUint16(v, static_cast<uint16_t>(spis.size()));
    for (uint32_t spi : spis)
    {
        PutUint32(v, spi);
    }
    Add(SPI, std::move(v));
}

const RsipMessage::Parameter*
RsipMessage::Find(Code code, uint32_t index) const
{
    for (const Parameter& p : m_parameters)
    {
        if (p.code == code && index-- == 0)
        {
            return &p;
        }
    }
    return nullptr;
}

std::optional<Ipv4Address>
RsipMessage::GetAddress(uint32_t index) const
{
    const Parameter* p = Find(ADDRESS, index);
    if (!p || p->value.size() != 5 || p->value[0] != ADDRESS_IPV4)
    {
        return std::nullopt;
    }
    return Ipv4Address(GetBig(p->value, 1, 4));
}

std::optional<std::pair<uint16_t, uint8_t>>
RsipMessage::GetPorts(uint32_t index) const
{
    const Parameter* p = Find(PORTS, index);
    if (!p || p->value.size() != 3)
    {
        return std::nullopt;
    }
    return std::make_pair(static_cast<uint16_t>(GetBig(p->value, 1, 2)), p->value[0]);
}

std::optional<uint32_t>
RsipMessage::GetUint32(Code code) const
{
    const Parameter* p = Find(code);
    if (!p || p->value.size() != 4)
    {
        return std::nullopt;
    }
    return GetBig(p->value, 0, 4);
}

std::optional<uint8_t>
RsipMessage::GetUint8(Code code) const
{
    const Parameter* p = Find(code);
    if (!p || p->value.size() != 1)
    {
        return std::nullopt;
    }
    return p->value[0];
}

std::optional<uint16_t>
RsipMessage::GetError() const
{
    const Parameter* p = Find(ERROR);
    if (!p || p->value.size() != 2)
    {
        return std::nullopt;
    }
    return static_cast<uint16_t>(GetBig(p->value, 0, 2));
}

std::vector<uint32_t>
RsipMessage::GetSpis() const
{
    std::vector<uint32_t> spis;
    const Parameter* p = Find(SPI);
    if (p)
    {
        for (std::size_t offset = 2; offset + 4 <= p->value.size(); offset += 4)
        {
            spis.push_back(GetBig(p->value, offset, 4));
        }
    }
    return spis;
}

} // namespace ns3
