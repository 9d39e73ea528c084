/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the Authentication Header. A header that parses must write
// back exactly the bytes it was read from (the reserved field included).

#include "ns3/ah-header.h"
#include "ns3/packet.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> packet = Create<Packet>(data, size);
    AhHeader header;
    uint32_t consumed = packet->RemoveHeader(header);
    if (consumed == 0)
    {
        return 0;
    }
    if (consumed > size || consumed % 4 != 0 || consumed != header.GetSerializedSize())
    {
        std::abort();
    }
    Ptr<Packet> check = Create<Packet>();
    check->AddHeader(header);
    std::vector<uint8_t> written(check->GetSize());
    check->CopyData(written.data(), written.size());
    if (written.size() != consumed || std::memcmp(written.data(), data, consumed) != 0)
    {
        std::abort();
    }
    return 0;
}
