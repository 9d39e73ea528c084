/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: IkeMessage::Deserialize on arbitrary bytes. A message that
// parses is written out again; those bytes must parse, to the same length,
// and write back identically. The first write may differ from the input,
// since reserved bits are not kept, but after that the bytes are fixed.

#include "ns3/ike-message.h"
#include "ns3/packet.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace ns3;

namespace
{

std::vector<uint8_t>
Written(const IkeMessage& message)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(message);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> packet = Create<Packet>(data, size);
    IkeMessage message;
    uint32_t length = packet->RemoveHeader(message);
    if (length == 0)
    {
        return 0;
    }
    if (length > size || message.GetParseError() != IkeMessage::PARSE_OK)
    {
        std::abort();
    }
    std::vector<uint8_t> first = Written(message);
    if (first.size() != length)
    {
        std::abort();
    }
    Ptr<Packet> again = Create<Packet>(first.data(), first.size());
    IkeMessage reparsed;
    if (again->RemoveHeader(reparsed) != first.size() || Written(reparsed) != first)
    {
        std::abort();
    }
    return 0;
}
