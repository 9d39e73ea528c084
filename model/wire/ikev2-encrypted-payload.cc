/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-encrypted-payload.h"

#include "ns3/abort.h"

#include <algorithm>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(Ikev2EncryptedPayload);

Ikev2EncryptedPayload::Ikev2EncryptedPayload()
    : IkePayload(IKEV2_PAYLOAD_SK)
{
}

Ikev2EncryptedPayload::Ikev2EncryptedPayload(uint8_t payloadType)
    : IkePayload(payloadType)
{
}

TypeId
Ikev2EncryptedPayload::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Ikev2EncryptedPayload").SetParent<IkePayload>().SetGroupName("Natt");
    return tid;
}

TypeId
Ikev2EncryptedPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
Ikev2EncryptedPayload::Clone() const
{
    return std::make_unique<Ikev2EncryptedPayload>(*this);
}

void
Ikev2EncryptedPayload::SetData(const std::vector<uint8_t>& data)
{
    m_data = data;
}

const std::vector<uint8_t>&
Ikev2EncryptedPayload::GetData() const
{
    return m_data;
}

void
Ikev2EncryptedPayload::SetData(const std::vector<uint8_t>& iv,
                               const std::vector<uint8_t>& ciphertext,
                               const std::vector<uint8_t>& icv)
{
    m_data.clear();
    m_data.reserve(iv.size() + ciphertext.size() + icv.size());
    m_data.insert(m_data.end(), iv.begin(), iv.end());
    m_data.insert(m_data.end(), ciphertext.begin(), ciphertext.end());
    m_data.insert(m_data.end(), icv.begin(), icv.end());
}

bool
Ikev2EncryptedPayload::IsLongEnough(uint32_t ivSize, uint32_t icvSize) const
{
    return static_cast<uint64_t>(ivSize) + icvSize <= m_data.size();
}

std::vector<uint8_t>
Ikev2EncryptedPayload::GetIv(uint32_t ivSize) const
{
    if (ivSize > m_data.size())
    {
        return {};
    }
    return std::vector<uint8_t>(m_data.begin(), m_data.begin() + ivSize);
}

std::vector<uint8_t>
Ikev2EncryptedPayload::GetCiphertext(uint32_t ivSize, uint32_t icvSize) const
{
    if (!IsLongEnough(ivSize, icvSize))
    {
        return {};
    }
    return std::vector<uint8_t>(m_data.begin() + ivSize, m_data.end() - icvSize);
}

std::vector<uint8_t>
Ikev2EncryptedPayload::GetIcv(uint32_t icvSize) const
{
    if (icvSize > m_data.size())
    {
        return {};
    }
    return std::vector<uint8_t>(m_data.end() - icvSize, m_data.end());
}

void
Ikev2EncryptedPayload::SetIcv(const std::vector<uint8_t>& icv)
{
    NS_ABORT_MSG_IF(icv.size() > m_data.size(),
                    "ICV longer than the encrypted body: " << icv.size() << " > " << m_data.size());
    std::copy(icv.begin(), icv.end(), m_data.end() - icv.size());
}

uint32_t
Ikev2EncryptedPayload::GetBodySize() const
{
    return m_data.size();
}

void
Ikev2EncryptedPayload::SerializeBody(Buffer::Iterator& i) const
{
    WriteBytes(i, m_data);
}

bool
Ikev2EncryptedPayload::DeserializeBody(WireReader& r)
{
    // Whether the body is long enough for the IV and ICV is checked by the
    // IKE model, which knows their sizes.
    m_data = r.ReadRest();
    return r.Ok();
}

void
Ikev2EncryptedPayload::PrintBody(std::ostream& os) const
{
    os << "encrypted " << m_data.size() << " bytes";
}

const char*
Ikev2EncryptedPayload::GetName() const
{
    return "SK";
}

} // namespace ns3
