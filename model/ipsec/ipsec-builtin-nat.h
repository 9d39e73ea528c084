/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPSEC_BUILTIN_NAT_H
#define NATT_IPSEC_BUILTIN_NAT_H

#include "security-association.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <map>
#include <utility>

namespace ns3
{

class SecurityAssociationDatabase;

/**
 * \ingroup natt-ipsec
 * \brief draft-stenberg-ipsec-nat-traversal-00 3.4: the host NAT built
 * into a responder's IPsec stack, which makes peers with the same private
 * address unique (the draft's ISSUE2, 2.2.1).
 *
 * The draft's envelope restores the sender's original IPv4 source (3.2),
 * so two hosts behind different NATs that both use 10.0.0.2 arrive as the
 * same address. The built-in NAT maps each (perceived remote host,
 * perceived remote port) of a draft-stenberg transport-mode SA to an
 * address of its own internal network: after IPsec processing the source
 * of an inbound packet becomes that address (Inbound), and an outbound
 * packet to it goes out through the SA of that (host, port), addressed to
 * the peer's original address (SelectOutbound). Upper layers see one
 * address per peer, and the transport checksums are adjusted for each
 * rewrite (RFC 1624), as a host NAT does.
 *
 * IpsecStack uses it when its BuiltinNat attribute points to one.
 */
class IpsecBuiltinNat : public Object
{
  public:
    /// No address left in the internal network.
    static constexpr const char* POOL_EXHAUSTED_DROP = "builtin-nat-pool-exhausted";

    static TypeId GetTypeId();
    IpsecBuiltinNat();
    ~IpsecBuiltinNat() override;

    /// One peer as the built-in NAT knows it.
    struct Mapping
    {
        Ipv4Address perceived; ///< the peer's address as seen here (its NAT's)
        uint16_t port{0};      ///< the peer's UDP port as seen here
        Ipv4Address original;  ///< the source the peer's envelopes carry
        Ipv4Address internal;  ///< what upper layers see
    };

    /**
     * After IPsec processing of \p segment (an upper-layer \p protocol
     * segment) that arrived through \p sa: when \p sa is a draft-stenberg
     * transport SA, rewrite \p header's source to the internal address of
     * the SA's (host, port) and adjust the checksum. \return false when it
     * must be dropped (counted, POOL_EXHAUSTED_DROP)
     */
    bool Inbound(Ptr<const SecurityAssociation> sa,
                 Ptr<Packet>& segment,
                 uint8_t protocol,
                 Ipv4Header& header);

    /**
     * Before the SPD lookup of an outbound \p segment to \p destination:
     * when \p destination is an internal address, rewrite it to the peer's
     * original address (checksum adjusted) and \return the outbound SA of
     * the peer's (host, port) in \p sad; else nullptr (the SPD decides).
     */
    Ptr<SecurityAssociation> SelectOutbound(Ptr<Packet>& segment,
                                            uint8_t protocol,
                                            Ipv4Address source,
                                            Ipv4Address& destination,
                                            Ptr<const SecurityAssociationDatabase> sad);

    /// \return the mapping of internal address \p internal, or nullptr
    const Mapping* FindInternal(Ipv4Address internal) const;
    /// Every (host, port) mapped so far.
    uint64_t GetMappingCount() const;
    uint64_t GetInboundTranslated() const;
    uint64_t GetOutboundTranslated() const;
    uint64_t GetDropCount() const;

    /// (internal address, perceived host, perceived port, original address)
    typedef void (*MappingTracedCallback)(Ipv4Address internal,
                                          Ipv4Address perceived,
                                          uint16_t port,
                                          Ipv4Address original);
    /// (packet, reason)
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const char* reason);

  private:
    /// Rewrite \p segment's checksum for one pseudo-header address changing.
    static void AdjustChecksum(Ptr<Packet>& segment,
                               uint8_t protocol,
                               Ipv4Address from,
                               Ipv4Address to);

    Ipv4Address m_network;
    Ipv4Mask m_mask;
    uint32_t m_next{1};
    std::map<std::pair<uint32_t, uint16_t>, Mapping> m_byPeer;
    std::map<uint32_t, std::pair<uint32_t, uint16_t>> m_byInternal;
    uint64_t m_inbound{0};
    uint64_t m_outbound{0};
    uint64_t m_drops{0};
    TracedCallback<Ipv4Address, Ipv4Address, uint16_t, Ipv4Address> m_mappingTrace;
    TracedCallback<Ptr<const Packet>, const std::string&> m_translateTrace;
    TracedCallback<Ptr<const Packet>, const char*> m_dropTrace;
};

} // namespace ns3

#endif /* NATT_IPSEC_BUILTIN_NAT_H */
