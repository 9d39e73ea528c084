/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-sa-payload.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(Ikev1SaPayload);

const IkeAttribute*
Ikev1Transform::FindAttribute(uint16_t type) const
{
    for (const auto& attribute : attributes)
    {
        if (attribute.type == type)
        {
            return &attribute;
        }
    }
    return nullptr;
}

void
Ikev1Transform::AddTv(uint16_t type, uint16_t value)
{
    attributes.push_back(IkeAttribute::Tv(type, value));
}

bool
Ikev1Transform::operator==(const Ikev1Transform& other) const
{
    return number == other.number && transformId == other.transformId &&
           attributes == other.attributes;
}

void
Ikev1Proposal::SetSpi32(uint32_t value)
{
    spi = {static_cast<uint8_t>(value >> 24),
           static_cast<uint8_t>(value >> 16),
           static_cast<uint8_t>(value >> 8),
           static_cast<uint8_t>(value)};
}

uint32_t
Ikev1Proposal::GetSpi32() const
{
    if (spi.size() != 4)
    {
        return 0;
    }
    return (uint32_t{spi[0]} << 24) | (uint32_t{spi[1]} << 16) | (uint32_t{spi[2]} << 8) |
           uint32_t{spi[3]};
}

bool
Ikev1Proposal::operator==(const Ikev1Proposal& other) const
{
    return number == other.number && protocolId == other.protocolId && spi == other.spi &&
           transforms == other.transforms;
}

Ikev1SaPayload::Ikev1SaPayload()
    : IkePayload(IKEV1_PAYLOAD_SA)
{
}

TypeId
Ikev1SaPayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Ikev1SaPayload")
                            .SetParent<IkePayload>()
                            .SetGroupName("Natt")
                            .AddConstructor<Ikev1SaPayload>();
    return tid;
}

TypeId
Ikev1SaPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
Ikev1SaPayload::Clone() const
{
    return std::make_unique<Ikev1SaPayload>(*this);
}

void
Ikev1SaPayload::SetDoi(uint32_t doi)
{
    m_doi = doi;
}

uint32_t
Ikev1SaPayload::GetDoi() const
{
    return m_doi;
}

void
Ikev1SaPayload::SetSituation(uint32_t situation)
{
    m_situation = situation;
}

uint32_t
Ikev1SaPayload::GetSituation() const
{
    return m_situation;
}

void
Ikev1SaPayload::AddProposal(const Ikev1Proposal& proposal)
{
    m_proposals.push_back(proposal);
}

void
Ikev1SaPayload::SetProposals(const std::vector<Ikev1Proposal>& proposals)
{
    m_proposals = proposals;
}

const std::vector<Ikev1Proposal>&
Ikev1SaPayload::GetProposals() const
{
    return m_proposals;
}

uint32_t
Ikev1SaPayload::GetTransformSize(const Ikev1Transform& transform)
{
    uint32_t size = kSubstructureHeaderSize;
    for (const auto& attribute : transform.attributes)
    {
        size += attribute.GetSerializedSize();
    }
    NS_ABORT_MSG_IF(size > 0xffff, "IKEv1 transform too large: " << size);
    return size;
}

uint32_t
Ikev1SaPayload::GetProposalSize(const Ikev1Proposal& proposal)
{
    // SPI size and transform count are 8-bit fields (RFC 2408 3.5); more
    // is a mistake in whoever built the proposal, not a wire condition.
    NS_ABORT_MSG_IF(proposal.spi.size() > 0xff, "IKEv1 proposal SPI too long");
    NS_ABORT_MSG_IF(proposal.transforms.size() > 0xff, "IKEv1 proposal has too many transforms");
    uint32_t size = kSubstructureHeaderSize + proposal.spi.size();
    for (const auto& transform : proposal.transforms)
    {
        size += GetTransformSize(transform);
    }
    NS_ABORT_MSG_IF(size > 0xffff, "IKEv1 proposal too large: " << size);
    return size;
}

uint32_t
Ikev1SaPayload::GetBodySize() const
{
    uint32_t size = 8; // DOI and situation
    for (const auto& proposal : m_proposals)
    {
        size += GetProposalSize(proposal);
    }
    return size;
}

void
Ikev1SaPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteHtonU32(m_doi);
    i.WriteHtonU32(m_situation);
    for (std::size_t p = 0; p < m_proposals.size(); ++p)
    {
        const Ikev1Proposal& proposal = m_proposals[p];
        i.WriteU8(p + 1 < m_proposals.size() ? IKEV1_PAYLOAD_PROPOSAL : IKE_PAYLOAD_NONE);
        i.WriteU8(0);
        i.WriteHtonU16(GetProposalSize(proposal));
        i.WriteU8(proposal.number);
        i.WriteU8(proposal.protocolId);
        i.WriteU8(proposal.spi.size());
        i.WriteU8(proposal.transforms.size());
        WriteBytes(i, proposal.spi);
        for (std::size_t t = 0; t < proposal.transforms.size(); ++t)
        {
            const Ikev1Transform& transform = proposal.transforms[t];
            i.WriteU8(t + 1 < proposal.transforms.size() ? IKEV1_PAYLOAD_TRANSFORM
                                                         : IKE_PAYLOAD_NONE);
            i.WriteU8(0);
            i.WriteHtonU16(GetTransformSize(transform));
            i.WriteU8(transform.number);
            i.WriteU8(transform.transformId);
            i.WriteHtonU16(0);
            for (const auto& attribute : transform.attributes)
            {
                attribute.Serialize(i);
            }
        }
    }
}

bool
Ikev1SaPayload::DeserializeBody(WireReader& r)
{
    m_proposals.clear();
    m_doi = r.ReadNtohU32();
    m_situation = r.ReadNtohU32();
    if (!r.Ok() || (m_doi == IPSEC_DOI && (m_situation & (SIT_SECRECY | SIT_INTEGRITY)) != 0))
    {
        return false;
    }
    // An SA payload offers at least one proposal (RFC 2408 4.2); each
    // proposal's next-payload field says whether another follows.
    uint8_t next = IKEV1_PAYLOAD_PROPOSAL;
    while (next == IKEV1_PAYLOAD_PROPOSAL)
    {
        next = r.ReadU8();
        r.Skip(1); // reserved
        uint16_t length = r.ReadNtohU16();
        if (!r.Ok() || length < kSubstructureHeaderSize ||
            (next != IKEV1_PAYLOAD_PROPOSAL && next != IKE_PAYLOAD_NONE))
        {
            return false;
        }
        WireReader sub = r.Sub(length - IkePayload::kGenericHeaderSize);
        Ikev1Proposal proposal;
        if (!sub.Ok() || !DeserializeProposal(sub, proposal))
        {
            return false;
        }
        m_proposals.push_back(std::move(proposal));
    }
    // The last proposal must end the body: bytes after it are not a proposal.
    return r.Ok() && r.GetRemaining() == 0;
}

bool
Ikev1SaPayload::DeserializeProposal(WireReader& r, Ikev1Proposal& proposal)
{
    proposal.number = r.ReadU8();
    proposal.protocolId = static_cast<Ikev1SaPayload::ProtocolId>(r.ReadU8());
    uint8_t spiSize = r.ReadU8();
    uint8_t count = r.ReadU8();
    proposal.spi = r.ReadBytes(spiSize);
    if (!r.Ok() || count == 0)
    {
        return false;
    }
    uint8_t next = IKEV1_PAYLOAD_TRANSFORM;
    while (next == IKEV1_PAYLOAD_TRANSFORM)
    {
        next = r.ReadU8();
        r.Skip(1); // reserved
        uint16_t length = r.ReadNtohU16();
        if (!r.Ok() || length < kSubstructureHeaderSize ||
            (next != IKEV1_PAYLOAD_TRANSFORM && next != IKE_PAYLOAD_NONE) ||
            proposal.transforms.size() == count)
        {
            return false;
        }
        WireReader sub = r.Sub(length - IkePayload::kGenericHeaderSize);
        Ikev1Transform transform;
        if (!sub.Ok() || !DeserializeTransform(sub, transform))
        {
            return false;
        }
        proposal.transforms.push_back(std::move(transform));
    }
    // "# of transforms" must count exactly the transforms present, and
    // they must fill the proposal (RFC 2408 3.5).
    return r.Ok() && proposal.transforms.size() == count && r.GetRemaining() == 0;
}

bool
Ikev1SaPayload::DeserializeTransform(WireReader& r, Ikev1Transform& transform)
{
    transform.number = r.ReadU8();
    transform.transformId = static_cast<Ikev1SaPayload::TransformId>(r.ReadU8());
    r.Skip(2); // reserved
    while (r.Ok() && r.GetRemaining() > 0)
    {
        IkeAttribute attribute;
        if (!attribute.Deserialize(r))
        {
            return false;
        }
        transform.attributes.push_back(std::move(attribute));
    }
    return r.Ok();
}

void
Ikev1SaPayload::PrintBody(std::ostream& os) const
{
    os << "doi=" << m_doi << " situation=" << m_situation;
    for (const auto& proposal : m_proposals)
    {
        os << " proposal(#" << +proposal.number << " protocol=" << +proposal.protocolId;
        if (!proposal.spi.empty())
        {
            os << " spi=0x" << ToHex(proposal.spi);
        }
        for (const auto& transform : proposal.transforms)
        {
            os << " transform(#" << +transform.number << " id=" << +transform.transformId;
            for (const auto& attribute : transform.attributes)
            {
                os << " " << attribute;
            }
            os << ")";
        }
        os << ")";
    }
}

const char*
Ikev1SaPayload::GetName() const
{
    return "SA";
}

} // namespace ns3
