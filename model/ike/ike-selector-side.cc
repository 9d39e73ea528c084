/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-selector-side.h"

#include <cstring>

namespace ns3
{

namespace
{

/// The number of leading bits \p a and \p b share: the smallest prefix holding both.
uint8_t
CommonPrefixLength(Ipv6Address a, Ipv6Address b)
{
    uint8_t x[16];
    uint8_t y[16];
    a.GetBytes(x);
    b.GetBytes(y);
    uint8_t length = 0;
    for (int k = 0; k < 16; ++k)
    {
        uint8_t diff = x[k] ^ y[k];
        if (diff == 0)
        {
            length += 8;
            continue;
        }
        while ((diff & 0x80) == 0)
        {
            diff <<= 1;
            ++length;
        }
        break;
    }
    return length;
}

/// \return <0, 0 or >0 as \p a is below, equal to or above \p b (bytes in network order)
int
Compare(Ipv6Address a, Ipv6Address b)
{
    uint8_t x[16];
    uint8_t y[16];
    a.GetBytes(x);
    b.GetBytes(y);
    return std::memcmp(x, y, 16);
}

bool
IsIpv6Range(const Ikev2TrafficSelector& ts)
{
    return ts.type == Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE;
}

} // namespace

Ikev2TrafficSelector
IkeSelectorSide::ToTrafficSelector(const IpsecSelector& selector, Side side)
{
    bool local = side == LOCAL;
    uint16_t portStart = local ? selector.localPortStart : selector.remotePortStart;
    uint16_t portEnd = local ? selector.localPortEnd : selector.remotePortEnd;
    if (selector.IsIpv6())
    {
        auto range = local ? selector.GetLocalRange6() : selector.GetRemoteRange6();
        return Ikev2TrafficSelector::Ipv6Range(range.first,
                                               range.second,
                                               selector.protocol,
                                               portStart,
                                               portEnd);
    }
    Ipv4Address address = local ? selector.localAddress : selector.remoteAddress;
    uint32_t m = (local ? selector.localMask : selector.remoteMask).Get();
    Ipv4Address start(address.Get() & m);
    Ipv4Address end((address.Get() & m) | ~m);
    return Ikev2TrafficSelector::Ipv4Range(start, end, selector.protocol, portStart, portEnd);
}

void
IkeSelectorSide::SetFromRange(IpsecSelector& selector, Side side, const Ikev2TrafficSelector& ts)
{
    if (IsIpv6Range(ts))
    {
        Ipv6Prefix prefix(CommonPrefixLength(ts.GetStartIpv6(), ts.GetEndIpv6()));
        if (side == LOCAL)
        {
            selector.SetLocal(ts.GetStartIpv6(), prefix);
        }
        else
        {
            selector.SetRemote(ts.GetStartIpv6(), prefix);
        }
        return;
    }
    selector.family = IPSEC_FAMILY_IPV4;
    uint32_t diff = ts.GetStartIpv4().Get() ^ ts.GetEndIpv4().Get();
    uint32_t bits = 0;
    while (bits < 32 && (diff >> bits) != 0)
    {
        ++bits;
    }
    uint32_t m = bits == 32 ? 0 : (0xffffffffu << bits);
    Ipv4Address address(ts.GetStartIpv4().Get() & m);
    if (side == LOCAL)
    {
        selector.localAddress = address;
        selector.localMask = Ipv4Mask(m);
    }
    else
    {
        selector.remoteAddress = address;
        selector.remoteMask = Ipv4Mask(m);
    }
}

bool
IkeSelectorSide::Meets(const IpsecSelector& selector, Side side, const Ikev2TrafficSelector& ts)
{
    if (selector.IsIpv6() != IsIpv6Range(ts))
    {
        return false;
    }
    if (selector.IsIpv6())
    {
        auto range = side == LOCAL ? selector.GetLocalRange6() : selector.GetRemoteRange6();
        return Compare(range.first, ts.GetEndIpv6()) <= 0 &&
               Compare(ts.GetStartIpv6(), range.second) <= 0;
    }
    Ipv4Address a = side == LOCAL ? selector.localAddress : selector.remoteAddress;
    Ipv4Mask m = side == LOCAL ? selector.localMask : selector.remoteMask;
    uint32_t first = a.Get() & m.Get();
    uint32_t last = first | ~m.Get();
    return first <= ts.GetEndIpv4().Get() && ts.GetStartIpv4().Get() <= last;
}

bool
IkeSelectorSide::NarrowProtocol(uint8_t ours, uint8_t theirs, uint8_t& narrowed)
{
    if (ours != 0 && theirs != 0 && ours != theirs)
    {
        return false;
    }
    narrowed = ours != 0 ? ours : theirs;
    return true;
}

bool
IkeSelectorSide::IsWithin(const IpsecSelector& inner, const IpsecSelector& outer, Side side)
{
    bool local = side == LOCAL;
    if (inner.family != outer.family)
    {
        return false;
    }
    if (inner.IsIpv6())
    {
        uint8_t innerLength = local ? inner.localPrefixLength6 : inner.remotePrefixLength6;
        uint8_t outerLength = local ? outer.localPrefixLength6 : outer.remotePrefixLength6;
        return innerLength >= outerLength &&
               Ipv6PrefixMatch(local ? inner.localAddress6 : inner.remoteAddress6,
                               local ? outer.localAddress6 : outer.remoteAddress6,
                               outerLength);
    }
    Ipv4Address a = local ? inner.localAddress : inner.remoteAddress;
    uint32_t am = (local ? inner.localMask : inner.remoteMask).Get();
    Ipv4Address b = local ? outer.localAddress : outer.remoteAddress;
    uint32_t bm = (local ? outer.localMask : outer.remoteMask).Get();
    return (am & bm) == bm && (a.Get() & bm) == (b.Get() & bm);
}

void
IkeSelectorSide::CopyPrefix(IpsecSelector& to, const IpsecSelector& from, Side side)
{
    to.family = from.family;
    if (side == LOCAL)
    {
        to.localAddress = from.localAddress;
        to.localMask = from.localMask;
        to.localAddress6 = from.localAddress6;
        to.localPrefixLength6 = from.localPrefixLength6;
    }
    else
    {
        to.remoteAddress = from.remoteAddress;
        to.remoteMask = from.remoteMask;
        to.remoteAddress6 = from.remoteAddress6;
        to.remotePrefixLength6 = from.remotePrefixLength6;
    }
}

std::unique_ptr<IkeIdPayload>
IkeSelectorSide::ToClientId(const IpsecSelector& selector, Side side)
{
    bool local = side == LOCAL;
    auto id = std::make_unique<IkeIdPayload>(1, true);
    if (selector.IsIpv6())
    {
        Ipv6Address address = local ? selector.localAddress6 : selector.remoteAddress6;
        uint8_t length = local ? selector.localPrefixLength6 : selector.remotePrefixLength6;
        if (length == 128)
        {
            id->SetIpv6Address(address);
        }
        else
        {
            id->SetIpv6Subnet(address, Ipv6Prefix(length));
        }
    }
    else
    {
        Ipv4Address address = local ? selector.localAddress : selector.remoteAddress;
        Ipv4Mask mask = local ? selector.localMask : selector.remoteMask;
        if (mask == Ipv4Mask("255.255.255.255"))
        {
            id->SetIpv4Address(address);
        }
        else
        {
            id->SetIpv4Subnet(address, mask);
        }
    }
    // RFC 2407 4.6.2: protocol and port of the client ID, 0 for any.
    id->SetProtocolId(selector.protocol);
    uint16_t portStart = local ? selector.localPortStart : selector.remotePortStart;
    uint16_t portEnd = local ? selector.localPortEnd : selector.remotePortEnd;
    id->SetPort(portStart == portEnd ? portStart : 0);
    return id;
}

bool
IkeSelectorSide::SetFromClientId(IpsecSelector& selector, Side side, const IkeIdPayload& id)
{
    bool local = side == LOCAL;
    if (id.GetIdType() == IkeIdPayload::ID_IPV6_ADDR ||
        id.GetIdType() == IkeIdPayload::ID_IPV6_ADDR_SUBNET)
    {
        bool host = id.GetIdType() == IkeIdPayload::ID_IPV6_ADDR;
        Ipv6Address address = host ? id.GetIpv6Address() : id.GetIpv6SubnetAddress();
        Ipv6Prefix prefix = host ? Ipv6Prefix(128) : id.GetIpv6SubnetPrefix();
        if (local)
        {
            selector.SetLocal(address, prefix);
        }
        else
        {
            selector.SetRemote(address, prefix);
        }
        return true;
    }
    const std::vector<uint8_t>& d = id.GetData();
    if (d.size() < 4)
    {
        return false;
    }
    selector.family = IPSEC_FAMILY_IPV4;
    Ipv4Address address = Ipv4Address::Deserialize(d.data());
    Ipv4Mask mask("255.255.255.255");
    if (id.GetIdType() == IkeIdPayload::ID_IPV4_ADDR_SUBNET && d.size() == 8)
    {
        mask = Ipv4Mask(Ipv4Address::Deserialize(d.data() + 4).Get());
    }
    (local ? selector.localAddress : selector.remoteAddress) = address.CombineMask(mask);
    (local ? selector.localMask : selector.remoteMask) = mask;
    return true;
}

} // namespace ns3
