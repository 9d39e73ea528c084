/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stenberg-probe-payload.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(StenbergProbePayload);

namespace
{
constexpr uint8_t kIdIpv4Addr = 1; // RFC 2407 4.6.2.1
constexpr uint8_t kProtocolUdp = 17;
} // namespace

StenbergProbePayload::StenbergProbePayload()
    : IkePayload(IKEV1_PAYLOAD_STENBERG)
{
}

TypeId
StenbergProbePayload::GetTypeId()
{
    static TypeId tid = TypeId("ns3::StenbergProbePayload")
                            .SetParent<IkePayload>()
                            .SetGroupName("Natt")
                            .AddConstructor<StenbergProbePayload>();
    return tid;
}

TypeId
StenbergProbePayload::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::unique_ptr<IkePayload>
StenbergProbePayload::Clone() const
{
    return std::make_unique<StenbergProbePayload>(*this);
}

void
StenbergProbePayload::SetProbe(const InetSocketAddress& perceivedRemote,
                               const std::vector<InetSocketAddress>& localIdentities)
{
    NS_ABORT_MSG_IF(localIdentities.empty(), "a draft-stenberg probe needs a local identity");
    m_form = PROBE;
    m_decision = false;
    m_perceivedRemote = perceivedRemote;
    m_localIdentities = localIdentities;
}

void
StenbergProbePayload::SetDecision(bool useNatTraversal)
{
    m_form = DECISION;
    m_decision = useNatTraversal;
    m_perceivedRemote = InetSocketAddress(Ipv4Address(), 0);
    m_localIdentities.clear();
}

StenbergProbePayload::Form
StenbergProbePayload::GetForm() const
{
    return m_form;
}

bool
StenbergProbePayload::GetDecision() const
{
    return m_form == DECISION && m_decision;
}

const InetSocketAddress&
StenbergProbePayload::GetPerceivedRemote() const
{
    return m_perceivedRemote;
}

const std::vector<InetSocketAddress>&
StenbergProbePayload::GetLocalIdentities() const
{
    return m_localIdentities;
}

uint32_t
StenbergProbePayload::GetBodySize() const
{
    if (m_form == DECISION)
    {
        return 1;
    }
    return kIdentitySize * (1 + m_localIdentities.size());
}

void
StenbergProbePayload::SerializeIdentity(Buffer::Iterator& i,
                                        const InetSocketAddress& identity,
                                        bool last)
{
    i.WriteU8(last ? IKE_PAYLOAD_NONE : IKEV1_PAYLOAD_ID);
    i.WriteU8(0);
    i.WriteHtonU16(kIdentitySize);
    i.WriteU8(kIdIpv4Addr);
    i.WriteU8(kProtocolUdp);
    i.WriteHtonU16(identity.GetPort());
    i.WriteHtonU32(identity.GetIpv4().Get());
}

void
StenbergProbePayload::SerializeBody(Buffer::Iterator& i) const
{
    if (m_form == DECISION)
    {
        i.WriteU8(m_decision ? 1 : 0);
        return;
    }
    SerializeIdentity(i, m_perceivedRemote, false);
    for (std::size_t k = 0; k < m_localIdentities.size(); ++k)
    {
        SerializeIdentity(i, m_localIdentities[k], k + 1 == m_localIdentities.size());
    }
}

bool
StenbergProbePayload::DeserializeBody(WireReader& r)
{
    m_localIdentities.clear();
    m_perceivedRemote = InetSocketAddress(Ipv4Address(), 0);
    if (r.GetRemaining() == 1)
    {
        uint8_t decision = r.ReadU8();
        m_form = DECISION;
        m_decision = decision == 1;
        return r.Ok() && decision <= 1;
    }
    m_form = PROBE;
    m_decision = false;
    std::vector<InetSocketAddress> identities;
    uint8_t next = IKEV1_PAYLOAD_ID;
    while (next == IKEV1_PAYLOAD_ID)
    {
        next = r.ReadU8();
        r.Skip(1); // reserved
        uint16_t length = r.ReadNtohU16();
        uint8_t idType = r.ReadU8();
        uint8_t protocol = r.ReadU8();
        uint16_t port = r.ReadNtohU16();
        uint32_t address = r.ReadNtohU32();
        if (!r.Ok() || length != kIdentitySize || idType != kIdIpv4Addr ||
            protocol != kProtocolUdp || (next != IKEV1_PAYLOAD_ID && next != IKE_PAYLOAD_NONE))
        {
            return false;
        }
        identities.emplace_back(Ipv4Address(address), port);
    }
    // The perceived remote identity and at least one local one, and
    // nothing after the identity that ends the series.
    if (identities.size() < 2 || r.GetRemaining() != 0)
    {
        return false;
    }
    m_perceivedRemote = identities.front();
    m_localIdentities.assign(identities.begin() + 1, identities.end());
    return true;
}

void
StenbergProbePayload::PrintBody(std::ostream& os) const
{
    if (m_form == DECISION)
    {
        os << "decision=" << (m_decision ? 1 : 0);
        return;
    }
    os << "remote=" << m_perceivedRemote.GetIpv4() << ":" << m_perceivedRemote.GetPort()
       << " local=";
    for (std::size_t k = 0; k < m_localIdentities.size(); ++k)
    {
        os << (k == 0 ? "" : ",") << m_localIdentities[k].GetIpv4() << ":"
           << m_localIdentities[k].GetPort();
    }
}

const char*
StenbergProbePayload::GetName() const
{
    return "Stenberg-Probe";
}

} // namespace ns3
