/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "hostile-common.h"

using namespace ns3;

namespace natt
{
namespace hostile
{

Site
BuildSite(Lab& lab, const RunContext& context, Time start)
{
    Site site;
    site.corporate = ikecommon::AddCorporate(lab);
    site.nat = lab.AddNat("nat", "port-preserving", ikecommon::kHomeNet);
    site.host = lab.AddHost("host-a", site.nat);
    site.attacker = lab.AddAdversary("attacker");
    lab.Build();

    IkeHelper ike = ikecommon::MakeIkeHelper(context);
    site.hostDaemon = ike.Install(site.host);
    site.gatewayDaemon = ike.Install(site.corporate.gateway);
    ikecommon::AssignStreams(lab);
    ikecommon::Flavour flavour;
    flavour.version = 2;
    site.client = ikecommon::ClientConfig(lab, site.host, site.corporate, flavour);
    site.gateway = ikecommon::GatewayConfig(lab, site.corporate, flavour);
    site.hostDaemon->AddPeer(site.client);
    site.gatewayDaemon->AddPeer(site.gateway);
    IkeHelper::Initiate(site.host, site.client.name, start);
    return site;
}

} // namespace hostile
} // namespace natt
