/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 a: AH's ICV covers the IP addresses a NAT rewrites.

#include "catalogue.h"
#include "dataplane-common.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-helper.h"

namespace natt
{

using namespace ns3;

namespace
{

/// UDP echo payload that still fits the 1500-byte path with ESP in UDP:
/// this entry is about AH's ICV, not fragments (rfc3715-l is).
const uint32_t kMaxSize = 1400;

enum class Variant
{
    AH_TRANSPORT,
    ESP_NATT,
};

const EntryData<Variant> kData{
    "rfc3715-a",
    "AH through a NAT",
    "RFC 3715 2.1 a",
    "host sits behind home-nat (10.0.0.0/24), a NAT that translates protocols "
    "without ports by address, so AH (protocol 51) and ESP (50) pass it. server "
    "(198.51.100.2) is on the public subnet behind vpn-gw, which only routes here. "
    "host sends UDP echo requests to server under manually keyed transport-mode SAs. "
    "AH's integrity check covers the IP source and destination addresses (RFC 4302 "
    "3.3.3.1, RFC 3715 2.1 a); home-nat replaces host's private source address with "
    "its own, so server computes a different ICV and drops every packet. ESP does "
    "not cover the IP header, and inside UDP (RFC 3948) it crosses any NAPT.",
    {
        {Variant::AH_TRANSPORT,
         "ah-transport",
         "fails",
         "ah-icv-mismatch",
         "AH transport mode (HMAC-SHA1-96) between host and server; home-nat rewrites the "
         "source address the ICV covers."},
        {Variant::ESP_NATT,
         "esp-natt",
         "works",
         "none",
         "ESP transport mode (AES-CBC, HMAC-SHA1-96) inside UDP 4500 (RFC 3948) instead of "
         "AH, with the NAT-OA addresses for the transport checksums."},
    },
    {ScenarioParameter::Count("packets",
                              "10",
                              "packets",
                              1,
                              1000,
                              "UDP echo requests host sends to server"),
     ScenarioParameter::Count("size", "200", "bytes", 0, kMaxSize, "UDP echo payload bytes")},
};

class Rfc3715A : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        dataplane::EchoSpec echo;
        echo.packets = context.GetUint("packets");
        echo.size = context.GetUint("size");
        if (variant == Variant::AH_TRANSPORT)
        {
            echo.transport.options = dataplane::AhOptions();
        }
        else
        {
            echo.transport.options = dataplane::EspOptions(IpsecEncapsulation::UDP_ENCAP);
            echo.transport.natOa = true;
        }
        return dataplane::RunEcho(
            MakeRow(context),
            context,
            echo,
            [](const Lab& lab, const dataplane::EchoRun& run, ResultRow& row) {
                row.SetMetric("ipsec_accepted_server", dataplane::Accepted(run.net.server));
                row.SetMetric("icv_failures", dataplane::IpsecDrops(lab, "icv-failure"));
            });
    }
};

const Registered<Rfc3715A> kRegistered(Shelf::CATALOGUE, 100, kData);

} // namespace

} // namespace natt
