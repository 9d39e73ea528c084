/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_LIVE_DEVICE_H
#define NATT_LIVE_DEVICE_H

#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"

#include <boost/program_options/variables_map.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace natt
{

/**
 * What live mode's commands share (doc/live.rst): real Linux interfaces
 * under an ns-3 node, opened as AF_PACKET raw sockets, and a real-time run
 * that SIGINT, SIGTERM or a duration stops. `natt live` puts a NAT node on
 * two of them, `natt live-host` an IKE host on one.
 */
namespace live
{

/// An address as the options give it: "10.0.0.1/24".
struct InterfaceAddress
{
    ns3::Ipv4Address address;
    ns3::Ipv4Mask mask;
    std::string text;
};

/// \return the dotted-quad IPv4 address \p text, or nothing
std::optional<ns3::Ipv4Address> ParseIpv4(const std::string& text);

/**
 * The next hop \p text of option --gateway, an address on \p network
 * (named \p networkName in the error); otherwise a UsageError.
 */
ns3::Ipv4Address ParseGateway(const std::string& text,
                              const InterfaceAddress& network,
                              const std::string& networkName);

/// "A.B.C.D/LEN" of option --\p option, LEN 8 to 30, not the network's own
/// or broadcast address; otherwise a UsageError.
InterfaceAddress ParseInterfaceAddress(const std::string& option, const std::string& text);

/// A kernel interface a live command may take over.
struct RealInterface
{
    std::string name;
    int index{0};
    uint16_t mtu{1500};
};

/**
 * Check that \p name is an Ethernet interface of this network namespace,
 * up, and not in the kernel's use (no IPv4 address): otherwise a UsageError
 * naming option --\p option.
 */
RealInterface CheckInterface(const std::string& option, const std::string& name);

/// A promiscuous raw socket on \p real (UsageError without CAP_NET_RAW).
int OpenRawSocket(const RealInterface& real);

/// Frames one device passed between ns-3 and its interface.
struct FrameCounts
{
    uint64_t received{0};
    uint64_t sent{0};
    uint64_t notSent{0};
};

/// One real interface of the node: its role, address, device and frame counts.
struct Side
{
    std::string role;
    RealInterface real;
    InterfaceAddress address;
    ns3::Ptr<ns3::NetDevice> device;
    FrameCounts frames;
};

/// What every live command's --duration and --set ask for.
struct RunSettings
{
    std::optional<ns3::Time> duration; ///< none: until SIGINT or SIGTERM
    /// The user's attribute assignments, "ns3::Type::Attribute" -> value.
    std::map<std::string, std::string> attributes;
};

/**
 * Read --duration and --set from \p vm (UsageError when malformed), put the
 * simulator in real time (RealtimeSimulatorImpl) with IPv4 checksums on
 * (Linux drops headers without one), set the real-time scheduler's
 * defaults (HardLimit, 1 s), and then apply the user's --set, which wins.
 * Traffic attributes the command sets itself are refused (CheckUserAttributes).
 */
RunSettings ReadRunSettings(const boost::program_options::variables_map& vm);

/// An FdNetDevice on \p fd, on \p node, addressed \p mac, with the interface's MTU.
void AddRealDevice(ns3::Ptr<ns3::Node> node, int fd, const char* mac, Side& side);

/// A pcap of every frame \p device sees and sends, at \p path.
void EnablePcap(ns3::Ptr<ns3::NetDevice> device, const std::string& path);

/// \p side as a JSON object: interface, address and frame counts.
std::string SideToJson(const Side& side);

/// {"reason": count, ...} of \p counts, in their order.
std::string JsonCounts(const std::map<std::string, uint64_t>& counts);

/// \p side as one line of text.
std::string SideToText(const Side& side);

/**
 * Run the simulation until SIGINT, SIGTERM or \p duration.
 * \return the wall-clock seconds it ran (to a tenth) and what stopped it
 */
std::pair<double, std::string> RunUntilStopped(std::optional<ns3::Time> duration);

} // namespace live
} // namespace natt

#endif /* NATT_LIVE_DEVICE_H */
