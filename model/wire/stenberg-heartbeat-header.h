/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_STENBERG_HEARTBEAT_HEADER_H
#define NATT_STENBERG_HEARTBEAT_HEADER_H

#include "stenberg-envelope-header.h"

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief The NAT-Traversal heartbeat of draft-stenberg-ipsec-nat-traversal-00
 *        (section 3.3.1, Figure 5), which keeps NAT mappings alive.
 *
 * Same pseudo-IKE frame as StenbergEnvelopeHeader, whose comment explains
 * the 18 octets (Figure 5) against the 17 of section 4.2: byte 0 is the
 * type (TYPE_HEARTBEAT), byte 1 the flag, bytes 2 to 16 unused (written as
 * zero, ignored), byte 17 the zero "IKE version".
 *
 * Deserialize refuses other types and a non-zero byte 17, but accepts any
 * flag: the draft tells the receiver to ignore other values (3.3.1), which
 * is the heartbeat logic's business once the packet is recognised.
 */
class StenbergHeartbeatHeader : public Header
{
  public:
    static constexpr uint32_t kSize = StenbergEnvelopeHeader::kFixedSize;

    /// Values of the heartbeat flag byte (draft-stenberg 3.3.1).
    enum HeartbeatFlag : uint8_t
    {
        FLAG_HEARTBEAT_PING = 0x01,
        FLAG_HEARTBEAT_REPLY = 0x02,
    };

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// \return 18, or 0 when refused (see GetParseError)
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// A flag no enumerator names is kept as it is (the underlying uint8_t holds any byte).
    void SetFlag(HeartbeatFlag flag);
    HeartbeatFlag GetFlag() const;
    bool IsPing() const;
    bool IsReply() const;

    StenbergEnvelopeHeader::ParseError GetParseError() const;

  private:
    uint8_t m_flag{FLAG_HEARTBEAT_PING};
    StenbergEnvelopeHeader::ParseError m_parseError{StenbergEnvelopeHeader::PARSE_OK};
};

} // namespace ns3

#endif /* NATT_STENBERG_HEARTBEAT_HEADER_H */
