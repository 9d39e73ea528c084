/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the NAT engine (model/nat) fed IPv4 packets in both
// directions, as its routing protocol hands them over (header parsed, the
// rest the payload): port mappings, ICMP and its embedded headers, other
// protocols (ESP), IKE on 500 and 4500 through the ISAKMP handlers, and
// fragments through the fragment handlers (RFC 3022, RFC 4787, RFC 3715
// 2.1 l, 2.2 m-o). A fresh engine per input, configured from the
// selector and the flags; simulated time passes between messages so that
// mappings and held fragments expire.
//
// Selector: the preset (NatPresets, in listing order). Flags: bits 0-1
// the ISAKMP handler (None, Port500Special, CookieInspecting,
// PayloadInspecting), bits 2-4 the fragment handler (Forward, Drop,
// FirstOnly, Table, Reassemble), bit 5 keep the fuzzed addresses (else an
// outbound packet goes from an inside host to the server, an inbound one
// from the server to the NAT's outside address).
// Each message: one control byte (bit 0 inbound, bit 1 the second inside
// host, bits 2-4 seconds to let pass first), then the IPv4 header and payload.

#include "fuzz-input.h"

#include "ns3/ipv4-header.h"
#include "ns3/nat-engine.h"
#include "ns3/nat-presets.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

using namespace ns3;
using natt_fuzz::Bytes;
using natt_fuzz::FuzzInput;

namespace
{

const Ipv4Address kInsideA("192.168.1.10");
const Ipv4Address kInsideB("192.168.1.11");
const Ipv4Address kOutside("203.0.113.1");
const Ipv4Address kServer("198.51.100.20");

const char* const kIsakmp[] = {"None", "Port500Special", "CookieInspecting", "PayloadInspecting"};
const char* const kFragments[] = {"Forward", "Drop", "FirstOnly", "Table", "Reassemble"};

/// An IPv4 packet from \p from to \p to: header, then \p payload.
Bytes
Ipv4Packet(Ipv4Address from,
           Ipv4Address to,
           uint8_t protocol,
           const Bytes& payload,
           uint16_t fragmentOffset = 0,
           bool moreFragments = false)
{
    Ipv4Header h;
    h.SetSource(from);
    h.SetDestination(to);
    h.SetProtocol(protocol);
    h.SetTtl(64);
    h.SetIdentification(0x1234);
    h.SetFragmentOffset(fragmentOffset);
    if (moreFragments)
    {
        h.SetMoreFragments();
    }
    h.SetPayloadSize(payload.size());
    Ptr<Packet> p = Create<Packet>(payload.data(), payload.size());
    p->AddHeader(h);
    Bytes out(p->GetSize());
    p->CopyData(out.data(), out.size());
    return out;
}

Bytes
Udp(uint16_t sourcePort, uint16_t destinationPort, const Bytes& data)
{
    uint16_t length = static_cast<uint16_t>(8 + data.size());
    Bytes out = {uint8_t(sourcePort >> 8),
                 uint8_t(sourcePort),
                 uint8_t(destinationPort >> 8),
                 uint8_t(destinationPort),
                 uint8_t(length >> 8),
                 uint8_t(length),
                 0,
                 0};
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

/// A minimal IKEv1 Main Mode message 1 header (cookies, no payloads), \p extra after it.
Bytes
Isakmp(uint64_t cookieI, uint64_t cookieR, const Bytes& extra)
{
    Bytes out;
    for (int k = 7; k >= 0; --k)
    {
        out.push_back(static_cast<uint8_t>(cookieI >> (8 * k)));
    }
    for (int k = 7; k >= 0; --k)
    {
        out.push_back(static_cast<uint8_t>(cookieR >> (8 * k)));
    }
    uint32_t length = 28 + extra.size();
    Bytes rest = {0,
                  0x10,
                  2,
                  0,
                  0,
                  0,
                  0,
                  0,
                  uint8_t(length >> 24),
                  uint8_t(length >> 16),
                  uint8_t(length >> 8),
                  uint8_t(length)};
    out.insert(out.end(), rest.begin(), rest.end());
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

Bytes
Message(uint8_t control, const Bytes& packet)
{
    Bytes out{control};
    out.insert(out.end(), packet.begin(), packet.end());
    return out;
}

void
WriteSeeds()
{
    const uint8_t out = 0;
    const uint8_t in = 1;
    Bytes data(8, 0x5a);
    // UDP out and its answer in.
    FuzzInput udp;
    udp.flags = 3 << 2; // Table
    udp.messages = {Message(out, Ipv4Packet(kInsideA, kServer, 17, Udp(4000, 53, data))),
                    Message(in, Ipv4Packet(kServer, kOutside, 17, Udp(53, 1024, data)))};
    udp.Write("udp-out-in");
    // IKE on 500 then 4500 with the cookie-inspecting handler: two hosts
    // behind the NAT, the answers routed by cookie.
    FuzzInput ike;
    ike.flags = 2 | (3 << 2);
    ike.messages = {
        Message(out, Ipv4Packet(kInsideA, kServer, 17, Udp(500, 500, Isakmp(0x1111, 0, {})))),
        Message(out | 2, Ipv4Packet(kInsideB, kServer, 17, Udp(500, 500, Isakmp(0x2222, 0, {})))),
        Message(in, Ipv4Packet(kServer, kOutside, 17, Udp(500, 500, Isakmp(0x2222, 0x3333, {})))),
        Message(in,
                Ipv4Packet(kServer,
                           kOutside,
                           17,
                           Udp(4500, 4500, Bytes{0, 0, 0, 0, 0, 0, 0x11, 0x11, 0, 0, 0, 0}))),
    };
    ike.Write("ike-500-4500-cookies");
    FuzzInput payload = ike;
    payload.flags = 3 | (3 << 2);
    payload.Write("ike-payload-inspecting");
    // ICMP: an echo out, a port unreachable in quoting the UDP packet.
    Bytes echo = {8, 0, 0, 0, 0, 7, 0, 1, 1, 2, 3, 4};
    Bytes udpOut = Ipv4Packet(kOutside, kServer, 17, Udp(1024, 53, data));
    Bytes unreachable = {3, 3, 0, 0, 0, 0, 0, 0};
    unreachable.insert(unreachable.end(), udpOut.begin(), udpOut.begin() + 28);
    FuzzInput icmp;
    icmp.flags = 3 << 2;
    icmp.messages = {Message(out, Ipv4Packet(kInsideA, kServer, 1, echo)),
                     Message(out, Ipv4Packet(kInsideA, kServer, 17, Udp(4000, 53, data))),
                     Message(in, Ipv4Packet(kServer, kOutside, 1, unreachable))};
    icmp.Write("icmp-echo-unreachable");
    // A fragmented UDP datagram out, second fragment first, then a held
    // fragment left to time out; for each fragment handler.
    Bytes whole = Udp(4000, 53, Bytes(24, 0x33));
    Bytes first(whole.begin(), whole.begin() + 16);
    Bytes second(whole.begin() + 16, whole.end());
    for (uint8_t mode = 0; mode < 5; ++mode)
    {
        FuzzInput fragments;
        fragments.flags = static_cast<uint8_t>(mode << 2);
        fragments.messages = {
            Message(out, Ipv4Packet(kInsideA, kServer, 17, second, 16, false)),
            Message(out, Ipv4Packet(kInsideA, kServer, 17, first, 0, true)),
            Message(in | (5 << 2), Ipv4Packet(kServer, kOutside, 17, second, 16, false)),
        };
        fragments.Write(std::string("fragments-") + kFragments[mode]);
    }
    // ESP out and in (the other-protocol handlers of the presets).
    Bytes esp = {0, 0, 0x10, 0x01, 0, 0, 0, 1};
    esp.resize(40, 0x77);
    for (uint8_t preset = 0; preset < NatPresets::GetAll().size(); ++preset)
    {
        FuzzInput other;
        other.selector = preset;
        other.flags = 3 << 2;
        other.messages = {Message(out, Ipv4Packet(kInsideA, kServer, 50, esp)),
                          Message(in, Ipv4Packet(kServer, kOutside, 50, esp))};
        other.Write("esp-" + NatPresets::GetAll()[preset].name);
    }
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int* argc, char*** argv)
{
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
    const auto& presets = NatPresets::GetAll();
    const NatPresets::Preset& preset = presets[input.selector % presets.size()];
    Ptr<NatEngine> engine = CreateObject<NatEngine>();
    for (const auto& attribute : preset.attributes)
    {
        engine->SetAttributeFailSafe(attribute.first, StringValue(attribute.second));
    }
    engine->SetAttribute("Isakmp", StringValue(kIsakmp[input.flags & 3]));
    engine->SetAttribute("Fragments", StringValue(kFragments[((input.flags >> 2) & 7) % 5]));
    engine->SetOutsideAddress(kOutside);
    engine->AssignStreams(1);
    uint64_t emitted = 0;
    NatEngine::EmitCallback emit = [&emitted](Ptr<Packet>, const Ipv4Header&) { ++emitted; };
    for (const Bytes& message : input.messages)
    {
        if (message.empty())
        {
            continue;
        }
        uint8_t control = message[0];
        // IP parsed the header before the NAT saw the packet: only what
        // ns-3's Ipv4L3Protocol would accept gets this far.
        std::size_t ihl = message.size() > 1 ? (message[1] & 0x0f) * 4u : 0;
        if (message.size() < 21 || ihl < 20 || ihl > message.size() - 1 || (message[1] >> 4) != 4)
        {
            continue;
        }
        Ptr<Packet> packet = Create<Packet>(message.data() + 1, message.size() - 1);
        Ipv4Header header;
        if (packet->RemoveHeader(header) == 0)
        {
            continue;
        }
        if (packet->GetSize() > header.GetPayloadSize())
        {
            // As Ipv4L3Protocol::Receive does: what follows the datagram is link padding.
            packet->RemoveAtEnd(packet->GetSize() - header.GetPayloadSize());
        }
        bool inbound = control & 1;
        if (!(input.flags & 0x20))
        {
            header.SetSource(inbound ? kServer : ((control & 2) ? kInsideB : kInsideA));
            header.SetDestination(inbound ? kOutside : kServer);
        }
        uint32_t seconds = (control >> 2) & 7;
        if (seconds > 0)
        {
            Simulator::Stop(Seconds(seconds * 20));
            Simulator::Run();
        }
        if (inbound)
        {
            engine->ProcessInbound(packet, header, emit);
        }
        else
        {
            engine->ProcessOutbound(packet, header, emit);
        }
    }
    engine->Dispose();
    Simulator::Destroy();
    return 0;
}
