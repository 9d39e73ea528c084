/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 3, end-to-end scenario: a host on a private network brings up
// several IPsec-protected TCP connections to another host, with NA(P)Ts on
// both sides, in transport mode.

#include "catalogue.h"
#include "req-common.h"
#include "variant-attributes.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-ports.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-helper.h"
#include "ns3/string.h"

#include <algorithm>
#include <stdexcept>

namespace natt
{

namespace
{

using ns3::Ipv4Address;
using ns3::Ptr;

enum class Variant
{
    NATT_TRANSPORT,
    NATT_NO_CHECKSUM_FIX,
    NO_NATT,
};

const EntryData<Variant> kData{
    "req-end-to-end",
    "Host-to-host transport mode, NATs on both sides",
    "RFC 3715 3",
    "host-a (10.0.0.2) behind the NAPT nat-a opens several TCP connections "
    "(parameter connections) to host-b (10.1.0.2) behind the NAPT nat-b, "
    "which forwards UDP 500 and 4500 to host-b; both hosts protect all "
    "traffic between them with IKEv1 transport-mode SAs. RFC 3715 3 requires "
    "host-to-host TCP through one or more NA(P)Ts, which may need special "
    "processing of TCP on the hosts. Without NAT traversal the NAPTs drop "
    "ESP. With RFC 3947 NAT-T, ESP travels in UDP 4500, the SPD entries name "
    "the peer's address as the NATs made it, and the NAT-OA payloads give "
    "each host the original addresses the peer put into its TCP checksums "
    "(RFC 3948 3.1.2); without that fix-up every segment fails its checksum "
    "(RFC 3715 2.1 b).",
    {
        {Variant::NATT_TRANSPORT,
         "natt-transport",
         "works",
         "none",
         "IKEv1 with RFC 3947 NAT-T: ESP-in-UDP transport SAs, checksums fixed "
         "incrementally with NAT-OA"},
        {Variant::NATT_NO_CHECKSUM_FIX,
         "natt-no-checksum-fix",
         "fails",
         "l4-checksum-invalid",
         "the same SAs, but the hosts verify TCP checksums as they arrive "
         "(TransportChecksum=Verify): the NATs changed the addresses they cover"},
        {Variant::NO_NATT,
         "no-natt",
         "fails",
         "esp-dropped-by-nat",
         "IKEv1 without NAT traversal: Main Mode and Quick Mode cross on UDP 500, "
         "plain ESP is dropped by the NAPTs"},
    },
    {ScenarioParameter::Count("connections",
                              "3",
                              "connections",
                              1,
                              100,
                              "TCP connections host-a opens to host-b"),
     ScenarioParameter::Count("bytes",
                              "20000",
                              "bytes",
                              1,
                              1000000,
                              "bytes each connection sends")},
};

class ReqEndToEnd : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        auto natTraversal = variant == Variant::NO_NATT ? ns3::IkePeerConfig::NATT_NONE
                                                        : ns3::IkePeerConfig::NATT_RFC;
        uint32_t connections = context.GetUint("connections");
        uint64_t bytes = context.GetUint("bytes");

        ResultRow row = MakeRow(context);
        Lab lab(GetId(), context);
        Ptr<ns3::Node> natA = lab.AddNat("nat-a", "port-preserving", "10.0.0.0/24");
        Ptr<ns3::Node> natB = lab.AddNat("nat-b", "port-preserving", "10.1.0.0/24");
        Ptr<ns3::Node> a = lab.AddHost("host-a", natA);
        Ptr<ns3::Node> b = lab.AddHost("host-b", natB);
        lab.Build();
        Ipv4Address addressA = lab.GetAddress(a);
        Ipv4Address addressB = lab.GetAddress(b);
        Ipv4Address publicB = lab.GetAddress(natB);
        // host-b answers IKE (and NAT-T) through static forwarding (RFC 3715 2.1 h).
        Ptr<ns3::NatEngine> engine = ns3::NatHelper::GetEngine(natB);
        engine->AddPortForward(17, ns3::IKE_UDP_PORT, addressB, ns3::IKE_UDP_PORT);
        engine->AddPortForward(17, ns3::IKE_NAT_T_UDP_PORT, addressB, ns3::IKE_NAT_T_UDP_PORT);
        if (variant == Variant::NATT_NO_CHECKSUM_FIX)
        {
            for (const auto& node : {a, b})
            {
                SetVariantAttribute(context,
                                    node->GetObject<ns3::IpsecStack>(),
                                    "TransportChecksum",
                                    ns3::StringValue("Verify"));
            }
        }

        ns3::IkeHelper ike = req::MakeIkeHelper(context);
        ike.Install(a);
        ike.Install(b);
        ns3::IkeChildConfig child;
        child.name = "host";
        child.mode = ns3::IPSEC_MODE_TRANSPORT;
        ns3::IkePeerConfig initiator = req::BaseConfig("host-b", 1);
        initiator.local = {addressA, ns3::IKE_UDP_PORT};
        initiator.remote = {publicB, ns3::IKE_UDP_PORT};
        initiator.localId = ns3::IkeIdentity::Fqdn("host-a.natt.test");
        initiator.remoteId = ns3::IkeIdentity::Fqdn("host-b.natt.test");
        initiator.natTraversal = natTraversal;
        // RFC 3715 2.1 c / e: the phase-2 IDs name the addresses host-a knows.
        child.selector = ns3::IpsecSelector::HostToHost(addressA, publicB);
        initiator.children.push_back(child);
        ns3::IkeHelper::GetDaemon(a)->AddPeer(initiator);
        ns3::IkePeerConfig responder = req::BaseConfig("hosts", 1);
        responder.local = {addressB, ns3::IKE_UDP_PORT};
        responder.remote = {Ipv4Address::GetAny(), ns3::IKE_UDP_PORT};
        responder.localId = ns3::IkeIdentity::Fqdn("host-b.natt.test");
        responder.natTraversal = natTraversal;
        // Any peer: the responder narrows to the IDs host-a proposes.
        child.selector = ns3::IpsecSelector();
        responder.children.push_back(child);
        ns3::IkeHelper::GetDaemon(b)->AddPeer(responder);
        ns3::IkeHelper::Initiate(a, "host-b", ns3::Seconds(0.5));

        std::vector<std::shared_ptr<TcpFlow>> flows;
        for (uint32_t i = 0; i < connections; ++i)
        {
            flows.push_back(lab.AddTcpBulk(a,
                                           b,
                                           static_cast<uint16_t>(5001 + i),
                                           bytes,
                                           ns3::Seconds(2) + ns3::MilliSeconds(50) * i,
                                           publicB));
        }
        ns3::IkeHelper::AssignStreams(lab.GetAllNodes(), 100);
        lab.Run(ns3::Seconds(8));
        if (!lab.GetOutputPrefix().empty())
        {
            ns3::IkeHelper::WriteWiresharkProfile(lab.GetOutputPrefix() + "-keys",
                                                  lab.GetAllNodes());
        }

        uint32_t complete = 0;
        uint64_t received = 0;
        for (const auto& flow : flows)
        {
            received += flow->bytesReceived;
            complete += flow->bytesReceived == flow->bytesToSend ? 1 : 0;
        }
        // Works: every connection delivered all its bytes, and through ESP
        // both ways (data to host-b, acknowledgements to host-a).
        bool works = complete == connections && lab.GetProbe().GetEspDelivered(b) > 0 &&
                     lab.GetProbe().GetEspDelivered(a) > 0;
        row.outcome = works ? "works" : "fails";
        row.symptom = works ? "none" : req::Classify(lab, 0, 1);
        lab.GetProbe().FillMetrics(row);
        row.SetMetric("connections", connections);
        row.SetMetric("connections_complete", complete);
        row.SetMetric("tcp_bytes_received", static_cast<double>(received));
        return row;
    }
};

const Registered<ReqEndToEnd> kRegistered(Shelf::CATALOGUE, 2000, kData);

} // namespace

} // namespace natt
