/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 4.2: RSIP (RFC 3102, RFC 3103) with RFC 3104's support for
// end-to-end IPsec. The hosts lease the gateway's external address with a
// port range and SPIs, tunnel IP-in-IP to the gateway and send as that
// address; nothing on the path rewrites a packet, so AH's ICV holds. The
// fixes' costs: an RSIP gateway (no-rsip-gateway), and IKE on a port the
// gateway assigned, which a legacy responder does not answer to
// (legacy-responder-rekey).

#include "catalogue.h"
#include "fixes.h"
#include "ike-common.h"
#include "lab.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipip-tunnel-net-device.h"
#include "ns3/ipsec-stack.h"
#include "ns3/rsip-client.h"
#include "ns3/rsip-gateway.h"
#include "ns3/udp-encapsulation.h"

#include <algorithm>

using namespace ns3;

namespace natt
{

namespace
{

/// The peer's (and the corporate server's) UDP echo port.
const uint16_t kEchoPort = 7;
/// When the hosts' RSIP clients start (host i: + 100 ms * i).
const Time kRsipStart = Seconds(0.5);
/// When the hosts send their datagrams (host i: + 100 ms * i).
const Time kTrafficStart = Seconds(4);

enum class Variant
{
    AH_TWO_HOSTS,
    ESP_TUNNEL,
    LEGACY_RESPONDER_REKEY,
    NO_RSIP_GATEWAY,
};

const EntryData<Variant> kData{
    "sol-rsip",
    "RSIP with RSIPsec: hosts borrow the gateway's address, ports and SPIs",
    "RFC 3715 4.2; RFC 3102-3104",
    "host-1 and host-2 sit on 10.0.0.0/24 behind rsip-gateway, a router without NAT "
    "that runs an RSIP gateway (RFC 3103 over UDP 4555). Each host's RSIP client "
    "registers, is assigned the gateway's external address with 16 ports "
    "(ASSIGN_REQUEST_RSAP-IP) and 4 SPIs (ASSIGN_REQUEST_RSIPSEC, RFC 3104), extends "
    "the bindings half-way through the lease, and makes an IP-in-IP tunnel (RFC 2003) "
    "to the gateway whose interface carries the external address. The host's IKE "
    "(IKEv1 Main Mode, pre-shared key, no NAT-T) then runs from the first assigned port "
    "to port 500 of peer, and chooses its inbound SPIs from the assigned ones; the "
    "datagrams leave from the second assigned port. The gateway strips the outer "
    "header and forwards the inner packet unchanged; inbound, it demultiplexes by "
    "(UDP or TCP, port) and (ESP or AH, SPI) into the right host's tunnel and counts "
    "what no lease covers as no-binding. Because nothing rewrites a packet, AH "
    "transport mode works (RFC 3715 2.1 a does not arise) and two hosts share one "
    "address without NAT-T. The costs RFC 3715 4.2 names show in the failing variants: "
    "a responder that answers IKE to port 500 instead of the source port (RFC 3715 2.1 "
    "d) reaches no host, since the gateway bound no one to UDP 500; a host without an "
    "RSIP gateway gets no lease.",
    {
        {Variant::AH_TWO_HOSTS,
         "rsip-ah-two-hosts",
         "works",
         "none",
         "host-1 uses AH and host-2 ESP, both transport mode, to peer: AH's ICV holds "
         "because no packet is rewritten, and the gateway tells the hosts' SAs apart by SPI."},
        {Variant::ESP_TUNNEL,
         "rsip-esp-tunnel",
         "works",
         "none",
         "host-1 alone, ESP tunnel mode to the corporate gateway (IKE from the external "
         "address and the assigned port), protecting host-1's own address <-> "
         "172.16.0.0/24; the datagrams go to server behind the gateway."},
        {Variant::LEGACY_RESPONDER_REKEY,
         "legacy-responder-rekey",
         "fails",
         "rsip-no-binding",
         "peer answers and rekeys IKE to port 500, not to the port the host sent from "
         "(RFC 3715 2.1 d); RSIP needs floated IKE ports (RFC 3104 4.1), so the gateway "
         "finds no binding for UDP 500 and drops the answers."},
        {Variant::NO_RSIP_GATEWAY,
         "no-rsip-gateway",
         "fails",
         "rsip-no-lease",
         "The router runs no RSIP gateway: the hosts' RSIP clients get no answer and no "
         "lease, so they have no address to use (the deployment cost RFC 3715 4.2 names)."},
    },
    {
        ScenarioParameter::Flag("rsip-gateway",
                                "true",
                                "the router runs an RSIP gateway (the no-rsip-gateway "
                                "variant: false)"),
        ScenarioParameter::Flag("legacy-responder",
                                "false",
                                "the responder answers and rekeys IKE to port 500 (the "
                                "legacy-responder-rekey variant: true)"),
        ScenarioParameter::Duration("lease-time",
                                    "10",
                                    "s",
                                    2,
                                    3600,
                                    "the RSIP gateway's lease (RsipGateway LeaseTime); the "
                                    "clients extend it half-way through"),
        ScenarioParameter::Count("packets",
                                 "5",
                                 "packets",
                                 1,
                                 1000,
                                 "UDP datagrams each host sends, one every 200 ms, each "
                                 "echoed back"),
    },
};

/// What one host sends and gets back.
struct HostFlow
{
    uint32_t sent{0};
    uint32_t echoed{0};
    uint32_t accepted{0}; ///< packets the host's IPsec accepted (AH or ESP)
};

/// Datagrams dropped by the gateway for want of a binding, to UDP port 500.
struct NoBindingWatch
{
    uint64_t toPort500{0};
};

class SolRsip : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        bool withGateway = context.Get("rsip-gateway") == "true";
        bool legacy = context.Get("legacy-responder") == "true";
        withGateway = withGateway && variant != Variant::NO_RSIP_GATEWAY;
        legacy = legacy || variant == Variant::LEGACY_RESPONDER_REKEY;
        bool tunnel = variant == Variant::ESP_TUNNEL;
        uint32_t packets = context.GetUint("packets");

        Lab lab(GetId(), context);
        ikecommon::Corporate corporate;
        Ptr<Node> peer;
        if (tunnel)
        {
            corporate = ikecommon::AddCorporate(lab);
            peer = corporate.gateway;
        }
        else
        {
            peer = lab.AddPublicNode("peer");
        }
        Ptr<Node> router = lab.AddRouter("rsip-gateway", ikecommon::kHomeNet);
        std::vector<Ptr<Node>> hosts{lab.AddHost("host-1", router)};
        if (!tunnel)
        {
            hosts.push_back(lab.AddHost("host-2", router));
        }
        lab.Build();

        Ptr<RsipGateway> gateway;
        auto noBinding = std::make_shared<NoBindingWatch>();
        if (withGateway)
        {
            gateway = CreateObject<RsipGateway>();
            gateway->SetAttribute("LeaseTime", TimeValue(context.GetTime("lease-time")));
            gateway->SetAddresses(lab.GetAddress(router), lab.GetLanAddress(router));
            router->AddApplication(gateway);
            gateway->InstallDemux(router);
            gateway->TraceConnectWithoutContext(
                "Drop",
                MakeBoundCallback(
                    +[](NoBindingWatch* w, Ptr<const Packet> p, const char* reason) {
                        uint8_t ports[4];
                        if (std::string(reason) == RsipGateway::NO_BINDING_DROP &&
                            p->GetSize() >= 4 && p->CopyData(ports, 4) == 4 &&
                            ((ports[2] << 8) | ports[3]) == IKE_UDP_PORT)
                        {
                            ++w->toPort500;
                        }
                    },
                    noBinding.get()));
        }

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        Ptr<IkeDaemon> peerDaemon = ike.Install(peer);
        if (tunnel)
        {
            ikecommon::Flavour flavour;
            flavour.natTraversal = IkePeerConfig::NATT_NONE;
            IkePeerConfig responder = ikecommon::GatewayConfig(lab, corporate, flavour);
            responder.replyToPort500 = legacy;
            peerDaemon->AddPeer(responder);
            UdpEchoServerHelper(kEchoPort).Install(corporate.server).Start(Seconds(0));
        }
        else
        {
            UdpEchoServerHelper(kEchoPort).Install(peer).Start(Seconds(0));
        }

        std::vector<Ptr<RsipClient>> clients;
        std::vector<std::shared_ptr<HostFlow>> flows;
        Ipv4Address peerAddress = lab.GetAddress(peer);
        Ipv4Address target = tunnel ? lab.GetAddress(corporate.server) : peerAddress;
        for (uint32_t i = 0; i < hosts.size(); ++i)
        {
            Ptr<Node> host = hosts[i];
            Ptr<IkeDaemon> daemon = ike.Install(host);
            Ptr<RsipClient> client = CreateObject<RsipClient>();
            client->SetAddresses(lab.GetLanAddress(router), lab.GetAddress(host));
            client->SetStartTime(kRsipStart + MilliSeconds(100) * i);
            host->AddApplication(client);
            clients.push_back(client);
            auto flow = std::make_shared<HostFlow>();
            flows.push_back(flow);
            host->GetObject<IpsecStack>()->TraceConnectWithoutContext(
                "Accept",
                MakeBoundCallback(
                    +[](HostFlow* f, Ptr<const Packet>, Ptr<const SecurityAssociation>) {
                        ++f->accepted;
                    },
                    flow.get()));
            IpsecProtocol protocol = (i == 0 && !tunnel) ? IPSEC_PROTOCOL_AH : IPSEC_PROTOCOL_ESP;
            IkePeerConfig base = ikecommon::ClientConfig(
                lab,
                host,
                corporate.gateway ? corporate : ikecommon::Corporate{peer, peer},
                ikecommon::Flavour{1, IkePeerConfig::MAIN_MODE, IkePeerConfig::NATT_NONE});
            std::string name = lab.GetName(host);
            Ipv4Address hostAddress = lab.GetAddress(host);
            client->SetLeaseCallback([=](const RsipLease& lease) {
                // RFC 3102 2.2.1: the host routes what it sends as the
                // external address into the tunnel to the gateway.
                Ipv4StaticRoutingHelper()
                    .GetStaticRouting(host->GetObject<Ipv4>())
                    ->AddHostRouteTo(peerAddress, lease.tunnelInterface);
                // RFC 3104 4.1: IKE from the first assigned port, not 500;
                // inbound SPIs from the assigned ones (4.2).
                uint16_t ikePort = lease.firstPort;
                uint16_t dataPort = lease.firstPort + 1;
                host->GetObject<IpsecStack>()->GetUdpEncapsulation()->SetAttribute(
                    "IkePort",
                    UintegerValue(ikePort));
                daemon->SetSpis(lease.spis);
                IkePeerConfig mine = base;
                mine.local = {lease.external, ikePort};
                IkeChildConfig& child = mine.children[0];
                if (!tunnel)
                {
                    mine.remoteId = IkeIdentity::Fqdn("gateway.natt.test");
                    child.mode = IPSEC_MODE_TRANSPORT;
                    child.selector = IpsecSelector::HostToHost(lease.external, peerAddress, 17);
                    child.selector.localPortStart = dataPort;
                    child.selector.localPortEnd = dataPort;
                    child.selector.remotePortStart = kEchoPort;
                    child.selector.remotePortEnd = kEchoPort;
                    ikecommon::UseProtocol(child, protocol);
                    // The peer tells the hosts, which share one address, apart
                    // by the port their IKE comes from.
                    IkePeerConfig theirs = mine;
                    theirs.name = name;
                    theirs.local = {peerAddress, IKE_UDP_PORT};
                    theirs.remote = {lease.external, ikePort};
                    theirs.localId = mine.remoteId;
                    theirs.remoteId = mine.localId;
                    theirs.replyToPort500 = legacy;
                    IkeChildConfig& back = theirs.children[0];
                    back.selector = IpsecSelector::HostToHost(peerAddress, lease.external, 17);
                    back.selector.localPortStart = kEchoPort;
                    back.selector.localPortEnd = kEchoPort;
                    back.selector.remotePortStart = dataPort;
                    back.selector.remotePortEnd = dataPort;
                    peerDaemon->AddPeer(theirs);
                }
                daemon->AddPeer(mine);
                IkeHelper::Initiate(host, mine.name, Simulator::Now() + MilliSeconds(100));
            });
            Simulator::Schedule(kTrafficStart + MilliSeconds(100) * i, [=]() {
                if (!client->HasLease())
                {
                    return;
                }
                const RsipLease& lease = client->GetLease();
                Ptr<Socket> s = Socket::CreateSocket(host, UdpSocketFactory::GetTypeId());
                // Transport mode sends as the external address from an
                // assigned port; tunnel mode's inner packet keeps the host's
                // own address, which only the corporate gateway sees.
                Ipv4Address source = tunnel ? hostAddress : lease.external;
                s->Bind(InetSocketAddress(source, tunnel ? 0 : lease.firstPort + 1));
                s->SetRecvCallback([flow](Ptr<Socket> socket) {
                    while (socket->Recv())
                    {
                        ++flow->echoed;
                    }
                });
                for (uint32_t k = 0; k < packets; ++k)
                {
                    Simulator::Schedule(MilliSeconds(200) * k, [s, flow, target]() {
                        ++flow->sent;
                        s->SendTo(Create<Packet>(100), 0, InetSocketAddress(target, kEchoPort));
                    });
                }
            });
        }
        ikecommon::AssignStreams(lab);
        Time stop = std::max(kTrafficStart + MilliSeconds(200) * packets + Seconds(1), Seconds(12));
        lab.Run(stop);
        if (!lab.GetOutputPrefix().empty())
        {
            IkeHelper::WriteWiresharkProfile(lab.GetOutputPrefix() + "-keys", lab.GetAllNodes());
        }

        const LabProbe& probe = lab.GetProbe();
        uint64_t sent = 0;
        uint64_t echoed = 0;
        uint64_t accepted = 0;
        uint64_t noLease = 0;
        uint64_t extensionBytes = 0;
        uint64_t controlBytes = 0;
        for (uint32_t i = 0; i < hosts.size(); ++i)
        {
            sent += flows[i]->sent;
            echoed += flows[i]->echoed;
            accepted += flows[i]->accepted;
            noLease += clients[i]->GetFailureCount(RsipClient::NO_LEASE);
            extensionBytes += clients[i]->GetExtensionBytes();
            controlBytes += clients[i]->GetControlBytes();
        }
        bool works = noLease == 0 && sent == packets * hosts.size() && echoed == sent &&
                     accepted >= echoed && probe.GetChildSas() >= hosts.size();
        row.outcome = works ? "works" : "fails";
        if (works)
        {
            row.symptom = "none";
        }
        else if (noLease > 0)
        {
            row.symptom = "rsip-no-lease";
        }
        else if (noBinding->toPort500 > 0)
        {
            row.symptom = "rsip-no-binding";
        }
        else if (probe.GetIkeSasEstablished() < hosts.size())
        {
            row.symptom = "ike-failed";
        }
        else
        {
            row.symptom = "traffic-lost";
        }

        probe.FillMetrics(row);
        // The fixes' side-by-side metrics: RSIP adds the IP-in-IP header on
        // the host-gateway leg only; the gateway forwards the inner packet
        // as it is. Lease extensions are RSIP's keepalive.
        double window = (stop - kRsipStart).GetSeconds();
        row.SetMetric("rsip_bytes_per_packet_host_leg", IpIpTunnelNetDevice::OVERHEAD);
        row.SetMetric("rsip_bytes_per_packet_internet_leg", 0);
        row.SetMetric("rsip_lease_extension_bytes_per_s",
                      static_cast<double>(extensionBytes) / hosts.size() / window);
        row.SetMetric("rsip_control_bytes", static_cast<double>(controlBytes));
        row.SetMetric("rsip_no_lease", static_cast<double>(noLease));
        row.SetMetric(
            "rsip_no_binding_drops",
            static_cast<double>(gateway ? gateway->GetDropCount(RsipGateway::NO_BINDING_DROP) : 0));
        row.SetMetric("rsip_no_binding_udp500", static_cast<double>(noBinding->toPort500));
        row.SetMetric("rsip_demultiplexed",
                      static_cast<double>(gateway ? gateway->GetDemultiplexedCount() : 0));
        row.SetMetric("datagrams_sent", static_cast<double>(sent));
        row.SetMetric("datagrams_echoed", static_cast<double>(echoed));
        row.SetMetric("datagrams_accepted_protected", static_cast<double>(accepted));
        row.SetMetric("ah_icv_failures",
                      static_cast<double>(probe.GetIpsecDrops("icv-failure", IPSEC_PROTOCOL_AH)));
        return row;
    }
};

const Registered<SolRsip> kRegistered(Shelf::CATALOGUE, 2700, kData);
// The fixes side by side (doc/fixes.rst): RSIP's IP-in-IP adds its 20
// bytes on the host-gateway leg only (rsip_bytes_per_packet_internet_leg is
// 0); its lease extensions are its keepalives.
const RegisteredFixUse kFixAh{{"rsip",
                               "sol-rsip",
                               "rsip-ah-two-hosts",
                               "rsip_bytes_per_packet_host_leg",
                               "rsip_lease_extension_bytes_per_s"}};
const RegisteredFixUse kFixEsp{{"rsip",
                                "sol-rsip",
                                "rsip-esp-tunnel",
                                "rsip_bytes_per_packet_host_leg",
                                "rsip_lease_extension_bytes_per_s"}};

} // namespace

} // namespace natt
