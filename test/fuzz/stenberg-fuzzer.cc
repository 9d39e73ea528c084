/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: a UDP payload on the IKE port as a draft-stenberg receiver
// sees it. Both parsers run on every input; each must agree with PeekType
// (the byte-17 test that tells NAT-T from IKE), and what parses must write
// back the bytes it was read from, except the unused bytes, which are
// written as zero.

#include "ns3/buffer.h"
#include "ns3/packet.h"
#include "ns3/stenberg-envelope-header.h"
#include "ns3/stenberg-heartbeat-header.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace ns3;

namespace
{

std::vector<uint8_t>
Written(const Header& header)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(header);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/// The first \p length input bytes with bytes [from, to) cleared.
std::vector<uint8_t>
Expected(const uint8_t* data, uint32_t length, uint32_t from, uint32_t to)
{
    std::vector<uint8_t> bytes(data, data + length);
    for (uint32_t k = from; k < to; ++k)
    {
        bytes[k] = 0;
    }
    return bytes;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> packet = Create<Packet>(data, size);
    uint8_t type = 0;
    {
        Buffer buffer;
        buffer.AddAtStart(size);
        buffer.Begin().Write(data, size);
        type = StenbergEnvelopeHeader::PeekType(buffer.Begin());
    }

    StenbergEnvelopeHeader envelope;
    uint32_t consumed = packet->PeekHeader(envelope);
    if (consumed != 0)
    {
        if (type != StenbergEnvelopeHeader::TYPE_IPV4_ENCAPSULATION || consumed > size ||
            Written(envelope) != Expected(data, consumed, 12, 17))
        {
            std::abort();
        }
    }

    StenbergHeartbeatHeader heartbeat;
    consumed = packet->PeekHeader(heartbeat);
    if (consumed != 0)
    {
        if (type != StenbergEnvelopeHeader::TYPE_HEARTBEAT ||
            consumed != StenbergHeartbeatHeader::kSize ||
            Written(heartbeat) != Expected(data, consumed, 2, 17))
        {
            std::abort();
        }
    }
    return 0;
}
