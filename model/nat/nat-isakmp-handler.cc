/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-isakmp-handler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatIsakmpHandler);
NS_OBJECT_ENSURE_REGISTERED(NatPort500Isakmp);

TypeId
NatIsakmpHandler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatIsakmpHandler")
                            .SetParent<Object>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatIsakmpHandler>();
    return tid;
}

NatIsakmpHandler::NatIsakmpHandler() = default;

NatIsakmpHandler::~NatIsakmpHandler() = default;

bool
NatIsakmpHandler::Handles() const
{
    return false;
}

const char*
NatIsakmpHandler::Inspect(Ptr<const Packet> udp)
{
    return nullptr;
}

bool
NatIsakmpHandler::KeepsPort() const
{
    return false;
}

void
NatIsakmpHandler::LearnOutbound(Ptr<const Packet> udp, NatMappingHandle mapping)
{
}

bool
NatIsakmpHandler::RoutesInbound() const
{
    return false;
}

bool
NatIsakmpHandler::RouteInbound(Ptr<const Packet> udp, NatMappingHandle& mapping)
{
    return false;
}

void
NatIsakmpHandler::Forget(const std::function<bool(NatMappingHandle)>& live)
{
}

TypeId
NatPort500Isakmp::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatPort500Isakmp")
                            .SetParent<NatIsakmpHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatPort500Isakmp>();
    return tid;
}

bool
NatPort500Isakmp::Handles() const
{
    return true;
}

bool
NatPort500Isakmp::KeepsPort() const
{
    return true;
}

} // namespace ns3
