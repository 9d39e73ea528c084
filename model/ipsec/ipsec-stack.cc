/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-stack.h"

#include "ipsec-builtin-nat.h"
#include "ipsec-bypass-tag.h"
#include "ipsec-cipher-suite.h"
#include "ipsec-l4-protocol.h"
#include "ipsec-plaintext-filter.h"
#include "udp-encapsulation.h"

#include "ns3/ah-header.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/esp-trailer.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/natt-enum-accessor.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/random-bytes.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"
#include "ns3/virtual-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecStack");
NS_OBJECT_ENSURE_REGISTERED(IpsecStack);

namespace
{

constexpr uint8_t kIpInIp = 4;
constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;
constexpr uint8_t kIcmp = 1;
/// The protocol a drop is counted under when it is neither ESP's nor AH's.
constexpr uint8_t kNoProtocol = 0;

uint32_t
ReadU32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

void
WriteU32(uint8_t* p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

/// Fill the ports of \p key from the first bytes of a UDP or TCP segment.
void
PeekPorts(Ptr<const Packet> segment, uint32_t offset, IpsecTrafficKey& key, bool outbound)
{
    if ((key.protocol != kTcp && key.protocol != kUdp) || segment->GetSize() < offset + 4)
    {
        return;
    }
    uint8_t ports[4];
    segment->CopyData(ports, 4); // offset 0 only; callers with an IP header copy first
    if (offset != 0)
    {
        uint8_t buffer[64];
        segment->CopyData(buffer, std::min<uint32_t>(offset + 4, sizeof(buffer)));
        std::copy(buffer + offset, buffer + offset + 4, ports);
    }
    uint16_t source = static_cast<uint16_t>((ports[0] << 8) | ports[1]);
    uint16_t destination = static_cast<uint16_t>((ports[2] << 8) | ports[3]);
    key.localPort = outbound ? source : destination;
    key.remotePort = outbound ? destination : source;
}

/// One's-complement sum of 16-bit big-endian words (RFC 1071).
uint32_t
SumWords(const uint8_t* data, std::size_t size, uint32_t sum = 0)
{
    for (std::size_t k = 0; k + 1 < size; k += 2)
    {
        sum += (uint32_t{data[k]} << 8) | data[k + 1];
    }
    if (size % 2)
    {
        sum += uint32_t{data[size - 1]} << 8;
    }
    return sum;
}

uint32_t
SumAddress(Ipv4Address address, uint32_t sum = 0)
{
    uint32_t a = address.Get();
    return sum + (a >> 16) + (a & 0xffff);
}

/// NAT-OA addresses are optional: unset is either never assigned or 0.0.0.0.
bool
IsSet(Ipv4Address address)
{
    return address.IsInitialized() && !address.IsAny();
}

uint16_t
Fold(uint32_t sum)
{
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(sum);
}

} // namespace

TypeId
IpsecStack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecStack")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<IpsecStack>()
            .AddAttribute("ReplayWindow",
                          "Anti-replay window of SAs installed through IpsecHelper, in packets "
                          "(RFC 4303 3.4.3)",
                          UintegerValue(64),
                          MakeUintegerAccessor(&IpsecStack::m_replayWindow),
                          MakeUintegerChecker<uint32_t>(1, 4096))
            .AddAttribute("CheckSelectors",
                          "Check decapsulated packets against the SA's selectors (RFC 4301 5.2)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpsecStack::m_checkSelectors),
                          MakeBooleanChecker())
            .AddAttribute("CheckTunnelSource",
                          "Drop tunnel-mode packets whose inner source is not the SA's "
                          "(RFC 3715 section 5 anti-spoofing)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpsecStack::m_checkTunnelSource),
                          MakeBooleanChecker())
            .AddAttribute("CheckPlaintext",
                          "Drop plaintext UDP/TCP that the inbound SPD says must be protected",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpsecStack::m_checkPlaintext),
                          MakeBooleanChecker())
            .AddAttribute("TransportChecksum",
                          "Transport-mode UDP/TCP checksum handling after decapsulation "
                          "(RFC 3948 3.1.2)",
                          EnumValue(CHECKSUM_NAT_OA),
                          MakeEnumMemberAccessor(&IpsecStack::m_transportChecksum),
                          MakeEnumChecker(CHECKSUM_NAT_OA,
                                          "NatOa",
                                          CHECKSUM_RECOMPUTE,
                                          "Recompute",
                                          CHECKSUM_VERIFY,
                                          "Verify"))
            .AddAttribute("BuiltinNat",
                          "draft-stenberg 3.4's built-in host NAT for the draft's transport SAs; "
                          "none when null",
                          PointerValue(),
                          MakePointerAccessor(&IpsecStack::m_builtinNat),
                          MakePointerChecker<IpsecBuiltinNat>())
            .AddTraceSource("Drop",
                            "A packet was dropped, with the reason (GetDropCount tells the "
                            "IPsec protocol whose processing dropped it)",
                            MakeTraceSourceAccessor(&IpsecStack::m_dropTrace),
                            "ns3::IpsecStack::DropTracedCallback")
            .AddTraceSource("Protect",
                            "An outbound packet was protected by an SA",
                            MakeTraceSourceAccessor(&IpsecStack::m_protectTrace),
                            "ns3::IpsecStack::SaPacketTracedCallback")
            .AddTraceSource("Accept",
                            "An inbound packet passed IPsec processing",
                            MakeTraceSourceAccessor(&IpsecStack::m_acceptTrace),
                            "ns3::IpsecStack::SaPacketTracedCallback")
            .AddTraceSource("Acquire",
                            "Traffic matched a PROTECT entry without an SA (the policy id)",
                            MakeTraceSourceAccessor(&IpsecStack::m_acquireTrace),
                            "ns3::TracedValueCallback::Uint32");
    return tid;
}

IpsecStack::IpsecStack()
    : m_spd(CreateObject<SecurityPolicyDatabase>()),
      m_sad(CreateObject<SecurityAssociationDatabase>()),
      m_udpEncapsulation(CreateObject<UdpEncapsulation>()),
      m_random(CreateObject<UniformRandomVariable>())
{
}

IpsecStack::~IpsecStack() = default;

void
IpsecStack::NotifyNewAggregate()
{
    if (!m_node)
    {
        Ptr<Node> node = GetObject<Node>();
        if (node && node->GetObject<Ipv4L3Protocol>())
        {
            m_node = node;
            Setup();
        }
    }
    Object::NotifyNewAggregate();
}

void
IpsecStack::Setup()
{
    NS_LOG_FUNCTION(this << m_node->GetId());
    m_ipv4 = m_node->GetObject<Ipv4L3Protocol>();
    // The databases and the UDP port owner join the node's aggregate, so
    // IKE and scenarios find them with node->GetObject<...>().
    m_node->AggregateObject(m_spd);
    m_node->AggregateObject(m_sad);
    m_node->AggregateObject(m_udpEncapsulation);
    for (uint8_t protocol : {kIcmp, kTcp, kUdp})
    {
        Ptr<IpL4Protocol> l4 = m_ipv4->GetProtocol(protocol);
        if (l4)
        {
            Intercept(l4);
        }
    }
    // Inbound plaintext UDP and TCP pass the SPD check on their way up.
    // ICMP stays in place: Ipv4L3Protocol finds it by type for its errors.
    for (uint8_t protocol : {kTcp, kUdp})
    {
        Ptr<IpL4Protocol> l4 = m_ipv4->GetProtocol(protocol);
        if (l4)
        {
            Ptr<IpsecPlaintextFilter> filter = CreateObject<IpsecPlaintextFilter>();
            filter->Setup(this, l4);
            m_ipv4->Remove(l4);
            m_ipv4->Insert(filter);
        }
    }
    Ptr<EspL4Protocol> esp = CreateObject<EspL4Protocol>();
    esp->SetStack(this);
    m_ipv4->Insert(esp);
    Ptr<AhL4Protocol> ah = CreateObject<AhL4Protocol>();
    ah->SetStack(this);
    m_ipv4->Insert(ah);
    m_udpEncapsulation->Setup(m_node, this);
}

void
IpsecStack::DoDispose()
{
    m_node = nullptr;
    m_ipv4 = nullptr;
    m_spd = nullptr;
    m_sad = nullptr;
    m_udpEncapsulation = nullptr;
    m_builtinNat = nullptr;
    m_tunnelDevice = nullptr;
    m_l4.clear();
    m_downTargets.clear();
    m_acquire = AcquireCallback();
    Object::DoDispose();
}

void
IpsecStack::Intercept(Ptr<IpL4Protocol> l4)
{
    uint8_t protocol = static_cast<uint8_t>(l4->GetProtocolNumber());
    m_l4[protocol] = l4;
    m_downTargets[protocol] = l4->GetDownTarget();
    l4->SetDownTarget(MakeCallback(&IpsecStack::OutboundTransport, this));
}

Ptr<SecurityPolicyDatabase>
IpsecStack::GetSpd() const
{
    return m_spd;
}

Ptr<SecurityAssociationDatabase>
IpsecStack::GetSad() const
{
    return m_sad;
}

Ptr<UdpEncapsulation>
IpsecStack::GetUdpEncapsulation() const
{
    return m_udpEncapsulation;
}

Ptr<Node>
IpsecStack::GetNode() const
{
    return m_node;
}

uint32_t
IpsecStack::GetReplayWindowSize() const
{
    return m_replayWindow;
}

uint32_t
IpsecStack::GetTunnelInterface(Ipv4Address address)
{
    if (!m_tunnelDevice)
    {
        NS_ABORT_MSG_UNLESS(m_ipv4, "IpsecStack is not aggregated to a node with IPv4");
        m_tunnelDevice = CreateObject<VirtualNetDevice>();
        m_tunnelDevice->SetAddress(Mac48Address::Allocate());
        m_tunnelDevice->SetNeedsArp(false);
        m_tunnelDevice->SetIsPointToPoint(false);
        m_tunnelDevice->SetSendCallback(MakeCallback(&IpsecStack::TunnelSend, this));
        m_node->AddDevice(m_tunnelDevice);
        m_tunnelInterface = m_ipv4->AddInterface(m_tunnelDevice);
        m_ipv4->AddAddress(m_tunnelInterface, Ipv4InterfaceAddress(address, Ipv4Mask::GetOnes()));
        m_ipv4->SetForwarding(m_tunnelInterface, true);
        m_ipv4->SetUp(m_tunnelInterface);
    }
    return m_tunnelInterface;
}

Ptr<VirtualNetDevice>
IpsecStack::GetTunnelDevice() const
{
    return m_tunnelDevice;
}

std::size_t
IpsecStack::ProtocolIndex(uint8_t protocol)
{
    switch (protocol)
    {
    case IPSEC_PROTOCOL_ESP:
        return 1;
    case IPSEC_PROTOCOL_AH:
        return 2;
    default:
        return 0;
    }
}

uint64_t
IpsecStack::GetDropCount(const std::string& reason) const
{
    uint64_t total = 0;
    for (const auto& drops : m_drops)
    {
        total += drops.Get(reason);
    }
    return total;
}

uint64_t
IpsecStack::GetDropCount(const std::string& reason, uint8_t protocol) const
{
    return m_drops[ProtocolIndex(protocol)].Get(reason);
}

uint64_t
IpsecStack::GetProtectedCount() const
{
    return m_protected;
}

uint64_t
IpsecStack::GetAcceptedCount() const
{
    return m_accepted;
}

void
IpsecStack::SetAcquireCallback(AcquireCallback callback)
{
    m_acquire = callback;
}

int64_t
IpsecStack::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
IpsecStack::Drop(Ptr<const Packet> packet, const char* reason, uint8_t protocol)
{
    NS_LOG_LOGIC("drop " << reason << " protocol " << +protocol << " " << packet);
    m_drops[ProtocolIndex(protocol)].Count(reason);
    m_dropTrace(packet, reason);
}

std::shared_ptr<IpsecCipherSuite>
IpsecStack::GetSuite(Ptr<SecurityAssociation> sa)
{
    std::shared_ptr<IpsecCipherSuite> suite = sa->GetCipherSuite();
    if (!suite)
    {
        std::string error;
        suite = IpsecCipherSuite::Create(sa->GetParameters().transform, &error);
        if (!suite)
        {
            NS_LOG_WARN("SA " << sa->GetSpi() << " unusable: " << error);
            return nullptr;
        }
        sa->SetCipherSuite(suite);
    }
    return suite;
}

bool
IpsecStack::CheckExpired(Ptr<SecurityAssociation> sa, Ptr<const Packet> packet)
{
    if (sa->IsHardExpired(Simulator::Now()))
    {
        Drop(packet, SA_EXPIRED_DROP, sa->GetParameters().protocol);
        return true;
    }
    return false;
}

Ptr<SecurityAssociation>
IpsecStack::SelectOutbound(Ptr<const Packet> packet, const IpsecTrafficKey& key, bool* bypass)
{
    *bypass = false;
    const IpsecPolicy* policy = m_spd->Lookup(IpsecPolicy::OUTBOUND, key);
    IpsecPolicy::Action action = policy ? policy->action : m_spd->GetDefaultAction();
    if (action == IpsecPolicy::BYPASS)
    {
        *bypass = true;
        return nullptr;
    }
    if (action == IpsecPolicy::DISCARD)
    {
        Drop(packet, POLICY_DISCARD_DROP, kNoProtocol);
        return nullptr;
    }
    Ptr<SecurityAssociation> sa = m_sad->FindOutbound(policy->id);
    if (!sa)
    {
        m_acquireTrace(policy->id);
        if (!m_acquire.IsNull())
        {
            m_acquire(*policy, key);
        }
        Drop(packet, NO_SA_DROP, policy->protocol);
        return nullptr;
    }
    if (CheckExpired(sa, packet))
    {
        return nullptr;
    }
    return sa;
}

void
IpsecStack::OutboundTransport(Ptr<Packet> packet,
                              Ipv4Address source,
                              Ipv4Address destination,
                              uint8_t protocol,
                              Ptr<Ipv4Route> route)
{
    const auto& down = m_downTargets[protocol];
    IpsecBypassTag tag;
    if (packet->RemovePacketTag(tag) || destination.IsBroadcast() || destination.IsMulticast() ||
        destination.IsLocalhost())
    {
        down(packet, source, destination, protocol, route);
        return;
    }
    if (source.IsAny() && route)
    {
        source = route->GetSource();
    }
    // draft-stenberg 3.4: a peer behind the built-in NAT has its own SA.
    Ptr<SecurityAssociation> sa =
        m_builtinNat ? m_builtinNat->SelectOutbound(packet, protocol, source, destination, m_sad)
                     : nullptr;
    if (!sa)
    {
        IpsecTrafficKey key;
        key.local = source;
        key.remote = destination;
        key.protocol = protocol;
        PeekPorts(packet, 0, key, true);
        bool bypass = false;
        sa = SelectOutbound(packet, key, &bypass);
        if (bypass)
        {
            down(packet, source, destination, protocol, route);
            return;
        }
    }
    if (!sa)
    {
        return;
    }
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    uint8_t nextHeader = protocol;
    if (p.mode == IPSEC_MODE_TUNNEL)
    {
        // A host that is its own tunnel endpoint: the whole packet goes inside.
        Ipv4Header inner;
        inner.SetSource(source);
        inner.SetDestination(destination);
        inner.SetProtocol(protocol);
        inner.SetPayloadSize(packet->GetSize());
        inner.SetTtl(64);
        inner.SetIdentification(m_ipIdentification++);
        inner.EnableChecksum();
        packet->AddHeader(inner);
        nextHeader = kIpInIp;
        route = nullptr;
    }
    else if (p.remoteAddress != destination)
    {
        route = nullptr;
    }
    if (p.protocol == IPSEC_PROTOCOL_AH)
    {
        AhSend(sa, packet, nextHeader, p.localAddress, p.remoteAddress, route);
        return;
    }
    Ptr<Packet> esp = EspProtect(sa, packet, nextHeader);
    if (esp)
    {
        SendOuter(sa, esp, IPSEC_PROTOCOL_ESP, route);
    }
}

bool
IpsecStack::TunnelSend(Ptr<Packet> packet,
                       const Address& source,
                       const Address& dest,
                       uint16_t protocolNumber)
{
    Ipv4Header inner;
    if (packet->GetSize() < 20 || packet->PeekHeader(inner) == 0)
    {
        Drop(packet, MALFORMED_DROP, kNoProtocol);
        return true;
    }
    IpsecTrafficKey key;
    key.local = inner.GetSource();
    key.remote = inner.GetDestination();
    key.protocol = inner.GetProtocol();
    PeekPorts(packet, inner.GetSerializedSize(), key, true);
    bool bypass = false;
    Ptr<SecurityAssociation> sa = SelectOutbound(packet, key, &bypass);
    if (bypass)
    {
        // A route sent it into the tunnel but no policy protects it.
        Drop(packet, NO_ROUTE_DROP, kNoProtocol);
        return true;
    }
    if (!sa)
    {
        return true;
    }
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    if (p.protocol == IPSEC_PROTOCOL_AH)
    {
        AhSend(sa, packet, kIpInIp, p.localAddress, p.remoteAddress, nullptr);
        return true;
    }
    Ptr<Packet> esp = EspProtect(sa, packet, kIpInIp);
    if (esp)
    {
        SendOuter(sa, esp, IPSEC_PROTOCOL_ESP, nullptr);
    }
    return true;
}

Ptr<Packet>
IpsecStack::EspProtect(Ptr<SecurityAssociation> sa, Ptr<Packet> payload, uint8_t nextHeader)
{
    std::shared_ptr<IpsecCipherSuite> suite = GetSuite(sa);
    if (!suite)
    {
        Drop(payload, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    if (sa->IsSequenceExhausted())
    {
        // RFC 4303 3.3.3: a new SA is needed before the counter cycles.
        Drop(payload, SA_EXPIRED_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    uint32_t sequence = sa->NextSequence();
    uint32_t size = payload->GetSize();
    uint8_t padLength = EspTrailerPadLength(size, suite->GetBlockSize());
    Bytes plaintext(size + padLength + 2);
    payload->CopyData(plaintext.data(), size);
    for (uint8_t k = 0; k < padLength; ++k)
    {
        plaintext[size + k] = k + 1; // RFC 4303 2.4 default padding 1, 2, 3, ...
    }
    plaintext[size + padLength] = padLength;
    plaintext[size + padLength + 1] = nextHeader;
    uint8_t header[8];
    WriteU32(header, sa->GetSpi());
    WriteU32(header + 4, sequence);
    Bytes iv;
    if (suite->GetIvSize() == AesGcm::IvSize)
    {
        // RFC 4106 3.1: the IV must not repeat under a key; the sequence
        // number never does within an SA.
        iv.assign(8, 0);
        WriteU32(iv.data() + 4, sequence);
    }
    else if (suite->GetIvSize() > 0)
    {
        // RFC 3602 2.3: CBC needs an unpredictable IV.
        iv = DrawRandomBytes(m_random, suite->GetIvSize());
    }
    Bytes out;
    if (!suite->Seal(header, iv, plaintext, out))
    {
        Drop(payload, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    sa->AddTraffic(size);
    ++m_protected;
    m_protectTrace(payload, sa);
    return Create<Packet>(out.data(), static_cast<uint32_t>(out.size()));
}

uint8_t
IpsecStack::EspTrailerPadLength(uint32_t payloadSize, uint32_t blockSize)
{
    uint32_t used = (payloadSize + 2) % blockSize;
    return static_cast<uint8_t>(used == 0 ? 0 : blockSize - used);
}

void
IpsecStack::SendOuter(Ptr<SecurityAssociation> sa,
                      Ptr<Packet> packet,
                      uint8_t protocol,
                      Ptr<Ipv4Route> route)
{
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    if (protocol == IPSEC_PROTOCOL_ESP && p.encapsulation.type != IpsecEncapsulation::NONE)
    {
        m_udpEncapsulation->SendEsp(packet, sa);
        return;
    }
    m_ipv4->Send(packet, p.localAddress, p.remoteAddress, protocol, route);
}

Bytes
IpsecStack::AhIcvInput(const Ipv4Header& ip,
                       const uint8_t* ah,
                       uint32_t ahSize,
                       Ptr<const Packet> payload) const
{
    // RFC 4302 3.3.3.1.1: the IPv4 header with DSCP/ECN, flags, fragment
    // offset, TTL and checksum zeroed; addresses, ID and length covered.
    uint32_t payloadSize = payload->GetSize();
    uint16_t total = static_cast<uint16_t>(20 + ahSize + payloadSize);
    Bytes data(20 + ahSize + payloadSize, 0);
    data[0] = 0x45;
    data[2] = static_cast<uint8_t>(total >> 8);
    data[3] = static_cast<uint8_t>(total);
    data[4] = static_cast<uint8_t>(ip.GetIdentification() >> 8);
    data[5] = static_cast<uint8_t>(ip.GetIdentification());
    data[9] = IPSEC_PROTOCOL_AH;
    WriteU32(data.data() + 12, ip.GetSource().Get());
    WriteU32(data.data() + 16, ip.GetDestination().Get());
    std::copy(ah, ah + ahSize, data.begin() + 20);
    // The ICV field itself counts as zero (RFC 4302 3.3.3.1).
    std::fill(data.begin() + 20 + AhHeader::kFixedSize, data.begin() + 20 + ahSize, 0);
    payload->CopyData(data.data() + 20 + ahSize, payloadSize);
    return data;
}

void
IpsecStack::AhSend(Ptr<SecurityAssociation> sa,
                   Ptr<Packet> payload,
                   uint8_t nextHeader,
                   Ipv4Address source,
                   Ipv4Address destination,
                   Ptr<Ipv4Route> route)
{
    std::shared_ptr<IpsecCipherSuite> suite = GetSuite(sa);
    if (!suite || suite->GetIcvSize() == 0 ||
        sa->GetParameters().transform.encryption != IpsecTransform::ENCR_NULL)
    {
        Drop(payload, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_AH);
        return;
    }
    if (sa->IsSequenceExhausted())
    {
        Drop(payload, SA_EXPIRED_DROP, IPSEC_PROTOCOL_AH);
        return;
    }
    AhHeader ah;
    ah.SetNextHeader(nextHeader);
    ah.SetSpi(sa->GetSpi());
    ah.SetSequenceNumber(sa->NextSequence());
    ah.SetIcv(std::vector<uint8_t>(suite->GetIcvSize(), 0));
    Ipv4Header ip;
    ip.SetSource(source);
    ip.SetDestination(destination);
    ip.SetProtocol(IPSEC_PROTOCOL_AH);
    ip.SetTtl(64);
    // Ipv4L3Protocol::Send would choose the ID after the ICV is computed;
    // AH covers it, so the header is built here and sent as it is.
    ip.SetIdentification(m_ipIdentification++);
    ip.SetPayloadSize(ah.GetSerializedSize() + payload->GetSize());
    Ptr<Packet> probe = Create<Packet>();
    probe->AddHeader(ah);
    Bytes ahBytes(probe->GetSize());
    probe->CopyData(ahBytes.data(), ahBytes.size());
    Bytes input = AhIcvInput(ip, ahBytes.data(), static_cast<uint32_t>(ahBytes.size()), payload);
    ah.SetIcv(suite->ComputeIcv(input));
    uint32_t size = payload->GetSize();
    sa->AddTraffic(size);
    ++m_protected;
    m_protectTrace(payload, sa);
    Ptr<Packet> packet = payload->Copy();
    packet->AddHeader(ah);
    if (!route || route->GetSource() != source)
    {
        Socket::SocketErrno error;
        route = m_ipv4->GetRoutingProtocol()->RouteOutput(packet, ip, nullptr, error);
        if (!route)
        {
            Drop(packet, NO_ROUTE_DROP, IPSEC_PROTOCOL_AH);
            return;
        }
    }
    m_ipv4->SendWithHeader(packet, ip, route);
}

void
IpsecStack::ReceiveEsp(Ptr<Packet> packet,
                       const Ipv4Header& outer,
                       Ptr<Ipv4Interface> incoming,
                       IpsecEncapsulation::Type encapsulation,
                       uint16_t sourcePort)
{
    uint32_t size = packet->GetSize();
    if (size < 8)
    {
        Drop(packet, MALFORMED_DROP, IPSEC_PROTOCOL_ESP);
        return;
    }
    Bytes esp(size);
    packet->CopyData(esp.data(), size);
    uint32_t spi = ReadU32(esp.data());
    uint32_t sequence = ReadU32(esp.data() + 4);
    Ptr<SecurityAssociation> sa = m_sad->FindInbound(IPSEC_PROTOCOL_ESP, spi);
    if (!sa)
    {
        Drop(packet, NO_SA_DROP, IPSEC_PROTOCOL_ESP);
        return;
    }
    if (CheckExpired(sa, packet))
    {
        return;
    }
    // RFC 4303 3.4.3: the cheap replay check comes before the ICV.
    if (!sa->GetReplayWindow().Check(sequence))
    {
        Drop(packet, REPLAY_DROP, IPSEC_PROTOCOL_ESP);
        return;
    }
    std::shared_ptr<IpsecCipherSuite> suite = GetSuite(sa);
    if (!suite)
    {
        Drop(packet, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_ESP);
        return;
    }
    Bytes plaintext;
    switch (suite->Open(esp.data(), esp.size(), plaintext))
    {
    case IpsecCipherSuite::OPEN_OK:
        break;
    case IpsecCipherSuite::OPEN_ICV_FAILURE:
        Drop(packet, ICV_FAILURE_DROP, IPSEC_PROTOCOL_ESP);
        return;
    case IpsecCipherSuite::OPEN_TRUNCATED:
        Drop(packet, MALFORMED_DROP, IPSEC_PROTOCOL_ESP);
        return;
    default:
        Drop(packet, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_ESP);
        return;
    }
    // RFC 4303 2.4 and 2.6: pad length, then the padding it announces.
    std::size_t n = plaintext.size();
    if (n < 2)
    {
        Drop(packet, BAD_PADDING_DROP, IPSEC_PROTOCOL_ESP);
        return;
    }
    uint8_t nextHeader = plaintext[n - 1];
    uint8_t padLength = plaintext[n - 2];
    if (std::size_t{padLength} + 2 > n)
    {
        Drop(packet, BAD_PADDING_DROP, IPSEC_PROTOCOL_ESP);
        return;
    }
    std::size_t payloadSize = n - 2 - padLength;
    for (uint8_t k = 0; k < padLength; ++k)
    {
        if (plaintext[payloadSize + k] != k + 1)
        {
            Drop(packet, BAD_PADDING_DROP, IPSEC_PROTOCOL_ESP);
            return;
        }
    }
    // Only authenticated packets move the window (RFC 4303 3.4.3).
    sa->GetReplayWindow().Update(sequence);
    if (encapsulation == IpsecEncapsulation::UDP_ENCAP && sourcePort != 0)
    {
        FollowPeer(sa, outer.GetSource(), sourcePort);
    }
    if (nextHeader == EspTrailer::kNoNextHeader)
    {
        // RFC 4303 2.6: a dummy packet, discarded silently.
        return;
    }
    Ptr<Packet> inner = Create<Packet>(plaintext.data(), static_cast<uint32_t>(payloadSize));
    Deliver(sa, inner, nextHeader, outer, incoming, sequence);
}

void
IpsecStack::ReceiveAh(Ptr<Packet> packet, const Ipv4Header& outer, Ptr<Ipv4Interface> incoming)
{
    if (packet->GetSize() < AhHeader::kFixedSize)
    {
        Drop(packet, MALFORMED_DROP, IPSEC_PROTOCOL_AH);
        return;
    }
    Ptr<Packet> copy = packet->Copy();
    AhHeader ah;
    uint32_t ahSize = copy->RemoveHeader(ah);
    if (ahSize == 0)
    {
        Drop(packet, MALFORMED_DROP, IPSEC_PROTOCOL_AH);
        return;
    }
    Ptr<SecurityAssociation> sa = m_sad->FindInbound(IPSEC_PROTOCOL_AH, ah.GetSpi());
    if (!sa)
    {
        Drop(packet, NO_SA_DROP, IPSEC_PROTOCOL_AH);
        return;
    }
    if (CheckExpired(sa, packet))
    {
        return;
    }
    if (!sa->GetReplayWindow().Check(ah.GetSequenceNumber()))
    {
        Drop(packet, REPLAY_DROP, IPSEC_PROTOCOL_AH);
        return;
    }
    std::shared_ptr<IpsecCipherSuite> suite = GetSuite(sa);
    if (!suite)
    {
        Drop(packet, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_AH);
        return;
    }
    Bytes ahBytes(ahSize);
    packet->CopyData(ahBytes.data(), ahSize);
    Bytes input = AhIcvInput(outer, ahBytes.data(), ahSize, copy);
    Bytes icv = suite->ComputeIcv(input);
    if (icv != ah.GetIcv())
    {
        Drop(packet, ICV_FAILURE_DROP, IPSEC_PROTOCOL_AH);
        return;
    }
    sa->GetReplayWindow().Update(ah.GetSequenceNumber());
    Deliver(sa, copy, ah.GetNextHeader(), outer, incoming, ah.GetSequenceNumber());
}

void
IpsecStack::FollowPeer(Ptr<SecurityAssociation> inbound, Ipv4Address address, uint16_t port)
{
    const SecurityAssociation::Parameters& p = inbound->GetParameters();
    if (p.remoteAddress == address && p.encapsulation.remotePort == port)
    {
        return;
    }
    // RFC 3948 / RFC 7296 2.23: an authenticated packet from a new address
    // or port means the NAT moved the peer; every SA with it follows.
    // SAs whose NAT-OA names another original address belong to another
    // host behind the same NAT (manually keyed SAs may name the same
    // outer endpoint for both until each has sent): they stay.
    Ipv4Address oldAddress = p.remoteAddress;
    uint16_t oldPort = p.encapsulation.remotePort;
    NS_LOG_INFO("peer " << oldAddress << ":" << oldPort << " now at " << address << ":" << port);
    auto samePeer = [&p](const SecurityAssociation::Parameters& q) {
        return IsSet(q.originalRemote) == IsSet(p.originalRemote) &&
               (!IsSet(p.originalRemote) || q.originalRemote == p.originalRemote);
    };
    for (const auto& sa : m_sad->GetAll())
    {
        const SecurityAssociation::Parameters& q = sa->GetParameters();
        if (q.encapsulation.type == IpsecEncapsulation::UDP_ENCAP &&
            q.remoteAddress == oldAddress && q.encapsulation.remotePort == oldPort && samePeer(q))
        {
            sa->SetRemoteAddress(address);
            sa->SetRemotePort(port);
        }
    }
}

void
IpsecStack::FixTransportChecksum(Ptr<SecurityAssociation> sa,
                                 Bytes& segment,
                                 uint8_t protocol,
                                 Ipv4Address source,
                                 Ipv4Address destination) const
{
    std::size_t offset = protocol == kUdp ? 6 : 16;
    if (segment.size() < offset + 2)
    {
        return;
    }
    uint16_t old = static_cast<uint16_t>((segment[offset] << 8) | segment[offset + 1]);
    if (protocol == kUdp && old == 0)
    {
        return; // no UDP checksum was sent (RFC 768)
    }
    uint16_t fixed;
    if (m_transportChecksum == CHECKSUM_RECOMPUTE)
    {
        segment[offset] = 0;
        segment[offset + 1] = 0;
        uint32_t sum = SumAddress(source, SumAddress(destination));
        sum += protocol + static_cast<uint32_t>(segment.size());
        sum = SumWords(segment.data(), segment.size(), sum);
        fixed = static_cast<uint16_t>(~Fold(sum));
    }
    else
    {
        // RFC 3948 3.1.2 / RFC 1624: remove the addresses the sender used
        // (NAT-OA) and add those of the packet as it arrived.
        const SecurityAssociation::Parameters& p = sa->GetParameters();
        Ipv4Address originalSource = IsSet(p.originalRemote) ? p.originalRemote : source;
        Ipv4Address originalDestination = IsSet(p.originalLocal) ? p.originalLocal : destination;
        if (originalSource == source && originalDestination == destination)
        {
            return;
        }
        uint32_t sum = static_cast<uint16_t>(~old);
        uint32_t a = originalSource.Get();
        uint32_t b = originalDestination.Get();
        sum += static_cast<uint16_t>(~(a >> 16)) + static_cast<uint16_t>(~(a & 0xffff));
        sum += static_cast<uint16_t>(~(b >> 16)) + static_cast<uint16_t>(~(b & 0xffff));
        sum = SumAddress(source, SumAddress(destination, sum));
        fixed = static_cast<uint16_t>(~Fold(sum));
    }
    if (protocol == kUdp && fixed == 0)
    {
        fixed = 0xffff; // RFC 768: a computed zero is sent as all ones
    }
    segment[offset] = static_cast<uint8_t>(fixed >> 8);
    segment[offset + 1] = static_cast<uint8_t>(fixed);
}

void
IpsecStack::Deliver(Ptr<SecurityAssociation> sa,
                    Ptr<Packet> inner,
                    uint8_t nextHeader,
                    const Ipv4Header& outer,
                    Ptr<Ipv4Interface> incoming,
                    uint32_t sequence)
{
    const SecurityAssociation::Parameters& p = sa->GetParameters();
    if (nextHeader == kIpInIp)
    {
        Ipv4Header ih;
        if (inner->GetSize() < 20 || inner->PeekHeader(ih) == 0)
        {
            Drop(inner, MALFORMED_DROP, p.protocol);
            return;
        }
        IpsecTrafficKey key;
        key.local = ih.GetDestination();
        key.remote = ih.GetSource();
        key.protocol = ih.GetProtocol();
        PeekPorts(inner, ih.GetSerializedSize(), key, false);
        // RFC 3715 5: the inner source must be one this SA's peer was
        // given, or any peer could send as any other.
        if (m_checkTunnelSource &&
            !p.selector.remoteMask.IsMatch(ih.GetSource(), p.selector.remoteAddress))
        {
            Drop(inner, SPOOFED_SOURCE_DROP, p.protocol);
            return;
        }
        // The source half of the selector is the check above, switchable on
        // its own; this one covers destination, protocol and ports.
        IpsecSelector rest = p.selector;
        rest.remoteAddress = Ipv4Address::GetAny();
        rest.remoteMask = Ipv4Mask::GetZero();
        if (m_checkSelectors && !rest.Matches(key))
        {
            Drop(inner, SELECTOR_MISMATCH_DROP, p.protocol);
            return;
        }
        if (!m_tunnelDevice)
        {
            Drop(inner, NO_ROUTE_DROP, p.protocol);
            return;
        }
        sa->AddTraffic(inner->GetSize());
        ++m_accepted;
        m_acceptTrace(inner, sa);
        m_tunnelDevice->Receive(inner,
                                Ipv4L3Protocol::PROT_NUMBER,
                                m_tunnelDevice->GetAddress(),
                                m_tunnelDevice->GetAddress(),
                                NetDevice::PACKET_HOST);
        return;
    }
    Ipv4Address source = outer.GetSource();
    Ipv4Address destination = outer.GetDestination();
    IpsecTrafficKey key;
    key.local = destination;
    // With NAT-T the peer's address in the selectors is its original one,
    // which IKE learnt as NAT-OA (RFC 3948 / RFC 3715 2.1 i).
    key.remote = (p.encapsulation.type != IpsecEncapsulation::NONE && IsSet(p.originalRemote))
                     ? p.originalRemote
                     : source;
    key.protocol = nextHeader;
    PeekPorts(inner, 0, key, false);
    if (m_checkSelectors && !p.selector.Matches(key))
    {
        Drop(inner, SELECTOR_MISMATCH_DROP, p.protocol);
        return;
    }
    if ((nextHeader == kUdp || nextHeader == kTcp) && m_transportChecksum != CHECKSUM_VERIFY)
    {
        Bytes segment(inner->GetSize());
        inner->CopyData(segment.data(), segment.size());
        FixTransportChecksum(sa, segment, nextHeader, source, destination);
        inner = Create<Packet>(segment.data(), static_cast<uint32_t>(segment.size()));
    }
    auto it = m_l4.find(nextHeader);
    Ptr<IpL4Protocol> l4 = it != m_l4.end() ? it->second : m_ipv4->GetProtocol(nextHeader);
    if (!l4)
    {
        Drop(inner, MALFORMED_DROP, p.protocol);
        return;
    }
    Ipv4Header header = outer;
    header.SetProtocol(nextHeader);
    header.SetPayloadSize(inner->GetSize());
    // draft-stenberg 3.4: after IPsec processing, the built-in NAT's source.
    if (m_builtinNat && !m_builtinNat->Inbound(sa, inner, nextHeader, header))
    {
        return;
    }
    Ptr<Packet> copy = inner->Copy();
    IpL4Protocol::RxStatus status = l4->Receive(inner, header, incoming);
    if (status == IpL4Protocol::RX_CSUM_FAILED)
    {
        Drop(copy, L4_CHECKSUM_INVALID_DROP, p.protocol);
        return;
    }
    sa->AddTraffic(copy->GetSize());
    ++m_accepted;
    m_acceptTrace(copy, sa);
}

bool
IpsecStack::CheckPlaintext(Ptr<const Packet> packet,
                           const Ipv4Header& header,
                           Ptr<Ipv4Interface> incoming)
{
    if (!m_checkPlaintext || (incoming && incoming->GetDevice() == m_tunnelDevice))
    {
        return true;
    }
    IpsecTrafficKey key;
    key.local = header.GetDestination();
    key.remote = header.GetSource();
    key.protocol = header.GetProtocol();
    PeekPorts(packet, 0, key, false);
    if (key.protocol == kUdp && m_udpEncapsulation->IsOwnPort(key.localPort))
    {
        return true; // IKE and ESP-in-UDP: UdpEncapsulation's sockets
    }
    const IpsecPolicy* policy = m_spd->Lookup(IpsecPolicy::INBOUND, key);
    if (!policy || policy->action == IpsecPolicy::BYPASS)
    {
        return true;
    }
    Drop(packet,
         policy->action == IpsecPolicy::PROTECT ? POLICY_MISMATCH_DROP : POLICY_DISCARD_DROP,
         kNoProtocol);
    return false;
}

} // namespace ns3
