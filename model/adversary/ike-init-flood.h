/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_INIT_FLOOD_H
#define NATT_IKE_INIT_FLOOD_H

#include "hostile-packet-source.h"

#include "ns3/application.h"
#include "ns3/crypto-types.h"
#include "ns3/event-id.h"
#include "ns3/ike-config.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * \ingroup natt
 * \brief A flood of IKEv2 IKE_SA_INIT requests (RFC 7296 2.6), each from
 * another spoofed source address and with its own SPIi and nonce, at
 * Rate requests per second between the application's start and stop.
 *
 * The requests are well formed, with the responder's proposal and a real
 * Diffie-Hellman public value (one, reused: an attacker saves its CPU), so
 * that a responder without cookies opens a half-open IKE SA for each. The
 * spoofed sources (Sources addresses from SourcePrefix on) never receive
 * the answers, so a responder that demands a cookie keeps no state for
 * them. Sending goes through the node's HostilePacketSource.
 */
class IkeInitFlood : public Application
{
  public:
    static TypeId GetTypeId();
    IkeInitFlood();

    /// The proposal the requests carry (the responder's, to be accepted).
    void SetProposal(const IkeProposal& proposal);
    /// The node's sending end.
    void SetSource(Ptr<HostilePacketSource> source);
    /// Requests sent so far.
    uint32_t GetSent() const;
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void SendOne();

    double m_rate;
    Ipv4Address m_remote;
    Ipv4Address m_sourcePrefix;
    uint32_t m_sources;
    IkeProposal m_proposal;
    Bytes m_ke;
    Ptr<HostilePacketSource> m_source;
    Ptr<UniformRandomVariable> m_random;
    EventId m_next;
    uint32_t m_sent{0};
};

} // namespace ns3

#endif /* NATT_IKE_INIT_FLOOD_H */
