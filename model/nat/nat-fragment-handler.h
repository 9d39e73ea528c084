/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_FRAGMENT_HANDLER_H
#define NATT_NAT_FRAGMENT_HANDLER_H

#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief What a fragment handler may ask of the engine while it handles
 * one packet (or expires its state): the engine builds one on the stack per
 * call, so nothing is allocated per packet.
 *
 * Every drop, emission and count goes through the engine, which keeps the
 * bookkeeping (drop counters and traces, translate traces, statistics).
 */
class NatFragmentContext
{
  public:
    virtual ~NatFragmentContext() = default;

    /// Whether the packet arrived on an inside interface.
    virtual bool IsOutbound() const = 0;
    /**
     * The engine's translation of a whole datagram or of a first fragment,
     * in place. An inbound packet no mapping claims is dropped
     * ("no-mapping"). \return false when the packet was dropped
     */
    virtual bool Translate(Ptr<Packet> packet, Ipv4Header& header, bool firstFragment) = 0;
    /**
     * The stateless guess for a later fragment, which has no ports:
     * outbound it gets the outside address, inbound it goes to the inside
     * host that last sent its protocol to its source.
     * \return the drop reason, or nullptr when \p header was rewritten
     */
    virtual const char* TranslateLater(Ipv4Header& header) = 0;
    /// Counts, traces and sends on a translated packet; only a \p whole datagram may hairpin.
    virtual void Emit(Ptr<Packet> packet,
                      Ipv4Header& header,
                      const Ipv4Header& original,
                      bool whole) = 0;
    /// Counts and traces a drop; \p header is the one the packet arrived with.
    virtual void Drop(Ptr<const Packet> packet, const Ipv4Header& header, const char* reason) = 0;
    /// A fragment was held (the engine's fragmentsHeld).
    virtual void FragmentHeld() = 0;
    /// A datagram was reassembled (the engine's datagramsReassembled).
    virtual void DatagramReassembled() = 0;
    /// State was created that the engine's periodic sweep must expire.
    virtual void ScheduleSweep() = 0;
};

/**
 * \ingroup natt-nat
 * \brief What a NAT does with IPv4 fragments and IP identifications (RFC
 * 3715 2.1 l, 2.2 m), chosen on NatEngine by its FragmentHandler attribute.
 *
 * The engine hands Process every fragment (never a whole datagram) and asks
 * TranslateIpId about every whole outbound datagram. This base class is
 * Fragments=Forward: each fragment on its own, a first fragment translated
 * by its ports, a later one guessed (NatFragmentContext::TranslateLater).
 *
 * The base class also keeps what the stock handlers share: per-datagram
 * state (expired by the engine's sweep, Expire), a bound on held fragments
 * (MaxHeld), and IP-ID translation: a fresh identification for each
 * outbound datagram, the same one for all its fragments, so that two inside
 * hosts' fragments cannot collide after translation (RFC 3715 2.1 l).
 */
class NatFragmentHandler : public Object
{
  public:
    static TypeId GetTypeId();
    NatFragmentHandler();
    ~NatFragmentHandler() override;

    /// Emits, holds or drops \p fragment through \p engine.
    virtual void Process(NatFragmentContext& engine, Ptr<Packet> fragment, Ipv4Header header);
    /// A whole outbound datagram's identification, when IpIdTranslation is on.
    void TranslateIpId(Ipv4Header& header);
    /// Drops the held fragments of state that timed out (FRAGMENT_TIMEOUT_DROP) and forgets it.
    void Expire(NatFragmentContext& engine);
    /// Whether any per-datagram state is left for Expire.
    bool HasState() const;
    /// Forgets all state and held fragments without a drop, as a power cycle does.
    void Reset();

    void SetTimeout(Time timeout);
    Time GetTimeout() const;
    void SetMaxHeld(uint32_t packets);
    uint32_t GetMaxHeld() const;
    void SetIpIdTranslation(bool translate);
    bool GetIpIdTranslation() const;

  protected:
    /// A datagram, as RFC 791 identifies it, in one direction.
    struct Key
    {
        uint32_t source;
        uint32_t destination;
        uint16_t id;
        uint8_t protocol;
        uint8_t direction;

        bool operator==(const Key& o) const
        {
            return source == o.source && destination == o.destination && id == o.id &&
                   protocol == o.protocol && direction == o.direction;
        }
    };

    struct State
    {
        int64_t expiry{0};
        bool resolved{false}; ///< the first fragment was translated
        bool dropped{false};  ///< the first fragment was dropped: so are the others
        uint32_t newAddress{0};
        bool idAssigned{false};
        uint16_t newId{0};
        std::vector<std::pair<Ptr<Packet>, Ipv4Header>> held;
    };

    void DoDispose() override;

    static bool IsFirst(const Ipv4Header& header);
    /// \p header as it arrived, in the context's direction.
    static Key KeyOf(const NatFragmentContext& engine, const Ipv4Header& header);
    /// The datagram's state, created (FragmentTimeout from now) when new.
    State& StateOf(NatFragmentContext& engine, const Key& key);
    /// Forgets a datagram's state (its held fragments are the caller's).
    void Erase(const Key& key);
    /// Holds \p fragment in \p state, or drops it (FRAGMENT_BUFFER_FULL_DROP) at MaxHeld.
    bool Hold(NatFragmentContext& engine,
              State& state,
              Ptr<Packet> fragment,
              const Ipv4Header& header);
    /// Takes the held fragments out of \p state.
    std::vector<std::pair<Ptr<Packet>, Ipv4Header>> Release(State& state);
    /// \p header's identification: fresh, or the one \p state gave its datagram.
    void TranslateIpId(Ipv4Header& header, State* state);

  private:
    struct KeyHash
    {
        std::size_t operator()(const Key& k) const;
    };

    Time m_timeout;
    uint32_t m_maxHeld;
    bool m_ipIdTranslation;
    std::unordered_map<Key, State, KeyHash> m_state;
    std::size_t m_held{0};
    uint16_t m_nextIpId{1};
};

/**
 * \ingroup natt-nat
 * \brief Fragments=Drop: every fragment is dropped (RFC 3715 2.2 m).
 */
class NatDropFragments : public NatFragmentHandler
{
  public:
    static TypeId GetTypeId();
    void Process(NatFragmentContext& engine, Ptr<Packet> fragment, Ipv4Header header) override;
};

/**
 * \ingroup natt-nat
 * \brief Fragments=FirstOnly: first fragments are translated by their
 * ports, the others dropped, as they carry none (RFC 3715 2.1 l).
 */
class NatFirstOnlyFragments : public NatFragmentHandler
{
  public:
    static TypeId GetTypeId();
    void Process(NatFragmentContext& engine, Ptr<Packet> fragment, Ipv4Header header) override;
};

} // namespace ns3

#endif /* NATT_NAT_FRAGMENT_HANDLER_H */
