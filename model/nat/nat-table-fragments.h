/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_TABLE_FRAGMENTS_H
#define NATT_NAT_TABLE_FRAGMENTS_H

#include "nat-fragment-handler.h"

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Fragments=Table: later fragments follow the translation of their
 * datagram's first fragment; those that arrive before it are held until it
 * comes, or dropped when the state times out (RFC 3715 2.1 l).
 */
class NatTableFragments : public NatFragmentHandler
{
  public:
    static TypeId GetTypeId();
    void Process(NatFragmentContext& engine, Ptr<Packet> fragment, Ipv4Header header) override;

  private:
    /// The first fragment: translated, then the fragments held for it follow.
    void ProcessFirst(NatFragmentContext& engine,
                      State& state,
                      Ptr<Packet> fragment,
                      Ipv4Header header);
    /// Rewrites a later fragment's header the way its first was rewritten.
    static void RewriteLater(const NatFragmentContext& engine,
                             Ipv4Header& header,
                             uint32_t address,
                             bool idAssigned,
                             uint16_t id);
};

} // namespace ns3

#endif /* NATT_NAT_TABLE_FRAGMENTS_H */
