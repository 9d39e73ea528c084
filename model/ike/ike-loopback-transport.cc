/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-loopback-transport.h"

#include "ns3/simulator.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IkeLoopbackTransport);

TypeId
IkeLoopbackTransport::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeLoopbackTransport")
                            .SetParent<IkeTransport>()
                            .SetGroupName("Natt")
                            .AddConstructor<IkeLoopbackTransport>();
    return tid;
}

void
IkeLoopbackTransport::Connect(Ptr<IkeLoopbackTransport> a, Ptr<IkeLoopbackTransport> b)
{
    a->m_peer = b;
    b->m_peer = a;
}

void
IkeLoopbackTransport::DoDispose()
{
    m_peer = nullptr;
    m_path = PathCallback();
    m_inbox.clear();
    m_sent.clear();
    IkeTransport::DoDispose();
}

void
IkeLoopbackTransport::Send(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote)
{
    m_sent.push_back(message->Copy());
    IkeEndpoint source = local;
    IkeEndpoint destination = remote;
    if (!m_path.IsNull() && !m_path(source, destination))
    {
        return;
    }
    if (m_peer)
    {
        m_peer->Enqueue({message->Copy(), destination, source});
    }
}

void
IkeLoopbackTransport::Enqueue(const Pending& pending)
{
    m_inbox.push_back(pending);
    if (!m_autoDelay.IsNegative())
    {
        Simulator::Schedule(m_autoDelay, [this]() { DeliverNext(); });
    }
}

void
IkeLoopbackTransport::SetPathCallback(PathCallback path)
{
    m_path = path;
}

void
IkeLoopbackTransport::SetAutoDelivery(Time delay)
{
    m_autoDelay = delay;
}

std::size_t
IkeLoopbackTransport::GetPending() const
{
    return m_inbox.size();
}

Ptr<const Packet>
IkeLoopbackTransport::PeekPending() const
{
    return m_inbox.empty() ? nullptr : m_inbox.front().message;
}

bool
IkeLoopbackTransport::DeliverNext()
{
    if (m_inbox.empty())
    {
        return false;
    }
    Pending pending = m_inbox.front();
    m_inbox.pop_front();
    Deliver(pending.message, pending.destination, pending.source);
    return true;
}

bool
IkeLoopbackTransport::DropNext()
{
    if (m_inbox.empty())
    {
        return false;
    }
    m_inbox.pop_front();
    return true;
}

void
IkeLoopbackTransport::DeliverAll()
{
    // Bounded so that two sides answering each other forever cannot hang a test.
    for (int k = 0; k < 10000; ++k)
    {
        bool delivered = DeliverNext();
        delivered = (m_peer && m_peer->DeliverNext()) || delivered;
        if (!delivered)
        {
            return;
        }
    }
}

const std::vector<Ptr<const Packet>>&
IkeLoopbackTransport::GetSent() const
{
    return m_sent;
}

} // namespace ns3
