/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the payload of a UDP datagram that arrived on port 4500,
// classified the way a receiver does (RFC 3948 2.2, 2.3; RFC 7296 2.23):
// a one-byte 0xFF payload is a NAT-keepalive, four zero bytes start an IKE
// message, anything else long enough is ESP.

#include "ns3/esp-header.h"
#include "ns3/ike-message.h"
#include "ns3/nat-keepalive-header.h"
#include "ns3/packet.h"
#include "ns3/udp-encap-non-esp-marker.h"

#include <cstdint>
#include <cstdlib>

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> packet = Create<Packet>(data, size);
    if (size == NatKeepaliveHeader::kSize)
    {
        NatKeepaliveHeader keepalive;
        packet->RemoveHeader(keepalive);
        return 0;
    }
    UdpEncapNonEspMarker marker;
    if (packet->PeekHeader(marker) == UdpEncapNonEspMarker::kSize)
    {
        packet->RemoveHeader(marker);
        IkeMessage message;
        uint32_t length = packet->RemoveHeader(message);
        if (length > size - UdpEncapNonEspMarker::kSize)
        {
            std::abort();
        }
        return 0;
    }
    EspHeader esp;
    uint32_t consumed = packet->RemoveHeader(esp);
    if (consumed != 0 && (size < EspHeader::kSize || esp.GetSpi() == 0))
    {
        std::abort(); // the marker test above must have caught a zero SPI
    }
    return 0;
}
