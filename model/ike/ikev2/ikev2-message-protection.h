/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_MESSAGE_PROTECTION_H
#define NATT_IKEV2_MESSAGE_PROTECTION_H

#include "ikev2-keys.h"

#include "ns3/ike-message.h"
#include "ns3/ike-sa.h"
#include "ns3/packet.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-ikev2
 * \brief The message codec of one IKEv2 SA: it wraps a plaintext message
 * in an Encrypted payload (SK, RFC 7296 3.14), or in Encrypted Fragment
 * payloads (SKF, RFC 7383 2.5) when the message would exceed the
 * configured size and both peers announced IKEV2_FRAGMENTATION_SUPPORTED,
 * and takes received ones apart again, reassembling fragments (RFC 7383
 * 2.6).
 *
 * It is kept apart from the task manager, which only sequences exchanges,
 * as strongSwan's libcharon keeps message encryption in message.c and out
 * of task_manager_v2.c. AES-CBC with an HMAC ICV is the one transform.
 */
class Ikev2MessageProtection
{
  public:
    /// Source of the IVs: n random bytes (the daemon's stream, so runs repeat).
    using RandomBytes = std::function<Bytes(uint32_t n)>;

    /**
     * Protect messages of \p sa: its role picks the key of each direction
     * (SK_ei / SK_er, RFC 7296 2.14), its configuration the fragment size.
     */
    Ikev2MessageProtection(Ptr<IkeSa> sa, RandomBytes random);

    /// \p plain encrypted under \p keys: one SK message, or its SKF fragments.
    std::vector<Ptr<Packet>> Protect(const IkeMessage& plain, const Ikev2Keys& keys) const;
    /**
     * Unprotect \p wire into \p plain with \p keys (nullptr: none yet).
     * \return false with \p reason on failure; true with \p complete false
     * while fragments are missing.
     */
    bool Unprotect(const IkeMessage& wire,
                   const Ikev2Keys* keys,
                   IkeMessage& plain,
                   bool& complete,
                   std::string& reason);

    /// \p message serialized into a packet of its own.
    static Ptr<Packet> ToPacket(const IkeMessage& message);
    /// The bytes of \p packet.
    static Bytes ToBytes(Ptr<const Packet> packet);

  private:
    /// One SK (\p fragment 0) or SKF (fragment \p fragment of \p total) message.
    Ptr<Packet> Encrypt(const IkeMessage& header,
                        const Ikev2Keys& keys,
                        IkePayloadType firstInner,
                        const Bytes& inner,
                        uint16_t fragment,
                        uint16_t total) const;

    Ptr<IkeSa> m_sa;
    RandomBytes m_random;
    /// RFC 7383 2.6 reassembly: message ID, fragment number -> plaintext.
    uint32_t m_fragmentId{0};
    uint16_t m_fragmentTotal{0};
    IkePayloadType m_fragmentFirstType{IKE_PAYLOAD_NONE};
    std::map<uint16_t, Bytes> m_fragments;
};

} // namespace ns3

#endif /* NATT_IKEV2_MESSAGE_PROTECTION_H */
