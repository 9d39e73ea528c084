/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-selector.h"

namespace ns3
{

// SADs hold thousands of selectors; the IPv6 part must not double them.
static_assert(sizeof(IpsecSelector) <= 72, "IpsecSelector grew");

namespace
{

bool
HasPorts(uint8_t protocol)
{
    return protocol == 6 || protocol == 17;
}

/// \p address with every bit after the first \p length set to \p fill.
Ipv6Address
FillHostBits(Ipv6Address address, uint8_t length, bool fill)
{
    uint8_t bytes[16];
    address.GetBytes(bytes);
    for (uint32_t bit = length; bit < 128; ++bit)
    {
        uint8_t mask = static_cast<uint8_t>(0x80 >> (bit % 8));
        bytes[bit / 8] = fill ? (bytes[bit / 8] | mask) : (bytes[bit / 8] & ~mask);
    }
    return Ipv6Address(bytes);
}

} // namespace

bool
Ipv6PrefixMatch(Ipv6Address a, Ipv6Address b, uint8_t length)
{
    uint8_t x[16];
    uint8_t y[16];
    a.GetBytes(x);
    b.GetBytes(y);
    uint32_t whole = length / 8;
    for (uint32_t k = 0; k < whole && k < 16; ++k)
    {
        if (x[k] != y[k])
        {
            return false;
        }
    }
    if (whole >= 16 || length % 8 == 0)
    {
        return true;
    }
    uint8_t mask = static_cast<uint8_t>(0xff << (8 - length % 8));
    return (x[whole] & mask) == (y[whole] & mask);
}

IpsecTrafficKey
IpsecTrafficKey::ForIpv6(Ipv6Address local, Ipv6Address remote, uint8_t protocol)
{
    IpsecTrafficKey key;
    key.family = IPSEC_FAMILY_IPV6;
    key.local6 = local;
    key.remote6 = remote;
    key.protocol = protocol;
    return key;
}

bool
IpsecTrafficKey::IsIpv6() const
{
    return family == IPSEC_FAMILY_IPV6;
}

IpsecSelector
IpsecSelector::HostToHost(Ipv4Address local, Ipv4Address remote, uint8_t protocol)
{
    IpsecSelector s;
    s.localAddress = local;
    s.localMask = Ipv4Mask::GetOnes();
    s.remoteAddress = remote;
    s.remoteMask = Ipv4Mask::GetOnes();
    s.protocol = protocol;
    return s;
}

IpsecSelector
IpsecSelector::HostToHost(Ipv6Address local, Ipv6Address remote, uint8_t protocol)
{
    IpsecSelector s;
    s.SetLocal(local, Ipv6Prefix(128));
    s.SetRemote(remote, Ipv6Prefix(128));
    s.protocol = protocol;
    return s;
}

IpsecSelector
IpsecSelector::SubnetToSubnet(Ipv4Address localNet,
                              Ipv4Mask localMask,
                              Ipv4Address remoteNet,
                              Ipv4Mask remoteMask)
{
    IpsecSelector s;
    s.localAddress = localNet.CombineMask(localMask);
    s.localMask = localMask;
    s.remoteAddress = remoteNet.CombineMask(remoteMask);
    s.remoteMask = remoteMask;
    return s;
}

IpsecSelector
IpsecSelector::SubnetToSubnet(Ipv6Address localNet,
                              Ipv6Prefix localPrefix,
                              Ipv6Address remoteNet,
                              Ipv6Prefix remotePrefix)
{
    IpsecSelector s;
    s.SetLocal(localNet, localPrefix);
    s.SetRemote(remoteNet, remotePrefix);
    return s;
}

IpsecSelector
IpsecSelector::Any(IpsecFamily family)
{
    IpsecSelector s;
    s.family = family;
    return s;
}

bool
IpsecSelector::IsIpv6() const
{
    return family == IPSEC_FAMILY_IPV6;
}

void
IpsecSelector::SetLocal(Ipv6Address address, Ipv6Prefix prefix)
{
    family = IPSEC_FAMILY_IPV6;
    localPrefixLength6 = prefix.GetPrefixLength();
    localAddress6 = FillHostBits(address, localPrefixLength6, false);
}

void
IpsecSelector::SetRemote(Ipv6Address address, Ipv6Prefix prefix)
{
    family = IPSEC_FAMILY_IPV6;
    remotePrefixLength6 = prefix.GetPrefixLength();
    remoteAddress6 = FillHostBits(address, remotePrefixLength6, false);
}

Ipv6Prefix
IpsecSelector::GetLocalPrefix6() const
{
    return Ipv6Prefix(localPrefixLength6);
}

Ipv6Prefix
IpsecSelector::GetRemotePrefix6() const
{
    return Ipv6Prefix(remotePrefixLength6);
}

std::pair<Ipv6Address, Ipv6Address>
IpsecSelector::GetLocalRange6() const
{
    return {FillHostBits(localAddress6, localPrefixLength6, false),
            FillHostBits(localAddress6, localPrefixLength6, true)};
}

std::pair<Ipv6Address, Ipv6Address>
IpsecSelector::GetRemoteRange6() const
{
    return {FillHostBits(remoteAddress6, remotePrefixLength6, false),
            FillHostBits(remoteAddress6, remotePrefixLength6, true)};
}

bool
IpsecSelector::MatchesRemote(const IpsecTrafficKey& key) const
{
    if (key.family != family)
    {
        return false;
    }
    return IsIpv6() ? Ipv6PrefixMatch(key.remote6, remoteAddress6, remotePrefixLength6)
                    : remoteMask.IsMatch(key.remote, remoteAddress);
}

IpsecSelector
IpsecSelector::WithAnyRemote() const
{
    IpsecSelector s = *this;
    s.remoteAddress = Ipv4Address::GetAny();
    s.remoteMask = Ipv4Mask::GetZero();
    s.remoteAddress6 = Ipv6Address::GetAny();
    s.remotePrefixLength6 = 0;
    return s;
}

bool
IpsecSelector::Matches(const IpsecTrafficKey& key) const
{
    if (!MatchesRemote(key))
    {
        return false;
    }
    bool local = IsIpv6() ? Ipv6PrefixMatch(key.local6, localAddress6, localPrefixLength6)
                          : localMask.IsMatch(key.local, localAddress);
    if (!local)
    {
        return false;
    }
    if (protocol != 0 && protocol != key.protocol)
    {
        return false;
    }
    if (HasPorts(key.protocol))
    {
        return key.localPort >= localPortStart && key.localPort <= localPortEnd &&
               key.remotePort >= remotePortStart && key.remotePort <= remotePortEnd;
    }
    return true;
}

bool
IpsecSelector::IsWithin(const IpsecSelector& other) const
{
    if (family != other.family)
    {
        return false;
    }
    bool addresses;
    if (IsIpv6())
    {
        auto within = [](Ipv6Address a, uint8_t al, Ipv6Address b, uint8_t bl) {
            return al >= bl && Ipv6PrefixMatch(a, b, bl);
        };
        addresses = within(localAddress6,
                           localPrefixLength6,
                           other.localAddress6,
                           other.localPrefixLength6) &&
                    within(remoteAddress6,
                           remotePrefixLength6,
                           other.remoteAddress6,
                           other.remotePrefixLength6);
    }
    else
    {
        auto within = [](Ipv4Address a, Ipv4Mask am, Ipv4Address b, Ipv4Mask bm) {
            return am.GetPrefixLength() >= bm.GetPrefixLength() && bm.IsMatch(a, b);
        };
        addresses = within(localAddress, localMask, other.localAddress, other.localMask) &&
                    within(remoteAddress, remoteMask, other.remoteAddress, other.remoteMask);
    }
    return addresses && (other.protocol == 0 || other.protocol == protocol) &&
           localPortStart >= other.localPortStart && localPortEnd <= other.localPortEnd &&
           remotePortStart >= other.remotePortStart && remotePortEnd <= other.remotePortEnd;
}

bool
IpsecSelector::operator==(const IpsecSelector& other) const
{
    bool addresses =
        family == other.family &&
        (IsIpv6() ? localAddress6 == other.localAddress6 &&
                        localPrefixLength6 == other.localPrefixLength6 &&
                        remoteAddress6 == other.remoteAddress6 &&
                        remotePrefixLength6 == other.remotePrefixLength6
                  : localAddress == other.localAddress && localMask == other.localMask &&
                        remoteAddress == other.remoteAddress && remoteMask == other.remoteMask);
    return addresses && protocol == other.protocol && localPortStart == other.localPortStart &&
           localPortEnd == other.localPortEnd && remotePortStart == other.remotePortStart &&
           remotePortEnd == other.remotePortEnd;
}

std::ostream&
operator<<(std::ostream& os, const IpsecSelector& s)
{
    if (s.IsIpv6())
    {
        os << s.localAddress6 << "/" << +s.localPrefixLength6;
    }
    else
    {
        os << s.localAddress << "/" << s.localMask.GetPrefixLength();
    }
    os << "[" << s.localPortStart << "-" << s.localPortEnd << "] <-> ";
    if (s.IsIpv6())
    {
        os << s.remoteAddress6 << "/" << +s.remotePrefixLength6;
    }
    else
    {
        os << s.remoteAddress << "/" << s.remoteMask.GetPrefixLength();
    }
    os << "[" << s.remotePortStart << "-" << s.remotePortEnd << "] proto " << +s.protocol;
    return os;
}

} // namespace ns3
