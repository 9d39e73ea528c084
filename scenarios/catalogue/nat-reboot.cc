/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A NAT that reboots under an established SA loses every mapping (a power
// cycle keeps no state). If only the far side
// talks, nothing from inside remakes the SA's mapping on its old port, and
// the SA is dead while both ends still hold it. Liveness checks from the
// inside (RFC 3706 DPD for IKEv1, an empty INFORMATIONAL for IKEv2, RFC
// 7296 1.4) are authenticated IKE from the NAT's new mapping: the gateway
// moves the SA there (RFC 7296 2.23) and its traffic gets through again.

#include "catalogue.h"
#include "nat-event-common.h"

namespace natt
{

using namespace ns3;

namespace
{

enum class Variant
{
    NO_DPD,
    DPD,
};

const EntryData<Variant> kData{
    "nat-reboot",
    "A NAT reboots under an established SA",
    "RFC 3706; RFC 7296 1.4, 2.23",
    "host-a (10.0.0.2) sits behind the NAPT nat (preset port-preserving, with "
    "PortAllocation from nat-port-allocation, random by default) and sets up an IKE "
    "tunnel (ike-version) with NAT "
    "traversal to gateway, in front of server on 172.16.0.0/24. ESP travels in UDP 4500 "
    "and host-a sends RFC 3948 keepalives every 20 s. From 2 s only server talks: one "
    "datagram to host-a every 500 ms, as a push service or a monitoring poll does. At "
    "reboot-at nat reboots and loses every mapping. The gateway's ESP-in-UDP meets no "
    "mapping and is dropped; host-a's next keepalive makes a mapping again, but on a new "
    "port, and a keepalive is not authenticated, so the gateway does not move the SA "
    "there (RFC 3948): both ends hold an established SA that carries nothing "
    "(sa-silently-dead). Liveness checks fix it: host-a's RFC 3706 R-U-THERE or IKEv2 "
    "empty INFORMATIONAL (RFC 7296 1.4), every dpd-delay, is authenticated IKE from the "
    "new mapping, so the gateway moves the IKE SA and its child SAs to the new port "
    "(RFC 7296 2.23; natt's IKEv1 does the same, as strongSwan's and Openswan's do) and "
    "answers there. recovery_time_s is the time from the reboot to the first ESP host-a "
    "accepts after it. With nat-port-allocation=preserve the keepalive remakes the old "
    "port and the SA comes back without liveness checks.",
    {
        {Variant::NO_DPD,
         "no-dpd",
         "fails",
         "sa-silently-dead",
         "host-a runs no liveness checks: after the reboot the gateway's ESP-in-UDP is "
         "dropped at the port nat no longer maps (no-mapping), nothing authenticated "
         "comes from host-a's new mapping, and no IKE SA fails."},
        {Variant::DPD,
         "dpd",
         "works",
         "none",
         "host-a checks liveness every dpd-delay (IKEv1: RFC 3706 R-U-THERE; IKEv2: empty "
         "INFORMATIONAL): the first check after the reboot leaves through the new mapping "
         "and the gateway follows it."},
    },
    [] {
        std::vector<ScenarioParameter> parameters = natevent::Parameters("reboot-at");
        parameters.push_back(ScenarioParameter::Duration(
            "dpd-delay",
            "10",
            "s",
            1,
            600,
            "dpd: time between host-a's liveness checks (strongSwan's dpd_delay)"));
        parameters.push_back(ScenarioParameter::Choice(
            "nat-port-allocation",
            "random",
            {"random", "sequential", "preserve"},
            "how nat chooses external ports (NatEngine PortAllocation): random and "
            "sequential give the remade mapping a new port, preserve gives host-a's 4500 back"));
        return parameters;
    }(),
};

class NatReboot : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        natevent::Setup setup;
        setup.event = natevent::Setup::REBOOT;
        setup.ikeVersion = context.Get("ike-version") == "1" ? 1 : 2;
        setup.hostSends = false;
        if (variant == Variant::DPD)
        {
            setup.dpdDelay = context.GetTime("dpd-delay");
        }
        return natevent::Run(*this, context, setup);
    }
};

const Registered<NatReboot> kRegistered(Shelf::CATALOGUE, 4300, kData);

} // namespace

} // namespace natt
