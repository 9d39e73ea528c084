/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "live-device.h"

#include "options.h"
#include "results.h"
#include "variant-attributes.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/global-value.h"
#include "ns3/mac48-address.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#ifdef NATT_HAVE_FD_NET_DEVICE
#include "ns3/fd-net-device-helper.h"
#include "ns3/fd-net-device.h"
#endif

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sstream>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace ns3;

namespace natt
{
namespace live
{

namespace
{

/**
 * How far the real-time scheduler may fall behind the wall clock before it
 * stops the process (RealtimeSimulatorImpl's HardLimit mode). A NAT or
 * an IKE host a second late has lost its timing anyway (mapping timers,
 * retransmissions, the peers' TCP round trips); stopping says so, where
 * best effort would only add delay.
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

[[maybe_unused]] void
CountFrame(uint64_t* counter, Ptr<const Packet>)
{
    ++*counter;
}

} // namespace

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

Ipv4Address
ParseGateway(const std::string& text,
             const InterfaceAddress& network,
             const std::string& networkName)
{
    std::optional<Ipv4Address> gateway = ParseIpv4(text);
    if (!gateway || !network.mask.IsMatch(*gateway, network.address))
    {
        throw UsageError("bad --gateway '" + text + "': expected an address on " + networkName);
    }
    return *gateway;
}

InterfaceAddress
ParseInterfaceAddress(const std::string& option, const std::string& text)
{
    const std::string bad = "bad --" + option + " '" + text + "': ";
    std::size_t slash = text.find('/');
    std::optional<Ipv4Address> address;
    if (slash == std::string::npos || !(address = ParseIpv4(text.substr(0, slash))))
    {
        throw UsageError(bad + "expected ADDRESS/LENGTH such as 10.0.0.1/24");
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

RunSettings
ReadRunSettings(const boost::program_options::variables_map& vm)
{
    RunSettings settings;
    if (vm.count("duration"))
    {
        std::string text = vm["duration"].as<std::string>();
        settings.duration = ParseTime(text);
        if (!settings.duration || !settings.duration->IsStrictlyPositive())
        {
            throw UsageError("bad --duration '" + text + "': expected a time such as 30s or 5min");
        }
    }
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    Config::SetDefault("ns3::RealtimeSimulatorImpl::SynchronizationMode", StringValue("HardLimit"));
    Config::SetDefault("ns3::RealtimeSimulatorImpl::HardLimit", StringValue(kHardLimit));
    std::vector<std::string> sets;
    if (vm.count("set"))
    {
        sets = vm["set"].as<std::vector<std::string>>();
    }
    ApplySets(sets, nullptr);
    settings.attributes = CheckUserAttributes(sets);
    return settings;
}

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
JsonCounts(const std::map<std::string, uint64_t>& counts)
{
    std::ostringstream os;
    os << "{";
    for (auto it = counts.begin(); it != counts.end(); ++it)
    {
        os << (it == counts.begin() ? "" : ", ") << JsonQuote(it->first) << ": " << it->second;
    }
    os << "}";
    return os.str();
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

} // namespace live
} // namespace natt
