/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_ENGINE_H
#define NATT_NAT_ENGINE_H

#include "nat-alg.h"
#include "nat-filtering-behaviour.h"
#include "nat-fragment-handler.h"
#include "nat-isakmp-handler.h"
#include "nat-mapping-behaviour.h"
#include "nat-mapping-table.h"
#include "nat-mapping-timers.h"
#include "nat-other-protocol-handler.h"
#include "nat-port-allocator.h"

#include "ns3/drop-counter.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief The translation engine of a NAPT (RFC 3022) whose behaviour is a set
 * of attributes: RFC 4787 mapping and filtering, port allocation, timeouts,
 * the handling of IPsec (ESP, ISAKMP) and of fragments that RFC 3715 2.1-2.3
 * describes breaking IPsec.
 *
 * The engine knows packets only as an Ipv4Header and the bytes after it; it
 * is driven by NatRoutingProtocol, which decides the direction from the
 * interface a packet arrived on, so the same engine works over any kind of
 * NetDevice. Each packet either leaves through the emit callback (zero, one
 * or several packets: a held fragment can be released later) or is dropped
 * with a named reason, a trace and a counter.
 *
 * Mappings live in a NatMappingTable (O(1) lookup and creation); they
 * expire lazily on lookup and in a periodic sweep, after the idle times of
 * the engine's NatMappingTimers.
 */
class NatEngine : public Object
{
  public:
    /// RFC 4787 4.1 mapping and RFC 4787 5 filtering behaviours: the stock
    /// NatMappingBehaviour and NatFilteringBehaviour subclasses.
    enum Behaviour : uint8_t
    {
        ENDPOINT_INDEPENDENT,
        ADDRESS_DEPENDENT,
        ADDRESS_AND_PORT_DEPENDENT,
    };

    /// RFC 4787 4.2.1 port assignment: the stock NatPortAllocator subclasses.
    enum PortAllocation : uint8_t
    {
        PORT_PRESERVE,   ///< keep the inside port when free, else sequential
        PORT_SEQUENTIAL, ///< the next free port of the range
        PORT_RANDOM,     ///< a random free port of the range
    };

    /// Which packets restart a mapping's timer (RFC 4787 REQ-6): NatMappingTimers' Refresh.
    enum Refresh : uint8_t
    {
        REFRESH_OUTBOUND = NatMappingTimers::REFRESH_OUTBOUND,
        REFRESH_BIDIRECTIONAL = NatMappingTimers::REFRESH_BIDIRECTIONAL,
    };

    /// Protocols other than UDP, TCP and ICMP (RFC 3715 2.1 j, f): the stock
    /// NatOtherProtocolHandler subclasses.
    enum OtherProtocols : uint8_t
    {
        OTHER_DROP,            ///< NAPT that only knows ports
        OTHER_ADDRESS_ONLY,    ///< one inside host at a time per protocol
        OTHER_SPI_PASSTHROUGH, ///< ESP demultiplexed by (peer, SPI); others dropped
        OTHER_SPI_BLOCKS,      ///< ESP demultiplexed by the inside hosts' SPI blocks (DNAT)
        // The home routers' "IPsec passthrough" (Wikipedia, NAT traversal):
        OTHER_PASSTHROUGH_ONE_HOST,     ///< ESP serialised to one inside host at a time
        OTHER_PASSTHROUGH_PER_SERVER,   ///< one inside host per remote server
        OTHER_PASSTHROUGH_IKE_LEARNING, ///< new inbound SPIs to the server's last IKE initiator
        OTHER_PASSTHROUGH_DISABLED,     ///< ESP dropped
    };

    /// What the NAT does with IKE on the ISAKMP port (RFC 3715 2.2 n, o, 2.3 p):
    /// the stock NatIsakmpHandler subclasses.
    enum Isakmp : uint8_t
    {
        ISAKMP_NONE,
        ISAKMP_PORT500_SPECIAL,    ///< never translates source port 500
        ISAKMP_COOKIE_INSPECTING,  ///< port 500 kept, inbound IKE routed by initiator cookie
        ISAKMP_PAYLOAD_INSPECTING, ///< drops IKE with payload types or order it does not know
    };

    /// IPv4 fragments (RFC 3715 2.1 l, 2.2 m): the stock NatFragmentHandler subclasses.
    enum Fragments : uint8_t
    {
        FRAGMENTS_FORWARD,    ///< each fragment on its own; later inbound fragments guessed
        FRAGMENTS_DROP,       ///< drops every fragment
        FRAGMENTS_FIRST_ONLY, ///< passes first fragments, drops the others
        FRAGMENTS_TABLE,      ///< later fragments follow their first (held until it arrives)
        FRAGMENTS_REASSEMBLE, ///< reassembles, then translates the whole datagram
    };

    enum Direction : uint8_t
    {
        OUTBOUND, ///< arrived on an inside interface
        INBOUND,  ///< arrived on the outside interface
    };

    // Why a packet was dropped: each reason once, as ns-3's QueueDisc
    // declares its own (DropCounter); the string is what results,
    // `natt describe` and tests see.
    /// Inbound, and no mapping matches.
    static constexpr const char* NO_MAPPING_DROP = "no-mapping";
    /// Inbound for a mapping that timed out.
    static constexpr const char* MAPPING_EXPIRED_DROP = "mapping-expired";
    /// The mapping's filtering refused the remote endpoint (RFC 4787 5).
    static constexpr const char* FILTERED_DROP = "filtered";
    /// A protocol other than UDP, TCP and ICMP with OtherProtocols=Drop (RFC 3715 2.1 f).
    static constexpr const char* PROTOCOL_NOT_SUPPORTED_DROP = "protocol-not-supported";
    /// ICMP other than echo (errors included).
    static constexpr const char* ICMP_NOT_SUPPORTED_DROP = "icmp-not-supported";
    /// OtherProtocols=AddressOnly: the protocol is in use by another inside host.
    static constexpr const char* ADDRESS_IN_USE_DROP = "address-in-use";
    /// No free external port.
    static constexpr const char* PORTS_EXHAUSTED_DROP = "ports-exhausted";
    /// MaxMappings reached.
    static constexpr const char* TABLE_FULL_DROP = "table-full";
    /// MaxMappingsPerHost reached by the packet's inside host (RFC 6888 REQ-4).
    static constexpr const char* HOST_MAPPING_LIMIT_DROP = "host-mapping-limit";
    /// Too short for the header its protocol needs.
    static constexpr const char* TRUNCATED_DROP = "truncated";
    /// Not on the AllowList.
    static constexpr const char* FIREWALL_DROP = "firewall";
    /// Inside to the NAT's own outside address without hairpinning.
    static constexpr const char* HAIRPIN_DISABLED_DROP = "hairpin-disabled";
    /// Isakmp=CookieInspecting: an inbound initiator cookie no inside host sent (RFC 3715 2.2 n).
    static constexpr const char* IKE_COOKIE_UNKNOWN_DROP = "ike-cookie-unknown";
    /// Isakmp=PayloadInspecting: payload types or order it does not know (RFC 3715 2.3 p).
    static constexpr const char* ISAKMP_PAYLOAD_REJECTED_DROP = "isakmp-payload-rejected";
    /// Fragments=Drop: any fragment (RFC 3715 2.1 l).
    static constexpr const char* FRAGMENT_DROP = "fragment";
    /// Fragments=FirstOnly: a fragment that is not the first.
    static constexpr const char* FRAGMENT_NOT_FIRST_DROP = "fragment-not-first";
    /// Held fragments whose datagram never completed.
    static constexpr const char* FRAGMENT_TIMEOUT_DROP = "fragment-timeout";
    /// MaxHeldFragments reached.
    static constexpr const char* FRAGMENT_BUFFER_FULL_DROP = "fragment-buffer-full";
    /// A later fragment of a datagram whose first fragment was not seen or was dropped.
    static constexpr const char* FRAGMENT_UNKNOWN_DROP = "fragment-unknown";
    /// From outside straight to an inside address (BlockInboundToInside).
    static constexpr const char* INSIDE_ADDRESS_DROP = "inside-address";

    /// What the caller does with a packet the engine did not take.
    enum Verdict : uint8_t
    {
        HANDLED,         ///< emitted, held or dropped
        DELIVER_LOCALLY, ///< unmatched inbound packet for the NAT's own stack
    };

    /// Counters, for scenarios and tests.
    struct Stats
    {
        uint64_t translatedOutbound{0};
        uint64_t translatedInbound{0};
        uint64_t hairpinned{0};
        uint64_t mappingsCreated{0};
        uint64_t mappingsExpired{0};
        uint64_t mappingsRebound{0};    ///< moved to a new external port (Rebind)
        uint64_t espBindingsCreated{0}; ///< SPI-passthrough (peer, SPI) bindings
        uint64_t espBindingsExpired{0};
        uint64_t fragmentsHeld{0};
        uint64_t datagramsReassembled{0};
        uint64_t dropped{0};
        uint64_t liveMappings{0};
    };

    typedef std::function<void(Ptr<Packet>, const Ipv4Header&)> EmitCallback;

    /**
     * (packet, reason) for every drop; the packet starts with the IPv4
     * header it arrived with, so observers read protocol and ports from it.
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const char* reason);
    typedef void (*TranslateTracedCallback)(Ptr<const Packet> packet,
                                            const Ipv4Header& original,
                                            const Ipv4Header& translated,
                                            NatEngine::Direction direction);
    typedef void (*MappingTracedCallback)(const NatMappingInfo& mapping, const std::string& reason);
    typedef void (*ReboundTracedCallback)(const NatMappingInfo& before,
                                          const NatMappingInfo& after);

    static TypeId GetTypeId();
    /**
     * The engine attribute that sets attribute \p attribute of the
     * behaviour class \p tid (or of a class it derives from) on every
     * behaviour the engine creates: a default set on the behaviour's own
     * name would be overwritten at construction, so callers refuse it
     * (the `natt` command exits 2) rather than drop it in silence.
     * \return e.g. "ns3::NatEngine::UdpMappingTimeout"; empty when none
     */
    static std::string GetOverridingAttribute(TypeId tid, const std::string& attribute);
    NatEngine();
    ~NatEngine() override;

    /// The address mappings are made on (the outside interface's address).
    void SetOutsideAddress(Ipv4Address address);
    Ipv4Address GetOutsideAddress() const;

    /// A packet that arrived on an inside interface, bound outside.
    Verdict ProcessOutbound(Ptr<Packet> packet, const Ipv4Header& header, const EmitCallback& emit);
    /**
     * A packet that arrived on the outside interface for the outside
     * address. Echo requests are the node's own to answer (DELIVER_LOCALLY),
     * as are unmatched packets when DeliverUnmatchedLocally is set.
     */
    Verdict ProcessInbound(Ptr<Packet> packet, const Ipv4Header& header, const EmitCallback& emit);

    /**
     * A packet that arrived on the outside interface addressed straight to
     * an inside network (possible when the outside knows a route to it, e.g.
     * with global routing). \return true when it was dropped
     * ("inside-address"); false when it is to be routed as it is.
     */
    bool ProcessInboundToInside(Ptr<const Packet> packet, const Ipv4Header& header);

    /**
     * A static forwarding rule: inbound \p protocol packets to
     * \p externalPort go to \p insideAddress : \p insidePort from any remote
     * endpoint, and that inside endpoint's outbound packets keep
     * \p externalPort. Rules survive Reboot.
     */
    void AddPortForward(uint8_t protocol,
                        uint16_t externalPort,
                        Ipv4Address insideAddress,
                        uint16_t insidePort);

    /**
     * The SPI block of \p inside (3Com DNAT disclosure, "IPsec over DNAT"):
     * the first call for a host gives it the next free block of SpiBlockSize
     * SPIs from SpiBlockBase on, later calls the same block. With
     * OtherProtocols SpiBlocks, inbound ESP goes to the host whose block
     * holds its SPI, so a host that chooses its inbound SPIs in its block
     * gets exactly its own ESP (RFC 3715 2.1 f). This call stands for the
     * host asking its router for the block; it is the NatSpiBlocks
     * handler's (NatSpiBlocks::Allocate).
     * \return (first, last) SPI of the block; (0, 0) when none is left or
     * the handler gives no blocks
     */
    std::pair<uint32_t, uint32_t> AllocateSpiBlock(Ipv4Address inside);

    /// Loses every mapping and all fragment and ESP state, as a power cycle does.
    void Reboot();

    /**
     * A NAT rebinding: the live \p protocol mapping on \p externalPort
     * moves to another external port, chosen by the PortAllocator as for a
     * new mapping (never the old one, which is still taken while it
     * chooses). The inside endpoint, the remote endpoints it sent to and
     * its timer stay, so the inside host notices nothing; packets from
     * outside to the old port now meet no mapping ("no-mapping"). This is
     * what a peer sees when a NAT loses a mapping and makes it again on
     * another port, or a carrier-grade NAT renumbers (RFC 3948 and
     * RFC 7296 2.23 make the receiver of authenticated packets follow).
     * Fires MappingRebound. Forwarding rules and the shared ISAKMP port
     * (Isakmp Port500Special) are not moved.
     * \return the new external port; 0 when no such mapping lives or no port is free
     */
    uint16_t Rebind(uint8_t protocol, uint16_t externalPort);

    /// Drops for \p reason (one of the *_DROP names; 0 for another name), all when empty.
    uint64_t GetDropCount(const std::string& reason = "") const;
    /// Every reason dropped for so far, with its count (`natt live` prints them all).
    const DropCounter& GetDrops() const;
    Stats GetStats() const;
    /// Live mappings of UDP, TCP, ICMP and address-only protocols.
    std::size_t GetMappingCount() const;
    /// A snapshot of the live mappings (tests, scenario reports).
    std::vector<NatMappingInfo> GetMappings() const;

    /// How external ports are chosen (the PortAllocator attribute).
    void SetPortAllocator(Ptr<NatPortAllocator> allocator);
    Ptr<NatPortAllocator> GetPortAllocator() const;
    /// What IKE on the ISAKMP port gets (the IsakmpHandler attribute).
    void SetIsakmpHandler(Ptr<NatIsakmpHandler> handler);
    Ptr<NatIsakmpHandler> GetIsakmpHandler() const;
    /// Which remote endpoints select a mapping (the MappingBehaviour attribute).
    void SetMappingBehaviour(Ptr<NatMappingBehaviour> behaviour);
    Ptr<NatMappingBehaviour> GetMappingBehaviour() const;
    /// Who may send in through a mapping (the FilteringBehaviour attribute).
    void SetFilteringBehaviour(Ptr<NatFilteringBehaviour> behaviour);
    Ptr<NatFilteringBehaviour> GetFilteringBehaviour() const;
    /// Idle times and refresh rules (the MappingTimers attribute).
    void SetMappingTimers(Ptr<NatMappingTimers> timers);
    Ptr<NatMappingTimers> GetMappingTimers() const;
    /// What fragments and IP IDs get (the FragmentHandler attribute).
    void SetFragmentHandler(Ptr<NatFragmentHandler> handler);
    Ptr<NatFragmentHandler> GetFragmentHandler() const;
    /// What rewrites addresses in payloads (the Alg attribute).
    void SetAlg(Ptr<NatAlg> alg);
    Ptr<NatAlg> GetAlg() const;
    /// What protocols without ports get (the OtherProtocolHandler attribute).
    void SetOtherProtocolHandler(Ptr<NatOtherProtocolHandler> handler);
    Ptr<NatOtherProtocolHandler> GetOtherProtocolHandler() const;

    /// \return how many streams were assigned (one: the stream behaviours draw from)
    int64_t AssignStreams(int64_t stream);

    /// Expire what is due now (called by the periodic sweep; public for tests and benchmarks).
    void Sweep();

  protected:
    void DoDispose() override;

  private:
    using Mapping = NatMapping;
    using OutKey = NatMappingKey;

    /// A weak reference to a slab entry, valid while the generation matches.
    using MappingRef = NatMappingHandle;

    /// A parsed view of the first bytes of a transport header.
    struct L4
    {
        uint8_t bytes[20];
        uint32_t length{0}; ///< bytes copied into \c bytes
        uint16_t sourcePort{0};
        uint16_t destinationPort{0};
    };

    struct PortForward
    {
        uint32_t insideAddress;
        uint16_t insidePort;
    };

    /// Outcome of translating one packet.
    enum TranslateResult : uint8_t
    {
        TR_OK,
        TR_DROPPED,   ///< dropped, counted and traced
        TR_UNMATCHED, ///< inbound, no mapping: the caller decides
    };

    /// The engine as a fragment handler sees it, for one packet or one sweep.
    class FragmentContext;

    // Processing steps.
    bool IsFragment(const Ipv4Header& h) const;
    /// Hands a fragment to the FragmentHandler.
    void ProcessFragment(Direction dir, Ptr<Packet> p, Ipv4Header h, const EmitCallback& emit);
    /// Lets the FragmentHandler drop what timed out (the sweep).
    void ExpireFragments();
    /// NatFragmentContext::TranslateLater: \return a drop reason, or nullptr
    const char* TranslateLaterFragment(Direction dir, Ipv4Header& h);
    /// Translates a whole datagram or a first fragment in place; false when dropped.
    TranslateResult Translate(Direction dir, Ptr<Packet> p, Ipv4Header& h, bool firstFragment);
    TranslateResult TranslatePorts(Direction dir, Ptr<Packet> p, Ipv4Header& h, bool firstFragment);
    TranslateResult TranslateOther(Direction dir, Ptr<Packet> p, Ipv4Header& h);
    /// The engine as an ALG sees it.
    class AlgContext;
    /// Hands an outbound TCP segment of mapping \p index to the Alg.
    void ApplyAlg(uint32_t index, Ptr<Packet> p, Ipv4Header& h, uint8_t* tcp, bool firstFragment);
    /// NatAlgContext::OpenMapping.
    bool OpenAlgMapping(uint8_t protocol,
                        uint32_t inside,
                        uint16_t insidePort,
                        uint32_t remote,
                        uint16_t& externalPort);
    /// Address-only translation through the mapping table (NatAddressOnlyHandler).
    NatOtherPacket::Verdict TranslateAddressOnly(NatOtherPacket& packet);
    /// Passes the other-protocol handler's bindings on as the engine's traces.
    void OtherBindingCreated(const NatMappingInfo& binding, const std::string& cause);
    void OtherBindingExpired(const NatMappingInfo& binding, const std::string& cause);
    /// After outbound translation: hairpin or emit.
    void Finish(Direction dir,
                Ptr<Packet> p,
                Ipv4Header& h,
                const Ipv4Header& original,
                bool mayHairpin,
                const EmitCallback& emit);

    // ISAKMP.
    bool IsIke(uint8_t protocol, const L4& l4) const;

    // Firewall.
    bool Allowed(uint8_t protocol,
                 bool hasPorts,
                 uint16_t sourcePort,
                 uint16_t destinationPort) const;

    // Mapping table.
    Mapping* FindOutbound(const OutKey& key, uint32_t& index);
    /// \p expired tells a miss caused by a mapping that just timed out
    Mapping* FindInbound(uint8_t protocol, uint16_t externalPort, uint32_t& index, bool& expired);
    Mapping* Resolve(const MappingRef& ref);
    /// The table's expiry callback: counts and traces.
    void MappingExpired(uint32_t index, const Mapping& m, const std::string& reason);
    /**
     * Whether inside host \p inside may have one more mapping: the drop
     * reason when the table (MaxMappings) or the host's share of it
     * (MaxMappingsPerHost) is full, else nullptr.
     */
    const char* RefuseNewMapping(uint32_t inside) const;
    uint32_t CreateMapping(const OutKey& key,
                           uint16_t externalPort,
                           uint32_t peerAddress,
                           uint16_t peerPort,
                           bool open,
                           const char* cause);
    void ExpireMapping(uint32_t index, const std::string& reason);
    bool PortInUse(uint8_t protocol, uint16_t port);
    bool AllocatePort(uint8_t protocol, uint32_t inside, uint16_t wanted, uint16_t& port);
    void RememberPeer(Mapping& m, uint32_t address, uint16_t port);
    bool PeerPermitted(const Mapping& m, uint32_t address, uint16_t port) const;
    OutKey MakeOutKey(uint8_t protocol,
                      uint32_t inside,
                      uint16_t insidePort,
                      uint32_t remote,
                      uint16_t remotePort) const;
    NatMappingInfo Describe(const Mapping& m) const;
    void ScheduleSweep();

    void Drop(Ptr<const Packet> p, const Ipv4Header& h, const char* reason);

    // Attribute accessors.
    /// The old enum attributes choose the matching stock behaviour.
    void SetMapping(Behaviour mapping);
    Behaviour GetMapping() const;
    void SetFiltering(Behaviour filtering);
    Behaviour GetFiltering() const;
    void SetPortAllocation(PortAllocation allocation);
    PortAllocation GetPortAllocation() const;
    void SetIsakmp(Isakmp isakmp);
    Isakmp GetIsakmp() const;
    void SetFragments(Fragments fragments);
    Fragments GetFragments() const;
    // The FragmentHandler's attributes, under their old names.
    void SetFragmentTimeout(Time timeout);
    Time GetFragmentTimeout() const;
    void SetMaxHeldFragments(uint32_t packets);
    uint32_t GetMaxHeldFragments() const;
    void SetIpIdTranslation(bool translate);
    bool GetIpIdTranslation() const;
    /// FtpAlg=true chooses the stock NatFtpAlg, false no ALG.
    void SetFtpAlg(bool enable);
    bool GetFtpAlg() const;
    void SetFtpAlgPort(uint16_t port);
    uint16_t GetFtpAlgPort() const;
    void SetOtherProtocols(OtherProtocols other);
    OtherProtocols GetOtherProtocols() const;
    void SetSpiBlockBase(uint32_t base);
    uint32_t GetSpiBlockBase() const;
    void SetSpiBlockSize(uint32_t size);
    uint32_t GetSpiBlockSize() const;
    void SetPortForwarding(std::string spec);
    std::string GetPortForwarding() const;
    void SetAllowList(std::string spec);
    std::string GetAllowList() const;

    static uint32_t InKey(uint8_t protocol, uint16_t port)
    {
        return (uint32_t{protocol} << 16) | port;
    }

    static uint64_t PeerKey(uint32_t peer, uint32_t value)
    {
        return (uint64_t{peer} << 32) | value;
    }

    // Attributes.
    Ptr<NatMappingBehaviour> m_mappingBehaviour;
    Ptr<NatFilteringBehaviour> m_filteringBehaviour;
    Ptr<NatPortAllocator> m_portAllocator;
    uint16_t m_portMin;
    uint16_t m_portMax;
    bool m_hairpinning;
    Ptr<NatOtherProtocolHandler> m_otherHandler;
    Ptr<NatIsakmpHandler> m_isakmpHandler;
    uint16_t m_isakmpPort;
    Ptr<NatFragmentHandler> m_fragmentHandler;
    Ptr<NatAlg> m_alg;
    uint16_t m_ftpAlgPort{21}; ///< the Port the NatFtpAlg that FtpAlg creates gets
    uint32_t m_maxMappings;
    uint32_t m_maxMappingsPerHost{0};
    bool m_deliverUnmatchedLocally;
    bool m_blockInboundToInside;
    Time m_sweepInterval;
    std::string m_portForwardingSpec;
    std::string m_allowListSpec;
    uint32_t m_spiBlockBase{0x10000}; ///< SpiBlockBase, for a NatSpiBlocks the enum creates
    uint32_t m_spiBlockSize{0x10000};

    // State.
    Ipv4Address m_outside;
    NatMappingTable m_table;
    std::unordered_map<uint32_t, PortForward> m_forwards;
    std::unordered_map<uint64_t, uint16_t> m_forwardsByInside; ///< (inside, proto|port) -> ext
    std::vector<std::pair<uint8_t, int32_t>> m_allow;          ///< protocol, port (-1: any)
    Ptr<UniformRandomVariable> m_random;
    EventId m_sweepEvent;

    Stats m_stats;
    DropCounter m_drops;

    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, const Ipv4Header&, Direction>
        m_translateTrace;
    TracedCallback<const NatMappingInfo&, const std::string&> m_mappingCreatedTrace;
    TracedCallback<const NatMappingInfo&, const std::string&> m_mappingExpiredTrace;
    TracedCallback<const NatMappingInfo&, const NatMappingInfo&> m_mappingReboundTrace;
};

} // namespace ns3

#endif /* NATT_NAT_ENGINE_H */
