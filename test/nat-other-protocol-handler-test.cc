/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Protocols without ports as a behaviour object (NatOtherProtocolHandler):
// the engine asks whichever handler its OtherProtocolHandler attribute
// holds, and the old OtherProtocols enum chooses a stock one.

#include "nat-ipsec-test-util.h"

#include "ns3/nat-spi-blocks.h"
#include "ns3/nat-spi-passthrough.h"
#include "ns3/pointer.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

/// Passes ESP to one fixed inside host and drops everything else, counting.
class FixedHostHandler : public NatOtherProtocolHandler
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::NatTestFixedHostHandler")
                                .SetParent<NatOtherProtocolHandler>()
                                .SetGroupName("Natt")
                                .AddConstructor<FixedHostHandler>();
        return tid;
    }

    NatOtherPacket::Verdict Translate(NatOtherPacket& packet) override
    {
        ++asked;
        if (packet.header->GetProtocol() != kNatTestEsp)
        {
            packet.reason = "test-not-esp";
            return NatOtherPacket::DROPPED;
        }
        if (!packet.outbound)
        {
            packet.header->SetDestination(host);
        }
        return NatOtherPacket::TRANSLATED;
    }

    Ipv4Address host;
    uint32_t asked{0};
};

} // namespace

TEST(NatOtherProtocolHandler, ACustomHandlerDecidesAndTheEngineCounts)
{
    NatTestbed::Options options;
    options.insideHosts = 2;
    NatTestbed bed(options);
    auto handler = CreateObject<FixedHostHandler>();
    handler->host = bed.InsideAddress(1);
    bed.engine->SetAttribute("OtherProtocolHandler", PointerValue(handler));
    NatTestRaw a(bed.inside.Get(0), kNatTestEsp);
    NatTestRaw b(bed.inside.Get(1), kNatTestEsp);
    NatTestRaw ah(bed.inside.Get(0), 51);
    NatTestRaw gateway(bed.outside.Get(0), kNatTestEsp);
    NatTestUdp udp(bed.inside.Get(0), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    a.SendAt(Seconds(1), EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0)), EspBytes(1, 1));
    gateway.SendAt(Seconds(2), EspHeader(bed.OutsideAddress(0), bed.NatOutside()), EspBytes(2, 1));
    Ipv4Header ahHeader = EspHeader(bed.InsideAddress(0), bed.OutsideAddress(0));
    ahHeader.SetProtocol(51);
    ah.SendAt(Seconds(3), ahHeader, EspBytes(3, 1));
    udp.SendAt(Seconds(3), bed.OutsideAddress(0), 7000, 100);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    ASSERT_EQ(gateway.arrivals.size(), 1u);
    EXPECT_EQ(gateway.arrivals[0].header.GetSource(), bed.NatOutside())
        << "the engine gives outbound packets the outside address";
    EXPECT_TRUE(a.arrivals.empty());
    EXPECT_EQ(b.arrivals.size(), 1u) << "inbound goes where the handler said";
    EXPECT_EQ(server.arrivals.size(), 1u) << "UDP is not the handler's business";
    EXPECT_EQ(handler->asked, 3u);
    EXPECT_EQ(bed.Drops("test-not-esp"), 1u) << "the engine counts the handler's reason";
    Simulator::Destroy();
}

TEST(NatOtherProtocolHandler, TheOldEnumChoosesTheStockHandler)
{
    auto engine = CreateObject<NatEngine>();
    StringValue name;
    engine->GetAttribute("OtherProtocols", name);
    EXPECT_EQ(name.Get(), "Drop");
    PointerValue handler;
    engine->GetAttribute("OtherProtocolHandler", handler);
    EXPECT_EQ(handler.Get<NatOtherProtocolHandler>()->GetInstanceTypeId(),
              NatOtherProtocolHandler::GetTypeId());
    engine->SetAttribute("OtherProtocols", StringValue("SpiPassthrough"));
    engine->GetAttribute("OtherProtocolHandler", handler);
    EXPECT_TRUE(DynamicCast<NatSpiPassthrough>(handler.Get<NatOtherProtocolHandler>()));
    engine->SetAttribute("OtherProtocolHandler",
                         PointerValue(CreateObject<NatAddressOnlyHandler>()));
    engine->GetAttribute("OtherProtocols", name);
    EXPECT_EQ(name.Get(), "AddressOnly") << "the enum reads the object back";
    engine->SetAttribute("OtherProtocolHandler", PointerValue(CreateObject<FixedHostHandler>()));
    engine->GetAttribute("OtherProtocols", name);
    EXPECT_EQ(name.Get(), "Drop") << "a custom handler reads as the base it derives from";
    engine->SetOtherProtocolHandler(nullptr);
    engine->GetAttribute("OtherProtocolHandler", handler);
    EXPECT_TRUE(DynamicCast<FixedHostHandler>(handler.Get<NatOtherProtocolHandler>()))
        << "null keeps the handler";
}

TEST(NatOtherProtocolHandler, SpiBlockAttributesAreAliasesOfTheBlocksHandler)
{
    // Set before and after the enum creates the handler: both reach it.
    auto engine = CreateObject<NatEngine>();
    engine->SetAttribute("SpiBlockBase", UintegerValue(4096));
    engine->SetAttribute("OtherProtocols", StringValue("SpiBlocks"));
    engine->SetAttribute("SpiBlockSize", UintegerValue(256));
    auto blocks = DynamicCast<NatSpiBlocks>(engine->GetOtherProtocolHandler());
    ASSERT_TRUE(blocks);
    UintegerValue value;
    blocks->GetAttribute("Base", value);
    EXPECT_EQ(value.Get(), 4096u);
    blocks->GetAttribute("Size", value);
    EXPECT_EQ(value.Get(), 256u);
    EXPECT_EQ(engine->AllocateSpiBlock(Ipv4Address("10.0.0.2")), std::make_pair(4096u, 4351u));
    blocks->SetAttribute("Base", UintegerValue(8192));
    engine->GetAttribute("SpiBlockBase", value);
    EXPECT_EQ(value.Get(), 8192u) << "the alias reads the handler";
    engine->SetAttribute("OtherProtocols", StringValue("SpiPassthrough"));
    EXPECT_EQ(engine->AllocateSpiBlock(Ipv4Address("10.0.0.2")), std::make_pair(0u, 0u))
        << "no blocks without the blocks handler";
}

TEST(NatOtherProtocolHandler, LastSenderFollowsOutboundTrafficWithPorts)
{
    // What the engine's stateless fragment guess (Fragments=Forward) reads.
    NatTestbed::Options options;
    options.insideHosts = 2;
    NatTestbed bed(options);
    NatTestUdp a(bed.inside.Get(0), 5000);
    NatTestUdp b(bed.inside.Get(1), 5000);
    NatTestUdp server(bed.outside.Get(0), 7000);
    Ptr<NatOtherProtocolHandler> handler = bed.engine->GetOtherProtocolHandler();
    Ipv4Address seen[3];
    bool known[3];
    auto look = [&](int k) { known[k] = handler->LastSender(17, bed.OutsideAddress(0), seen[k]); };
    Simulator::Schedule(Seconds(0.5), [&look] { look(0); });
    a.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 100);
    Simulator::Schedule(Seconds(1.5), [&look] { look(1); });
    b.SendAt(Seconds(2), bed.OutsideAddress(0), 7000, 100);
    Simulator::Schedule(Seconds(2.5), [&look] { look(2); });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_FALSE(known[0]);
    ASSERT_TRUE(known[1] && known[2]);
    EXPECT_EQ(seen[1], bed.InsideAddress(0));
    EXPECT_EQ(seen[2], bed.InsideAddress(1));
    Ipv4Address ignored;
    EXPECT_FALSE(handler->LastSender(6, bed.OutsideAddress(0), ignored)) << "per protocol";
    bed.engine->Reboot();
    EXPECT_FALSE(handler->LastSender(17, bed.OutsideAddress(0), ignored)) << "lost on reboot";
    Simulator::Destroy();
}
