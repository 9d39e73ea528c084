/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_BYTES_H
#define NATT_NAT_BYTES_H

#include <cstddef>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-nat
 * Big-endian fields of the raw header bytes the NAT rewrites in place, the
 * protocol numbers and header fields it tells apart, and the hash mixer of
 * its tables' packed keys: shared by NatEngine and the behaviour objects
 * that read the same headers.
 */
namespace natbytes
{

// IP protocol numbers (IANA) and the TCP and ICMP fields the NAT reads.
constexpr uint8_t kIcmp = 1;
constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;
constexpr uint8_t kEsp = 50;

constexpr uint8_t kTcpFin = 0x01;
constexpr uint8_t kTcpSyn = 0x02;
constexpr uint8_t kTcpRst = 0x04;

constexpr uint8_t kIcmpEchoReply = 0;
constexpr uint8_t kIcmpEcho = 8;

inline uint16_t
Read16(const uint8_t* b)
{
    return static_cast<uint16_t>((b[0] << 8) | b[1]);
}

inline void
Write16(uint8_t* b, uint16_t v)
{
    b[0] = v >> 8;
    b[1] = v & 0xff;
}

inline uint32_t
Read32(const uint8_t* b)
{
    return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
}

inline void
Write32(uint8_t* b, uint32_t v)
{
    Write16(b, v >> 16);
    Write16(b + 2, v & 0xffff);
}

/// The splitmix64 finaliser: spreads keys that differ in few bits.
inline std::size_t
Mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return static_cast<std::size_t>(x);
}

} // namespace natbytes

} // namespace ns3

#endif /* NATT_NAT_BYTES_H */
