/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-cert-payload.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeCertPayloadBase);
NS_OBJECT_ENSURE_REGISTERED(IkeCertPayload);
NS_OBJECT_ENSURE_REGISTERED(IkeCertRequestPayload);

IkeCertPayloadBase::IkeCertPayloadBase(uint8_t majorVersion, uint8_t v1Type, uint8_t v2Type)
    : IkePayload(majorVersion == 1 ? v1Type : v2Type),
      m_majorVersion(majorVersion == 1 ? 1 : 2)
{
}

TypeId
IkeCertPayloadBase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IkeCertPayloadBase").SetParent<IkePayload>().SetGroupName("Natt");
    return tid;
}

uint8_t
IkeCertPayloadBase::GetMajorVersion() const
{
    return m_majorVersion;
}

void
IkeCertPayloadBase::SetEncoding(Encoding encoding)
{
    m_encoding = encoding;
}

IkeCertPayloadBase::Encoding
IkeCertPayloadBase::GetEncoding() const
{
    return static_cast<Encoding>(m_encoding);
}

void
IkeCertPayloadBase::SetData(const std::vector<uint8_t>& data)
{
    m_data = data;
}

const std::vector<uint8_t>&
IkeCertPayloadBase::GetData() const
{
    return m_data;
}

uint32_t
IkeCertPayloadBase::GetBodySize() const
{
    return 1 + m_data.size();
}

void
IkeCertPayloadBase::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(m_encoding);
    WriteBytes(i, m_data);
}

bool
IkeCertPayloadBase::DeserializeBody(WireReader& r)
{
    // The encoding byte is mandatory; the data may be empty (an IKEv1
    // request for any CA, RFC 2408 3.10).
    m_encoding = r.ReadU8();
    m_data = r.ReadRest();
    return r.Ok();
}

void
IkeCertPayloadBase::PrintBody(std::ostream& os) const
{
    os << "encoding=" << +m_encoding << " data=" << ToHex(m_data, 16) << " (" << m_data.size()
       << " bytes)";
}

IkeCertPayload::IkeCertPayload(uint8_t majorVersion)
    : IkeCertPayloadBase(majorVersion, IKEV1_PAYLOAD_CERT, IKEV2_PAYLOAD_CERT)
{
}

TypeId
IkeCertPayload::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IkeCertPayload").SetParent<IkeCertPayloadBase>().SetGroupName("Natt");
    return tid;
}

TypeId
IkeCertPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
IkeCertPayload::Clone() const
{
    return std::make_unique<IkeCertPayload>(*this);
}

const char*
IkeCertPayload::GetName() const
{
    return "CERT";
}

IkeCertRequestPayload::IkeCertRequestPayload(uint8_t majorVersion)
    : IkeCertPayloadBase(majorVersion, IKEV1_PAYLOAD_CERTREQ, IKEV2_PAYLOAD_CERTREQ)
{
}

TypeId
IkeCertRequestPayload::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IkeCertRequestPayload").SetParent<IkeCertPayloadBase>().SetGroupName("Natt");
    return tid;
}

TypeId
IkeCertRequestPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
IkeCertRequestPayload::Clone() const
{
    return std::make_unique<IkeCertRequestPayload>(*this);
}

const char*
IkeCertRequestPayload::GetName() const
{
    return "CERTREQ";
}

} // namespace ns3
