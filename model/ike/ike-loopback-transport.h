/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_LOOPBACK_TRANSPORT_H
#define NATT_IKE_LOOPBACK_TRANSPORT_H

#include "ike-transport.h"

#include "ns3/nstime.h"

#include <deque>

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief Two daemons wired back to back in one process, for exchange tests
 * that go message by message (strongSwan's exchange_test_helper does the
 * same): sent messages wait in the peer's inbox until the test delivers,
 * drops or rewrites them. A path callback can play a NAT by rewriting the
 * endpoints a message carries.
 */
class IkeLoopbackTransport : public IkeTransport
{
  public:
    static TypeId GetTypeId();

    /// May rewrite (source, destination) on the way; return false to lose the message.
    typedef Callback<bool, IkeEndpoint&, IkeEndpoint&> PathCallback;

    /// Connect \p a and \p b: what one sends, the other receives.
    static void Connect(Ptr<IkeLoopbackTransport> a, Ptr<IkeLoopbackTransport> b);

    void Send(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote) override;
    /// Applied to every message this side sends.
    void SetPathCallback(PathCallback path);
    /// Deliver automatically after \p delay (scheduled in the simulator) instead of waiting.
    void SetAutoDelivery(Time delay);

    /// Messages waiting for this side.
    std::size_t GetPending() const;
    /// The first waiting message, still waiting.
    Ptr<const Packet> PeekPending() const;
    /// Deliver the first waiting message; \return false when none waits
    bool DeliverNext();
    /// Lose the first waiting message; \return false when none waits
    bool DropNext();
    /// Deliver until nothing waits (messages sent in reply are delivered too).
    void DeliverAll();
    /// Every message this side sent, in order.
    const std::vector<Ptr<const Packet>>& GetSent() const;

  protected:
    /// Let go of the peer (Connect makes a cycle), the callbacks and the messages.
    void DoDispose() override;

  private:
    struct Pending
    {
        Ptr<Packet> message;
        IkeEndpoint destination; ///< our endpoint, as the sender addressed it
        IkeEndpoint source;
    };

    void Enqueue(const Pending& pending);

    Ptr<IkeLoopbackTransport> m_peer;
    PathCallback m_path;
    Time m_autoDelay{Seconds(-1)};
    std::deque<Pending> m_inbox;
    std::vector<Ptr<const Packet>> m_sent;
};

} // namespace ns3

#endif /* NATT_IKE_LOOPBACK_TRANSPORT_H */
