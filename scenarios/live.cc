/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "live.h"

#include "options.h"
#include "results.h"
#include "variant-attributes.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/global-value.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/mac48-address.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-helper.h"
#include "ns3/nat-presets.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#ifdef NATT_HAVE_FD_NET_DEVICE
#include "ns3/fd-net-device-helper.h"
#include "ns3/fd-net-device.h"
#endif

#include <algorithm>
#include <arpa/inet.h>
#include <boost/program_options.hpp>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <ifaddrs.h>
#include <iostream>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <optional>
#include <sstream>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace po = boost::program_options;
using namespace ns3;

namespace natt
{

namespace
{

/// The NAT's addresses in scripts/live-lab.sh's lab.
constexpr const char* kInsideAddress = "10.0.0.1/24";
constexpr const char* kOutsideAddress = "198.51.100.1/24";
/**
 * The MAC addresses of the NAT's two devices: locally administered
 * (IEEE 802 "U/L" bit), fixed so pcaps read the same every run, and never
 * the kernel interface's own, so the kernel of the NAT's namespace takes
 * the NAT's frames for another host's and leaves them to ns-3.
 */
constexpr const char* kInsideMac = "02:6e:61:74:74:01";
constexpr const char* kOutsideMac = "02:6e:61:74:74:02";
/**
 * How far the real-time scheduler may fall behind the wall clock before it
 * stops the process (RealtimeSimulatorImpl's HardLimit mode). A NAT a
 * second late has lost its timing anyway (mapping timers, the peers' TCP
 * round trips); stopping says so, where best effort would only add delay.
 */
constexpr const char* kHardLimit = "1s";
/// How often the simulation looks at the stop flag a signal set.
const Time kStopPoll = MilliSeconds(100);

/// The signal that asked to stop (0: none yet), set by OnStopSignal.
volatile std::sig_atomic_t g_stopSignal = 0;

extern "C" void
OnStopSignal(int signal)
{
    g_stopSignal = signal;
}

/// Stop the simulation once a signal asked to; the handler itself may not.
void
WatchForStop()
{
    if (g_stopSignal != 0)
    {
        Simulator::Stop();
        return;
    }
    Simulator::Schedule(kStopPoll, &WatchForStop);
}

/// A NAT address as the options give it: "10.0.0.1/24".
struct InterfaceAddress
{
    Ipv4Address address;
    Ipv4Mask mask;
    std::string text;
};

/// \return the dotted-quad IPv4 address \p text, or nothing
std::optional<Ipv4Address>
ParseIpv4(const std::string& text)
{
    in_addr parsed{};
    if (inet_pton(AF_INET, text.c_str(), &parsed) != 1)
    {
        return std::nullopt;
    }
    return Ipv4Address(ntohl(parsed.s_addr));
}

InterfaceAddress
ParseInterfaceAddress(const std::string& option, const std::string& text)
{
    const std::string bad = "bad --" + option + " '" + text + "': ";
    std::size_t slash = text.find('/');
    std::optional<Ipv4Address> address;
    if (slash == std::string::npos || !(address = ParseIpv4(text.substr(0, slash))))
    {
        throw UsageError(bad + "expected ADDRESS/LENGTH such as " + kInsideAddress);
    }
    std::string length = text.substr(slash + 1);
    if (length.empty() || length.size() > 2 ||
        length.find_first_not_of("0123456789") != std::string::npos || std::stoi(length) < 8 ||
        std::stoi(length) > 30)
    {
        throw UsageError(bad + "expected a prefix length from 8 to 30");
    }
    InterfaceAddress result;
    result.address = *address;
    result.mask = Ipv4Mask(("/" + length).c_str());
    result.text = text;
    uint32_t host = result.address.Get() & ~result.mask.Get();
    if (host == 0 || host == ~result.mask.Get())
    {
        throw UsageError(bad + "that is its network's own or broadcast address");
    }
    return result;
}

/// A kernel interface natt live may take over.
struct RealInterface
{
    std::string name;
    int index{0};
    uint16_t mtu{1500};
};

/**
 * Check that \p name is an Ethernet interface of this network namespace,
 * up, and not in the kernel's use: with an IPv4 address the kernel would
 * answer ARP and take traffic beside the NAT. These need no privilege, so
 * they are reported before a missing root is.
 */
RealInterface
CheckInterface(const std::string& option, const std::string& name)
{
    RealInterface real;
    real.name = name;
    const std::string where = "--" + option + " " + name + ": ";
    if (name.empty() || name.size() >= IFNAMSIZ ||
        (real.index = static_cast<int>(if_nametoindex(name.c_str()))) == 0)
    {
        throw UsageError(where + "no such interface in this network namespace (`ip link` "
                                 "lists them; the lab's are in natt-nat: ip netns exec natt-nat "
                                 "natt live ...)");
    }
    int probe = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (probe < 0)
    {
        throw UsageError(where + "cannot query it: " + std::strerror(errno));
    }
    ifreq request{};
    std::strncpy(request.ifr_name, name.c_str(), IFNAMSIZ - 1);
    std::string problem;
    if (ioctl(probe, SIOCGIFFLAGS, &request) < 0)
    {
        problem = std::string("cannot read its flags: ") + std::strerror(errno);
    }
    else if ((request.ifr_flags & IFF_UP) == 0)
    {
        problem = "the interface is down (ip link set " + name + " up)";
    }
    else if (ioctl(probe, SIOCGIFHWADDR, &request) < 0 ||
             request.ifr_hwaddr.sa_family != ARPHRD_ETHER)
    {
        problem = "not an Ethernet interface";
    }
    else if (ioctl(probe, SIOCGIFMTU, &request) < 0 || request.ifr_mtu < 576 ||
             request.ifr_mtu > 65535)
    {
        problem = "cannot use its MTU";
    }
    else
    {
        real.mtu = static_cast<uint16_t>(request.ifr_mtu);
    }
    close(probe);
    if (!problem.empty())
    {
        throw UsageError(where + problem);
    }

    ifaddrs* addresses = nullptr;
    if (getifaddrs(&addresses) == 0)
    {
        for (ifaddrs* a = addresses; a != nullptr; a = a->ifa_next)
        {
            if (a->ifa_addr && a->ifa_addr->sa_family == AF_INET && name == a->ifa_name)
            {
                char text[INET_ADDRSTRLEN] = "";
                inet_ntop(AF_INET,
                          &reinterpret_cast<const sockaddr_in*>(a->ifa_addr)->sin_addr,
                          text,
                          sizeof(text));
                problem = "in use: the kernel has address " + std::string(text) +
                          " on it and would answer beside the NAT (ip addr flush dev " + name + ")";
                break;
            }
        }
        freeifaddrs(addresses);
    }
    if (!problem.empty())
    {
        throw UsageError(where + problem);
    }
    return real;
}

/**
 * A raw socket on \p real: every frame of every protocol that arrives on
 * it, in promiscuous mode (PACKET_MR_PROMISC, so the NAT's own MAC
 * addresses reach it), and none the kernel itself sends there.
 */
int
OpenRawSocket(const RealInterface& real)
{
    // Protocol 0: no frame is queued before bind() names the interface.
    int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    if (fd < 0)
    {
        if (errno == EPERM || errno == EACCES)
        {
            throw UsageError("needs root (CAP_NET_RAW) for a raw socket on " + real.name +
                             ": run it as root, e.g. ip netns exec natt-nat natt live ...");
        }
        throw UsageError("cannot open a raw socket on " + real.name + ": " + std::strerror(errno));
    }
    sockaddr_ll link{};
    link.sll_family = AF_PACKET;
    link.sll_protocol = htons(ETH_P_ALL);
    link.sll_ifindex = real.index;
    packet_mreq promiscuous{};
    promiscuous.mr_ifindex = real.index;
    promiscuous.mr_type = PACKET_MR_PROMISC;
    if (bind(fd, reinterpret_cast<sockaddr*>(&link), sizeof(link)) < 0 ||
        setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &promiscuous, sizeof(promiscuous)) < 0)
    {
        std::string error = std::strerror(errno);
        close(fd);
        throw UsageError("cannot bind a raw socket to " + real.name + ": " + error);
    }
    int one = 1;
    setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
    // Room for a burst while the simulator is busy (best effort: capped by rmem_max).
    int bytes = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
    return fd;
}

/// Frames one device passed between ns-3 and its interface.
struct FrameCounts
{
    uint64_t received{0};
    uint64_t sent{0};
    uint64_t notSent{0};
};

[[maybe_unused]] void
CountFrame(uint64_t* counter, Ptr<const Packet>)
{
    ++*counter;
}

/// One side of the NAT: its interface, address, device and frame counts.
struct Side
{
    std::string role;
    RealInterface real;
    InterfaceAddress address;
    Ptr<NetDevice> device;
    FrameCounts frames;
};

/**
 * An FdNetDevice on \p fd, on \p node, addressed \p mac, with the
 * interface's MTU (EmuFdNetDeviceHelper's settings, without its socket
 * creator: Debian's names a path on its build machine).
 */
void
AddRealDevice(Ptr<Node> node, int fd, const char* mac, Side& side)
{
#ifdef NATT_HAVE_FD_NET_DEVICE
    Ptr<FdNetDevice> device = CreateObject<FdNetDevice>();
    device->SetAddress(Mac48Address(mac));
    device->SetMtu(side.real.mtu);
    device->SetIsMulticast(true);
    node->AddDevice(device);
    device->SetFileDescriptor(fd);
    device->TraceConnectWithoutContext("MacRx",
                                       MakeBoundCallback(&CountFrame, &side.frames.received));
    device->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&CountFrame, &side.frames.sent));
    device->TraceConnectWithoutContext("MacTxDrop",
                                       MakeBoundCallback(&CountFrame, &side.frames.notSent));
    side.device = device;
#endif
}

/// A pcap of every frame \p device sees and sends, at \p path.
void
EnablePcap(Ptr<NetDevice> device, const std::string& path)
{
#ifdef NATT_HAVE_FD_NET_DEVICE
    FdNetDeviceHelper pcap;
    pcap.EnablePcap(path, device, true, true);
#endif
}

/// The counters natt live prints, in order, each a (JSON key, value) pair.
std::vector<std::pair<std::string, uint64_t>>
EngineCounters(const NatEngine::Stats& stats)
{
    return {{"mappings_created", stats.mappingsCreated},
            {"mappings_live", stats.liveMappings},
            {"mappings_expired", stats.mappingsExpired},
            {"mappings_rebound", stats.mappingsRebound},
            {"translated_outbound", stats.translatedOutbound},
            {"translated_inbound", stats.translatedInbound},
            {"hairpinned", stats.hairpinned},
            {"esp_bindings_created", stats.espBindingsCreated},
            {"fragments_held", stats.fragmentsHeld},
            {"datagrams_reassembled", stats.datagramsReassembled},
            {"dropped", stats.dropped}};
}

std::string
SideToJson(const Side& side)
{
    return "{\"interface\": " + JsonQuote(side.real.name) +
           ", \"address\": " + JsonQuote(side.address.text) +
           ", \"frames_received\": " + std::to_string(side.frames.received) +
           ", \"frames_sent\": " + std::to_string(side.frames.sent) +
           ", \"frames_not_sent\": " + std::to_string(side.frames.notSent) + "}";
}

std::string
SideToText(const Side& side)
{
    std::ostringstream os;
    os << side.role << " " << side.real.name << " " << side.address.text << ": frames received "
       << side.frames.received << ", sent " << side.frames.sent;
    if (side.frames.notSent)
    {
        os << ", not sent " << side.frames.notSent;
    }
    return os.str();
}

/**
 * The NAT's RFC 4787 behaviours as its attributes hold them once the
 * preset and the user's --set are applied: what a behaviour-discovery
 * client (RFC 5780) run through it should find.
 */
std::vector<std::pair<std::string, std::string>>
Rfc4787Behaviour(const NatEngine& engine)
{
    std::vector<std::pair<std::string, std::string>> behaviour;
    for (const char* attribute : {"Mapping", "Filtering", "Hairpinning"})
    {
        StringValue value;
        engine.GetAttribute(attribute, value);
        behaviour.emplace_back(attribute, value.Get());
    }
    return behaviour;
}

std::string
Report(const std::string& preset,
       double seconds,
       const std::string& cause,
       const std::vector<const Side*>& sides,
       const NatEngine& engine,
       bool json)
{
    auto counters = EngineCounters(engine.GetStats());
    auto behaviour = Rfc4787Behaviour(engine);
    const auto& drops = engine.GetDrops().GetCounts();
    std::ostringstream os;
    if (json)
    {
        os << "{\"preset\": " << JsonQuote(preset) << ", \"seconds\": " << FormatNumber(seconds)
           << ", \"stopped_by\": " << JsonQuote(cause) << ", \"rfc4787\": {";
        for (const auto& [attribute, value] : behaviour)
        {
            os << (attribute == behaviour.front().first ? "" : ", ") << JsonQuote(attribute) << ": "
               << JsonQuote(value);
        }
        os << "}";
        for (const Side* side : sides)
        {
            os << ", " << JsonQuote(side->role) << ": " << SideToJson(*side);
        }
        for (const auto& [key, value] : counters)
        {
            os << ", " << JsonQuote(key) << ": " << value;
        }
        os << ", \"drops\": {";
        bool first = true;
        for (const auto& [reason, count] : drops)
        {
            os << (first ? "" : ", ") << JsonQuote(reason) << ": " << count;
            first = false;
        }
        os << "}}\n";
        return os.str();
    }
    os << "natt live: " << preset << " NAT stopped by " << cause << " after "
       << FormatNumber(seconds) << " s\nRFC 4787:";
    for (const auto& [attribute, value] : behaviour)
    {
        os << " " << attribute << "=" << value;
    }
    os << "\n";
    for (const Side* side : sides)
    {
        os << SideToText(*side) << "\n";
    }
    for (const auto& [key, value] : counters)
    {
        std::string label = key;
        std::replace(label.begin(), label.end(), '_', ' ');
        os << label << ": " << value << "\n";
    }
    for (const auto& [reason, count] : drops)
    {
        os << "  dropped " << reason << ": " << count << "\n";
    }
    return os.str();
}

/**
 * The NAT node on the two raw sockets: an IPv4 stack, the two devices and
 * their addresses, the optional default route, and the NAT from \p preset
 * with the user's NatEngine attributes over it, as Lab::Build installs it.
 */
Ptr<NatEngine>
BuildNat(const std::string& preset,
         const RunContext& context,
         int insideFd,
         int outsideFd,
         std::optional<Ipv4Address> gateway,
         const std::string& pcapDir,
         Side& inside,
         Side& outside)
{
    // Real time, and real checksums: Linux drops IPv4 headers without one.
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(node);
    AddRealDevice(node, insideFd, kInsideMac, inside);
    AddRealDevice(node, outsideFd, kOutsideMac, outside);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (Side* side : {&inside, &outside})
    {
        uint32_t interface = ipv4->AddInterface(side->device);
        ipv4->AddAddress(interface,
                         Ipv4InterfaceAddress(side->address.address, side->address.mask));
        ipv4->SetUp(interface);
    }
    if (gateway)
    {
        // Static routes go in before the NAT wraps the routing protocol (Lab::Build).
        Ipv4StaticRoutingHelper routing;
        routing.GetStaticRouting(ipv4)->SetDefaultRoute(
            *gateway,
            ipv4->GetInterfaceForDevice(outside.device));
    }
    NatHelper nat;
    nat.SetPreset(preset);
    for (const auto& [name, value] : UserAttributes(context, NatEngine::GetTypeId()))
    {
        nat.SetAttribute(name, StringValue(value));
    }
    Ptr<NatEngine> engine = nat.Install(node, NetDeviceContainer(inside.device), outside.device);
    if (!pcapDir.empty())
    {
        EnablePcap(inside.device, pcapDir + "/inside.pcap");
        EnablePcap(outside.device, pcapDir + "/outside.pcap");
    }
    return engine;
}

/**
 * Run the simulation until SIGINT, SIGTERM or \p duration.
 * \return the wall-clock seconds it ran (to a tenth) and what stopped it
 */
std::pair<double, std::string>
RunUntilStopped(std::optional<Time> duration)
{
    // Every SIGINT or SIGTERM only asks to stop: a group signal (timeout(1)
    // forwards one to its child and then sends it to the whole group) would
    // otherwise kill the process before it printed its counters. SIGQUIT
    // (Ctrl-\) still ends it at once.
    struct sigaction action;
    std::memset(&action, 0, sizeof(action));
    action.sa_handler = OnStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    Simulator::Schedule(kStopPoll, &WatchForStop);
    if (duration)
    {
        Simulator::Stop(*duration);
    }
    auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string cause = "duration";
    if (g_stopSignal == SIGINT)
    {
        cause = "SIGINT";
    }
    else if (g_stopSignal == SIGTERM)
    {
        cause = "SIGTERM";
    }
    return {std::round(seconds * 10) / 10, cause};
}

po::options_description
LiveOptions()
{
    po::options_description options(
        "natt live --nat PRESET --inside IFACE --outside IFACE [--inside-address A/LEN] "
        "[--outside-address A/LEN] [--gateway A] [--set KEY=VALUE]... [--pcap DIR] "
        "[--duration T] [--json]");
    options.add_options()("help,h", "show this help")(
        "nat",
        po::value<std::string>(),
        "the NAT preset, installed as the simulation installs it (`natt nats` lists them)")(
        "inside",
        po::value<std::string>(),
        "the interface to the inside network (scripts/live-lab.sh: natt-inside)")(
        "outside",
        po::value<std::string>(),
        "the interface to the outside network (scripts/live-lab.sh: natt-outside)")(
        "inside-address",
        po::value<std::string>()->default_value(kInsideAddress),
        "the NAT's address on the inside network, the inside hosts' gateway")(
        "outside-address",
        po::value<std::string>()->default_value(kOutsideAddress),
        "the NAT's outside address, the one its mappings are made on")(
        "gateway",
        po::value<std::string>(),
        "next hop on the outside network for every other destination (default: none; the "
        "lab's server is on the outside network)")(
        "set",
        po::value<std::vector<std::string>>()->composing(),
        "ns3::Type::Attribute=VALUE, as for `natt run`: an attribute default; a NatEngine "
        "attribute wins over the preset")(
        "pcap",
        po::value<std::string>(),
        "write inside.pcap and outside.pcap, every frame of the NAT's two devices, here")(
        "duration",
        po::value<std::string>(),
        "stop after this long, an ns-3 time such as 30s or 5min (default: run until Ctrl-C "
        "or SIGTERM)")("json", po::bool_switch(), "print the counters as one JSON object");
    return options;
}

const char* const kLiveHelp =
    "\nA real-time ns-3 process with one NAT node between two real Linux interfaces,\n"
    "opened as AF_PACKET raw sockets: it needs root (CAP_NET_RAW). The interfaces must\n"
    "be up, Ethernet, without a kernel IPv4 address (ns-3 owns them), and should have\n"
    "their offloads off (tx, rx, gro, gso, tso) on every veth end. scripts/live-lab.sh\n"
    "builds such a lab in network namespaces; run natt live in natt-nat:\n"
    "  ip netns exec natt-nat natt live --nat port-preserving \\\n"
    "      --inside natt-inside --outside natt-outside\n"
    "On stopping it prints the NAT's counters: mappings, translations, drops by reason.\n"
    "The scheduler runs in HardLimit mode: it stops the process when it falls 1 s behind\n"
    "the wall clock (--set ns3::RealtimeSimulatorImpl::SynchronizationMode=BestEffort\n"
    "lets it lag instead). doc/live.rst describes the lab.\n";

} // namespace

int
CommandLive(const std::vector<std::string>& args)
{
    po::options_description options = LiveOptions();
    for (const auto& arg : args)
    {
        if (arg == "--help" || arg == "-h")
        {
            std::cout << options << kLiveHelp;
            return 0;
        }
    }
    po::variables_map vm = Parse(args, options);
#ifndef NATT_HAVE_FD_NET_DEVICE
    throw UsageError("live needs ns-3's fd-net-device module, which this build of ns-3 lacks");
#endif
    for (const char* required : {"nat", "inside", "outside"})
    {
        if (!vm.count(required))
        {
            throw UsageError(std::string("live needs --") + required +
                             " (`natt live --help` describes the options)");
        }
    }
    std::string preset = vm["nat"].as<std::string>();
    if (!NatPresets::Find(preset))
    {
        throw UsageError("unknown NAT preset '" + preset +
                         "' (expected one of: " + NatPresets::GetNames() + ")");
    }
    Side inside;
    inside.role = "inside";
    inside.address =
        ParseInterfaceAddress("inside-address", vm["inside-address"].as<std::string>());
    Side outside;
    outside.role = "outside";
    outside.address =
        ParseInterfaceAddress("outside-address", vm["outside-address"].as<std::string>());
    Ipv4Mask wider = inside.address.mask.GetPrefixLength() < outside.address.mask.GetPrefixLength()
                         ? inside.address.mask
                         : outside.address.mask;
    if (wider.IsMatch(inside.address.address, outside.address.address))
    {
        throw UsageError("--inside-address " + inside.address.text + " and --outside-address " +
                         outside.address.text + " overlap: the NAT needs two networks");
    }
    std::optional<Ipv4Address> gateway;
    if (vm.count("gateway"))
    {
        std::string text = vm["gateway"].as<std::string>();
        gateway = ParseIpv4(text);
        if (!gateway || !outside.address.mask.IsMatch(*gateway, outside.address.address))
        {
            throw UsageError("bad --gateway '" + text +
                             "': expected an address on the outside network " +
                             outside.address.text);
        }
    }
    std::optional<Time> duration;
    if (vm.count("duration"))
    {
        std::string text = vm["duration"].as<std::string>();
        duration = ParseTime(text);
        if (!duration || !duration->IsStrictlyPositive())
        {
            throw UsageError("bad --duration '" + text + "': expected a time such as 30s or 5min");
        }
    }

    // The real-time scheduler's defaults go in before the user's --set, which wins.
    Config::SetDefault("ns3::RealtimeSimulatorImpl::SynchronizationMode", StringValue("HardLimit"));
    Config::SetDefault("ns3::RealtimeSimulatorImpl::HardLimit", StringValue(kHardLimit));
    std::vector<std::string> sets;
    if (vm.count("set"))
    {
        sets = vm["set"].as<std::vector<std::string>>();
    }
    ApplySets(sets, nullptr);
    RunContext context;
    context.attributes = CheckUserAttributes(sets);

    inside.real = CheckInterface("inside", vm["inside"].as<std::string>());
    outside.real = CheckInterface("outside", vm["outside"].as<std::string>());
    if (inside.real.index == outside.real.index)
    {
        throw UsageError("--inside and --outside name the same interface, " + inside.real.name);
    }
    std::string pcapDir;
    if (vm.count("pcap"))
    {
        pcapDir = vm["pcap"].as<std::string>();
        MakeDirectories(pcapDir);
    }
    int insideFd = OpenRawSocket(inside.real);
    int outsideFd = OpenRawSocket(outside.real);

    Ptr<NatEngine> engine =
        BuildNat(preset, context, insideFd, outsideFd, gateway, pcapDir, inside, outside);
    std::cerr << "natt live: " << preset << " NAT between " << inside.real.name << " ("
              << inside.address.text << ") and " << outside.real.name << " ("
              << outside.address.text << ")" << (duration ? "" : "; Ctrl-C stops it") << "\n";
    auto [seconds, cause] = RunUntilStopped(duration);
    std::string report =
        Report(preset, seconds, cause, {&inside, &outside}, *engine, vm["json"].as<bool>());
    Simulator::Destroy();
    std::cout << report;
    return 0;
}

} // namespace natt
