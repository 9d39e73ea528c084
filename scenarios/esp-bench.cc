/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-bench.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

namespace natt
{

namespace
{

using namespace ns3;

constexpr uint32_t kPackets = 20000;

struct Result
{
    uint64_t received{0};
    double seconds{0};
};

void
CountRx(uint64_t* counter, Ptr<const Packet>)
{
    ++*counter;
}

/**
 * UdpClient -> UdpServer between two hosts on a 1 Gb/s link, kPackets
 * packets of 1000 bytes; with \p transform, protected by ESP transport SAs.
 */
Result
RunOnce(std::optional<IpsecTransform> transform)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    RngSeedManager::SetSeed(1);
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
    if (transform)
    {
        IpsecHelper ipsec;
        IpsecHelper::Options options;
        options.transform = *transform;
        ipsec.AddTransportPair(nodes.Get(0),
                               interfaces.GetAddress(0),
                               nodes.Get(1),
                               interfaces.GetAddress(1),
                               options);
    }
    UdpServerHelper server(4000);
    ApplicationContainer s = server.Install(nodes.Get(1));
    uint64_t received = 0;
    s.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountRx, &received));
    UdpClientHelper client(interfaces.GetAddress(1), 4000);
    client.SetAttribute("MaxPackets", UintegerValue(kPackets));
    client.SetAttribute("Interval", TimeValue(MicroSeconds(20)));
    client.SetAttribute("PacketSize", UintegerValue(1000));
    ApplicationContainer c = client.Install(nodes.Get(0));
    c.Start(Seconds(0.1));
    Simulator::Stop(Seconds(2));
    auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    auto end = std::chrono::steady_clock::now();
    Simulator::Destroy();
    return {received, std::chrono::duration<double>(end - start).count()};
}

} // namespace

int
RunEspBenchmark()
{
    struct Row
    {
        const char* name;
        std::optional<IpsecTransform> transform;
    };

    std::vector<Row> rows{
        {"none (no IPsec)", std::nullopt},
        {"aes-cbc + hmac-sha1-96",
         IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_CBC,
                                    IpsecTransform::INTEG_HMAC_SHA1_96)},
        {"aes-cbc + hmac-sha256-128",
         IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_CBC,
                                    IpsecTransform::INTEG_HMAC_SHA2_256_128)},
        {"aes-gcm-16",
         IpsecHelper::MakeTransform(IpsecTransform::ENCR_AES_GCM_16, IpsecTransform::INTEG_NONE)},
        {"null + hmac-sha1-96",
         IpsecHelper::MakeTransform(IpsecTransform::ENCR_NULL, IpsecTransform::INTEG_HMAC_SHA1_96)},
        {"null + hmac-sha256-128",
         IpsecHelper::MakeTransform(IpsecTransform::ENCR_NULL,
                                    IpsecTransform::INTEG_HMAC_SHA2_256_128)},
    };
    std::cout << "natt bench esp: " << kPackets
              << " UDP packets of 1000 bytes between two hosts, ESP transport mode, "
                 "checksums on; wall-clock time of Simulator::Run\n";
    std::printf("%-28s %10s %12s %16s %8s\n",
                "transform",
                "delivered",
                "seconds",
                "packets/s",
                "ratio");
    double baseline = 0;
    int status = 0;
    for (const auto& row : rows)
    {
        Result r = RunOnce(row.transform);
        double rate = r.seconds > 0 ? static_cast<double>(r.received) / r.seconds : 0;
        if (!row.transform)
        {
            baseline = rate;
        }
        std::printf("%-28s %10llu %12.3f %16.0f %8.3f\n",
                    row.name,
                    static_cast<unsigned long long>(r.received),
                    r.seconds,
                    rate,
                    baseline > 0 ? rate / baseline : 0.0);
        if (r.received != kPackets)
        {
            status = 1;
        }
    }
    return status;
}

} // namespace natt
