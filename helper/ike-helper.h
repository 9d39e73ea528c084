/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_HELPER_H
#define NATT_IKE_HELPER_H

#include "ns3/ike-daemon.h"
#include "ns3/ipsec-helper.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief Runs IKE on real nodes: installs the IPsec data plane (when the
 * node has none), an IkeDaemon speaking IKEv1 and IKEv2 over the node's UDP
 * ports 500 and 4500, and wires the daemon to the data plane:
 *
 * - child SAs go into the node's SPD and SAD;
 * - tunnel-mode child SAs get a route for their remote subnet into the
 *   stack's tunnel interface (route-based VPN, RFC 4891 A.1), so that
 *   unmodified applications are protected;
 * - when NAT detection finds this side behind a NAT, RFC 3948 2.3
 *   NAT-keepalives keep the mapping of UDP 4500 open (with draft-stenberg
 *   NAT-T the IKE initiator sends the draft's heartbeat instead, 3.3);
 *   they stop when the last IKE SA with that peer is gone;
 * - traffic that matches a PROTECT policy without an SA (the kernel's
 *   ACQUIRE, RFC 4301 5.1) starts the peer whose child selector covers it.
 *
 * Install after the routing tables are set up
 * (Ipv4GlobalRoutingHelper::PopulateRoutingTables), as for IpsecHelper:
 * the tunnel interface is not a link the global router can describe.
 * Peers are then added to the daemon (GetDaemon(node)->AddPeer).
 */
class IkeHelper
{
  public:
    IkeHelper();

    /// Set an attribute of the IkeDaemons this helper creates.
    void SetDaemonAttribute(const std::string& name, const AttributeValue& value);
    /// Set an attribute of the IpsecStacks this helper creates (nodes without one).
    void SetStackAttribute(const std::string& name, const AttributeValue& value);
    /// Start NAT-keepalives / heartbeats behind a NAT (default true; RFC 3715 2.2 k needs false).
    void SetKeepalives(bool enabled);

    /// Install on \p node. \return the node's daemon (the existing one if already installed)
    Ptr<IkeDaemon> Install(Ptr<Node> node) const;
    void Install(NodeContainer nodes) const;

    /// \return the daemon on \p node, or nullptr
    static Ptr<IkeDaemon> GetDaemon(Ptr<Node> node);

    /// Schedule \p node's daemon to initiate to its peer \p peerName at absolute time \p at.
    static void Initiate(Ptr<Node> node, const std::string& peerName, Time at);

    /**
     * Fix the random streams of the daemons (SPIs, nonces, DH values) and
     * IPsec stacks (IVs) on \p nodes, from \p stream on.
     * \return how many streams were used
     */
    static int64_t AssignStreams(NodeContainer nodes, int64_t stream);

    /**
     * Write everything Wireshark needs to decrypt a capture of \p nodes'
     * IKE and ESP into \p folder, under Wireshark's own file names: esp_sa
     * (the SAs in the SADs, and every SA IKE installed, rekeyed and deleted
     * ones included), ikev2_decryption_table, ikev1_decryption_table, and a
     * preferences file turning ESP decryption on. Use the folder as
     * tshark's configuration folder (WIRESHARK_CONFIG_DIR) or copy it
     * into a profile. \return false when a file cannot be written
     */
    static bool WriteWiresharkProfile(const std::string& folder, NodeContainer nodes);

  private:
    ObjectFactory m_daemonFactory;
    IpsecHelper m_ipsec;
    bool m_keepalives{true};
};

} // namespace ns3

#endif /* NATT_IKE_HELPER_H */
