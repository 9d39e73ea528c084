/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "hostile-packets.h"

#include "ns3/esp-header.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-message.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ikev2-ike-init-task.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/isakmp-header.h"

namespace ns3
{

std::string
HostileKindName(HostileKind kind)
{
    switch (kind)
    {
    case HostileKind::TRUNCATED:
        return "truncated";
    case HostileKind::MALFORMED:
        return "malformed";
    case HostileKind::OVERSIZED:
        return "oversized";
    case HostileKind::WRONG_SPI:
        return "wrong-spi";
    case HostileKind::SPOOFED:
        return "spoofed";
    case HostileKind::REPLAYED:
        return "replayed";
    }
    return "?";
}

Bytes
HostilePackets::RandomBytes(Ptr<UniformRandomVariable> random, uint32_t n)
{
    Bytes bytes(n);
    for (auto& b : bytes)
    {
        b = static_cast<uint8_t>(random->GetInteger(0, 255));
    }
    return bytes;
}

namespace
{

Ptr<Packet>
Serialize(const IkeMessage& message)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(message);
    return p;
}

/// An IKEv2 header of \p exchange with \p next as its first payload.
IsakmpHeader
Ikev2Header(uint64_t spiI, uint64_t spiR, IsakmpHeader::ExchangeType exchange)
{
    IsakmpHeader h;
    h.SetInitiatorSpi(spiI);
    h.SetResponderSpi(spiR);
    h.SetMajorVersion(2);
    h.SetMinorVersion(0);
    h.SetExchangeType(exchange);
    h.SetFlag(IsakmpHeader::IKEV2_INITIATOR);
    return h;
}

uint64_t
RandomSpi(Ptr<UniformRandomVariable> random)
{
    return (uint64_t{random->GetInteger(1, 0xffffffffu)} << 32) |
           random->GetInteger(0, 0xffffffffu);
}

} // namespace

Ptr<Packet>
HostilePackets::IkeSaInit(uint64_t spiI,
                          const IkeProposal& proposal,
                          const Bytes& ke,
                          const Bytes& nonce)
{
    IkeMessage m;
    m.GetHeader() = Ikev2Header(spiI, 0, IsakmpHeader::IKEV2_IKE_SA_INIT);
    auto sa = std::make_unique<Ikev2SaPayload>();
    sa->AddProposal(Ikev2IkeInitTask::MakeProposal(proposal));
    m.AddPayload(std::move(sa));
    auto kePayload = std::make_unique<IkeKePayload>(2);
    kePayload->SetDhGroup(proposal.dhGroup);
    kePayload->SetData(ke);
    m.AddPayload(std::move(kePayload));
    auto noncePayload = std::make_unique<IkeNoncePayload>(2);
    noncePayload->SetData(nonce);
    m.AddPayload(std::move(noncePayload));
    return Serialize(m);
}

Ptr<Packet>
HostilePackets::Ike(HostileKind kind, Ptr<UniformRandomVariable> random)
{
    IkeMessage m;
    switch (kind)
    {
    case HostileKind::TRUNCATED:
        // Half an ISAKMP header (RFC 7296 3.1 needs 28 octets).
        return Create<Packet>(RandomBytes(random, IsakmpHeader::kSize / 2).data(),
                              IsakmpHeader::kSize / 2);
    case HostileKind::MALFORMED: {
        // An IKE_SA_INIT request whose first payload claims more octets
        // than the message holds (RFC 7296 3.2: INVALID_SYNTAX).
        m.GetHeader() = Ikev2Header(RandomSpi(random), 0, IsakmpHeader::IKEV2_IKE_SA_INIT);
        auto nonce = std::make_unique<IkeNoncePayload>(2);
        nonce->SetData(RandomBytes(random, 32));
        m.AddPayload(std::move(nonce));
        Ptr<Packet> p = Serialize(m);
        Bytes bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        // The generic payload header's length, just after the ISAKMP header.
        bytes[IsakmpHeader::kSize + 2] = 0xff;
        bytes[IsakmpHeader::kSize + 3] = 0xf0;
        return Create<Packet>(bytes.data(), bytes.size());
    }
    case HostileKind::OVERSIZED: {
        // An INFORMATIONAL of no SA, with a nonce-sized payload grown past any MTU.
        m.GetHeader() =
            Ikev2Header(RandomSpi(random), RandomSpi(random), IsakmpHeader::IKEV2_INFORMATIONAL);
        auto blob = std::make_unique<IkeNoncePayload>(2);
        blob->SetData(RandomBytes(random, kOversize));
        m.AddPayload(std::move(blob));
        return Serialize(m);
    }
    default: {
        // IKE_AUTH for SPIs nobody holds, its SK payload noise.
        m.GetHeader() =
            Ikev2Header(RandomSpi(random), RandomSpi(random), IsakmpHeader::IKEV2_IKE_AUTH);
        m.GetHeader().SetMessageId(1);
        auto blob = std::make_unique<IkeNoncePayload>(2);
        blob->SetData(RandomBytes(random, 96));
        m.AddPayload(std::move(blob));
        return Serialize(m);
    }
    }
}

Ptr<Packet>
HostilePackets::Esp(HostileKind kind,
                    uint32_t spi,
                    uint32_t sequence,
                    Ptr<UniformRandomVariable> random)
{
    uint32_t body = 64;
    switch (kind)
    {
    case HostileKind::TRUNCATED: {
        // Shorter than SPI and sequence number (RFC 4303 2).
        Bytes bytes = RandomBytes(random, 5);
        bytes[0] = 0x80; // not the non-ESP marker, not a keepalive (RFC 3948 2.2)
        return Create<Packet>(bytes.data(), bytes.size());
    }
    case HostileKind::MALFORMED:
        // Another's SPI with fewer octets than IV and ICV need.
        body = 7;
        break;
    case HostileKind::OVERSIZED:
        spi = random->GetInteger(0x80000000u, 0xffffffffu);
        body = kOversize;
        break;
    case HostileKind::WRONG_SPI:
        spi = random->GetInteger(0x80000000u, 0xffffffffu);
        break;
    default:
        break;
    }
    Bytes bytes = RandomBytes(random, body);
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    EspHeader esp;
    esp.SetSpi(spi);
    esp.SetSequenceNumber(sequence);
    p->AddHeader(esp);
    return p;
}

} // namespace ns3
