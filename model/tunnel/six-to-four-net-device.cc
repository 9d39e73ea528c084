/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "six-to-four-net-device.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SixToFourNetDevice");
NS_OBJECT_ENSURE_REGISTERED(SixToFourNetDevice);

const Ipv4Address SixToFourNetDevice::RELAY_ANYCAST("192.88.99.1");

TypeId
SixToFourNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SixToFourNetDevice")
            .SetParent<Ipv6InIpv4TunnelNetDevice>()
            .SetGroupName("Natt")
            .AddConstructor<SixToFourNetDevice>()
            .AddAttribute("Relay",
                          "IPv4 address of the 6to4 relay for native IPv6 destinations "
                          "(RFC 3068 anycast by default; 0.0.0.0: none, such packets are dropped)",
                          Ipv4AddressValue(RELAY_ANYCAST),
                          MakeIpv4AddressAccessor(&SixToFourNetDevice::m_relay),
                          MakeIpv4AddressChecker())
            .AddAttribute("CheckSource",
                          "Drop decapsulated packets whose 6to4 source does not embed the outer "
                          "IPv4 source, or whose native source did not come from the relay "
                          "(RFC 3056 5.3)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SixToFourNetDevice::m_checkSource),
                          MakeBooleanChecker())
            .AddAttribute("CheckMartians",
                          "Drop 6to4 addresses that embed a non-global IPv4 address, in and "
                          "out (RFC 3964 5.3.1)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SixToFourNetDevice::m_checkMartians),
                          MakeBooleanChecker());
    return tid;
}

SixToFourNetDevice::SixToFourNetDevice() = default;
SixToFourNetDevice::~SixToFourNetDevice() = default;

Ipv6Address
SixToFourNetDevice::GetPrefix(Ipv4Address outside)
{
    uint8_t bytes[16] = {0x20, 0x02};
    outside.Serialize(bytes + 2);
    return Ipv6Address(bytes);
}

Ipv4Address
SixToFourNetDevice::GetEmbeddedIpv4(Ipv6Address address)
{
    if (!IsSixToFour(address))
    {
        return Ipv4Address::GetAny();
    }
    uint8_t bytes[16];
    address.GetBytes(bytes);
    return Ipv4Address::Deserialize(bytes + 2);
}

bool
SixToFourNetDevice::IsGlobalIpv4(Ipv4Address address)
{
    // RFC 3964 5.3.1's list, plus RFC 6598's shared address space.
    static const std::pair<const char*, const char*> kNotGlobal[] = {
        {"0.0.0.0", "/8"},
        {"10.0.0.0", "/8"},
        {"100.64.0.0", "/10"},
        {"127.0.0.0", "/8"},
        {"169.254.0.0", "/16"},
        {"172.16.0.0", "/12"},
        {"192.168.0.0", "/16"},
        {"224.0.0.0", "/3"},
    };
    for (const auto& [network, mask] : kNotGlobal)
    {
        if (Ipv4Mask(mask).IsMatch(address, Ipv4Address(network)))
        {
            return false;
        }
    }
    return true;
}

bool
SixToFourNetDevice::IsSixToFour(Ipv6Address address)
{
    return Ipv6Prefix(16).IsMatch(address, Ipv6Address("2002::"));
}

bool
SixToFourNetDevice::IsMartian(Ipv6Address address) const
{
    return m_checkMartians && IsSixToFour(address) && !IsGlobalIpv4(GetEmbeddedIpv4(address));
}

Ipv4Address
SixToFourNetDevice::GetTunnelDestination(const Ipv6Header& inner) const
{
    Ipv6Address destination = inner.GetDestination();
    // RFC 3056 3: the pseudo-interface is no link: there is nobody to
    // send multicast or link-local traffic (neighbour discovery) to.
    if (destination.IsMulticast() || destination.IsLinkLocal() || IsMartian(destination) ||
        IsMartian(inner.GetSource()))
    {
        return Ipv4Address::GetAny();
    }
    if (IsSixToFour(destination))
    {
        return GetEmbeddedIpv4(destination); // RFC 3056 5: straight to the other 6to4 site
    }
    return m_relay; // native IPv6 through the relay (RFC 3056 5.2, RFC 3068)
}

const char*
SixToFourNetDevice::CheckInbound(const Ipv4Header& outer, const Ipv6Header& inner) const
{
    if (IsMartian(inner.GetSource()) || IsMartian(inner.GetDestination()))
    {
        return MARTIAN_DROP;
    }
    if (!m_checkSource)
    {
        return nullptr;
    }
    bool fromRelay = !m_relay.IsAny() && outer.GetSource() == m_relay;
    // RFC 3056 5.3: a 6to4 source must have come from the IPv4 address it
    // embeds (or through the relay); a native one only from the relay.
    if (!fromRelay && (!IsSixToFour(inner.GetSource()) ||
                       GetEmbeddedIpv4(inner.GetSource()) != outer.GetSource()))
    {
        return SOURCE_MISMATCH_DROP;
    }
    return nullptr;
}

} // namespace ns3
