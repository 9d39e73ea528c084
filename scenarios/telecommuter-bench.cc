/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "telecommuter-bench.h"

#include "options.h"
#include "scenario.h"
#include "telecommuter-topology.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-ports.h"
#include "ns3/internet-module.h"
#include "ns3/nat-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/udp-encapsulation.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace natt
{

namespace
{

using namespace ns3;
namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

constexpr uint32_t kMaxHosts = 60000;
constexpr uint32_t kPacketSize = 100;
constexpr uint16_t kServerPort = 9;
/// A host's first packet waits this long after its IKE start, for the tunnel.
const Time kTunnelSetup = Seconds(3);

struct Options
{
    uint32_t hosts{0};
    uint32_t hostsPerNat{1};
    Time duration{Seconds(60)};
    uint8_t ikeVersion{2};
    uint16_t dhGroup{31};
    bool json{false};
    /// "natt" or "plain" runs that one alone, in this process (for profilers); "" both.
    std::string only;
};

/// What one run measured. Plain data: the plain run's figures cross a pipe from the child.
struct Figures
{
    double buildSeconds{0};
    double ikeSeconds{0};
    double steadySeconds{0};
    /// CPU seconds of the whole run: what a shared machine's other load does not inflate.
    double cpuSeconds{0};
    /// The CPU seconds of each phase (the wall seconds' split, by CPU).
    double buildCpuSeconds{0};
    double ikeCpuSeconds{0};
    double steadyCpuSeconds{0};
    uint64_t events{0};
    uint64_t linkPackets{0};
    uint64_t sent{0};
    uint64_t delivered{0};
    long peakRssKiB{0};
    double bytesPerHost{0};
    uint64_t ikeSasUp{0};
    uint64_t childSas{0};
    uint64_t mappings{0};
    uint64_t keepalives{0};
    /// Packets dropped anywhere, for any reason (the reasons: RunOnce's \p drops).
    uint64_t drops{0};
    double bytesPerMapping{0};
    double bytesPerSa{0};
    bool ok{false};
};

double
Since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double
CpuSeconds()
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

double
HeapInUse()
{
    struct mallinfo2 info = mallinfo2();
    return static_cast<double>(info.uordblks + info.hblkhd);
}

/// The stderr progress line, once every few wall seconds of a long run.
struct Progress
{
    std::string what;
    Time end;
    Clock::time_point start;
    Clock::time_point last;

    void Tick()
    {
        auto now = Clock::now();
        if (Since(start) > 3 && std::chrono::duration<double>(now - last).count() >= 5)
        {
            last = now;
            std::fprintf(stderr,
                         "natt bench telecommuters: %s: simulated %.0f s of %.0f s, wall %.0f s, "
                         "%llu events\n",
                         what.c_str(),
                         Simulator::Now().GetSeconds(),
                         end.GetSeconds(),
                         Since(start),
                         static_cast<unsigned long long>(Simulator::GetEventCount()));
        }
        if (Simulator::Now() + Seconds(1) < end)
        {
            Simulator::Schedule(Seconds(1), &Progress::Tick, this);
        }
    }
};

void
CountPacket(uint64_t* counter, Ptr<const Packet>)
{
    ++*counter;
}

/// Drops by reason, over every NAT, IPsec stack and IPv4 layer (natt's reasons and ns-3's).
using DropMap = std::map<std::string, uint64_t>;

void
CountDrop(DropMap* drops, Ptr<const Packet>, const char* reason)
{
    ++(*drops)[reason];
}

void
CountIpv4Drop(DropMap* drops,
              const Ipv4Header&,
              Ptr<const Packet>,
              Ipv4L3Protocol::DropReason reason,
              Ptr<Ipv4>,
              uint32_t)
{
    ++(*drops)["ipv4-" + std::to_string(reason)];
}

void
CountDeviceDrop(DropMap* drops, Ptr<const Packet>)
{
    ++(*drops)["device"];
}

/// Watch every drop of the run's nodes.
void
WatchDrops(DropMap* drops)
{
    for (uint32_t i = 0; i < NodeList::GetNNodes(); ++i)
    {
        Ptr<Node> node = NodeList::GetNode(i);
        node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(&CountIpv4Drop, drops));
        for (Ptr<Object> dropper : {Ptr<Object>(node->GetObject<IpsecStack>()),
                                    Ptr<Object>(node->GetObject<NatEngine>())})
        {
            if (dropper)
            {
                dropper->TraceConnectWithoutContext("Drop", MakeBoundCallback(&CountDrop, drops));
            }
        }
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            for (const char* trace : {"MacTxDrop", "PhyRxDrop"})
            {
                node->GetDevice(d)->TraceConnectWithoutContext(
                    trace,
                    MakeBoundCallback(&CountDeviceDrop, drops));
            }
        }
    }
}

/// When host \p h starts IKE: spread evenly over the first seconds (1 ms a host, 1 to 10 s).
Time
StartOf(uint32_t h, uint32_t hosts)
{
    double spread = std::min(10.0, std::max(1.0, hosts / 1000.0));
    return Seconds(spread * h / hosts);
}

/**
 * One side's connection: pre-shared key, FQDN identities (the host's
 * address is private, RFC 3715 2.1 c), no rekeying within the run, one
 * tunnel-mode child protecting \p selector.
 */
IkePeerConfig
PeerConfig(const std::string& name,
           const Options& options,
           const std::string& localId,
           const IpsecSelector& selector)
{
    IkePeerConfig config;
    config.name = name;
    config.version = options.ikeVersion;
    config.localId = IkeIdentity::Fqdn(localId);
    config.presharedKey = {'r', 'f', 'c', '3', '7', '1', '5'};
    config.proposal.dhGroup = options.dhGroup;
    config.ikeRekeyMargin = Seconds(0);
    IkeChildConfig child;
    child.name = "office";
    child.rekeyMargin = Seconds(0);
    child.selector = selector;
    config.children.push_back(child);
    return config;
}

std::string
GatewayId(uint32_t g)
{
    return "gateway-" + std::to_string(g) + ".natt.test";
}

/// IKE with NAT-T on every host and gateway: one peer each way, tunnel mode.
void
InstallIke(const TelecommuterTopology& net, const Options& options)
{
    IkeHelper ike;
    for (uint32_t g = 0; g < net.gateways.GetN(); ++g)
    {
        Ptr<IkeDaemon> daemon = ike.Install(net.gateways.Get(g));
        // Any remote: RFC 7296 2.9 narrows it to the host each initiator names.
        IkePeerConfig clients =
            PeerConfig("telecommuters",
                       options,
                       GatewayId(g),
                       IpsecSelector::SubnetToSubnet(TelecommuterTopology::ServerNetwork(g),
                                                     Ipv4Mask("/24"),
                                                     Ipv4Address::GetAny(),
                                                     Ipv4Mask::GetZero()));
        clients.local = {net.gatewayAddress[g], IKE_UDP_PORT};
        clients.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
        daemon->AddPeer(clients);
        // The hosts' private block goes into the tunnel with one route, as
        // on a VPN concentrator; IkeHelper then adds no route per client.
        Ptr<IpsecStack> stack = net.gateways.Get(g)->GetObject<IpsecStack>();
        uint32_t tunnel = stack->GetTunnelInterface(
            Ipv4Address(TelecommuterTopology::ServerNetwork(g).Get() + 1));
        Ipv4StaticRoutingHelper()
            .GetStaticRouting(net.gateways.Get(g)->GetObject<Ipv4>())
            ->AddNetworkRouteTo(TelecommuterTopology::kHostNetwork, Ipv4Mask("/8"), tunnel);
    }
    for (uint32_t h = 0; h < net.hosts.GetN(); ++h)
    {
        uint32_t g = net.GatewayOf(h);
        Ptr<IkeDaemon> daemon = ike.Install(net.hosts.Get(h));
        IkePeerConfig gateway =
            PeerConfig("gateway",
                       options,
                       "host-" + std::to_string(h) + ".natt.test",
                       IpsecSelector::SubnetToSubnet(net.hostAddress[h],
                                                     Ipv4Mask::GetOnes(),
                                                     TelecommuterTopology::ServerNetwork(g),
                                                     Ipv4Mask("/24")));
        gateway.local = {net.hostAddress[h], IKE_UDP_PORT};
        gateway.remote = {net.gatewayAddress[g], IKE_UDP_PORT};
        gateway.remoteId = IkeIdentity::Fqdn(GatewayId(g));
        daemon->AddPeer(gateway);
        IkeHelper::Initiate(net.hosts.Get(h), "gateway", StartOf(h, net.hosts.GetN()));
    }
}

/// One run: with NAT and IPsec (\p natt) or without (the plain baseline).
Figures
RunOnce(const Options& options, bool natt, DropMap& drops)
{
    auto start = Clock::now();
    double cpuStart = CpuSeconds();
    double heapBefore = HeapInUse();
    // Checksums off, ns-3's default. With them on, ns-3.37's UdpHeader
    // writes a computed zero as 0x0000, which RFC 768 reads as "no
    // checksum": the NAT rightly leaves it alone, the receiver verifies it
    // anyway and drops the packet without a trace, about once in 65,536
    // UDP packets through a NAT.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    // Strong end system: a router checks only the arriving interface for its own addresses.
    Config::SetDefault("ns3::Ipv4::WeakEsModel", BooleanValue(false));
    RngSeedManager::SetSeed(1);
    Figures figures;
    TelecommuterTopology net(options.hosts, options.hostsPerNat);
    uint32_t n = options.hosts;
    if (natt)
    {
        NatHelper nat;
        for (uint32_t a = 0; a < net.accessRouters.GetN(); ++a)
        {
            nat.Install(net.accessRouters.Get(a), net.accessInside[a], net.accessOutside[a]);
        }
        InstallIke(net, options);
    }
    // The same traffic either way: the tunnel's route makes it protected.
    std::vector<Ptr<UdpServer>> sinks;
    for (uint32_t g = 0; g < net.servers.GetN(); ++g)
    {
        ApplicationContainer server = UdpServerHelper(kServerPort).Install(net.servers.Get(g));
        sinks.push_back(DynamicCast<UdpServer>(server.Get(0)));
    }
    Time end = options.duration + Seconds(1);
    std::vector<Ptr<UdpClient>> clients;
    for (uint32_t h = 0; h < n; ++h)
    {
        UdpClientHelper client(net.serverAddress[net.GatewayOf(h)], kServerPort);
        Time first = StartOf(h, n) + kTunnelSetup;
        client.SetAttribute("MaxPackets",
                            UintegerValue(static_cast<uint32_t>(
                                std::ceil((options.duration - first).GetSeconds()))));
        client.SetAttribute("Interval", TimeValue(Seconds(1)));
        client.SetAttribute("PacketSize", UintegerValue(kPacketSize));
        ApplicationContainer app = client.Install(net.hosts.Get(h));
        app.Start(first);
        clients.push_back(DynamicCast<UdpClient>(app.Get(0)));
    }
    for (uint32_t i = 0; i < NodeList::GetNNodes(); ++i)
    {
        Ptr<Node> node = NodeList::GetNode(i);
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            node->GetDevice(d)->TraceConnectWithoutContext(
                "PhyTxEnd",
                MakeBoundCallback(&CountPacket, &figures.linkPackets));
        }
    }
    WatchDrops(&drops);
    figures.buildSeconds = Since(start);
    figures.buildCpuSeconds = CpuSeconds() - cpuStart;
    figures.bytesPerHost = (HeapInUse() - heapBefore) / n;

    Progress progress{std::string(natt ? "natt" : "plain") + ", " + std::to_string(n) + " hosts",
                      end,
                      start,
                      start};
    Simulator::Schedule(Seconds(1), &Progress::Tick, &progress);
    // The IKE phase: until the last host's tunnel should be up.
    Time ikeEnd = StartOf(n - 1, n) + kTunnelSetup;
    auto phase = Clock::now();
    double phaseCpu = CpuSeconds();
    Simulator::Stop(ikeEnd);
    Simulator::Run();
    figures.ikeSeconds = Since(phase);
    figures.ikeCpuSeconds = CpuSeconds() - phaseCpu;
    phase = Clock::now();
    phaseCpu = CpuSeconds();
    Simulator::Stop(end - ikeEnd);
    Simulator::Run();
    figures.steadySeconds = Since(phase);
    figures.steadyCpuSeconds = CpuSeconds() - phaseCpu;
    figures.events = Simulator::GetEventCount();
    figures.cpuSeconds = CpuSeconds() - cpuStart;
    for (const auto& drop : drops)
    {
        figures.drops += drop.second;
    }

    for (const auto& client : clients)
    {
        figures.sent += client->GetTotalTx() / kPacketSize;
    }
    for (const auto& sink : sinks)
    {
        figures.delivered += sink->GetReceived();
    }
    if (natt)
    {
        for (uint32_t h = 0; h < n; ++h)
        {
            Ptr<Node> host = net.hosts.Get(h);
            for (const auto& sa : IkeHelper::GetDaemon(host)->GetSas())
            {
                figures.ikeSasUp += sa->GetState() == IkeSa::ESTABLISHED;
            }
            figures.keepalives +=
                host->GetObject<IpsecStack>()->GetUdpEncapsulation()->GetKeepalivesSent();
        }
        // What a mapping and an SA keep: the heap each frees when it goes.
        double heap = HeapInUse();
        for (uint32_t a = 0; a < net.accessRouters.GetN(); ++a)
        {
            Ptr<NatEngine> engine = NatHelper::GetEngine(net.accessRouters.Get(a));
            figures.mappings += engine->GetMappingCount();
            engine->Reboot();
        }
        figures.bytesPerMapping = figures.mappings ? (heap - HeapInUse()) / figures.mappings : 0;
        heap = HeapInUse();
        NodeContainer ends(net.hosts, net.gateways);
        for (uint32_t i = 0; i < ends.GetN(); ++i)
        {
            Ptr<SecurityAssociationDatabase> sad = ends.Get(i)->GetObject<IpsecStack>()->GetSad();
            figures.childSas += sad->GetAll().size();
            sad->Clear();
        }
        figures.bytesPerSa = figures.childSas ? (heap - HeapInUse()) / figures.childSas : 0;
    }
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    figures.peakRssKiB = usage.ru_maxrss;
    Simulator::Destroy();
    figures.ok =
        figures.sent > 0 && figures.delivered == figures.sent && (!natt || figures.ikeSasUp == n);
    return figures;
}

/// The plain run in a forked child: its peak RSS is its own, not this process's.
Figures
RunPlainInChild(const Options& options)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        throw std::runtime_error("pipe failed");
    }
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0)
    {
        close(fds[0]);
        DropMap drops;
        Figures figures = RunOnce(options, false, drops);
        ssize_t written = write(fds[1], &figures, sizeof(figures));
        _exit(written == sizeof(figures) ? 0 : 1);
    }
    close(fds[1]);
    Figures figures;
    ssize_t got = pid > 0 ? read(fds[0], &figures, sizeof(figures)) : -1;
    close(fds[0]);
    int status = 0;
    if (pid > 0)
    {
        waitpid(pid, &status, 0);
    }
    if (got != sizeof(figures))
    {
        figures = Figures();
    }
    return figures;
}

Options
ParseOptions(const std::vector<std::string>& args, const po::options_description& description)
{
    po::variables_map vm = Parse(args, description);
    Options options;
    if (!vm.count("hosts"))
    {
        throw UsageError("bench telecommuters needs --hosts N");
    }
    uint64_t hosts = vm["hosts"].as<uint64_t>();
    if (hosts < 1 || hosts > kMaxHosts)
    {
        throw UsageError("bad --hosts '" + std::to_string(hosts) + "': expected 1 to " +
                         std::to_string(kMaxHosts));
    }
    options.hosts = static_cast<uint32_t>(hosts);
    uint64_t perNat = vm["hosts-per-nat"].as<uint64_t>();
    if (perNat < 1 || perNat > TelecommuterTopology::kMaxHostsPerNat)
    {
        throw UsageError("bad --hosts-per-nat '" + std::to_string(perNat) + "': expected 1 to " +
                         std::to_string(TelecommuterTopology::kMaxHostsPerNat));
    }
    options.hostsPerNat = static_cast<uint32_t>(perNat);
    std::string duration = vm["duration"].as<std::string>();
    std::optional<Time> parsed = ParseTime(duration);
    double spread = StartOf(options.hosts - 1, options.hosts).GetSeconds();
    if (!parsed || *parsed < kTunnelSetup + Seconds(spread + 1) || *parsed > Hours(1))
    {
        throw UsageError("bad --duration '" + duration + "': expected a time from " +
                         std::to_string(static_cast<int>(std::ceil(spread)) + 4) +
                         "s (the IKE phase and one packet) to 1h");
    }
    options.duration = *parsed;
    std::string ike = vm["ike"].as<std::string>();
    if (ike != "1" && ike != "2")
    {
        throw UsageError("bad --ike '" + ike + "': expected 1 or 2");
    }
    options.ikeVersion = static_cast<uint8_t>(ike[0] - '0');
    std::string dh = vm["dh"].as<std::string>();
    if (dh != "x25519" && dh != "modp2048")
    {
        throw UsageError("bad --dh '" + dh + "': expected x25519 or modp2048");
    }
    options.dhGroup = dh == "x25519" ? 31 : 14;
    options.json = vm.count("json") > 0;
    options.only = vm.count("only") ? vm["only"].as<std::string>() : "";
    if (!options.only.empty() && options.only != "natt" && options.only != "plain")
    {
        throw UsageError("bad --only '" + options.only + "': expected natt or plain");
    }
    return options;
}

std::string
Number(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof(text), "%.*f", decimals, value);
    return text;
}

std::string
FiguresToJson(const Figures& f, bool natt)
{
    std::string json =
        "{\"wall_s\": " + Number(f.buildSeconds + f.ikeSeconds + f.steadySeconds, 3) +
        ", \"build_s\": " + Number(f.buildSeconds, 3) +
        ", \"ike_phase_s\": " + Number(f.ikeSeconds, 3) +
        ", \"steady_s\": " + Number(f.steadySeconds, 3) +
        ", \"cpu_s\": " + Number(f.cpuSeconds, 3) +
        ", \"build_cpu_s\": " + Number(f.buildCpuSeconds, 3) +
        ", \"ike_phase_cpu_s\": " + Number(f.ikeCpuSeconds, 3) +
        ", \"steady_cpu_s\": " + Number(f.steadyCpuSeconds, 3) +
        ", \"events\": " + std::to_string(f.events) +
        ", \"link_packets\": " + std::to_string(f.linkPackets) +
        ", \"sent\": " + std::to_string(f.sent) +
        ", \"delivered\": " + std::to_string(f.delivered) +
        ", \"drops\": " + std::to_string(f.drops) +
        ", \"delivered_fraction\": " + Number(f.sent ? double(f.delivered) / f.sent : 0, 6) +
        ", \"peak_rss_bytes\": " + std::to_string(f.peakRssKiB * 1024) +
        ", \"bytes_per_host\": " + Number(f.bytesPerHost, 0);
    if (natt)
    {
        json += ", \"ike_sas_up\": " + std::to_string(f.ikeSasUp) +
                ", \"child_sas\": " + std::to_string(f.childSas) +
                ", \"nat_mappings\": " + std::to_string(f.mappings) +
                ", \"keepalives\": " + std::to_string(f.keepalives) +
                ", \"bytes_per_mapping\": " + Number(f.bytesPerMapping, 0) +
                ", \"bytes_per_sa\": " + Number(f.bytesPerSa, 0);
    }
    return json + "}";
}

void
PrintText(const Options& o, const Figures& plain, const Figures& natt)
{
    auto wall = [](const Figures& f) { return f.buildSeconds + f.ikeSeconds + f.steadySeconds; };
    std::printf("natt bench telecommuters: %u hosts, %u per NAPT, %u gateways, %.0f s, IKEv%u, "
                "%s\n",
                o.hosts,
                o.hostsPerNat,
                (o.hosts + TelecommuterTopology::kHostsPerGateway - 1) /
                    TelecommuterTopology::kHostsPerGateway,
                o.duration.GetSeconds(),
                o.ikeVersion,
                o.dhGroup == 31 ? "x25519" : "modp2048");
    std::printf("%-28s %14s %14s %8s\n", "", "plain", "natt", "ratio");
    auto row = [](const char* name, double p, double n, int decimals) {
        std::printf("%-28s %14s %14s %8s\n",
                    name,
                    Number(p, decimals).c_str(),
                    Number(n, decimals).c_str(),
                    p > 0 ? Number(n / p, 2).c_str() : "-");
    };
    row("wall s", wall(plain), wall(natt), 2);
    row("  build s", plain.buildSeconds, natt.buildSeconds, 2);
    row("  IKE phase s", plain.ikeSeconds, natt.ikeSeconds, 2);
    row("  steady state s", plain.steadySeconds, natt.steadySeconds, 2);
    row("CPU s", plain.cpuSeconds, natt.cpuSeconds, 2);
    row("  build CPU s", plain.buildCpuSeconds, natt.buildCpuSeconds, 2);
    row("  IKE phase CPU s", plain.ikeCpuSeconds, natt.ikeCpuSeconds, 2);
    row("  steady state CPU s", plain.steadyCpuSeconds, natt.steadyCpuSeconds, 2);
    row("events", plain.events, natt.events, 0);
    row("link packets", plain.linkPackets, natt.linkPackets, 0);
    row("UDP packets sent", plain.sent, natt.sent, 0);
    row("delivered", plain.delivered, natt.delivered, 0);
    row("dropped", plain.drops, natt.drops, 0);
    row("peak RSS MiB", plain.peakRssKiB / 1024.0, natt.peakRssKiB / 1024.0, 1);
    row("heap after build / host B", plain.bytesPerHost, natt.bytesPerHost, 0);
    std::printf("natt: IKE SAs up %llu of %u, delivered fraction %.6f (plain %.6f), %llu child "
                "SAs, %llu NAT mappings, %llu NAT-keepalives\n",
                static_cast<unsigned long long>(natt.ikeSasUp),
                o.hosts,
                natt.sent ? double(natt.delivered) / natt.sent : 0,
                plain.sent ? double(plain.delivered) / plain.sent : 0,
                static_cast<unsigned long long>(natt.childSas),
                static_cast<unsigned long long>(natt.mappings),
                static_cast<unsigned long long>(natt.keepalives));
    std::printf("natt: heap freed per NAT mapping %.0f B, per IPsec SA %.0f B\n",
                natt.bytesPerMapping,
                natt.bytesPerSa);
}

} // namespace

int
RunTelecommuterBenchmark(const std::vector<std::string>& args)
{
    po::options_description description(
        "natt bench telecommuters --hosts N [OPTIONS]: RFC 3715 3 telecommuters at scale, "
        "against the same network without NAT and IPsec");
    description.add_options()("help,h", "show this help")("hosts",
                                                          po::value<uint64_t>(),
                                                          "telecommuters, 1 to 60000")(
        "hosts-per-nat",
        po::value<uint64_t>()->default_value(1),
        "hosts behind each NAPT, 1 to 64")(
        "duration",
        po::value<std::string>()->default_value("60s"),
        "simulated time; hosts send a packet a second from their tunnel's start")(
        "ike",
        po::value<std::string>()->default_value("2"),
        "IKE version, 1 (Main Mode) or 2")(
        "dh",
        po::value<std::string>()->default_value("x25519"),
        "IKE SA Diffie-Hellman group, x25519 or modp2048")("json", "print one JSON object")(
        "only",
        po::value<std::string>(),
        "natt or plain: run that one alone, in this process (for profilers)");
    for (const auto& arg : args)
    {
        if (arg == "--help" || arg == "-h")
        {
            std::cout << description << "One gateway per " << TelecommuterTopology::kHostsPerGateway
                      << " hosts. The plain run (no NAT, no IPsec) goes first, in a forked "
                         "child.\nExit status: 0 every IKE SA up and every packet delivered, "
                         "1 otherwise, 2 bad options.\n";
            return 0;
        }
    }
    Options options = ParseOptions(args, description);
    // Fix the time resolution (ns-3's default, nanoseconds) before building:
    // until then ns-3 records every Time object made in a global set, to
    // convert it should the resolution change, and Simulator::Run clears
    // that set only when it starts: 9 % of a 10,000-host build's time went
    // into it. Both runs (the plain one is forked after this) gain.
    Time::SetResolution(Time::NS);
    Figures plain;
    Figures natt;
    DropMap drops; // of the run in this process
    if (options.only == "plain")
    {
        plain = RunOnce(options, false, drops);
        natt.ok = true;
    }
    else
    {
        plain.ok = options.only == "natt" || (plain = RunPlainInChild(options)).ok;
        natt = RunOnce(options, true, drops);
    }
    if (options.json)
    {
        auto wall = [](const Figures& f) {
            return f.buildSeconds + f.ikeSeconds + f.steadySeconds;
        };
        std::cout << "{\"hosts\": " << options.hosts
                  << ", \"hosts_per_nat\": " << options.hostsPerNat << ", \"gateways\": "
                  << (options.hosts + TelecommuterTopology::kHostsPerGateway - 1) /
                         TelecommuterTopology::kHostsPerGateway
                  << ", \"duration_s\": " << options.duration.GetSeconds()
                  << ", \"ike\": " << +options.ikeVersion << ", \"dh\": \""
                  << (options.dhGroup == 31 ? "x25519" : "modp2048")
                  << "\", \"plain\": " << FiguresToJson(plain, false)
                  << ", \"natt\": " << FiguresToJson(natt, true) << ", \"wall_ratio\": "
                  << Number(wall(plain) > 0 ? wall(natt) / wall(plain) : 0, 3)
                  << ", \"cpu_ratio\": "
                  << Number(plain.cpuSeconds > 0 ? natt.cpuSeconds / plain.cpuSeconds : 0, 3)
                  << "}\n";
    }
    else
    {
        PrintText(options, plain, natt);
        for (const auto& drop : drops)
        {
            std::printf("%s: dropped %llu: %s\n",
                        options.only == "plain" ? "plain" : "natt",
                        static_cast<unsigned long long>(drop.second),
                        drop.first.c_str());
        }
    }
    return plain.ok && natt.ok ? 0 : 1;
}

} // namespace natt
