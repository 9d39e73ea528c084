/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// NatEngine's configuration: the behaviour objects its attributes hold (and
// the old enum attributes that choose stock ones), the static forwarding
// rules and the firewall's allow-list. The packet path is in nat-engine.cc.
#include "nat-bytes.h"
#include "nat-cookie-inspecting-isakmp.h"
#include "nat-engine-rules.h"
#include "nat-engine.h"
#include "nat-ftp-alg.h"
#include "nat-payload-inspecting-isakmp.h"
#include "nat-preserve-port-allocator.h"
#include "nat-random-port-allocator.h"
#include "nat-reassemble-fragments.h"
#include "nat-table-fragments.h"

#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/uinteger.h"

#include <arpa/inet.h>
#include <cstdlib>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatEngineConfig");

namespace
{

using natbytes::kEsp;
using natbytes::kIcmp;
using natbytes::kTcp;
using natbytes::kUdp;
constexpr uint8_t kAh = 51;

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
        protocol = kAh;
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

/// One PortForwarding word, proto/externalPort=insideAddress[:insidePort].
struct ForwardRule
{
    uint8_t protocol{0};
    uint16_t external{0};
    Ipv4Address inside;
    uint16_t insidePort{0};
};

/// Parse one PortForwarding word; false if it is malformed.
bool
ParseForwardRule(const std::string& word, ForwardRule& rule)
{
    auto slash = word.find('/');
    auto equals = word.find('=');
    if (slash == std::string::npos || equals == std::string::npos || equals < slash ||
        !ParseProtocol(word.substr(0, slash), rule.protocol) ||
        !ParsePort(word.substr(slash + 1, equals - slash - 1), rule.external))
    {
        return false;
    }
    std::string target = word.substr(equals + 1);
    rule.insidePort = rule.external;
    auto colon = target.find(':');
    if (colon != std::string::npos)
    {
        if (!ParsePort(target.substr(colon + 1), rule.insidePort))
        {
            return false;
        }
        target = target.substr(0, colon);
    }
    // Ipv4Address takes any text (as 0.0.0.0 or worse): only a dotted quad is an address here.
    in_addr address;
    if (inet_pton(AF_INET, target.c_str(), &address) != 1)
    {
        return false;
    }
    rule.inside = Ipv4Address(target.c_str());
    return true;
}

/// Parse one AllowList word, proto[/port]; \p port is -1 for every port. False if malformed.
bool
ParseAllowWord(const std::string& word, uint8_t& protocol, int32_t& port)
{
    auto slash = word.find('/');
    if (!ParseProtocol(word.substr(0, slash), protocol))
    {
        return false;
    }
    port = -1;
    if (slash != std::string::npos)
    {
        uint16_t p;
        if (!ParsePort(word.substr(slash + 1), p))
        {
            return false;
        }
        port = p;
    }
    return true;
}

} // namespace

// ------------------------------------------------------------------ behaviours

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
NatEngine::SetMappingBehaviour(Ptr<NatMappingBehaviour> behaviour)
{
    if (behaviour)
    {
        m_mappingBehaviour = behaviour;
    }
}

Ptr<NatMappingBehaviour>
NatEngine::GetMappingBehaviour() const
{
    return m_mappingBehaviour;
}

void
NatEngine::SetMapping(Behaviour mapping)
{
    switch (mapping)
    {
    case ADDRESS_DEPENDENT:
        m_mappingBehaviour = CreateObject<NatAddressDependentMapping>();
        break;
    case ADDRESS_AND_PORT_DEPENDENT:
        m_mappingBehaviour = CreateObject<NatAddressAndPortDependentMapping>();
        break;
    case ENDPOINT_INDEPENDENT:
    default:
        m_mappingBehaviour = CreateObject<NatMappingBehaviour>();
        break;
    }
}

NatEngine::Behaviour
NatEngine::GetMapping() const
{
    // Most derived first: a custom behaviour reports the stock one it derives from.
    if (DynamicCast<NatAddressAndPortDependentMapping>(m_mappingBehaviour))
    {
        return ADDRESS_AND_PORT_DEPENDENT;
    }
    if (DynamicCast<NatAddressDependentMapping>(m_mappingBehaviour))
    {
        return ADDRESS_DEPENDENT;
    }
    return ENDPOINT_INDEPENDENT;
}

void
NatEngine::SetFilteringBehaviour(Ptr<NatFilteringBehaviour> behaviour)
{
    if (behaviour)
    {
        m_filteringBehaviour = behaviour;
    }
}

Ptr<NatFilteringBehaviour>
NatEngine::GetFilteringBehaviour() const
{
    return m_filteringBehaviour;
}

void
NatEngine::SetFiltering(Behaviour filtering)
{
    switch (filtering)
    {
    case ADDRESS_DEPENDENT:
        m_filteringBehaviour = CreateObject<NatAddressDependentFiltering>();
        break;
    case ADDRESS_AND_PORT_DEPENDENT:
        m_filteringBehaviour = CreateObject<NatAddressAndPortDependentFiltering>();
        break;
    case ENDPOINT_INDEPENDENT:
    default:
        m_filteringBehaviour = CreateObject<NatFilteringBehaviour>();
        break;
    }
}

NatEngine::Behaviour
NatEngine::GetFiltering() const
{
    if (DynamicCast<NatAddressAndPortDependentFiltering>(m_filteringBehaviour))
    {
        return ADDRESS_AND_PORT_DEPENDENT;
    }
    if (DynamicCast<NatAddressDependentFiltering>(m_filteringBehaviour))
    {
        return ADDRESS_DEPENDENT;
    }
    return ENDPOINT_INDEPENDENT;
}

void
NatEngine::SetMappingTimers(Ptr<NatMappingTimers> timers)
{
    if (timers)
    {
        m_table.SetTimers(timers);
    }
}

Ptr<NatMappingTimers>
NatEngine::GetMappingTimers() const
{
    return m_table.GetTimers();
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

// ------------------------------------------------------------------ configuration

bool
natrules::IsValidPortForwarding(const std::string& spec)
{
    ForwardRule rule;
    for (const auto& word : SplitWords(spec))
    {
        if (!ParseForwardRule(word, rule))
        {
            return false;
        }
    }
    return true;
}

void
NatEngine::SetPortForwarding(std::string spec)
{
    // Each word: proto/externalPort=insideAddress[:insidePort]. The attribute's
    // checker refuses a malformed spec before it gets here.
    m_forwards.clear();
    m_forwardsByInside.clear();
    m_portForwardingSpec = spec;
    for (const auto& word : SplitWords(spec))
    {
        ForwardRule rule;
        NS_ABORT_MSG_UNLESS(ParseForwardRule(word, rule),
                            "NatEngine::PortForwarding: '" << word
                                                           << "' is not proto/port=address[:port]");
        AddPortForward(rule.protocol, rule.external, rule.inside, rule.insidePort);
    }
}

std::string
NatEngine::GetPortForwarding() const
{
    return m_portForwardingSpec;
}

bool
natrules::IsValidAllowList(const std::string& spec)
{
    uint8_t protocol;
    int32_t port;
    for (const auto& word : SplitWords(spec))
    {
        if (!ParseAllowWord(word, protocol, port))
        {
            return false;
        }
    }
    return true;
}

void
NatEngine::SetAllowList(std::string spec)
{
    m_allowListSpec = spec;
    m_allow.clear();
    for (const auto& word : SplitWords(spec))
    {
        uint8_t protocol;
        int32_t port;
        NS_ABORT_MSG_UNLESS(ParseAllowWord(word, protocol, port),
                            "NatEngine::AllowList: '" << word << "' is not proto[/port]");
        m_allow.emplace_back(protocol, port);
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

} // namespace ns3
