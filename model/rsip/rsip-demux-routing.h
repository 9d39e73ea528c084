/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RSIP_DEMUX_ROUTING_H
#define NATT_RSIP_DEMUX_ROUTING_H

#include "ns3/nat-routing-protocol.h"

namespace ns3
{

class RsipGateway;

/**
 * \ingroup natt
 * \brief Puts an RsipGateway's demultiplexer on the node's forwarding path:
 * a packet for the external address that a binding covers is forwarded,
 * unchanged, into the bound host's IP-in-IP tunnel instead of being
 * delivered to the gateway itself (RFC 3102 4.1). Everything else goes to
 * the wrapped routing protocol. Installed by RsipGateway::InstallDemux.
 */
class RsipDemuxRouting : public Ipv4RoutingProtocol
{
  public:
    template <typename Callback>
    using RouteInputCallback = NatRoutingProtocol::RouteInputCallback<Callback>;

    static TypeId GetTypeId();
    RsipDemuxRouting();
    ~RsipDemuxRouting() override;

    void SetWrappedProtocol(Ptr<Ipv4RoutingProtocol> wrapped);
    void SetGateway(Ptr<RsipGateway> gateway);

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    RouteInputCallback<UnicastForwardCallback> ucb,
                    RouteInputCallback<MulticastForwardCallback> mcb,
                    RouteInputCallback<LocalDeliverCallback> lcb,
                    RouteInputCallback<ErrorCallback> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<Ipv4RoutingProtocol> m_wrapped;
    Ptr<RsipGateway> m_gateway;
    Ptr<Ipv4> m_ipv4;
};

} // namespace ns3

#endif /* NATT_RSIP_DEMUX_ROUTING_H */
