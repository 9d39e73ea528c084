/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_TASK_MANAGER_H
#define NATT_IKEV2_TASK_MANAGER_H

#include "ikev2-keys.h"
#include "ikev2-message-protection.h"

#include "ns3/diffie-hellman.h"
#include "ns3/event-id.h"
#include "ns3/ike-child-sa-installer.h"
#include "ns3/ike-daemon.h"
#include "ns3/ike-task.h"

#include <deque>
#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class Ikev2Handler;

/**
 * \ingroup natt-ikev2
 * \brief Keys of one child SA pair, kept for the Wireshark key export.
 */
struct Ikev2ChildKeys
{
    uint32_t inboundSpi{0};
    uint32_t outboundSpi{0};
    IpsecTransform inbound;
    IpsecTransform outbound;
};

/**
 * \ingroup natt-ikev2
 * \brief What the tasks of one IKE SA share: negotiated keys, nonces, the
 * IKE_SA_INIT messages AUTH signs, and peer capabilities.
 */
struct Ikev2SaContext
{
    Ikev2Keys keys;
    bool haveKeys{false};
    Bytes nonceI;
    Bytes nonceR;
    /// IKE_SA_INIT request and response as sent (RFC 7296 2.15 RealMessage1/2).
    Bytes initRequest;
    Bytes initResponse;
    /// Responder's cookie to echo (RFC 7296 2.6).
    Bytes cookie;
    /// Inner address a gateway assigned to us (RFC 7296 2.19), or 0.0.0.0.
    Ipv4Address virtualIp{Ipv4Address::GetAny()};
    /// Child SA keys by inbound SPI.
    std::map<uint32_t, Ikev2ChildKeys> childKeys;
    /// Endpoints the message being processed arrived on and came from.
    IkeEndpoint receivedLocal;
    IkeEndpoint receivedRemote;
    /// SPD entries installed per child name (added once, kept over rekeys).
    std::map<std::string, std::pair<uint32_t, uint32_t>> policies;
};

/**
 * \ingroup natt-ikev2
 * \brief The task manager of one IKEv2 SA (RFC 7296 2.1-2.3): it decides
 * which tasks make up each exchange, numbers requests, keeps one request
 * outstanding (window size 1) and retransmits it with the daemon's timing,
 * and answers a retransmitted request from the cached response. Its
 * Ikev2MessageProtection protects and unprotects the messages (SK payload,
 * RFC 7296 3.14; SKF fragments, RFC 7383) around the tasks, which see
 * plaintext only.
 */
class Ikev2TaskManager : public SimpleRefCount<Ikev2TaskManager>
{
  public:
    Ikev2TaskManager(Ptr<Ikev2Handler> handler, Ptr<IkeSa> sa);
    ~Ikev2TaskManager();

    Ptr<IkeSa> GetSa() const;
    Ptr<IkeDaemon> GetDaemon() const;
    Ptr<Ikev2Handler> GetHandler() const;
    Ikev2SaContext& GetContext();

    /// Queue an exchange this side initiates; it starts when none is outstanding.
    void Queue(IsakmpHeader::ExchangeType exchangeType, std::vector<Ptr<IkeTask>> tasks);
    /// Start the first queued exchange if none is outstanding.
    void Kick();
    /// true while a request of ours awaits its response.
    bool IsBusy() const;

    /// A message for this SA arrived (still whole and protected).
    void Receive(Ptr<Packet> packet, const IkeEndpoint& local, const IkeEndpoint& remote);

    /// Fail the SA with \p reason (traced by the daemon) and stop everything.
    void Fail(const std::string& reason);
    /// Forget the SA: timers cancelled, removed from the daemon and the handler.
    void Destroy();
    /// Cancel pending retransmissions (the daemon is going away).
    void Stop();
    /// Destroy the SA after the response being built is sent (deleted by the peer).
    void DestroyAfterResponse();

    /**
     * Install a child SA pair (both directions, SPD entries, through an
     * IkeChildSaInstaller) and record it.
     * \p originalLocal and \p originalRemote are the addresses the traffic
     * selectors named when they differ from the IKE SA's (transport mode
     * across a NAT, RFC 7296 2.23.1); any: the configured local address and
     * the selector's remote address.
     */
    void InstallChild(IkeChildSa child,
                      const IkeChildConfig& config,
                      const Bytes& keymat,
                      bool exchangeInitiator,
                      Ipv4Address originalLocal = Ipv4Address::GetAny(),
                      Ipv4Address originalRemote = Ipv4Address::GetAny());
    /// Remove the child SA pair whose inbound SPI is \p inboundSpi.
    bool RemoveChild(uint32_t inboundSpi);
    /// Move the child SAs, their keys and policies to \p other (IKE SA rekey).
    void TransferChildren(Ptr<Ikev2TaskManager> other);

    /// The number of the last request we sent and the next one the peer will send.
    uint32_t GetNextRequestId() const;
    uint32_t GetExpectedRequestId() const;
    void SetNextRequestId(uint32_t id);

  private:
    struct Exchange
    {
        IsakmpHeader::ExchangeType type{}; ///< 0 (none) until set
        std::vector<Ptr<IkeTask>> tasks;
    };

    void SendRequest();
    /// Where this SA's child SAs go (the daemon's SAD and SPD).
    IkeChildSaInstaller GetInstaller() const;
    void Retransmit();
    void HandleResponse(const IkeMessage& plain);
    void HandleRequest(const IkeMessage& plain, const IkeMessage& wire);
    std::vector<Ptr<IkeTask>> CreateResponderTasks(const IkeMessage& plain);
    IkeMessage MakeMessage(IsakmpHeader::ExchangeType exchangeType,
                           uint32_t messageId,
                           bool response) const;
    void SendPackets(const std::vector<Ptr<Packet>>& packets, bool retransmission);

    Ptr<Ikev2Handler> m_handler;
    Ptr<IkeSa> m_sa;
    Ikev2SaContext m_context;
    std::deque<Exchange> m_queue;
    Exchange m_active;
    bool m_busy{false};
    uint32_t m_nextRequestId{0};
    uint32_t m_expectedRequestId{0};
    std::vector<Ptr<Packet>> m_requestPackets;
    uint32_t m_retries{0};
    EventId m_retransmitEvent;
    std::vector<Ptr<Packet>> m_responsePackets;
    bool m_haveResponse{false};
    bool m_destroyAfterResponse{false};
    bool m_destroyed{false};
    Ikev2MessageProtection m_protection;
};

} // namespace ns3

#endif /* NATT_IKEV2_TASK_MANAGER_H */
