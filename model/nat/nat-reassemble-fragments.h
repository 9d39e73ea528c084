/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_REASSEMBLE_FRAGMENTS_H
#define NATT_NAT_REASSEMBLE_FRAGMENTS_H

#include "nat-fragment-handler.h"

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Fragments=Reassemble: the NAT reassembles each datagram (RFC 791
 * 3.2) and translates it whole, as RFC 3715 2.2 m asks; the outgoing
 * interface fragments it again if it is larger than its MTU.
 */
class NatReassembleFragments : public NatFragmentHandler
{
  public:
    static TypeId GetTypeId();
    void Process(NatFragmentContext& engine, Ptr<Packet> fragment, Ipv4Header header) override;

  private:
    /**
     * The datagram \p held (sorted by offset) make up, with its header
     * (offset 0, last fragment, the whole length), once none is missing.
     * \return nullptr while a fragment is missing
     */
    static Ptr<Packet> Reassemble(const std::vector<std::pair<Ptr<Packet>, Ipv4Header>>& held,
                                  Ipv4Header& header);
};

} // namespace ns3

#endif /* NATT_NAT_REASSEMBLE_FRAGMENTS_H */
