/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-l4-protocol.h"

#include "ipsec-stack.h"

#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-interface.h"
#include "ns3/packet.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(EspL4Protocol);

TypeId
EspL4Protocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspL4Protocol")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("Natt")
                            .AddConstructor<EspL4Protocol>();
    return tid;
}

void
EspL4Protocol::SetStack(Ptr<IpsecStack> stack)
{
    m_stack = stack;
}

void
EspL4Protocol::DoDispose()
{
    m_stack = nullptr;
    IpL4Protocol::DoDispose();
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
    m_stack->ReceiveEsp(p, header, incomingInterface, IpsecEncapsulation::NONE, 0);
    return RX_OK;
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet>, const Ipv6Header&, Ptr<Ipv6Interface>)
{
    // natt's IPsec is IPv4 only (IPv6 travels inside IPv4, RFC 4891).
    return RX_ENDPOINT_UNREACH;
}

void
EspL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
EspL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
EspL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
EspL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ns3
