/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-config.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"

#include <sstream>

namespace ns3
{

bool
IkeEndpoint::IsIpv6() const
{
    return Ipv6Address::IsMatchingType(address);
}

Ipv4Address
IkeEndpoint::GetIpv4() const
{
    NS_ABORT_MSG_UNLESS(Ipv4Address::IsMatchingType(address), "not an IPv4 endpoint");
    return Ipv4Address::ConvertFrom(address);
}

Ipv6Address
IkeEndpoint::GetIpv6() const
{
    NS_ABORT_MSG_UNLESS(IsIpv6(), "not an IPv6 endpoint");
    return Ipv6Address::ConvertFrom(address);
}

bool
IkeEndpoint::IsAny() const
{
    return IsIpv6() ? GetIpv6().IsAny() : GetIpv4().IsAny();
}

std::vector<uint8_t>
IkeEndpoint::GetAddressBytes() const
{
    std::vector<uint8_t> bytes(address.GetLength());
    address.CopyTo(bytes.data());
    return bytes;
}

Address
IkeEndpoint::GetSocketAddress() const
{
    if (IsIpv6())
    {
        return Inet6SocketAddress(GetIpv6(), port);
    }
    return InetSocketAddress(GetIpv4(), port);
}

IkeEndpoint
IkeEndpoint::FromSocketAddress(const Address& socketAddress)
{
    IkeEndpoint endpoint;
    if (Inet6SocketAddress::IsMatchingType(socketAddress))
    {
        Inet6SocketAddress inet6 = Inet6SocketAddress::ConvertFrom(socketAddress);
        endpoint.address = inet6.GetIpv6();
        endpoint.port = inet6.GetPort();
        return endpoint;
    }
    InetSocketAddress inet = InetSocketAddress::ConvertFrom(socketAddress);
    endpoint.address = inet.GetIpv4();
    endpoint.port = inet.GetPort();
    return endpoint;
}

std::ostream&
operator<<(std::ostream& os, const IkeEndpoint& endpoint)
{
    if (endpoint.IsIpv6())
    {
        // RFC 5952 6: brackets keep the port apart from the address.
        return os << "[" << endpoint.GetIpv6() << "]:" << endpoint.port;
    }
    return os << endpoint.GetIpv4() << ":" << endpoint.port;
}

IkeIdentity
IkeIdentity::Ipv4(Ipv4Address address)
{
    IkeIdentity id;
    id.type = IkeIdPayload::ID_IPV4_ADDR;
    id.data.resize(4);
    address.Serialize(id.data.data());
    return id;
}

IkeIdentity
IkeIdentity::Ipv6(Ipv6Address address)
{
    IkeIdentity id;
    id.type = IkeIdPayload::ID_IPV6_ADDR;
    id.data.resize(16);
    address.Serialize(id.data.data());
    return id;
}

IkeIdentity
IkeIdentity::OfAddress(const IkeEndpoint& endpoint)
{
    return endpoint.IsIpv6() ? Ipv6(endpoint.GetIpv6()) : Ipv4(endpoint.GetIpv4());
}

bool
IkeIdentity::IsSingleAddress() const
{
    return type == IkeIdPayload::ID_IPV4_ADDR || type == IkeIdPayload::ID_IPV6_ADDR;
}

IkeIdentity
IkeIdentity::Fqdn(const std::string& name)
{
    IkeIdentity id;
    id.type = IkeIdPayload::ID_FQDN;
    id.data.assign(name.begin(), name.end());
    return id;
}

IkeIdentity
IkeIdentity::UserFqdn(const std::string& name)
{
    IkeIdentity id;
    id.type = IkeIdPayload::ID_USER_FQDN;
    id.data.assign(name.begin(), name.end());
    return id;
}

IkeIdentity
IkeIdentity::KeyId(const std::vector<uint8_t>& keyId)
{
    IkeIdentity id;
    id.type = IkeIdPayload::ID_KEY_ID;
    id.data = keyId;
    return id;
}

bool
IkeIdentity::operator==(const IkeIdentity& other) const
{
    return type == other.type && data == other.data;
}

std::string
IkeIdentity::ToString() const
{
    std::ostringstream os;
    if (type == IkeIdPayload::ID_IPV4_ADDR && data.size() == 4)
    {
        os << Ipv4Address::Deserialize(data.data());
    }
    else if (type == IkeIdPayload::ID_IPV6_ADDR && data.size() == 16)
    {
        os << Ipv6Address::Deserialize(data.data());
    }
    else if (type == IkeIdPayload::ID_FQDN || type == IkeIdPayload::ID_USER_FQDN)
    {
        os << std::string(data.begin(), data.end());
    }
    else
    {
        os << "type" << +type << ":" << data.size() << "bytes";
    }
    return os.str();
}

bool
IkeProposal::operator==(const IkeProposal& other) const
{
    return encryption == other.encryption && encryptionKeyBits == other.encryptionKeyBits &&
           prf == other.prf && integrity == other.integrity && dhGroup == other.dhGroup;
}

} // namespace ns3
