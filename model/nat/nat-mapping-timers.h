/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_MAPPING_TIMERS_H
#define NATT_NAT_MAPPING_TIMERS_H

#include "nat-mapping-table.h"

#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief How long a mapping lives idle, and which packets restart its timer
 * (RFC 4787 4.3, RFC 5382 5), chosen on NatEngine by its MappingTimers
 * attribute.
 *
 * The stock rules: one idle timeout per protocol, TCP's by connection state
 * (transitory until SYNs went both ways, established, then closing after a
 * RST or FINs both ways); outbound packets always refresh (RFC 4787 REQ-6),
 * inbound ones when Refresh is Bidirectional. A subclass overrides TimeoutOf
 * or Refreshes; the engine's old attribute names (UdpMappingTimeout, ...,
 * Refresh) set this object's.
 */
class NatMappingTimers : public Object
{
  public:
    /// Which packets restart a mapping's timer (RFC 4787 REQ-6).
    enum Refresh : uint8_t
    {
        REFRESH_OUTBOUND,
        REFRESH_BIDIRECTIONAL,
    };

    static TypeId GetTypeId();
    NatMappingTimers();
    ~NatMappingTimers() override;

    /// Idle time, in nanoseconds, after which \p m expires.
    virtual int64_t TimeoutOf(const NatMapping& m) const;
    /// Whether a packet through \p m restarts its timer.
    virtual bool Refreshes(bool outbound, const NatMapping& m) const;
    /// OtherMappingTimeout: also the idle time of state kept outside the
    /// mapping table (learnt ESP SPIs).
    Time GetOtherTimeout() const;

  private:
    Time m_udpTimeout;
    Time m_tcpEstablishedTimeout;
    Time m_tcpTransitoryTimeout;
    Time m_tcpClosingTimeout;
    Time m_icmpTimeout;
    Time m_otherTimeout;
    Refresh m_refresh;
};

} // namespace ns3

#endif /* NATT_NAT_MAPPING_TIMERS_H */
