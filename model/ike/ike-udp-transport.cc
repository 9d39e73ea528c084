/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-udp-transport.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/udp-encapsulation.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeUdpTransport");
NS_OBJECT_ENSURE_REGISTERED(IkeUdpTransport);

TypeId
IkeUdpTransport::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeUdpTransport")
                            .SetParent<IkeTransport>()
                            .SetGroupName("Natt")
                            .AddConstructor<IkeUdpTransport>();
    return tid;
}

void
IkeUdpTransport::Install(Ptr<Node> node)
{
    Ptr<UdpEncapsulation> encapsulation = node->GetObject<UdpEncapsulation>();
    NS_ABORT_MSG_UNLESS(encapsulation, "IkeUdpTransport needs the node's IpsecStack");
    SetUdpEncapsulation(encapsulation);
}

void
IkeUdpTransport::SetUdpEncapsulation(Ptr<UdpEncapsulation> encapsulation)
{
    m_encapsulation = encapsulation;
    m_encapsulation->SetIkeReceiveCallback(MakeCallback(&IkeUdpTransport::Receive, this));
}

Ptr<UdpEncapsulation>
IkeUdpTransport::GetUdpEncapsulation() const
{
    return m_encapsulation;
}

void
IkeUdpTransport::Send(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote)
{
    NS_LOG_FUNCTION(this << local << remote);
    m_encapsulation->SendIke(message,
                             InetSocketAddress(local.address, local.port),
                             InetSocketAddress(remote.address, remote.port));
}

void
IkeUdpTransport::Receive(Ptr<Packet> message,
                         const InetSocketAddress& local,
                         const InetSocketAddress& remote)
{
    IkeEndpoint l;
    l.address = local.GetIpv4();
    l.port = local.GetPort();
    IkeEndpoint r;
    r.address = remote.GetIpv4();
    r.port = remote.GetPort();
    Deliver(message, l, r);
}

void
IkeUdpTransport::DoDispose()
{
    if (m_encapsulation)
    {
        m_encapsulation->SetIkeReceiveCallback(UdpEncapsulation::IkeReceiveCallback());
    }
    m_encapsulation = nullptr;
    IkeTransport::DoDispose();
}

} // namespace ns3
