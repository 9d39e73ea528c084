/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "live.h"

#include "live-device.h"
#include "options.h"
#include "results.h"
#include "variant-attributes.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-helper.h"
#include "ns3/nat-presets.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <optional>
#include <sstream>

namespace po = boost::program_options;
using namespace ns3;

namespace natt
{

using namespace live;

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
        os << ", \"drops\": " << JsonCounts(drops) << "}\n";
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
    "lets it lag instead). doc/live.rst describes the lab, RFC 5780 discovery and\n"
    "strongSwan through it; natt live-host puts natt's own IKE on a lab interface.\n";

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
        gateway = ParseGateway(vm["gateway"].as<std::string>(),
                               outside.address,
                               "the outside network " + outside.address.text);
    }
    RunSettings settings = ReadRunSettings(vm);
    RunContext context;
    context.attributes = settings.attributes;

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
              << outside.address.text << ")" << (settings.duration ? "" : "; Ctrl-C stops it")
              << "\n";
    auto [seconds, cause] = RunUntilStopped(settings.duration);
    std::string report =
        Report(preset, seconds, cause, {&inside, &outside}, *engine, vm["json"].as<bool>());
    Simulator::Destroy();
    std::cout << report;
    return 0;
}

} // namespace natt
