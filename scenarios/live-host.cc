/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "live-host.h"

#include "live-device.h"
#include "options.h"
#include "results.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-helper.h"
#include "ns3/ike-sa.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-stack.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <boost/program_options.hpp>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

namespace po = boost::program_options;
using namespace ns3;

namespace natt
{

using namespace live;

namespace
{

/// The host's MAC address: locally administered, fixed, not the NAT's two (live.cc).
constexpr const char* kHostMac = "02:6e:61:74:74:03";
/// The UDP echo port, both the client's destination and the server's.
constexpr uint16_t kEchoPort = 7;
/// How long after the child SA is up the echo client starts, and its interval.
const Time kEchoStart = MilliSeconds(200);
const Time kEchoInterval = MilliSeconds(200);

void
CountEcho(uint64_t* counter, Ptr<const Packet>)
{
    ++*counter;
}

/// What the host saw, filled by trace sinks.
struct HostLog
{
    uint32_t established{0};
    std::string natDetected{"no"};
    std::vector<std::string> childSas;
    std::vector<std::string> failures;
    uint64_t espProtected{0};
    uint64_t espAccepted{0};
    uint64_t echoSent{0};
    uint64_t echoReceived{0};
    std::map<std::string, uint64_t> ipsecDrops;
    std::map<std::string, uint64_t> ikeDrops;
    /// The echo client's node and destination, when asked for one.
    Ptr<Node> node;
    std::optional<Ipv4Address> echoTo;
    uint32_t echoCount{0};
};

/**
 * Install the UDP echo client on the host now: a node already running
 * initializes an application it gets at once, and the client's start time
 * counts from then.
 */
void
StartEchoClient(HostLog* log)
{
    UdpEchoClientHelper client(*log->echoTo, kEchoPort);
    client.SetAttribute("MaxPackets", UintegerValue(log->echoCount));
    client.SetAttribute("Interval", TimeValue(kEchoInterval));
    client.SetAttribute("PacketSize", UintegerValue(100));
    ApplicationContainer apps = client.Install(log->node);
    apps.Start(kEchoStart);
    apps.Get(0)->TraceConnectWithoutContext("Tx", MakeBoundCallback(&CountEcho, &log->echoSent));
    apps.Get(0)->TraceConnectWithoutContext("Rx",
                                            MakeBoundCallback(&CountEcho, &log->echoReceived));
}

std::string
Hex(uint32_t spi)
{
    std::ostringstream os;
    os << std::hex << std::setw(8) << std::setfill('0') << spi;
    return os.str();
}

void
OnEstablished(HostLog* log, Ptr<const IkeSa> sa)
{
    ++log->established;
    std::cerr << "natt live-host: IKEv" << +sa->GetVersion() << " SA established, "
              << sa->GetLocal() << " <-> " << sa->GetRemote() << "\n";
}

void
OnNatDetected(HostLog* log, Ptr<const IkeSa> sa)
{
    log->natDetected = sa->Has(IkeSa::COND_NAT_HERE) ? "behind this host" : "behind the peer";
}

void
OnChildSa(HostLog* log, Ptr<const IkeSa>, const IkeChildSa& child)
{
    std::string text = child.name + " in " + Hex(child.inboundSpi) + " out " +
                       Hex(child.outboundSpi) +
                       (child.encapsulation.type == IpsecEncapsulation::UDP_ENCAP
                            ? " ESP in UDP " + std::to_string(child.encapsulation.localPort) +
                                  " -> " + std::to_string(child.encapsulation.remotePort)
                            : " plain ESP");
    log->childSas.push_back(text);
    std::cerr << "natt live-host: child SA " << text << "\n";
    // The echoes start once there is an SA to protect them (the first one).
    if (log->echoTo && log->childSas.size() == 1)
    {
        StartEchoClient(log);
    }
}

void
OnFailure(HostLog* log, Ptr<const IkeSa>, const std::string& reason)
{
    log->failures.push_back(reason);
    std::cerr << "natt live-host: IKE failed: " << reason << "\n";
}

void
CountPacket(uint64_t* counter, Ptr<const Packet>, Ptr<const SecurityAssociation>)
{
    ++*counter;
}

void
CountDrop(std::map<std::string, uint64_t>* drops, Ptr<const Packet>, const char* reason)
{
    ++(*drops)[reason];
}

/// The host's options once parsed and checked.
struct HostOptions
{
    std::string role;
    std::vector<InterfaceAddress> addresses; ///< the first is IKE's
    std::optional<Ipv4Address> gateway;
    Ipv4Address peer{Ipv4Address::GetAny()};
    std::string localId;
    std::string remoteId;
    std::string psk;
    InterfaceAddress localTs;
    InterfaceAddress remoteTs;
    std::optional<Ipv4Address> echoTo;
    uint32_t echoCount{5};
    uint16_t dhGroup{14};
    uint32_t seed{1};
};

/// "A.B.C.D/LEN" of a traffic selector: any prefix length, 0 to 32.
InterfaceAddress
ParseSubnet(const std::string& option, const std::string& text)
{
    std::size_t slash = text.find('/');
    std::optional<Ipv4Address> address;
    std::string length = slash == std::string::npos ? "" : text.substr(slash + 1);
    if (!(address = ParseIpv4(text.substr(0, slash))) || length.empty() || length.size() > 2 ||
        length.find_first_not_of("0123456789") != std::string::npos || std::stoi(length) > 32)
    {
        throw UsageError("bad --" + option + " '" + text +
                         "': expected ADDRESS/LENGTH such as 198.51.100.3/32");
    }
    InterfaceAddress subnet;
    subnet.mask = Ipv4Mask(("/" + length).c_str());
    subnet.address = address->CombineMask(subnet.mask);
    subnet.text = text;
    return subnet;
}

/// The IKE peer configuration (RFC 7296: PSK, FQDN identities, NAT-T) of \p options.
IkePeerConfig
PeerConfig(const HostOptions& options)
{
    IkePeerConfig peer;
    peer.name = "live";
    peer.version = 2;
    peer.local = {options.addresses.front().address, IKE_UDP_PORT};
    peer.remote = {options.peer, IKE_UDP_PORT};
    peer.localId = IkeIdentity::Fqdn(options.localId);
    peer.remoteId = IkeIdentity::Fqdn(options.remoteId);
    peer.auth = IkePeerConfig::AUTH_PSK;
    peer.presharedKey.assign(options.psk.begin(), options.psk.end());
    peer.natTraversal = IkePeerConfig::NATT_RFC;
    peer.proposal.dhGroup = options.dhGroup;
    IkeChildConfig child;
    child.name = "live";
    child.mode = IPSEC_MODE_TUNNEL;
    child.selector = IpsecSelector::SubnetToSubnet(options.localTs.address,
                                                   options.localTs.mask,
                                                   options.remoteTs.address,
                                                   options.remoteTs.mask);
    peer.children.push_back(child);
    return peer;
}

/**
 * The host node on \p fd: an IPv4 stack, the device and its addresses, a
 * default route, the IKE daemon and IPsec stack (IkeHelper, after the
 * routes), a UDP echo server, and the echo client when asked for.
 */
Ptr<Node>
BuildHost(const HostOptions& options, int fd, Side& side, HostLog& log)
{
    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(node);
    AddRealDevice(node, fd, kHostMac, side);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    uint32_t interface = ipv4->AddInterface(side.device);
    for (const auto& address : options.addresses)
    {
        ipv4->AddAddress(interface, Ipv4InterfaceAddress(address.address, address.mask));
    }
    ipv4->SetUp(interface);
    if (options.gateway)
    {
        Ipv4StaticRoutingHelper routing;
        routing.GetStaticRouting(ipv4)->SetDefaultRoute(*options.gateway, interface);
    }

    IkeHelper ike;
    Ptr<IkeDaemon> daemon = ike.Install(node);
    daemon->TraceConnectWithoutContext("Established", MakeBoundCallback(&OnEstablished, &log));
    daemon->TraceConnectWithoutContext("NatDetected", MakeBoundCallback(&OnNatDetected, &log));
    daemon->TraceConnectWithoutContext("ChildSa", MakeBoundCallback(&OnChildSa, &log));
    daemon->TraceConnectWithoutContext("Failure", MakeBoundCallback(&OnFailure, &log));
    daemon->TraceConnectWithoutContext("Drop", MakeBoundCallback(&CountDrop, &log.ikeDrops));
    Ptr<IpsecStack> ipsec = node->GetObject<IpsecStack>();
    ipsec->TraceConnectWithoutContext("Protect",
                                      MakeBoundCallback(&CountPacket, &log.espProtected));
    ipsec->TraceConnectWithoutContext("Accept", MakeBoundCallback(&CountPacket, &log.espAccepted));
    ipsec->TraceConnectWithoutContext("Drop", MakeBoundCallback(&CountDrop, &log.ipsecDrops));
    daemon->AddPeer(PeerConfig(options));
    if (options.role == "initiator")
    {
        IkeHelper::Initiate(node, "live", MilliSeconds(100));
    }

    UdpEchoServerHelper server(kEchoPort);
    server.Install(node).Start(Seconds(0));
    // The echo client comes with the first child SA (OnChildSa).
    log.node = node;
    log.echoTo = options.echoTo;
    log.echoCount = options.echoCount;
    return node;
}

std::string
JsonList(const std::vector<std::string>& items)
{
    std::ostringstream os;
    os << "[";
    for (std::size_t i = 0; i < items.size(); ++i)
    {
        os << (i ? ", " : "") << JsonQuote(items[i]);
    }
    os << "]";
    return os.str();
}

std::string
Report(const HostOptions& options,
       double seconds,
       const std::string& cause,
       const Side& side,
       const HostLog& log,
       bool json)
{
    std::ostringstream os;
    if (json)
    {
        os << "{\"role\": " << JsonQuote(options.role) << ", \"seed\": " << options.seed
           << ", \"seconds\": " << FormatNumber(seconds) << ", \"stopped_by\": " << JsonQuote(cause)
           << ", \"interface\": " << SideToJson(side)
           << ", \"ike_sas_established\": " << log.established
           << ", \"nat_detected\": " << JsonQuote(log.natDetected)
           << ", \"child_sas\": " << JsonList(log.childSas)
           << ", \"failures\": " << JsonList(log.failures)
           << ", \"esp_protected\": " << log.espProtected
           << ", \"esp_accepted\": " << log.espAccepted << ", \"echo_sent\": " << log.echoSent
           << ", \"echo_received\": " << log.echoReceived
           << ", \"ipsec_drops\": " << JsonCounts(log.ipsecDrops)
           << ", \"ike_drops\": " << JsonCounts(log.ikeDrops) << "}\n";
        return os.str();
    }
    os << "natt live-host: " << options.role << " stopped by " << cause << " after "
       << FormatNumber(seconds) << " s (seed " << options.seed << ")\n"
       << SideToText(side) << "\n"
       << "IKE SAs established: " << log.established << "\n"
       << "NAT detected: " << log.natDetected << "\n";
    for (const auto& child : log.childSas)
    {
        os << "child SA: " << child << "\n";
    }
    for (const auto& failure : log.failures)
    {
        os << "IKE failure: " << failure << "\n";
    }
    os << "ESP protected: " << log.espProtected << ", accepted: " << log.espAccepted << "\n"
       << "UDP echoes sent: " << log.echoSent << ", received: " << log.echoReceived << "\n";
    for (const auto& [reason, count] : log.ipsecDrops)
    {
        os << "  IPsec dropped " << reason << ": " << count << "\n";
    }
    for (const auto& [reason, count] : log.ikeDrops)
    {
        os << "  IKE dropped " << reason << ": " << count << "\n";
    }
    return os.str();
}

po::options_description
HostOptionsDescription()
{
    po::options_description options(
        "natt live-host --interface IFACE --address A/LEN [--address A/LEN]... [--gateway A] "
        "--role initiator|responder [--peer A] --local-id FQDN --remote-id FQDN --psk TEXT "
        "--local-ts A/LEN --remote-ts A/LEN [--dh modp2048|x25519] [--echo-to A] "
        "[--echo-count N] [--seed N] [--set KEY=VALUE]... [--pcap DIR] [--duration T] [--json]");
    options.add_options()("help,h", "show this help")(
        "interface",
        po::value<std::string>(),
        "the real interface the host owns (up, Ethernet, no kernel IPv4 address)")(
        "address",
        po::value<std::vector<std::string>>()->composing(),
        "the host's address on it; the first is IKE's, more are the host's too (a protected "
        "address behind a gateway)")("gateway",
                                     po::value<std::string>(),
                                     "default route (behind a NAT: the NAT's inside address)")(
        "role",
        po::value<std::string>()->default_value("initiator"),
        "initiator: start IKE_SA_INIT to --peer; responder: answer whoever comes")(
        "peer",
        po::value<std::string>(),
        "the IKE peer's address (the initiator's is required; a responder takes any when "
        "absent)")("local-id", po::value<std::string>(), "this host's identity, an FQDN (ID_FQDN)")(
        "remote-id",
        po::value<std::string>(),
        "the peer's expected identity, an FQDN")("psk",
                                                 po::value<std::string>(),
                                                 "the pre-shared key (RFC 7296 2.15)")(
        "local-ts",
        po::value<std::string>(),
        "the child SA's local traffic selector, e.g. 10.0.0.2/32")(
        "remote-ts",
        po::value<std::string>(),
        "the child SA's remote traffic selector, e.g. 198.51.100.3/32")(
        "dh",
        po::value<std::string>()->default_value("modp2048"),
        "the IKE SA's Diffie-Hellman group: modp2048 (14) or x25519 (31)")(
        "echo-to",
        po::value<std::string>(),
        "once the child SA is up, send UDP echoes to this address, port 7, through it")(
        "echo-count",
        po::value<uint32_t>()->default_value(5),
        "how many echoes, one every 200 ms (1 to 1000)")(
        "set",
        po::value<std::vector<std::string>>()->composing(),
        "ns3::Type::Attribute=VALUE, an attribute default (IkeDaemon's, IpsecStack's, ...)")(
        "pcap",
        po::value<std::string>(),
        "write host.pcap, every frame of the host's device, here, and the keys Wireshark "
        "needs to decrypt its IKE and ESP (esp_sa, ikev2_decryption_table, preferences: use "
        "the folder as WIRESHARK_CONFIG_DIR)")(
        "duration",
        po::value<std::string>(),
        "stop after this long (default: until Ctrl-C or SIGTERM)")(
        "seed",
        po::value<std::string>(),
        "random seed of SPIs, nonces and DH values (default: a fresh one from the system's "
        "entropy, printed in the report; a real peer remembers SPIs and nonces, so a "
        "repeated seed is for debugging one run)")("json",
                                                   po::bool_switch(),
                                                   "print the report as one JSON object");
    return options;
}

const char* const kHostHelp =
    "\nnatt's own IKEv2 and ESP on a real network: one host node on a real interface\n"
    "(an AF_PACKET raw socket: root), running natt's IkeDaemon and IpsecStack in real\n"
    "time. IKE_SA_INIT and IKE_AUTH with PSK and FQDN identities, NAT-T (RFC 7296\n"
    "2.23, RFC 3948), one tunnel-mode child SA between --local-ts and --remote-ts\n"
    "(ESP AES-CBC-128 with HMAC-SHA-256-128; IKE AES-CBC-256, HMAC-SHA-256, PRF\n"
    "HMAC-SHA-256, --dh). The host answers ICMP echo and UDP echo (port 7); traffic\n"
    "to --remote-ts goes through the child SA. In scripts/live-lab.sh's lab, after\n"
    "ip -n natt-in1 addr flush dev natt-h1:\n"
    "  ip netns exec natt-in1 natt live-host --interface natt-h1 \\\n"
    "      --address 10.0.0.2/24 --gateway 10.0.0.1 --peer 198.51.100.2 \\\n"
    "      --local-id in1.natt.test --remote-id out.natt.test --psk KEY \\\n"
    "      --local-ts 10.0.0.2/32 --remote-ts 198.51.100.3/32 --echo-to 198.51.100.3\n"
    "doc/live.rst describes it, with a strongSwan peer.\n";

HostOptions
CheckHostOptions(const po::variables_map& vm)
{
    for (const char* required :
         {"interface", "address", "local-id", "remote-id", "psk", "local-ts", "remote-ts"})
    {
        if (!vm.count(required))
        {
            throw UsageError(std::string("live-host needs --") + required +
                             " (`natt live-host --help` describes the options)");
        }
    }
    HostOptions options;
    options.role = vm["role"].as<std::string>();
    if (options.role != "initiator" && options.role != "responder")
    {
        throw UsageError("bad --role '" + options.role + "': expected initiator or responder");
    }
    for (const auto& text : vm["address"].as<std::vector<std::string>>())
    {
        options.addresses.push_back(ParseInterfaceAddress("address", text));
    }
    const InterfaceAddress& own = options.addresses.front();
    if (vm.count("gateway"))
    {
        options.gateway = ParseGateway(vm["gateway"].as<std::string>(), own, own.text);
    }
    if (vm.count("peer"))
    {
        std::string text = vm["peer"].as<std::string>();
        std::optional<Ipv4Address> peer = ParseIpv4(text);
        if (!peer)
        {
            throw UsageError("bad --peer '" + text + "': expected an IPv4 address");
        }
        options.peer = *peer;
    }
    else if (options.role == "initiator")
    {
        throw UsageError("live-host --role initiator needs --peer");
    }
    options.localId = vm["local-id"].as<std::string>();
    options.remoteId = vm["remote-id"].as<std::string>();
    options.psk = vm["psk"].as<std::string>();
    for (const std::string* text : {&options.localId, &options.remoteId, &options.psk})
    {
        if (text->empty() || text->size() > 255)
        {
            throw UsageError("--local-id, --remote-id and --psk take 1 to 255 characters");
        }
    }
    options.localTs = ParseSubnet("local-ts", vm["local-ts"].as<std::string>());
    options.remoteTs = ParseSubnet("remote-ts", vm["remote-ts"].as<std::string>());
    std::string dh = vm["dh"].as<std::string>();
    if (dh != "modp2048" && dh != "x25519")
    {
        throw UsageError("bad --dh '" + dh + "': expected modp2048 or x25519");
    }
    options.dhGroup = dh == "x25519" ? 31 : 14;
    if (vm.count("echo-to"))
    {
        std::string text = vm["echo-to"].as<std::string>();
        options.echoTo = ParseIpv4(text);
        if (!options.echoTo)
        {
            throw UsageError("bad --echo-to '" + text + "': expected an IPv4 address");
        }
    }
    // Each run draws new SPIs, nonces and DH values (RFC 7296 2.10, 2.12)
    // unless asked to repeat one: the simulation's fixed seed would send a
    // real peer the same ones every run.
    options.seed = vm.count("seed") ? CheckSeed(vm["seed"].as<std::string>())
                                    : std::random_device{}() % 999999999 + 1;
    options.echoCount = vm["echo-count"].as<uint32_t>();
    if (options.echoCount < 1 || options.echoCount > 1000)
    {
        throw UsageError("--echo-count " + std::to_string(options.echoCount) +
                         " is out of range (1 to 1000)");
    }
    return options;
}

} // namespace

int
CommandLiveHost(const std::vector<std::string>& args)
{
    po::options_description description = HostOptionsDescription();
    for (const auto& arg : args)
    {
        if (arg == "--help" || arg == "-h")
        {
            std::cout << description << kHostHelp;
            return 0;
        }
    }
    po::variables_map vm = Parse(args, description);
#ifndef NATT_HAVE_FD_NET_DEVICE
    throw UsageError("live-host needs ns-3's fd-net-device module, which this build of ns-3 "
                     "lacks");
#endif
    HostOptions options = CheckHostOptions(vm);
    // Refuses a --set of the echo client's attributes, which --echo-count sets.
    RunSettings settings = ReadRunSettings(vm);

    Side side;
    side.role = "host";
    side.address = options.addresses.front();
    side.real = CheckInterface("interface", vm["interface"].as<std::string>());
    std::string pcapDir;
    if (vm.count("pcap"))
    {
        pcapDir = vm["pcap"].as<std::string>();
        MakeDirectories(pcapDir);
    }
    int fd = OpenRawSocket(side.real);

    HostLog log;
    RngSeedManager::SetSeed(options.seed);
    RngSeedManager::SetRun(1);
    Ptr<Node> node = BuildHost(options, fd, side, log);
    if (!pcapDir.empty())
    {
        EnablePcap(side.device, pcapDir + "/host.pcap");
    }
    std::cerr << "natt live-host: IKEv2 " << options.role << " on " << side.real.name << " ("
              << side.address.text << ")" << (settings.duration ? "" : "; Ctrl-C stops it") << "\n";
    auto [seconds, cause] = RunUntilStopped(settings.duration);
    if (!pcapDir.empty() && !IkeHelper::WriteWiresharkProfile(pcapDir, NodeContainer(node)))
    {
        std::cerr << "natt live-host: cannot write the Wireshark keys in " << pcapDir << "\n";
    }
    std::string report = Report(options, seconds, cause, side, log, vm["json"].as<bool>());
    log.node = nullptr;
    Simulator::Destroy();
    std::cout << report;
    return 0;
}

} // namespace natt
