/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 3715 2.1 i: inbound SA selector verification against an address the
// NAT changed.

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

enum class Variant
{
    ESP_TRANSPORT,
    NATT_INBOUND,
};

const EntryData<Variant> kData{
    "rfc3715-i",
    "Inbound SA selector verification after a NAT",
    "RFC 3715 2.1 i",
    "host sits behind home-nat (10.0.0.0/24), a NAT that passes ESP by translating "
    "its address only. server (198.51.100.2) is on the public subnet behind vpn-gw. "
    "host sends UDP echo requests to server under manually keyed transport-mode ESP "
    "SAs whose selectors name host's own (private) address, as phase-2 identities "
    "negotiated by IKE would. RFC 4301 5.2 requires the receiver to check that a "
    "decapsulated packet's source matches the SA's selectors; home-nat has replaced "
    "that source with its own address, so server drops every packet (RFC 3715 "
    "2.1 i). NAT-T inbound processing (RFC 3948, RFC 3947 5.2) compares the "
    "selectors with the peer's original address learnt as NAT-OA instead of the "
    "translated one.",
    {
        {Variant::ESP_TRANSPORT,
         "esp-transport",
         "fails",
         "selector-mismatch",
         "ESP transport mode, no NAT-T: server checks the translated source address "
         "against selectors naming host's private address."},
        {Variant::NATT_INBOUND,
         "natt-inbound",
         "works",
         "none",
         "NAT-T: ESP inside UDP 4500 (RFC 3948); server's SA carries host's original "
         "address (NAT-OA) and checks the selectors against it, while its policy sends "
         "to the address it sees."},
    },
    {ScenarioParameter::Count("packets",
                              "10",
                              "packets",
                              1,
                              1000,
                              "UDP echo requests host sends to server")},
};

class Rfc3715I : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        bool natt = variant == Variant::NATT_INBOUND;
        dataplane::EchoSpec echo;
        echo.packets = context.GetUint("packets");
        echo.transport.options =
            dataplane::EspOptions(natt ? IpsecEncapsulation::UDP_ENCAP : IpsecEncapsulation::NONE);
        // Without NAT-T the phase-2 selectors name host's private address;
        // with it, the SA keeps that address as NAT-OA (IpsecHelper binds the
        // selector to it) and the policy names the address server sees.
        echo.transport.serverNamesPrivateAddress = !natt;
        echo.transport.natOa = natt;
        return dataplane::RunEcho(MakeRow(context),
                                  context,
                                  echo,
                                  [](const Lab& lab, const dataplane::EchoRun&, ResultRow& row) {
                                      row.SetMetric(
                                          "selector_mismatch_drops",
                                          dataplane::IpsecDrops(lab, "selector-mismatch"));
                                  });
    }
};

const Registered<Rfc3715I> kRegistered(Shelf::CATALOGUE, 900, kData);

} // namespace

} // namespace natt
