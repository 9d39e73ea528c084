/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-encrypted-fragment-payload.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(Ikev2EncryptedFragmentPayload);

Ikev2EncryptedFragmentPayload::Ikev2EncryptedFragmentPayload()
    : Ikev2EncryptedPayload(IKEV2_PAYLOAD_SKF)
{
}

TypeId
Ikev2EncryptedFragmentPayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Ikev2EncryptedFragmentPayload")
                            .SetParent<Ikev2EncryptedPayload>()
                            .SetGroupName("Natt");
    return tid;
}

TypeId
Ikev2EncryptedFragmentPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
Ikev2EncryptedFragmentPayload::Clone() const
{
    return std::make_unique<Ikev2EncryptedFragmentPayload>(*this);
}

void
Ikev2EncryptedFragmentPayload::SetFragmentNumber(uint16_t number)
{
    m_fragmentNumber = number;
}

uint16_t
Ikev2EncryptedFragmentPayload::GetFragmentNumber() const
{
    return m_fragmentNumber;
}

void
Ikev2EncryptedFragmentPayload::SetTotalFragments(uint16_t total)
{
    m_totalFragments = total;
}

uint16_t
Ikev2EncryptedFragmentPayload::GetTotalFragments() const
{
    return m_totalFragments;
}

uint32_t
Ikev2EncryptedFragmentPayload::GetBodySize() const
{
    return kFixedSize + Ikev2EncryptedPayload::GetBodySize();
}

void
Ikev2EncryptedFragmentPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteHtonU16(m_fragmentNumber);
    i.WriteHtonU16(m_totalFragments);
    Ikev2EncryptedPayload::SerializeBody(i);
}

bool
Ikev2EncryptedFragmentPayload::DeserializeBody(WireReader& r)
{
    m_fragmentNumber = r.ReadNtohU16();
    m_totalFragments = r.ReadNtohU16();
    // RFC 7383 2.6.1: such a fragment is discarded.
    if (!r.Ok() || m_fragmentNumber == 0 || m_totalFragments == 0 ||
        m_fragmentNumber > m_totalFragments)
    {
        r.Fail();
        return false;
    }
    return Ikev2EncryptedPayload::DeserializeBody(r);
}

void
Ikev2EncryptedFragmentPayload::PrintBody(std::ostream& os) const
{
    os << "fragment " << m_fragmentNumber << "/" << m_totalFragments << " ";
    Ikev2EncryptedPayload::PrintBody(os);
}

const char*
Ikev2EncryptedFragmentPayload::GetName() const
{
    return "SKF";
}

} // namespace ns3
