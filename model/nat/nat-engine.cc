/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-engine.h"

#include "nat-bytes.h"
#include "nat-checksum.h"
#include "nat-cookie-inspecting-isakmp.h"
#include "nat-ftp-alg.h"
#include "nat-passthrough-routers.h"
#include "nat-payload-inspecting-isakmp.h"
#include "nat-preserve-port-allocator.h"
#include "nat-random-port-allocator.h"
#include "nat-raw-header.h"
#include "nat-reassemble-fragments.h"
#include "nat-spi-blocks.h"
#include "nat-spi-passthrough.h"
#include "nat-table-fragments.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ike-ports.h"
#include "ns3/log.h"
#include "ns3/natt-enum-accessor.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdlib>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatEngine");

NS_OBJECT_ENSURE_REGISTERED(NatEngine);

namespace
{

constexpr uint8_t kIcmp = 1;
constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;
constexpr uint8_t kEsp = 50;

constexpr uint8_t kTcpFin = 0x01;
constexpr uint8_t kTcpSyn = 0x02;
constexpr uint8_t kTcpRst = 0x04;

constexpr uint8_t kIcmpEchoReply = 0;
constexpr uint8_t kIcmpEcho = 8;

/// Upper bound on the remote endpoints remembered per mapping for filtering.
constexpr std::size_t kMaxPeersPerMapping = 64;

using natbytes::Mix;
using natbytes::Read16;
using natbytes::Read32;
using natbytes::Write16;

bool
ParseProtocol(const std::string& word, uint8_t& protocol)
{
    if (word == "udp")
    {
        protocol = kUdp;
    }
    else if (word == "tcp")
    {
        protocol = kTcp;
    }
    else if (word == "icmp")
    {
        protocol = kIcmp;
    }
    else if (word == "esp")
    {
        protocol = kEsp;
    }
    else if (word == "ah")
    {
        protocol = 51;
    }
    else
    {
        char* end = nullptr;
        unsigned long v = std::strtoul(word.c_str(), &end, 10);
        if (word.empty() || *end != '\0' || v > 255)
        {
            return false;
        }
        protocol = static_cast<uint8_t>(v);
    }
    return true;
}

std::vector<std::string>
SplitWords(const std::string& spec)
{
    std::vector<std::string> words;
    std::string word;
    for (char c : spec)
    {
        if (c == ' ' || c == ',' || c == ';')
        {
            if (!word.empty())
            {
                words.push_back(word);
            }
            word.clear();
        }
        else
        {
            word += c;
        }
    }
    if (!word.empty())
    {
        words.push_back(word);
    }
    return words;
}

bool
ParsePort(const std::string& text, uint16_t& port)
{
    char* end = nullptr;
    unsigned long v = std::strtoul(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v > 65535)
    {
        return false;
    }
    port = static_cast<uint16_t>(v);
    return true;
}

} // namespace

std::ostream&
operator<<(std::ostream& os, const NatMappingInfo& info)
{
    os << "proto " << unsigned{info.protocol} << " " << info.insideAddress << ":" << info.insidePort
       << " -> " << info.externalAddress << ":" << info.externalPort << " (remote "
       << info.remoteAddress << ":" << info.remotePort;
    if (info.spi != 0)
    {
        os << " spi 0x" << std::hex << info.spi << std::dec;
    }
    return os << ")";
}

std::size_t
NatEngine::OutKeyHash::operator()(const OutKey& k) const
{
    return Mix((uint64_t{k.insideAddress} << 32 | k.remoteAddress) ^
               Mix(uint64_t{k.insidePort} << 24 | uint64_t{k.remotePort} << 8 | k.protocol));
}

TypeId
NatEngine::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatEngine")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<NatEngine>()
            .AddAttribute("Mapping",
                          "RFC 4787 4.1 mapping behaviour: what distinguishes two mappings of "
                          "one inside endpoint",
                          EnumValue(ENDPOINT_INDEPENDENT),
                          MakeEnumMemberAccessor(&NatEngine::m_mapping),
                          MakeEnumChecker(ENDPOINT_INDEPENDENT,
                                          "EndpointIndependent",
                                          ADDRESS_DEPENDENT,
                                          "AddressDependent",
                                          ADDRESS_AND_PORT_DEPENDENT,
                                          "AddressAndPortDependent"))
            .AddAttribute("Filtering",
                          "RFC 4787 5 filtering behaviour: which remote endpoints may send in "
                          "through a mapping",
                          EnumValue(ENDPOINT_INDEPENDENT),
                          MakeEnumMemberAccessor(&NatEngine::m_filtering),
                          MakeEnumChecker(ENDPOINT_INDEPENDENT,
                                          "EndpointIndependent",
                                          ADDRESS_DEPENDENT,
                                          "AddressDependent",
                                          ADDRESS_AND_PORT_DEPENDENT,
                                          "AddressAndPortDependent"))
            .AddAttribute("PortAllocation",
                          "RFC 4787 4.2.1 external port choice: keep the inside port when "
                          "free (else sequential), the next free port, or a random free port",
                          EnumValue(PORT_PRESERVE),
                          MakeEnumMethodAccessor(&NatEngine::SetPortAllocation,
                                                 &NatEngine::GetPortAllocation),
                          MakeEnumChecker(PORT_PRESERVE,
                                          "Preserve",
                                          PORT_SEQUENTIAL,
                                          "Sequential",
                                          PORT_RANDOM,
                                          "Random"))
            // After PortAllocation, so that an allocator given here wins
            // over that attribute's default at construction.
            .AddAttribute(
                "PortAllocator",
                "The NatPortAllocator choosing external ports; null keeps the one "
                "PortAllocation chose",
                PointerValue(),
                MakePointerAccessor(&NatEngine::SetPortAllocator, &NatEngine::GetPortAllocator),
                MakePointerChecker<NatPortAllocator>())
            .AddAttribute("PortRangeMin",
                          "Lowest external port (or ICMP identifier) allocated",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&NatEngine::m_portMin),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("PortRangeMax",
                          "Highest external port (or ICMP identifier) allocated",
                          UintegerValue(65535),
                          MakeUintegerAccessor(&NatEngine::m_portMax),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Hairpinning",
                          "Whether an inside host reaches another through the outside "
                          "address (RFC 4787 6)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&NatEngine::m_hairpinning),
                          MakeBooleanChecker())
            .AddAttribute("UdpMappingTimeout",
                          "Idle time after which a UDP mapping expires (RFC 4787 REQ-5: at "
                          "least 2 min, 5 min recommended)",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&NatEngine::m_udpTimeout),
                          MakeTimeChecker())
            .AddAttribute("TcpEstablishedTimeout",
                          "Idle time after which an established TCP mapping expires "
                          "(RFC 5382 REQ-5: 2 h 4 min)",
                          TimeValue(Seconds(7440)),
                          MakeTimeAccessor(&NatEngine::m_tcpEstablishedTimeout),
                          MakeTimeChecker())
            .AddAttribute("TcpTransitoryTimeout",
                          "Idle time of a TCP mapping whose handshake is incomplete",
                          TimeValue(Seconds(240)),
                          MakeTimeAccessor(&NatEngine::m_tcpTransitoryTimeout),
                          MakeTimeChecker())
            .AddAttribute("TcpClosingTimeout",
                          "Time a TCP mapping lives after a RST or after FINs both ways",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&NatEngine::m_tcpClosingTimeout),
                          MakeTimeChecker())
            .AddAttribute("IcmpMappingTimeout",
                          "Idle time after which an ICMP echo mapping expires",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&NatEngine::m_icmpTimeout),
                          MakeTimeChecker())
            .AddAttribute("OtherMappingTimeout",
                          "Idle time of address-only bindings and of learnt ESP SPIs",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&NatEngine::m_otherTimeout),
                          MakeTimeChecker())
            .AddAttribute("Refresh",
                          "Which packets restart a mapping's timer (RFC 4787 REQ-6)",
                          EnumValue(REFRESH_OUTBOUND),
                          MakeEnumMemberAccessor(&NatEngine::m_refresh),
                          MakeEnumChecker(REFRESH_OUTBOUND,
                                          "Outbound",
                                          REFRESH_BIDIRECTIONAL,
                                          "Bidirectional"))
            .AddAttribute("OtherProtocols",
                          "Protocols other than UDP, TCP and ICMP: drop them, translate the "
                          "address only (one inside host per protocol), pass ESP "
                          "demultiplexed by SPI or by SPI block (RFC 3715 2.1 f, j), or as "
                          "one of the home routers' \"IPsec passthrough\" designs",
                          EnumValue(OTHER_DROP),
                          MakeEnumMethodAccessor(&NatEngine::SetOtherProtocols,
                                                 &NatEngine::GetOtherProtocols),
                          MakeEnumChecker(OTHER_DROP,
                                          "Drop",
                                          OTHER_ADDRESS_ONLY,
                                          "AddressOnly",
                                          OTHER_SPI_PASSTHROUGH,
                                          "SpiPassthrough",
                                          OTHER_SPI_BLOCKS,
                                          "SpiBlocks",
                                          OTHER_PASSTHROUGH_ONE_HOST,
                                          "PassthroughOneHost",
                                          OTHER_PASSTHROUGH_PER_SERVER,
                                          "PassthroughPerServer",
                                          OTHER_PASSTHROUGH_IKE_LEARNING,
                                          "PassthroughIkeLearning",
                                          OTHER_PASSTHROUGH_DISABLED,
                                          "PassthroughDisabled"))
            // Aliases of the NatSpiBlocks handler's Base and Size.
            .AddAttribute(
                "SpiBlockBase",
                "First SPI of the first SPI block the SpiBlocks mode hands to "
                "inside hosts (3Com DNAT; above the reserved 1-255 of RFC 4303)",
                UintegerValue(0x10000),
                MakeUintegerAccessor(&NatEngine::SetSpiBlockBase, &NatEngine::GetSpiBlockBase),
                MakeUintegerChecker<uint32_t>(256))
            .AddAttribute(
                "SpiBlockSize",
                "SPIs in each inside host's block (SpiBlocks mode)",
                UintegerValue(0x10000),
                MakeUintegerAccessor(&NatEngine::SetSpiBlockSize, &NatEngine::GetSpiBlockSize),
                MakeUintegerChecker<uint32_t>(1))
            // After OtherProtocols, for the reason PortAllocator follows PortAllocation.
            .AddAttribute("OtherProtocolHandler",
                          "The NatOtherProtocolHandler protocols without ports get; null "
                          "keeps the one OtherProtocols chose",
                          PointerValue(),
                          MakePointerAccessor(&NatEngine::SetOtherProtocolHandler,
                                              &NatEngine::GetOtherProtocolHandler),
                          MakePointerChecker<NatOtherProtocolHandler>())
            .AddAttribute("Isakmp",
                          "IKE on the ISAKMP port: no special case, never translate source "
                          "port 500, demultiplex by initiator cookie, or drop unknown "
                          "payloads (RFC 3715 2.2 n, o, 2.3 p)",
                          EnumValue(ISAKMP_NONE),
                          MakeEnumMethodAccessor(&NatEngine::SetIsakmp, &NatEngine::GetIsakmp),
                          MakeEnumChecker(ISAKMP_NONE,
                                          "None",
                                          ISAKMP_PORT500_SPECIAL,
                                          "Port500Special",
                                          ISAKMP_COOKIE_INSPECTING,
                                          "CookieInspecting",
                                          ISAKMP_PAYLOAD_INSPECTING,
                                          "PayloadInspecting"))
            // After Isakmp, for the reason PortAllocator follows PortAllocation.
            .AddAttribute(
                "IsakmpHandler",
                "The NatIsakmpHandler IKE on IsakmpPort gets; null keeps the one "
                "Isakmp chose",
                PointerValue(),
                MakePointerAccessor(&NatEngine::SetIsakmpHandler, &NatEngine::GetIsakmpHandler),
                MakePointerChecker<NatIsakmpHandler>())
            .AddAttribute("IsakmpPort",
                          "UDP port the Isakmp behaviour applies to",
                          UintegerValue(IKE_UDP_PORT),
                          MakeUintegerAccessor(&NatEngine::m_isakmpPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute(
                "Fragments",
                "IPv4 fragments: forward each on its own, drop all, pass first "
                "fragments only, follow a per-datagram table, or reassemble and "
                "translate (RFC 3715 2.1 l, 2.2 m)",
                EnumValue(FRAGMENTS_TABLE),
                MakeEnumMethodAccessor(&NatEngine::SetFragments, &NatEngine::GetFragments),
                MakeEnumChecker(FRAGMENTS_FORWARD,
                                "Forward",
                                FRAGMENTS_DROP,
                                "Drop",
                                FRAGMENTS_FIRST_ONLY,
                                "FirstOnly",
                                FRAGMENTS_TABLE,
                                "Table",
                                FRAGMENTS_REASSEMBLE,
                                "Reassemble"))
            .AddAttribute(
                "FragmentTimeout",
                "Lifetime of a datagram's fragment state and held fragments",
                TimeValue(Seconds(30)),
                MakeTimeAccessor(&NatEngine::SetFragmentTimeout, &NatEngine::GetFragmentTimeout),
                MakeTimeChecker())
            .AddAttribute("MaxHeldFragments",
                          "Fragments (packets) held at most while waiting for their first "
                          "fragment or for reassembly",
                          UintegerValue(256),
                          MakeUintegerAccessor(&NatEngine::SetMaxHeldFragments,
                                               &NatEngine::GetMaxHeldFragments),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "IpIdTranslation",
                "Whether outbound datagrams get a fresh IP identification, so "
                "fragments of two inside hosts cannot collide (RFC 3715 2.1 l)",
                BooleanValue(false),
                MakeBooleanAccessor(&NatEngine::SetIpIdTranslation, &NatEngine::GetIpIdTranslation),
                MakeBooleanChecker())
            // After Fragments and the three attributes forwarded to the
            // handler, so that a handler given here keeps its own.
            .AddAttribute(
                "FragmentHandler",
                "The NatFragmentHandler fragments and IP IDs get; null keeps the "
                "one Fragments chose",
                PointerValue(),
                MakePointerAccessor(&NatEngine::SetFragmentHandler, &NatEngine::GetFragmentHandler),
                MakePointerChecker<NatFragmentHandler>())
            .AddAttribute("FtpAlg",
                          "Whether the ALG rewrites FTP-like PORT commands in clear TCP",
                          BooleanValue(true),
                          MakeBooleanAccessor(&NatEngine::SetFtpAlg, &NatEngine::GetFtpAlg),
                          MakeBooleanChecker())
            .AddAttribute(
                "FtpAlgPort",
                "TCP destination port of the control connection the ALG inspects",
                UintegerValue(21),
                MakeUintegerAccessor(&NatEngine::SetFtpAlgPort, &NatEngine::GetFtpAlgPort),
                MakeUintegerChecker<uint16_t>())
            // After FtpAlg and FtpAlgPort, for the reason FragmentHandler
            // follows Fragments.
            .AddAttribute("Alg",
                          "The NatAlg that rewrites addresses in payloads; null keeps the one "
                          "FtpAlg chose",
                          PointerValue(),
                          MakePointerAccessor(&NatEngine::SetAlg, &NatEngine::GetAlg),
                          MakePointerChecker<NatAlg>())
            .AddAttribute("MaxMappings",
                          "Live mappings at most (0: no limit)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&NatEngine::m_maxMappings),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DeliverUnmatchedLocally",
                          "Whether inbound packets no mapping claims go to the NAT node's "
                          "own stack (a gateway that is also the NAT) instead of a drop",
                          BooleanValue(false),
                          MakeBooleanAccessor(&NatEngine::m_deliverUnmatchedLocally),
                          MakeBooleanChecker())
            .AddAttribute("BlockInboundToInside",
                          "Whether packets from outside addressed straight to an inside "
                          "(private) address are dropped rather than routed",
                          BooleanValue(true),
                          MakeBooleanAccessor(&NatEngine::m_blockInboundToInside),
                          MakeBooleanChecker())
            .AddAttribute("SweepInterval",
                          "Period of the sweep that expires idle mappings (lookups also "
                          "expire them); 0 disables it",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&NatEngine::m_sweepInterval),
                          MakeTimeChecker())
            .AddAttribute(
                "PortForwarding",
                "Static forwarding rules, e.g. \"udp/500=10.0.0.2:500 "
                "udp/4500=10.0.0.2\" (inside port defaults to the external one)",
                StringValue(""),
                MakeStringAccessor(&NatEngine::SetPortForwarding, &NatEngine::GetPortForwarding),
                MakeStringChecker())
            .AddAttribute("AllowList",
                          "Firewall: protocols and ports that may cross, e.g. \"udp/500 "
                          "udp/4500 esp\"; empty allows everything",
                          StringValue(""),
                          MakeStringAccessor(&NatEngine::SetAllowList, &NatEngine::GetAllowList),
                          MakeStringChecker())
            .AddTraceSource("Drop",
                            "A packet was dropped: the packet with its IPv4 header, and the reason",
                            MakeTraceSourceAccessor(&NatEngine::m_dropTrace),
                            "ns3::NatEngine::DropTracedCallback")
            .AddTraceSource("Translate",
                            "A packet was translated: original and translated headers",
                            MakeTraceSourceAccessor(&NatEngine::m_translateTrace),
                            "ns3::NatEngine::TranslateTracedCallback")
            .AddTraceSource("MappingCreated",
                            "A mapping (or ESP binding) was created, with the cause",
                            MakeTraceSourceAccessor(&NatEngine::m_mappingCreatedTrace),
                            "ns3::NatEngine::MappingTracedCallback")
            .AddTraceSource("MappingExpired",
                            "A mapping (or ESP binding) was removed, with the reason",
                            MakeTraceSourceAccessor(&NatEngine::m_mappingExpiredTrace),
                            "ns3::NatEngine::MappingTracedCallback");
    return tid;
}

NatEngine::NatEngine()
    : m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

NatEngine::~NatEngine() = default;

void
NatEngine::DoDispose()
{
    m_sweepEvent.Cancel();
    m_random = nullptr;
    m_portAllocator = nullptr;
    m_isakmpHandler = nullptr;
    m_fragmentHandler = nullptr;
    m_alg = nullptr;
    m_otherHandler = nullptr;
    Object::DoDispose();
}

void
NatEngine::SetOutsideAddress(Ipv4Address address)
{
    m_outside = address;
}

Ipv4Address
NatEngine::GetOutsideAddress() const
{
    return m_outside;
}

void
NatEngine::SetPortAllocator(Ptr<NatPortAllocator> allocator)
{
    if (allocator)
    {
        m_portAllocator = allocator;
    }
}

Ptr<NatPortAllocator>
NatEngine::GetPortAllocator() const
{
    return m_portAllocator;
}

void
NatEngine::SetPortAllocation(PortAllocation allocation)
{
    switch (allocation)
    {
    case PORT_SEQUENTIAL:
        m_portAllocator = CreateObject<NatSequentialPortAllocator>();
        break;
    case PORT_RANDOM:
        m_portAllocator = CreateObject<NatRandomPortAllocator>();
        break;
    case PORT_PRESERVE:
    default:
        m_portAllocator = CreateObject<NatPreservePortAllocator>();
        break;
    }
}

NatEngine::PortAllocation
NatEngine::GetPortAllocation() const
{
    // A custom allocator reports the stock one it derives from, else
    // Sequential (the fallback every stock allocator shares).
    if (DynamicCast<NatPreservePortAllocator>(m_portAllocator))
    {
        return PORT_PRESERVE;
    }
    if (DynamicCast<NatRandomPortAllocator>(m_portAllocator))
    {
        return PORT_RANDOM;
    }
    return PORT_SEQUENTIAL;
}

void
NatEngine::SetIsakmpHandler(Ptr<NatIsakmpHandler> handler)
{
    if (handler)
    {
        m_isakmpHandler = handler;
    }
}

Ptr<NatIsakmpHandler>
NatEngine::GetIsakmpHandler() const
{
    return m_isakmpHandler;
}

void
NatEngine::SetIsakmp(Isakmp isakmp)
{
    switch (isakmp)
    {
    case ISAKMP_PORT500_SPECIAL:
        m_isakmpHandler = CreateObject<NatPort500Isakmp>();
        break;
    case ISAKMP_COOKIE_INSPECTING:
        m_isakmpHandler = CreateObject<NatCookieInspectingIsakmp>();
        break;
    case ISAKMP_PAYLOAD_INSPECTING:
        m_isakmpHandler = CreateObject<NatPayloadInspectingIsakmp>();
        break;
    case ISAKMP_NONE:
    default:
        m_isakmpHandler = CreateObject<NatIsakmpHandler>();
        break;
    }
}

NatEngine::Isakmp
NatEngine::GetIsakmp() const
{
    // Most derived first: the cookie-inspecting handler is a port-500 one.
    if (DynamicCast<NatCookieInspectingIsakmp>(m_isakmpHandler))
    {
        return ISAKMP_COOKIE_INSPECTING;
    }
    if (DynamicCast<NatPort500Isakmp>(m_isakmpHandler))
    {
        return ISAKMP_PORT500_SPECIAL;
    }
    if (DynamicCast<NatPayloadInspectingIsakmp>(m_isakmpHandler))
    {
        return ISAKMP_PAYLOAD_INSPECTING;
    }
    return ISAKMP_NONE;
}

void
NatEngine::SetFragmentHandler(Ptr<NatFragmentHandler> handler)
{
    if (handler)
    {
        m_fragmentHandler = handler;
    }
}

Ptr<NatFragmentHandler>
NatEngine::GetFragmentHandler() const
{
    return m_fragmentHandler;
}

void
NatEngine::SetFragments(Fragments fragments)
{
    Ptr<NatFragmentHandler> handler;
    switch (fragments)
    {
    case FRAGMENTS_DROP:
        handler = CreateObject<NatDropFragments>();
        break;
    case FRAGMENTS_FIRST_ONLY:
        handler = CreateObject<NatFirstOnlyFragments>();
        break;
    case FRAGMENTS_TABLE:
        handler = CreateObject<NatTableFragments>();
        break;
    case FRAGMENTS_REASSEMBLE:
        handler = CreateObject<NatReassembleFragments>();
        break;
    case FRAGMENTS_FORWARD:
    default:
        handler = CreateObject<NatFragmentHandler>();
        break;
    }
    if (m_fragmentHandler)
    {
        // The old attributes are the engine's: they outlive a change of mode,
        // whichever order they are set in.
        handler->SetTimeout(m_fragmentHandler->GetTimeout());
        handler->SetMaxHeld(m_fragmentHandler->GetMaxHeld());
        handler->SetIpIdTranslation(m_fragmentHandler->GetIpIdTranslation());
    }
    m_fragmentHandler = handler;
}

NatEngine::Fragments
NatEngine::GetFragments() const
{
    // A custom handler reports the stock one it derives from, else Forward
    // (the base class).
    if (DynamicCast<NatDropFragments>(m_fragmentHandler))
    {
        return FRAGMENTS_DROP;
    }
    if (DynamicCast<NatFirstOnlyFragments>(m_fragmentHandler))
    {
        return FRAGMENTS_FIRST_ONLY;
    }
    if (DynamicCast<NatTableFragments>(m_fragmentHandler))
    {
        return FRAGMENTS_TABLE;
    }
    if (DynamicCast<NatReassembleFragments>(m_fragmentHandler))
    {
        return FRAGMENTS_REASSEMBLE;
    }
    return FRAGMENTS_FORWARD;
}

void
NatEngine::SetFragmentTimeout(Time timeout)
{
    m_fragmentHandler->SetTimeout(timeout);
}

Time
NatEngine::GetFragmentTimeout() const
{
    return m_fragmentHandler->GetTimeout();
}

void
NatEngine::SetMaxHeldFragments(uint32_t packets)
{
    m_fragmentHandler->SetMaxHeld(packets);
}

uint32_t
NatEngine::GetMaxHeldFragments() const
{
    return m_fragmentHandler->GetMaxHeld();
}

void
NatEngine::SetIpIdTranslation(bool translate)
{
    m_fragmentHandler->SetIpIdTranslation(translate);
}

bool
NatEngine::GetIpIdTranslation() const
{
    return m_fragmentHandler->GetIpIdTranslation();
}

void
NatEngine::SetAlg(Ptr<NatAlg> alg)
{
    if (alg)
    {
        m_alg = alg;
    }
}

Ptr<NatAlg>
NatEngine::GetAlg() const
{
    return m_alg;
}

void
NatEngine::SetFtpAlg(bool enable)
{
    if (enable && !GetFtpAlg())
    {
        m_alg = CreateObjectWithAttributes<NatFtpAlg>("Port", UintegerValue(m_ftpAlgPort));
    }
    else if (!enable && GetFtpAlg())
    {
        m_alg = CreateObject<NatAlg>();
    }
}

bool
NatEngine::GetFtpAlg() const
{
    return DynamicCast<NatFtpAlg>(m_alg) != nullptr;
}

void
NatEngine::SetFtpAlgPort(uint16_t port)
{
    // Kept for an FTP ALG that FtpAlg turns on later, as the two
    // attributes were independent.
    m_ftpAlgPort = port;
    if (Ptr<NatFtpAlg> ftp = DynamicCast<NatFtpAlg>(m_alg))
    {
        ftp->SetPort(port);
    }
}

uint16_t
NatEngine::GetFtpAlgPort() const
{
    Ptr<NatFtpAlg> ftp = DynamicCast<NatFtpAlg>(m_alg);
    return ftp ? ftp->GetPort() : m_ftpAlgPort;
}

void
NatEngine::SetOtherProtocolHandler(Ptr<NatOtherProtocolHandler> handler)
{
    if (!handler)
    {
        return;
    }
    m_otherHandler = handler;
    m_otherHandler->TraceConnectWithoutContext("BindingCreated",
                                               MakeCallback(&NatEngine::OtherBindingCreated, this));
    m_otherHandler->TraceConnectWithoutContext("BindingExpired",
                                               MakeCallback(&NatEngine::OtherBindingExpired, this));
}

Ptr<NatOtherProtocolHandler>
NatEngine::GetOtherProtocolHandler() const
{
    return m_otherHandler;
}

void
NatEngine::SetOtherProtocols(OtherProtocols other)
{
    switch (other)
    {
    case OTHER_ADDRESS_ONLY:
        SetOtherProtocolHandler(CreateObject<NatAddressOnlyHandler>());
        break;
    case OTHER_SPI_PASSTHROUGH:
        SetOtherProtocolHandler(CreateObject<NatSpiPassthrough>());
        break;
    case OTHER_SPI_BLOCKS:
        SetOtherProtocolHandler(
            CreateObjectWithAttributes<NatSpiBlocks>("Base",
                                                     UintegerValue(m_spiBlockBase),
                                                     "Size",
                                                     UintegerValue(m_spiBlockSize)));
        break;
    case OTHER_PASSTHROUGH_ONE_HOST:
        SetOtherProtocolHandler(CreateObject<NatOneHostPassthrough>());
        break;
    case OTHER_PASSTHROUGH_PER_SERVER:
        SetOtherProtocolHandler(CreateObject<NatPerServerPassthrough>());
        break;
    case OTHER_PASSTHROUGH_IKE_LEARNING:
        SetOtherProtocolHandler(CreateObject<NatIkeLearningPassthrough>());
        break;
    case OTHER_PASSTHROUGH_DISABLED:
        SetOtherProtocolHandler(CreateObject<NatPassthroughDisabled>());
        break;
    case OTHER_DROP:
    default:
        SetOtherProtocolHandler(CreateObject<NatOtherProtocolHandler>());
        break;
    }
}

NatEngine::OtherProtocols
NatEngine::GetOtherProtocols() const
{
    // Most derived first: a custom handler reads as the stock one it derives from.
    if (DynamicCast<NatPerServerPassthrough>(m_otherHandler))
    {
        return OTHER_PASSTHROUGH_PER_SERVER;
    }
    if (DynamicCast<NatOneHostPassthrough>(m_otherHandler))
    {
        return OTHER_PASSTHROUGH_ONE_HOST;
    }
    if (DynamicCast<NatIkeLearningPassthrough>(m_otherHandler))
    {
        return OTHER_PASSTHROUGH_IKE_LEARNING;
    }
    if (DynamicCast<NatPassthroughDisabled>(m_otherHandler))
    {
        return OTHER_PASSTHROUGH_DISABLED;
    }
    if (DynamicCast<NatAddressOnlyHandler>(m_otherHandler))
    {
        return OTHER_ADDRESS_ONLY;
    }
    if (DynamicCast<NatSpiPassthrough>(m_otherHandler))
    {
        return OTHER_SPI_PASSTHROUGH;
    }
    if (DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        return OTHER_SPI_BLOCKS;
    }
    return OTHER_DROP;
}

void
NatEngine::SetSpiBlockBase(uint32_t base)
{
    m_spiBlockBase = base;
    if (auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        blocks->SetAttribute("Base", UintegerValue(base));
    }
}

uint32_t
NatEngine::GetSpiBlockBase() const
{
    UintegerValue base(m_spiBlockBase);
    if (auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        blocks->GetAttribute("Base", base);
    }
    return base.Get();
}

void
NatEngine::SetSpiBlockSize(uint32_t size)
{
    m_spiBlockSize = size;
    if (auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        blocks->SetAttribute("Size", UintegerValue(size));
    }
}

uint32_t
NatEngine::GetSpiBlockSize() const
{
    UintegerValue size(m_spiBlockSize);
    if (auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler))
    {
        blocks->GetAttribute("Size", size);
    }
    return size.Get();
}

void
NatEngine::OtherBindingCreated(const NatMappingInfo& binding, const std::string& cause)
{
    NatMappingInfo info = binding;
    info.externalAddress = m_outside;
    m_mappingCreatedTrace(info, cause);
}

void
NatEngine::OtherBindingExpired(const NatMappingInfo& binding, const std::string& cause)
{
    NatMappingInfo info = binding;
    info.externalAddress = m_outside;
    m_mappingExpiredTrace(info, cause);
}

int64_t
NatEngine::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

// ------------------------------------------------------------------ names, counters

uint64_t
NatEngine::GetDropCount(const std::string& reason) const
{
    return m_drops.Get(reason);
}

NatEngine::Stats
NatEngine::GetStats() const
{
    Stats stats = m_stats;
    stats.liveMappings = m_live;
    stats.espBindingsCreated = m_otherHandler->GetBindingsCreated();
    stats.espBindingsExpired = m_otherHandler->GetBindingsExpired();
    return stats;
}

std::size_t
NatEngine::GetMappingCount() const
{
    return m_live;
}

std::vector<NatMappingInfo>
NatEngine::GetMappings() const
{
    std::vector<NatMappingInfo> out;
    for (const auto& m : m_slab)
    {
        if (m.flags & kFlagInUse)
        {
            out.push_back(Describe(m));
        }
    }
    return out;
}

void
NatEngine::Drop(Ptr<const Packet> p, const Ipv4Header& h, const char* reason)
{
    NS_LOG_LOGIC("drop " << reason << " " << h.GetSource() << " -> " << h.GetDestination()
                         << " proto " << unsigned{h.GetProtocol()});
    m_drops.Count(reason);
    ++m_stats.dropped;
    if (!m_dropTrace.IsEmpty())
    {
        // The observer's view of the drop: the packet as it arrived, its
        // IPv4 header included (a filter by protocol and ports needs both).
        Ptr<Packet> arrived = p->Copy();
        arrived->AddHeader(h);
        m_dropTrace(arrived, reason);
    }
}

// ------------------------------------------------------------------ configuration

void
NatEngine::SetPortForwarding(std::string spec)
{
    // Each word: proto/externalPort=insideAddress[:insidePort].
    m_forwards.clear();
    m_forwardsByInside.clear();
    m_portForwardingSpec = spec;
    for (const auto& word : SplitWords(spec))
    {
        auto slash = word.find('/');
        auto equals = word.find('=');
        NS_ABORT_MSG_IF(slash == std::string::npos || equals == std::string::npos || equals < slash,
                        "NatEngine::PortForwarding: '" << word
                                                       << "' is not proto/port=address[:port]");
        uint8_t protocol;
        uint16_t external;
        NS_ABORT_MSG_UNLESS(ParseProtocol(word.substr(0, slash), protocol) &&
                                ParsePort(word.substr(slash + 1, equals - slash - 1), external),
                            "NatEngine::PortForwarding: bad protocol or port in '" << word << "'");
        std::string target = word.substr(equals + 1);
        uint16_t inside = external;
        auto colon = target.find(':');
        if (colon != std::string::npos)
        {
            NS_ABORT_MSG_UNLESS(ParsePort(target.substr(colon + 1), inside),
                                "NatEngine::PortForwarding: bad inside port in '" << word << "'");
            target = target.substr(0, colon);
        }
        AddPortForward(protocol, external, Ipv4Address(target.c_str()), inside);
    }
}

std::string
NatEngine::GetPortForwarding() const
{
    return m_portForwardingSpec;
}

void
NatEngine::SetAllowList(std::string spec)
{
    m_allowListSpec = spec;
    m_allow.clear();
    for (const auto& word : SplitWords(spec))
    {
        auto slash = word.find('/');
        uint8_t protocol;
        uint16_t port = 0;
        bool ok = ParseProtocol(word.substr(0, slash), protocol);
        if (slash != std::string::npos)
        {
            ok = ok && ParsePort(word.substr(slash + 1), port);
        }
        NS_ABORT_MSG_UNLESS(ok, "NatEngine::AllowList: '" << word << "' is not proto[/port]");
        m_allow.emplace_back(protocol, slash == std::string::npos ? -1 : int32_t{port});
    }
}

std::string
NatEngine::GetAllowList() const
{
    return m_allowListSpec;
}

void
NatEngine::AddPortForward(uint8_t protocol,
                          uint16_t externalPort,
                          Ipv4Address insideAddress,
                          uint16_t insidePort)
{
    NS_LOG_FUNCTION(this << unsigned{protocol} << externalPort << insideAddress << insidePort);
    m_forwards[InKey(protocol, externalPort)] = PortForward{insideAddress.Get(), insidePort};
    m_forwardsByInside[PeerKey(insideAddress.Get(), InKey(protocol, insidePort))] = externalPort;
}

bool
NatEngine::Allowed(uint8_t protocol,
                   bool hasPorts,
                   uint16_t sourcePort,
                   uint16_t destinationPort) const
{
    if (m_allow.empty())
    {
        return true;
    }
    for (const auto& rule : m_allow)
    {
        if (rule.first != protocol)
        {
            continue;
        }
        // A rule with a port matches a packet whose ports are visible and
        // one of them is that port; a packet without visible ports (a later
        // fragment) is judged by its protocol alone.
        if (rule.second < 0 || !hasPorts || sourcePort == rule.second ||
            destinationPort == rule.second)
        {
            return true;
        }
    }
    return false;
}

// ------------------------------------------------------------------ mapping table

NatEngine::OutKey
NatEngine::MakeOutKey(uint8_t protocol,
                      uint32_t inside,
                      uint16_t insidePort,
                      uint32_t remote,
                      uint16_t remotePort) const
{
    // RFC 4787 4.1: the mapping behaviour is which parts of the remote
    // endpoint select the mapping.
    OutKey key{inside, 0, insidePort, 0, protocol};
    if (m_mapping != ENDPOINT_INDEPENDENT)
    {
        key.remoteAddress = remote;
    }
    if (m_mapping == ADDRESS_AND_PORT_DEPENDENT)
    {
        key.remotePort = remotePort;
    }
    return key;
}

int64_t
NatEngine::TimeoutOf(const Mapping& m) const
{
    switch (m.protocol)
    {
    case kUdp:
        return m_udpTimeout.GetNanoSeconds();
    case kIcmp:
        return m_icmpTimeout.GetNanoSeconds();
    case kTcp:
        if ((m.flags & kFlagRst) || ((m.flags & kFlagFinOut) && (m.flags & kFlagFinIn)))
        {
            return m_tcpClosingTimeout.GetNanoSeconds();
        }
        return (m.flags & kFlagEstablished) ? m_tcpEstablishedTimeout.GetNanoSeconds()
                                            : m_tcpTransitoryTimeout.GetNanoSeconds();
    default:
        return m_otherTimeout.GetNanoSeconds();
    }
}

bool
NatEngine::IsExpired(const Mapping& m, int64_t now) const
{
    return now - m.lastRefresh > TimeoutOf(m);
}

NatMappingInfo
NatEngine::Describe(const Mapping& m) const
{
    NatMappingInfo info;
    info.protocol = m.protocol;
    info.insideAddress = Ipv4Address(m.insideAddress);
    info.insidePort = m.insidePort;
    info.externalAddress = m_outside;
    info.externalPort = m.externalPort;
    info.remoteAddress = Ipv4Address(m.peerAddress);
    info.remotePort = m.peerPort;
    return info;
}

NatEngine::Mapping*
NatEngine::Resolve(const MappingRef& ref)
{
    if (ref.index >= m_slab.size())
    {
        return nullptr;
    }
    Mapping& m = m_slab[ref.index];
    if (!(m.flags & kFlagInUse) || m.generation != ref.generation)
    {
        return nullptr;
    }
    if (IsExpired(m, Simulator::Now().GetNanoSeconds()))
    {
        ExpireMapping(ref.index, "timeout");
        return nullptr;
    }
    return &m;
}

NatEngine::Mapping*
NatEngine::FindOutbound(const OutKey& key, uint32_t& index)
{
    auto it = m_outbound.find(key);
    if (it == m_outbound.end())
    {
        return nullptr;
    }
    index = it->second;
    if (IsExpired(m_slab[index], Simulator::Now().GetNanoSeconds()))
    {
        ExpireMapping(index, "timeout");
        return nullptr;
    }
    return &m_slab[index];
}

NatEngine::Mapping*
NatEngine::FindInbound(uint8_t protocol, uint16_t externalPort, uint32_t& index, bool& expired)
{
    expired = false;
    uint32_t key = InKey(protocol, externalPort);
    auto it = m_inbound.find(key);
    if (it == m_inbound.end())
    {
        expired = m_tombstones.count(key) > 0;
        return nullptr;
    }
    index = it->second;
    if (IsExpired(m_slab[index], Simulator::Now().GetNanoSeconds()))
    {
        ExpireMapping(index, "timeout");
        expired = true;
        return nullptr;
    }
    return &m_slab[index];
}

bool
NatEngine::PortInUse(uint8_t protocol, uint16_t port)
{
    uint32_t key = InKey(protocol, port);
    if (m_forwards.count(key))
    {
        return true;
    }
    uint32_t index;
    bool expired;
    return FindInbound(protocol, port, index, expired) != nullptr;
}

bool
NatEngine::AllocatePort(uint8_t protocol, uint32_t inside, uint16_t wanted, uint16_t& port)
{
    NatPortRequest request;
    request.protocol = protocol;
    request.insideAddress = Ipv4Address(inside);
    request.insidePort = wanted;
    request.low = std::min(m_portMin, m_portMax);
    request.high = std::max(m_portMin, m_portMax);
    request.inUse = [this, protocol](uint16_t candidate) { return PortInUse(protocol, candidate); };
    request.random = m_random;
    return m_portAllocator->Allocate(request, port);
}

uint32_t
NatEngine::CreateMapping(const OutKey& key,
                         uint16_t externalPort,
                         uint32_t peerAddress,
                         uint16_t peerPort,
                         bool open,
                         const char* cause)
{
    uint32_t index;
    if (!m_free.empty())
    {
        index = m_free.back();
        m_free.pop_back();
    }
    else
    {
        index = m_slab.size();
        m_slab.emplace_back();
    }
    Mapping& m = m_slab[index];
    m.insideAddress = key.insideAddress;
    m.keyRemoteAddress = key.remoteAddress;
    m.insidePort = key.insidePort;
    m.keyRemotePort = key.remotePort;
    m.externalPort = externalPort;
    m.protocol = key.protocol;
    m.flags = kFlagInUse | (open ? kFlagOpen : 0);
    m.peerAddress = peerAddress;
    m.peerPort = peerPort;
    m.lastRefresh = Simulator::Now().GetNanoSeconds();
    m_outbound[key] = index;
    uint32_t inKey = InKey(key.protocol, externalPort);
    m_inbound[inKey] = index;
    m_tombstones.erase(inKey);
    ++m_live;
    ++m_stats.mappingsCreated;
    NS_LOG_LOGIC("mapping created " << Describe(m));
    m_mappingCreatedTrace(Describe(m), cause);
    ScheduleSweep();
    return index;
}

void
NatEngine::ExpireMapping(uint32_t index, const std::string& reason)
{
    Mapping& m = m_slab[index];
    NatMappingInfo info = Describe(m);
    OutKey key{m.insideAddress, m.keyRemoteAddress, m.insidePort, m.keyRemotePort, m.protocol};
    auto out = m_outbound.find(key);
    if (out != m_outbound.end() && out->second == index)
    {
        m_outbound.erase(out);
    }
    uint32_t inKey = InKey(m.protocol, m.externalPort);
    auto in = m_inbound.find(inKey);
    if (in != m_inbound.end() && in->second == index)
    {
        m_inbound.erase(in);
        if (reason == "timeout")
        {
            // Remembered so that a late inbound packet is reported as
            // "mapping-expired" rather than "no-mapping" (RFC 3715 2.2 k).
            m_tombstones[inKey] = Simulator::Now().GetNanoSeconds();
        }
    }
    m.flags = 0;
    ++m.generation;
    m.morePeers.reset();
    m_free.push_back(index);
    --m_live;
    ++m_stats.mappingsExpired;
    NS_LOG_LOGIC("mapping expired (" << reason << ") " << info);
    m_mappingExpiredTrace(info, reason);
}

void
NatEngine::RememberPeer(Mapping& m, uint32_t address, uint16_t port)
{
    if (m.peerAddress == address && m.peerPort == port)
    {
        return;
    }
    if (m.peerAddress == 0)
    {
        m.peerAddress = address;
        m.peerPort = port;
        return;
    }
    if (!m.morePeers)
    {
        m.morePeers = std::make_unique<std::vector<std::pair<uint32_t, uint16_t>>>();
    }
    auto entry = std::make_pair(address, port);
    if (std::find(m.morePeers->begin(), m.morePeers->end(), entry) == m.morePeers->end() &&
        m.morePeers->size() < kMaxPeersPerMapping)
    {
        m.morePeers->push_back(entry);
    }
}

bool
NatEngine::PeerPermitted(const Mapping& m, uint32_t address, uint16_t port) const
{
    // RFC 4787 5: endpoint-independent filtering lets anyone in; the other
    // two require that the inside endpoint sent to that address (and port).
    if (m_filtering == ENDPOINT_INDEPENDENT || (m.flags & kFlagOpen))
    {
        return true;
    }
    bool portToo = m_filtering == ADDRESS_AND_PORT_DEPENDENT;
    auto matches = [&](uint32_t a, uint16_t p) { return a == address && (!portToo || p == port); };
    if (matches(m.peerAddress, m.peerPort))
    {
        return true;
    }
    if (m.morePeers)
    {
        for (const auto& peer : *m.morePeers)
        {
            if (matches(peer.first, peer.second))
            {
                return true;
            }
        }
    }
    return false;
}

void
NatEngine::ScheduleSweep()
{
    // IsExpired rather than !IsRunning: ns-3.48 renamed IsRunning IsPending.
    if (m_sweepInterval.IsStrictlyPositive() && m_sweepEvent.IsExpired())
    {
        m_sweepEvent = Simulator::Schedule(m_sweepInterval, &NatEngine::Sweep, this);
    }
}

void
NatEngine::Sweep()
{
    int64_t now = Simulator::Now().GetNanoSeconds();
    for (uint32_t index = 0; index < m_slab.size(); ++index)
    {
        if ((m_slab[index].flags & kFlagInUse) && IsExpired(m_slab[index], now))
        {
            ExpireMapping(index, "timeout");
        }
    }
    m_otherHandler->Sweep(m_otherTimeout);
    const std::function<bool(MappingRef)> live = [this](MappingRef ref) {
        return ref.index < m_slab.size() && (m_slab[ref.index].flags & kFlagInUse) &&
               m_slab[ref.index].generation == ref.generation;
    };
    m_isakmpHandler->Forget(live);
    m_alg->Forget(live);
    ExpireFragments();
    if (m_live > 0 || m_fragmentHandler->HasState() || m_otherHandler->HasBindings())
    {
        ScheduleSweep();
    }
}

void
NatEngine::Reboot()
{
    NS_LOG_FUNCTION(this);
    for (uint32_t index = 0; index < m_slab.size(); ++index)
    {
        if (m_slab[index].flags & kFlagInUse)
        {
            ExpireMapping(index, "reboot");
        }
    }
    m_slab.clear();
    m_free.clear();
    m_outbound.clear();
    m_inbound.clear();
    m_tombstones.clear();
    m_isakmpHandler->Forget([](MappingRef) { return false; });
    m_otherHandler->Reboot();
    m_fragmentHandler->Reset();
    m_alg->Forget([](MappingRef) { return false; });
}

// ------------------------------------------------------------------ ISAKMP

bool
NatEngine::IsIke(uint8_t protocol, const L4& l4) const
{
    return protocol == kUdp &&
           (l4.sourcePort == m_isakmpPort || l4.destinationPort == m_isakmpPort) &&
           m_isakmpHandler->Handles();
}

// ------------------------------------------------------------------ translation

bool
NatEngine::IsFragment(const Ipv4Header& h) const
{
    return !h.IsLastFragment() || h.GetFragmentOffset() != 0;
}

NatEngine::Verdict
NatEngine::ProcessOutbound(Ptr<Packet> packet, const Ipv4Header& header, const EmitCallback& emit)
{
    NS_LOG_FUNCTION(this << packet << header);
    Ipv4Header h = header;
    if (IsFragment(h))
    {
        ProcessFragment(OUTBOUND, packet, h, emit);
        return HANDLED;
    }
    if (Translate(OUTBOUND, packet, h, false) != TR_OK)
    {
        return HANDLED;
    }
    m_fragmentHandler->TranslateIpId(h);
    Finish(OUTBOUND, packet, h, header, true, emit);
    return HANDLED;
}

NatEngine::Verdict
NatEngine::ProcessInbound(Ptr<Packet> packet, const Ipv4Header& header, const EmitCallback& emit)
{
    NS_LOG_FUNCTION(this << packet << header);
    Ipv4Header h = header;
    if (IsFragment(h))
    {
        ProcessFragment(INBOUND, packet, h, emit);
        return HANDLED;
    }
    if (h.GetProtocol() == kIcmp && packet->GetSize() >= 8)
    {
        uint8_t type;
        packet->CopyData(&type, 1);
        if (type == kIcmpEcho)
        {
            return DELIVER_LOCALLY; // pings to the outside address: the NAT answers
        }
    }
    TranslateResult result = Translate(INBOUND, packet, h, false);
    if (result == TR_UNMATCHED)
    {
        if (m_deliverUnmatchedLocally)
        {
            return DELIVER_LOCALLY;
        }
        Drop(packet, header, NO_MAPPING_DROP);
        return HANDLED;
    }
    if (result == TR_OK)
    {
        Finish(INBOUND, packet, h, header, false, emit);
    }
    return HANDLED;
}

bool
NatEngine::ProcessInboundToInside(Ptr<const Packet> packet, const Ipv4Header& header)
{
    if (!m_blockInboundToInside)
    {
        return false;
    }
    Drop(packet, header, INSIDE_ADDRESS_DROP);
    return true;
}

void
NatEngine::Finish(Direction dir,
                  Ptr<Packet> p,
                  Ipv4Header& h,
                  const Ipv4Header& original,
                  bool mayHairpin,
                  const EmitCallback& emit)
{
    if (dir == OUTBOUND && mayHairpin && h.GetDestination() == m_outside)
    {
        // RFC 4787 6: the source is translated first, then the packet is
        // treated as if it had arrived from outside.
        if (!m_hairpinning)
        {
            Drop(p, original, HAIRPIN_DISABLED_DROP);
            return;
        }
        ++m_stats.translatedOutbound;
        m_translateTrace(p, original, h, OUTBOUND);
        Ipv4Header outside = h;
        TranslateResult result = Translate(INBOUND, p, h, false);
        if (result == TR_UNMATCHED)
        {
            Drop(p, outside, NO_MAPPING_DROP);
        }
        if (result != TR_OK)
        {
            return;
        }
        ++m_stats.hairpinned;
        ++m_stats.translatedInbound;
        m_translateTrace(p, outside, h, INBOUND);
        emit(p, h);
        return;
    }
    if (dir == OUTBOUND)
    {
        ++m_stats.translatedOutbound;
    }
    else
    {
        ++m_stats.translatedInbound;
    }
    m_translateTrace(p, original, h, dir);
    emit(p, h);
}

NatEngine::TranslateResult
NatEngine::Translate(Direction dir, Ptr<Packet> p, Ipv4Header& h, bool firstFragment)
{
    uint8_t protocol = h.GetProtocol();
    if (protocol == kUdp || protocol == kTcp || protocol == kIcmp)
    {
        return TranslatePorts(dir, p, h, firstFragment);
    }
    return TranslateOther(dir, p, h);
}

NatEngine::TranslateResult
NatEngine::TranslatePorts(Direction dir, Ptr<Packet> p, Ipv4Header& h, bool firstFragment)
{
    const Ipv4Header original = h;
    uint8_t protocol = h.GetProtocol();
    L4 l4;
    l4.length = protocol == kTcp ? 20 : 8;
    if (p->GetSize() < l4.length)
    {
        Drop(p, original, TRUNCATED_DROP);
        return TR_DROPPED;
    }
    p->CopyData(l4.bytes, l4.length);
    uint32_t portOffset;
    uint32_t checksumOffset;
    if (protocol == kIcmp)
    {
        // Only echo is translated, its identifier standing in for a port
        // (RFC 3022 2.2).
        if (l4.bytes[0] != (dir == OUTBOUND ? kIcmpEcho : kIcmpEchoReply))
        {
            Drop(p, original, ICMP_NOT_SUPPORTED_DROP);
            return TR_DROPPED;
        }
        uint16_t id = Read16(l4.bytes + 4);
        l4.sourcePort = dir == OUTBOUND ? id : 0;
        l4.destinationPort = dir == INBOUND ? id : 0;
        portOffset = 4;
        checksumOffset = 2;
    }
    else
    {
        l4.sourcePort = Read16(l4.bytes);
        l4.destinationPort = Read16(l4.bytes + 2);
        portOffset = dir == OUTBOUND ? 0 : 2;
        checksumOffset = protocol == kTcp ? 16 : 6;
    }
    if (!Allowed(protocol, true, l4.sourcePort, l4.destinationPort))
    {
        Drop(p, original, FIREWALL_DROP);
        return TR_DROPPED;
    }
    bool ike = IsIke(protocol, l4);
    if (const char* reason = ike ? m_isakmpHandler->Inspect(p) : nullptr)
    {
        Drop(p, original, reason);
        return TR_DROPPED;
    }
    int64_t now = Simulator::Now().GetNanoSeconds();
    uint8_t tcpFlags = protocol == kTcp ? l4.bytes[13] : 0;
    uint32_t index = 0;
    Mapping* m = nullptr;
    uint16_t oldPort;
    uint16_t newPort;
    Ipv4Address oldAddress;
    Ipv4Address newAddress;

    if (dir == OUTBOUND)
    {
        uint32_t inside = h.GetSource().Get();
        uint32_t remote = h.GetDestination().Get();
        bool port500 = ike && l4.sourcePort == m_isakmpPort && m_isakmpHandler->KeepsPort();
        OutKey key = MakeOutKey(protocol, inside, l4.sourcePort, remote, l4.destinationPort);
        m = FindOutbound(key, index);
        if (m == nullptr)
        {
            if (m_maxMappings != 0 && m_live >= m_maxMappings)
            {
                Drop(p, original, TABLE_FULL_DROP);
                return TR_DROPPED;
            }
            uint16_t external = 0;
            auto rule = m_forwardsByInside.find(PeerKey(inside, InKey(protocol, l4.sourcePort)));
            if (rule != m_forwardsByInside.end())
            {
                external = rule->second;
            }
            else if (port500)
            {
                // RFC 3715 2.2 o: every inside host's IKE leaves from 500.
                external = m_isakmpPort;
            }
            else if (!AllocatePort(protocol, inside, l4.sourcePort, external))
            {
                Drop(p, original, PORTS_EXHAUSTED_DROP);
                return TR_DROPPED;
            }
            index = CreateMapping(key, external, remote, l4.destinationPort, false, "outbound");
            m = &m_slab[index];
            if (protocol == kTcp && !(tcpFlags & kTcpSyn))
            {
                m->flags |= kFlagEstablished; // joined mid-connection
            }
        }
        m->lastRefresh = now;
        RememberPeer(*m, remote, l4.destinationPort);
        if (port500)
        {
            // The inbound side of port 500 belongs to whoever sent last.
            m_inbound[InKey(protocol, m->externalPort)] = index;
        }
        if (port500)
        {
            m_isakmpHandler->LearnOutbound(p, MappingRef{index, m->generation});
        }
        if (protocol == kTcp)
        {
            m->flags |= (tcpFlags & kTcpSyn) ? kFlagSynOut : 0;
            m->flags |= (tcpFlags & kTcpFin) ? kFlagFinOut : 0;
            m->flags |= (tcpFlags & kTcpRst) ? kFlagRst : 0;
        }
        m_otherHandler->NoteOutbound(protocol, Ipv4Address(inside), Ipv4Address(remote), p);
        if (protocol == kTcp)
        {
            ApplyAlg(index, p, h, l4.bytes, firstFragment);
            m = &m_slab[index]; // the ALG may have grown the slab
        }
        oldPort = l4.sourcePort;
        newPort = m->externalPort;
        oldAddress = h.GetSource();
        newAddress = m_outside;
        h.SetSource(m_outside);
    }
    else
    {
        uint32_t remote = h.GetSource().Get();
        bool expired = false;
        if (ike && l4.destinationPort == m_isakmpPort && m_isakmpHandler->RoutesInbound())
        {
            // RFC 3715 2.2 n: IKE to port 500 is routed by what the handler
            // learnt (the initiator cookie); what it cannot route has
            // nowhere to go.
            MappingRef ref;
            m = m_isakmpHandler->RouteInbound(p, ref) ? Resolve(ref) : nullptr;
            if (m == nullptr)
            {
                Drop(p, original, IKE_COOKIE_UNKNOWN_DROP);
                return TR_DROPPED;
            }
            index = ref.index;
        }
        else
        {
            m = FindInbound(protocol, l4.destinationPort, index, expired);
        }
        if (m == nullptr)
        {
            auto rule = m_forwards.find(InKey(protocol, l4.destinationPort));
            if (rule != m_forwards.end())
            {
                OutKey key = MakeOutKey(protocol,
                                        rule->second.insideAddress,
                                        rule->second.insidePort,
                                        remote,
                                        l4.sourcePort);
                uint32_t existing;
                if (FindOutbound(key, existing) != nullptr)
                {
                    ExpireMapping(existing, "replaced");
                }
                index = CreateMapping(key,
                                      l4.destinationPort,
                                      remote,
                                      l4.sourcePort,
                                      true,
                                      "forwarding-rule");
                m = &m_slab[index];
            }
            else if (expired)
            {
                Drop(p, original, MAPPING_EXPIRED_DROP);
                return TR_DROPPED;
            }
            else
            {
                return TR_UNMATCHED;
            }
        }
        if (!PeerPermitted(*m, remote, l4.sourcePort))
        {
            Drop(p, original, FILTERED_DROP);
            return TR_DROPPED;
        }
        if ((m->flags & kFlagOpen) && m_mapping == ADDRESS_AND_PORT_DEPENDENT &&
            m->keyRemotePort == 0)
        {
            // An ALG mapping opened before the remote port was known: the
            // first packet in names it, so the inside host's answers find
            // this mapping rather than making a new one.
            OutKey old{m->insideAddress,
                       m->keyRemoteAddress,
                       m->insidePort,
                       m->keyRemotePort,
                       m->protocol};
            OutKey rekeyed =
                MakeOutKey(m->protocol, m->insideAddress, m->insidePort, remote, l4.sourcePort);
            if (m_outbound.count(rekeyed) == 0)
            {
                auto it = m_outbound.find(old);
                if (it != m_outbound.end() && it->second == index)
                {
                    m_outbound.erase(it);
                }
                m_outbound[rekeyed] = index;
                m->keyRemoteAddress = rekeyed.remoteAddress;
                m->keyRemotePort = rekeyed.remotePort;
            }
        }
        if (m_refresh == REFRESH_BIDIRECTIONAL)
        {
            m->lastRefresh = now;
        }
        if (protocol == kTcp)
        {
            m->flags |= (tcpFlags & kTcpSyn) ? kFlagSynIn : 0;
            m->flags |= (tcpFlags & kTcpFin) ? kFlagFinIn : 0;
            m->flags |= (tcpFlags & kTcpRst) ? kFlagRst : 0;
            m_alg->Inbound(MappingRef{index, m->generation}, l4.bytes);
        }
        oldPort = l4.destinationPort;
        newPort = m->insidePort;
        oldAddress = h.GetDestination();
        newAddress = Ipv4Address(m->insideAddress);
        h.SetDestination(newAddress);
    }
    if (protocol == kTcp && (m->flags & kFlagSynOut) && (m->flags & kFlagSynIn))
    {
        m->flags |= kFlagEstablished;
    }

    // RFC 1624 on the bytes as received: the pseudo-header address (not for
    // ICMP, whose checksum covers only the message) and the port.
    uint16_t checksum = Read16(l4.bytes + checksumOffset);
    bool noChecksum = protocol == kUdp && checksum == 0; // RFC 768: none was sent
    if (!noChecksum)
    {
        if (protocol != kIcmp)
        {
            checksum = NatChecksum::AdjustAddress(checksum, oldAddress, newAddress);
        }
        checksum = NatChecksum::Adjust(checksum, oldPort, newPort);
        if (protocol == kUdp && checksum == 0)
        {
            checksum = 0xffff; // RFC 768: a computed zero is sent as all ones
        }
        Write16(l4.bytes + checksumOffset, checksum);
    }
    Write16(l4.bytes + portOffset, newPort);
    p->RemoveAtStart(l4.length);
    p->AddHeader(NatRawHeader(std::vector<uint8_t>(l4.bytes, l4.bytes + l4.length)));
    return TR_OK;
}

NatEngine::TranslateResult
NatEngine::TranslateOther(Direction dir, Ptr<Packet> p, Ipv4Header& h)
{
    const Ipv4Header original = h;
    if (!Allowed(h.GetProtocol(), false, 0, 0))
    {
        Drop(p, original, FIREWALL_DROP);
        return TR_DROPPED;
    }
    NatOtherPacket packet;
    packet.outbound = dir == OUTBOUND;
    packet.packet = p;
    packet.header = &h;
    packet.timeout = m_otherTimeout;
    packet.translateAddress = [this](NatOtherPacket& other) { return TranslateAddressOnly(other); };
    switch (m_otherHandler->Translate(packet))
    {
    case NatOtherPacket::DROPPED:
        Drop(p, original, packet.reason);
        return TR_DROPPED;
    case NatOtherPacket::UNMATCHED:
        return TR_UNMATCHED;
    case NatOtherPacket::TRANSLATED:
    default:
        break;
    }
    if (dir == OUTBOUND)
    {
        h.SetSource(m_outside);
        if (m_otherHandler->HasBindings())
        {
            ScheduleSweep();
        }
    }
    return TR_OK;
}

NatOtherPacket::Verdict
NatEngine::TranslateAddressOnly(NatOtherPacket& packet)
{
    // Address-only (RFC 3022 basic NAT with one outside address): the
    // protocol has no ports, so one inside host at a time holds it.
    Ipv4Header& h = *packet.header;
    uint8_t protocol = h.GetProtocol();
    int64_t now = Simulator::Now().GetNanoSeconds();
    uint32_t index;
    bool expired;
    Mapping* m = FindInbound(protocol, 0, index, expired);
    if (packet.outbound)
    {
        uint32_t inside = h.GetSource().Get();
        uint32_t remote = h.GetDestination().Get();
        if (m != nullptr && m->insideAddress != inside)
        {
            packet.reason = ADDRESS_IN_USE_DROP;
            return NatOtherPacket::DROPPED;
        }
        if (m == nullptr)
        {
            if (m_maxMappings != 0 && m_live >= m_maxMappings)
            {
                packet.reason = TABLE_FULL_DROP;
                return NatOtherPacket::DROPPED;
            }
            index = CreateMapping(OutKey{inside, 0, 0, 0, protocol},
                                  0,
                                  remote,
                                  0,
                                  false,
                                  "address-only");
            m = &m_slab[index];
        }
        m->lastRefresh = now;
        RememberPeer(*m, remote, 0);
        m_otherHandler->NoteOutbound(protocol, h.GetSource(), h.GetDestination(), packet.packet);
        return NatOtherPacket::TRANSLATED;
    }
    if (m == nullptr)
    {
        if (expired)
        {
            packet.reason = MAPPING_EXPIRED_DROP;
            return NatOtherPacket::DROPPED;
        }
        return NatOtherPacket::UNMATCHED;
    }
    if (!PeerPermitted(*m, h.GetSource().Get(), 0))
    {
        packet.reason = FILTERED_DROP;
        return NatOtherPacket::DROPPED;
    }
    if (m_refresh == REFRESH_BIDIRECTIONAL)
    {
        m->lastRefresh = now;
    }
    h.SetDestination(Ipv4Address(m->insideAddress));
    return NatOtherPacket::TRANSLATED;
}

std::pair<uint32_t, uint32_t>
NatEngine::AllocateSpiBlock(Ipv4Address inside)
{
    auto blocks = DynamicCast<NatSpiBlocks>(m_otherHandler);
    return blocks ? blocks->Allocate(inside) : std::make_pair(0u, 0u);
}

// ------------------------------------------------------------------ ALG

/// The engine's side of NatAlgContext.
class NatEngine::AlgContext : public NatAlgContext
{
  public:
    explicit AlgContext(NatEngine* engine)
        : m_engine(engine)
    {
    }

    Ipv4Address GetOutsideAddress() const override
    {
        return m_engine->m_outside;
    }

    bool OpenMapping(uint8_t protocol,
                     Ipv4Address inside,
                     uint16_t insidePort,
                     Ipv4Address remote,
                     uint16_t& externalPort) override
    {
        return m_engine->OpenAlgMapping(protocol,
                                        inside.Get(),
                                        insidePort,
                                        remote.Get(),
                                        externalPort);
    }

  private:
    NatEngine* m_engine;
};

void
NatEngine::ApplyAlg(uint32_t index, Ptr<Packet> p, Ipv4Header& h, uint8_t* tcp, bool firstFragment)
{
    AlgContext context(this);
    m_alg->Outbound(context, MappingRef{index, m_slab[index].generation}, p, h, tcp, firstFragment);
}

bool
NatEngine::OpenAlgMapping(uint8_t protocol,
                          uint32_t inside,
                          uint16_t insidePort,
                          uint32_t remote,
                          uint16_t& externalPort)
{
    OutKey key = MakeOutKey(protocol, inside, insidePort, remote, 0);
    uint32_t index;
    Mapping* m = FindOutbound(key, index);
    if (m == nullptr)
    {
        uint16_t external;
        if (!AllocatePort(protocol, inside, insidePort, external))
        {
            return false;
        }
        // The remote host opens the connection from a port of its choosing.
        index = CreateMapping(key, external, remote, 0, true, "alg");
        m = &m_slab[index];
    }
    externalPort = m->externalPort;
    return true;
}

// ------------------------------------------------------------------ fragments

/// The engine's side of NatFragmentContext: one packet's direction and emit
/// callback (none in the sweep, which only drops).
class NatEngine::FragmentContext : public NatFragmentContext
{
  public:
    FragmentContext(NatEngine* engine, Direction dir, const EmitCallback* emit)
        : m_engine(engine),
          m_dir(dir),
          m_emit(emit)
    {
    }

    bool IsOutbound() const override
    {
        return m_dir == OUTBOUND;
    }

    bool Translate(Ptr<Packet> p, Ipv4Header& h, bool firstFragment) override
    {
        const Ipv4Header original = h;
        TranslateResult result = m_engine->Translate(m_dir, p, h, firstFragment);
        if (result == TR_UNMATCHED)
        {
            m_engine->Drop(p, original, NO_MAPPING_DROP);
        }
        return result == TR_OK;
    }

    const char* TranslateLater(Ipv4Header& h) override
    {
        return m_engine->TranslateLaterFragment(m_dir, h);
    }

    void Emit(Ptr<Packet> p, Ipv4Header& h, const Ipv4Header& original, bool whole) override
    {
        NS_ASSERT_MSG(m_emit != nullptr, "a fragment handler emitted from the sweep");
        m_engine->Finish(m_dir, p, h, original, whole, *m_emit);
    }

    void Drop(Ptr<const Packet> p, const Ipv4Header& h, const char* reason) override
    {
        m_engine->Drop(p, h, reason);
    }

    void FragmentHeld() override
    {
        ++m_engine->m_stats.fragmentsHeld;
    }

    void DatagramReassembled() override
    {
        ++m_engine->m_stats.datagramsReassembled;
    }

    void ScheduleSweep() override
    {
        m_engine->ScheduleSweep();
    }

  private:
    NatEngine* m_engine;
    Direction m_dir;
    const EmitCallback* m_emit;
};

void
NatEngine::ProcessFragment(Direction dir, Ptr<Packet> p, Ipv4Header h, const EmitCallback& emit)
{
    FragmentContext context(this, dir, &emit);
    m_fragmentHandler->Process(context, p, h);
}

void
NatEngine::ExpireFragments()
{
    FragmentContext context(this, OUTBOUND, nullptr);
    m_fragmentHandler->Expire(context);
}

const char*
NatEngine::TranslateLaterFragment(Direction dir, Ipv4Header& h)
{
    uint8_t protocol = h.GetProtocol();
    if (dir == OUTBOUND)
    {
        if (!Allowed(protocol, false, 0, 0))
        {
            return FIREWALL_DROP;
        }
        h.SetSource(m_outside);
        return nullptr;
    }
    Ipv4Address guess;
    if (!m_otherHandler->LastSender(protocol, h.GetSource(), guess) ||
        !Allowed(protocol, false, 0, 0))
    {
        return FRAGMENT_UNKNOWN_DROP;
    }
    h.SetDestination(guess);
    return nullptr;
}

} // namespace ns3
