/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IPSEC_BYPASS_TAG_H
#define NATT_IPSEC_BYPASS_TAG_H

#include "ns3/tag.h"

namespace ns3
{

/**
 * \ingroup natt-ipsec
 * \brief Marks a packet that IPsec or IKE generated itself (IKE messages,
 * ESP-in-UDP, NAT-keepalives, heartbeats), so that IpsecStack's outbound
 * interceptor passes it to IP without an SPD lookup.
 *
 * Real IKE daemons get the same effect from a per-socket bypass policy
 * (Linux IP_IPSEC_POLICY / XFRM_POLICY_ALLOW on the IKE socket): without it
 * an SPD entry that covers all traffic to the peer would catch IKE itself.
 * The interceptor removes the tag before the packet leaves the node.
 */
class IpsecBypassTag : public Tag
{
  public:
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;
};

} // namespace ns3

#endif /* NATT_IPSEC_BYPASS_TAG_H */
