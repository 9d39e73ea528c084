/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_SA_H
#define NATT_IKE_SA_H

#include "ike-config.h"

#include "ns3/object.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief A child SA pair as IKE negotiated it: what was installed in the
 * SAD (both SPIs), for which traffic, and how it travels.
 */
struct IkeChildSa
{
    std::string name;
    uint32_t inboundSpi{0};
    uint32_t outboundSpi{0};
    IpsecProtocol protocol{IPSEC_PROTOCOL_ESP};
    IpsecMode mode{IPSEC_MODE_TUNNEL};
    IpsecEncapsulation encapsulation;
    IpsecSelector selector;
    Time installed;
    bool rekeyed{false};
};

/**
 * \ingroup natt-ike
 * \brief The state of one IKE SA (IKEv1 ISAKMP SA or IKEv2 IKE SA) that
 * both versions share.
 *
 * NAT detection publishes its findings as conditions on the SA, not as
 * return values (as strongSwan's ike_sa does): the port float to 4500,
 * UDP encapsulation of child SAs and keepalives all follow from them, and
 * a trace sink can watch them change.
 */
class IkeSa : public Object
{
  public:
    static TypeId GetTypeId();

    enum State : uint8_t
    {
        CREATED,     ///< nothing sent or received yet
        CONNECTING,  ///< phase 1 / IKE_SA_INIT+IKE_AUTH under way
        ESTABLISHED, ///< authenticated
        REKEYING,    ///< being replaced
        DELETING,    ///< a delete was sent
        DESTROYED,   ///< gone (deleted, replaced or timed out)
        FAILED,      ///< setup failed; GetFailureReason says why
    };

    /// Condition flags (combine with |).
    enum Condition : uint32_t
    {
        COND_NAT_HERE = 1u << 0,       ///< this side is behind a NAT
        COND_NAT_THERE = 1u << 1,      ///< the peer is behind a NAT
        COND_NAT_FAKED = 1u << 2,      ///< we pretend to be behind one (RFC 7296 2.23)
        COND_NATT_SUPPORTED = 1u << 3, ///< both sides announced NAT-T
        COND_STENBERG = 1u << 4,       ///< draft-stenberg NAT-T was chosen
        COND_FRAGMENTATION = 1u << 5,  ///< the peer supports RFC 7383
        COND_FLOATED = 1u << 6,        ///< IKE moved to the NAT-T port
        COND_AUTHENTICATED = 1u << 7,
    };

    static const char* StateToString(State state);

    IkeSa();

    uint8_t GetVersion() const;
    void SetVersion(uint8_t version);
    /// true when this side started the IKE SA (the original initiator).
    bool IsInitiator() const;
    void SetInitiator(bool initiator);

    uint64_t GetInitiatorSpi() const;
    uint64_t GetResponderSpi() const;
    void SetSpis(uint64_t initiatorSpi, uint64_t responderSpi);

    State GetState() const;
    void SetState(State state);
    const std::string& GetFailureReason() const;
    /// Enter FAILED with \p reason (a short stable code, e.g. "auth-failed").
    void Fail(const std::string& reason);

    uint32_t GetConditions() const;
    bool Has(Condition condition) const;
    void Set(Condition condition, bool on = true);
    /// Either side is behind a NAT (or faking it): encapsulate (RFC 3948, RFC 7296 2.23).
    bool IsBehindNat() const;

    const IkeEndpoint& GetLocal() const;
    const IkeEndpoint& GetRemote() const;
    void SetLocal(const IkeEndpoint& local);
    /// Where the peer is now; NAT-T updates it from authenticated messages (RFC 7296 2.23).
    void SetRemote(const IkeEndpoint& remote);

    const IkePeerConfig& GetConfig() const;
    void SetConfig(const IkePeerConfig& config);

    std::vector<IkeChildSa>& GetChildSas();
    const std::vector<IkeChildSa>& GetChildSas() const;

    /**
     * The peer's end-entity certificate (DER) once certificate
     * authentication verified it, for checks beyond IKE's own (a DNAT
     * remote reads the ranges its local CA bound, seed 003); empty with
     * pre-shared keys.
     */
    const std::vector<uint8_t>& GetPeerCertificate() const;
    void SetPeerCertificate(const std::vector<uint8_t>& der);

    /// When setup started and ended (for setup_time_ms).
    Time GetStartTime() const;
    void SetStartTime(Time t);
    Time GetEstablishedTime() const;

    /// Message counters (retransmissions included in sent).
    uint32_t messagesSent{0};
    uint32_t messagesReceived{0};
    uint32_t retransmissions{0};

  private:
    uint8_t m_version{2};
    bool m_initiator{true};
    uint64_t m_initiatorSpi{0};
    uint64_t m_responderSpi{0};
    /// IkeSa::State, kept as uint8_t so standard Uint8 trace sinks connect.
    TracedValue<uint8_t> m_state{CREATED};
    TracedValue<uint32_t> m_conditions{0};
    std::string m_failureReason;
    IkeEndpoint m_local;
    IkeEndpoint m_remote;
    IkePeerConfig m_config;
    std::vector<IkeChildSa> m_children;
    std::vector<uint8_t> m_peerCertificate;
    Time m_start;
    Time m_established;
};

} // namespace ns3

#endif /* NATT_IKE_SA_H */
