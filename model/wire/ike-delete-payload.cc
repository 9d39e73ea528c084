/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-delete-payload.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeDeletePayload);

IkeDeletePayload::IkeDeletePayload(uint8_t majorVersion)
    : IkePayload(majorVersion == 1 ? IKEV1_PAYLOAD_DELETE : IKEV2_PAYLOAD_DELETE),
      m_majorVersion(majorVersion == 1 ? 1 : 2)
{
}

TypeId
IkeDeletePayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeDeletePayload")
                            .SetParent<IkePayload>()
                            .SetGroupName("Natt")
                            .AddConstructor<IkeDeletePayload>();
    return tid;
}

TypeId
IkeDeletePayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
IkeDeletePayload::Clone() const
{
    return std::make_unique<IkeDeletePayload>(*this);
}

uint8_t
IkeDeletePayload::GetMajorVersion() const
{
    return m_majorVersion;
}

void
IkeDeletePayload::SetDoi(uint32_t doi)
{
    m_doi = doi;
}

uint32_t
IkeDeletePayload::GetDoi() const
{
    return m_doi;
}

void
IkeDeletePayload::SetProtocolId(uint8_t protocolId)
{
    m_protocolId = protocolId;
}

uint8_t
IkeDeletePayload::GetProtocolId() const
{
    return m_protocolId;
}

void
IkeDeletePayload::SetSpiSize(uint8_t size)
{
    if (size != m_spiSize)
    {
        m_spis.clear();
    }
    m_spiSize = size;
}

uint8_t
IkeDeletePayload::GetSpiSize() const
{
    return m_spiSize;
}

void
IkeDeletePayload::AddSpi(const std::vector<uint8_t>& spi)
{
    NS_ABORT_MSG_IF(spi.empty() || spi.size() > 0xff, "delete SPI size " << spi.size());
    if (m_spis.empty())
    {
        m_spiSize = spi.size();
    }
    // One size field covers all SPIs (RFC 2408 3.15, RFC 7296 3.11).
    NS_ABORT_MSG_IF(spi.size() != m_spiSize,
                    "delete SPIs differ in size: " << spi.size() << " != " << +m_spiSize);
    NS_ABORT_MSG_IF(m_spis.size() == 0xffff, "too many SPIs in one delete payload");
    m_spis.push_back(spi);
}

void
IkeDeletePayload::AddSpi32(uint32_t spi)
{
    AddSpi({static_cast<uint8_t>(spi >> 24),
            static_cast<uint8_t>(spi >> 16),
            static_cast<uint8_t>(spi >> 8),
            static_cast<uint8_t>(spi)});
}

void
IkeDeletePayload::AddCookiePair(uint64_t initiatorCookie, uint64_t responderCookie)
{
    std::vector<uint8_t> spi(16);
    for (int k = 0; k < 8; ++k)
    {
        spi[k] = static_cast<uint8_t>(initiatorCookie >> (56 - 8 * k));
        spi[8 + k] = static_cast<uint8_t>(responderCookie >> (56 - 8 * k));
    }
    AddSpi(spi);
}

const std::vector<std::vector<uint8_t>>&
IkeDeletePayload::GetSpis() const
{
    return m_spis;
}

uint32_t
IkeDeletePayload::GetSpi32(std::size_t index) const
{
    if (index >= m_spis.size() || m_spis[index].size() != 4)
    {
        return 0;
    }
    const std::vector<uint8_t>& spi = m_spis[index];
    return (uint32_t{spi[0]} << 24) | (uint32_t{spi[1]} << 16) | (uint32_t{spi[2]} << 8) |
           uint32_t{spi[3]};
}

uint32_t
IkeDeletePayload::GetBodySize() const
{
    return (m_majorVersion == 1 ? 8 : 4) + m_spis.size() * m_spiSize;
}

void
IkeDeletePayload::SerializeBody(Buffer::Iterator& i) const
{
    if (m_majorVersion == 1)
    {
        i.WriteHtonU32(m_doi);
    }
    i.WriteU8(m_protocolId);
    i.WriteU8(m_spiSize);
    i.WriteHtonU16(m_spis.size());
    for (const auto& spi : m_spis)
    {
        WriteBytes(i, spi);
    }
}

bool
IkeDeletePayload::DeserializeBody(WireReader& r)
{
    m_spis.clear();
    if (m_majorVersion == 1)
    {
        m_doi = r.ReadNtohU32();
    }
    m_protocolId = r.ReadU8();
    m_spiSize = r.ReadU8();
    uint16_t count = r.ReadNtohU16();
    // Checked before anything is allocated, so a lying count costs nothing.
    if (!r.Ok() || uint32_t{count} * m_spiSize != r.GetRemaining() || (count > 0 && m_spiSize == 0))
    {
        return false;
    }
    m_spis.reserve(count);
    for (uint16_t k = 0; k < count; ++k)
    {
        m_spis.push_back(r.ReadBytes(m_spiSize));
    }
    return r.Ok();
}

void
IkeDeletePayload::PrintBody(std::ostream& os) const
{
    if (m_majorVersion == 1)
    {
        os << "doi=" << m_doi << " ";
    }
    os << "protocol=" << +m_protocolId << " spiSize=" << +m_spiSize << " spis=[";
    for (std::size_t k = 0; k < m_spis.size(); ++k)
    {
        os << (k == 0 ? "" : " ") << "0x" << ToHex(m_spis[k]);
    }
    os << "]";
}

const char*
IkeDeletePayload::GetName() const
{
    return "Delete";
}

} // namespace ns3
