/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RSIP_DEMUX_ROUTING_H
#define NATT_RSIP_DEMUX_ROUTING_H

#include "ns3/ipv4-routing-wrapper.h"

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
class RsipDemuxRouting : public Ipv4RoutingWrapper
{
  public:
    static TypeId GetTypeId();
    RsipDemuxRouting();
    ~RsipDemuxRouting() override;

    void SetGateway(Ptr<RsipGateway> gateway);

    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    RouteInputCallback<UnicastForwardCallback> ucb,
                    RouteInputCallback<MulticastForwardCallback> mcb,
                    RouteInputCallback<LocalDeliverCallback> lcb,
                    RouteInputCallback<ErrorCallback> ecb) override;

  protected:
    void DoDispose() override;

  private:
    Ptr<RsipGateway> m_gateway;
};

} // namespace ns3

#endif /* NATT_RSIP_DEMUX_ROUTING_H */
