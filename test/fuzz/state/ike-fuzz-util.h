/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What the IKEv1 and IKEv2 targets share: how a fuzzed message reaches the
// target and how long the two daemons may answer each other after it.

#ifndef NATT_IKE_FUZZ_UTIL_H
#define NATT_IKE_FUZZ_UTIL_H

#include "ns3/ike-loopback-transport.h"

namespace natt_fuzz
{

/// Exchanges the daemons may run after one fuzzed message (each a message both ways).
constexpr int kSettleRounds = 4;

/**
 * Hand \p message (if any) to the target, as if the peer (\p outbox) had sent it
 * from \p from to \p to, then deliver what each side answers, a bounded number
 * of rounds: a retransmission loop must not hold the input forever.
 */
inline void
DeliverAndSettle(ns3::Ptr<ns3::IkeLoopbackTransport> inbox,
                 ns3::Ptr<ns3::IkeLoopbackTransport> outbox,
                 ns3::Ptr<ns3::Packet> message,
                 const ns3::IkeEndpoint& from,
                 const ns3::IkeEndpoint& to)
{
    if (message)
    {
        outbox->Send(message, from, to);
        inbox->DeliverNext();
    }
    for (int k = 0; k < kSettleRounds; ++k)
    {
        bool answered = outbox->DeliverNext();
        if (!inbox->DeliverNext() && !answered)
        {
            break;
        }
    }
}

} // namespace natt_fuzz

#endif /* NATT_IKE_FUZZ_UTIL_H */
