/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IPsec as a NAT sees it, for the NAT tests: raw ESP packets (RFC 4303 2:
// SPI and sequence number in clear, the rest opaque) and ISAKMP headers.
#ifndef NATT_NAT_IPSEC_TEST_UTIL_H
#define NATT_NAT_IPSEC_TEST_UTIL_H

#include "nat-test-util.h"

#include "ns3/isakmp-header.h"

#include <cstdint>
#include <vector>

namespace ns3
{

constexpr uint8_t kNatTestEsp = 50;

/// An ESP packet's bytes: SPI \p spi, sequence number \p seq, 24 opaque bytes.
inline std::vector<uint8_t>
EspBytes(uint32_t spi, uint32_t seq)
{
    std::vector<uint8_t> b(32, 0xee);
    for (int k = 0; k < 4; ++k)
    {
        b[k] = spi >> (24 - 8 * k);
        b[4 + k] = seq >> (24 - 8 * k);
    }
    return b;
}

/// The IPv4 header of an ESP packet from \p src to \p dst.
inline Ipv4Header
EspHeader(Ipv4Address src, Ipv4Address dst)
{
    Ipv4Header h;
    h.SetSource(src);
    h.SetDestination(dst);
    h.SetProtocol(kNatTestEsp);
    h.SetTtl(64);
    return h;
}

/// The SPI of an ESP packet a raw socket received.
inline uint32_t
SpiOf(const NatTestRaw::Arrival& a)
{
    return (uint32_t{a.payload[0]} << 24) | (uint32_t{a.payload[1]} << 16) |
           (uint32_t{a.payload[2]} << 8) | a.payload[3];
}

/// An IKEv1 message: header with \p cookie (and \p responder, 0 in an
/// exchange's first message) and a chain of 8-byte payloads of \p types.
inline std::vector<uint8_t>
IkeBytes(uint64_t cookie, const std::vector<uint8_t>& types, uint64_t responder = 0)
{
    IsakmpHeader header;
    header.SetInitiatorSpi(cookie);
    header.SetResponderSpi(responder);
    header.SetMajorVersion(1);
    header.SetExchangeType(IsakmpHeader::IKEV1_MAIN_MODE);
    header.SetNextPayload(IkePayloadType(types.empty() ? 0 : types[0]));
    header.SetLength(IsakmpHeader::kSize + 8 * types.size());
    std::vector<uint8_t> body;
    for (std::size_t k = 0; k < types.size(); ++k)
    {
        std::vector<uint8_t> payload{static_cast<uint8_t>(k + 1 < types.size() ? types[k + 1] : 0),
                                     0,
                                     0,
                                     8,
                                     1,
                                     2,
                                     3,
                                     4};
        body.insert(body.end(), payload.begin(), payload.end());
    }
    Ptr<Packet> p = Create<Packet>(body.data(), body.size());
    p->AddHeader(header);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

} // namespace ns3

#endif /* NATT_NAT_IPSEC_TEST_UTIL_H */
