/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-presets.h"

#include "ns3/ike-ports.h"

#include <string>

namespace ns3
{

namespace
{

using Attributes = std::vector<std::pair<std::string, std::string>>;

/// The common NAPT: endpoint-independent mapping that keeps ports, filtering
/// by address and port, drops what has no ports, no ISAKMP special case.
Attributes
Base(const Attributes& changes)
{
    Attributes attributes{{"Mapping", "EndpointIndependent"},
                          {"Filtering", "AddressAndPortDependent"},
                          {"PortAllocation", "Preserve"},
                          {"OtherProtocols", "Drop"},
                          {"Isakmp", "None"},
                          {"Fragments", "Table"}};
    for (const auto& change : changes)
    {
        bool replaced = false;
        for (auto& attribute : attributes)
        {
            if (attribute.first == change.first)
            {
                attribute.second = change.second;
                replaced = true;
            }
        }
        if (!replaced)
        {
            attributes.push_back(change);
        }
    }
    return attributes;
}

} // namespace

const std::vector<NatPresets::Preset>&
NatPresets::GetAll()
{
    static const std::vector<Preset> presets{
        {"port-preserving",
         "NAPT keeping inside ports when free; ESP dropped (the common home router)",
         Base({})},
        {"full-cone",
         "endpoint-independent mapping and filtering (RFC 4787), ports kept, hairpinning",
         Base({{"Filtering", "EndpointIndependent"},
               {"Hairpinning", "true"},
               {"Refresh", "Bidirectional"}})},
        {"symmetric",
         "address-and-port-dependent mapping and filtering, random ports",
         Base({{"Mapping", "AddressAndPortDependent"},
               {"PortAllocation", "Random"},
               {"Hairpinning", "false"}})},
        {"esp-dropping",
         "NAPT that drops ESP, AH and every protocol without ports (RFC 3715 2.1 j)",
         Base({})},
        {"address-only",
         "protocols without ports translated by address only: one inside host at a time "
         "(RFC 3715 2.1 j)",
         Base({{"OtherProtocols", "AddressOnly"}})},
        {"spi-passthrough",
         "\"IPsec passthrough\": ESP routed by (peer, SPI), unknown inbound SPIs to the last "
         "sender (RFC 3715 2.1 f)",
         Base({{"OtherProtocols", "SpiPassthrough"}})},
        // The home routers' "IPsec passthrough" designs (Wikipedia, NAT
        // traversal): UDP 500 passes without port translation.
        {"passthrough-one-host",
         "\"IPsec passthrough\" serialised: one inside host's ESP at a time, port 500 kept",
         Base({{"OtherProtocols", "PassthroughOneHost"}, {"Isakmp", "Port500Special"}})},
        {"passthrough-per-server",
         "\"IPsec passthrough\" with one inside host per remote server, port 500 kept",
         Base({{"OtherProtocols", "PassthroughPerServer"}, {"Isakmp", "Port500Special"}})},
        {"passthrough-ike-learning",
         "\"IPsec passthrough\" learning from IKE: inbound IKE by cookie, a new inbound SPI "
         "to the host that last initiated to its server",
         Base({{"OtherProtocols", "PassthroughIkeLearning"}, {"Isakmp", "CookieInspecting"}})},
        {"passthrough-disabled",
         "\"IPsec passthrough\" switched off: ESP dropped, port 500 kept",
         Base({{"OtherProtocols", "PassthroughDisabled"}, {"Isakmp", "Port500Special"}})},
        {"port-500-special",
         "never translates source port 500: two initiators collide (RFC 3715 2.2 o)",
         Base({{"Isakmp", "Port500Special"}})},
        {"cookie-inspecting",
         "keeps port 500 and routes inbound IKE by initiator cookie (RFC 3715 2.2 n)",
         Base({{"Isakmp", "CookieInspecting"}})},
        {"payload-inspecting",
         "parses ISAKMP and drops unknown payloads (vendor ID, NAT-D) or order (RFC 3715 2.3 p)",
         Base({{"Isakmp", "PayloadInspecting"}})},
        {"fragment-dropping",
         "drops every IP fragment (RFC 3715 2.2 m)",
         Base({{"Fragments", "Drop"}})},
        {"fragment-first-only",
         "passes first fragments only, cannot translate the rest (RFC 3715 2.1 l)",
         Base({{"Fragments", "FirstOnly"}})},
        {"fragment-forwarding",
         "forwards fragments one by one without IP-ID translation (RFC 3715 2.1 l)",
         Base({{"Fragments", "Forward"}, {"IpIdTranslation", "false"}})},
        {"ip-id-translating",
         "fragments follow their first, IP IDs translated (RFC 3715 2.1 l fix)",
         Base({{"Fragments", "Table"}, {"IpIdTranslation", "true"}})},
        {"reassembling",
         "reassembles fragments before translating (RFC 3715 2.2 m fix)",
         Base({{"Fragments", "Reassemble"}, {"IpIdTranslation", "true"}})},
        {"short-timeout",
         "UDP mappings expire after 30 s idle, refreshed by outbound only (RFC 3715 2.2 k)",
         Base({{"UdpMappingTimeout", "30s"},
               {"IcmpMappingTimeout", "30s"},
               {"TcpEstablishedTimeout", "300s"},
               {"Refresh", "Outbound"}})},
        {"firewall-ike-only",
         "a NAPT that lets only UDP 500 and 4500 across (RFC 3715 3, firewall requirement)",
         Base({{"AllowList",
                "udp/" + std::to_string(IKE_UDP_PORT) + " udp/" +
                    std::to_string(IKE_NAT_T_UDP_PORT)}})},
        {"rfc4787",
         "the BEHAVE recommendations: endpoint-independent mapping, address-dependent "
         "filtering, hairpinning, IP-ID translation, reassembly",
         Base({{"Filtering", "AddressDependent"},
               {"Hairpinning", "true"},
               {"Fragments", "Reassemble"},
               {"IpIdTranslation", "true"}})},
    };
    return presets;
}

const NatPresets::Preset*
NatPresets::Find(const std::string& name)
{
    for (const auto& preset : GetAll())
    {
        if (preset.name == name)
        {
            return &preset;
        }
    }
    return nullptr;
}

std::string
NatPresets::GetNames()
{
    std::string names;
    for (const auto& preset : GetAll())
    {
        names += (names.empty() ? "" : ", ") + preset.name;
    }
    return names;
}

} // namespace ns3
