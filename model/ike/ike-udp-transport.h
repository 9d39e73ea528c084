/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_UDP_TRANSPORT_H
#define NATT_IKE_UDP_TRANSPORT_H

#include "ike-transport.h"

#include "ns3/inet-socket-address.h"

namespace ns3
{

class Node;
class UdpEncapsulation;

/**
 * \ingroup natt-ike
 * \brief IKE over the node's real UDP ports 500 and 4500, through the
 * data plane's UdpEncapsulation, which adds and strips the non-ESP marker
 * (RFC 3948 2.2) and keeps IKE apart from ESP-in-UDP, keepalives and
 * draft-stenberg packets. IKE sees plain messages only.
 */
class IkeUdpTransport : public IkeTransport
{
  public:
    static TypeId GetTypeId();

    /// Use the UdpEncapsulation of \p node's IpsecStack (install IpsecStack first).
    void Install(Ptr<Node> node);
    void SetUdpEncapsulation(Ptr<UdpEncapsulation> encapsulation);
    Ptr<UdpEncapsulation> GetUdpEncapsulation() const;

    void Send(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote) override;

  protected:
    void DoDispose() override;

  private:
    void Receive(Ptr<Packet> message,
                 const InetSocketAddress& local,
                 const InetSocketAddress& remote);

    Ptr<UdpEncapsulation> m_encapsulation;
};

} // namespace ns3

#endif /* NATT_IKE_UDP_TRANSPORT_H */
