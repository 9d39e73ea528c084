/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 7296 2.6 and RFC 3715 3: a flood of IKE_SA_INIT requests from
// spoofed sources against a responder's half-open limit, with and without
// cookies.

#include "catalogue.h"
#include "hostile-common.h"
#include "variant-attributes.h"

#include "ns3/core-module.h"

#include <algorithm>

using namespace ns3;

namespace natt
{

namespace
{

enum class Variant
{
    NO_COOKIES,
    COOKIES,
};

/// When the flood starts and stops, and when host-a starts IKE.
const Time kFloodStart = Seconds(1);
const Time kFloodStop = Seconds(8);
const Time kHonestStart = Seconds(2);
/// host-a's echo through its SA, once the flood is over.
const Time kEchoStart = Seconds(9);
const uint32_t kEchoPackets = 5;

const EntryData<Variant> kData{
    "ike-init-flood",
    "IKE_SA_INIT flood from spoofed sources against the responder's half-open limit",
    "RFC 7296 2.6; RFC 3715 3",
    "gateway, a public IKEv2 responder, protects the corporate LAN 172.16.0.0/24 and "
    "holds at most max-half-open half-open IKE SAs (IKE_SA_INIT answered, IKE_AUTH not "
    "yet done: Ikev2Handler MaxHalfOpen, strongSwan's init_limit_half_open). From 1 s to "
    "8 s an attacker, a public node, sends flood-rate well-formed IKE_SA_INIT requests "
    "per second with the gateway's proposal, each from another spoofed address of "
    "203.0.113.0/24, so answers never reach it and no request is ever completed. At 2 s "
    "host-a, a telecommuter behind a port-preserving NAT, starts IKEv2 with NAT-T, and "
    "from 9 s sends 5 UDP echo requests to server through its SA. "
    "strongSwan's field report (#2791) of 2,000 tunnels hitting the half-open limit is "
    "why this entry exists. Without cookies the flood fills the limit and host-a's "
    "requests are refused; with cookies (RFC 7296 2.6) the gateway answers with "
    "N(COOKIE) and keeps no state once cookie-threshold SAs are half open: the spoofed "
    "sources never see the cookie, host-a returns it and connects. Metrics: the peak of "
    "half-open SAs, the memory they hold (estimated: each keeps the request's nonce, KE "
    "and proposal and the response it caches for retransmission, RFC 7296 2.1), host-a's "
    "setup time, the requests sent and the drops by reason.",
    {
        {Variant::NO_COOKIES,
         "no-cookies",
         "fails",
         "half-open-limit",
         "the gateway never asks for a cookie (CookieThreshold above MaxHalfOpen); spoofed "
         "requests fill the half-open table and host-a's IKE_SA_INIT is dropped "
         "(half-open-limit) until it times out."},
        {Variant::COOKIES,
         "cookies",
         "works",
         "none",
         "the gateway demands a cookie once cookie-threshold SAs are half open "
         "(CookieThreshold); spoofed requests are answered statelessly, host-a echoes the "
         "cookie and sets up its SA."},
    },
    {ScenarioParameter::Count("flood-rate",
                              "200",
                              "requests/s",
                              1,
                              5000,
                              "IKE_SA_INIT requests the attacker sends per second"),
     ScenarioParameter::Count("max-half-open",
                              "50",
                              "SAs",
                              1,
                              10000,
                              "half-open IKE SAs the gateway holds at most (MaxHalfOpen)"),
     ScenarioParameter::Count("cookie-threshold",
                              "10",
                              "SAs",
                              0,
                              10000,
                              "half-open IKE SAs from which the cookies variant demands a cookie "
                              "(CookieThreshold; 0: always)")},
};

/// The gateway's responder IKE SAs that are half open, sampled over the run.
struct HalfOpenWatch
{
    Ptr<IkeDaemon> daemon;
    uint32_t peak{0};

    void Sample()
    {
        uint32_t n = 0;
        for (const auto& sa : daemon->GetSas())
        {
            n += !sa->IsInitiator() && sa->GetState() == IkeSa::CONNECTING;
        }
        peak = std::max(peak, n);
        Simulator::Schedule(MilliSeconds(50), &HalfOpenWatch::Sample, this);
    }
};

/// \p message is an IKEv2 IKE_SA_INIT (request or response).
bool
IsIkeSaInit(Ptr<const Packet> message)
{
    IsakmpHeader h;
    return message->GetSize() >= IsakmpHeader::kSize && message->PeekHeader(h) != 0 &&
           h.GetExchangeType() == IsakmpHeader::IKEV2_IKE_SA_INIT;
}

class IkeInitFlood : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t maxHalfOpen = context.GetUint("max-half-open");

        Lab lab(GetId(), context);
        hostile::Site site = hostile::BuildSite(lab, context, kHonestStart);
        Ptr<IkeDaemon> hostDaemon = site.hostDaemon;
        Ptr<IkeDaemon> gatewayDaemon = site.gatewayDaemon;
        Ptr<IkeVersionHandler> handler = gatewayDaemon->GetHandler(2);
        SetVariantAttribute(context, handler, "MaxHalfOpen", UintegerValue(maxHalfOpen));
        // Without cookies: a threshold the half-open table never reaches.
        SetVariantAttribute(context,
                            handler,
                            "CookieThreshold",
                            UintegerValue(variant == Variant::COOKIES
                                              ? context.GetUint("cookie-threshold")
                                              : maxHalfOpen + 1));
        auto echo = lab.AddUdpEcho(site.host,
                                   site.corporate.server,
                                   ikecommon::kEchoPort,
                                   kEchoPackets,
                                   MilliSeconds(100),
                                   200,
                                   kEchoStart);
        Ptr<ns3::IkeInitFlood> flood = site.attacker->Flood(lab.GetAddress(site.corporate.gateway),
                                                            site.gateway.proposal,
                                                            context.GetUint("flood-rate"),
                                                            kFloodStart,
                                                            kFloodStop);

        // What a half-open SA keeps: the request's payloads and its cached
        // response, the largest IKE_SA_INIT of each seen.
        auto bytes = std::make_shared<std::pair<uint32_t, uint32_t>>(0, 0);
        gatewayDaemon->TraceConnectWithoutContext(
            "Sent",
            MakeBoundCallback(
                +[](std::pair<uint32_t, uint32_t>* b, Ptr<const IkeSa>, Ptr<const Packet> m) {
                    if (IsIkeSaInit(m))
                    {
                        b->second = std::max(b->second, m->GetSize());
                    }
                },
                bytes.get()));
        gatewayDaemon->TraceConnectWithoutContext("Received",
                                                  MakeBoundCallback(
                                                      +[](std::pair<uint32_t, uint32_t>* b,
                                                          Ptr<const Packet> m,
                                                          const IkeEndpoint&,
                                                          const IkeEndpoint&) {
                                                          if (IsIkeSaInit(m))
                                                          {
                                                              b->first =
                                                                  std::max(b->first, m->GetSize());
                                                          }
                                                      },
                                                      bytes.get()));
        HalfOpenWatch watch{gatewayDaemon};
        Simulator::Schedule(kFloodStart, &HalfOpenWatch::Sample, &watch);
        lab.Run(Seconds(12));

        const LabProbe& probe = lab.GetProbe();
        bool honest = false;
        for (const auto& sa : hostDaemon->GetSas())
        {
            honest = honest || sa->GetState() == IkeSa::ESTABLISHED;
        }
        uint64_t refused = gatewayDaemon->GetDropCount(IkeDaemon::HALF_OPEN_LIMIT_DROP);
        if (honest && probe.GetChildSas() > 0 && echo->repliesReceived == kEchoPackets)
        {
            row.outcome = "works";
            row.symptom = "none";
        }
        else
        {
            row.outcome = "fails";
            row.symptom = refused > 0 ? "half-open-limit" : honest ? "echo-lost" : "ike-failed";
        }
        probe.FillMetrics(row);
        row.SetMetric("flood_sent", flood->GetSent());
        row.SetMetric("echo_replies", echo->repliesReceived);
        row.SetMetric("half_open_peak", watch.peak);
        row.SetMetric("responder_memory_bytes",
                      static_cast<double>(watch.peak) * (bytes->first + bytes->second));
        row.SetMetric("half_open_limit_drops", static_cast<double>(refused));
        row.SetMetric(
            "cookie_required_drops",
            static_cast<double>(gatewayDaemon->GetDropCount(IkeDaemon::COOKIE_REQUIRED_DROP)));
        if (honest)
        {
            row.SetMetric("honest_setup_ms", probe.GetSetupTimeMs());
        }
        return row;
    }
};

const Registered<IkeInitFlood> kRegistered(Shelf::CATALOGUE, 4100, kData);

} // namespace

} // namespace natt
