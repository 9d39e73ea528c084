/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Measurement: the bytes each encapsulation puts on the wire per packet
// (draft-stenberg-ipsec-nat-traversal-00 4.2 estimates its own).

#include "dataplane-common.h"
#include "entries.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-net-device.h"

namespace natt
{

using namespace ns3;

namespace
{

/// UDP payload the largest envelope (tunnel) still fits in one IPv4 datagram.
const uint32_t kMaxPayload = 65000;

const char* const kVariants[] = {"none", "esp-transport", "rfc3948", "stenberg", "tunnel"};
const char* const kPayloadSizes[] = {"64", "256", "512", "1024", "1400"};

/// IP packets (header included) and their bytes that left through one interface.
struct WireCount
{
    uint32_t interface {
        0
    };
    uint64_t packets{0};
    uint64_t bytes{0};
};

void
CountWire(WireCount* count, Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t interface)
{
    if (interface == count->interface)
    {
        ++count->packets;
        count->bytes += packet->GetSize();
    }
}

/// The interface of \p node's link to the core (its point-to-point device).
uint32_t
UplinkOf(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        if (DynamicCast<PointToPointNetDevice>(node->GetDevice(i)))
        {
            return static_cast<uint32_t>(ipv4->GetInterfaceForDevice(node->GetDevice(i)));
        }
    }
    return 0;
}

class EncapsulationOverhead : public Scenario
{
  public:
    std::string GetId() const override
    {
        return "encapsulation-overhead";
    }

    std::string GetTitle() const override
    {
        return "Bytes on the wire per packet for each encapsulation";
    }

    std::string GetSource() const override
    {
        return "draft-stenberg-ipsec-nat-traversal-00 4.2";
    }

    std::string GetDescription() const override
    {
        return "sender and receiver are public nodes on the internet core, no NAT between "
               "them. sender sends UDP echo requests of payload-size bytes to receiver; the "
               "bytes of the IP packets sender hands to its link device (each fragment with "
               "its own header) are counted per "
               "application packet (wire_bytes_per_packet), and the same packet without IPsec "
               "(IPv4 20 + UDP 8 + the payload the application sent) is subtracted "
               "(overhead_bytes_per_packet). ESP uses AES-CBC-128 (16-byte IV, 16-byte blocks) "
               "and HMAC-SHA1-96 (12-byte ICV). RFC 3948 adds a UDP header (8 bytes) to ESP; "
               "draft-stenberg 4.2 estimates its own cost as UDP 8 + its 17-byte header = 25 "
               "bytes per packet, counting 17 bytes of header where its Figure 3 has 18 (natt's "
               "envelope follows the figure); tunnel mode adds the inner IPv4 header (20). "
               "Packets that grow past the 1500-byte MTU are fragmented, and the extra headers "
               "count.";
    }

    std::vector<ScenarioVariant> GetVariants() const override
    {
        return {
            {"none", "works", "none", "No IPsec: the plain UDP packet."},
            {"esp-transport",
             "works",
             "none",
             "ESP transport mode (RFC 4303) between sender and receiver."},
            {"rfc3948", "works", "none", "ESP transport mode inside UDP 4500 (RFC 3948 2.1)."},
            {"stenberg",
             "works",
             "none",
             "ESP transport mode inside draft-stenberg's envelope on UDP 500 (3.2)."},
            {"tunnel",
             "works",
             "none",
             "ESP tunnel mode between sender and receiver, each its own gateway with an inner "
             "address (10.1.0.1, 10.2.0.1)."},
        };
    }

    std::vector<ScenarioParameter> GetParameters() const override
    {
        return {ScenarioParameter::Count("payload-size",
                                         "512",
                                         "bytes",
                                         0,
                                         kMaxPayload,
                                         "UDP payload bytes per packet")
                    .Alias("payload_size"),
                ScenarioParameter::Count("packets",
                                         "20",
                                         "packets",
                                         1,
                                         10000,
                                         "UDP echo requests sender sends")};
    }

    std::vector<Sweep> GetSweeps() const override
    {
        Sweep sweep;
        sweep.name = "encapsulation-overhead";
        sweep.title = "Bytes on the wire per packet for each encapsulation";
        for (const char* variant : kVariants)
        {
            for (const char* size : kPayloadSizes)
            {
                sweep.points.push_back({variant, {{"payload-size", size}}});
            }
        }
        return {sweep};
    }

    ResultRow Run(const RunContext& context) const override
    {
        ResultRow row = MakeRow(context);
        const std::string& variant = context.variant;
        uint32_t packets = context.GetUint("packets");
        uint32_t payloadSize = context.GetUint("payload-size");

        Lab lab(GetId(), context);
        Ptr<Node> sender = lab.AddPublicNode("sender");
        Ptr<Node> receiver = lab.AddPublicNode("receiver");
        lab.Build();
        Ipv4Address senderAddress = lab.GetAddress(sender);
        Ipv4Address receiverAddress = lab.GetAddress(receiver);
        Ipv4Address destination = receiverAddress;

        IpsecHelper ipsec;
        if (variant == "tunnel")
        {
            Ipv4Address innerSender("10.1.0.1");
            Ipv4Address innerReceiver("10.2.0.1");
            IpsecHelper::End s;
            s.node = sender;
            s.address = senderAddress;
            s.peerAddress = receiverAddress;
            s.insideAddress = innerSender;
            s.selector = IpsecSelector::SubnetToSubnet(innerSender,
                                                       Ipv4Mask::GetOnes(),
                                                       innerReceiver,
                                                       Ipv4Mask::GetOnes());
            IpsecHelper::End r;
            r.node = receiver;
            r.address = receiverAddress;
            r.peerAddress = senderAddress;
            r.insideAddress = innerReceiver;
            r.selector = IpsecSelector::SubnetToSubnet(innerReceiver,
                                                       Ipv4Mask::GetOnes(),
                                                       innerSender,
                                                       Ipv4Mask::GetOnes());
            ipsec.AddPair(s, r, IPSEC_MODE_TUNNEL, dataplane::EspOptions(IpsecEncapsulation::NONE));
            destination = innerReceiver;
        }
        else if (variant != "none")
        {
            IpsecEncapsulation::Type encapsulation =
                variant == "rfc3948"    ? IpsecEncapsulation::UDP_ENCAP
                : variant == "stenberg" ? IpsecEncapsulation::STENBERG
                                        : IpsecEncapsulation::NONE;
            ipsec.AddTransportPair(sender,
                                   senderAddress,
                                   receiver,
                                   receiverAddress,
                                   dataplane::EspOptions(encapsulation));
        }

        auto flow = lab.AddUdpEcho(sender,
                                   receiver,
                                   7,
                                   packets,
                                   MilliSeconds(50),
                                   payloadSize,
                                   Seconds(1),
                                   destination);
        // The echo client is the sender's last application: what it hands
        // to its socket is the packet without IPsec.
        uint64_t payloadBytes = 0;
        sender->GetApplication(sender->GetNApplications() - 1)
            ->TraceConnectWithoutContext(
                "Tx",
                MakeBoundCallback(
                    +[](uint64_t* sum, Ptr<const Packet> p) { *sum += p->GetSize(); },
                    &payloadBytes));
        // Ipv4L3Protocol's Tx trace sees every IP packet (each fragment
        // on its own) as it goes to an interface's device, header included
        // and link header not yet added: the IP bytes on the wire.
        WireCount wire;
        wire.interface = UplinkOf(sender);
        sender->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(&CountWire, &wire));
        lab.Run(Seconds(2) + MilliSeconds(50) * packets);

        row.outcome = dataplane::EchoOutcome({flow}, receiver, variant != "none");
        row.symptom = row.outcome == "works" ? "none" : dataplane::ExplainLoss(lab);
        lab.GetProbe().FillMetrics(row);
        double sent = flow->requestsSent;
        double wireBytes = sent > 0 ? wire.bytes / sent : 0.0;
        // IPv4 (20, no options) + UDP (8) + payload: the packet without IPsec.
        double plainBytes = sent > 0 ? 28.0 + payloadBytes / sent : 0.0;
        row.SetMetric("payload_size", payloadSize);
        row.SetMetric("wire_bytes_per_packet", wireBytes);
        row.SetMetric("overhead_bytes_per_packet", sent > 0 ? wireBytes - plainBytes : 0.0);
        row.SetMetric("wire_packets_per_packet", sent > 0 ? wire.packets / sent : 0.0);
        return row;
    }
};

} // namespace

std::unique_ptr<Scenario>
MakeEncapsulationOverhead()
{
    return std::make_unique<EncapsulationOverhead>();
}

} // namespace natt
