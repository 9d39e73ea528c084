/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-auth-payload.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(Ikev2AuthPayload);

Ikev2AuthPayload::Ikev2AuthPayload()
    : IkePayload(IKEV2_PAYLOAD_AUTH)
{
}

TypeId
Ikev2AuthPayload::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ikev2AuthPayload").SetParent<IkePayload>().SetGroupName("Natt");
    return tid;
}

TypeId
Ikev2AuthPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
Ikev2AuthPayload::Clone() const
{
    return std::make_unique<Ikev2AuthPayload>(*this);
}

void
Ikev2AuthPayload::SetMethod(Method method)
{
    m_method = method;
}

Ikev2AuthPayload::Method
Ikev2AuthPayload::GetMethod() const
{
    return static_cast<Method>(m_method);
}

void
Ikev2AuthPayload::SetData(const std::vector<uint8_t>& data)
{
    m_data = data;
}

const std::vector<uint8_t>&
Ikev2AuthPayload::GetData() const
{
    return m_data;
}

uint32_t
Ikev2AuthPayload::GetBodySize() const
{
    return kFixedSize + m_data.size();
}

void
Ikev2AuthPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(m_method);
    i.WriteU8(0);
    i.WriteHtonU16(0);
    WriteBytes(i, m_data);
}

bool
Ikev2AuthPayload::DeserializeBody(WireReader& r)
{
    m_method = r.ReadU8();
    r.Skip(3); // reserved: ignored on receipt
    m_data = r.ReadRest();
    return r.Ok();
}

void
Ikev2AuthPayload::PrintBody(std::ostream& os) const
{
    os << "method=" << +m_method << " data=" << ToHex(m_data, 16) << " (" << m_data.size()
       << " bytes)";
}

const char*
Ikev2AuthPayload::GetName() const
{
    return "AUTH";
}

} // namespace ns3
