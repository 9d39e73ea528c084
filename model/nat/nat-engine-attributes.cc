/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// NatEngine's attributes and trace sources: what `--set ns3::NatEngine::*`,
// presets and NatHelper set. The behaviours' own attributes are on their
// classes; the names kept here for them are enums choosing stock objects or
// aliases (NatAttributeAlias).
#include "nat-attribute-alias.h"
#include "nat-engine-rules.h"
#include "nat-engine.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ike-ports.h"
#include "ns3/natt-enum-accessor.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace
{

/**
 * A StringValue checker that also refuses text \p valid rejects. ns-3's
 * StringChecker takes any text, so a malformed rule list would pass
 * Config::SetDefaultFailSafe (and `natt --set`) and only abort the engine's
 * setter when a NatEngine is built; with this one the value is refused
 * where it is given.
 */
class SpecChecker : public StringChecker
{
  public:
    SpecChecker(bool (*valid)(const std::string&), std::string syntax)
        : m_valid(valid),
          m_syntax(std::move(syntax))
    {
    }

    bool Check(const AttributeValue& value) const override
    {
        const auto* text = dynamic_cast<const StringValue*>(&value);
        return text && m_valid(text->Get());
    }

    std::string GetValueTypeName() const override
    {
        return "ns3::StringValue";
    }

    bool HasUnderlyingTypeInformation() const override
    {
        return true;
    }

    std::string GetUnderlyingTypeInformation() const override
    {
        return m_syntax;
    }

    Ptr<AttributeValue> Create() const override
    {
        return ns3::Create<StringValue>();
    }

    bool Copy(const AttributeValue& source, AttributeValue& destination) const override
    {
        const auto* from = dynamic_cast<const StringValue*>(&source);
        auto* to = dynamic_cast<StringValue*>(&destination);
        if (!from || !to)
        {
            return false;
        }
        *to = *from;
        return true;
    }

  private:
    bool (*m_valid)(const std::string&);
    std::string m_syntax;
};

Ptr<const AttributeChecker>
MakeSpecChecker(bool (*valid)(const std::string&), const std::string& syntax)
{
    return ns3::Create<SpecChecker>(valid, syntax);
}

} // namespace

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
                          MakeEnumMethodAccessor(&NatEngine::SetMapping, &NatEngine::GetMapping),
                          MakeEnumChecker(ENDPOINT_INDEPENDENT,
                                          "EndpointIndependent",
                                          ADDRESS_DEPENDENT,
                                          "AddressDependent",
                                          ADDRESS_AND_PORT_DEPENDENT,
                                          "AddressAndPortDependent"))
            // After Mapping, for the reason PortAllocator follows PortAllocation.
            .AddAttribute("MappingBehaviour",
                          "The NatMappingBehaviour choosing which remote endpoints share a "
                          "mapping; null keeps the one Mapping chose",
                          PointerValue(),
                          MakePointerAccessor(&NatEngine::SetMappingBehaviour,
                                              &NatEngine::GetMappingBehaviour),
                          MakePointerChecker<NatMappingBehaviour>())
            .AddAttribute(
                "Filtering",
                "RFC 4787 5 filtering behaviour: which remote endpoints may send in "
                "through a mapping",
                EnumValue(ENDPOINT_INDEPENDENT),
                MakeEnumMethodAccessor(&NatEngine::SetFiltering, &NatEngine::GetFiltering),
                MakeEnumChecker(ENDPOINT_INDEPENDENT,
                                "EndpointIndependent",
                                ADDRESS_DEPENDENT,
                                "AddressDependent",
                                ADDRESS_AND_PORT_DEPENDENT,
                                "AddressAndPortDependent"))
            .AddAttribute("FilteringBehaviour",
                          "The NatFilteringBehaviour choosing who may send in through a "
                          "mapping; null keeps the one Filtering chose",
                          PointerValue(),
                          MakePointerAccessor(&NatEngine::SetFilteringBehaviour,
                                              &NatEngine::GetFilteringBehaviour),
                          MakePointerChecker<NatFilteringBehaviour>())
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
            // RFC 4787 4.3 idle times and REQ-6 refresh: the names of
            // NatMappingTimers' attributes, kept on the engine.
            .AddAttribute("UdpMappingTimeout",
                          "Idle time after which a UDP mapping expires (MappingTimers)",
                          TimeValue(Seconds(300)),
                          MakeNatAttributeAlias(&NatEngine::GetMappingTimers, "UdpMappingTimeout"),
                          MakeTimeChecker())
            .AddAttribute(
                "TcpEstablishedTimeout",
                "Idle time after which an established TCP mapping expires (MappingTimers)",
                TimeValue(Seconds(7440)),
                MakeNatAttributeAlias(&NatEngine::GetMappingTimers, "TcpEstablishedTimeout"),
                MakeTimeChecker())
            .AddAttribute(
                "TcpTransitoryTimeout",
                "Idle time of a TCP mapping whose handshake is incomplete (MappingTimers)",
                TimeValue(Seconds(240)),
                MakeNatAttributeAlias(&NatEngine::GetMappingTimers, "TcpTransitoryTimeout"),
                MakeTimeChecker())
            .AddAttribute("TcpClosingTimeout",
                          "Time a TCP mapping lives after a RST or after FINs both ways "
                          "(MappingTimers)",
                          TimeValue(Seconds(10)),
                          MakeNatAttributeAlias(&NatEngine::GetMappingTimers, "TcpClosingTimeout"),
                          MakeTimeChecker())
            .AddAttribute("IcmpMappingTimeout",
                          "Idle time after which an ICMP echo mapping expires (MappingTimers)",
                          TimeValue(Seconds(60)),
                          MakeNatAttributeAlias(&NatEngine::GetMappingTimers, "IcmpMappingTimeout"),
                          MakeTimeChecker())
            .AddAttribute(
                "OtherMappingTimeout",
                "Idle time of address-only bindings and of learnt ESP SPIs (MappingTimers)",
                TimeValue(Seconds(300)),
                MakeNatAttributeAlias(&NatEngine::GetMappingTimers, "OtherMappingTimeout"),
                MakeTimeChecker())
            .AddAttribute("Refresh",
                          "Which packets restart a mapping's timer (MappingTimers)",
                          EnumValue(REFRESH_OUTBOUND),
                          MakeNatAttributeAlias(&NatEngine::GetMappingTimers, "Refresh"),
                          MakeEnumChecker(REFRESH_OUTBOUND,
                                          "Outbound",
                                          REFRESH_BIDIRECTIONAL,
                                          "Bidirectional"))
            // After the names above, so that timers given here keep their
            // own values rather than those names' defaults.
            .AddAttribute(
                "MappingTimers",
                "The NatMappingTimers giving idle times and refresh rules; null "
                "keeps the current one",
                PointerValue(),
                MakePointerAccessor(&NatEngine::SetMappingTimers, &NatEngine::GetMappingTimers),
                MakePointerChecker<NatMappingTimers>())
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
            .AddAttribute("MaxMappingsPerHost",
                          "Live mappings one inside address may hold at most, so that one host "
                          "cannot take the whole table (RFC 6888 REQ-4; 0: no limit)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&NatEngine::m_maxMappingsPerHost),
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
                MakeSpecChecker(&natrules::IsValidPortForwarding,
                                "proto/port=address[:port] words"))
            .AddAttribute("AllowList",
                          "Firewall: protocols and ports that may cross, e.g. \"udp/500 "
                          "udp/4500 esp\"; empty allows everything",
                          StringValue(""),
                          MakeStringAccessor(&NatEngine::SetAllowList, &NatEngine::GetAllowList),
                          MakeSpecChecker(&natrules::IsValidAllowList, "proto[/port] words"))
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
                            "ns3::NatEngine::MappingTracedCallback")
            .AddTraceSource("MappingRebound",
                            "A mapping moved to a new external port (Rebind): before and after",
                            MakeTraceSourceAccessor(&NatEngine::m_mappingReboundTrace),
                            "ns3::NatEngine::ReboundTracedCallback");
    return tid;
}

std::string
NatEngine::GetOverridingAttribute(TypeId tid, const std::string& attribute)
{
    // The behaviours' attributes that the engine's old names above set on
    // each behaviour it creates (aliases, or values the enum passes on).
    static const struct
    {
        const char* type;
        const char* attribute;
        const char* engine;
    } kOverridden[] = {
        {"ns3::NatMappingTimers", "UdpMappingTimeout", "UdpMappingTimeout"},
        {"ns3::NatMappingTimers", "TcpEstablishedTimeout", "TcpEstablishedTimeout"},
        {"ns3::NatMappingTimers", "TcpTransitoryTimeout", "TcpTransitoryTimeout"},
        {"ns3::NatMappingTimers", "TcpClosingTimeout", "TcpClosingTimeout"},
        {"ns3::NatMappingTimers", "IcmpMappingTimeout", "IcmpMappingTimeout"},
        {"ns3::NatMappingTimers", "OtherMappingTimeout", "OtherMappingTimeout"},
        {"ns3::NatMappingTimers", "Refresh", "Refresh"},
        {"ns3::NatFragmentHandler", "Timeout", "FragmentTimeout"},
        {"ns3::NatFragmentHandler", "MaxHeld", "MaxHeldFragments"},
        {"ns3::NatFragmentHandler", "IpIdTranslation", "IpIdTranslation"},
        {"ns3::NatFtpAlg", "Port", "FtpAlgPort"},
        {"ns3::NatSpiBlocks", "Base", "SpiBlockBase"},
        {"ns3::NatSpiBlocks", "Size", "SpiBlockSize"},
    };

    for (TypeId type = tid;; type = type.GetParent())
    {
        for (const auto& entry : kOverridden)
        {
            if (type.GetName() == entry.type && attribute == entry.attribute)
            {
                return std::string("ns3::NatEngine::") + entry.engine;
            }
        }
        if (type == type.GetParent())
        {
            return "";
        }
    }
}

} // namespace ns3
