/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_PAYLOAD_INSPECTING_ISAKMP_H
#define NATT_NAT_PAYLOAD_INSPECTING_ISAKMP_H

#include "nat-isakmp-handler.h"

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Isakmp=PayloadInspecting (RFC 3715 2.3 p): knows a fixed set of
 * IKEv1 payloads in a fixed order and drops what it does not recognise
 * ("isakmp-payload-rejected"): Vendor ID, NAT-D, NAT-OA, IKEv2.
 */
class NatPayloadInspectingIsakmp : public NatIsakmpHandler
{
  public:
    static TypeId GetTypeId();
    bool Handles() const override;
    const char* Inspect(Ptr<const Packet> udp) override;
};

} // namespace ns3

#endif /* NATT_NAT_PAYLOAD_INSPECTING_ISAKMP_H */
