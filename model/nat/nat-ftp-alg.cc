/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-ftp-alg.h"

#include "nat-bytes.h"
#include "nat-checksum.h"

#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatFtpAlg);

namespace
{

using natbytes::kTcp;
using natbytes::Read16;
using natbytes::Read32;
using natbytes::Write16;
using natbytes::Write32;

/// Serial-number comparison of TCP sequence numbers.
bool
SeqAtOrAfter(uint32_t a, uint32_t b)
{
    return static_cast<int32_t>(a - b) >= 0;
}

/// Replaces the 32-bit field at \p offset of \p tcp, keeping the checksum right.
void
RewriteField(uint8_t* tcp, uint32_t offset, uint32_t value)
{
    uint32_t old = Read32(tcp + offset);
    Write32(tcp + offset, value);
    Write16(tcp + 16, NatChecksum::Adjust32(Read16(tcp + 16), old, value));
}

} // namespace

TypeId
NatFtpAlg::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatFtpAlg")
            .SetParent<NatAlg>()
            .SetGroupName("Natt")
            .AddConstructor<NatFtpAlg>()
            .AddAttribute("Port",
                          "TCP destination port of the control connection the ALG inspects",
                          UintegerValue(21),
                          MakeUintegerAccessor(&NatFtpAlg::SetPort, &NatFtpAlg::GetPort),
                          MakeUintegerChecker<uint16_t>());
    return tid;
}

NatFtpAlg::NatFtpAlg() = default;

void
NatFtpAlg::SetPort(uint16_t port)
{
    m_port = port;
}

uint16_t
NatFtpAlg::GetPort() const
{
    return m_port;
}

void
NatFtpAlg::Outbound(NatAlgContext& engine,
                    NatMappingHandle connection,
                    Ptr<Packet> segment,
                    Ipv4Header& header,
                    uint8_t* tcp,
                    bool firstFragment)
{
    if (!firstFragment)
    {
        RewritePortCommand(engine, connection, segment, header, tcp);
    }
    uint32_t seq = Read32(tcp + 4);
    Shift* shift = Find(connection);
    if (shift != nullptr && SeqAtOrAfter(seq, shift->from))
    {
        RewriteField(tcp, 4, seq + shift->delta);
    }
}

void
NatFtpAlg::Inbound(NatMappingHandle connection, uint8_t* tcp)
{
    uint32_t ack = Read32(tcp + 8);
    Shift* shift = Find(connection);
    if (shift != nullptr && SeqAtOrAfter(ack, shift->from + shift->delta))
    {
        RewriteField(tcp, 8, ack - shift->delta);
    }
}

void
NatFtpAlg::Forget(const std::function<bool(NatMappingHandle)>& live)
{
    for (auto it = m_shifts.begin(); it != m_shifts.end();)
    {
        it = live(NatMappingHandle{it->first, it->second.generation}) ? std::next(it)
                                                                      : m_shifts.erase(it);
    }
}

NatFtpAlg::Shift*
NatFtpAlg::Find(NatMappingHandle connection)
{
    auto it = m_shifts.find(connection.index);
    if (it == m_shifts.end() || it->second.generation != connection.generation)
    {
        return nullptr;
    }
    return &it->second;
}

void
NatFtpAlg::RewritePortCommand(NatAlgContext& engine,
                              NatMappingHandle connection,
                              Ptr<Packet> p,
                              Ipv4Header& h,
                              uint8_t* tcp)
{
    // The PORT command carries the client's address and port as text (RFC
    // 959 4.1.2); it is rewritten to the outside address and a port mapped
    // to the client, and the TCP sequence space is kept consistent
    // afterwards by shifting later sequence numbers (and the peer's
    // acknowledgements) by the change in length (RFC 3022 4.2).
    if (Read16(tcp + 2) != m_port)
    {
        return;
    }
    uint32_t headerLength = (tcp[12] >> 4) * 4u;
    uint32_t size = p->GetSize();
    if (headerLength < 20 || size <= headerLength || size - headerLength > 1024)
    {
        return;
    }
    std::vector<uint8_t> segment(size);
    p->CopyData(segment.data(), size);
    std::string text(segment.begin() + headerLength, segment.end());
    if (text.compare(0, 5, "PORT ") != 0)
    {
        return;
    }
    auto end = text.find("\r\n");
    if (end == std::string::npos)
    {
        return;
    }
    unsigned a[6];
    char tail;
    std::string argument = text.substr(5, end - 5);
    if (std::sscanf(argument.c_str(),
                    "%u,%u,%u,%u,%u,%u%c",
                    &a[0],
                    &a[1],
                    &a[2],
                    &a[3],
                    &a[4],
                    &a[5],
                    &tail) != 6 ||
        *std::max_element(a, a + 6) > 255)
    {
        return;
    }
    uint32_t inside = (a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
    if (inside != h.GetSource().Get())
    {
        return;
    }
    uint16_t dataPort = static_cast<uint16_t>(a[4] << 8 | a[5]);
    uint16_t external;
    if (!engine.OpenMapping(kTcp, Ipv4Address(inside), dataPort, h.GetDestination(), external))
    {
        return;
    }
    uint32_t outside = engine.GetOutsideAddress().Get();
    std::ostringstream os;
    os << "PORT " << (outside >> 24) << "," << ((outside >> 16) & 0xff) << ","
       << ((outside >> 8) & 0xff) << "," << (outside & 0xff) << "," << (external >> 8) << ","
       << (external & 0xff) << text.substr(end);
    std::string rewritten = os.str();
    uint32_t oldLength = size - headerLength;
    uint32_t newLength = rewritten.size();
    auto delta = static_cast<int32_t>(newLength) - static_cast<int32_t>(oldLength);

    uint16_t checksum = Read16(tcp + 16);
    checksum = NatChecksum::AdjustBytes(checksum,
                                        headerLength,
                                        segment.data() + headerLength,
                                        oldLength,
                                        reinterpret_cast<const uint8_t*>(rewritten.data()),
                                        newLength);
    // The pseudo-header's TCP length changes too.
    checksum = NatChecksum::Adjust(checksum, headerLength + oldLength, headerLength + newLength);
    Write16(tcp + 16, checksum);
    p->RemoveAtEnd(oldLength);
    p->AddAtEnd(Create<Packet>(reinterpret_cast<const uint8_t*>(rewritten.data()), newLength));
    h.SetPayloadSize(h.GetPayloadSize() + delta);
    uint32_t seq = Read32(tcp + 4);
    Shift* shift = Find(connection);
    bool retransmission = shift != nullptr && shift->from == seq + oldLength;
    if (delta != 0 && !retransmission)
    {
        // One shift per connection, from the end of the latest PORT command
        // on (enough for the request/response use the ALG models).
        if (shift == nullptr)
        {
            shift = &m_shifts[connection.index];
            *shift = Shift{connection.generation, 0, 0};
        }
        shift->from = seq + oldLength;
        shift->delta += delta;
    }
}

} // namespace ns3
