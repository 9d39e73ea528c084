/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-l4-protocol.h"

#include "ipsec-stack.h"

#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-interface.h"
#include "ns3/packet.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecL4Protocol);
NS_OBJECT_ENSURE_REGISTERED(EspL4Protocol);
NS_OBJECT_ENSURE_REGISTERED(AhL4Protocol);

TypeId
IpsecL4Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecL4Protocol").SetParent<IpL4Protocol>().SetGroupName("Natt");
    return tid;
}

void
IpsecL4Protocol::SetStack(Ptr<IpsecStack> stack)
{
    m_stack = stack;
}

Ptr<IpsecStack>
IpsecL4Protocol::GetStack() const
{
    return m_stack;
}

void
IpsecL4Protocol::DoDispose()
{
    m_stack = nullptr;
    IpL4Protocol::DoDispose();
}

void
IpsecL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
IpsecL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
IpsecL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
IpsecL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

TypeId
EspL4Protocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspL4Protocol")
                            .SetParent<IpsecL4Protocol>()
                            .SetGroupName("Natt")
                            .AddConstructor<EspL4Protocol>();
    return tid;
}

int
EspL4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet> p,
                       const Ipv4Header& header,
                       Ptr<Ipv4Interface> incomingInterface)
{
    GetStack()->ReceiveEsp(p, header, incomingInterface, IpsecEncapsulation::NONE, 0);
    return RX_OK;
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet> p,
                       const Ipv6Header& header,
                       Ptr<Ipv6Interface> incomingInterface)
{
    GetStack()->ReceiveEsp6(p, header, incomingInterface);
    return RX_OK;
}

TypeId
AhL4Protocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::AhL4Protocol")
                            .SetParent<IpsecL4Protocol>()
                            .SetGroupName("Natt")
                            .AddConstructor<AhL4Protocol>();
    return tid;
}

int
AhL4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

IpL4Protocol::RxStatus
AhL4Protocol::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> incomingInterface)
{
    GetStack()->ReceiveAh(p, header, incomingInterface);
    return RX_OK;
}

IpL4Protocol::RxStatus
AhL4Protocol::Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> incomingInterface)
{
    GetStack()->ReceiveAh6(p, header, incomingInterface);
    return RX_OK;
}

} // namespace ns3
