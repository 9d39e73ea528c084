/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_TRANSPORT_H
#define NATT_IKE_TRANSPORT_H

#include "ike-config.h"

#include "ns3/callback.h"
#include "ns3/object.h"
#include "ns3/packet.h"

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief How IKE messages leave and reach a daemon.
 *
 * Packets here hold the IKE message alone. On the NAT-T port the transport
 * adds and strips the RFC 3948 non-ESP marker, so neither IKE version sees
 * it (strongSwan's sender and receiver do the same). Implementations: one
 * on the node's UDP ports, and a loopback pair for in-process exchange
 * tests.
 */
class IkeTransport : public Object
{
  public:
    static TypeId GetTypeId();

    /// (message, local endpoint it arrived on, remote endpoint it came from)
    typedef Callback<void, Ptr<Packet>, const IkeEndpoint&, const IkeEndpoint&> ReceiveCallback;

    /// Send \p message from \p local to \p remote.
    virtual void Send(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote) = 0;
    void SetReceiveCallback(ReceiveCallback callback);

  protected:
    /// Implementations call this for every IKE message that arrives.
    void Deliver(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote);

  private:
    ReceiveCallback m_receive;
};

} // namespace ns3

#endif /* NATT_IKE_TRANSPORT_H */
