/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_TASK_MANAGER_H
#define NATT_IKEV1_TASK_MANAGER_H

#include "ikev1-keys.h"

#include "ns3/event-id.h"
#include "ns3/ike-daemon.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-task.h"

#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class Ikev1Handler;

/**
 * \ingroup natt-ike
 * \brief The IKEv1 task manager of one ISAKMP SA (strongSwan's
 * task_manager_v1 in miniature).
 *
 * Each exchange (phase 1 under message ID 0, each Quick Mode and
 * Informational under its own) holds the tasks that make it up. The
 * manager is also the message codec: it encrypts and decrypts bodies with
 * the IV rules of RFC 2409 appendix B, answers retransmitted requests with
 * its last message, retransmits its own with back-off, and keeps the
 * phase-1 state the tasks share (keys, DH, nonces, SAi_b, the endpoints a
 * message came by).
 */
class Ikev1TaskManager : public SimpleRefCount<Ikev1TaskManager>
{
  public:
    Ikev1TaskManager(Ikev1Handler* handler, Ptr<IkeSa> sa);
    ~Ikev1TaskManager();

    Ptr<IkeSa> GetSa() const;
    Ptr<IkeDaemon> GetDaemon() const;
    Ikev1Handler* GetHandler() const;

    /// Start phase 1 as initiator (Main or Aggressive Mode per the config).
    void InitiatePhase1();
    /// Take the responder's part of a phase 1 whose first message (of \p exchangeType) came.
    void AcceptPhase1(IsakmpHeader::ExchangeType exchangeType);
    /// Negotiate \p child in Quick Mode once phase 1 is up; \p replaces: inbound SPI of a rekeyed
    /// child.
    void QueueQuickMode(const IkeChildConfig& child, uint32_t replaces = 0);
    /// A message for this SA arrived.
    void Receive(Ptr<Packet> packet,
                 const IsakmpHeader& header,
                 const IkeEndpoint& local,
                 const IkeEndpoint& remote);
    /// Send an Informational exchange with \p payloads (RFC 2409 5.7), protected once possible.
    void SendInformational(std::vector<std::unique_ptr<IkePayload>> payloads);
    /// Send an RFC 3706 R-U-THERE now.
    void SendDpd();
    /// Stop timers (the SA is gone).
    void Stop();

    /// Phase 1 is done: keys final, established, queued Quick Modes may start.
    bool IsPhase1Done() const;
    void Phase1Done();
    /// A Quick Mode of ours finished (inbound SPI of the new child).
    void QuickModeDone(const IkeChildConfig& child,
                       uint32_t inboundSpi,
                       uint32_t replaces,
                       bool initiator);
    /// The peer refused our Quick Mode (an error notify): give it up, keep the SA.
    void AbortQuickMode(const std::string& reason);
    /// Fail the SA with \p reason, telling the peer with \p notify (0: silently).
    void Fail(const std::string& reason,
              IkeNotifyPayload::NotifyType notify = IkeNotifyPayload::NotifyType{});

    // ---- phase-1 state shared by the tasks
    Ptr<Ikev1Keys> keys;
    std::unique_ptr<DiffieHellman> dh;
    Bytes ni, nr, gxi, gxr, gxy, saiB;
    uint16_t authMethod{1};
    /// Endpoints of the message being processed (ours, the peer's).
    IkeEndpoint rxLocal;
    IkeEndpoint rxRemote;
    bool peerNattVid{false};
    bool peerStenbergVid{false};
    bool peerDpdVid{false};
    /// The SA this one replaces (phase-1 rekey), if any.
    Ptr<IkeSa> replaces;
    /// Child configurations by inbound SPI, for phase-2 rekeys.
    std::map<uint32_t, IkeChildConfig> childConfigs;
    /// Children moved here from another SA (phase-1 rekey).
    void AdoptChildConfigs(const std::map<uint32_t, IkeChildConfig>& configs);

    static Bytes Cookie(uint64_t cookie);
    Bytes CookieI() const;
    Bytes CookieR() const;

  private:
    struct Exchange
    {
        uint32_t messageId{0};
        IsakmpHeader::ExchangeType type{}; ///< 0 (none) until set
        std::vector<Ptr<IkeTask>> tasks;
        Ptr<Packet> lastSent;
        Bytes lastReceived;
        EventId timer;
        uint32_t attempts{0};
        bool ours{false}; ///< we sent its first message
    };

    void BuildAndSend(Exchange& exchange);
    Ptr<Packet> Encode(IkeMessage& message);
    bool Decode(const Bytes& raw, IkeMessage& message);
    void Retransmit(uint32_t messageId);
    /// A finished exchange stays to answer retransmissions for a while, then goes.
    void ScheduleForget(uint32_t messageId);
    void ForgetExchange(uint32_t messageId);
    void StartNextQuickMode();
    void ProcessUnprotectedNotify(const IkeMessage& message);
    /**
     * The peer's message came from \p remote to \p local: keep them as the
     * SA's endpoints (the float to 4500, a NAPT's port), and once phase 1
     * is done move the UDP-encapsulated children with them; a strict peer
     * (IkeDaemon FollowPeer false) keeps what phase 1 ended with.
     */
    void UpdatePeer(const IkeEndpoint& local, const IkeEndpoint& remote);
    void ScheduleTimers();
    void DpdTick();
    uint32_t NewMessageId();
    /// Cancel \p event and drop the reference to it (and so to what it holds).
    static void Release(EventId& event);

    Ikev1Handler* m_handler;
    Ptr<IkeSa> m_sa;
    std::map<uint32_t, Exchange> m_exchanges;

    struct QueuedChild
    {
        IkeChildConfig config;
        uint32_t replaces;
    };

    std::vector<QueuedChild> m_queue;
    bool m_phase1Done{false};
    bool m_quickModeActive{false};
    EventId m_rekeyEvent;
    EventId m_dpdEvent;
    uint32_t m_dpdSequence{0};
    uint32_t m_dpdMissed{0};
    bool m_dpdOutstanding{false};

  public:
    /// The DPD exchange got its ACK for \p sequence.
    void DpdAcked(uint32_t sequence);
};

} // namespace ns3

#endif /* NATT_IKEV1_TASK_MANAGER_H */
