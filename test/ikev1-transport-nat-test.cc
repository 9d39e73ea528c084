/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKEv1 transport mode through a NAT (RFC 3947 5.2, RFC 3948 3.1): the SPD
// entries name the addresses the packets really carry (the IKE SA's), so
// two peers with the same private address behind different NATs do not
// overlap (RFC 3715 2.1 e); the SAs keep the original addresses the peer
// sent as NAT-OA, for the inbound check and the checksum fix-up.

#include "ikev1-test-util.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ikev1test;

namespace
{

const IpsecPolicy*
OutboundPolicy(Ptr<SecurityPolicyDatabase> spd)
{
    for (const auto& p : spd->GetPolicies())
    {
        if (p.direction == IpsecPolicy::OUTBOUND && p.action == IpsecPolicy::PROTECT)
        {
            return &p;
        }
    }
    return nullptr;
}

} // namespace

TEST(Ikev1TransportNat, PoliciesNameTheIkeAddressesAndSasTheOriginalOnes)
{
    Ikev1Pair p;
    p.nat = true;
    p.UseDatabases();
    p.ci.children[0].mode = IPSEC_MODE_TRANSPORT;
    p.ci.children[0].selector = IpsecSelector::HostToHost(kInitiator, kResponder);
    p.cr.children[0].mode = IPSEC_MODE_TRANSPORT;
    p.cr.children[0].selector = IpsecSelector();
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    Ptr<IkeSa> rsa = p.ResponderSa();
    ASSERT_NE(rsa, nullptr);
    ASSERT_EQ(rsa->GetChildSas().size(), 1u);

    // The responder sends to the NAT: its policy names the NAT's address.
    const IpsecPolicy* r = OutboundPolicy(p.r->GetSpd());
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->selector.remoteAddress, kNatPublic);
    EXPECT_EQ(r->selector.remoteMask, Ipv4Mask::GetOnes());
    EXPECT_EQ(r->selector.localAddress, kResponder);
    Ptr<SecurityAssociation> in =
        p.r->GetSad()->FindInbound(IPSEC_PROTOCOL_ESP, rsa->GetChildSas()[0].inboundSpi);
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->GetParameters().selector.remoteAddress, kInitiator)
        << "the inbound check compares the initiator's original address (NAT-OAi)";
    EXPECT_EQ(in->GetParameters().originalRemote, kInitiator);
    EXPECT_EQ(in->GetParameters().originalLocal, kResponder)
        << "NAT-OAr: the initiator addressed the responder directly";

    // The initiator learns from the responder's NAT-OAi how it was seen.
    const IpsecPolicy* i = OutboundPolicy(p.i->GetSpd());
    ASSERT_NE(i, nullptr);
    EXPECT_EQ(i->selector.localAddress, kInitiator);
    EXPECT_EQ(i->selector.remoteAddress, kResponder);
    Ptr<SecurityAssociation> iin =
        p.i->GetSad()->FindInbound(IPSEC_PROTOCOL_ESP, sa->GetChildSas()[0].inboundSpi);
    ASSERT_NE(iin, nullptr);
    EXPECT_EQ(iin->GetParameters().originalLocal, kNatPublic)
        << "the responder's checksums cover the NAT's address, not ours";
    EXPECT_EQ(iin->GetParameters().originalRemote, kResponder);
}

TEST(Ikev1TransportNat, TunnelModeKeepsTheNegotiatedSelectors)
{
    Ikev1Pair p;
    p.nat = true;
    p.UseDatabases();
    p.Start();
    p.Run();
    const IpsecPolicy* r = OutboundPolicy(p.r->GetSpd());
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->mode, IPSEC_MODE_TUNNEL);
    EXPECT_NE(r->selector.remoteAddress, kNatPublic)
        << "tunnel mode protects inner addresses; only transport follows the NAT";
}
