/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Wikipedia, NAT traversal, servers behind NAT: a VPN server behind a
// NAPT is reached only through UDP 500 and 4500 forwarded to it, and an
// initiator whose policy refuses servers behind a NAT (Windows since XP
// SP2) gives it up once NAT detection finds the NAT.

#include "catalogue.h"
#include "req-common.h"

namespace natt
{

namespace
{

enum class Variant
{
    NO_FORWARDING,
    NO_FORWARDING_IKEV1,
    REFUSED_BY_POLICY,
    REFUSED_BY_POLICY_IKEV1,
    ALLOWED,
    ALLOWED_IKEV1,
};

const EntryData<Variant> kData{
    "server-behind-nat",
    "VPN server behind a NAPT, and the initiator policy that refuses it",
    "Wikipedia NAT traversal (servers behind NAT)",
    "The VPN server, gateway, has the private address 172.16.0.2 behind the "
    "port-preserving NAPT dmz-nat and protects the subnet 192.168.100.0/24 "
    "with the echo server; the client client-1 (10.0.0.2), behind its home "
    "NAPT nat-1, sets up a tunnel to dmz-nat's public address, the only one "
    "it can know. "
    "A NAPT makes mappings for outbound packets only (RFC 3715 2.1 h): "
    "without forwarding rules it drops the client's first IKE message. "
    "Forwarding UDP 500 and 4500 to the gateway lets IKE in; NAT detection "
    "(RFC 3947 3.2, RFC 7296 2.23) then shows the client that the server is "
    "behind a NAT, and IKE and ESP move to UDP 4500. Windows since XP SP2 "
    "refuses such servers unless the AssumeUDPEncapsulationContextOnSendRule "
    "registry value allows them; the client's IkeDaemon attribute "
    "AllowResponderBehindNat is that policy. Each variant runs IKEv2 and, "
    "with -ikev1, IKEv1 Main Mode with RFC 3947 NAT-T.",
    {
        {Variant::NO_FORWARDING,
         "no-forwarding",
         "fails",
         "inbound-unsolicited-dropped",
         "IKEv2; dmz-nat has no forwarding rule (PortForwarding empty) and drops the "
         "client's IKE_SA_INIT"},
        {Variant::NO_FORWARDING_IKEV1,
         "no-forwarding-ikev1",
         "fails",
         "inbound-unsolicited-dropped",
         "the same with IKEv1: the first Main Mode message is dropped"},
        {Variant::REFUSED_BY_POLICY,
         "forwarding-refused-by-policy",
         "fails",
         "server-behind-nat-refused",
         "IKEv2; UDP 500 and 4500 forwarded, but the client's AllowResponderBehindNat is "
         "false: the IKE_SA_INIT response's NAT_DETECTION_SOURCE_IP does not match and the "
         "client gives the SA up"},
        {Variant::REFUSED_BY_POLICY_IKEV1,
         "forwarding-refused-by-policy-ikev1",
         "fails",
         "server-behind-nat-refused",
         "the same with IKEv1: the server's NAT-D in Main Mode message 4 does not match"},
        {Variant::ALLOWED,
         "forwarding-allowed",
         "works",
         "none",
         "IKEv2; UDP 500 and 4500 forwarded and the policy allows the server: IKE floats to "
         "4500 and ESP travels in UDP (RFC 3948) through the forwarding rule"},
        {Variant::ALLOWED_IKEV1,
         "forwarding-allowed-ikev1",
         "works",
         "none",
         "the same with IKEv1"},
    },
};

class ServerBehindNat : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        req::Topology topology;
        topology.gatewayNat = "port-preserving";
        req::IkeSetup ike;
        switch (variant)
        {
        case Variant::NO_FORWARDING_IKEV1:
            ike.version = 1;
            [[fallthrough]];
        case Variant::NO_FORWARDING:
            topology.gatewayForwarding = false;
            break;
        case Variant::REFUSED_BY_POLICY_IKEV1:
            ike.version = 1;
            [[fallthrough]];
        case Variant::REFUSED_BY_POLICY:
            ike.allowResponderBehindNat = false;
            break;
        case Variant::ALLOWED_IKEV1:
            ike.version = 1;
            break;
        case Variant::ALLOWED:
            break;
        }
        ResultRow row = MakeRow(context);
        req::RemoteAccess lab(GetId(), context, topology, ike, req::Traffic());
        lab.Run();
        lab.Fill(row);
        // RFC 3715 2.1 h: IKE failed, and the NAPT dropped IKE it had no
        // mapping for, which only an unsolicited message from outside meets.
        if (row.symptom == "ike-failed" &&
            lab.GetLab().GetProbe().CountNatDrops(NatDropFilter::Ike({"no-mapping"})) > 0)
        {
            row.symptom = "inbound-unsolicited-dropped";
        }
        return row;
    }
};

const Registered<ServerBehindNat> kRegistered(Shelf::CATALOGUE, 3900, kData);

} // namespace

} // namespace natt
