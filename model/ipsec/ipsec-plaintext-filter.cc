/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-plaintext-filter.h"

#include "ipsec-stack.h"

#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-interface.h"
#include "ns3/packet.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecPlaintextFilter);

TypeId
IpsecPlaintextFilter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecPlaintextFilter")
            .SetParent<IpL4Protocol>()
            .SetGroupName("Natt")
            .AddConstructor<IpsecPlaintextFilter>()
            .AddTraceSource("ChecksumFailure",
                            "The protocol refused a plaintext packet because "
                            "its checksum did not verify",
                            MakeTraceSourceAccessor(&IpsecPlaintextFilter::m_checksumFailureTrace),
                            "ns3::IpsecPlaintextFilter::ChecksumFailureTracedCallback");
    return tid;
}

void
IpsecPlaintextFilter::Setup(Ptr<IpsecStack> stack, Ptr<IpL4Protocol> protocol)
{
    m_stack = stack;
    m_protocol = protocol;
}

Ptr<IpL4Protocol>
IpsecPlaintextFilter::GetProtocol() const
{
    return m_protocol;
}

void
IpsecPlaintextFilter::DoDispose()
{
    m_stack = nullptr;
    m_protocol = nullptr;
    IpL4Protocol::DoDispose();
}

int
IpsecPlaintextFilter::GetProtocolNumber() const
{
    return m_protocol->GetProtocolNumber();
}

IpL4Protocol::RxStatus
IpsecPlaintextFilter::Receive(Ptr<Packet> p,
                              const Ipv4Header& header,
                              Ptr<Ipv4Interface> incomingInterface)
{
    if (!m_stack->CheckPlaintext(p, header, incomingInterface))
    {
        return RX_OK; // dropped and counted by the stack
    }
    Ptr<Packet> copy = m_checksumFailureTrace.IsEmpty() ? nullptr : p->Copy();
    RxStatus status = m_protocol->Receive(p, header, incomingInterface);
    if (status == RX_CSUM_FAILED && copy)
    {
        m_checksumFailureTrace(header, copy);
    }
    return status;
}

IpL4Protocol::RxStatus
IpsecPlaintextFilter::Receive(Ptr<Packet> p,
                              const Ipv6Header& header,
                              Ptr<Ipv6Interface> incomingInterface)
{
    if (!m_stack->CheckPlaintext6(p, header, incomingInterface))
    {
        return RX_OK; // dropped and counted by the stack
    }
    return m_protocol->Receive(p, header, incomingInterface);
}

void
IpsecPlaintextFilter::ReceiveIcmp(Ipv4Address icmpSource,
                                  uint8_t icmpTtl,
                                  uint8_t icmpType,
                                  uint8_t icmpCode,
                                  uint32_t icmpInfo,
                                  Ipv4Address payloadSource,
                                  Ipv4Address payloadDestination,
                                  const uint8_t payload[8])
{
    m_protocol->ReceiveIcmp(icmpSource,
                            icmpTtl,
                            icmpType,
                            icmpCode,
                            icmpInfo,
                            payloadSource,
                            payloadDestination,
                            payload);
}

void
IpsecPlaintextFilter::ReceiveIcmp(Ipv6Address icmpSource,
                                  uint8_t icmpTtl,
                                  uint8_t icmpType,
                                  uint8_t icmpCode,
                                  uint32_t icmpInfo,
                                  Ipv6Address payloadSource,
                                  Ipv6Address payloadDestination,
                                  const uint8_t payload[8])
{
    m_protocol->ReceiveIcmp(icmpSource,
                            icmpTtl,
                            icmpType,
                            icmpCode,
                            icmpInfo,
                            payloadSource,
                            payloadDestination,
                            payload);
}

void
IpsecPlaintextFilter::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_protocol->SetDownTarget(cb);
}

void
IpsecPlaintextFilter::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_protocol->SetDownTarget6(cb);
}

IpL4Protocol::DownTargetCallback
IpsecPlaintextFilter::GetDownTarget() const
{
    return m_protocol->GetDownTarget();
}

IpL4Protocol::DownTargetCallback6
IpsecPlaintextFilter::GetDownTarget6() const
{
    return m_protocol->GetDownTarget6();
}

} // namespace ns3
