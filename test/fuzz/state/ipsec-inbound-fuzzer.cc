/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the IPsec inbound path with installed SAs: SA lookup by
// SPI, the replay window, ICV check and decryption, padding, the selector
// and source checks, and delivery of what comes out (RFC 4301 5.2, RFC 4303
// 3.4, RFC 4302 3.4, RFC 3948 for ESP in UDP). The process sets up, once,
// one pair of nodes per variant with a manually keyed SA pair; each input
// is then handed to the receiving node's IpsecStack as IP would hand it
// (ESP-in-UDP arrives through a UDP socket on port 4500, through
// UdpEncapsulation), and the replay windows are reset afterwards so every
// input meets the same state.
//
// Selector: the variant (kVariants). Flags:
//   bit 0  protect: each message is [next header][payload]; the harness
//          adds RFC 4303 padding and seals it under the SA (ESP variants);
//   bit 1  spoof the outer source address (not for ESP in UDP);
//   bit 2  every message carries sequence number 1 (a replay); otherwise
//          message k carries k + 1.
// Without bit 0 the messages are the ESP or AH bytes.

#include "fuzz-input.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-cipher-suite.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"

#include <memory>

using namespace ns3;
using natt_fuzz::Bytes;
using natt_fuzz::FuzzInput;

namespace
{

struct Variant
{
    const char* name;
    IpsecProtocol protocol;
    IpsecTransform::Encryption encryption;
    IpsecEncapsulation::Type encapsulation;
    bool tunnel;
    bool ipv6;
};

const Variant kVariants[] = {
    {"esp-transport",
     IPSEC_PROTOCOL_ESP,
     IpsecTransform::ENCR_AES_CBC,
     IpsecEncapsulation::NONE,
     false,
     false},
    {"esp-gcm-transport",
     IPSEC_PROTOCOL_ESP,
     IpsecTransform::ENCR_AES_GCM_16,
     IpsecEncapsulation::NONE,
     false,
     false},
    {"ah-transport",
     IPSEC_PROTOCOL_AH,
     IpsecTransform::ENCR_NULL,
     IpsecEncapsulation::NONE,
     false,
     false},
    {"esp-in-udp-transport",
     IPSEC_PROTOCOL_ESP,
     IpsecTransform::ENCR_AES_CBC,
     IpsecEncapsulation::UDP_ENCAP,
     false,
     false},
    {"esp-tunnel",
     IPSEC_PROTOCOL_ESP,
     IpsecTransform::ENCR_AES_CBC,
     IpsecEncapsulation::NONE,
     true,
     false},
    {"esp-transport-ipv6",
     IPSEC_PROTOCOL_ESP,
     IpsecTransform::ENCR_AES_CBC,
     IpsecEncapsulation::NONE,
     false,
     true},
    {"ah-transport-ipv6",
     IPSEC_PROTOCOL_AH,
     IpsecTransform::ENCR_NULL,
     IpsecEncapsulation::NONE,
     false,
     true},
};

const std::size_t kVariantCount = sizeof(kVariants) / sizeof(kVariants[0]);

/// One sender and one receiver with an SA pair between them.
struct Bed
{
    Variant variant;
    Ptr<Node> sender;
    Ptr<Node> receiver;
    Ipv4Address senderAddress;
    Ipv4Address receiverAddress;
    Ipv6Address senderAddress6;
    Ipv6Address receiverAddress6;
    IpsecHelper::Pair pair;
    Ptr<Socket> socket; ///< ESP in UDP: the sender's socket towards port 4500
};

std::vector<Bed>&
Beds()
{
    static std::vector<Bed> beds;
    return beds;
}

void
Setup()
{
    IpsecHelper ipsec;
    ipsec.AssignStreams(7);
    for (std::size_t k = 0; k < kVariantCount; ++k)
    {
        const Variant& v = kVariants[k];
        Bed bed;
        bed.variant = v;
        NodeContainer nodes;
        nodes.Create(2);
        PointToPointHelper p2p;
        NetDeviceContainer devices = p2p.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        std::string net = "10." + std::to_string(k + 1) + ".1.0";
        Ipv4AddressHelper addresses(net.c_str(), "255.255.255.0");
        Ipv4InterfaceContainer v4 = addresses.Assign(devices);
        std::string net6 = "2001:db8:" + std::to_string(k + 1) + "::";
        Ipv6AddressHelper addresses6(Ipv6Address(net6.c_str()), Ipv6Prefix(64));
        Ipv6InterfaceContainer v6 = addresses6.Assign(devices);
        bed.sender = nodes.Get(0);
        bed.receiver = nodes.Get(1);
        bed.senderAddress = v4.GetAddress(0);
        bed.receiverAddress = v4.GetAddress(1);
        bed.senderAddress6 = v6.GetAddress(0, 1);
        bed.receiverAddress6 = v6.GetAddress(1, 1);
        ipsec.Install(nodes);
        IpsecHelper::Options options;
        options.protocol = v.protocol;
        options.encapsulation = v.encapsulation;
        options.transform =
            IpsecHelper::MakeTransform(v.encryption,
                                       v.encryption == IpsecTransform::ENCR_AES_GCM_16
                                           ? IpsecTransform::INTEG_NONE
                                           : IpsecTransform::INTEG_HMAC_SHA2_256_128);
        if (v.tunnel)
        {
            std::string a = "10.100." + std::to_string(k + 1) + ".1";
            std::string b = "10.200." + std::to_string(k + 1) + ".1";
            bed.pair = ipsec.AddTunnelPair(bed.sender,
                                           bed.senderAddress,
                                           Ipv4Address(a.c_str()),
                                           Ipv4Address(a.c_str()).CombineMask(Ipv4Mask("/24")),
                                           Ipv4Mask("/24"),
                                           bed.receiver,
                                           bed.receiverAddress,
                                           Ipv4Address(b.c_str()),
                                           Ipv4Address(b.c_str()).CombineMask(Ipv4Mask("/24")),
                                           Ipv4Mask("/24"),
                                           options);
        }
        else if (v.ipv6)
        {
            bed.pair = ipsec.AddTransportPair(bed.sender,
                                              bed.senderAddress6,
                                              bed.receiver,
                                              bed.receiverAddress6,
                                              options);
        }
        else
        {
            bed.pair = ipsec.AddTransportPair(bed.sender,
                                              bed.senderAddress,
                                              bed.receiver,
                                              bed.receiverAddress,
                                              options);
        }
        if (v.encapsulation == IpsecEncapsulation::UDP_ENCAP)
        {
            bed.socket = Socket::CreateSocket(bed.sender, UdpSocketFactory::GetTypeId());
            bed.socket->Bind(InetSocketAddress(bed.senderAddress, 0));
        }
        Beds().push_back(bed);
    }
    // Addresses, DAD and the like settle before the first input.
    Simulator::Run();
}

/// [next header][payload] sealed as ESP under \p sa with \p sequence.
Ptr<Packet>
Seal(Ptr<SecurityAssociation> sa, const Bytes& message, uint32_t sequence)
{
    std::string error;
    auto suite = IpsecCipherSuite::Create(sa->GetParameters().transform, &error);
    if (!suite || message.empty())
    {
        return nullptr;
    }
    // RFC 4303 2.4: payload, padding 1, 2, 3, ..., pad length, next header,
    // aligned to the block size (and to 4 bytes).
    Bytes plaintext(message.begin() + 1, message.end());
    uint32_t block = std::max<uint32_t>(suite->GetBlockSize(), 4);
    uint32_t padLength = (block - (plaintext.size() + 2) % block) % block;
    for (uint32_t k = 1; k <= padLength; ++k)
    {
        plaintext.push_back(static_cast<uint8_t>(k));
    }
    plaintext.push_back(static_cast<uint8_t>(padLength));
    plaintext.push_back(message[0]);
    uint32_t spi = sa->GetSpi();
    uint8_t header[8] = {uint8_t(spi >> 24),
                         uint8_t(spi >> 16),
                         uint8_t(spi >> 8),
                         uint8_t(spi),
                         uint8_t(sequence >> 24),
                         uint8_t(sequence >> 16),
                         uint8_t(sequence >> 8),
                         uint8_t(sequence)};
    Bytes out;
    if (!suite->Seal(header, Bytes(suite->GetIvSize(), 0x42), plaintext, out))
    {
        return nullptr;
    }
    return Create<Packet>(out.data(), out.size());
}

void
Deliver(Bed& bed, Ptr<Packet> packet, bool spoof)
{
    Ptr<IpsecStack> stack = bed.receiver->GetObject<IpsecStack>();
    const Variant& v = bed.variant;
    uint8_t protocol = v.protocol == IPSEC_PROTOCOL_AH ? 51 : 50;
    if (v.encapsulation == IpsecEncapsulation::UDP_ENCAP)
    {
        bed.socket->SendTo(packet, 0, InetSocketAddress(bed.receiverAddress, IKE_NAT_T_UDP_PORT));
        return;
    }
    if (v.ipv6)
    {
        Ipv6Header outer;
        outer.SetSource(spoof ? Ipv6Address("2001:db8:ffff::9") : bed.senderAddress6);
        outer.SetDestination(bed.receiverAddress6);
        outer.SetNextHeader(protocol);
        outer.SetHopLimit(64);
        outer.SetPayloadLength(packet->GetSize());
        Ptr<Ipv6Interface> incoming = bed.receiver->GetObject<Ipv6L3Protocol>()->GetInterface(1);
        if (protocol == 51)
        {
            stack->ReceiveAh6(packet, outer, incoming);
        }
        else
        {
            stack->ReceiveEsp6(packet, outer, incoming);
        }
        return;
    }
    Ipv4Header outer;
    outer.SetSource(spoof ? Ipv4Address("10.250.0.9") : bed.senderAddress);
    outer.SetDestination(bed.receiverAddress);
    outer.SetProtocol(protocol);
    outer.SetTtl(64);
    outer.SetPayloadSize(packet->GetSize());
    Ptr<Ipv4Interface> incoming = bed.receiver->GetObject<Ipv4L3Protocol>()->GetInterface(1);
    if (protocol == 51)
    {
        stack->ReceiveAh(packet, outer, incoming);
    }
    else
    {
        stack->ReceiveEsp(packet, outer, incoming, IpsecEncapsulation::NONE, 0);
    }
}

Bytes
UdpDatagram(uint16_t size)
{
    UdpHeader udp;
    udp.SetSourcePort(4000);
    udp.SetDestinationPort(9);
    Ptr<Packet> p = Create<Packet>(size);
    p->AddHeader(udp);
    Bytes out(p->GetSize());
    p->CopyData(out.data(), out.size());
    return out;
}

void
WriteSeeds()
{
    for (std::size_t k = 0; k < kVariantCount; ++k)
    {
        const Bed& bed = Beds()[k];
        Bytes message;
        if (bed.variant.tunnel)
        {
            // An inner IPv4 packet between the two protected subnets.
            Ipv4Header inner;
            std::string a = "10.100." + std::to_string(k + 1) + ".7";
            std::string b = "10.200." + std::to_string(k + 1) + ".7";
            inner.SetSource(Ipv4Address(a.c_str()));
            inner.SetDestination(Ipv4Address(b.c_str()));
            inner.SetProtocol(17);
            inner.SetTtl(64);
            Bytes udp = UdpDatagram(8);
            inner.SetPayloadSize(udp.size());
            Ptr<Packet> p = Create<Packet>(udp.data(), udp.size());
            p->AddHeader(inner);
            message.push_back(4);
            Bytes bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            message.insert(message.end(), bytes.begin(), bytes.end());
        }
        else
        {
            message.push_back(17);
            Bytes udp = UdpDatagram(8);
            message.insert(message.end(), udp.begin(), udp.end());
        }
        FuzzInput input;
        input.selector = static_cast<uint8_t>(k);
        if (bed.variant.protocol == IPSEC_PROTOCOL_ESP)
        {
            input.flags = 0x01;
            input.messages = {message, message};
            input.Write(std::string(bed.variant.name) + "-protect");
            Ptr<Packet> sealed = Seal(bed.pair.inboundB, message, 1);
            Bytes raw(sealed->GetSize());
            sealed->CopyData(raw.data(), raw.size());
            input.flags = 0;
            input.messages = {raw};
            input.Write(std::string(bed.variant.name) + "-raw");
        }
        else
        {
            // AH: SPI and sequence number right, the ICV (16 bytes) not.
            uint32_t spi = bed.pair.inboundB->GetSpi();
            Bytes ah = {17,
                        6,
                        0,
                        0,
                        uint8_t(spi >> 24),
                        uint8_t(spi >> 16),
                        uint8_t(spi >> 8),
                        uint8_t(spi),
                        0,
                        0,
                        0,
                        1};
            ah.resize(ah.size() + 16, 0);
            Bytes udp = UdpDatagram(8);
            ah.insert(ah.end(), udp.begin(), udp.end());
            input.messages = {ah};
            input.Write(std::string(bed.variant.name) + "-raw");
        }
    }
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int* argc, char*** argv)
{
    Setup();
    WriteSeeds();
    return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzInput input;
    if (!input.Read(data, size))
    {
        return 0;
    }
    Bed& bed = Beds()[input.selector % kVariantCount];
    uint32_t sequence = 1;
    for (const Bytes& bytes : input.messages)
    {
        Ptr<Packet> packet;
        if ((input.flags & 0x01) && bed.variant.protocol == IPSEC_PROTOCOL_ESP)
        {
            packet = Seal(bed.pair.inboundB, bytes, sequence);
        }
        else
        {
            packet = Create<Packet>(bytes.data(), bytes.size());
        }
        if (packet)
        {
            Deliver(bed, packet, input.flags & 0x02);
        }
        if (!(input.flags & 0x04))
        {
            ++sequence;
        }
    }
    Simulator::Run();
    // The next input meets fresh replay windows (RFC 4303 3.4.3).
    for (auto sa : {bed.pair.inboundA, bed.pair.inboundB})
    {
        sa->GetReplayWindow() = ReplayWindow(sa->GetReplayWindow().GetSize());
    }
    return 0;
}
