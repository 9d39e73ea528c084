/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// 3Com DNAT disclosure (seed 003), "IPsec Across a DNAT Network": the DNAT
// router allocates each host a block of SPI values; a host keeps the SPIs
// of its incoming SAs inside its block, and the router demultiplexes
// inbound ESP and AH by the SPI of the outermost IPsec header, without
// modifying anything, so AH's ICV holds.

#include "catalogue.h"
#include "dnat-common.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"

namespace natt
{

namespace
{

using namespace ns3;

constexpr uint8_t kTcp = 6;

enum class Variant
{
    SPI_BLOCKS,
    SPI_OUTSIDE_BLOCK,
};

const EntryData<Variant> kData{
    "dnat-spi",
    "Distributed NAT (3Com DNAT): SPI blocks for ESP and AH",
    "3Com DNAT disclosure (seed 003), IPsec Across a DNAT Network",
    "Hosts host-1 .. host-N sit behind dnat-router as in dnat-ports and get a port "
    "block and an SPI block over natt's allocation protocol (doc/dnat.rst). Each host "
    "then keys transport-mode SAs with the public server: odd hosts ESP (AES-CBC, "
    "HMAC-SHA1-96), even hosts AH (HMAC-SHA1-96). The host draws the SPI of its "
    "incoming SA from its block (\"it ensures that the SPI assigned for this SA is "
    "selected from its allocated block\"); the server's SAs select the host by the "
    "router's global address and the host's port block, as the disclosure's remote "
    "selects by destination port. Each host runs an unmodified TCP BulkSend to the "
    "server from a port of its block. The router reads only the SPI of inbound ESP and "
    "AH (always in the clear) to find the owner and never modifies a packet, so AH's "
    "ICV, which covers the addresses, holds. Metrics as dnat-ports, plus "
    "ipsec_accepted_by_hosts (ESP and AH packets whose ICV the hosts verified), "
    "dnat_spi_outside_block (inbound IPsec the router could not place) and "
    "icv_failures.",
    {
        {Variant::SPI_BLOCKS,
         "spi-blocks",
         "works",
         "none",
         "Every host draws its inbound SPI from its block: ESP and AH from two hosts reach "
         "the server and the replies reach the right host; AH's ICV holds."},
        {Variant::SPI_OUTSIDE_BLOCK,
         "spi-outside-block",
         "fails",
         "spi-outside-block",
         "The last host draws its inbound SPI from outside every block: the router cannot "
         "tell whose it is and drops the server's ESP or AH, counted as spi-outside-block."},
    },
    {
        ScenarioParameter::Count("hosts", "2", "hosts", 1, 32, "hosts behind the DNAT router"),
        ScenarioParameter::Count("tcp-bytes",
                                 "20000",
                                 "bytes",
                                 1,
                                 10000000,
                                 "bytes each host's TCP BulkSend sends"),
        ScenarioParameter::Duration("lease-time",
                                    "4",
                                    "s",
                                    2,
                                    3600,
                                    "the router's lease; hosts renew at half of it"),
        ScenarioParameter::Choice("stray-spi",
                                  "variant",
                                  {"variant", "yes", "no"},
                                  "whether the last host draws its inbound SPI outside every "
                                  "block (variant: only in spi-outside-block)"),
    },
};

/// SPIs no block holds: below the router's first block (SpiFirst 0x10000).
constexpr uint32_t kStraySpiFirst = 0x1000;
constexpr uint32_t kStraySpiLast = 0xffff;

class DnatSpi : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
        uint32_t hosts = context.GetUint("hosts");
        uint64_t tcpBytes = context.GetUint("tcp-bytes");
        const std::string& stray = context.Get("stray-spi");
        bool straySpi =
            stray == "yes" || (stray == "variant" && variant == Variant::SPI_OUTSIDE_BLOCK);

        Lab lab(GetId(), context);
        dnat::Net net = dnat::AddNet(lab, hosts);
        lab.Build();
        dnat::Install(lab, net, context.GetTime("lease-time"));
        dnat::TransportWatch watch;
        watch.Connect(net);

        IpsecHelper ipsec;
        std::vector<std::shared_ptr<dnat::Flow>> flows;
        Ipv4Address server = lab.GetAddress(net.server);
        for (uint32_t i = 0; i < hosts; ++i)
        {
            Ptr<DnatHost> host = net.dnatHosts[i];
            Ptr<Node> node = net.hosts[i];
            bool ah = i % 2 == 1;
            bool strayHere = straySpi && i + 1 == hosts;
            auto granted = [&flows, &net, &ipsec, host, node, server, i, ah, strayHere, tcpBytes](
                               const DnatBinding& b) {
                IpsecHelper::End a;
                a.node = node;
                a.address = b.routerAddress;
                a.peerAddress = server;
                a.selector = IpsecSelector::HostToHost(b.routerAddress, server, kTcp);
                a.selector.localPortStart = b.firstPort;
                a.selector.localPortEnd = b.lastPort;
                a.inboundSpiFirst = strayHere ? kStraySpiFirst : b.firstSpi;
                a.inboundSpiLast = strayHere ? kStraySpiLast : b.lastSpi;
                IpsecHelper::End s;
                s.node = net.server;
                s.address = server;
                s.peerAddress = b.routerAddress;
                s.selector = IpsecSelector::HostToHost(server, b.routerAddress, kTcp);
                s.selector.remotePortStart = b.firstPort;
                s.selector.remotePortEnd = b.lastPort;
                IpsecHelper::Options options;
                options.protocol = ah ? IPSEC_PROTOCOL_AH : IPSEC_PROTOCOL_ESP;
                options.transform = IpsecHelper::MakeTransform(ah ? IpsecTransform::ENCR_NULL
                                                                  : IpsecTransform::ENCR_AES_CBC,
                                                               IpsecTransform::INTEG_HMAC_SHA1_96);
                ipsec.AddPair(a, s, IPSEC_MODE_TRANSPORT, options);
                flows.push_back(dnat::AddFlow(true,
                                              node,
                                              net.server,
                                              server,
                                              static_cast<uint16_t>(8000 + i),
                                              InetSocketAddress(b.routerAddress, host->NextPort()),
                                              tcpBytes,
                                              Seconds(1)));
            };
            host->TraceConnectWithoutContext("Granted",
                                             Callback<void, const DnatBinding&>(
                                                 std::function<void(const DnatBinding&)>(granted)));
        }
        Time stop = Seconds(6);
        lab.Run(stop);

        bool delivered = flows.size() == hosts;
        for (const auto& flow : flows)
        {
            delivered = delivered && flow->bytesReceived == flow->bytesToSend;
        }
        // Protected replies each host's stack accepted (ESP or AH, ICV verified).
        uint64_t accepted = 0;
        bool protectedBothWays = true;
        for (const auto& node : net.hosts)
        {
            uint64_t here = node->GetObject<IpsecStack>()->GetAcceptedCount();
            accepted += here;
            protectedBothWays = protectedBothWays && here > 0;
        }
        uint64_t outside = net.dnat->GetDropCount(DnatRouter::SPI_OUTSIDE_BLOCK_DROP);
        uint64_t icv = lab.GetProbe().GetIpsecDrops("icv-failure");
        bool works = delivered && protectedBothWays && watch.GetChanged() == 0 &&
                     net.dnat->GetDropCount() == 0 && icv == 0;
        row.outcome = works ? "works" : "fails";
        if (works)
        {
            row.symptom = "none";
        }
        else if (outside > 0)
        {
            row.symptom = "spi-outside-block";
        }
        else if (icv > 0)
        {
            row.symptom = "ah-icv-mismatch";
        }
        else if (watch.GetChanged() > 0)
        {
            row.symptom = "transport-modified";
        }
        else
        {
            row.symptom = "traffic-lost";
        }

        lab.GetProbe().FillMetrics(row);
        row.SetMetric("hosts", hosts);
        row.SetMetric("ipsec_accepted_by_hosts", static_cast<double>(accepted));
        row.SetMetric("icv_failures", static_cast<double>(icv));
        row.SetMetric("transport_identical", static_cast<double>(watch.GetIdentical()));
        row.SetMetric("transport_changed", static_cast<double>(watch.GetChanged()));
        row.SetMetric("dnat_bytes_added_host_leg", watch.GetHostLegOverhead());
        row.SetMetric("dnat_bytes_added_internet", watch.GetInternetOverhead());
        row.SetMetric("dnat_allocation_bytes_per_s",
                      dnat::AllocationWireBytes(net) / stop.GetSeconds());
        row.SetMetric("dnat_spi_outside_block", static_cast<double>(outside));
        row.SetMetric("dnat_router_dropped", static_cast<double>(net.dnat->GetDropCount()));
        return row;
    }
};

const Registered<DnatSpi> kRegistered(Shelf::CATALOGUE, 3400, kData);

} // namespace

} // namespace natt
