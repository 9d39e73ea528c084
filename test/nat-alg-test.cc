/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// ALGs as behaviour objects (NatAlg): the engine hands TCP segments to
// whichever ALG its Alg attribute holds; the old FtpAlg and FtpAlgPort
// attributes choose and configure the stock NatFtpAlg.

#include "nat-test-util.h"

#include "ns3/nat-ftp-alg.h"
#include "ns3/pointer.h"

#include <gtest/gtest.h>
#include <set>
#include <utility>

using namespace ns3;

namespace
{

/// Changes nothing; records the mappings of the segments it is given.
class RecordingAlg : public NatAlg
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::NatTestRecordingAlg")
                                .SetParent<NatAlg>()
                                .SetGroupName("Natt")
                                .AddConstructor<RecordingAlg>();
        return tid;
    }

    void Outbound(NatAlgContext& engine,
                  NatMappingHandle connection,
                  Ptr<Packet> segment,
                  Ipv4Header& header,
                  uint8_t* tcp,
                  bool firstFragment) override
    {
        ++outbound;
        connections.emplace(connection.index, connection.generation);
    }

    void Inbound(NatMappingHandle connection, uint8_t* tcp) override
    {
        ++inbound;
        connections.emplace(connection.index, connection.generation);
    }

    uint32_t outbound{0};
    uint32_t inbound{0};
    std::set<std::pair<uint32_t, uint32_t>> connections;
};

struct ControlRun
{
    std::string received; ///< what the server read on the control connection
    uint64_t algMappings{0};
};

/**
 * The inside host sends a PORT command naming itself and data port 5000
 * (19,136), then QUIT, on a control connection to port 21 through a NAT
 * whose Alg is \p alg.
 */
ControlRun
PortCommandThrough(Ptr<NatAlg> alg)
{
    NatTestbed bed(NatTestbed::Options{});
    bed.engine->SetAttribute("Alg", PointerValue(alg));
    ControlRun run;
    bed.engine->TraceConnectWithoutContext(
        "MappingCreated",
        MakeBoundCallback(
            +[](uint64_t* count, const NatMappingInfo&, const std::string& cause) {
                *count += cause == "alg";
            },
            &run.algMappings));
    NatTestTcpServer control(bed.outside.Get(0), 21);
    Ptr<Socket> client = Socket::CreateSocket(bed.inside.Get(0), TcpSocketFactory::GetTypeId());
    Simulator::Schedule(Seconds(1), [&]() {
        client->Bind();
        client->Connect(InetSocketAddress(bed.OutsideAddress(0), 21));
    });
    Simulator::Schedule(Seconds(2),
                        &NatTestSendText,
                        client,
                        std::string("PORT 10,0,0,2,19,136\r\n"));
    Simulator::Schedule(Seconds(3), &NatTestSendText, client, std::string("QUIT\r\n"));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    run.received = control.received;
    Simulator::Destroy();
    return run;
}

} // namespace

TEST(NatAlg, ThePortCommandIsRewrittenWithTheFtpAlgAndNotWithout)
{
    ControlRun ftp = PortCommandThrough(CreateObject<NatFtpAlg>());
    EXPECT_EQ(ftp.received, "PORT 203,0,113,1,19,136\r\nQUIT\r\n")
        << "the NAT's address, and QUIT still in sequence after 3 more bytes";
    EXPECT_EQ(ftp.algMappings, 1u) << "the data mapping";

    ControlRun none = PortCommandThrough(CreateObject<NatAlg>());
    EXPECT_EQ(none.received, "PORT 10,0,0,2,19,136\r\nQUIT\r\n") << "the base class is no ALG";
    EXPECT_EQ(none.algMappings, 0u);

    ControlRun otherPort =
        PortCommandThrough(CreateObjectWithAttributes<NatFtpAlg>("Port", UintegerValue(2121)));
    EXPECT_EQ(otherPort.received, "PORT 10,0,0,2,19,136\r\nQUIT\r\n")
        << "an FTP ALG watches its Port only";
}

TEST(NatAlg, ACustomAlgSeesBothDirectionsOfTcpOnly)
{
    NatTestbed bed(NatTestbed::Options{});
    auto alg = CreateObject<RecordingAlg>();
    bed.engine->SetAttribute("Alg", PointerValue(alg));
    NatTestUdp udp(bed.inside.Get(0), 5000);
    NatTestUdp udpServer(bed.outside.Get(0), 7000);
    udp.SendAt(Seconds(0.5), bed.OutsideAddress(0), 7000, 10);
    udpServer.ReplyAt(Seconds(0.6), 0, 10);
    uint32_t afterUdp = 1;
    Simulator::Schedule(Seconds(0.9), [&]() { afterUdp = alg->outbound + alg->inbound; });
    NatTestTcpServer control(bed.outside.Get(0), 21);
    Ptr<Socket> client = Socket::CreateSocket(bed.inside.Get(0), TcpSocketFactory::GetTypeId());
    Simulator::Schedule(Seconds(1), [&]() {
        client->Bind();
        client->Connect(InetSocketAddress(bed.OutsideAddress(0), 21));
    });
    Simulator::Schedule(Seconds(2), &NatTestSendText, client, std::string("PORT 1,2,3,4,5,6\r\n"));
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    ASSERT_EQ(udp.arrivals.size(), 1u);
    EXPECT_EQ(afterUdp, 0u) << "UDP is not the ALG's business";
    EXPECT_GE(alg->outbound, 3u) << "SYN, ACK, data";
    EXPECT_GE(alg->inbound, 2u) << "SYN-ACK, ACK";
    EXPECT_EQ(alg->connections.size(), 1u) << "one mapping handle, both ways";
    EXPECT_EQ(control.received, "PORT 1,2,3,4,5,6\r\n") << "the custom ALG replaced the FTP one";
    Simulator::Destroy();
}

TEST(NatAlg, FtpAlgAndFtpAlgPortChooseAndConfigureTheStockAlg)
{
    auto engine = CreateObject<NatEngine>();
    BooleanValue enabled;
    engine->GetAttribute("FtpAlg", enabled);
    EXPECT_TRUE(enabled.Get());
    Ptr<NatFtpAlg> ftp = DynamicCast<NatFtpAlg>(engine->GetAlg());
    ASSERT_TRUE(ftp);
    EXPECT_EQ(ftp->GetPort(), 21);

    engine->SetAttribute("FtpAlgPort", UintegerValue(2121));
    EXPECT_EQ(ftp->GetPort(), 2121) << "the old name sets the object's Port";
    engine->SetAttribute("FtpAlg", BooleanValue(false));
    EXPECT_FALSE(DynamicCast<NatFtpAlg>(engine->GetAlg()));
    EXPECT_TRUE(engine->GetAlg()) << "no ALG is the base class";
    UintegerValue port;
    engine->GetAttribute("FtpAlgPort", port);
    EXPECT_EQ(port.Get(), 2121) << "the port outlives the ALG, as the two attributes did";
    engine->SetAttribute("FtpAlg", BooleanValue(true));
    ftp = DynamicCast<NatFtpAlg>(engine->GetAlg());
    ASSERT_TRUE(ftp);
    EXPECT_EQ(ftp->GetPort(), 2121);

    engine->SetAttribute("Alg", PointerValue(CreateObject<RecordingAlg>()));
    engine->GetAttribute("FtpAlg", enabled);
    EXPECT_FALSE(enabled.Get()) << "FtpAlg reads the object back";

    ObjectFactory factory;
    factory.SetTypeId(NatEngine::GetTypeId());
    factory.Set("FtpAlgPort", UintegerValue(2021));
    Ptr<NatEngine> built = factory.Create<NatEngine>();
    ftp = DynamicCast<NatFtpAlg>(built->GetAlg());
    ASSERT_TRUE(ftp);
    EXPECT_EQ(ftp->GetPort(), 2021) << "as rfc3715-g configures it";
}
