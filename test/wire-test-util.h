/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_WIRE_TEST_UTIL_H
#define NATT_WIRE_TEST_UTIL_H

// Byte-level helpers for wire-format tests: write a Header (or Trailer) to a
// vector, and parse one from a vector, through a real ns-3 Packet so the
// same paths as in a simulation are used.

#include "ns3/header.h"
#include "ns3/packet.h"
#include "ns3/trailer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

inline std::vector<uint8_t>
PacketBytes(Ptr<const Packet> p)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

inline std::vector<uint8_t>
SerializeHeader(const Header& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    return PacketBytes(p);
}

/// \return what Deserialize returned
inline uint32_t
DeserializeHeader(Header& h, const std::vector<uint8_t>& bytes)
{
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    return p->RemoveHeader(h);
}

inline std::vector<uint8_t>
SerializeTrailer(const Trailer& t)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddTrailer(t);
    return PacketBytes(p);
}

inline uint32_t
DeserializeTrailer(Trailer& t, const std::vector<uint8_t>& bytes)
{
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    return p->RemoveTrailer(t);
}

/// Bytes from a hex string; spaces and newlines are ignored.
inline std::vector<uint8_t>
FromHex(const std::string& hex)
{
    std::vector<uint8_t> bytes;
    std::string digits;
    for (char c : hex)
    {
        if (std::isxdigit(static_cast<unsigned char>(c)))
        {
            digits.push_back(c);
        }
    }
    for (std::size_t k = 0; k + 1 < digits.size(); k += 2)
    {
        bytes.push_back(static_cast<uint8_t>(std::stoul(digits.substr(k, 2), nullptr, 16)));
    }
    return bytes;
}

} // namespace ns3

#endif /* NATT_WIRE_TEST_UTIL_H */
