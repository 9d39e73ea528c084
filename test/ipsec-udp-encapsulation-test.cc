/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// UdpEncapsulation as the one owner of UDP 500 and 4500: IKE through
// IkeUdpTransport with and without the non-ESP marker (RFC 3948 2.2), and
// draft-stenberg's envelope and heartbeat (3.2, 3.3).

#include "ipsec-test-topology.h"

#include "ns3/ike-ports.h"
#include "ns3/ike-udp-transport.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace natt_test;

namespace
{

struct Inbox
{
    std::vector<std::pair<uint32_t, uint16_t>> messages; ///< size, local port
};

void
Collect(Inbox* inbox, Ptr<Packet> message, const IkeEndpoint& local, const IkeEndpoint& remote)
{
    inbox->messages.emplace_back(message->GetSize(), local.port);
}

} // namespace

TEST(IpsecUdpEncapsulation, IkeTravelsOn500And4500WithTheMarkerHandledBelowIke)
{
    TwoHosts net;
    IpsecHelper ipsec;
    // An SPD entry covering everything between the hosts must not catch IKE.
    ipsec.AddTransportPair(net.nodes.Get(0),
                           net.Address(0),
                           net.nodes.Get(1),
                           net.Address(1),
                           EspOptions(AllTransforms()[0]));
    Ptr<IkeUdpTransport> a = CreateObject<IkeUdpTransport>();
    a->Install(net.nodes.Get(0));
    Ptr<IkeUdpTransport> b = CreateObject<IkeUdpTransport>();
    b->Install(net.nodes.Get(1));
    Inbox inbox;
    b->SetReceiveCallback(MakeBoundCallback(&Collect, &inbox));
    IkeEndpoint from500{net.Address(0), IKE_UDP_PORT};
    IkeEndpoint to500{net.Address(1), IKE_UDP_PORT};
    IkeEndpoint from4500{net.Address(0), IKE_NAT_T_UDP_PORT};
    IkeEndpoint to4500{net.Address(1), IKE_NAT_T_UDP_PORT};
    // Enough of an IKE header: octet 17 is the version (0x20 for IKEv2), which
    // is what tells IKE from draft-stenberg on port 500.
    auto ike = [](uint32_t size) {
        std::vector<uint8_t> bytes(size, 0);
        bytes[0] = 0x11;
        bytes[17] = 0x20;
        return Create<Packet>(bytes.data(), size);
    };
    Simulator::Schedule(Seconds(1), [&]() {
        a->Send(ike(100), from500, to500);
        a->Send(ike(120), from4500, to4500);
    });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    ASSERT_EQ(inbox.messages.size(), 2u);
    EXPECT_EQ(inbox.messages[0], std::make_pair(100u, uint16_t{IKE_UDP_PORT}));
    EXPECT_EQ(inbox.messages[1], std::make_pair(120u, uint16_t{IKE_NAT_T_UDP_PORT}))
        << "marker stripped";
    Ptr<UdpEncapsulation> encapsulation = Stack(net.nodes.Get(1))->GetUdpEncapsulation();
    EXPECT_EQ(encapsulation->GetIkeReceived(), 2u);
    EXPECT_EQ(encapsulation->GetEspReceived(), 0u) << "the marker kept IKE from ESP";
    EXPECT_EQ(Stack(net.nodes.Get(0))->GetDropCount(), 0u);
    Simulator::Destroy();
}

TEST(IpsecUdpEncapsulation, StenbergEnvelopeAndHeartbeat)
{
    TwoHosts net;
    IpsecHelper ipsec;
    IpsecHelper::Options options = EspOptions(AllTransforms()[2]);
    options.encapsulation = IpsecEncapsulation::STENBERG;
    IpsecHelper::Pair pair = ipsec.AddTransportPair(net.nodes.Get(0),
                                                    net.Address(0),
                                                    net.nodes.Get(1),
                                                    net.Address(1),
                                                    options);
    EXPECT_EQ(pair.outboundA->GetParameters().encapsulation.remotePort, IKE_UDP_PORT);
    uint32_t received = 0;
    SetupEcho(net.nodes.Get(0), net.nodes.Get(1), net.Address(1), 5, &received);
    Ptr<UdpEncapsulation> a = Stack(net.nodes.Get(0))->GetUdpEncapsulation();
    Ptr<UdpEncapsulation> b = Stack(net.nodes.Get(1))->GetUdpEncapsulation();
    // The IKE initiator pings every 10 s (3.3).
    a->StartHeartbeat(InetSocketAddress(net.Address(0), IKE_UDP_PORT),
                      InetSocketAddress(net.Address(1), IKE_UDP_PORT));
    // A third party without SAs gets no reply.
    Simulator::Schedule(Seconds(2), [&]() {
        b->StartHeartbeat(InetSocketAddress(net.Address(1), IKE_UDP_PORT),
                          InetSocketAddress(Ipv4Address("10.1.1.99"), IKE_UDP_PORT));
    });
    Simulator::Stop(Seconds(35));
    Simulator::Run();
    EXPECT_EQ(received, 5u) << "ESP inside the 18-octet envelope on UDP 500";
    EXPECT_GE(b->GetEspReceived(), 5u);
    EXPECT_EQ(a->GetHeartbeatsSent(), 3u) << "at 10, 20 and 30 s";
    EXPECT_EQ(b->GetHeartbeatsReceived(), 3u);
    EXPECT_EQ(b->GetHeartbeatRepliesSent(), 3u);
    EXPECT_EQ(a->GetHeartbeatRepliesReceived(), 3u);
    Simulator::Destroy();
}
