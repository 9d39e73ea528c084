/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_WIRE_SAMPLES_H
#define NATT_WIRE_SAMPLES_H

// Sample messages shared by the wire tests, the tshark oracle test and the
// fuzz seed corpus, so all three look at the same bytes.

#include "wire-test-util.h"

#include "ns3/esp-header.h"
#include "ns3/esp-trailer.h"
#include "ns3/ike-message.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/isakmp-header.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/// \p size bytes counting up from \p first, so offsets show in a hex dump.
inline std::vector<uint8_t>
CountingBytes(std::size_t size, uint8_t first = 0)
{
    std::vector<uint8_t> bytes(size);
    for (std::size_t k = 0; k < size; ++k)
    {
        bytes[k] = static_cast<uint8_t>(first + k);
    }
    return bytes;
}

/// The vendor ID of RFC 3947 (MD5 of "RFC 3947"), as IKEv1 peers announce NAT-T.
inline std::vector<uint8_t>
Rfc3947VendorId()
{
    return FromHex("4a131c81070358455c5728f20e95452f");
}

/**
 * IKEv1 Main Mode, third message shape (RFC 2409 5): a nonce and the
 * RFC 3947 vendor ID. The SA, KE and NAT-D payloads join when their
 * classes exist.
 */
inline IkeMessage
MakeIkev1Sample()
{
    IkeMessage m;
    IsakmpHeader& h = m.GetHeader();
    h.SetInitiatorSpi(0x0123456789abcdefULL);
    h.SetResponderSpi(0xfedcba9876543210ULL);
    h.SetMajorVersion(1);
    h.SetMinorVersion(0);
    h.SetExchangeType(IsakmpHeader::IKEV1_MAIN_MODE);
    auto nonce = std::make_unique<IkeNoncePayload>(1);
    nonce->SetData(CountingBytes(20, 0x40));
    m.AddPayload(std::move(nonce));
    auto vid = std::make_unique<IkeVendorIdPayload>(1);
    vid->SetData(Rfc3947VendorId());
    m.AddPayload(std::move(vid));
    return m;
}

/// IKEv2 IKE_SA_INIT request (RFC 7296 1.2) with a nonce and a vendor ID.
inline IkeMessage
MakeIkev2Sample()
{
    IkeMessage m;
    IsakmpHeader& h = m.GetHeader();
    h.SetInitiatorSpi(0x1122334455667788ULL);
    h.SetResponderSpi(0);
    h.SetMajorVersion(2);
    h.SetMinorVersion(0);
    h.SetExchangeType(IsakmpHeader::IKEV2_IKE_SA_INIT);
    h.SetFlags(IsakmpHeader::IKEV2_INITIATOR);
    auto nonce = std::make_unique<IkeNoncePayload>(2);
    nonce->SetData(CountingBytes(32, 0x80));
    m.AddPayload(std::move(nonce));
    auto vid = std::make_unique<IkeVendorIdPayload>(2);
    vid->SetData({'n', 'a', 't', 't', '-', 'n', 's', '3'});
    m.AddPayload(std::move(vid));
    return m;
}

/// The IKE_SA_INIT response to MakeIkev2Sample.
inline IkeMessage
MakeIkev2ResponseSample()
{
    IkeMessage m = MakeIkev2Sample();
    IsakmpHeader& h = m.GetHeader();
    h.SetResponderSpi(0x99aabbccddeeff00ULL);
    h.SetFlags(IsakmpHeader::IKEV2_RESPONSE);
    return m;
}

/**
 * An ESP packet before encryption as the esp fuzz target reads it: header,
 * payload, then the RFC 4303 2.4 trailer padded for \p blockSize.
 */
inline std::vector<uint8_t>
MakeEspPlaintextSample(uint32_t spi,
                       const std::vector<uint8_t>& payload,
                       uint8_t nextHeader,
                       uint32_t blockSize)
{
    Ptr<Packet> p = Create<Packet>(payload.data(), payload.size());
    EspTrailer trailer;
    trailer.SetPadLength(EspTrailer::ComputePadLength(payload.size(), blockSize));
    trailer.SetNextHeader(nextHeader);
    p->AddTrailer(trailer);
    EspHeader header;
    header.SetSpi(spi);
    header.SetSequenceNumber(1);
    p->AddHeader(header);
    return PacketBytes(p);
}

} // namespace ns3

#endif /* NATT_WIRE_SAMPLES_H */
