/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_HOSTILE_PACKETS_H
#define NATT_HOSTILE_PACKETS_H

#include "ns3/crypto-types.h"
#include "ns3/ike-config.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup natt
 * \brief What is wrong with a hostile packet.
 */
enum class HostileKind : uint8_t
{
    TRUNCATED, ///< shorter than its fixed header (ISAKMP's 28 bytes, ESP's 8)
    MALFORMED, ///< the header parses, what follows does not
    OVERSIZED, ///< 3,000 bytes: IP fragments it, the receiver reassembles it
    WRONG_SPI, ///< SPIs of no SA the receiver holds
    SPOOFED,   ///< another's source address and SPI, bytes of the attacker's
    REPLAYED,  ///< an honest packet captured and sent again (HostilePacketSource::SendIp)
};

/// "truncated", "malformed", "oversized", "wrong-spi", "spoofed", "replayed".
std::string HostileKindName(HostileKind kind);

/**
 * \ingroup natt
 * \brief The payloads an adversary sends, written with model/wire's
 * formats (IsakmpHeader, IKE payloads) and then damaged as \p kind says.
 * Random bytes come from the caller's stream, so that a seed reproduces
 * a run.
 */
class HostilePackets
{
  public:
    /// Octets of an OVERSIZED payload: more than any link MTU of the lab.
    static constexpr uint32_t kOversize = 3000;

    /**
     * A well-formed IKEv2 IKE_SA_INIT request (RFC 7296 1.2): HDR(SPIi),
     * SA (\p proposal), KE (\p group, \p ke), Ni (\p nonce).
     */
    static Ptr<Packet> IkeSaInit(uint64_t spiI,
                                 const IkeProposal& proposal,
                                 const Bytes& ke,
                                 const Bytes& nonce);
    /// An IKE message damaged as \p kind says (SPOOFED and REPLAYED: WRONG_SPI's).
    static Ptr<Packet> Ike(HostileKind kind, Ptr<UniformRandomVariable> random);
    /**
     * An ESP packet (RFC 4303 2) damaged as \p kind says; \p spi and
     * \p sequence are used by MALFORMED and SPOOFED (another's SA), the
     * others pick their own.
     */
    static Ptr<Packet> Esp(HostileKind kind,
                           uint32_t spi,
                           uint32_t sequence,
                           Ptr<UniformRandomVariable> random);

  private:
    static Bytes RandomBytes(Ptr<UniformRandomVariable> random, uint32_t n);
};

} // namespace ns3

#endif /* NATT_HOSTILE_PACKETS_H */
