/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-builtin-nat.h"

#include "security-association-database.h"

#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/nat-checksum.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecBuiltinNat");
NS_OBJECT_ENSURE_REGISTERED(IpsecBuiltinNat);

namespace
{

constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;

} // namespace

TypeId
IpsecBuiltinNat::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecBuiltinNat")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<IpsecBuiltinNat>()
            .AddAttribute("Network",
                          "The internal network peers are mapped into (draft-stenberg 3.4: "
                          "\"some internal A- or B-class network\")",
                          Ipv4AddressValue("172.31.0.0"),
                          MakeIpv4AddressAccessor(&IpsecBuiltinNat::m_network),
                          MakeIpv4AddressChecker())
            .AddAttribute("Mask",
                          "The internal network's mask",
                          Ipv4MaskValue("255.255.0.0"),
                          MakeIpv4MaskAccessor(&IpsecBuiltinNat::m_mask),
                          MakeIpv4MaskChecker())
            .AddTraceSource("MappingCreated",
                            "A peer's (host, port) got an internal address",
                            MakeTraceSourceAccessor(&IpsecBuiltinNat::m_mappingTrace),
                            "ns3::IpsecBuiltinNat::MappingTracedCallback")
            .AddTraceSource("Translate",
                            "A packet was translated, \"inbound\" or \"outbound\"",
                            MakeTraceSourceAccessor(&IpsecBuiltinNat::m_translateTrace),
                            "ns3::UdpEncapsulation::KindTracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped, with the reason",
                            MakeTraceSourceAccessor(&IpsecBuiltinNat::m_dropTrace),
                            "ns3::IpsecBuiltinNat::DropTracedCallback");
    return tid;
}

IpsecBuiltinNat::IpsecBuiltinNat() = default;
IpsecBuiltinNat::~IpsecBuiltinNat() = default;

void
IpsecBuiltinNat::AdjustChecksum(Ptr<Packet>& segment,
                                uint8_t protocol,
                                Ipv4Address from,
                                Ipv4Address to)
{
    uint32_t offset = protocol == kUdp ? 6 : 16;
    if ((protocol != kUdp && protocol != kTcp) || segment->GetSize() < offset + 2)
    {
        return;
    }
    std::vector<uint8_t> bytes(segment->GetSize());
    segment->CopyData(bytes.data(), bytes.size());
    uint16_t old = static_cast<uint16_t>((bytes[offset] << 8) | bytes[offset + 1]);
    if (protocol == kUdp && old == 0)
    {
        return; // no UDP checksum was sent (RFC 768)
    }
    // The address is in the pseudo-header (RFC 768, RFC 793): RFC 1624.
    uint16_t fixed = NatChecksum::AdjustAddress(old, from, to);
    if (protocol == kUdp && fixed == 0)
    {
        fixed = 0xffff;
    }
    bytes[offset] = static_cast<uint8_t>(fixed >> 8);
    bytes[offset + 1] = static_cast<uint8_t>(fixed);
    segment = Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
}

bool
IpsecBuiltinNat::Inbound(Ptr<const SecurityAssociation> sa,
                         Ptr<Packet>& segment,
                         uint8_t protocol,
                         Ipv4Header& header)
{
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    // 3.4: for SAs that use the draft's NAT traversal; transport mode
    // always (a tunnel's inner addresses are the gateway's business).
    if (p.encapsulation.type != IpsecEncapsulation::STENBERG || p.mode != IPSEC_MODE_TRANSPORT)
    {
        return true;
    }
    auto key = std::make_pair(p.remoteAddress.Get(), p.encapsulation.remotePort);
    auto it = m_byPeer.find(key);
    if (it == m_byPeer.end())
    {
        uint32_t size = ~m_mask.Get();
        if (m_next >= size)
        {
            ++m_drops;
            m_dropTrace(segment, POOL_EXHAUSTED_DROP);
            return false;
        }
        Mapping m;
        m.perceived = p.remoteAddress;
        m.port = p.encapsulation.remotePort;
        m.original = header.GetSource();
        m.internal = Ipv4Address(m_network.CombineMask(m_mask).Get() + m_next++);
        NS_LOG_INFO("(" << m.perceived << ", " << m.port << ") original " << m.original
                        << " -> internal " << m.internal);
        it = m_byPeer.emplace(key, m).first;
        m_byInternal[m.internal.Get()] = key;
        m_mappingTrace(m.internal, m.perceived, m.port, m.original);
    }
    // The peer may have moved behind its NAT; its envelopes say where it is now.
    it->second.original = header.GetSource();
    AdjustChecksum(segment, protocol, header.GetSource(), it->second.internal);
    header.SetSource(it->second.internal);
    ++m_inbound;
    m_translateTrace(segment, "inbound");
    return true;
}

Ptr<SecurityAssociation>
IpsecBuiltinNat::SelectOutbound(Ptr<Packet>& segment,
                                uint8_t protocol,
                                Ipv4Address source,
                                Ipv4Address& destination,
                                Ptr<const SecurityAssociationDatabase> sad)
{
    const Mapping* m = FindInternal(destination);
    if (!m)
    {
        return nullptr;
    }
    // 3.4, and 4.1's first remedy: the outbound SA is the one tied to the
    // peer's (host, port), whatever its selectors say.
    for (const auto& sa : sad->GetAll())
    {
        const SecurityAssociation::Parameters& p = sa->GetParameters();
        if (p.direction == SecurityAssociation::OUTBOUND &&
            p.encapsulation.type == IpsecEncapsulation::STENBERG &&
            p.mode == IPSEC_MODE_TRANSPORT && p.remoteAddress == m->perceived &&
            p.encapsulation.remotePort == m->port && (source.IsAny() || p.localAddress == source))
        {
            AdjustChecksum(segment, protocol, destination, m->original);
            destination = m->original;
            ++m_outbound;
            m_translateTrace(segment, "outbound");
            return sa;
        }
    }
    return nullptr;
}

const IpsecBuiltinNat::Mapping*
IpsecBuiltinNat::FindInternal(Ipv4Address internal) const
{
    auto it = m_byInternal.find(internal.Get());
    return it == m_byInternal.end() ? nullptr : &m_byPeer.at(it->second);
}

uint64_t
IpsecBuiltinNat::GetMappingCount() const
{
    return m_byPeer.size();
}

uint64_t
IpsecBuiltinNat::GetInboundTranslated() const
{
    return m_inbound;
}

uint64_t
IpsecBuiltinNat::GetOutboundTranslated() const
{
    return m_outbound;
}

uint64_t
IpsecBuiltinNat::GetDropCount() const
{
    return m_drops;
}

} // namespace ns3
