/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "variant-attributes.h"

#include "options.h"

#include "ns3/string.h"

#include <algorithm>

namespace natt
{

std::map<std::string, std::string>
UserAttributes(const RunContext& context, ns3::TypeId tid)
{
    // Config::SetDefault accepts an attribute only on the type that
    // declares it, so the user's key names that type: look along the
    // object's parents.
    std::map<std::string, std::string> found;
    for (ns3::TypeId type = tid;; type = type.GetParent())
    {
        const std::string prefix = type.GetName() + "::";
        for (auto it = context.attributes.lower_bound(prefix);
             it != context.attributes.end() && it->first.compare(0, prefix.size(), prefix) == 0;
             ++it)
        {
            std::string name = it->first.substr(prefix.size());
            if (name.find("::") == std::string::npos)
            {
                found.emplace(name, it->second);
            }
        }
        if (!type.HasParent() || type.GetParent() == type)
        {
            break;
        }
    }
    return found;
}

ns3::Ptr<ns3::AttributeValue>
VariantValue(const RunContext& context,
             ns3::TypeId tid,
             const std::string& name,
             const ns3::AttributeValue& value)
{
    std::map<std::string, std::string> user = UserAttributes(context, tid);
    auto it = user.find(name);
    if (it != user.end())
    {
        return ns3::Create<ns3::StringValue>(it->second);
    }
    return value.Copy();
}

void
SetVariantAttribute(const RunContext& context,
                    ns3::Ptr<ns3::Object> object,
                    const std::string& name,
                    const ns3::AttributeValue& value)
{
    object->SetAttribute(name, *VariantValue(context, object->GetInstanceTypeId(), name, value));
}

const std::vector<std::string>&
TrafficAttributes()
{
    // What Lab::AddUdpEcho, Lab::AddTcpBulk, spi::AddUdpStream and
    // rfc3715-g set on the applications they start (helper constructors
    // included), from the entries' parameters.
    static const std::vector<std::string> attributes{
        "ns3::UdpEchoClient::MaxPackets",     "ns3::UdpEchoClient::Interval",
        "ns3::UdpEchoClient::PacketSize",     "ns3::UdpEchoClient::RemoteAddress",
        "ns3::UdpEchoClient::RemotePort",     "ns3::UdpEchoServer::Port",
        "ns3::BulkSendApplication::Remote",   "ns3::BulkSendApplication::MaxBytes",
        "ns3::BulkSendApplication::Protocol", "ns3::PacketSink::Local",
        "ns3::PacketSink::Protocol",          "ns3::OnOffApplication::Remote",
        "ns3::OnOffApplication::Protocol",    "ns3::OnOffApplication::OnTime",
        "ns3::OnOffApplication::OffTime",     "ns3::OnOffApplication::PacketSize",
        "ns3::OnOffApplication::DataRate",    "ns3::OnOffApplication::MaxBytes",
        "natt::FtpLikeClient::Remote",        "natt::FtpLikeClient::ControlPort",
        "natt::FtpLikeClient::DataPort",      "natt::FtpLikeServer::Port",
        "natt::FtpLikeServer::DataSize",
    };
    return attributes;
}

std::map<std::string, std::string>
CheckUserAttributes(const std::vector<std::string>& sets)
{
    std::map<std::string, std::string> attributes;
    for (const auto& assignment : sets)
    {
        std::size_t eq = assignment.find('=');
        std::string key = assignment.substr(0, eq);
        if (eq == std::string::npos || key.find("::") == std::string::npos)
        {
            continue; // a scenario parameter
        }
        const auto& traffic = TrafficAttributes();
        if (std::find(traffic.begin(), traffic.end(), key) != traffic.end())
        {
            throw UsageError("--set '" + assignment + "' conflicts with the catalogue: " + key +
                             " is set by the entries from their own parameters, which also size "
                             "the run (use those; `natt describe ID` lists them)");
        }
        attributes[key] = assignment.substr(eq + 1);
    }
    return attributes;
}

} // namespace natt
