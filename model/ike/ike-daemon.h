/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_DAEMON_H
#define NATT_IKE_DAEMON_H

#include "ike-config.h"
#include "ike-sa.h"
#include "ike-transport.h"

#include "ns3/drop-counter.h"
#include "ns3/isakmp-header.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

class IkeDaemon;
class SecurityAssociationDatabase;
class SecurityPolicyDatabase;

/**
 * \ingroup natt-ike
 * \brief The protocol logic of one IKE version, plugged into a daemon.
 * IKEv1 and IKEv2 each implement it with their own tasks and task manager.
 */
class IkeVersionHandler : public Object
{
  public:
    static TypeId GetTypeId();

    virtual uint8_t GetVersion() const = 0;
    /// Start \p sa as initiator: phase 1 / IKE_SA_INIT, then its child SAs.
    virtual void Initiate(Ptr<IkeSa> sa) = 0;
    /**
     * A message of this version arrived; \p header is its ISAKMP header,
     * already read (the message is still whole and, if so, encrypted).
     */
    virtual void Receive(Ptr<Packet> message,
                         const IsakmpHeader& header,
                         const IkeEndpoint& local,
                         const IkeEndpoint& remote) = 0;
    /// Replace the IKE SA with a new one (new SPIs / cookies, RFC 3715 2.3 n).
    virtual void RekeyIkeSa(Ptr<IkeSa> sa) = 0;
    /// Replace the child SA whose inbound SPI is \p inboundSpi.
    virtual void RekeyChildSa(Ptr<IkeSa> sa, uint32_t inboundSpi) = 0;
    /// Delete the IKE SA and its child SAs, telling the peer.
    virtual void Delete(Ptr<IkeSa> sa) = 0;

    void SetDaemon(Ptr<IkeDaemon> daemon);
    Ptr<IkeDaemon> GetDaemon() const;

  protected:
    void DoDispose() override;

  private:
    Ptr<IkeDaemon> m_daemon;
};

/**
 * \ingroup natt-ike
 * \brief An IKE daemon on one node (strongSwan's charon, in miniature):
 * the peers it knows, its IKE SAs, its random streams and its transport.
 * The protocol work is done by one IkeVersionHandler per version; the
 * daemon dispatches incoming messages to them by the header's version,
 * and offers what both versions need: randomness from ns-3 streams (so a
 * seed reproduces a run), the IPsec databases to install SAs into, and
 * the traces scenarios read their outcomes from.
 */
class IkeDaemon : public Object
{
  public:
    static TypeId GetTypeId();
    IkeDaemon();

    void SetTransport(Ptr<IkeTransport> transport);
    Ptr<IkeTransport> GetTransport() const;
    void SetHandler(Ptr<IkeVersionHandler> handler);
    Ptr<IkeVersionHandler> GetHandler(uint8_t version) const;
    /// Where child SAs are installed (usually the node's IpsecStack databases).
    void SetIpsecDatabases(Ptr<SecurityPolicyDatabase> spd, Ptr<SecurityAssociationDatabase> sad);
    Ptr<SecurityPolicyDatabase> GetSpd() const;
    Ptr<SecurityAssociationDatabase> GetSad() const;

    /// Add a peer configuration.
    void AddPeer(const IkePeerConfig& config);
    const std::vector<IkePeerConfig>& GetPeers() const;
    /// \return the peer named \p name, or nullptr
    const IkePeerConfig* FindPeer(const std::string& name) const;
    /**
     * The configuration a responder uses for a message from \p remote of
     * \p version: the first peer of that version whose remote address is
     * \p remote's or the any address of its family (0.0.0.0 or ::).
     */
    const IkePeerConfig* FindPeerFor(uint8_t version, const IkeEndpoint& remote) const;

    /// Start an IKE SA to the peer named \p name. \return the new SA, or nullptr
    Ptr<IkeSa> Initiate(const std::string& name);

    /// IKE SA table, by initiator SPI (and responder SPI once known).
    void AddSa(Ptr<IkeSa> sa);
    void RemoveSa(Ptr<IkeSa> sa);
    /// \return the SA with these SPIs; \p responderSpi 0 matches any
    Ptr<IkeSa> FindSa(uint64_t initiatorSpi, uint64_t responderSpi) const;
    std::vector<Ptr<IkeSa>> GetSas() const;

    /// Send an IKE message for \p sa from its local to its remote endpoint.
    void Send(Ptr<IkeSa> sa, Ptr<Packet> message, bool retransmission = false);
    /// Send a message that belongs to no SA (e.g. an error notify, a cookie request).
    void SendTo(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote);

    /// \p n bytes from the daemon's random stream (nonces, DH private values).
    std::vector<uint8_t> RandomBytes(uint32_t n);
    /// A non-zero 64-bit SPI / cookie.
    uint64_t RandomSpi64();
    /// A 32-bit IPsec SPI for an incoming SA: the next of the SPIs SetSpis gave, or a
    /// random one from InboundSpiFirst to InboundSpiLast (by default all but the range
    /// 1-255 reserved to IANA, RFC 4303 2.1).
    uint32_t RandomSpi32();
    /**
     * The inbound SPIs this node may use, in turn (RFC 3104 4.2: an RSIP
     * gateway assigns them, and demultiplexes ESP and AH by them); empty:
     * random ones.
     */
    void SetSpis(const std::vector<uint32_t>& spis);
    int64_t AssignStreams(int64_t stream);

    /// Report an SA's failure: sets its state and fires the Failure trace.
    void NotifyFailure(Ptr<IkeSa> sa, const std::string& reason);
    void NotifyEstablished(Ptr<IkeSa> sa);
    void NotifyChildSa(Ptr<IkeSa> sa, const IkeChildSa& child);
    /**
     * NAT detection finished with a NAT on the path (conditions set on \p sa).
     * Whoever wires IKE to the data plane listens here to start RFC 3948
     * keepalives when this side is behind the NAT; IKE itself sends none.
     */
    void NotifyNatDetected(Ptr<IkeSa> sa);
    // Why a message was dropped before any SA took it, or by its SA
    // without failing it: each reason once, as ns-3's QueueDisc declares
    // its own (DropCounter), for the IKEv1 and IKEv2 handlers and task
    // managers alike; the string is what results and tests see.
    /// Shorter than an ISAKMP header.
    static constexpr const char* TRUNCATED_DROP = "truncated";
    /// A major version this daemon does not speak (RFC 7296 2.5, RFC 2408 5.1).
    static constexpr const char* BAD_VERSION_DROP = "bad-version";
    /// Unparsable, or too short for what it claims.
    static constexpr const char* MALFORMED_DROP = "malformed";
    /// For an SA that failed or was deleted.
    static constexpr const char* SA_GONE_DROP = "sa-gone";
    /// IKEv1: cookies of no SA this daemon holds.
    static constexpr const char* UNKNOWN_SA_DROP = "unknown-sa";
    /// IKEv2: SPIs of no SA this daemon holds.
    static constexpr const char* NO_SA_DROP = "no-sa";
    /// A new exchange from a peer no configuration accepts.
    static constexpr const char* NO_CONFIG_DROP = "no-config";
    /// IKEv1: an exchange type the message ID's exchange is not, or none began.
    static constexpr const char* UNEXPECTED_EXCHANGE_DROP = "unexpected-exchange";
    /// IKEv1: encrypted, and did not decrypt to a message.
    static constexpr const char* UNDECRYPTABLE_DROP = "undecryptable";
    /// IKEv1: for an exchange that already finished.
    static constexpr const char* EXCHANGE_DONE_DROP = "exchange-done";
    /// IKEv1: an informational outside phase 1's protection that is not acted on.
    static constexpr const char* UNPROTECTED_INFORMATIONAL_DROP = "unprotected-informational";
    /// IKEv2: a response to no outstanding request (RFC 7296 2.1).
    static constexpr const char* UNEXPECTED_RESPONSE_DROP = "unexpected-response";
    /// IKEv2: a request outside the window (RFC 7296 2.3).
    static constexpr const char* INVALID_MESSAGE_ID_DROP = "invalid-message-id";
    /// IKEv2: an IKE_SA_INIT answered with a cookie request (RFC 7296 2.6).
    static constexpr const char* COOKIE_REQUIRED_DROP = "cookie-required";
    /// IKEv2: an IKE_SA_INIT refused, the responder's half-open SAs at MaxHalfOpen.
    static constexpr const char* HALF_OPEN_LIMIT_DROP = "half-open-limit";
    // IKEv2 SK / SKF unprotection (RFC 7296 3.14, RFC 7383 2.6).
    /// No keys yet for an encrypted message.
    static constexpr const char* NO_KEYS_DROP = "no-keys";
    /// After IKE_SA_INIT, a message without SK or SKF as its only payload.
    static constexpr const char* NOT_ENCRYPTED_DROP = "not-encrypted";
    /// The integrity checksum did not verify.
    static constexpr const char* ICV_MISMATCH_DROP = "icv-mismatch";
    /// The cipher refused the ciphertext.
    static constexpr const char* DECRYPT_FAILED_DROP = "decrypt-failed";
    /// The pad length runs past the plaintext.
    static constexpr const char* BAD_PADDING_DROP = "bad-padding";
    /// The decrypted payloads do not parse.
    static constexpr const char* MALFORMED_INNER_DROP = "malformed-inner";

    /// Count and trace a message that was dropped (a *_DROP reason).
    void NotifyDrop(Ptr<const Packet> message, const char* reason);

    // Why an SA failed by this daemon's own policy, not by anything the
    // peer sent: the reason NotifyFailure counts and the Failure trace
    // carries, declared once as the *_DROP reasons are.
    /// The initiator found the responder behind a NAT and its policy
    /// (AllowResponderBehindNat false) refuses it.
    static constexpr const char* SERVER_BEHIND_NAT_REFUSED = "server-behind-nat-refused";

    /**
     * Whether \p sa must be given up because its responder is behind a
     * NAT: this side initiated it, NAT detection found the peer behind a
     * NAT (the peer's NAT-D / NAT_DETECTION_SOURCE_IP hash does not match
     * the address its message came from: RFC 3947 3.2, RFC 7296 2.23), and
     * AllowResponderBehindNat is false. A NAT in front of this side alone
     * never refuses anything.
     */
    bool RefusesResponderBehindNat(Ptr<const IkeSa> sa) const;

    Time GetRetransmitTimeout(uint32_t attempt) const;
    uint32_t GetRetransmitTries() const;
    /// The FollowPeer attribute: established SAs follow a peer a NAT moved (RFC 7296 2.23).
    bool FollowsPeer() const;

    /// Counters by reason, for scenarios.
    uint64_t GetFailureCount(const std::string& reason) const;
    /// Drops for \p reason (a *_DROP name; 0 for another), all when empty.
    uint64_t GetDropCount(const std::string& reason = "") const;

    typedef void (*SaTracedCallback)(Ptr<const IkeSa> sa);
    typedef void (*SaReasonTracedCallback)(Ptr<const IkeSa> sa, const std::string& reason);
    typedef void (*MessageTracedCallback)(Ptr<const IkeSa> sa, Ptr<const Packet> message);
    typedef void (*ChildSaTracedCallback)(Ptr<const IkeSa> sa, const IkeChildSa& child);
    typedef void (*DropTracedCallback)(Ptr<const Packet> message, const char* reason);
    typedef void (*ReceivedTracedCallback)(Ptr<const Packet> message,
                                           const IkeEndpoint& local,
                                           const IkeEndpoint& remote);

  protected:
    void DoDispose() override;

  private:
    void Receive(Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote);

    Ptr<IkeTransport> m_transport;
    std::map<uint8_t, Ptr<IkeVersionHandler>> m_handlers;
    Ptr<SecurityPolicyDatabase> m_spd;
    Ptr<SecurityAssociationDatabase> m_sad;
    std::vector<IkePeerConfig> m_peers;
    std::vector<Ptr<IkeSa>> m_sas;
    Ptr<UniformRandomVariable> m_random;
    std::vector<uint32_t> m_spis; ///< SetSpis's, used in turn
    std::size_t m_nextSpi{0};
    uint32_t m_inboundSpiFirst{256};
    uint32_t m_inboundSpiLast{0xffffffffu};
    Time m_retransmitTimeout;
    double m_retransmitBase;
    uint32_t m_retransmitTries;
    bool m_allowResponderBehindNat{true};
    bool m_followPeer{true};
    std::map<std::string, uint64_t> m_failures;
    DropCounter m_drops;

    TracedCallback<Ptr<const IkeSa>, Ptr<const Packet>> m_sentTrace;
    TracedCallback<Ptr<const IkeSa>, Ptr<const Packet>> m_retransmitTrace;
    TracedCallback<Ptr<const Packet>, const IkeEndpoint&, const IkeEndpoint&> m_receivedTrace;
    TracedCallback<Ptr<const IkeSa>> m_establishedTrace;
    TracedCallback<Ptr<const IkeSa>, const std::string&> m_failureTrace;
    TracedCallback<Ptr<const IkeSa>, const IkeChildSa&> m_childSaTrace;
    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
    TracedCallback<Ptr<const IkeSa>> m_natTrace;
};

} // namespace ns3

#endif /* NATT_IKE_DAEMON_H */
