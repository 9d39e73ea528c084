/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What the RFC 3715 2.1-2.3 IKE entries share: the remote-access site
// (a VPN gateway in front of a corporate LAN), the IKE configurations of
// clients and gateway, gateway-initiated rekeys, and the counters that
// tell which host an IKE message reached (the NATs' drops are the Lab's).
#ifndef NATT_IKE_COMMON_H
#define NATT_IKE_COMMON_H

#include "lab.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-helper.h"
#include "ns3/nat-engine.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace natt
{
namespace ikecommon
{

/// The corporate LAN behind the gateway (private: reachable only through the tunnel).
const char* const kCorporateNet = "172.16.0.0/24";
/// Every home LAN behind a NAT.
const char* const kHomeNet = "10.0.0.0/24";
/// The UDP echo port of the entries' traffic.
const uint16_t kEchoPort = 7;
/**
 * The earliest second a gateway-driven rekey may be asked for in the
 * multi-host entries (rfc3715-d, rfc3715-o): their hosts start IKE at
 * 1 s + 250 ms per host, so with their 14 hosts the last phase 1 and 2
 * are done by about 4.4 s; a rekey due before that finds no SA to rekey.
 */
const double kEarliestRekeySeconds = 5;

/// The multi-host entries' (rfc3715-d, rfc3715-o) echo count: one request every 500 ms from
/// second 4.
ScenarioParameter EchoPacketsParameter();

/// "gateway", a public IPsec security gateway, and a host on its LAN.
struct Corporate
{
    ns3::Ptr<ns3::Node> gateway;
    ns3::Ptr<ns3::Node> server; ///< the host on the corporate LAN
};

/// Add the corporate site to \p lab (before Lab::Build); its LAN host is \p hostName.
Corporate AddCorporate(Lab& lab, const std::string& hostName = "server");

/// "none" (no NAT) and the name of every NAT preset (`natt nats`).
std::vector<std::string> PresetChoices();

/**
 * The IkeHelper of every entry: retransmissions after 1 s, growing by 1.5,
 * given up after 3 tries, so that an exchange nobody answers fails after
 * about 8 simulated seconds (strongSwan's defaults would take minutes).
 */
ns3::IkeHelper MakeIkeHelper(const RunContext& context);

/// The IKE flavour a client speaks.
struct Flavour
{
    uint8_t version{1};
    ns3::IkePeerConfig::Ikev1Mode mode{ns3::IkePeerConfig::MAIN_MODE};
    ns3::IkePeerConfig::NatTraversal natTraversal{ns3::IkePeerConfig::NATT_RFC};
};

/**
 * A remote-access client's peer definition "gateway": IKE from the
 * client's own address to the gateway, PSK, FQDN identities, one tunnel
 * child SA protecting the client's address <-> the corporate LAN.
 */
ns3::IkePeerConfig ClientConfig(const Lab& lab,
                                ns3::Ptr<ns3::Node> client,
                                const Corporate& corporate,
                                const Flavour& flavour);

/**
 * The gateway's responder definition "clients": any remote address, any
 * identity (the PSK authenticates), a tunnel child SA corporate LAN <->
 * whatever address the client proposes (IKEv1 IDci / IKEv2 TSi narrowed).
 */
ns3::IkePeerConfig GatewayConfig(const Lab& lab,
                                 const Corporate& corporate,
                                 const Flavour& flavour);

/**
 * What a daemon's traces report after a given time: SAs it established
 * as initiator, child SAs installed, failures. Used to see whether
 * rekeys completed.
 */
class DaemonWatch
{
  public:
    void Connect(ns3::Ptr<ns3::IkeDaemon> daemon, ns3::Time from);
    uint32_t GetInitiatedSas() const;
    uint32_t GetChildSas() const;
    uint32_t GetFailures() const;

  private:
    struct Counts
    {
        ns3::Time from;
        uint32_t initiated{0};
        uint32_t children{0};
        uint32_t failures{0};
    };

    std::shared_ptr<Counts> m_counts{std::make_shared<Counts>()};
};

/// Which SA a gateway-initiated rekey replaces.
enum class Rekey
{
    PHASE1, ///< a new ISAKMP / IKE SA with new cookies (RFC 3715 2.3 n)
    CHILD,  ///< the IPsec SAs (IKEv1 Quick Mode, IKEv2 CREATE_CHILD_SA)
};

/**
 * At \p at, \p node's daemon rekeys every established IKE SA it holds
 * (or their child SAs), whichever side started them, as a peer whose
 * lifetime runs out first does (RFC 2408, RFC 3715 3: IKE re-keys in
 * either direction). \return how many rekeys it started, filled when the
 * event runs
 */
std::shared_ptr<uint32_t> ScheduleRekeys(ns3::Ptr<ns3::Node> node, ns3::Time at, Rekey what);

/**
 * The outcome of a row whose checks all passed: "works", unless rekeys
 * were asked for (\p asked) and none was started (no SA was established
 * when they were due). Then the rekey the entry is about was never
 * exercised, and the row is "error" with symptom "rekey-not-started",
 * which no expectation matches.
 */
void SetWorksIfRekeyStarted(ResultRow& row, bool asked, uint32_t started);

/// A child SA of \p protocol: AH carries no cipher (RFC 4302); ESP keeps its AES-CBC.
void UseProtocol(ns3::IkeChildConfig& child, ns3::IpsecProtocol protocol);

/// Echo replies came back for every request of every flow, over ESP.
bool AllEchoesProtected(const Lab& lab,
                        const std::vector<ns3::Ptr<ns3::Node>>& clients,
                        const std::vector<std::shared_ptr<EchoFlow>>& flows);

/// The IKE messages \p node's daemon dropped for \p reason (0 without a daemon).
uint64_t DaemonDrops(ns3::Ptr<ns3::Node> node, const std::string& reason);

/// Fix the random streams of the IKE daemons and IPsec stacks of a lab.
void AssignStreams(const Lab& lab);

} // namespace ikecommon
} // namespace natt

#endif /* NATT_IKE_COMMON_H */
