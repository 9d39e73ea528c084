/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-helper.h"

#include "ns3/ike-child-sa-installer.h"
#include "ns3/ike-udp-transport.h"
#include "ns3/ikev1-handler.h"
#include "ns3/ikev2-handler.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-encapsulation.h"
#include "ns3/wireshark-esp-sa.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeHelper");

namespace
{

/**
 * What joins one node's daemon to its data plane: trace sinks on the
 * daemon, the stack's ACQUIRE callback. It is aggregated to the node, so it
 * lives exactly as long as the node's daemon, stack and SAD; it points at
 * them, and their callbacks point at it, without owning (raw pointers):
 * a Ptr between two objects aggregated to one node keeps the whole
 * aggregate, node included, alive after Simulator::Destroy (ns-3 frees an
 * aggregate only when every member's count reaches zero). LeakSanitizer
 * found that cycle (scripts/sanitize-test.sh, natt bench telecommuters).
 */
class IkeDataPlaneLink : public Object
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("ns3::IkeDataPlaneLink").SetParent<Object>().SetGroupName("Natt");
        return tid;
    }

    IkeDataPlaneLink(Node* node, IkeDaemon* daemon, IpsecStack* stack, bool keepalives)
        : m_node(node),
          m_daemon(daemon),
          m_stack(stack),
          m_keepalives(keepalives)
    {
    }

    /// Every SA IKE installed on the node, replaced and deleted ones included.
    const std::vector<Ptr<SecurityAssociation>>& GetInstalled() const
    {
        return m_installed;
    }

    void OnInstall(Ptr<const SecurityAssociation> sa)
    {
        // A capture holds the ESP of SAs long gone from the SAD (rekeyed,
        // deleted); Wireshark needs their keys too.
        m_installed.push_back(ConstCast<SecurityAssociation>(sa));
    }

    void OnNatDetected(Ptr<const IkeSa> sa)
    {
        // Only the side behind the NAT has a mapping to keep (RFC 3948 2.3);
        // a faked NAT (RFC 7296 2.23) has none. IKEv1 detects the NAT in
        // the middle of phase 1 (RFC 3947 3.2): nothing is kept alive for
        // a peer that has not authenticated yet (OnEstablished does it).
        if (!m_keepalives || !sa->Has(IkeSa::COND_NAT_HERE) || !sa->Has(IkeSa::COND_AUTHENTICATED))
        {
            return;
        }
        Ptr<UdpEncapsulation> udp = m_stack->GetUdpEncapsulation();
        IkeEndpoint remote = sa->GetRemote();
        if (!sa->Has(IkeSa::COND_STENBERG) && !sa->Has(IkeSa::COND_FLOATED))
        {
            // IKEv1 reports NAT-D before the float (RFC 3947 4): the peer's
            // NAT-T port is where ESP-in-UDP and keepalives will go.
            remote.port = udp->GetNattPort();
        }
        Start(sa, remote);
    }

    void OnEstablished(Ptr<const IkeSa> sa)
    {
        if (sa->IsBehindNat())
        {
            OnNatDetected(sa);
        }
    }

    void OnChildSa(Ptr<const IkeSa> sa, const IkeChildSa& child)
    {
        // The child is installed while the node's traffic control layer
        // walks its protocol handlers for the packet that carried the last
        // message; adding the tunnel interface registers new handlers, so
        // the route waits until that packet is done.
        if (child.mode == IPSEC_MODE_TUNNEL && IkeChildSaInstaller::CanInstall(sa) &&
            child.selector.IsIpv6())
        {
            Simulator::ScheduleNow(&IkeDataPlaneLink::RouteIntoTunnel6,
                                   Ptr<IkeDataPlaneLink>(this),
                                   child.selector,
                                   sa->GetRemote().IsIpv6() ? sa->GetRemote().GetIpv6()
                                                            : Ipv6Address::GetAny());
        }
        else if (child.mode == IPSEC_MODE_TUNNEL && IkeChildSaInstaller::CanInstall(sa) &&
                 !sa->GetRemote().IsIpv6())
        {
            Simulator::ScheduleNow(&IkeDataPlaneLink::RouteIntoTunnel,
                                   Ptr<IkeDataPlaneLink>(this),
                                   child.selector,
                                   sa->GetRemote().GetIpv4());
        }
        // The keepalives must refresh the very mapping the ESP-in-UDP of the
        // child uses (RFC 3948 2.3); the child knows its final ports.
        if (m_keepalives && sa->Has(IkeSa::COND_NAT_HERE) && !sa->Has(IkeSa::COND_STENBERG) &&
            child.encapsulation.type == IpsecEncapsulation::UDP_ENCAP)
        {
            IkeEndpoint remote = sa->GetRemote();
            remote.port = child.encapsulation.remotePort;
            Start(sa, remote);
        }
    }

    void OnFailure(Ptr<const IkeSa> sa, const std::string& /* reason */)
    {
        Stop(PeekPointer(sa));
    }

    /// An IKE SA with keepalives changed state: deleted or replaced SAs stop theirs.
    void OnState(const IkeSa* sa, uint8_t /* oldState */, uint8_t newState)
    {
        if (newState == IkeSa::DESTROYED || newState == IkeSa::FAILED)
        {
            m_watched.erase(sa);
            Stop(sa);
        }
    }

    void OnAcquire(const IpsecPolicy& /* policy */, const IpsecTrafficKey& key)
    {
        for (const auto& peer : m_daemon->GetPeers())
        {
            if (peer.remote.IsAny())
            {
                continue; // a responder-only definition: nobody to call
            }
            bool covers = false;
            for (const auto& child : peer.children)
            {
                covers = covers || child.selector.Matches(key);
            }
            if (!covers || HasLiveSa(peer.name))
            {
                continue;
            }
            NS_LOG_INFO("acquire " << key.local << " -> " << key.remote << ": initiating "
                                   << peer.name);
            m_daemon->Initiate(peer.name);
            return;
        }
    }

  private:
    static bool IsLive(Ptr<const IkeSa> sa)
    {
        IkeSa::State state = sa->GetState();
        return state == IkeSa::CREATED || state == IkeSa::CONNECTING ||
               state == IkeSa::ESTABLISHED || state == IkeSa::REKEYING;
    }

    bool HasLiveSa(const std::string& peerName) const
    {
        for (const auto& sa : m_daemon->GetSas())
        {
            if (sa->GetConfig().name == peerName && IsLive(sa))
            {
                return true;
            }
        }
        return false;
    }

    struct Running
    {
        IkeEndpoint local;
        IkeEndpoint remote;
        bool heartbeat;
    };

    void Start(Ptr<const IkeSa> sa, const IkeEndpoint& remote)
    {
        Ptr<UdpEncapsulation> udp = m_stack->GetUdpEncapsulation();
        Running run;
        run.heartbeat = sa->Has(IkeSa::COND_STENBERG);
        if (run.heartbeat && !sa->IsInitiator())
        {
            return; // draft-stenberg 3.3: the initiator pings, the responder answers
        }
        run.local = sa->GetLocal();
        // The draft runs everything on the IKE port; RFC 3948 keepalives
        // leave from the NAT-T port, like the ESP-in-UDP they protect.
        run.local.port = run.heartbeat ? udp->GetIkePort() : udp->GetNattPort();
        run.remote = remote;
        auto it = m_running.find(PeekPointer(sa));
        if (it != m_running.end())
        {
            if (it->second.remote == run.remote && it->second.heartbeat == run.heartbeat)
            {
                return;
            }
            Halt(it->second);
            m_running.erase(it);
        }
        InetSocketAddress from(run.local.GetIpv4(), run.local.port);
        InetSocketAddress to(run.remote.GetIpv4(), run.remote.port);
        NS_LOG_INFO((run.heartbeat ? "heartbeat " : "keepalive ")
                    << run.local << " -> " << run.remote);
        if (run.heartbeat)
        {
            udp->StartHeartbeat(from, to);
        }
        else
        {
            udp->StartKeepalive(from, to);
        }
        if (!m_watched.count(PeekPointer(sa)))
        {
            // The daemon reports deletion of an SA only through the SA's
            // own State trace; the SA owns the sink, so it goes with it.
            m_watched.insert(PeekPointer(sa));
            Ptr<IkeSa> watched = ConstCast<IkeSa>(sa);
            watched->TraceConnectWithoutContext("State",
                                                MakeBoundCallback(&IkeDataPlaneLink::StateSink,
                                                                  Ptr<IkeDataPlaneLink>(this),
                                                                  PeekPointer(sa)));
        }
        m_running[PeekPointer(sa)] = run;
    }

    static void StateSink(Ptr<IkeDataPlaneLink> link,
                          const IkeSa* sa,
                          uint8_t oldState,
                          uint8_t newState)
    {
        link->OnState(sa, oldState, newState);
    }

    void Stop(const IkeSa* sa)
    {
        auto it = m_running.find(sa);
        if (it == m_running.end())
        {
            return;
        }
        Running run = it->second;
        m_running.erase(it);
        // A rekeyed IKE SA (RFC 7296 2.8, RFC 2409 phase-1 renewal) takes
        // over from the old one through the same NAT mapping: hand the
        // keepalives over instead of stopping them.
        for (const auto& other : m_daemon->GetSas())
        {
            if (PeekPointer(other) != sa && IsLive(other) &&
                other->GetRemote().address == run.remote.address)
            {
                m_running[PeekPointer(other)] = run;
                return;
            }
        }
        for (const auto& entry : m_running)
        {
            if (entry.second.remote == run.remote && entry.second.heartbeat == run.heartbeat)
            {
                return; // another SA still relies on it
            }
        }
        Halt(run);
    }

    void Halt(const Running& run)
    {
        NS_LOG_INFO("stop " << (run.heartbeat ? "heartbeat " : "keepalive ") << run.remote);
        InetSocketAddress to(run.remote.GetIpv4(), run.remote.port);
        if (run.heartbeat)
        {
            m_stack->GetUdpEncapsulation()->StopHeartbeat(to);
        }
        else
        {
            m_stack->GetUdpEncapsulation()->StopKeepalive(to);
        }
    }

    /**
     * Route-based tunnel mode (RFC 4891 A.1): the remote subnet of a tunnel
     * child goes into the stack's tunnel interface, whose address (the
     * source of what this node sends into the tunnel) is the node's own
     * address inside the local side of the selector.
     */
    void RouteIntoTunnel(const IpsecSelector& selector, Ipv4Address peer)
    {
        Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
        std::pair<uint32_t, uint32_t> key(selector.remoteAddress.Get(), selector.remoteMask.Get());
        if (!ipv4 || m_routes.count(key))
        {
            return;
        }
        if (selector.remoteMask.IsMatch(peer, selector.remoteAddress))
        {
            KeepPeerOutsideTunnel(ipv4, peer);
            if (m_routes.count(key))
            {
                // The remote side is the peer alone: nothing to route into the tunnel.
                return;
            }
        }
        Ipv4Address inside = Ipv4Address::GetAny();
        for (uint32_t i = 0; i < ipv4->GetNInterfaces() && inside.IsAny(); ++i)
        {
            for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
            {
                Ipv4Address a = ipv4->GetAddress(i, j).GetLocal();
                if (!a.IsLocalhost() && selector.localMask.IsMatch(a, selector.localAddress))
                {
                    inside = a;
                    break;
                }
            }
        }
        if (inside.IsAny())
        {
            NS_LOG_WARN("no address of node " << m_node->GetId() << " inside " << selector
                                              << ": no tunnel route");
            return;
        }
        uint32_t interface = m_stack->GetTunnelInterface(inside);
        Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
        if (!CoveredByTunnelRoute(routing, selector, interface))
        {
            routing->AddNetworkRouteTo(selector.remoteAddress, selector.remoteMask, interface);
        }
        m_routes.insert(key);
    }

    /**
     * A gateway for thousands of remote-access clients routes their pool
     * into the tunnel with one aggregate route, as a VPN concentrator
     * does: a route per client would make every lookup on the gateway
     * walk thousands of entries (Ipv4StaticRouting searches its list).
     * \return true when the route the node picks now for the whole remote
     * side (the longest prefix no longer than the selector's that holds
     * it) already goes into the tunnel \p interface
     */
    static bool CoveredByTunnelRoute(Ptr<Ipv4StaticRouting> routing,
                                     const IpsecSelector& selector,
                                     uint32_t interface)
    {
        uint16_t length = selector.remoteMask.GetPrefixLength();
        int best = -1;
        bool intoTunnel = false;
        for (uint32_t i = 0; i < routing->GetNRoutes(); ++i)
        {
            Ipv4RoutingTableEntry route = routing->GetRoute(i);
            Ipv4Mask mask = route.GetDestNetworkMask();
            int routeLength = mask.GetPrefixLength();
            if (routeLength <= length && routeLength > best &&
                mask.IsMatch(route.GetDestNetwork(), selector.remoteAddress))
            {
                best = routeLength;
                intoTunnel = route.GetInterface() == interface;
            }
        }
        return intoTunnel;
    }

    /**
     * RouteIntoTunnel for an IPv6 inside (RFC 4891 A.2, B.2): the remote
     * prefix goes into the stack's IPv6 tunnel interface, whose address is
     * the node's own inside the local prefix. A remote prefix that holds
     * the peer itself (IKE over IPv6, ::/0 selectors) keeps no route: the
     * tunnel's own packets would follow it.
     */
    void RouteIntoTunnel6(const IpsecSelector& selector, Ipv6Address peer)
    {
        if (!peer.IsAny() &&
            Ipv6PrefixMatch(peer, selector.remoteAddress6, selector.remotePrefixLength6))
        {
            return;
        }
        Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
        if (!ipv6 ||
            !m_routes6.emplace(selector.remoteAddress6, selector.remotePrefixLength6).second)
        {
            return;
        }
        Ipv6Address inside;
        for (uint32_t i = 0; i < ipv6->GetNInterfaces() && inside.IsAny(); ++i)
        {
            for (uint32_t j = 0; j < ipv6->GetNAddresses(i); ++j)
            {
                Ipv6Address a = ipv6->GetAddress(i, j).GetAddress();
                if (!a.IsLocalhost() && !a.IsLinkLocal() &&
                    Ipv6PrefixMatch(a, selector.localAddress6, selector.localPrefixLength6))
                {
                    inside = a;
                    break;
                }
            }
        }
        if (inside.IsAny() || selector.remotePrefixLength6 == 0)
        {
            NS_LOG_WARN("no address of node " << m_node->GetId() << " inside " << selector
                                              << ": no tunnel route");
            return;
        }
        uint32_t interface = m_stack->GetTunnelInterface6(inside);
        Ipv6StaticRoutingHelper().GetStaticRouting(ipv6)->AddNetworkRouteTo(
            selector.remoteAddress6,
            selector.GetRemotePrefix6(),
            interface);
    }

    /**
     * A remote subnet that holds the peer's own address (any-to-any
     * selectors, RFC 3715 4.1 3) would route the tunnel's outer packets,
     * and IKE, into the tunnel itself. As route-based VPNs do, the peer
     * keeps a host route along the path it has now; policy-based ones
     * bypass the SA's own packets instead (RFC 4301 5.1).
     */
    void KeepPeerOutsideTunnel(Ptr<Ipv4> ipv4, Ipv4Address peer)
    {
        std::pair<uint32_t, uint32_t> key(peer.Get(), Ipv4Mask::GetOnes().Get());
        if (m_routes.count(key))
        {
            return;
        }
        Ipv4Header header;
        header.SetDestination(peer);
        Socket::SocketErrno error;
        Ptr<Ipv4Route> route =
            ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), header, nullptr, error);
        if (!route)
        {
            return;
        }
        int32_t interface = ipv4->GetInterfaceForDevice(route->GetOutputDevice());
        Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
        if (route->GetGateway().IsAny())
        {
            routing->AddHostRouteTo(peer, interface);
        }
        else
        {
            routing->AddHostRouteTo(peer, route->GetGateway(), interface);
        }
        m_routes.insert(key);
    }

    Node* m_node;
    IkeDaemon* m_daemon;
    IpsecStack* m_stack;
    bool m_keepalives;
    std::map<const IkeSa*, Running> m_running;
    std::vector<Ptr<SecurityAssociation>> m_installed;
    std::set<const IkeSa*> m_watched;
    std::set<std::pair<uint32_t, uint32_t>> m_routes;
    /// The remote prefixes routed into the IPv6 tunnel interface.
    std::set<std::pair<Ipv6Address, uint8_t>> m_routes6;
};

} // namespace

IkeHelper::IkeHelper()
{
    m_daemonFactory.SetTypeId(IkeDaemon::GetTypeId());
}

void
IkeHelper::SetDaemonAttribute(const std::string& name, const AttributeValue& value)
{
    m_daemonFactory.Set(name, value);
}

void
IkeHelper::SetStackAttribute(const std::string& name, const AttributeValue& value)
{
    m_ipsec.SetStackAttribute(name, value);
}

void
IkeHelper::SetKeepalives(bool enabled)
{
    m_keepalives = enabled;
}

Ptr<IkeDaemon>
IkeHelper::Install(Ptr<Node> node) const
{
    Ptr<IkeDaemon> daemon = GetDaemon(node);
    if (daemon)
    {
        return daemon;
    }
    Ptr<IpsecStack> stack = m_ipsec.Install(node);
    daemon = m_daemonFactory.Create<IkeDaemon>();
    daemon->SetHandler(CreateObject<Ikev1Handler>());
    daemon->SetHandler(CreateObject<Ikev2Handler>());
    Ptr<IkeUdpTransport> transport = CreateObject<IkeUdpTransport>();
    transport->Install(node); // the stack's UDP ports for IPv4, its own for IPv6
    daemon->SetTransport(transport);
    daemon->SetIpsecDatabases(stack->GetSpd(), stack->GetSad());

    Ptr<IkeDataPlaneLink> link = CreateObject<IkeDataPlaneLink>(PeekPointer(node),
                                                                PeekPointer(daemon),
                                                                PeekPointer(stack),
                                                                m_keepalives);
    // Raw pointers: the link is aggregated to the node below, as are the
    // daemon and the stack (IkeDataPlaneLink says why a Ptr would leak).
    IkeDataPlaneLink* sink = PeekPointer(link);
    stack->GetSad()->TraceConnectWithoutContext("Install",
                                                MakeCallback(&IkeDataPlaneLink::OnInstall, sink));
    daemon->TraceConnectWithoutContext("NatDetected",
                                       MakeCallback(&IkeDataPlaneLink::OnNatDetected, sink));
    daemon->TraceConnectWithoutContext("Established",
                                       MakeCallback(&IkeDataPlaneLink::OnEstablished, sink));
    daemon->TraceConnectWithoutContext("ChildSa", MakeCallback(&IkeDataPlaneLink::OnChildSa, sink));
    daemon->TraceConnectWithoutContext("Failure", MakeCallback(&IkeDataPlaneLink::OnFailure, sink));
    stack->SetAcquireCallback(MakeCallback(&IkeDataPlaneLink::OnAcquire, sink));
    node->AggregateObject(daemon);
    node->AggregateObject(link);
    return daemon;
}

void
IkeHelper::Install(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

Ptr<IkeDaemon>
IkeHelper::GetDaemon(Ptr<Node> node)
{
    return node->GetObject<IkeDaemon>();
}

void
IkeHelper::Initiate(Ptr<Node> node, const std::string& peerName, Time at)
{
    Ptr<IkeDaemon> daemon = GetDaemon(node);
    NS_ABORT_MSG_UNLESS(daemon, "IkeHelper::Initiate: no IkeDaemon on node " << node->GetId());
    NS_ABORT_MSG_UNLESS(daemon->FindPeer(peerName),
                        "IkeHelper::Initiate: node " << node->GetId() << " has no peer \""
                                                     << peerName << "\"");
    Time delay = at > Simulator::Now() ? at - Simulator::Now() : Time(0);
    Simulator::Schedule(delay, [daemon, peerName]() { daemon->Initiate(peerName); });
}

int64_t
IkeHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IkeDaemon> daemon = GetDaemon(*it);
        if (daemon)
        {
            current += daemon->AssignStreams(current);
        }
        Ptr<IpsecStack> stack = (*it)->GetObject<IpsecStack>();
        if (stack)
        {
            current += stack->AssignStreams(current);
        }
    }
    return current - stream;
}

bool
IkeHelper::WriteWiresharkProfile(const std::string& folder, NodeContainer nodes)
{
    // preferences (ESP decryption on) and the esp_sa of the SADs as they are now.
    if (!IpsecHelper::WriteWiresharkProfile(folder, nodes))
    {
        return false;
    }
    // esp_sa again, with every SA IKE installed: the same writer, which
    // writes each distinct line once.
    std::vector<Ptr<SecurityAssociation>> sas;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IkeDataPlaneLink> link = (*it)->GetObject<IkeDataPlaneLink>();
        if (link)
        {
            sas.insert(sas.end(), link->GetInstalled().begin(), link->GetInstalled().end());
        }
        Ptr<SecurityAssociationDatabase> sad = (*it)->GetObject<SecurityAssociationDatabase>();
        if (sad)
        {
            for (const auto& sa : sad->GetAll())
            {
                sas.push_back(sa);
            }
        }
    }
    if (!ns3::WriteWiresharkEspSa(folder + "/esp_sa", sas))
    {
        return false;
    }
    std::ofstream ikev2(folder + "/ikev2_decryption_table");
    std::ofstream ikev1(folder + "/ikev1_decryption_table");
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IkeDaemon> daemon = GetDaemon(*it);
        if (!daemon)
        {
            continue;
        }
        Ptr<Ikev2Handler> v2 = DynamicCast<Ikev2Handler>(daemon->GetHandler(2));
        if (v2)
        {
            for (const auto& line : v2->GetIkev2DecryptionTable())
            {
                ikev2 << line << "\n";
            }
        }
        Ptr<Ikev1Handler> v1 = DynamicCast<Ikev1Handler>(daemon->GetHandler(1));
        if (v1)
        {
            ikev1 << v1->GetWiresharkDecryptionTable();
        }
    }
    return static_cast<bool>(ikev2) && static_cast<bool>(ikev1);
}

} // namespace ns3
