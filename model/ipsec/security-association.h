/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_SECURITY_ASSOCIATION_H
#define NATT_SECURITY_ASSOCIATION_H

#include "ipsec-selector.h"
#include "security-policy-database.h"

#include "ns3/ike-ports.h"
#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{

class IpsecCipherSuite;

/**
 * \ingroup natt-ipsec
 * \brief Algorithms and keys of one SA (RFC 4301 4.4.2.1).
 */
struct IpsecTransform
{
    enum Encryption : uint8_t
    {
        ENCR_NULL,       ///< RFC 2410: integrity only
        ENCR_AES_CBC,    ///< RFC 3602
        ENCR_AES_GCM_16, ///< RFC 4106, 16-byte ICV; needs no separate integrity
    };

    enum Integrity : uint8_t
    {
        INTEG_NONE,
        INTEG_HMAC_SHA1_96,      ///< RFC 2404
        INTEG_HMAC_SHA2_256_128, ///< RFC 4868
    };

    Encryption encryption{ENCR_AES_CBC};
    Integrity integrity{INTEG_HMAC_SHA2_256_128};
    /// For AES-GCM, the key followed by the 4-byte salt (RFC 4106 8.1).
    std::vector<uint8_t> encryptionKey;
    std::vector<uint8_t> integrityKey;
};

/**
 * \ingroup natt-ipsec
 * \brief How an SA's packets travel: as IP protocol 50/51 or inside UDP.
 */
struct IpsecEncapsulation
{
    enum Type : uint8_t
    {
        NONE,
        UDP_ENCAP, ///< RFC 3948 ESP-in-UDP
        STENBERG,  ///< draft-stenberg 3.2 envelope on the IKE port
    };

    Type type{NONE};
    uint16_t localPort{IKE_NAT_T_UDP_PORT};
    uint16_t remotePort{IKE_NAT_T_UDP_PORT};
};

/**
 * \ingroup natt-ipsec
 * \brief A sliding anti-replay window (RFC 4303 3.4.3 and appendix A) over
 * 32-bit sequence numbers. Check before the ICV is verified, Update only
 * after, so forged packets cannot move the window.
 */
class ReplayWindow
{
  public:
    explicit ReplayWindow(uint32_t size = 64);
    /// \return true when \p sequence is new and not left of the window
    bool Check(uint32_t sequence) const;
    void Update(uint32_t sequence);
    uint32_t GetSize() const;
    uint32_t GetHighest() const;

  private:
    bool Bit(uint32_t offset) const;
    void SetBit(uint32_t offset);

    uint32_t m_size;
    uint32_t m_highest{0};
    /// bit k set: sequence (m_highest - k) was seen
    std::vector<uint64_t> m_bits;
};

/**
 * \ingroup natt-ipsec
 * \brief One security association (RFC 4301 4.4.2): identified by SPI and
 * protocol, with its mode, endpoints, keys, encapsulation, selectors,
 * lifetimes, sequence state and counters.
 */
class SecurityAssociation : public SimpleRefCount<SecurityAssociation>
{
  public:
    enum Direction : uint8_t
    {
        OUTBOUND,
        INBOUND,
    };

    /// Fields set when the SA is installed (by manual keying or IKE).
    struct Parameters
    {
        uint32_t spi{0};
        Direction direction{OUTBOUND};
        IpsecProtocol protocol{IPSEC_PROTOCOL_ESP};
        IpsecMode mode{IPSEC_MODE_TRANSPORT};
        /// Outer (tunnel) or packet (transport) addresses, ours and the peer's.
        Ipv4Address localAddress;
        Ipv4Address remoteAddress;
        /**
         * The family ESP / AH travel in. IPv6 uses localAddress6 and
         * remoteAddress6 instead of the two above. A tunnel-mode SA's inner
         * family is its selector's, and may differ (RFC 4891 A.2: IPv6
         * inside ESP over IPv4).
         */
        IpsecFamily family{IPSEC_FAMILY_IPV4};
        Ipv6Address localAddress6;
        Ipv6Address remoteAddress6;
        /// Traffic the SA may carry; inbound packets are checked against it (RFC 4301 5.2).
        IpsecSelector selector;
        IpsecTransform transform;
        IpsecEncapsulation encapsulation;
        /// RFC 3948 NAT-OA: the addresses the peer's transport-mode checksums were computed with.
        Ipv4Address originalLocal;
        Ipv4Address originalRemote;
        /// The SPD entry that asked for this SA (0: none).
        uint32_t policyId{0};
        /// Lifetimes (RFC 4301 4.4.2.1); zero means unlimited.
        uint64_t softByteLimit{0};
        uint64_t hardByteLimit{0};
        Time softLifetime{Seconds(0)};
        Time hardLifetime{Seconds(0)};
        uint32_t replayWindowSize{64};
    };

    explicit SecurityAssociation(const Parameters& parameters);

    const Parameters& GetParameters() const;
    uint32_t GetSpi() const;

    /// Outbound: the next sequence number (RFC 4303 3.3.3 starts at 1).
    uint32_t NextSequence();
    /// \return true when another outbound packet would wrap the counter
    bool IsSequenceExhausted() const;
    ReplayWindow& GetReplayWindow();

    /// Count a packet of \p bytes that this SA carried.
    void AddTraffic(uint64_t bytes);
    uint64_t GetPackets() const;
    uint64_t GetBytes() const;
    /// The time the SA was installed.
    void SetInstallTime(Time now);
    bool IsHardExpired(Time now) const;
    bool IsSoftExpired(Time now) const;

    /// Where a UDP-encapsulated SA's peer is seen now (RFC 3948: a NAT may move it).
    void SetRemotePort(uint16_t port);
    void SetRemoteAddress(Ipv4Address address);

    /// The SA's keyed cipher contexts, built by the data plane on first use.
    std::shared_ptr<IpsecCipherSuite> GetCipherSuite() const;
    void SetCipherSuite(std::shared_ptr<IpsecCipherSuite> suite);

  private:
    Parameters m_parameters;
    uint32_t m_sequence{0};
    ReplayWindow m_replay;
    uint64_t m_packets{0};
    uint64_t m_bytes{0};
    Time m_installed;
    std::shared_ptr<IpsecCipherSuite> m_cipherSuite;
};

} // namespace ns3

#endif /* NATT_SECURITY_ASSOCIATION_H */
