/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-selector.h"

namespace ns3
{

namespace
{

bool
HasPorts(uint8_t protocol)
{
    return protocol == 6 || protocol == 17;
}

} // namespace

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

bool
IpsecSelector::Matches(const IpsecTrafficKey& key) const
{
    if (!localMask.IsMatch(key.local, localAddress) ||
        !remoteMask.IsMatch(key.remote, remoteAddress))
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
    auto prefixWithin = [](Ipv4Address a, Ipv4Mask am, Ipv4Address b, Ipv4Mask bm) {
        return am.GetPrefixLength() >= bm.GetPrefixLength() && bm.IsMatch(a, b);
    };
    return prefixWithin(localAddress, localMask, other.localAddress, other.localMask) &&
           prefixWithin(remoteAddress, remoteMask, other.remoteAddress, other.remoteMask) &&
           (other.protocol == 0 || other.protocol == protocol) &&
           localPortStart >= other.localPortStart && localPortEnd <= other.localPortEnd &&
           remotePortStart >= other.remotePortStart && remotePortEnd <= other.remotePortEnd;
}

bool
IpsecSelector::operator==(const IpsecSelector& other) const
{
    return localAddress == other.localAddress && localMask == other.localMask &&
           remoteAddress == other.remoteAddress && remoteMask == other.remoteMask &&
           protocol == other.protocol && localPortStart == other.localPortStart &&
           localPortEnd == other.localPortEnd && remotePortStart == other.remotePortStart &&
           remotePortEnd == other.remotePortEnd;
}

std::ostream&
operator<<(std::ostream& os, const IpsecSelector& s)
{
    os << s.localAddress << "/" << s.localMask.GetPrefixLength() << "[" << s.localPortStart << "-"
       << s.localPortEnd << "] <-> " << s.remoteAddress << "/" << s.remoteMask.GetPrefixLength()
       << "[" << s.remotePortStart << "-" << s.remotePortEnd << "] proto " << +s.protocol;
    return os;
}

} // namespace ns3
