/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fragment handling as a behaviour object (NatFragmentHandler): the engine
// hands every fragment to whichever handler its FragmentHandler attribute
// holds; the old Fragments enum chooses a stock one, and FragmentTimeout,
// MaxHeldFragments and IpIdTranslation reach the handler.

#include "nat-test-util.h"

#include "ns3/nat-reassemble-fragments.h"
#include "ns3/nat-table-fragments.h"
#include "ns3/pointer.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

constexpr uint32_t kPayload = 1200;

/// Forwards first fragments, drops later ones with its own reason, counting what it is given.
class FirstForwardingFragments : public NatFragmentHandler
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::NatTestFirstForwardingFragments")
                                .SetParent<NatFragmentHandler>()
                                .SetGroupName("Natt")
                                .AddConstructor<FirstForwardingFragments>();
        return tid;
    }

    void Process(NatFragmentContext& engine, Ptr<Packet> fragment, Ipv4Header header) override
    {
        ++asked;
        if (header.GetFragmentOffset() != 0)
        {
            engine.Drop(fragment, header, "test-later");
            return;
        }
        NatFragmentHandler::Process(engine, fragment, header);
    }

    uint32_t asked{0};
};

/// 1200-byte datagrams from the inside host, fragmented by its 576-byte link.
struct FragmentedSender
{
    explicit FragmentedSender(const NatTestbed::Options& extra)
        : bed(WithSmallInsideMtu(extra)),
          client(bed.inside.Get(0), 5000),
          server(bed.outside.Get(0), 7000)
    {
        // Open the mapping with a small datagram first.
        client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10);
    }

    static NatTestbed::Options WithSmallInsideMtu(NatTestbed::Options options)
    {
        options.insideMtu = 576;
        return options;
    }

    void SendAt(Time at)
    {
        client.SendAt(at, bed.OutsideAddress(0), 7000, kPayload);
    }

    /// Whole datagrams of kPayload bytes the server received.
    uint32_t Delivered() const
    {
        uint32_t whole = 0;
        for (const auto& arrival : server.arrivals)
        {
            whole += arrival.size == kPayload;
        }
        return whole;
    }

    NatTestbed bed;
    NatTestUdp client;
    NatTestUdp server;
};

} // namespace

TEST(NatFragmentHandler, LaterFragmentsFollowAHandlerSwappedMidRun)
{
    // First-only, then a table: the first datagram loses its later
    // fragments (RFC 3715 2.1 l), the second crosses whole.
    FragmentedSender run(NatTestbed::Options{});
    Ptr<NatEngine> engine = run.bed.engine;
    engine->SetAttribute("FragmentHandler", PointerValue(CreateObject<NatFirstOnlyFragments>()));
    run.SendAt(Seconds(2));
    Simulator::Schedule(Seconds(2.5), [engine] {
        engine->SetAttribute("FragmentHandler", PointerValue(CreateObject<NatTableFragments>()));
    });
    run.SendAt(Seconds(3));
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    EXPECT_EQ(run.Delivered(), 1u) << "only the datagram sent through the table";
    EXPECT_EQ(run.bed.Drops("fragment-not-first"), 2u) << "576-byte MTU: three fragments";
    Simulator::Destroy();
}

TEST(NatFragmentHandler, ACustomHandlerGetsEveryFragmentAndNoWholeDatagram)
{
    FragmentedSender run(NatTestbed::Options{});
    auto handler = CreateObject<FirstForwardingFragments>();
    run.bed.engine->SetAttribute("FragmentHandler", PointerValue(handler));
    run.SendAt(Seconds(2));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(run.server.arrivals.size(), 1u) << "the small datagram, never asked about";
    EXPECT_EQ(run.Delivered(), 0u);
    EXPECT_EQ(handler->asked, 3u);
    EXPECT_EQ(run.bed.Drops("test-later"), 2u) << "the engine counts the handler's reason";
    EXPECT_EQ(run.bed.engine->GetStats().translatedOutbound, 2u) << "the small one and a first";
    Simulator::Destroy();
}

TEST(NatFragmentHandler, MaxHeldFragmentsReachesTheHandler)
{
    // Out of order through a table: the last and middle fragments wait for
    // the first, unless only one may wait.
    for (uint32_t maxHeld : {1u, 2u})
    {
        NatTestbed::Options options;
        options.attributes = {{"MaxHeldFragments", std::to_string(maxHeld)}};
        NatTestbed bed(options);
        NatTestUdp client(bed.inside.Get(0), 5000);
        NatTestUdp server(bed.outside.Get(0), 7000);
        NatTestRaw clientRaw(bed.inside.Get(0), 17);
        client.SendAt(Seconds(1), bed.OutsideAddress(0), 7000, 10);
        auto datagram = NatTestUdpDatagram(bed.InsideAddress(0),
                                           5000,
                                           bed.OutsideAddress(0),
                                           7000,
                                           std::vector<uint8_t>(kPayload, 0x33));
        double t = 2;
        for (uint32_t offset : {800u, 400u, 0u})
        {
            uint32_t length = offset == 800 ? datagram.size() - 800 : 400;
            clientRaw.SendAt(Seconds(t),
                             NatTestFragmentHeader(bed.InsideAddress(0),
                                                   bed.OutsideAddress(0),
                                                   17,
                                                   0x4242,
                                                   offset,
                                                   offset != 800),
                             std::vector<uint8_t>(datagram.begin() + offset,
                                                  datagram.begin() + offset + length));
            t += 0.1;
        }
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        bool delivered = server.arrivals.size() == 2 && server.arrivals[1].size == kPayload;
        EXPECT_EQ(delivered, maxHeld == 2) << "MaxHeldFragments " << maxHeld;
        EXPECT_EQ(bed.Drops("fragment-buffer-full"), maxHeld == 2 ? 0u : 1u);
        UintegerValue read;
        bed.engine->GetFragmentHandler()->GetAttribute("MaxHeld", read);
        EXPECT_EQ(read.Get(), maxHeld);
        Simulator::Destroy();
    }
}

TEST(NatFragmentHandler, TheOldEnumChoosesTheStockHandlerAndKeepsItsSettings)
{
    auto engine = CreateObject<NatEngine>();
    StringValue name;
    engine->GetAttribute("Fragments", name);
    EXPECT_EQ(name.Get(), "Table");
    EXPECT_TRUE(DynamicCast<NatTableFragments>(engine->GetFragmentHandler()));

    engine->SetAttribute("FragmentTimeout", TimeValue(Seconds(7)));
    engine->SetAttribute("MaxHeldFragments", UintegerValue(5));
    engine->SetAttribute("IpIdTranslation", BooleanValue(true));
    engine->SetAttribute("Fragments", StringValue("Reassemble"));
    Ptr<NatFragmentHandler> handler = engine->GetFragmentHandler();
    ASSERT_TRUE(DynamicCast<NatReassembleFragments>(handler));
    EXPECT_EQ(handler->GetTimeout(), Seconds(7)) << "a change of mode keeps the settings";
    EXPECT_EQ(handler->GetMaxHeld(), 5u);
    EXPECT_TRUE(handler->GetIpIdTranslation());

    auto dropping = CreateObjectWithAttributes<NatDropFragments>("Timeout", TimeValue(Seconds(3)));
    engine->SetAttribute("FragmentHandler", PointerValue(dropping));
    engine->GetAttribute("Fragments", name);
    EXPECT_EQ(name.Get(), "Drop") << "the enum reads the object back";
    TimeValue timeout;
    engine->GetAttribute("FragmentTimeout", timeout);
    EXPECT_EQ(timeout.Get(), Seconds(3)) << "the old name reads the object's attribute";
    engine->SetAttribute("FragmentHandler", PointerValue(CreateObject<FirstForwardingFragments>()));
    engine->GetAttribute("Fragments", name);
    EXPECT_EQ(name.Get(), "Forward") << "the base class is Forward";
    engine->SetAttribute("FragmentHandler", PointerValue(CreateObject<NatFirstOnlyFragments>()));
    engine->GetAttribute("Fragments", name);
    EXPECT_EQ(name.Get(), "FirstOnly");
}

TEST(NatFragmentHandler, AHandlerGivenAtConstructionKeepsItsOwnAttributes)
{
    auto given = CreateObjectWithAttributes<NatTableFragments>("Timeout", TimeValue(Seconds(4)));
    ObjectFactory factory;
    factory.SetTypeId(NatEngine::GetTypeId());
    factory.Set("Fragments", StringValue("Drop"));
    factory.Set("FragmentHandler", PointerValue(given));
    Ptr<NatEngine> engine = factory.Create<NatEngine>();
    EXPECT_EQ(engine->GetFragmentHandler(), given) << "the pointer wins over the enum";
    TimeValue timeout;
    engine->GetAttribute("FragmentTimeout", timeout);
    EXPECT_EQ(timeout.Get(), Seconds(4)) << "the engine's default did not overwrite it";
}
