/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/nat-presets.h"
#include "ns3/string.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatHelper");

namespace
{

/// \return true when Config::SetDefault changed \p name's default
bool
DefaultChanged(const TypeId& tid, const std::string& name)
{
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        return false;
    }
    return info.initialValue->SerializeToString(info.checker) !=
           info.originalInitialValue->SerializeToString(info.checker);
}

} // namespace

NatHelper::NatHelper() = default;

void
NatHelper::SetPreset(const std::string& name)
{
    NS_ABORT_MSG_IF(NatPresets::Find(name) == nullptr,
                    "unknown NAT preset '" << name << "' (known: " << NatPresets::GetNames()
                                           << ")");
    m_preset = name;
}

void
NatHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_attributes.emplace_back(name, value.Copy());
}

Ptr<NatEngine>
NatHelper::Install(Ptr<Node> node, const NetDeviceContainer& inside, Ptr<NetDevice> outside) const
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_UNLESS(ipv4, "NatHelper::Install: node " << node->GetId() << " has no IPv4 stack");
    std::vector<uint32_t> interfaces;
    for (auto it = inside.Begin(); it != inside.End(); ++it)
    {
        int32_t interface = ipv4->GetInterfaceForDevice(*it);
        NS_ABORT_MSG_IF(interface < 0,
                        "NatHelper::Install: an inside device has no IPv4 interface");
        interfaces.push_back(interface);
    }
    int32_t outsideInterface = ipv4->GetInterfaceForDevice(outside);
    NS_ABORT_MSG_IF(outsideInterface < 0,
                    "NatHelper::Install: the outside device has no IPv4 interface");
    return Install(node, interfaces, outsideInterface);
}

Ptr<NatEngine>
NatHelper::Install(Ptr<Node> node,
                   const std::vector<uint32_t>& insideInterfaces,
                   uint32_t outsideInterface) const
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_UNLESS(ipv4, "NatHelper::Install: node " << node->GetId() << " has no IPv4 stack");
    NS_ABORT_MSG_IF(node->GetObject<NatEngine>(),
                    "NatHelper::Install: node " << node->GetId() << " already has a NAT");

    ObjectFactory factory;
    factory.SetTypeId(NatEngine::GetTypeId());
    if (!m_preset.empty())
    {
        const TypeId tid = NatEngine::GetTypeId();
        for (const auto& attribute : NatPresets::Find(m_preset)->attributes)
        {
            if (!DefaultChanged(tid, attribute.first))
            {
                factory.Set(attribute.first, StringValue(attribute.second));
            }
        }
    }
    for (const auto& attribute : m_attributes)
    {
        factory.Set(attribute.first, *attribute.second);
    }
    Ptr<NatEngine> engine = factory.Create<NatEngine>();

    Ptr<NatRoutingProtocol> nat = CreateObject<NatRoutingProtocol>();
    nat->SetWrappedProtocol(ipv4->GetRoutingProtocol());
    for (uint32_t interface : insideInterfaces)
    {
        nat->AddInsideInterface(interface);
    }
    nat->SetOutsideInterface(outsideInterface);
    nat->SetEngine(engine);
    ipv4->SetRoutingProtocol(nat);
    node->AggregateObject(engine);
    NS_LOG_INFO("NAT on node " << node->GetId() << " outside " << engine->GetOutsideAddress());
    return engine;
}

Ptr<NatEngine>
NatHelper::GetEngine(Ptr<Node> node)
{
    return node->GetObject<NatEngine>();
}

} // namespace ns3
