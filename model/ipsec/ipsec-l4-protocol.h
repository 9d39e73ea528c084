/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPSEC_L4_PROTOCOL_H
#define NATT_IPSEC_L4_PROTOCOL_H

#include "ns3/ip-l4-protocol.h"

namespace ns3
{

class IpsecStack;

/**
 * \ingroup natt-ipsec
 * \brief The IP stack's entry for an IPsec protocol: Ipv4L3Protocol and
 * Ipv6L3Protocol hand it the packets of its protocol number and it passes
 * them to the node's IpsecStack, which does the processing. It sends
 * nothing itself.
 *
 * EspL4Protocol and AhL4Protocol differ only in the number they register
 * and the IpsecStack method they call.
 */
class IpsecL4Protocol : public IpL4Protocol
{
  public:
    static TypeId GetTypeId();

    void SetStack(Ptr<IpsecStack> stack);

    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;
    Ptr<IpsecStack> GetStack() const;

  private:
    Ptr<IpsecStack> m_stack;
    IpL4Protocol::DownTargetCallback m_downTarget;
    IpL4Protocol::DownTargetCallback6 m_downTarget6;
};

/**
 * \ingroup natt-ipsec
 * \brief ESP (RFC 4303) in the node's IP stack: IP protocol 50.
 */
class EspL4Protocol : public IpsecL4Protocol
{
  public:
    static constexpr uint8_t PROT_NUMBER = 50;

    static TypeId GetTypeId();
    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
};

/**
 * \ingroup natt-ipsec
 * \brief AH (RFC 4302) in the node's IP stack: IP protocol 51.
 */
class AhL4Protocol : public IpsecL4Protocol
{
  public:
    static constexpr uint8_t PROT_NUMBER = 51;

    static TypeId GetTypeId();
    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
};

} // namespace ns3

#endif /* NATT_IPSEC_L4_PROTOCOL_H */
