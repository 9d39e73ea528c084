/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-config.h"

#include <sstream>

namespace ns3
{

std::ostream&
operator<<(std::ostream& os, const IkeEndpoint& endpoint)
{
    return os << endpoint.address << ":" << endpoint.port;
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
