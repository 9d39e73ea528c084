/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_OTHER_PROTOCOL_HANDLER_H
#define NATT_NAT_OTHER_PROTOCOL_HANDLER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

namespace ns3
{

struct NatMappingInfo;

/**
 * \ingroup natt-nat
 * \brief One packet of a protocol without ports (neither UDP, TCP nor
 * ICMP), as NatEngine hands it to its NatOtherProtocolHandler, with what
 * the engine lends for it.
 */
struct NatOtherPacket
{
    /// What a handler decides.
    enum Verdict : uint8_t
    {
        /// Forwarded: outbound, the engine gives it its outside address;
        /// inbound, the handler set the destination in the header.
        TRANSLATED,
        DROPPED,   ///< the engine drops it for \c reason (counted and traced)
        UNMATCHED, ///< inbound, nobody claims it: the engine delivers locally or drops "no-mapping"
    };

    bool outbound{true};         ///< arrived on an inside interface
    Ptr<Packet> packet;          ///< the bytes after the IPv4 header
    Ipv4Header* header{nullptr}; ///< rewritten in place when translated
    Time timeout;                ///< OtherMappingTimeout: idle life of what the handler learns
    const char* reason{nullptr}; ///< out: why, when DROPPED
    /// The engine's address-only translation through its own mapping table
    /// (RFC 3022 basic NAT with one outside address: one inside host per
    /// protocol at a time); it sets \c reason when it drops.
    std::function<Verdict(NatOtherPacket& packet)> translateAddress;
};

/**
 * \ingroup natt-nat
 * \brief What a NAT does with protocols that have no ports (RFC 3715 2.1 f,
 * j), chosen on NatEngine by its OtherProtocolHandler attribute. This base
 * class is OtherProtocols=Drop: a NAPT that translates only what has ports
 * drops the rest ("protocol-not-supported").
 *
 * The engine checks the firewall first; the handler then translates, drops
 * with a reason or leaves the packet unmatched, and the engine counts and
 * traces what it decided. Bindings a handler learns it reports through
 * BindingCreated and BindingExpired, which the engine passes on as its
 * MappingCreated and MappingExpired (with its outside address filled in).
 *
 * Every handler also keeps, for the engine's stateless inbound fragment
 * guess (Fragments=Forward), which inside host last sent each protocol to
 * each remote address through a mapping (NoteOutbound, LastSender).
 */
class NatOtherProtocolHandler : public Object
{
  public:
    /// IP protocol number of ESP (RFC 4303), the protocol most handlers are about.
    static constexpr uint8_t ESP_PROTOCOL = 50;

    static TypeId GetTypeId();
    NatOtherProtocolHandler();
    ~NatOtherProtocolHandler() override;

    /// Translate, drop or leave unmatched one packet (see NatOtherPacket).
    virtual NatOtherPacket::Verdict Translate(NatOtherPacket& packet);
    /// Expire what has been idle longer than \p timeout (the engine's sweep).
    virtual void Sweep(Time timeout);
    /// Whether the handler holds bindings that Sweep expires (the engine
    /// keeps its sweep running while it does).
    virtual bool HasBindings() const;
    /// Lose everything learnt, as a power cycle does; overrides call this.
    virtual void Reboot();

    /**
     * An outbound packet of any protocol left through one of the engine's
     * mappings (\p transport starts with its transport header, as it
     * arrived). Remembers the sender for LastSender, then LearnOutbound.
     */
    void NoteOutbound(uint8_t protocol,
                      Ipv4Address inside,
                      Ipv4Address remote,
                      Ptr<const Packet> transport);
    /**
     * The inside host that last sent \p protocol to \p remote through a
     * mapping (what Fragments=Forward guesses later inbound fragments go to).
     * \return false when none did
     */
    bool LastSender(uint8_t protocol, Ipv4Address remote, Ipv4Address& inside) const;

    /// ESP bindings reported created and expired (NatEngine::Stats).
    uint64_t GetBindingsCreated() const;
    uint64_t GetBindingsExpired() const;

  protected:
    /// What a subclass learns from outbound traffic with ports (the default: nothing).
    virtual void LearnOutbound(uint8_t protocol,
                               Ipv4Address inside,
                               Ipv4Address remote,
                               Ptr<const Packet> transport);
    /// Report a new binding (counted as one) or a dropped one, with the cause.
    void BindingCreated(const NatMappingInfo& binding, const std::string& cause);
    void BindingExpired(const NatMappingInfo& binding, const std::string& cause);

    /// (remote address, protocol) as one key.
    static uint64_t PeerKey(uint32_t peer, uint32_t value)
    {
        return (uint64_t{peer} << 32) | value;
    }

    /// An ESP binding of \p inside with \p peer (and \p spi, 0 for none), for the traces.
    static NatMappingInfo EspBinding(uint32_t inside, uint32_t peer, uint32_t spi);

    /// The first four bytes of \p packet (an ESP header's SPI, RFC 4303 2.1).
    static uint32_t ReadSpi(Ptr<const Packet> packet);

    TracedCallback<const NatMappingInfo&, const std::string&> m_createdTrace;
    TracedCallback<const NatMappingInfo&, const std::string&> m_expiredTrace;

  private:
    std::unordered_map<uint64_t, uint32_t> m_lastSender; ///< (remote, protocol) -> inside host
    uint64_t m_bindingsCreated{0};
    uint64_t m_bindingsExpired{0};
};

/**
 * \ingroup natt-nat
 * \brief OtherProtocols=AddressOnly: the address is translated through the
 * engine's mapping table, one inside host per protocol at a time; a second
 * host is dropped ("address-in-use", RFC 3715 2.1 j).
 */
class NatAddressOnlyHandler : public NatOtherProtocolHandler
{
  public:
    static TypeId GetTypeId();
    NatOtherPacket::Verdict Translate(NatOtherPacket& packet) override;
};

} // namespace ns3

#endif /* NATT_NAT_OTHER_PROTOCOL_HANDLER_H */
