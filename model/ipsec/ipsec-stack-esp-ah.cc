/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IpsecStack's ESP (RFC 4303) and AH (RFC 4302) processing that does not
// depend on the IP family: sealing and opening ESP, building and checking
// AH given the IP header's ICV part. ipsec-stack.cc and
// ipsec-stack-ipv6.cc wrap them in their family's headers and delivery.

#include "ipsec-cipher-suite.h"
#include "ipsec-stack.h"

#include "ns3/ah-header.h"
#include "ns3/esp-trailer.h"
#include "ns3/packet.h"
#include "ns3/random-bytes.h"

#include <algorithm>

namespace ns3
{

namespace
{

uint32_t
ReadU32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

void
WriteU32(uint8_t* p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

} // namespace

Ptr<Packet>
IpsecStack::EspProtect(Ptr<SecurityAssociation> sa, Ptr<Packet> payload, uint8_t nextHeader)
{
    std::shared_ptr<IpsecCipherSuite> suite = GetSuite(sa);
    if (!suite)
    {
        Drop(payload, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    if (sa->IsSequenceExhausted())
    {
        // RFC 4303 3.3.3: a new SA is needed before the counter cycles.
        Drop(payload, SA_EXPIRED_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    uint32_t sequence = sa->NextSequence();
    uint32_t size = payload->GetSize();
    uint8_t padLength = EspTrailerPadLength(size, suite->GetBlockSize());
    Bytes plaintext(size + padLength + 2);
    payload->CopyData(plaintext.data(), size);
    for (uint8_t k = 0; k < padLength; ++k)
    {
        plaintext[size + k] = k + 1; // RFC 4303 2.4 default padding 1, 2, 3, ...
    }
    plaintext[size + padLength] = padLength;
    plaintext[size + padLength + 1] = nextHeader;
    uint8_t header[8];
    WriteU32(header, sa->GetSpi());
    WriteU32(header + 4, sequence);
    Bytes iv;
    if (suite->GetIvSize() == AesGcm::IvSize)
    {
        // RFC 4106 3.1: the IV must not repeat under a key; the sequence
        // number never does within an SA.
        iv.assign(8, 0);
        WriteU32(iv.data() + 4, sequence);
    }
    else if (suite->GetIvSize() > 0)
    {
        // RFC 3602 2.3: CBC needs an unpredictable IV.
        iv = DrawRandomBytes(m_random, suite->GetIvSize());
    }
    Bytes out;
    if (!suite->Seal(header, iv, plaintext, out))
    {
        Drop(payload, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    sa->AddTraffic(size);
    ++m_protected;
    m_protectTrace(payload, sa);
    return Create<Packet>(out.data(), static_cast<uint32_t>(out.size()));
}

uint8_t
IpsecStack::EspTrailerPadLength(uint32_t payloadSize, uint32_t blockSize)
{
    uint32_t used = (payloadSize + 2) % blockSize;
    return static_cast<uint8_t>(used == 0 ? 0 : blockSize - used);
}

Ptr<Packet>
IpsecStack::AhProtect(Ptr<SecurityAssociation> sa,
                      Ptr<Packet> payload,
                      uint8_t nextHeader,
                      uint32_t alignment,
                      const AhIpPart& ipPart)
{
    std::shared_ptr<IpsecCipherSuite> suite = GetSuite(sa);
    if (!suite || suite->GetIcvSize() == 0 ||
        sa->GetParameters().transform.encryption != IpsecTransform::ENCR_NULL)
    {
        Drop(payload, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_AH);
        return nullptr;
    }
    if (sa->IsSequenceExhausted())
    {
        Drop(payload, SA_EXPIRED_DROP, IPSEC_PROTOCOL_AH);
        return nullptr;
    }
    // RFC 4302 2.6: the ICV field is padded so the header is a multiple of
    // 32 bits (IPv4) or 64 bits (IPv6).
    uint32_t field = suite->GetIcvSize();
    while ((AhHeader::kFixedSize + field) % alignment != 0)
    {
        ++field;
    }
    AhHeader ah;
    ah.SetNextHeader(nextHeader);
    ah.SetSpi(sa->GetSpi());
    ah.SetSequenceNumber(sa->NextSequence());
    ah.SetIcv(Bytes(field, 0));
    Ptr<Packet> packet = payload->Copy();
    packet->AddHeader(ah);
    // RFC 4302 3.3.3.1: the ICV covers the IP header's immutable fields,
    // AH with a zero ICV field, and the payload.
    Bytes input = ipPart(packet->GetSize());
    std::size_t ipSize = input.size();
    input.resize(ipSize + packet->GetSize());
    packet->CopyData(input.data() + ipSize, packet->GetSize());
    Bytes icv = suite->ComputeIcv(input);
    icv.resize(field, 0);
    ah.SetIcv(icv);
    sa->AddTraffic(payload->GetSize());
    ++m_protected;
    m_protectTrace(payload, sa);
    packet = payload->Copy();
    packet->AddHeader(ah);
    return packet;
}

Ptr<SecurityAssociation>
IpsecStack::EspOpen(Ptr<Packet> packet, Ptr<Packet>& inner, uint8_t& nextHeader, uint32_t& sequence)
{
    uint32_t size = packet->GetSize();
    if (size < 8)
    {
        Drop(packet, MALFORMED_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    Bytes esp(size);
    packet->CopyData(esp.data(), size);
    uint32_t spi = ReadU32(esp.data());
    sequence = ReadU32(esp.data() + 4);
    Ptr<SecurityAssociation> sa = m_sad->FindInbound(IPSEC_PROTOCOL_ESP, spi);
    if (!sa)
    {
        Drop(packet, NO_SA_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    if (CheckExpired(sa, packet))
    {
        return nullptr;
    }
    // RFC 4303 3.4.3: the cheap replay check comes before the ICV.
    if (m_checkReplay && !sa->GetReplayWindow().Check(sequence))
    {
        Drop(packet, REPLAY_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    std::shared_ptr<IpsecCipherSuite> suite = GetSuite(sa);
    if (!suite)
    {
        Drop(packet, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    Bytes plaintext;
    switch (suite->Open(esp.data(), esp.size(), plaintext))
    {
    case IpsecCipherSuite::OPEN_OK:
        break;
    case IpsecCipherSuite::OPEN_ICV_FAILURE:
        Drop(packet, ICV_FAILURE_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    case IpsecCipherSuite::OPEN_TRUNCATED:
        Drop(packet, MALFORMED_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    default:
        Drop(packet, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    // RFC 4303 2.4 and 2.6: pad length, then the padding it announces.
    std::size_t n = plaintext.size();
    if (n < 2)
    {
        Drop(packet, BAD_PADDING_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    nextHeader = plaintext[n - 1];
    uint8_t padLength = plaintext[n - 2];
    if (std::size_t{padLength} + 2 > n)
    {
        Drop(packet, BAD_PADDING_DROP, IPSEC_PROTOCOL_ESP);
        return nullptr;
    }
    std::size_t payloadSize = n - 2 - padLength;
    for (uint8_t k = 0; k < padLength; ++k)
    {
        if (plaintext[payloadSize + k] != k + 1)
        {
            Drop(packet, BAD_PADDING_DROP, IPSEC_PROTOCOL_ESP);
            return nullptr;
        }
    }
    // Only authenticated packets move the window (RFC 4303 3.4.3).
    sa->GetReplayWindow().Update(sequence);
    // RFC 4303 2.6: a dummy packet (no next header) is discarded silently.
    if (nextHeader != EspTrailer::kNoNextHeader)
    {
        inner = Create<Packet>(plaintext.data(), static_cast<uint32_t>(payloadSize));
    }
    return sa;
}

Ptr<SecurityAssociation>
IpsecStack::AhOpen(Ptr<Packet> packet, const AhIpPart& ipPart, AhHeader& ah, Ptr<Packet>& payload)
{
    if (packet->GetSize() < AhHeader::kFixedSize)
    {
        Drop(packet, MALFORMED_DROP, IPSEC_PROTOCOL_AH);
        return nullptr;
    }
    payload = packet->Copy();
    uint32_t ahSize = payload->RemoveHeader(ah);
    if (ahSize == 0)
    {
        Drop(packet, MALFORMED_DROP, IPSEC_PROTOCOL_AH);
        return nullptr;
    }
    Ptr<SecurityAssociation> sa = m_sad->FindInbound(IPSEC_PROTOCOL_AH, ah.GetSpi());
    if (!sa)
    {
        Drop(packet, NO_SA_DROP, IPSEC_PROTOCOL_AH);
        return nullptr;
    }
    if (CheckExpired(sa, packet))
    {
        return nullptr;
    }
    if (m_checkReplay && !sa->GetReplayWindow().Check(ah.GetSequenceNumber()))
    {
        Drop(packet, REPLAY_DROP, IPSEC_PROTOCOL_AH);
        return nullptr;
    }
    std::shared_ptr<IpsecCipherSuite> suite = GetSuite(sa);
    if (!suite)
    {
        Drop(packet, CRYPTO_ERROR_DROP, IPSEC_PROTOCOL_AH);
        return nullptr;
    }
    Bytes input = ipPart(packet->GetSize());
    std::size_t ipSize = input.size();
    input.resize(ipSize + packet->GetSize());
    packet->CopyData(input.data() + ipSize, packet->GetSize());
    // The ICV field itself counts as zero (RFC 4302 3.3.3.1).
    std::fill(input.begin() + ipSize + AhHeader::kFixedSize, input.begin() + ipSize + ahSize, 0);
    Bytes icv = suite->ComputeIcv(input);
    const Bytes& field = ah.GetIcv();
    // Past the ICV, the field holds only the alignment padding (RFC 4302 2.6).
    if (icv.size() > field.size() || !std::equal(icv.begin(), icv.end(), field.begin()))
    {
        Drop(packet, ICV_FAILURE_DROP, IPSEC_PROTOCOL_AH);
        return nullptr;
    }
    sa->GetReplayWindow().Update(ah.GetSequenceNumber());
    return sa;
}

} // namespace ns3
