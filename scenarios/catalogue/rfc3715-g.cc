/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 g: addresses embedded in application data, which a NAT's
// ALG cannot translate once IPsec protects them.

#include "catalogue.h"
#include "dataplane-common.h"
#include "dataplane-ftp.h"
#include "lab.h"

#include "ns3/boolean.h"
#include "ns3/core-module.h"
#include "ns3/ipsec-helper.h"

namespace natt
{

using namespace ns3;

namespace
{

constexpr uint16_t kControlPort = 21;
constexpr uint16_t kDataPort = 20000;

enum class Variant
{
    NO_IPSEC,
    ESP_TRANSPORT,
    HOST_ALG,
    TUNNEL_ASSIGNED_ADDRESS,
};

const EntryData<Variant> kData{
    "rfc3715-g",
    "Embedded addresses inside IPsec and the NAT's ALG",
    "RFC 3715 2.1 g",
    "host sits behind home-nat (10.0.0.0/24), a port-preserving NAPT with an "
    "FTP-like ALG on TCP port 21. server (198.51.100.2) is on the public subnet "
    "behind vpn-gw. An FTP-like client on host connects to server's port 21 and "
    "sends \"PORT a,b,c,d,p,q\" with the address its control connection uses and "
    "its data port (RFC 959); server reads the address and opens the data "
    "connection to it. In clear, home-nat's ALG rewrites the private address to its "
    "own and maps the port. Inside ESP the command is encrypted, so the ALG cannot "
    "see it (RFC 3715 2.1 g): server receives host's private address and its "
    "connection back goes nowhere. The fixes translate the address before IPsec on "
    "the host, or give host an address that is routable inside the VPN.",
    {
        {Variant::NO_IPSEC,
         "no-ipsec",
         "works",
         "none",
         "No IPsec: home-nat's ALG rewrites the PORT command and opens the data mapping "
         "(the baseline the ALG was built for)."},
        {Variant::ESP_TRANSPORT,
         "esp-transport",
         "fails",
         "embedded-address-unreachable",
         "ESP transport mode inside UDP 4500 (RFC 3948) between host and server: the "
         "command crosses home-nat encrypted and untranslated."},
        {Variant::HOST_ALG,
         "host-alg",
         "works",
         "none",
         "As esp-transport, with an ALG on host that writes the address server knows host "
         "by (home-nat's, learnt as NAT-OA, RFC 3947 5.2) before IPsec; server's data "
         "connection to it is protected by the same SAs."},
        {Variant::TUNNEL_ASSIGNED_ADDRESS,
         "tunnel-assigned-address",
         "works",
         "none",
         "ESP tunnel mode inside UDP 4500 from host to vpn-gw; host uses the inner address "
         "10.99.0.2 vpn-gw assigned it, which is routable inside the VPN, so the address "
         "the command carries is one server can reach."},
    },
    {ScenarioParameter::Count("data-size",
                              "10000",
                              "bytes",
                              1,
                              1000000,
                              "bytes server sends on the data connection")
         .Alias("data_size")},
};

class Rfc3715G : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        bool ipsec = variant != Variant::NO_IPSEC;
        bool tunnel = variant == Variant::TUNNEL_ASSIGNED_ADDRESS;
        uint32_t dataSize = context.GetUint("data-size");

        Lab lab(GetId(), context);
        NatHelper nat;
        nat.SetPreset("port-preserving");
        nat.SetAttribute("FtpAlg", BooleanValue(true));
        nat.SetAttribute("FtpAlgPort", UintegerValue(kControlPort));
        dataplane::RemoteAccess net = dataplane::AddRemoteAccess(lab, nat, 1);
        Ptr<Node> host = net.hosts[0];
        lab.Build();
        uint64_t algMappings = 0;
        net.nat->GetObject<NatEngine>()->TraceConnectWithoutContext(
            "MappingCreated",
            MakeBoundCallback(
                +[](uint64_t* count, const NatMappingInfo&, const std::string& cause) {
                    *count += cause == "alg";
                },
                &algMappings));

        IpsecHelper helper;
        IpsecHelper::Options options = dataplane::EspOptions(IpsecEncapsulation::UDP_ENCAP);
        if (tunnel)
        {
            dataplane::AddClientTunnel(helper,
                                       lab,
                                       host,
                                       net.nat,
                                       dataplane::AssignedAddress(0),
                                       net.gateway,
                                       dataplane::ServerSubnet(),
                                       options);
        }
        else if (ipsec)
        {
            dataplane::TransportSpec spec;
            spec.options = options;
            spec.natOa = true;
            dataplane::AddTransportPair(helper, lab, host, net.nat, net.server, spec);
        }

        Ptr<FtpLikeServer> server = CreateObject<FtpLikeServer>();
        server->SetAttribute("Port", UintegerValue(kControlPort));
        server->SetAttribute("DataSize", UintegerValue(dataSize));
        net.server->AddApplication(server);
        server->SetStartTime(Seconds(0));
        Ptr<FtpLikeClient> client = CreateObject<FtpLikeClient>();
        client->SetAttribute("Remote", Ipv4AddressValue(lab.GetAddress(net.server)));
        client->SetAttribute("ControlPort", UintegerValue(kControlPort));
        client->SetAttribute("DataPort", UintegerValue(kDataPort));
        if (variant == Variant::HOST_ALG)
        {
            client->SetHostAlg(MakeBoundCallback(&dataplane::HostAlg, host));
        }
        host->AddApplication(client);
        client->SetStartTime(Seconds(1));
        lab.Run(Seconds(6));

        bool delivered = dataSize > 0 && client->GetDataBytes() == dataSize;
        bool protectedData = !ipsec || dataplane::Accepted(host) > 0;
        if (delivered && protectedData)
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        else if (server->GetPortCommands() > 0 &&
                 server->GetEmbeddedAddress() != server->GetControlPeer())
        {
            // The command named an address other than the one server sees
            // the client at, and the connection to it never delivered.
            row.outcome = "fails";
            row.symptom = "embedded-address-unreachable";
        }
        else
        {
            row.outcome = "fails";
            row.symptom = dataplane::ExplainLoss(lab);
        }
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("port_commands", server->GetPortCommands());
        row.SetMetric("embedded_is_control_peer",
                      server->GetPortCommands() > 0 &&
                          server->GetEmbeddedAddress() == server->GetControlPeer());
        row.SetMetric("alg_mappings", static_cast<double>(algMappings));
        row.SetMetric("data_connections", server->GetDataConnected());
        row.SetMetric("data_bytes_received", static_cast<double>(client->GetDataBytes()));
        return row;
    }
};

const Registered<Rfc3715G> kRegistered(Shelf::CATALOGUE, 700, kData);

} // namespace

} // namespace natt
