/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-event-common.h"

#include "ike-common.h"
#include "lab.h"
#include "spi-common.h"
#include "variant-attributes.h"

#include "ns3/core-module.h"
#include "ns3/ike-ports.h"
#include "ns3/ipsec-stack.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-helper.h"

#include <algorithm>
#include <cctype>
#include <memory>

using namespace ns3;

namespace natt
{
namespace natevent
{

namespace
{

constexpr uint8_t kUdp = 17;
const Time kTrafficStart = Seconds(2);
const Time kInterval = MilliSeconds(500);
/// The stream's port on host-a.
constexpr uint16_t kStreamPort = 9;

/// What the traces saw around the event.
struct Watch
{
    Ipv4Address host;
    Time eventAt;
    uint16_t oldPort{0}; ///< host-a's UDP 4500 mapping before the event
    uint16_t newPort{0}; ///< the first one after it
    uint64_t toHostAfter{0};
    uint64_t fromHostAfter{0};
    Time firstToHostAfter{Seconds(-1)};
    Time lastToHost{Seconds(-1)};
    uint64_t hostIkeSent{0};
};

/// A mapping of host-a's NAT-T port appeared (made, or moved by Rebind).
void
NoteMapping(Watch* w, const NatMappingInfo& m)
{
    if (m.protocol != kUdp || m.insideAddress != w->host || m.insidePort != IKE_NAT_T_UDP_PORT)
    {
        return;
    }
    if (Simulator::Now() < w->eventAt)
    {
        w->oldPort = m.externalPort;
    }
    else if (w->newPort == 0)
    {
        w->newPort = m.externalPort;
    }
}

void
OnHostAccept(Watch* w, Ptr<const Packet>, Ptr<const SecurityAssociation>)
{
    Time now = Simulator::Now();
    w->lastToHost = now;
    if (now >= w->eventAt)
    {
        if (w->toHostAfter++ == 0)
        {
            w->firstToHostAfter = now;
        }
    }
}

void
OnGatewayAccept(Watch* w, Ptr<const Packet>, Ptr<const SecurityAssociation>)
{
    if (Simulator::Now() >= w->eventAt)
    {
        ++w->fromHostAfter;
    }
}

/// The NAT event of \p setup on \p engine, now.
void
Fire(Ptr<NatEngine> engine, Setup::Event event, Watch* w)
{
    if (event == Setup::REBOOT)
    {
        engine->Reboot();
        return;
    }
    if (w->oldPort != 0)
    {
        engine->Rebind(kUdp, w->oldPort);
    }
}

} // namespace

std::vector<ScenarioParameter>
Parameters(const std::string& eventName)
{
    return {
        ScenarioParameter::Choice("ike-version",
                                  "2",
                                  {"1", "2"},
                                  "IKE version of host-a and the gateway (1: Main Mode with "
                                  "RFC 3947 NAT-T; 2: RFC 7296)"),
        ScenarioParameter::Duration(eventName,
                                    "10",
                                    "s",
                                    3,
                                    600,
                                    "when the NAT event happens (the SA is up after about 1 s)"),
        ScenarioParameter::Duration("run-after",
                                    "30",
                                    "s",
                                    5,
                                    600,
                                    "how long the run goes on after the event"),
    };
}

ResultRow
Run(const Scenario& scenario, const RunContext& context, const Setup& setup)
{
    ResultRow row = scenario.MakeRow(context);
    bool reboot = setup.event == Setup::REBOOT;
    Time eventAt = context.GetTime(reboot ? "reboot-at" : "rebind-at");
    Time stop = eventAt + context.GetTime("run-after");

    Lab lab(scenario.GetId(), context);
    ikecommon::Corporate corporate = ikecommon::AddCorporate(lab);
    NatHelper natHelper;
    natHelper.SetPreset("port-preserving");
    const auto& parameters = scenario.GetParameters();
    if (std::any_of(parameters.begin(), parameters.end(), [](const ScenarioParameter& p) {
            return p.name == "nat-port-allocation";
        }))
    {
        std::string allocation = context.Get("nat-port-allocation");
        allocation[0] = static_cast<char>(std::toupper(allocation[0]));
        SetVariantAttribute(context,
                            natHelper,
                            &NatHelper::SetAttribute,
                            NatEngine::GetTypeId(),
                            "PortAllocation",
                            StringValue(allocation));
    }
    Ptr<Node> nat = lab.AddNat("nat", natHelper, ikecommon::kHomeNet);
    Ptr<Node> host = lab.AddHost("host-a", nat);
    lab.Build();

    IkeHelper ike = ikecommon::MakeIkeHelper(context);
    Ptr<IkeDaemon> hostDaemon = ike.Install(host);
    Ptr<IkeDaemon> gatewayDaemon = ike.Install(corporate.gateway);
    ikecommon::AssignStreams(lab);
    Ptr<IpsecStack> gatewayStack = corporate.gateway->GetObject<IpsecStack>();
    // A strict peer (libreswan issue 1728): neither its ESP nor its IKE
    // follows a peer whose NAT moved it.
    SetVariantAttribute(context, gatewayStack, "FollowPeer", BooleanValue(setup.gatewayFollows));
    SetVariantAttribute(context, gatewayDaemon, "FollowPeer", BooleanValue(setup.gatewayFollows));

    ikecommon::Flavour flavour;
    flavour.version = setup.ikeVersion;
    IkePeerConfig client = ikecommon::ClientConfig(lab, host, corporate, flavour);
    client.dpdDelay = setup.dpdDelay;
    hostDaemon->AddPeer(client);
    gatewayDaemon->AddPeer(ikecommon::GatewayConfig(lab, corporate, flavour));
    IkeHelper::Initiate(host, client.name, Seconds(1));

    auto watch = std::make_shared<Watch>();
    watch->host = lab.GetAddress(host);
    watch->eventAt = eventAt;
    Ptr<NatEngine> engine = NatHelper::GetEngine(nat);
    engine->TraceConnectWithoutContext(
        "MappingCreated",
        MakeBoundCallback(
            +[](Watch* w, const NatMappingInfo& m, const std::string&) { NoteMapping(w, m); },
            watch.get()));
    engine->TraceConnectWithoutContext(
        "MappingRebound",
        MakeBoundCallback(
            +[](Watch* w, const NatMappingInfo&, const NatMappingInfo& after) {
                NoteMapping(w, after);
            },
            watch.get()));
    host->GetObject<IpsecStack>()->TraceConnectWithoutContext(
        "Accept",
        MakeBoundCallback(&OnHostAccept, watch.get()));
    gatewayStack->TraceConnectWithoutContext("Accept",
                                             MakeBoundCallback(&OnGatewayAccept, watch.get()));
    for (const char* trace : {"Sent", "Retransmit"})
    {
        hostDaemon->TraceConnectWithoutContext(
            trace,
            MakeBoundCallback(
                +[](Watch* w, Ptr<const IkeSa>, Ptr<const Packet>) {
                    // After the SA is up: the liveness checks (and any rekey).
                    if (Simulator::Now() >= kTrafficStart)
                    {
                        ++w->hostIkeSent;
                    }
                },
                watch.get()));
    }
    Simulator::Schedule(eventAt, &Fire, engine, setup.event, watch.get());

    // The traffic ends a second before the run does.
    auto packets = static_cast<uint32_t>((stop - Seconds(1) - kTrafficStart).GetMilliSeconds() /
                                         kInterval.GetMilliSeconds());
    std::shared_ptr<EchoFlow> echo;
    std::shared_ptr<spi::StreamFlow> stream;
    if (setup.hostSends)
    {
        echo = lab.AddUdpEcho(host,
                              corporate.server,
                              ikecommon::kEchoPort,
                              packets,
                              kInterval,
                              200,
                              kTrafficStart);
    }
    else
    {
        stream = spi::AddUdpStream(corporate.server,
                                   host,
                                   watch->host,
                                   kStreamPort,
                                   packets,
                                   kInterval,
                                   200,
                                   kTrafficStart);
    }
    lab.Run(stop);

    const LabProbe& probe = lab.GetProbe();
    NatDropFilter atOldPort;
    atOldPort.protocol = kUdp;
    atOldPort.destinationPorts = {watch->oldPort};
    atOldPort.reasons = {NatEngine::NO_MAPPING_DROP};
    uint64_t dropsAtOldPort = watch->oldPort != 0 ? probe.CountNatDrops(atOldPort) : 0;
    uint64_t failures = probe.GetIkeFailures();
    // Flowing to the end: the last packet to host-a left within two
    // intervals of the traffic's end.
    Time trafficEnd = kTrafficStart + kInterval * (packets - 1);
    bool flowing = watch->toHostAfter > 0 && watch->lastToHost >= trafficEnd - kInterval * 2;
    bool rebound = reboot || (watch->newPort != 0 && watch->newPort != watch->oldPort);
    if (!rebound)
    {
        // The event this entry is about did not happen: no verdict.
        row.outcome = "error";
        row.symptom = "port-not-changed";
    }
    else if (flowing)
    {
        row.outcome = "works";
        row.symptom = "none";
    }
    else
    {
        row.outcome = "fails";
        if (failures > 0)
        {
            row.symptom = "ike-failed";
        }
        else if (dropsAtOldPort > 0 && watch->fromHostAfter > 0)
        {
            // The gateway heard host-a at its new port and answered the old one.
            row.symptom = "esp-to-old-port";
        }
        else if (dropsAtOldPort > 0)
        {
            // Both IKE SAs up, nothing from host-a authenticated, the
            // gateway's ESP lost at a port the NAT no longer maps.
            row.symptom = "sa-silently-dead";
        }
        else
        {
            row.symptom = "traffic-lost";
        }
    }

    probe.FillMetrics(row);
    row.SetMetric("old_port", watch->oldPort);
    row.SetMetric("new_port", watch->newPort);
    row.SetMetric("drops_at_old_port", static_cast<double>(dropsAtOldPort));
    row.SetMetric("esp_to_host_after_event", static_cast<double>(watch->toHostAfter));
    row.SetMetric("esp_from_host_after_event", static_cast<double>(watch->fromHostAfter));
    row.SetMetric("recovery_time_s",
                  watch->toHostAfter > 0 ? (watch->firstToHostAfter - eventAt).GetSeconds() : -1);
    row.SetMetric("ike_failures", static_cast<double>(failures));
    row.SetMetric("liveness_checks", static_cast<double>(watch->hostIkeSent));
    if (echo)
    {
        row.SetMetric("echo_sent", echo->requestsSent);
        row.SetMetric("echo_replies", echo->repliesReceived);
    }
    else
    {
        row.SetMetric("stream_sent", stream->sent);
        row.SetMetric("stream_received", stream->received);
    }
    return row;
}

} // namespace natevent
} // namespace natt
