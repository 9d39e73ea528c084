/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Measurement: the bytes each encapsulation puts on the wire per packet
// (draft-stenberg-ipsec-nat-traversal-00 4.2 estimates its own).

#include "catalogue.h"
#include "dataplane-common.h"
#include "lab.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/network-module.h"

namespace natt
{

using namespace ns3;

namespace
{

/// UDP payload the largest envelope (tunnel) still fits in one IPv4 datagram.
const uint32_t kMaxPayload = 65000;

enum class Variant
{
    NONE,
    ESP_TRANSPORT,
    RFC3948,
    STENBERG,
    TUNNEL,
};

const EntryData<Variant> kData{
    "encapsulation-overhead",
    "Bytes on the wire per packet for each encapsulation",
    "draft-stenberg-ipsec-nat-traversal-00 4.2",
    "sender and receiver are public nodes on the internet core, no NAT between "
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
    "count.",
    {
        {Variant::NONE, "none", "works", "none", "No IPsec: the plain UDP packet."},
        {Variant::ESP_TRANSPORT,
         "esp-transport",
         "works",
         "none",
         "ESP transport mode (RFC 4303) between sender and receiver."},
        {Variant::RFC3948,
         "rfc3948",
         "works",
         "none",
         "ESP transport mode inside UDP 4500 (RFC 3948 2.1)."},
        {Variant::STENBERG,
         "stenberg",
         "works",
         "none",
         "ESP transport mode inside draft-stenberg's envelope on UDP 500 (3.2)."},
        {Variant::TUNNEL,
         "tunnel",
         "works",
         "none",
         "ESP tunnel mode between sender and receiver, each its own gateway with an inner "
         "address (10.1.0.1, 10.2.0.1)."},
    },
    {ScenarioParameter::Count("payload-size",
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
                              "UDP echo requests sender sends")},
    {{"encapsulation-overhead",
      "Bytes on the wire per packet for each encapsulation",
      {Variant::NONE, Variant::ESP_TRANSPORT, Variant::RFC3948, Variant::STENBERG, Variant::TUNNEL},
      {{"payload-size", {"64", "256", "512", "1024", "1400"}}}}},
};

class EncapsulationOverhead : public Entry<Variant>
{
  public:
    using Entry::Entry;

    ResultRow Run(const RunContext& context, Variant variant) const override
    {
        ResultRow row = MakeRow(context);
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
        if (variant == Variant::TUNNEL)
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
        else if (variant != Variant::NONE)
        {
            IpsecEncapsulation::Type encapsulation =
                variant == Variant::RFC3948    ? IpsecEncapsulation::UDP_ENCAP
                : variant == Variant::STENBERG ? IpsecEncapsulation::STENBERG
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
        // Every IP packet sender hands to its link, each fragment on its
        // own, header included: the IP bytes on the wire.
        dataplane::WireCount wire;
        dataplane::CountUplink(sender, &wire);
        lab.Run(Seconds(2) + MilliSeconds(50) * packets);

        row.outcome = dataplane::EchoOutcome({flow}, receiver, variant != Variant::NONE);
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

const Registered<EncapsulationOverhead> kRegistered(Shelf::MEASUREMENT, 100, kData);

} // namespace

} // namespace natt
