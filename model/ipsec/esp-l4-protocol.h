/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_ESP_L4_PROTOCOL_H
#define NATT_ESP_L4_PROTOCOL_H

#include "ns3/ip-l4-protocol.h"

namespace ns3
{

class IpsecStack;

/**
 * \ingroup natt-ipsec
 * \brief ESP (RFC 4303) in the node's IP stack: receives IP protocol 50 for the node's
 * IpsecStack, which does the processing. Sends nothing itself.
 */
class EspL4Protocol : public IpL4Protocol
{
  public:
    static constexpr uint8_t PROT_NUMBER = 50;

    static TypeId GetTypeId();

    void SetStack(Ptr<IpsecStack> stack);

    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<IpsecStack> m_stack;
    IpL4Protocol::DownTargetCallback m_downTarget;
    IpL4Protocol::DownTargetCallback6 m_downTarget6;
};

} // namespace ns3

#endif /* NATT_ESP_L4_PROTOCOL_H */
