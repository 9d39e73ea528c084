/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_PASSTHROUGH_ROUTERS_H
#define NATT_NAT_PASSTHROUGH_ROUTERS_H

#include "nat-spi-passthrough.h"

#include "ns3/ike-ports.h"

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Design 1 of the home routers' "IPsec passthrough" (Wikipedia, NAT
 * traversal): ESP serialised to one inside host at a time. The first inside
 * host that sends ESP holds it, whatever the server, until it has been idle
 * for OtherMappingTimeout; inbound ESP goes to it, and another host's ESP
 * is dropped ("esp-passthrough-busy"). Other protocols without ports are
 * dropped.
 */
class NatOneHostPassthrough : public NatOtherProtocolHandler
{
  public:
    /// Outbound ESP from a second inside host while another holds passthrough.
    static constexpr const char* PASSTHROUGH_BUSY_DROP = "esp-passthrough-busy";

    static TypeId GetTypeId();
    NatOtherPacket::Verdict Translate(NatOtherPacket& packet) override;
    void Sweep(Time timeout) override;
    bool HasBindings() const override;
    void Reboot() override;

  protected:
    /// Which ESP one inside host holds: here all of it (one slot for every server).
    virtual uint32_t SlotOf(Ipv4Address server) const;
    /// Why another host's outbound ESP is dropped while the slot is held.
    virtual const char* BusyReason() const;

  private:
    struct Holder
    {
        uint32_t insideAddress;
        uint32_t server;     ///< the server the binding was made for (traces)
        int64_t lastRefresh; ///< nanoseconds
    };

    std::unordered_map<uint32_t, Holder> m_holders; ///< slot -> inside host
};

/**
 * \ingroup natt-nat
 * \brief Design 2: one inside host per remote server. ESP to and from a
 * server belongs to the inside host that first sent ESP to it (until idle
 * for OtherMappingTimeout); another host's ESP to that server is dropped
 * ("esp-server-busy"), while hosts talking to different servers pass.
 */
class NatPerServerPassthrough : public NatOneHostPassthrough
{
  public:
    /// Outbound ESP to a server another inside host holds.
    static constexpr const char* SERVER_BUSY_DROP = "esp-server-busy";

    static TypeId GetTypeId();

  protected:
    uint32_t SlotOf(Ipv4Address server) const override;
    const char* BusyReason() const override;
};

/**
 * \ingroup natt-nat
 * \brief Design 3: IKE cookie and SPI learning. The router watches IKE on
 * IkePort: each exchange's first message (responder cookie or SPI zero,
 * RFC 2408 3.1, RFC 7296 3.1) records its sender as the host that last
 * initiated to that server. The first inbound ESP of an SPI from the server
 * is paired with that host, and the SPI stays bound to it (NatSpiPassthrough
 * rules 1 and 3). When two hosts initiate to one server close together, the
 * earlier one's SPI is paired with the later one: misdelivered. Inbound ESP
 * from a server nobody initiated to is dropped ("esp-no-initiator"). Route
 * inbound IKE by cookie with Isakmp=CookieInspecting, as these routers do.
 */
class NatIkeLearningPassthrough : public NatSpiPassthrough
{
  public:
    /// Inbound ESP with a new SPI from a server no inside host initiated IKE to.
    static constexpr const char* NO_INITIATOR_DROP = "esp-no-initiator";

    static TypeId GetTypeId();
    void Sweep(Time timeout) override;
    void Reboot() override;

  protected:
    void LearnOutbound(uint8_t protocol,
                       Ipv4Address inside,
                       Ipv4Address remote,
                       Ptr<const Packet> transport) override;
    NatOtherPacket::Verdict GuessReceiver(NatOtherPacket& packet,
                                          Ipv4Address peer,
                                          Ipv4Address& inside) override;

  private:
    struct Initiator
    {
        uint32_t insideAddress;
        int64_t time; ///< nanoseconds
    };

    uint16_t m_ikePort;
    std::unordered_map<uint32_t, Initiator> m_initiators; ///< server -> last initiator
};

/**
 * \ingroup natt-nat
 * \brief "IPsec passthrough" switched off: ESP is dropped
 * ("esp-passthrough-disabled"), as are other protocols without ports
 * ("protocol-not-supported"); IKE and NAT-T's UDP 4500 pass as any UDP.
 */
class NatPassthroughDisabled : public NatOtherProtocolHandler
{
  public:
    /// ESP, with passthrough disabled.
    static constexpr const char* PASSTHROUGH_DISABLED_DROP = "esp-passthrough-disabled";

    static TypeId GetTypeId();
    NatOtherPacket::Verdict Translate(NatOtherPacket& packet) override;
};

} // namespace ns3

#endif /* NATT_NAT_PASSTHROUGH_ROUTERS_H */
