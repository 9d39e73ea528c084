/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// ISAKMP handling as a behaviour object (NatIsakmpHandler): the engine asks
// whichever handler its IsakmpHandler attribute holds, and the old Isakmp
// enum chooses a stock one.

#include "nat-test-util.h"

#include "ns3/ike-ports.h"
#include "ns3/nat-cookie-inspecting-isakmp.h"
#include "ns3/nat-payload-inspecting-isakmp.h"
#include "ns3/pointer.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

/// Drops every message it is asked about, counting them.
class RejectingIsakmp : public NatIsakmpHandler
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::NatTestRejectingIsakmp")
                                .SetParent<NatIsakmpHandler>()
                                .SetGroupName("Natt")
                                .AddConstructor<RejectingIsakmp>();
        return tid;
    }

    bool Handles() const override
    {
        return true;
    }

    const char* Inspect(Ptr<const Packet> udp) override
    {
        ++asked;
        return "test-rejected";
    }

    uint32_t asked{0};
};

} // namespace

TEST(NatIsakmpHandler, ACustomHandlerIsAskedAboutTheIsakmpPortOnly)
{
    NatTestbed bed(NatTestbed::Options{});
    auto handler = CreateObject<RejectingIsakmp>();
    bed.engine->SetAttribute("IsakmpHandler", PointerValue(handler));
    NatTestUdp ike(bed.inside.Get(0), IKE_UDP_PORT);
    NatTestUdp other(bed.inside.Get(0), 5000);
    NatTestUdp gateway(bed.outside.Get(0), IKE_UDP_PORT);
    NatTestUdp server(bed.outside.Get(0), 7000);
    ike.SendAt(Seconds(1), bed.OutsideAddress(0), IKE_UDP_PORT, 100);
    other.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_TRUE(gateway.arrivals.empty()) << "the handler's drop";
    EXPECT_EQ(server.arrivals.size(), 1u) << "other UDP is not its business";
    EXPECT_EQ(handler->asked, 1u);
    EXPECT_EQ(bed.Drops("test-rejected"), 1u) << "the engine counts the handler's reason";
    Simulator::Destroy();
}

TEST(NatIsakmpHandler, TranslationFollowsAHandlerSwappedMidRun)
{
    // Two hosts send from port 500 through a sequential NAT; between them
    // it starts keeping port 500 (RFC 3715 2.2 o), so only the second
    // leaves from 500.
    NatTestbed::Options options;
    options.insideHosts = 2;
    options.attributes = {{"PortAllocation", "Sequential"}};
    NatTestbed bed(options);
    Ptr<NatEngine> engine = bed.engine;
    NatTestUdp a(bed.inside.Get(0), IKE_UDP_PORT);
    NatTestUdp b(bed.inside.Get(1), IKE_UDP_PORT);
    NatTestUdp gateway(bed.outside.Get(0), IKE_UDP_PORT);
    a.SendAt(Seconds(1), bed.OutsideAddress(0), IKE_UDP_PORT, 100);
    Simulator::Schedule(Seconds(1.5), [engine] {
        engine->SetAttribute("IsakmpHandler", PointerValue(CreateObject<NatPort500Isakmp>()));
    });
    b.SendAt(Seconds(2), bed.OutsideAddress(0), IKE_UDP_PORT, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    ASSERT_EQ(gateway.arrivals.size(), 2u);
    EXPECT_NE(gateway.arrivals[0].fromPort, IKE_UDP_PORT) << "None: a sequential port";
    EXPECT_EQ(gateway.arrivals[1].fromPort, IKE_UDP_PORT) << "Port500Special keeps 500";
    Simulator::Destroy();
}

TEST(NatIsakmpHandler, TheOldEnumChoosesTheStockHandler)
{
    auto engine = CreateObject<NatEngine>();
    StringValue name;
    engine->GetAttribute("Isakmp", name);
    EXPECT_EQ(name.Get(), "None");
    engine->SetAttribute("Isakmp", StringValue("CookieInspecting"));
    PointerValue handler;
    engine->GetAttribute("IsakmpHandler", handler);
    EXPECT_TRUE(DynamicCast<NatCookieInspectingIsakmp>(handler.Get<NatIsakmpHandler>()));
    engine->SetAttribute("IsakmpHandler", PointerValue(CreateObject<NatPort500Isakmp>()));
    engine->GetAttribute("Isakmp", name);
    EXPECT_EQ(name.Get(), "Port500Special") << "the enum reads the object back";
    engine->SetAttribute("IsakmpHandler", PointerValue(CreateObject<NatPayloadInspectingIsakmp>()));
    engine->GetAttribute("Isakmp", name);
    EXPECT_EQ(name.Get(), "PayloadInspecting");
}
