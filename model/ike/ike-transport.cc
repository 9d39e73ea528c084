/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-transport.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeTransport);

TypeId
IkeTransport::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeTransport").SetParent<Object>().SetGroupName("Natt");
    return tid;
}

void
IkeTransport::SetReceiveCallback(ReceiveCallback callback)
{
    m_receive = callback;
}

void
IkeTransport::Deliver(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote)
{
    if (!m_receive.IsNull())
    {
        m_receive(message, local, remote);
    }
}

} // namespace ns3
