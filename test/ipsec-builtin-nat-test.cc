/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// draft-stenberg 3.4: the built-in host NAT of a responder's IPsec stack
// gives each (perceived host, port) of the draft's transport SAs an
// internal address, rewrites inbound sources and outbound destinations with
// their checksums, and picks the outbound SA by (host, port).

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/ipsec-builtin-nat.h"
#include "ns3/packet.h"
#include "ns3/security-association-database.h"
#include "ns3/udp-header.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

const Ipv4Address kServer("203.0.113.1");
const Ipv4Address kPrivate("10.0.0.2"); // both clients' address
const Ipv4Address kNat1("198.51.100.1");
const Ipv4Address kNat2("198.51.100.2");

SecurityAssociation::Parameters
Stenberg(Ipv4Address peer, uint32_t spi, SecurityAssociation::Direction direction)
{
    SecurityAssociation::Parameters p;
    p.spi = spi;
    p.direction = direction;
    p.mode = IPSEC_MODE_TRANSPORT;
    p.localAddress = kServer;
    p.remoteAddress = peer;
    p.encapsulation.type = IpsecEncapsulation::STENBERG;
    p.encapsulation.localPort = 500;
    p.encapsulation.remotePort = 500;
    return p;
}

/// A UDP segment from \p source to \p destination with its checksum.
Ptr<Packet>
Segment(Ipv4Address source, Ipv4Address destination)
{
    Ptr<Packet> p = Create<Packet>(40);
    UdpHeader udp;
    udp.SetSourcePort(7);
    udp.SetDestinationPort(1025);
    udp.EnableChecksums();
    udp.InitializeChecksum(source, destination, 17);
    p->AddHeader(udp);
    return p;
}

bool
ChecksumHolds(Ptr<const Packet> segment, Ipv4Address source, Ipv4Address destination)
{
    Ptr<Packet> copy = segment->Copy();
    UdpHeader udp;
    udp.EnableChecksums();
    udp.InitializeChecksum(source, destination, 17);
    copy->RemoveHeader(udp);
    return udp.IsChecksumOk();
}

class IpsecBuiltinNatTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        sad = CreateObject<SecurityAssociationDatabase>();
        in1 = sad->Install(Stenberg(kNat1, 0x101, SecurityAssociation::INBOUND));
        in2 = sad->Install(Stenberg(kNat2, 0x102, SecurityAssociation::INBOUND));
        out1 = sad->Install(Stenberg(kNat1, 0x201, SecurityAssociation::OUTBOUND));
        out2 = sad->Install(Stenberg(kNat2, 0x202, SecurityAssociation::OUTBOUND));
        nat = CreateObject<IpsecBuiltinNat>();
    }

    void TearDown() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }

    /// What upper layers see of a segment from kPrivate that arrived through \p sa.
    Ipv4Address Arrive(Ptr<SecurityAssociation> sa, Ptr<Packet>* segment = nullptr)
    {
        Ptr<Packet> p = Segment(kPrivate, kServer);
        Ipv4Header header;
        header.SetSource(kPrivate);
        header.SetDestination(kServer);
        EXPECT_TRUE(nat->Inbound(sa, p, 17, header));
        if (segment)
        {
            *segment = p;
        }
        return header.GetSource();
    }

    Ptr<SecurityAssociationDatabase> sad;
    Ptr<SecurityAssociation> in1;
    Ptr<SecurityAssociation> in2;
    Ptr<SecurityAssociation> out1;
    Ptr<SecurityAssociation> out2;
    Ptr<IpsecBuiltinNat> nat;
};

} // namespace

TEST_F(IpsecBuiltinNatTest, SamePrivateAddressBehindTwoNatsGetsTwoInternalAddresses)
{
    std::vector<Ipv4Address> created;
    nat->TraceConnectWithoutContext("MappingCreated",
                                    MakeBoundCallback(
                                        +[](std::vector<Ipv4Address>* c,
                                            Ipv4Address internal,
                                            Ipv4Address,
                                            uint16_t,
                                            Ipv4Address) { c->push_back(internal); },
                                        &created));
    Ptr<Packet> segment;
    Ipv4Address first = Arrive(in1, &segment);
    EXPECT_EQ(first, Ipv4Address("172.31.0.1"));
    EXPECT_TRUE(ChecksumHolds(segment, first, kServer)) << "RFC 1624 adjustment";
    EXPECT_FALSE(ChecksumHolds(segment, kPrivate, kServer));
    Ipv4Address second = Arrive(in2);
    EXPECT_EQ(second, Ipv4Address("172.31.0.2"));
    EXPECT_EQ(Arrive(in1), first) << "one address per (host, port)";
    EXPECT_EQ(nat->GetMappingCount(), 2u);
    EXPECT_EQ(nat->GetInboundTranslated(), 3u);
    EXPECT_EQ(created, (std::vector<Ipv4Address>{first, second}));
    const IpsecBuiltinNat::Mapping* m = nat->FindInternal(second);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->perceived, kNat2);
    EXPECT_EQ(m->port, 500);
    EXPECT_EQ(m->original, kPrivate);
}

TEST_F(IpsecBuiltinNatTest, ARepliesLeaveThroughTheSaOfItsHostAndPort)
{
    Ipv4Address first = Arrive(in1);
    Ipv4Address second = Arrive(in2);
    for (auto [internal, expected] : {std::make_pair(first, out1), std::make_pair(second, out2)})
    {
        Ptr<Packet> reply = Segment(kServer, internal);
        Ipv4Address destination = internal;
        Ptr<SecurityAssociation> sa = nat->SelectOutbound(reply, 17, kServer, destination, sad);
        EXPECT_EQ(sa, expected);
        EXPECT_EQ(destination, kPrivate) << "the address the client's own stack has";
        EXPECT_TRUE(ChecksumHolds(reply, kServer, kPrivate));
    }
    EXPECT_EQ(nat->GetOutboundTranslated(), 2u);
    // Not an internal address: the SPD decides, nothing is touched.
    Ptr<Packet> other = Segment(kServer, kNat1);
    Ipv4Address destination = kNat1;
    EXPECT_EQ(nat->SelectOutbound(other, 17, kServer, destination, sad), nullptr);
    EXPECT_EQ(destination, kNat1);
    EXPECT_TRUE(ChecksumHolds(other, kServer, kNat1));
}

TEST_F(IpsecBuiltinNatTest, OnlyTheDraftsTransportSasAreTranslated)
{
    SecurityAssociation::Parameters udp = Stenberg(kNat1, 0x301, SecurityAssociation::INBOUND);
    udp.encapsulation.type = IpsecEncapsulation::UDP_ENCAP;
    EXPECT_EQ(Arrive(sad->Install(udp)), kPrivate) << "RFC 3948 has NAT-OA instead";
    SecurityAssociation::Parameters tunnel = Stenberg(kNat1, 0x302, SecurityAssociation::INBOUND);
    tunnel.mode = IPSEC_MODE_TUNNEL;
    EXPECT_EQ(Arrive(sad->Install(tunnel)), kPrivate) << "3.4 leaves tunnels to the gateway";
    EXPECT_EQ(nat->GetMappingCount(), 0u);
}

TEST_F(IpsecBuiltinNatTest, AFullInternalNetworkDropsNewPeers)
{
    nat->SetAttribute("Mask", Ipv4MaskValue("255.255.255.254")); // one address: .1 is past it
    uint64_t drops = 0;
    nat->TraceConnectWithoutContext("Drop",
                                    MakeBoundCallback(
                                        +[](uint64_t* d, Ptr<const Packet>, const char*) { ++*d; },
                                        &drops));
    Ptr<Packet> p = Segment(kPrivate, kServer);
    Ipv4Header header;
    header.SetSource(kPrivate);
    EXPECT_FALSE(nat->Inbound(in1, p, 17, header));
    EXPECT_EQ(nat->GetDropCount(), 1u);
    EXPECT_EQ(drops, 1u);
}
