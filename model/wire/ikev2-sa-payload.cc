/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-sa-payload.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(Ikev2SaPayload);

namespace
{

const char*
TransformTypeName(Ikev2Transform::Type type)
{
    switch (type)
    {
    case Ikev2Transform::TYPE_ENCR:
        return "ENCR";
    case Ikev2Transform::TYPE_PRF:
        return "PRF";
    case Ikev2Transform::TYPE_INTEG:
        return "INTEG";
    case Ikev2Transform::TYPE_DH:
        return "DH";
    case Ikev2Transform::TYPE_ESN:
        return "ESN";
    default:
        return "type";
    }
}

const char*
ProtocolName(Ikev2Proposal::ProtocolId protocolId)
{
    switch (protocolId)
    {
    case Ikev2Proposal::PROTOCOL_IKE:
        return "IKE";
    case Ikev2Proposal::PROTOCOL_AH:
        return "AH";
    case Ikev2Proposal::PROTOCOL_ESP:
        return "ESP";
    default:
        return "protocol";
    }
}

} // namespace

Ikev2Transform
Ikev2Transform::Make(Type type, uint16_t id)
{
    Ikev2Transform transform;
    transform.type = type;
    transform.id = id;
    return transform;
}

Ikev2Transform
Ikev2Transform::MakeEncr(uint16_t id, uint16_t keyLengthBits)
{
    Ikev2Transform transform = Make(TYPE_ENCR, id);
    if (keyLengthBits != 0)
    {
        // RFC 7296 3.3.5: Key Length is a fixed-size value, so it uses the
        // short (TV) form.
        transform.attributes.push_back(IkeAttribute::Tv(ATTRIBUTE_KEY_LENGTH, keyLengthBits));
    }
    return transform;
}

uint16_t
Ikev2Transform::GetKeyLength() const
{
    for (const auto& attribute : attributes)
    {
        if (attribute.type == ATTRIBUTE_KEY_LENGTH)
        {
            return static_cast<uint16_t>(attribute.GetIntegerValue());
        }
    }
    return 0;
}

uint32_t
Ikev2Transform::GetSerializedSize() const
{
    uint32_t size = Ikev2SaPayload::kTransformHeaderSize;
    for (const auto& attribute : attributes)
    {
        size += attribute.GetSerializedSize();
    }
    return size;
}

bool
Ikev2Transform::operator==(const Ikev2Transform& other) const
{
    return type == other.type && id == other.id && attributes == other.attributes;
}

std::ostream&
operator<<(std::ostream& os, const Ikev2Transform& transform)
{
    os << TransformTypeName(transform.type);
    if (transform.type < Ikev2Transform::TYPE_ENCR || transform.type > Ikev2Transform::TYPE_ESN)
    {
        os << +transform.type;
    }
    os << ":" << transform.id;
    for (const auto& attribute : transform.attributes)
    {
        os << " " << attribute;
    }
    return os;
}

void
Ikev2Proposal::SetSpi32(uint32_t value)
{
    spi = {static_cast<uint8_t>(value >> 24),
           static_cast<uint8_t>(value >> 16),
           static_cast<uint8_t>(value >> 8),
           static_cast<uint8_t>(value)};
}

uint32_t
Ikev2Proposal::GetSpi32() const
{
    if (spi.size() != 4)
    {
        return 0;
    }
    uint32_t value = 0;
    for (uint8_t byte : spi)
    {
        value = (value << 8) | byte;
    }
    return value;
}

void
Ikev2Proposal::SetSpi64(uint64_t value)
{
    spi.resize(8);
    for (int k = 7; k >= 0; --k)
    {
        spi[k] = static_cast<uint8_t>(value);
        value >>= 8;
    }
}

uint64_t
Ikev2Proposal::GetSpi64() const
{
    if (spi.size() != 8)
    {
        return 0;
    }
    uint64_t value = 0;
    for (uint8_t byte : spi)
    {
        value = (value << 8) | byte;
    }
    return value;
}

const Ikev2Transform*
Ikev2Proposal::FindTransform(Ikev2Transform::Type type) const
{
    for (const auto& transform : transforms)
    {
        if (transform.type == type)
        {
            return &transform;
        }
    }
    return nullptr;
}

uint32_t
Ikev2Proposal::GetSerializedSize() const
{
    uint32_t size = Ikev2SaPayload::kProposalHeaderSize + spi.size();
    for (const auto& transform : transforms)
    {
        size += transform.GetSerializedSize();
    }
    return size;
}

bool
Ikev2Proposal::operator==(const Ikev2Proposal& other) const
{
    return number == other.number && protocolId == other.protocolId && spi == other.spi &&
           transforms == other.transforms;
}

std::ostream&
operator<<(std::ostream& os, const Ikev2Proposal& proposal)
{
    os << "#" << +proposal.number << " " << ProtocolName(proposal.protocolId);
    if (proposal.protocolId < Ikev2Proposal::PROTOCOL_IKE ||
        proposal.protocolId > Ikev2Proposal::PROTOCOL_ESP)
    {
        os << +proposal.protocolId;
    }
    if (!proposal.spi.empty())
    {
        os << " spi=0x" << ToHex(proposal.spi);
    }
    os << " [";
    for (std::size_t k = 0; k < proposal.transforms.size(); ++k)
    {
        os << (k == 0 ? "" : ", ") << proposal.transforms[k];
    }
    return os << "]";
}

Ikev2SaPayload::Ikev2SaPayload()
    : IkePayload(IKEV2_PAYLOAD_SA)
{
}

TypeId
Ikev2SaPayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Ikev2SaPayload").SetParent<IkePayload>().SetGroupName("Natt");
    return tid;
}

TypeId
Ikev2SaPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
Ikev2SaPayload::Clone() const
{
    return std::make_unique<Ikev2SaPayload>(*this);
}

void
Ikev2SaPayload::AddProposal(const Ikev2Proposal& proposal)
{
    m_proposals.push_back(proposal);
}

void
Ikev2SaPayload::SetProposals(const std::vector<Ikev2Proposal>& proposals)
{
    m_proposals = proposals;
}

const std::vector<Ikev2Proposal>&
Ikev2SaPayload::GetProposals() const
{
    return m_proposals;
}

uint32_t
Ikev2SaPayload::GetBodySize() const
{
    uint32_t size = 0;
    for (const auto& proposal : m_proposals)
    {
        size += proposal.GetSerializedSize();
    }
    return size;
}

void
Ikev2SaPayload::SerializeBody(Buffer::Iterator& i) const
{
    for (std::size_t p = 0; p < m_proposals.size(); ++p)
    {
        const Ikev2Proposal& proposal = m_proposals[p];
        // One-byte fields on the wire: larger values are a bug in the caller.
        NS_ABORT_MSG_IF(proposal.spi.size() > 0xff, "SPI too long: " << proposal.spi.size());
        NS_ABORT_MSG_IF(proposal.transforms.size() > 0xff,
                        "too many transforms: " << proposal.transforms.size());
        bool lastProposal = p + 1 == m_proposals.size();
        i.WriteU8(lastProposal ? 0 : kMoreProposals);
        i.WriteU8(0);
        i.WriteHtonU16(static_cast<uint16_t>(proposal.GetSerializedSize()));
        i.WriteU8(proposal.number);
        i.WriteU8(proposal.protocolId);
        i.WriteU8(static_cast<uint8_t>(proposal.spi.size()));
        i.WriteU8(static_cast<uint8_t>(proposal.transforms.size()));
        WriteBytes(i, proposal.spi);
        for (std::size_t t = 0; t < proposal.transforms.size(); ++t)
        {
            const Ikev2Transform& transform = proposal.transforms[t];
            bool lastTransform = t + 1 == proposal.transforms.size();
            i.WriteU8(lastTransform ? 0 : kMoreTransforms);
            i.WriteU8(0);
            i.WriteHtonU16(static_cast<uint16_t>(transform.GetSerializedSize()));
            i.WriteU8(transform.type);
            i.WriteU8(0);
            i.WriteHtonU16(transform.id);
            for (const auto& attribute : transform.attributes)
            {
                attribute.Serialize(i);
            }
        }
    }
}

bool
Ikev2SaPayload::DeserializeTransform(WireReader& r, Ikev2Transform& transform, bool& last)
{
    uint8_t marker = r.ReadU8();
    r.Skip(1); // reserved: ignored on receipt
    uint16_t length = r.ReadNtohU16();
    if (!r.Ok() || (marker != 0 && marker != kMoreTransforms) || length < kTransformHeaderSize)
    {
        r.Fail();
        return false;
    }
    last = marker == 0;
    // The transform length bounds its attributes; it must fit the proposal.
    WireReader t = r.Sub(length - 4);
    transform.type = static_cast<Ikev2Transform::Type>(t.ReadU8());
    t.Skip(1);
    transform.id = t.ReadNtohU16();
    transform.attributes.clear();
    while (t.Ok() && t.GetRemaining() > 0)
    {
        IkeAttribute attribute;
        if (attribute.Deserialize(t))
        {
            transform.attributes.push_back(attribute);
        }
    }
    if (!t.Ok())
    {
        r.Fail();
        return false;
    }
    return r.Ok();
}

bool
Ikev2SaPayload::DeserializeProposal(WireReader& r, Ikev2Proposal& proposal, bool& last)
{
    uint8_t marker = r.ReadU8();
    r.Skip(1); // reserved: ignored on receipt
    uint16_t length = r.ReadNtohU16();
    if (!r.Ok() || (marker != 0 && marker != kMoreProposals) || length < kProposalHeaderSize)
    {
        r.Fail();
        return false;
    }
    last = marker == 0;
    WireReader p = r.Sub(length - 4);
    proposal.number = p.ReadU8();
    proposal.protocolId = static_cast<Ikev2Proposal::ProtocolId>(p.ReadU8());
    uint8_t spiSize = p.ReadU8();
    uint8_t transformCount = p.ReadU8();
    proposal.spi = p.ReadBytes(spiSize);
    proposal.transforms.clear();
    bool lastTransform = false;
    while (p.Ok() && p.GetRemaining() > 0)
    {
        Ikev2Transform transform;
        if (!DeserializeTransform(p, transform, lastTransform))
        {
            break;
        }
        // The marker must say "last" exactly when the proposal ends here.
        if (lastTransform != (p.GetRemaining() == 0))
        {
            p.Fail();
            break;
        }
        proposal.transforms.push_back(transform);
    }
    if (!p.Ok() || proposal.transforms.size() != transformCount)
    {
        r.Fail();
        return false;
    }
    return r.Ok();
}

bool
Ikev2SaPayload::DeserializeBody(WireReader& r)
{
    m_proposals.clear();
    // RFC 7296 3.3: an SA payload holds one or more proposals.
    if (r.GetRemaining() == 0)
    {
        r.Fail();
        return false;
    }
    while (r.Ok() && r.GetRemaining() > 0)
    {
        Ikev2Proposal proposal;
        bool last = false;
        if (!DeserializeProposal(r, proposal, last))
        {
            break;
        }
        if (last != (r.GetRemaining() == 0))
        {
            r.Fail();
            break;
        }
        m_proposals.push_back(proposal);
    }
    return r.Ok();
}

void
Ikev2SaPayload::PrintBody(std::ostream& os) const
{
    os << "proposals={";
    for (std::size_t k = 0; k < m_proposals.size(); ++k)
    {
        os << (k == 0 ? "" : "; ") << m_proposals[k];
    }
    os << "}";
}

const char*
Ikev2SaPayload::GetName() const
{
    return "SA";
}

} // namespace ns3
