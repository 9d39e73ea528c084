/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_SPI_PASSTHROUGH_H
#define NATT_NAT_SPI_PASSTHROUGH_H

#include "nat-other-protocol-handler.h"

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief OtherProtocols=SpiPassthrough, "IPsec passthrough" by SPI (RFC 3715
 * 2.1 f): ESP keeps its SPI and gets the outside address; other protocols
 * without ports are dropped.
 *
 * Outbound ESP teaches the handler (inside host, peer, outbound SPI) and who
 * last sent ESP to each peer. Inbound ESP from a peer goes (1) to the host
 * already bound to (peer, SPI); (2) else to the host GuessReceiver names,
 * and (peer, SPI) is bound to it from then on; (3) else nowhere. Inbound
 * SPIs are chosen by the receiver and never seen leaving, so rule 2 is a
 * guess: here the inside host that most recently sent ESP to that peer,
 * which misdelivers as soon as two inside hosts talk to one peer.
 */
class NatSpiPassthrough : public NatOtherProtocolHandler
{
  public:
    static TypeId GetTypeId();
    NatOtherPacket::Verdict Translate(NatOtherPacket& packet) override;
    void Sweep(Time timeout) override;
    bool HasBindings() const override;
    void Reboot() override;

  protected:
    /**
     * Rule 2: which inside host gets the first ESP of an SPI \p peer never
     * sent before. \return TRANSLATED with \p inside set; else UNMATCHED
     * (the default, when no host sent ESP to \p peer within the timeout) or
     * DROPPED with the packet's reason
     */
    virtual NatOtherPacket::Verdict GuessReceiver(NatOtherPacket& packet,
                                                  Ipv4Address peer,
                                                  Ipv4Address& inside);

  private:
    /// A learnt ESP association.
    struct Binding
    {
        uint32_t insideAddress;
        int64_t lastRefresh; ///< nanoseconds
    };

    std::unordered_map<uint64_t, Binding> m_outbound;   ///< (peer, SPI) -> sender
    std::unordered_map<uint64_t, Binding> m_inbound;    ///< (peer, SPI) -> receiver
    std::unordered_map<uint32_t, Binding> m_lastSender; ///< peer -> last ESP sender
};

} // namespace ns3

#endif /* NATT_NAT_SPI_PASSTHROUGH_H */
