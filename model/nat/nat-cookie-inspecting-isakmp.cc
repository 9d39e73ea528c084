/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-cookie-inspecting-isakmp.h"

#include "ns3/isakmp-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatCookieInspectingIsakmp);

namespace
{

bool
ReadInitiatorCookie(Ptr<const Packet> udp, uint64_t& cookie)
{
    Ptr<Packet> copy = udp->Copy();
    copy->RemoveAtStart(8); // UDP header
    IsakmpHeader header;
    if (copy->PeekHeader(header) != IsakmpHeader::kSize)
    {
        return false;
    }
    cookie = header.GetInitiatorSpi();
    return true;
}

} // namespace

TypeId
NatCookieInspectingIsakmp::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatCookieInspectingIsakmp")
                            .SetParent<NatPort500Isakmp>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatCookieInspectingIsakmp>();
    return tid;
}

void
NatCookieInspectingIsakmp::LearnOutbound(Ptr<const Packet> udp, NatMappingHandle mapping)
{
    uint64_t cookie;
    if (ReadInitiatorCookie(udp, cookie))
    {
        m_cookies[cookie] = mapping;
    }
}

bool
NatCookieInspectingIsakmp::RoutesInbound() const
{
    return true;
}

bool
NatCookieInspectingIsakmp::RouteInbound(Ptr<const Packet> udp, NatMappingHandle& mapping)
{
    uint64_t cookie;
    auto it = ReadInitiatorCookie(udp, cookie) ? m_cookies.find(cookie) : m_cookies.end();
    if (it == m_cookies.end())
    {
        return false;
    }
    mapping = it->second;
    return true;
}

void
NatCookieInspectingIsakmp::Forget(const std::function<bool(NatMappingHandle)>& live)
{
    for (auto it = m_cookies.begin(); it != m_cookies.end();)
    {
        it = live(it->second) ? ++it : m_cookies.erase(it);
    }
}

} // namespace ns3
