/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What hostile-peer and ike-init-flood share: a telecommuter's IKEv2 SA
// through a NAT to a corporate gateway, and an attacker on the Internet.
#ifndef NATT_HOSTILE_COMMON_H
#define NATT_HOSTILE_COMMON_H

#include "ike-common.h"
#include "lab.h"

#include <memory>

namespace natt
{
namespace hostile
{

/// The honest parties, their IKE daemons and configurations, and the attacker.
struct Site
{
    ikecommon::Corporate corporate;
    ns3::Ptr<ns3::Node> nat;  ///< port-preserving, in front of host-a
    ns3::Ptr<ns3::Node> host; ///< host-a
    std::shared_ptr<Adversary> attacker;
    ns3::Ptr<ns3::IkeDaemon> hostDaemon;
    ns3::Ptr<ns3::IkeDaemon> gatewayDaemon;
    ns3::IkePeerConfig client;  ///< host-a's peer "gateway"
    ns3::IkePeerConfig gateway; ///< the gateway's responder configuration
};

/**
 * Build \p lab: the corporate site, host-a behind "nat", "attacker" on a
 * public address; IKEv2 with NAT-T on host-a and the gateway, host-a
 * initiating at \p start.
 */
Site BuildSite(Lab& lab, const RunContext& context, ns3::Time start);

} // namespace hostile
} // namespace natt

#endif /* NATT_HOSTILE_COMMON_H */
