/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What the entries of RFC 3715 2.1 e and of RFC 3715 section 3 share: the
// remote-access topology of the telecommuter scenario (clients behind
// NAPTs, a VPN gateway in front of a corporate subnet), IKE configured on
// both sides, and the reading of the models' counters into an outcome and
// a symptom code.

#ifndef NATT_CATALOGUE_REQ_COMMON_H
#define NATT_CATALOGUE_REQ_COMMON_H

#include "lab.h"
#include "scenario.h"

#include "ns3/ike-config.h"
#include "ns3/ike-daemon.h"
#include "ns3/ike-helper.h"
#include "ns3/node.h"

#include <memory>
#include <string>
#include <vector>

namespace natt
{
namespace req
{

/// The corporate subnet behind the gateway.
inline constexpr const char* kCorpNetwork = "192.168.100.0/24";
/// The prefix every home NAT uses inside, so clients behind different NATs
/// get the same private address (RFC 3715 3, telecommuter scenario).
inline constexpr const char* kHomeNetwork = "10.0.0.0/24";
/// The gateway's pool of inner addresses (IKEv2 CP, RFC 7296 2.19).
inline constexpr const char* kAddressPool = "172.30.0.1";

/// How IKE and IPsec are configured on both sides for one variant.
struct IkeSetup
{
    uint8_t version{2};
    /// What the clients offer and what the gateway offers.
    ns3::IkePeerConfig::NatTraversal clientNatTraversal{ns3::IkePeerConfig::NATT_RFC};
    ns3::IkePeerConfig::NatTraversal gatewayNatTraversal{ns3::IkePeerConfig::NATT_RFC};
    ns3::IpsecMode mode{ns3::IPSEC_MODE_TUNNEL};
    /// Clients ask for an inner address and the gateway hands them out.
    bool virtualIp{false};
    /// Clients pretend to be behind a NAT to force encapsulation (RFC 7296 2.23).
    bool forceEncapsulation{false};
    /// Child SA lifetime and rekey margin (0 margin: no rekey on expiry).
    ns3::Time childLifetime{ns3::Hours(1)};
    ns3::Time childRekeyMargin{ns3::Seconds(0)};
    /// Initiators set up SAs with a gateway they find behind a NAT
    /// (IkeDaemon::AllowResponderBehindNat; false: Windows since XP SP2).
    bool allowResponderBehindNat{true};

    /// Neither side offers NAT traversal: how the variants that show the problem start.
    void WithoutNatTraversal()
    {
        clientNatTraversal = ns3::IkePeerConfig::NATT_NONE;
        gatewayNatTraversal = ns3::IkePeerConfig::NATT_NONE;
    }
};

/// Where the clients and the gateway sit (RFC 3715 3).
struct Topology
{
    uint32_t clients{1};
    /// Preset of each client's NAT; empty: the clients have public addresses.
    std::string clientNat{"port-preserving"};
    /// Every client behind one NAT instead of one NAT each.
    bool sharedNat{false};
    /// Preset of an ISP NAT the clients' NATs sit behind; empty: none.
    std::string outerNat;
    /// The gateway in a privately addressed DMZ behind this NAT preset,
    /// with UDP 500 and 4500 forwarded to it; empty: a public gateway.
    std::string gatewayNat;
    /// Whether gatewayNat forwards UDP 500 and 4500 to the gateway (its
    /// PortForwarding attribute, which a user's --set replaces); without,
    /// nothing from outside reaches the gateway (RFC 3715 2.1 h).
    bool gatewayForwarding{true};
};

/// The traffic: UDP echo from every client, one server port per client.
struct Traffic
{
    uint32_t packets{10};
    ns3::Time interval{ns3::MilliSeconds(100)};
    uint32_t size{200};
    ns3::Time start{ns3::Seconds(2)};
    ns3::Time stop{ns3::Seconds(5)};
};

/// What the counters say about one run, and the row it gives.
struct Observation
{
    uint32_t clients{0};
    uint64_t requestsSent{0};
    uint64_t repliesReceived{0};
    uint64_t repliesFromOwnServer{0};
    uint64_t misdelivered{0};
    uint64_t espDeliveredGateway{0};
    uint64_t espDeliveredClients{0};
    uint64_t espEncapsulated{0};
};

/**
 * The telecommuter scenario of RFC 3715 3 on the Lab: clients "client-1"
 * ... behind "nat-1" ... (or all behind "nat"), optionally behind an ISP
 * NAT "isp-nat"; the gateway "gateway" in front of the corporate subnet
 * 192.168.100.0/24 with the echo server "server" (transport mode: the
 * gateway serves the echo itself), optionally in a DMZ behind "dmz-nat".
 */
class RemoteAccess
{
  public:
    RemoteAccess(const std::string& id,
                 const RunContext& context,
                 const Topology& topology,
                 const IkeSetup& ike,
                 const Traffic& traffic);

    /// Build the topology and IKE, without running (for entries that add
    /// events of their own before Run).
    void Setup();
    /// Run the simulation until the traffic's stop time.
    void Run();

    Lab& GetLab();
    ns3::Ptr<ns3::Node> GetGateway() const;
    const std::vector<ns3::Ptr<ns3::Node>>& GetClients() const;

    /// What the counters and traces say.
    Observation Observe() const;
    /**
     * Fill \p row's outcome, symptom and metrics: "works" when every echo
     * request came back from its own server through ESP and nothing was
     * delivered to the wrong client; otherwise the symptom the counters
     * explain (see Classify).
     */
    void Fill(ResultRow& row) const;

  private:
    struct State;
    std::shared_ptr<State> m_state;
};

/**
 * The symptom code of a failed run, from the counters that explain it,
 * most specific first: spd-overlap-misdelivery, esp-blocked-by-firewall,
 * esp-dropped-by-nat, server-behind-nat-refused (an initiator's policy),
 * ike-failed, the IPsec drop reasons
 * (selector-mismatch, l4-checksum-invalid, ...), nat-mapping-lost, and
 * traffic-lost when nothing explains the loss.
 */
std::string Classify(const Lab& lab, uint64_t misdelivered, uint64_t ikeSasExpected);

/**
 * Build, run and read one remote-access variant: the row of \p scenario
 * for \p context, outcome and symptom from RemoteAccess::Fill.
 */
ResultRow RunRemoteAccess(const Scenario& scenario,
                          const RunContext& context,
                          const Topology& topology,
                          const IkeSetup& ike,
                          const Traffic& traffic = Traffic());

/// An IKE helper with short retransmissions, so a failing variant fails fast.
ns3::IkeHelper MakeIkeHelper(const RunContext& context);

/// The pre-shared key and identities every req entry uses.
ns3::IkePeerConfig BaseConfig(const std::string& name, uint8_t version);

/**
 * Remote-access clients with a gateway-assigned inner address (IKEv2 CP)
 * use it as a host's virtual IP: \p client's tunnel interface gets the
 * address and the remote subnet is routed into it, as strongSwan installs
 * a virtual IP on the host.
 */
void UseVirtualIps(ns3::Ptr<ns3::Node> client);

/// Rekeys asked for and rekeys seen done.
struct RekeyLog
{
    uint32_t requested{0};
    uint32_t childRekeys{0};
    uint32_t ikeRekeys{0};
};

/**
 * What an administrator's "rekey now" does (strongSwan's swanctl --rekey):
 * rekey the current child SA of \p daemon's newest IKE SA, and a second
 * later count in \p log whether a new child SA took its place.
 */
void RekeyChild(ns3::Ptr<ns3::IkeDaemon> daemon, uint8_t version, RekeyLog* log);

/// The same for the IKE SA itself.
void RekeyIke(ns3::Ptr<ns3::IkeDaemon> daemon, uint8_t version, RekeyLog* log);

} // namespace req
} // namespace natt

#endif /* NATT_CATALOGUE_REQ_COMMON_H */
