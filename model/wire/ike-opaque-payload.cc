/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-opaque-payload.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeOpaquePayload);

IkeOpaquePayload::IkeOpaquePayload(uint8_t payloadType)
    : IkePayload(payloadType)
{
}

TypeId
IkeOpaquePayload::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IkeOpaquePayload").SetParent<IkePayload>().SetGroupName("Natt");
    return tid;
}

TypeId
IkeOpaquePayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
IkeOpaquePayload::Clone() const
{
    return std::make_unique<IkeOpaquePayload>(*this);
}

void
IkeOpaquePayload::SetData(const std::vector<uint8_t>& data)
{
    m_data = data;
}

const std::vector<uint8_t>&
IkeOpaquePayload::GetData() const
{
    return m_data;
}

uint32_t
IkeOpaquePayload::GetBodySize() const
{
    return m_data.size();
}

void
IkeOpaquePayload::SerializeBody(Buffer::Iterator& i) const
{
    WriteBytes(i, m_data);
}

bool
IkeOpaquePayload::DeserializeBody(WireReader& r)
{
    m_data = r.ReadRest();
    return r.Ok();
}

void
IkeOpaquePayload::PrintBody(std::ostream& os) const
{
    os << "data=" << ToHex(m_data);
}

const char*
IkeOpaquePayload::GetName() const
{
    return "Unknown";
}

IkeNoncePayload::IkeNoncePayload(uint8_t majorVersion)
    : IkeOpaquePayload(majorVersion == 1 ? IKEV1_PAYLOAD_NONCE : IKEV2_PAYLOAD_NONCE)
{
}

std::unique_ptr<IkePayload>
IkeNoncePayload::Clone() const
{
    return std::make_unique<IkeNoncePayload>(*this);
}

const char*
IkeNoncePayload::GetName() const
{
    return "Nonce";
}

IkeVendorIdPayload::IkeVendorIdPayload(uint8_t majorVersion)
    : IkeOpaquePayload(majorVersion == 1 ? IKEV1_PAYLOAD_VENDOR_ID : IKEV2_PAYLOAD_VENDOR_ID)
{
}

std::unique_ptr<IkePayload>
IkeVendorIdPayload::Clone() const
{
    return std::make_unique<IkeVendorIdPayload>(*this);
}

const char*
IkeVendorIdPayload::GetName() const
{
    return "VendorID";
}

IkeHashPayload::IkeHashPayload()
    : IkeOpaquePayload(IKEV1_PAYLOAD_HASH)
{
}

std::unique_ptr<IkePayload>
IkeHashPayload::Clone() const
{
    return std::make_unique<IkeHashPayload>(*this);
}

const char*
IkeHashPayload::GetName() const
{
    return "Hash";
}

IkeSignaturePayload::IkeSignaturePayload()
    : IkeOpaquePayload(IKEV1_PAYLOAD_SIG)
{
}

std::unique_ptr<IkePayload>
IkeSignaturePayload::Clone() const
{
    return std::make_unique<IkeSignaturePayload>(*this);
}

const char*
IkeSignaturePayload::GetName() const
{
    return "Signature";
}

IkeNatDPayload::IkeNatDPayload()
    : IkeOpaquePayload(IKEV1_PAYLOAD_NAT_D)
{
}

std::unique_ptr<IkePayload>
IkeNatDPayload::Clone() const
{
    return std::make_unique<IkeNatDPayload>(*this);
}

const char*
IkeNatDPayload::GetName() const
{
    return "NAT-D";
}

} // namespace ns3
