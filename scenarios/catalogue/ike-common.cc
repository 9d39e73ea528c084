/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-common.h"

#include "variant-attributes.h"

#include "ns3/core-module.h"
#include "ns3/ike-ports.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-helper.h"
#include "ns3/nat-presets.h"

using namespace ns3;

namespace natt
{
namespace ikecommon
{

namespace
{

const std::vector<uint8_t> kPresharedKey{'n', 'a', 't', 't', '-', 'p', 's', 'k'};

} // namespace

Corporate
AddCorporate(Lab& lab, const std::string& hostName)
{
    Corporate corporate;
    corporate.gateway = lab.AddRouter("gateway", kCorporateNet);
    corporate.server = lab.AddHost(hostName, corporate.gateway);
    return corporate;
}

std::vector<std::string>
PresetChoices()
{
    std::vector<std::string> presets{"none"};
    for (const auto& preset : NatPresets::GetAll())
    {
        presets.push_back(preset.name);
    }
    return presets;
}

IkeHelper
MakeIkeHelper(const RunContext& context)
{
    IkeHelper ike;
    TypeId daemon = IkeDaemon::GetTypeId();
    auto set = &IkeHelper::SetDaemonAttribute;
    SetVariantAttribute(context, ike, set, daemon, "RetransmitTimeout", TimeValue(Seconds(1)));
    SetVariantAttribute(context, ike, set, daemon, "RetransmitBase", DoubleValue(1.5));
    SetVariantAttribute(context, ike, set, daemon, "RetransmitTries", UintegerValue(3));
    return ike;
}

IkePeerConfig
ClientConfig(const Lab& lab, Ptr<Node> client, const Corporate& corporate, const Flavour& flavour)
{
    IkePeerConfig c;
    c.name = "gateway";
    c.version = flavour.version;
    c.ikev1Mode = flavour.mode;
    c.natTraversal = flavour.natTraversal;
    c.local = {lab.GetAddress(client), IKE_UDP_PORT};
    c.remote = {lab.GetAddress(corporate.gateway), IKE_UDP_PORT};
    c.localId = IkeIdentity::Fqdn(lab.GetName(client) + ".natt.test");
    c.remoteId = IkeIdentity::Fqdn("gateway.natt.test");
    c.presharedKey = kPresharedKey;
    IkeChildConfig child;
    child.name = "corporate";
    child.mode = IPSEC_MODE_TUNNEL;
    child.selector = IpsecSelector::SubnetToSubnet(lab.GetAddress(client),
                                                   Ipv4Mask("/32"),
                                                   Ipv4Address("172.16.0.0"),
                                                   Ipv4Mask("/24"));
    c.children.push_back(child);
    return c;
}

IkePeerConfig
GatewayConfig(const Lab& lab, const Corporate& corporate, const Flavour& flavour)
{
    IkePeerConfig c;
    c.name = "clients";
    c.version = flavour.version;
    c.ikev1Mode = flavour.mode;
    c.natTraversal = flavour.natTraversal;
    c.local = {lab.GetAddress(corporate.gateway), IKE_UDP_PORT};
    c.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
    c.localId = IkeIdentity::Fqdn("gateway.natt.test");
    c.presharedKey = kPresharedKey;
    IkeChildConfig child;
    child.name = "corporate";
    child.mode = IPSEC_MODE_TUNNEL;
    child.selector = IpsecSelector::SubnetToSubnet(Ipv4Address("172.16.0.0"),
                                                   Ipv4Mask("/24"),
                                                   Ipv4Address::GetAny(),
                                                   Ipv4Mask("/0"));
    c.children.push_back(child);
    return c;
}

void
DaemonWatch::Connect(Ptr<IkeDaemon> daemon, Time from)
{
    m_counts->from = from;
    daemon->TraceConnectWithoutContext("Established",
                                       MakeBoundCallback(
                                           +[](Counts* c, Ptr<const IkeSa> sa) {
                                               if (sa->IsInitiator() && Simulator::Now() >= c->from)
                                               {
                                                   ++c->initiated;
                                               }
                                           },
                                           m_counts.get()));
    daemon->TraceConnectWithoutContext("ChildSa",
                                       MakeBoundCallback(
                                           +[](Counts* c, Ptr<const IkeSa>, const IkeChildSa&) {
                                               if (Simulator::Now() >= c->from)
                                               {
                                                   ++c->children;
                                               }
                                           },
                                           m_counts.get()));
    daemon->TraceConnectWithoutContext("Failure",
                                       MakeBoundCallback(
                                           +[](Counts* c, Ptr<const IkeSa>, const std::string&) {
                                               if (Simulator::Now() >= c->from)
                                               {
                                                   ++c->failures;
                                               }
                                           },
                                           m_counts.get()));
}

uint32_t
DaemonWatch::GetInitiatedSas() const
{
    return m_counts->initiated;
}

uint32_t
DaemonWatch::GetChildSas() const
{
    return m_counts->children;
}

uint32_t
DaemonWatch::GetFailures() const
{
    return m_counts->failures;
}

std::shared_ptr<uint32_t>
ScheduleRekeys(Ptr<Node> node, Time at, Rekey what)
{
    auto started = std::make_shared<uint32_t>(0);
    Ptr<IkeDaemon> daemon = IkeHelper::GetDaemon(node);
    NS_ABORT_MSG_UNLESS(daemon, "ScheduleRekeys: no IKE daemon on the node");
    Simulator::Schedule(at, [daemon, what, started]() {
        for (const auto& sa : daemon->GetSas())
        {
            if (sa->GetState() != IkeSa::ESTABLISHED)
            {
                continue;
            }
            Ptr<IkeVersionHandler> handler = daemon->GetHandler(sa->GetVersion());
            if (what == Rekey::PHASE1)
            {
                handler->RekeyIkeSa(sa);
                ++*started;
                continue;
            }
            std::vector<uint32_t> spis;
            for (const auto& child : sa->GetChildSas())
            {
                if (!child.rekeyed)
                {
                    spis.push_back(child.inboundSpi);
                }
            }
            for (uint32_t spi : spis)
            {
                handler->RekeyChildSa(sa, spi);
                ++*started;
            }
        }
    });
    return started;
}

void
SetWorksIfRekeyStarted(ResultRow& row, bool asked, uint32_t started)
{
    bool exercised = !asked || started > 0;
    row.outcome = exercised ? "works" : "error";
    row.symptom = exercised ? "none" : "rekey-not-started";
}

void
UseProtocol(IkeChildConfig& child, IpsecProtocol protocol)
{
    child.protocol = protocol;
    if (protocol == IPSEC_PROTOCOL_AH)
    {
        child.encryption = IpsecTransform::ENCR_NULL;
        child.encryptionKeyBits = 0;
    }
}

bool
AllEchoesProtected(const Lab& lab,
                   const std::vector<Ptr<Node>>& clients,
                   const std::vector<std::shared_ptr<EchoFlow>>& flows)
{
    for (std::size_t i = 0; i < flows.size(); ++i)
    {
        const EchoFlow& flow = *flows[i];
        if (flow.requestsSent == 0 || flow.repliesReceived != flow.requestsSent ||
            lab.GetProbe().GetEspDelivered(clients[i]) < flow.repliesReceived)
        {
            return false;
        }
    }
    return !flows.empty();
}

uint64_t
DaemonDrops(Ptr<Node> node, const std::string& reason)
{
    Ptr<IkeDaemon> daemon = IkeHelper::GetDaemon(node);
    return daemon ? daemon->GetDropCount(reason) : 0;
}

void
AssignStreams(const Lab& lab)
{
    IkeHelper::AssignStreams(lab.GetAllNodes(), 7000);
    NatHelper::AssignStreams(lab.GetNats(), 8000);
}

ScenarioParameter
EchoPacketsParameter()
{
    return ScenarioParameter::Count(
        "packets",
        "10",
        "packets",
        1,
        1000,
        "UDP echo requests each host sends to server, one every 500 ms from second 4");
}

} // namespace ikecommon
} // namespace natt
