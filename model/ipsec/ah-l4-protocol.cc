/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ah-l4-protocol.h"

#include "ipsec-stack.h"

#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-interface.h"
#include "ns3/packet.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(AhL4Protocol);

TypeId
AhL4Protocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::AhL4Protocol")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("Natt")
                            .AddConstructor<AhL4Protocol>();
    return tid;
}

void
AhL4Protocol::SetStack(Ptr<IpsecStack> stack)
{
    m_stack = stack;
}

void
AhL4Protocol::DoDispose()
{
    m_stack = nullptr;
    IpL4Protocol::DoDispose();
}

int
AhL4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

IpL4Protocol::RxStatus
AhL4Protocol::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> incomingInterface)
{
    m_stack->ReceiveAh(p, header, incomingInterface);
    return RX_OK;
}

IpL4Protocol::RxStatus
AhL4Protocol::Receive(Ptr<Packet>, const Ipv6Header&, Ptr<Ipv6Interface>)
{
    // natt's IPsec is IPv4 only (IPv6 travels inside IPv4, RFC 4891).
    return RX_ENDPOINT_UNREACH;
}

void
AhL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
AhL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
AhL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
AhL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ns3
