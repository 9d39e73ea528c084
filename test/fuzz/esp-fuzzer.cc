/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: an ESP packet as the IPsec layer sees it, the clear ESP
// header and, on the rest, the plaintext trailer read backwards from the
// end (as if decryption had produced these bytes). What parses must write
// back the bytes it was read from.

#include "ns3/esp-header.h"
#include "ns3/esp-trailer.h"
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
    EspHeader header;
    uint32_t headerSize = packet->RemoveHeader(header);
    if (headerSize == 0)
    {
        return 0;
    }
    Ptr<Packet> check = Create<Packet>();
    check->AddHeader(header);
    std::vector<uint8_t> written(check->GetSize());
    check->CopyData(written.data(), written.size());
    if (written.size() != headerSize || std::memcmp(written.data(), data, headerSize) != 0)
    {
        std::abort();
    }

    EspTrailer trailer;
    uint32_t trailerSize = packet->RemoveTrailer(trailer);
    if (trailerSize == 0)
    {
        return 0;
    }
    if (trailerSize != trailer.GetSerializedSize() || trailerSize > size - headerSize)
    {
        std::abort();
    }
    check = Create<Packet>();
    check->AddTrailer(trailer);
    written.resize(check->GetSize());
    check->CopyData(written.data(), written.size());
    if (written.size() != trailerSize ||
        std::memcmp(written.data(), data + size - trailerSize, trailerSize) != 0)
    {
        std::abort();
    }
    return 0;
}
