/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_HOSTILE_TAG_H
#define NATT_HOSTILE_TAG_H

#include "ns3/tag.h"

namespace ns3
{

/**
 * \ingroup natt
 * \brief Marks a packet an adversary injected, with a number of its own,
 * so that a scenario can tell from a model's Drop trace which hostile
 * packet it dropped (RFC 3715 3: NAT traversal must add no new spoofing
 * or denial-of-service weakness; every hostile packet must be dropped and
 * counted). The tag never reaches the wire: it is simulation bookkeeping,
 * as FlowMonitor's are. Fragments and copies keep it.
 */
class HostileTag : public Tag
{
  public:
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    /// The hostile packet's number, unique within its adversary.
    void SetId(uint32_t id);
    uint32_t GetId() const;

  private:
    uint32_t m_id{0};
};

} // namespace ns3

#endif /* NATT_HOSTILE_TAG_H */
