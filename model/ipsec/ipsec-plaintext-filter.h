/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPSEC_PLAINTEXT_FILTER_H
#define NATT_IPSEC_PLAINTEXT_FILTER_H

#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class IpsecStack;

/**
 * \ingroup natt-ipsec
 * \brief Stands in Ipv4L3Protocol's (or Ipv6L3Protocol's) table for UDP,
 * TCP or protocol 41: plaintext that arrives where the inbound SPD says
 * PROTECT is dropped (RFC 4301 5.2, "policy-mismatch"); everything else goes
 * on to the real protocol, which keeps its sockets and down target.
 * Decapsulated packets do not pass
 * here: IpsecStack hands them to the real protocol.
 *
 * ns-3's UDP and TCP drop a packet whose checksum fails without a trace;
 * the filter sees their verdict and fires ChecksumFailure, so that a
 * datagram that IP reassembled wrongly (RFC 3715 2.2 l) is a counted loss
 * (IPv4 only; the trace carries an Ipv4Header).
 */
class IpsecPlaintextFilter : public IpL4Protocol
{
  public:
    static TypeId GetTypeId();

    /// (IP header, packet as it arrived): the protocol refused its checksum.
    typedef void (*ChecksumFailureTracedCallback)(const Ipv4Header& header,
                                                  Ptr<const Packet> packet);

    void Setup(Ptr<IpsecStack> stack, Ptr<IpL4Protocol> protocol);
    Ptr<IpL4Protocol> GetProtocol() const;

    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void ReceiveIcmp(Ipv4Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv4Address payloadSource,
                     Ipv4Address payloadDestination,
                     const uint8_t payload[8]) override;
    void ReceiveIcmp(Ipv6Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv6Address payloadSource,
                     Ipv6Address payloadDestination,
                     const uint8_t payload[8]) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<IpsecStack> m_stack;
    Ptr<IpL4Protocol> m_protocol;
    TracedCallback<const Ipv4Header&, Ptr<const Packet>> m_checksumFailureTrace;
};

} // namespace ns3

#endif /* NATT_IPSEC_PLAINTEXT_FILTER_H */
