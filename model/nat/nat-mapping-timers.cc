/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-mapping-timers.h"

#include "nat-bytes.h"

#include "ns3/natt-enum-accessor.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatMappingTimers);

namespace
{
using natbytes::kIcmp;
using natbytes::kTcp;
using natbytes::kUdp;
} // namespace

TypeId
NatMappingTimers::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatMappingTimers")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<NatMappingTimers>()
            .AddAttribute("UdpMappingTimeout",
                          "Idle time after which a UDP mapping expires (RFC 4787 REQ-5: at "
                          "least 2 min, 5 min recommended)",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&NatMappingTimers::m_udpTimeout),
                          MakeTimeChecker())
            .AddAttribute("TcpEstablishedTimeout",
                          "Idle time after which an established TCP mapping expires "
                          "(RFC 5382 REQ-5: 2 h 4 min)",
                          TimeValue(Seconds(7440)),
                          MakeTimeAccessor(&NatMappingTimers::m_tcpEstablishedTimeout),
                          MakeTimeChecker())
            .AddAttribute("TcpTransitoryTimeout",
                          "Idle time of a TCP mapping whose handshake is incomplete",
                          TimeValue(Seconds(240)),
                          MakeTimeAccessor(&NatMappingTimers::m_tcpTransitoryTimeout),
                          MakeTimeChecker())
            .AddAttribute("TcpClosingTimeout",
                          "Time a TCP mapping lives after a RST or after FINs both ways",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&NatMappingTimers::m_tcpClosingTimeout),
                          MakeTimeChecker())
            .AddAttribute("IcmpMappingTimeout",
                          "Idle time after which an ICMP echo mapping expires",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&NatMappingTimers::m_icmpTimeout),
                          MakeTimeChecker())
            .AddAttribute("OtherMappingTimeout",
                          "Idle time of address-only bindings and of learnt ESP SPIs",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&NatMappingTimers::m_otherTimeout),
                          MakeTimeChecker())
            .AddAttribute("Refresh",
                          "Which packets restart a mapping's timer (RFC 4787 REQ-6)",
                          EnumValue(REFRESH_OUTBOUND),
                          MakeEnumMemberAccessor(&NatMappingTimers::m_refresh),
                          MakeEnumChecker(REFRESH_OUTBOUND,
                                          "Outbound",
                                          REFRESH_BIDIRECTIONAL,
                                          "Bidirectional"));
    return tid;
}

NatMappingTimers::NatMappingTimers() = default;

NatMappingTimers::~NatMappingTimers() = default;

int64_t
NatMappingTimers::TimeoutOf(const NatMapping& m) const
{
    switch (m.protocol)
    {
    case kUdp:
        return m_udpTimeout.GetNanoSeconds();
    case kIcmp:
        return m_icmpTimeout.GetNanoSeconds();
    case kTcp:
        if ((m.flags & NatMapping::kFlagRst) ||
            ((m.flags & NatMapping::kFlagFinOut) && (m.flags & NatMapping::kFlagFinIn)))
        {
            return m_tcpClosingTimeout.GetNanoSeconds();
        }
        return (m.flags & NatMapping::kFlagEstablished) ? m_tcpEstablishedTimeout.GetNanoSeconds()
                                                        : m_tcpTransitoryTimeout.GetNanoSeconds();
    default:
        return m_otherTimeout.GetNanoSeconds();
    }
}

bool
NatMappingTimers::Refreshes(bool outbound, const NatMapping& m) const
{
    // RFC 4787 REQ-6: outbound packets MUST refresh; inbound ones MAY.
    return outbound || m_refresh == REFRESH_BIDIRECTIONAL;
}

Time
NatMappingTimers::GetOtherTimeout() const
{
    return m_otherTimeout;
}

} // namespace ns3
