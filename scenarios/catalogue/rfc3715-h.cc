/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 h: a NAPT creates inbound state only for outbound packets,
// so nobody outside can start IKE with a host behind it.

#include "catalogue.h"
#include "ike-common.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ike-ports.h"

using namespace ns3;

namespace natt
{

namespace
{

enum class Variant
{
    NO_MAPPING,
    PORT_FORWARDING,
    INSIDE_INITIATES,
};

const EntryData<Variant> kData{
    "rfc3715-h",
    "Implicit directionality of NAPT",
    "RFC 3715 2.1 h",
    "A server, server, sits on the private LAN 10.0.0.0/24 behind nat, a "
    "port-preserving NAPT; a VPN gateway, gateway, protects the corporate LAN "
    "172.16.0.0/24 where client wants to reach server with UDP echoes through a "
    "tunnel-mode SA between gateway and server (IKEv1 Main Mode, NAT-T on). When "
    "gateway starts IKE towards the only address it can know, the NAT's public one, "
    "the NAT has no mapping for UDP 500: mappings are created by outbound packets "
    "only (RFC 3715 2.1 h), so it drops the request and no SA can be set up from "
    "outside. Static forwarding of UDP 500 and 4500 to server lets the gateway in. "
    "Otherwise server must start IKE itself and keep the NAT's mapping alive with "
    "RFC 3948 keepalives while no traffic flows; client's echoes start idle seconds "
    "after the SA, longer than the NAT's UDP mapping timeout.",
    {
        {Variant::NO_MAPPING,
         "no-mapping",
         "fails",
         "inbound-unsolicited-dropped",
         "gateway initiates IKE to the NAT's public address; the NAT has no rule for it."},
        {Variant::PORT_FORWARDING,
         "port-forwarding",
         "works",
         "none",
         "The NAT forwards UDP 500 and 4500 to server statically (PortForwarding); gateway "
         "initiates as before."},
        {Variant::INSIDE_INITIATES,
         "inside-initiates",
         "works",
         "none",
         "server initiates IKE to gateway; once NAT-T finds the NAT, server sends RFC 3948 "
         "keepalives that hold the mapping through the idle time."},
    },
    {
        ScenarioParameter::Duration("udp-timeout",
                                    "30",
                                    "s",
                                    1,
                                    3600,
                                    "how long the NAT keeps an idle UDP mapping"),
        ScenarioParameter::Duration("idle",
                                    "60",
                                    "s",
                                    1,
                                    3600,
                                    "time between the start of IKE and client's first echo "
                                    "(IKE needs most of a second first)"),
        ScenarioParameter::Flag(
            "keepalives",
            "true",
            "whether the side behind the NAT sends RFC 3948 NAT-keepalives (every 20 s)"),
        ScenarioParameter::Count("packets",
                                 "10",
                                 "packets",
                                 1,
                                 1000,
                                 "UDP echo requests client sends to server, one every 200 ms"),
    },
};

class Rfc3715H : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t packets = context.GetUint("packets");
        Time idle = context.GetTime("idle");
        bool insideInitiates = variant == Variant::INSIDE_INITIATES;

        Lab lab(GetId(), context);
        ikecommon::Corporate corporate = ikecommon::AddCorporate(lab, "client");
        NatHelper natHelper;
        natHelper.SetPreset("port-preserving");
        natHelper.SetAttribute("UdpMappingTimeout", TimeValue(context.GetTime("udp-timeout")));
        if (variant == Variant::PORT_FORWARDING)
        {
            // The server is the first host on the NAT's LAN: 10.0.0.2.
            natHelper.SetAttribute("PortForwarding",
                                   StringValue("udp/500=10.0.0.2:500 udp/4500=10.0.0.2:4500"));
        }
        Ptr<Node> nat = lab.AddNat("nat", natHelper, ikecommon::kHomeNet);
        Ptr<Node> server = lab.AddHost("server", nat);
        lab.Build();

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        ike.SetKeepalives(context.Get("keepalives") == "true");
        Ptr<IkeDaemon> serverDaemon = ike.Install(server);
        Ptr<IkeDaemon> gatewayDaemon = ike.Install(corporate.gateway);
        ikecommon::AssignStreams(lab);

        ikecommon::Flavour flavour;
        // server's definition names the corporate LAN behind gateway,
        // whichever side starts.
        IkePeerConfig serverSide = ikecommon::ClientConfig(lab, server, corporate, flavour);
        if (insideInitiates)
        {
            serverDaemon->AddPeer(serverSide);
            gatewayDaemon->AddPeer(ikecommon::GatewayConfig(lab, corporate, flavour));
            IkeHelper::Initiate(server, serverSide.name, Seconds(1));
        }
        else
        {
            // server answers anyone who knows the key.
            serverSide.name = "gateways";
            serverSide.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
            serverSide.remoteId = IkeIdentity();
            serverDaemon->AddPeer(serverSide);
            // gateway knows server only by the NAT's public address.
            IkePeerConfig gateway = ikecommon::GatewayConfig(lab, corporate, flavour);
            gateway.name = "server";
            gateway.remote = {lab.GetAddress(nat), IKE_UDP_PORT};
            gateway.remoteId = IkeIdentity::Fqdn("server.natt.test");
            gateway.children[0].selector.remoteAddress = lab.GetAddress(server);
            gateway.children[0].selector.remoteMask = Ipv4Mask("/32");
            gatewayDaemon->AddPeer(gateway);
            IkeHelper::Initiate(corporate.gateway, gateway.name, Seconds(1));
        }

        Time start = Seconds(1) + idle;
        Time interval = MilliSeconds(200);
        auto flow = lab.AddUdpEcho(corporate.server,
                                   server,
                                   ikecommon::kEchoPort,
                                   packets,
                                   interval,
                                   100,
                                   start);
        // At least long enough for an unanswered IKE exchange to be given up.
        lab.Run(std::max(start + interval * packets, Seconds(10)) + Seconds(1));

        // The echoes crossed the tunnel: requests decrypted by server, replies by gateway.
        bool works = flow->requestsSent > 0 && flow->repliesReceived == flow->requestsSent &&
                     lab.GetProbe().GetEspDelivered(server) >= flow->requestsReceived &&
                     lab.GetProbe().GetEspDelivered(corporate.gateway) >= flow->repliesReceived;
        if (works)
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        else
        {
            row.outcome = "fails";
            if (lab.GetProbe().CountNatDrops(NatDropFilter::Ike({"no-mapping"})) > 0)
            {
                row.symptom = "inbound-unsolicited-dropped";
            }
            else if (lab.GetProbe().CountNatDrops(NatDropFilter::Ike({"mapping-expired"})) > 0)
            {
                row.symptom = "mapping-expired";
            }
            else if (lab.GetProbe().GetIkeSasEstablished() == 0)
            {
                row.symptom = "ike-failed";
            }
            else
            {
                row.symptom = "traffic-lost";
            }
        }
        lab.GetProbe().FillMetrics(row);
        row.SetMetric(
            "nat_no_mapping",
            static_cast<double>(lab.GetProbe().CountNatDrops(NatDropFilter::Ike({"no-mapping"}))));
        row.SetMetric("nat_mapping_expired",
                      static_cast<double>(
                          lab.GetProbe().CountNatDrops(NatDropFilter::Ike({"mapping-expired"}))));
        row.SetMetric("echo_replies", flow->repliesReceived);
        return row;
    }
};

const Registered<Rfc3715H> kRegistered(Shelf::CATALOGUE, 800, kData);

} // namespace

} // namespace natt
