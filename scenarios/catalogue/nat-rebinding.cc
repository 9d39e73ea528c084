/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A NAT rebinding: the NAT moves an established SA's mapping to another
// external port. RFC 3948 and RFC 7296 2.23 have the receiver of an
// authenticated packet from the new port send there from then on; a peer
// that does not (libreswan 5, issue 1728: "MOBIKE disabled, ignoring peer
// endpoint change") keeps answering the old port, which the NAT no longer
// maps.

#include "catalogue.h"
#include "nat-event-common.h"

namespace natt
{

using namespace ns3;

namespace
{

enum class Variant
{
    STRICT_PEER,
    FOLLOWS_NEW_PORT,
};

const EntryData<Variant> kData{
    "nat-rebinding",
    "A NAT moves an SA's mapping to a new port",
    "RFC 3948; RFC 7296 2.23; libreswan issue 1728",
    "host-a (10.0.0.2) sits behind the NAPT nat (preset port-preserving) and sets up an "
    "IKE tunnel (ike-version) with NAT traversal to gateway, in front of server on "
    "172.16.0.0/24; ESP travels in UDP 4500. From 2 s host-a echoes to server every "
    "500 ms. At rebind-at nat rebinds: it moves host-a's UDP 4500 mapping to another "
    "external port (NatEngine::Rebind, as a NAT that lost a mapping and made it again, "
    "or a carrier-grade NAT that renumbers). host-a notices nothing; its next ESP "
    "reaches the gateway from the new port. RFC 3948 and RFC 7296 2.23: the receiver "
    "of an authenticated packet from a new address or port sends there from then on. "
    "A strict peer (IpsecStack and IkeDaemon FollowPeer false; libreswan 5's \"MOBIKE "
    "disabled, ignoring peer endpoint change\", issue 1728) accepts host-a's ESP and "
    "keeps sending its replies to the old port, which nat now drops as no-mapping.",
    {
        {Variant::STRICT_PEER,
         "strict-peer",
         "fails",
         "esp-to-old-port",
         "the gateway's FollowPeer is false: it accepts host-a's ESP from the new port and "
         "sends the echo replies to the old one, where nat drops them (no-mapping)."},
        {Variant::FOLLOWS_NEW_PORT,
         "follows-new-port",
         "works",
         "none",
         "the RFC 3948 behaviour (FollowPeer true, the default): the first ESP from the new "
         "port moves the gateway's SAs there, and no packet is lost."},
    },
    natevent::Parameters("rebind-at"),
};

class NatRebinding : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        natevent::Setup setup;
        setup.event = natevent::Setup::REBIND;
        setup.ikeVersion = context.Get("ike-version") == "1" ? 1 : 2;
        setup.gatewayFollows = variant == Variant::FOLLOWS_NEW_PORT;
        setup.hostSends = true;
        return natevent::Run(*this, context, setup);
    }
};

const Registered<NatRebinding> kRegistered(Shelf::CATALOGUE, 4400, kData);

} // namespace

} // namespace natt
