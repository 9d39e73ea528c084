/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Replayed, tampered and badly padded ESP packets are dropped and counted
// (RFC 4303 3.4.3, 3.4.4, 2.4). The attacker sits on the client: it copies
// the ESP packets the client sent and sends them again later through IP.

#include "ipsec-test-topology.h"

#include "ns3/ipsec-cipher-suite.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace natt_test;

namespace
{

struct Capture
{
    std::vector<Ptr<Packet>> esp; ///< ESP header onwards
};

void
Record(Capture* capture, Ptr<const Packet> frame)
{
    Ptr<Packet> copy = frame->Copy();
    uint8_t head[2] = {0, 0};
    copy->CopyData(head, 2);
    if (head[0] == 0x00 && head[1] == 0x21) // PPP protocol IPv4 (RFC 1661)
    {
        PppHeader ppp;
        copy->RemoveHeader(ppp);
    }
    Ipv4Header ip;
    copy->RemoveHeader(ip);
    // Only what the client itself sent in the first two seconds.
    if (ip.GetProtocol() == 50 && Simulator::Now() < Seconds(2))
    {
        capture->esp.push_back(copy);
    }
}

void
Inject(Ptr<Node> node, Ipv4Address from, Ipv4Address to, Ptr<Packet> esp)
{
    node->GetObject<Ipv4L3Protocol>()->Send(esp->Copy(), from, to, 50, nullptr);
}

void
WriteU32(std::vector<uint8_t>& bytes, std::size_t at, uint32_t v)
{
    bytes[at] = v >> 24;
    bytes[at + 1] = v >> 16;
    bytes[at + 2] = v >> 8;
    bytes[at + 3] = v;
}

} // namespace

TEST(IpsecReplay, ReplayedTamperedAndBadlyPaddedPacketsAreDropped)
{
    TwoHosts net;
    IpsecHelper ipsec;
    ipsec.SetStackAttribute("ReplayWindow", UintegerValue(32));
    IpsecHelper::Pair pair = ipsec.AddTransportPair(net.nodes.Get(0),
                                                    net.Address(0),
                                                    net.nodes.Get(1),
                                                    net.Address(1),
                                                    EspOptions(AllTransforms()[1]));
    EXPECT_EQ(pair.inboundB->GetReplayWindow().GetSize(), 32u) << "the attribute sized the window";
    Capture capture;
    net.devices.Get(0)->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&Record, &capture));
    UdpEchoServerHelper server(9);
    ApplicationContainer s = server.Install(net.nodes.Get(1));
    s.Start(Seconds(0.5));
    uint32_t requests = 0;
    s.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountRx, &requests));
    UdpEchoClientHelper client(net.Address(1), 9);
    client.SetAttribute("MaxPackets", UintegerValue(5));
    client.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
    client.Install(net.nodes.Get(0)).Start(Seconds(1));

    Ptr<Node> attacker = net.nodes.Get(0);
    Ipv4Address a = net.Address(0);
    Ipv4Address b = net.Address(1);
    // 1. Replay all five at 3 s.
    Simulator::Schedule(Seconds(3), [&]() {
        for (const auto& esp : capture.esp)
        {
            Inject(attacker, a, b, esp);
        }
    });
    // 2. A fresh sequence number but a flipped ciphertext bit: the ICV fails.
    Simulator::Schedule(Seconds(3.5), [&]() {
        ASSERT_FALSE(capture.esp.empty());
        std::vector<uint8_t> bytes(capture.esp[0]->GetSize());
        capture.esp[0]->CopyData(bytes.data(), bytes.size());
        WriteU32(bytes, 4, 1000);
        bytes[30] ^= 0x01;
        Inject(attacker, a, b, Create<Packet>(bytes.data(), bytes.size()));
    });
    // 3. A correctly authenticated packet whose padding is not 1, 2, 3, ...
    Simulator::Schedule(Seconds(4), [&]() {
        std::string error;
        auto suite = IpsecCipherSuite::Create(pair.outboundA->GetParameters().transform, &error);
        ASSERT_TRUE(suite) << error;
        std::vector<uint8_t> plaintext(30, 0xab);
        plaintext.push_back(0); // pad length must be 14 for 16-byte blocks: use bad bytes
        plaintext.resize(46, 7);
        plaintext.push_back(14); // pad length
        plaintext.push_back(17); // next header
        std::vector<uint8_t> header(8);
        WriteU32(header, 0, pair.outboundA->GetSpi());
        WriteU32(header, 4, 2000);
        std::vector<uint8_t> out;
        ASSERT_TRUE(suite->Seal(header.data(), std::vector<uint8_t>(16, 0x42), plaintext, out));
        Inject(attacker, a, b, Create<Packet>(out.data(), out.size()));
    });
    // 4. Older than the window: after the highest (2000) anything below 1968 is too old.
    Simulator::Schedule(Seconds(4.5), [&]() { Inject(attacker, a, b, capture.esp[1]); });
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    Ptr<IpsecStack> stackB = Stack(net.nodes.Get(1));
    EXPECT_EQ(requests, 5u) << "only the original requests reached the server";
    EXPECT_EQ(capture.esp.size(), 5u);
    EXPECT_EQ(stackB->GetDropCount(IpsecStack::REPLAY_DROP), 6u) << "five replays and one too old";
    EXPECT_EQ(stackB->GetDropCount(IpsecStack::ICV_FAILURE_DROP), 1u);
    EXPECT_EQ(stackB->GetDropCount(IpsecStack::ICV_FAILURE_DROP, IPSEC_PROTOCOL_ESP), 1u)
        << "counted as ESP's";
    EXPECT_EQ(stackB->GetDropCount(IpsecStack::REPLAY_DROP, IPSEC_PROTOCOL_AH), 0u);
    EXPECT_EQ(stackB->GetDropCount(IpsecStack::BAD_PADDING_DROP), 1u);
    EXPECT_EQ(pair.inboundB->GetPackets(), 5u) << "per-SA counters saw only good packets";
    Simulator::Destroy();
}

TEST(IpsecReplay, UnknownSpiIsCountedAsNoSa)
{
    TwoHosts net;
    IpsecHelper ipsec;
    ipsec.Install(net.nodes);
    std::vector<uint8_t> bytes(64, 0);
    bytes[3] = 0x99; // SPI 0x99, nobody's
    bytes[7] = 1;
    Simulator::Schedule(Seconds(1), [&]() {
        Inject(net.nodes.Get(0),
               net.Address(0),
               net.Address(1),
               Create<Packet>(bytes.data(), bytes.size()));
    });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(Stack(net.nodes.Get(1))->GetDropCount(IpsecStack::NO_SA_DROP), 1u);
    Simulator::Destroy();
}
