/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 c: an IKE identity that is an IP address no longer matches
// the packet's source once a NAT has rewritten it.

#include "catalogue.h"
#include "ike-common.h"
#include "lab.h"

#include "ns3/core-module.h"

using namespace ns3;

namespace natt
{

namespace
{

enum class Variant
{
    IPV4_ADDRESS_ID,
    FQDN_ID,
    USER_FQDN_ID,
};

const EntryData<Variant> kData{
    "rfc3715-c",
    "IKE address identifiers and NAT",
    "RFC 3715 2.1 c",
    "A telecommuter, host-a, sits on the private LAN 10.0.0.0/24 behind the "
    "port-preserving NAPT nat; a VPN gateway, gateway, protects the corporate LAN "
    "172.16.0.0/24 where server answers UDP echoes. host-a sets up a tunnel-mode SA "
    "to gateway with IKE (NAT-T on) and sends echoes to server through it. The "
    "gateway follows RFC 2409: an ID_IPV4_ADDR identity must be the address the "
    "messages come from. When host-a identifies itself by its own private address, "
    "the NAT has replaced that address by its public one, so the gateway rejects "
    "phase 1 (RFC 3715 2.1 c) and no traffic is protected. Identities that are "
    "names (ID_FQDN for a machine, ID_USER_FQDN for a user) do not change in the "
    "NAT, and the tunnel comes up.",
    {
        {Variant::IPV4_ADDRESS_ID,
         "ipv4-address-id",
         "fails",
         "ike-id-mismatch",
         "host-a identifies itself with ID_IPV4_ADDR of its own address; the gateway "
         "checks it against the source address of the messages."},
        {Variant::FQDN_ID,
         "fqdn-id",
         "works",
         "none",
         "host-a identifies itself with ID_FQDN host-a.natt.test (machine "
         "authentication); the gateway's check does not apply to names."},
        {Variant::USER_FQDN_ID,
         "user-fqdn-id",
         "works",
         "none",
         "host-a identifies itself with ID_USER_FQDN alice@natt.test (user "
         "authentication)."},
    },
    {
        ScenarioParameter::Choice("ike-version",
                                  "1",
                                  {"1", "2"},
                                  "IKE version: 1 (Main Mode, RFC 2409) or 2 (RFC 7296)"),
        ScenarioParameter::Count("packets",
                                 "10",
                                 "packets",
                                 1,
                                 1000,
                                 "UDP echo requests host-a sends to server, one every 200 ms"),
    },
};

class Rfc3715C : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t packets = context.GetUint("packets");

        Lab lab(GetId(), context);
        ikecommon::Corporate corporate = ikecommon::AddCorporate(lab);
        Ptr<Node> nat = lab.AddNat("nat", "port-preserving", ikecommon::kHomeNet);
        Ptr<Node> host = lab.AddHost("host-a", nat);
        lab.Build();

        IkeHelper ike = ikecommon::MakeIkeHelper(context);
        Ptr<IkeDaemon> hostDaemon = ike.Install(host);
        Ptr<IkeDaemon> gatewayDaemon = ike.Install(corporate.gateway);
        ikecommon::AssignStreams(lab);

        ikecommon::Flavour flavour;
        flavour.version = context.Get("ike-version") == "2" ? 2 : 1;
        IkePeerConfig client = ikecommon::ClientConfig(lab, host, corporate, flavour);
        // The only difference between the variants: the identity host-a sends.
        if (variant == Variant::IPV4_ADDRESS_ID)
        {
            client.localId = IkeIdentity::Ipv4(lab.GetAddress(host));
        }
        else if (variant == Variant::USER_FQDN_ID)
        {
            client.localId = IkeIdentity::UserFqdn("alice@natt.test");
        }
        IkePeerConfig gateway = ikecommon::GatewayConfig(lab, corporate, flavour);
        // RFC 2409 / RFC 3715 2.1 c: an address identity must be the source.
        gateway.checkIdAgainstSource = true;
        hostDaemon->AddPeer(client);
        gatewayDaemon->AddPeer(gateway);
        IkeHelper::Initiate(host, client.name, Seconds(1));

        Time start = Seconds(3);
        Time interval = MilliSeconds(200);
        auto flow = lab.AddUdpEcho(host,
                                   corporate.server,
                                   ikecommon::kEchoPort,
                                   packets,
                                   interval,
                                   100,
                                   start);
        lab.Run(start + interval * packets + Seconds(1));

        if (ikecommon::AllEchoesProtected(lab, {host}, {flow}))
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        else
        {
            row.outcome = "fails";
            if (lab.GetProbe().GetIkeFailures("id-mismatch") > 0)
            {
                row.symptom = "ike-id-mismatch";
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
        row.SetMetric("ike_id_mismatches",
                      static_cast<double>(lab.GetProbe().GetIkeFailures("id-mismatch")));
        row.SetMetric("echo_requests", flow->requestsSent);
        row.SetMetric("echo_replies", flow->repliesReceived);
        return row;
    }
};

const Registered<Rfc3715C> kRegistered(Shelf::CATALOGUE, 300, kData);

} // namespace

} // namespace natt
