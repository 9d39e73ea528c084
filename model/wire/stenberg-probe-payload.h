/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_STENBERG_PROBE_PAYLOAD_H
#define NATT_STENBERG_PROBE_PAYLOAD_H

#include "ike-payload.h"

#include "ns3/inet-socket-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The private NAT-Traversal probe payload of draft-stenberg (type 211).
 *
 * draft-stenberg-ipsec-nat-traversal-00 3.1.2 adds one private payload
 * to each of the two encrypted Main Mode messages, in one of two forms:
 *
 * - Message 5 (initiator, the probe): the identity of the responder as the
 *   initiator perceives it (address and port), then one or more of the
 *   initiator's local identities. The draft says only that this is "a
 *   series of Identification Payloads" of RFC 2407. natt encodes each
 *   identity as a complete IKEv1 Identification payload, 4-byte generic
 *   header included, placed back to back inside the body:
 *
 *       next payload (1)  5 before another identity, 0 after the last
 *       reserved (1)      0
 *       length (2)        12
 *       ID type (1)       ID_IPV4_ADDR (1)
 *       protocol ID (1)   17 (UDP: the identity is an IKE endpoint)
 *       port (2)
 *       address (4)
 *
 *   so a probe body is 12 bytes per identity and holds at least two
 *   (the perceived remote one and one local one). Keeping the generic
 *   headers makes the series self-delimiting the way RFC 2408 3.2 chains
 *   are, which is the most literal reading of "series of payloads".
 * - Message 6 (responder, the decision): a single byte, 0 when NAT
 *   traversal is not used and 1 when it is chosen.
 *
 * The body length tells the forms apart: one byte is a decision, anything
 * else must parse as a probe. Only IPv4 UDP identities are modelled;
 * anything else, a decision byte other than 0 or 1, or an identity whose
 * length or chaining is off, is malformed.
 */
class StenbergProbePayload : public IkePayload
{
  public:
    /// Which of the two messages' forms the payload holds.
    enum Form : uint8_t
    {
        PROBE,    ///< Main Mode message 5: identities
        DECISION, ///< Main Mode message 6: one byte
    };

    /// Size of one encoded identity: generic header and IPv4 ID body.
    static constexpr uint32_t kIdentitySize = 12;

    StenbergProbePayload();
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    /**
     * Make this a probe (message 5).
     * \param perceivedRemote the responder's address and port as the initiator sees them
     * \param localIdentities the initiator's own addresses and ports (at least one)
     */
    void SetProbe(const InetSocketAddress& perceivedRemote,
                  const std::vector<InetSocketAddress>& localIdentities);
    /// Make this a decision (message 6).
    void SetDecision(bool useNatTraversal);

    Form GetForm() const;
    /// \return the decision (false unless the form is DECISION)
    bool GetDecision() const;
    /// \return the perceived remote identity of a probe
    const InetSocketAddress& GetPerceivedRemote() const;
    /// \return the local identities of a probe (empty for a decision)
    const std::vector<InetSocketAddress>& GetLocalIdentities() const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    static void SerializeIdentity(Buffer::Iterator& i,
                                  const InetSocketAddress& identity,
                                  bool last);

    Form m_form{DECISION};
    bool m_decision{false};
    InetSocketAddress m_perceivedRemote{Ipv4Address(), 0};
    std::vector<InetSocketAddress> m_localIdentities;
};

} // namespace ns3

#endif /* NATT_STENBERG_PROBE_PAYLOAD_H */
