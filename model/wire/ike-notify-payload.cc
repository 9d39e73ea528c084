/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-notify-payload.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeNotifyPayload);

IkeNotifyPayload::IkeNotifyPayload(uint8_t majorVersion)
    : IkePayload(majorVersion == 1 ? IKEV1_PAYLOAD_NOTIFY : IKEV2_PAYLOAD_NOTIFY),
      m_majorVersion(majorVersion == 1 ? 1 : 2)
{
}

TypeId
IkeNotifyPayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeNotifyPayload")
                            .SetParent<IkePayload>()
                            .SetGroupName("Natt")
                            .AddConstructor<IkeNotifyPayload>();
    return tid;
}

TypeId
IkeNotifyPayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
IkeNotifyPayload::Clone() const
{
    return std::make_unique<IkeNotifyPayload>(*this);
}

uint8_t
IkeNotifyPayload::GetMajorVersion() const
{
    return m_majorVersion;
}

void
IkeNotifyPayload::SetDoi(uint32_t doi)
{
    m_doi = doi;
}

uint32_t
IkeNotifyPayload::GetDoi() const
{
    return m_doi;
}

void
IkeNotifyPayload::SetProtocolId(uint8_t protocolId)
{
    m_protocolId = protocolId;
}

uint8_t
IkeNotifyPayload::GetProtocolId() const
{
    return m_protocolId;
}

void
IkeNotifyPayload::SetNotifyType(NotifyType type)
{
    m_notifyType = type;
}

IkeNotifyPayload::NotifyType
IkeNotifyPayload::GetNotifyType() const
{
    return static_cast<NotifyType>(m_notifyType);
}

bool
IkeNotifyPayload::IsError() const
{
    return m_notifyType < kFirstStatusType;
}

void
IkeNotifyPayload::SetSpi(const std::vector<uint8_t>& spi)
{
    // The SPI size field is one byte (RFC 2408 3.14, RFC 7296 3.10).
    NS_ABORT_MSG_IF(spi.size() > 0xff, "notify SPI too long: " << spi.size());
    m_spi = spi;
}

const std::vector<uint8_t>&
IkeNotifyPayload::GetSpi() const
{
    return m_spi;
}

void
IkeNotifyPayload::SetSpi32(uint32_t spi)
{
    m_spi = {static_cast<uint8_t>(spi >> 24),
             static_cast<uint8_t>(spi >> 16),
             static_cast<uint8_t>(spi >> 8),
             static_cast<uint8_t>(spi)};
}

uint32_t
IkeNotifyPayload::GetSpi32() const
{
    if (m_spi.size() != 4)
    {
        return 0;
    }
    return (uint32_t{m_spi[0]} << 24) | (uint32_t{m_spi[1]} << 16) | (uint32_t{m_spi[2]} << 8) |
           uint32_t{m_spi[3]};
}

void
IkeNotifyPayload::SetData(const std::vector<uint8_t>& data)
{
    m_data = data;
}

const std::vector<uint8_t>&
IkeNotifyPayload::GetData() const
{
    return m_data;
}

uint32_t
IkeNotifyPayload::GetBodySize() const
{
    return (m_majorVersion == 1 ? 8 : 4) + m_spi.size() + m_data.size();
}

void
IkeNotifyPayload::SerializeBody(Buffer::Iterator& i) const
{
    if (m_majorVersion == 1)
    {
        i.WriteHtonU32(m_doi);
    }
    i.WriteU8(m_protocolId);
    i.WriteU8(m_spi.size());
    i.WriteHtonU16(m_notifyType);
    WriteBytes(i, m_spi);
    WriteBytes(i, m_data);
}

bool
IkeNotifyPayload::DeserializeBody(WireReader& r)
{
    if (m_majorVersion == 1)
    {
        m_doi = r.ReadNtohU32();
    }
    m_protocolId = r.ReadU8();
    uint8_t spiSize = r.ReadU8();
    m_notifyType = r.ReadNtohU16();
    // An SPI size beyond the payload fails the read here.
    m_spi = r.ReadBytes(spiSize);
    m_data = r.ReadRest();
    return r.Ok();
}

void
IkeNotifyPayload::PrintBody(std::ostream& os) const
{
    if (m_majorVersion == 1)
    {
        os << "doi=" << m_doi << " ";
    }
    os << "type=" << m_notifyType << " protocol=" << +m_protocolId;
    if (!m_spi.empty())
    {
        os << " spi=0x" << ToHex(m_spi);
    }
    if (!m_data.empty())
    {
        os << " data=" << ToHex(m_data);
    }
}

const char*
IkeNotifyPayload::GetName() const
{
    return "Notify";
}

} // namespace ns3
