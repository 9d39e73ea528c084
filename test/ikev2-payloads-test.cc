/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKEv2 payloads (and the KE / CERT / CERTREQ classes both versions share):
// bytes laid out by hand from the RFC figures, parsed back field by field
// and written again, and malformed variants that must be rejected without
// a crash.

#include "wire-test-util.h"

#include "ns3/ike-cert-payload.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-message.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-payload-factory.h"
#include "ns3/ikev2-auth-payload.h"
#include "ns3/ikev2-configuration-payload.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-encrypted-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-traffic-selector-payload.h"

#include <functional>
#include <gtest/gtest.h>
#include <sstream>

using namespace ns3;

namespace
{

using Bytes = std::vector<uint8_t>;

/// The parts one after the other.
Bytes
Cat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const auto& part : parts)
    {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

/// \p count bytes counting up from \p first: recognisable filler.
Bytes
Seq(uint8_t first, std::size_t count)
{
    Bytes out(count);
    for (std::size_t k = 0; k < count; ++k)
    {
        out[k] = static_cast<uint8_t>(first + k);
    }
    return out;
}

/// \return what Deserialize returned; an empty input is allowed.
uint32_t
Parse(IkePayload& payload, const Bytes& bytes)
{
    if (bytes.empty())
    {
        Ptr<Packet> p = Create<Packet>();
        return p->RemoveHeader(payload);
    }
    return DeserializeHeader(payload, bytes);
}

/// \return an empty payload of the class the IKEv2 factory picks for \p type
std::unique_ptr<IkePayload>
MakeV2(uint8_t type)
{
    std::unique_ptr<IkePayload> payload = CreateIkePayload(2, type);
    EXPECT_NE(payload, nullptr) << "IKEv2 type " << +type << " is registered";
    return payload;
}

Bytes
WithU8(Bytes bytes, std::size_t offset, uint8_t value)
{
    bytes.at(offset) = value;
    return bytes;
}

Bytes
WithU16(Bytes bytes, std::size_t offset, uint16_t value)
{
    bytes.at(offset) = static_cast<uint8_t>(value >> 8);
    bytes.at(offset + 1) = static_cast<uint8_t>(value);
    return bytes;
}

/// The first \p size bytes, with the generic header's length field saying \p size.
Bytes
CutConsistently(const Bytes& bytes, std::size_t size)
{
    Bytes cut(bytes.begin(), bytes.begin() + size);
    return WithU16(cut, 2, static_cast<uint16_t>(size));
}

/**
 * Every proper prefix of \p bytes must be rejected as it is (the payload
 * length then overruns the input). With the payload length rewritten to the
 * prefix, the body parser itself sees a short body: that is rejected too,
 * except for the sizes \p validCut accepts (payloads whose tail is opaque
 * data or an uncounted list).
 */
void
ExpectEveryTruncationRejected(const IkePayload& prototype,
                              const Bytes& bytes,
                              const std::function<bool(std::size_t)>& validCut = nullptr)
{
    for (std::size_t size = 0; size < bytes.size(); ++size)
    {
        auto payload = prototype.Clone();
        Bytes cut(bytes.begin(), bytes.begin() + size);
        EXPECT_EQ(Parse(*payload, cut), 0u) << "input cut to " << size << " bytes";
        if (size >= IkePayload::kGenericHeaderSize)
        {
            bool valid = validCut && validCut(size);
            auto again = prototype.Clone();
            EXPECT_EQ(Parse(*again, CutConsistently(bytes, size)), valid ? size : 0u)
                << "payload length rewritten to " << size << " bytes";
        }
    }
}

std::string
PrintToString(const Header& h)
{
    std::ostringstream os;
    h.Print(os);
    return os.str();
}

// ---------------------------------------------------------------- SA

// RFC 7296 3.3: the IKE proposal of an IKE_SA_INIT request. One proposal,
// no SPI, four transforms; the cipher carries a Key Length attribute.
const Bytes kIkeSa = {
    0x22, 0x00, 0x00, 0x30, // next payload KE (34), not critical, payload length 48
    0x00, 0x00, 0x00, 0x2c, // last proposal (0), reserved, proposal length 44
    0x01, 0x01, 0x00, 0x04, // proposal 1, protocol IKE, SPI size 0, 4 transforms
    0x03, 0x00, 0x00, 0x0c, // more transforms (3), reserved, transform length 12
    0x01, 0x00, 0x00, 0x0c, // type ENCR, reserved, ENCR_AES_CBC (12)
    0x80, 0x0e, 0x01, 0x00, // attribute TV (AF=1) Key Length (14) = 256
    0x03, 0x00, 0x00, 0x08, // more transforms, reserved, transform length 8
    0x02, 0x00, 0x00, 0x05, // type PRF, reserved, PRF_HMAC_SHA2_256 (5)
    0x03, 0x00, 0x00, 0x08, // more transforms, reserved, transform length 8
    0x03, 0x00, 0x00, 0x0c, // type INTEG, reserved, AUTH_HMAC_SHA2_256_128 (12)
    0x00, 0x00, 0x00, 0x08, // last transform (0), reserved, transform length 8
    0x04, 0x00, 0x00, 0x0e, // type DH, reserved, MODP_2048 (14)
};

// Offsets into kIkeSa.
constexpr std::size_t kProposalMarker = 4;
constexpr std::size_t kProposalLength = 6;
constexpr std::size_t kSpiSize = 10;
constexpr std::size_t kTransformCount = 11;
constexpr std::size_t kFirstTransformMarker = 12;
constexpr std::size_t kFirstTransformLength = 14;
constexpr std::size_t kAttribute = 20;
constexpr std::size_t kLastTransformMarker = 40;
constexpr std::size_t kLastTransformLength = 42;

Ikev2Proposal
IkeProposal()
{
    Ikev2Proposal proposal;
    proposal.number = 1;
    proposal.protocolId = Ikev2Proposal::PROTOCOL_IKE;
    proposal.transforms = {
        Ikev2Transform::MakeEncr(Ikev2Transform::ENCR_AES_CBC, 256),
        Ikev2Transform::Make(Ikev2Transform::TYPE_PRF, Ikev2Transform::PRF_HMAC_SHA2_256),
        Ikev2Transform::Make(Ikev2Transform::TYPE_INTEG, Ikev2Transform::AUTH_HMAC_SHA2_256_128),
        Ikev2Transform::Make(Ikev2Transform::TYPE_DH, Ikev2Transform::MODP_2048),
    };
    return proposal;
}

// RFC 7296 3.3: an ESP SA payload as in IKE_AUTH (SAi2): two proposals for
// the same SPI, so the "more proposals" marker and the SPI are exercised.
const Bytes kEspSa = {
    0x2c, 0x00, 0x00, 0x4c, // next payload TSi (44), payload length 76
    0x02, 0x00, 0x00, 0x28, // more proposals (2), reserved, proposal length 40
    0x01, 0x03, 0x04, 0x03, // proposal 1, protocol ESP, SPI size 4, 3 transforms
    0xc0, 0x01, 0x02, 0x03, // SPI
    0x03, 0x00, 0x00, 0x0c, // more transforms, transform length 12
    0x01, 0x00, 0x00, 0x0c, // ENCR, ENCR_AES_CBC
    0x80, 0x0e, 0x00, 0x80, // Key Length = 128
    0x03, 0x00, 0x00, 0x08, // more transforms, transform length 8
    0x03, 0x00, 0x00, 0x02, // INTEG, AUTH_HMAC_SHA1_96 (2)
    0x00, 0x00, 0x00, 0x08, // last transform, transform length 8
    0x05, 0x00, 0x00, 0x00, // ESN, no extended sequence numbers (0)
    0x00, 0x00, 0x00, 0x20, // last proposal, reserved, proposal length 32
    0x02, 0x03, 0x04, 0x02, // proposal 2, protocol ESP, SPI size 4, 2 transforms
    0xc0, 0x01, 0x02, 0x03, // SPI
    0x03, 0x00, 0x00, 0x0c, // more transforms, transform length 12
    0x01, 0x00, 0x00, 0x14, // ENCR, ENCR_AES_GCM_16 (20)
    0x80, 0x0e, 0x01, 0x00, // Key Length = 256
    0x00, 0x00, 0x00, 0x08, // last transform, transform length 8
    0x05, 0x00, 0x00, 0x00, // ESN, none
};

TEST(Ikev2SaPayload, WritesAnIkeProposalAsRfc7296LaysItOut)
{
    Ikev2SaPayload sa;
    sa.SetNextPayload(IKEV2_PAYLOAD_KE);
    sa.AddProposal(IkeProposal());
    EXPECT_EQ(SerializeHeader(sa), kIkeSa);
    EXPECT_EQ(SerializeHeader(*sa.Clone()), kIkeSa) << "a clone writes the same bytes";
}

TEST(Ikev2SaPayload, ParsesAnIkeProposalFieldByFieldAndWritesItBack)
{
    auto payload = MakeV2(IKEV2_PAYLOAD_SA);
    auto* sa = dynamic_cast<Ikev2SaPayload*>(payload.get());
    ASSERT_NE(sa, nullptr);
    ASSERT_EQ(Parse(*sa, kIkeSa), kIkeSa.size());
    EXPECT_EQ(sa->GetNextPayload(), IKEV2_PAYLOAD_KE);
    EXPECT_FALSE(sa->IsCritical());
    ASSERT_EQ(sa->GetProposals().size(), 1u);
    const Ikev2Proposal& p = sa->GetProposals()[0];
    EXPECT_EQ(p.number, 1);
    EXPECT_EQ(p.protocolId, Ikev2Proposal::PROTOCOL_IKE);
    EXPECT_TRUE(p.spi.empty());
    ASSERT_EQ(p.transforms.size(), 4u);
    EXPECT_EQ(p.transforms[0].type, Ikev2Transform::TYPE_ENCR);
    EXPECT_EQ(p.transforms[0].id, Ikev2Transform::ENCR_AES_CBC);
    EXPECT_EQ(p.transforms[0].GetKeyLength(), 256);
    EXPECT_EQ(p.transforms[1].type, Ikev2Transform::TYPE_PRF);
    EXPECT_EQ(p.transforms[1].id, Ikev2Transform::PRF_HMAC_SHA2_256);
    EXPECT_EQ(p.transforms[2].type, Ikev2Transform::TYPE_INTEG);
    EXPECT_EQ(p.transforms[2].id, Ikev2Transform::AUTH_HMAC_SHA2_256_128);
    EXPECT_EQ(p.transforms[3].type, Ikev2Transform::TYPE_DH);
    EXPECT_EQ(p.transforms[3].id, Ikev2Transform::MODP_2048);
    EXPECT_EQ(p.transforms[3].GetKeyLength(), 0) << "no Key Length attribute";
    ASSERT_NE(p.FindTransform(Ikev2Transform::TYPE_DH), nullptr);
    EXPECT_EQ(p.FindTransform(Ikev2Transform::TYPE_ESN), nullptr);
    EXPECT_EQ(p, IkeProposal());
    EXPECT_EQ(SerializeHeader(*sa), kIkeSa);
}

TEST(Ikev2SaPayload, KeepsAProtocolAndATransformTypeNoEnumeratorNames)
{
    // A peer may send values from a newer RFC or the private ranges (RFC 7296
    // 3.3.2: transform types 241-255); the typed fields still hold them.
    const auto kPrivateProtocol = static_cast<Ikev2Proposal::ProtocolId>(0xfe);
    const auto kPrivateType = static_cast<Ikev2Transform::Type>(241);
    Bytes unknown = WithU8(WithU8(kEspSa, 9, kPrivateProtocol), 20, kPrivateType);
    Ikev2SaPayload sa;
    ASSERT_EQ(Parse(sa, unknown), unknown.size());
    const Ikev2Proposal& p = sa.GetProposals()[0];
    EXPECT_EQ(p.protocolId, kPrivateProtocol);
    EXPECT_EQ(p.transforms[0].type, kPrivateType);
    EXPECT_EQ(p.FindTransform(kPrivateType), &p.transforms[0]);
    EXPECT_EQ(SerializeHeader(sa), unknown) << "written back unchanged";
}

TEST(Ikev2SaPayload, WritesAndParsesTwoEspProposalsWithAnSpi)
{
    Ikev2Proposal cbc;
    cbc.number = 1;
    cbc.protocolId = Ikev2Proposal::PROTOCOL_ESP;
    cbc.SetSpi32(0xc0010203);
    cbc.transforms = {
        Ikev2Transform::MakeEncr(Ikev2Transform::ENCR_AES_CBC, 128),
        Ikev2Transform::Make(Ikev2Transform::TYPE_INTEG, Ikev2Transform::AUTH_HMAC_SHA1_96),
        Ikev2Transform::Make(Ikev2Transform::TYPE_ESN, Ikev2Transform::ESN_NONE),
    };
    Ikev2Proposal gcm;
    gcm.number = 2;
    gcm.protocolId = Ikev2Proposal::PROTOCOL_ESP;
    gcm.SetSpi32(0xc0010203);
    gcm.transforms = {
        Ikev2Transform::MakeEncr(Ikev2Transform::ENCR_AES_GCM_16, 256),
        Ikev2Transform::Make(Ikev2Transform::TYPE_ESN, Ikev2Transform::ESN_NONE),
    };
    Ikev2SaPayload sa;
    sa.SetNextPayload(IKEV2_PAYLOAD_TSI);
    sa.SetProposals({cbc, gcm});
    EXPECT_EQ(SerializeHeader(sa), kEspSa);

    Ikev2SaPayload back;
    ASSERT_EQ(Parse(back, kEspSa), kEspSa.size());
    ASSERT_EQ(back.GetProposals().size(), 2u);
    EXPECT_EQ(back.GetProposals()[0], cbc);
    EXPECT_EQ(back.GetProposals()[1], gcm);
    EXPECT_EQ(back.GetProposals()[0].GetSpi32(), 0xc0010203u);
    EXPECT_EQ(back.GetProposals()[0].GetSpi64(), 0u) << "a 4-byte SPI is not a 64-bit one";
    EXPECT_EQ(back.GetProposals()[1].number, 2);
    EXPECT_EQ(SerializeHeader(back), kEspSa);
}

TEST(Ikev2SaPayload, KeepsAnEightByteSpiForAnIkeRekey)
{
    Ikev2Proposal rekey = IkeProposal();
    rekey.SetSpi64(0x0102030405060708ULL);
    Ikev2SaPayload sa;
    sa.AddProposal(rekey);
    Bytes bytes = SerializeHeader(sa);
    ASSERT_EQ(bytes.size(), kIkeSa.size() + 8);
    EXPECT_EQ(bytes[kSpiSize], 8) << "SPI size";
    EXPECT_EQ(Bytes(bytes.begin() + 12, bytes.begin() + 20), Seq(1, 8)) << "SPI after the count";
    Ikev2SaPayload back;
    ASSERT_EQ(Parse(back, bytes), bytes.size());
    EXPECT_EQ(back.GetProposals()[0].GetSpi64(), 0x0102030405060708ULL);
}

TEST(Ikev2SaPayload, RejectsEveryTruncation)
{
    ExpectEveryTruncationRejected(Ikev2SaPayload(), kIkeSa);
    ExpectEveryTruncationRejected(Ikev2SaPayload(), kEspSa);
}

TEST(Ikev2SaPayload, RejectsProposalLengthsThatOverrunOrUnderrun)
{
    Ikev2SaPayload sa;
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kProposalLength, 45)), 0u) << "beyond the payload";
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kProposalLength, 43)), 0u) << "cuts the last transform";
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kProposalLength, 7)), 0u) << "below the fixed fields";
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kProposalLength, 0)), 0u);
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kProposalLength, 0xffff)), 0u);
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kSpiSize, 0xff)), 0u) << "SPI beyond the proposal";
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kSpiSize, 4)), 0u) << "SPI eats a transform header";
}

TEST(Ikev2SaPayload, RejectsTransformLengthsThatOverrunOrUnderrun)
{
    Ikev2SaPayload sa;
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kFirstTransformLength, 13)), 0u);
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kFirstTransformLength, 11)), 0u);
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kFirstTransformLength, 7)), 0u) << "below 8";
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kFirstTransformLength, 0)), 0u);
    EXPECT_EQ(Parse(sa, WithU16(kIkeSa, kLastTransformLength, 9)), 0u) << "beyond the proposal";
    // A long-form attribute whose length runs past its transform.
    Bytes tlv = WithU16(WithU16(kIkeSa, kAttribute, 0x000e), kAttribute + 2, 8);
    EXPECT_EQ(Parse(sa, tlv), 0u);
    // A transform with half an attribute.
    Bytes half = WithU16(WithU16(kIkeSa, kFirstTransformLength, 10), kProposalLength, 42);
    half.erase(half.begin() + 22, half.begin() + 24);
    half = WithU16(half, 2, 46);
    EXPECT_EQ(Parse(sa, half), 0u);
}

TEST(Ikev2SaPayload, RejectsTransformCountsThatDisagreeWithTheTransforms)
{
    Ikev2SaPayload sa;
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kTransformCount, 5)), 0u);
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kTransformCount, 3)), 0u);
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kTransformCount, 0)), 0u);
    EXPECT_EQ(Parse(sa, WithU8(kEspSa, 11, 2)), 0u) << "first ESP proposal holds 3";
}

TEST(Ikev2SaPayload, RejectsLastSubstructureMarkersThatDisagreeWithWhatFollows)
{
    Ikev2SaPayload sa;
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kProposalMarker, 2)), 0u) << "more, but none follows";
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kProposalMarker, 1)), 0u) << "not 0 or 2";
    EXPECT_EQ(Parse(sa, WithU8(kEspSa, 4, 0)), 0u) << "last, but another follows";
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kFirstTransformMarker, 0)), 0u) << "last, but more follow";
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kLastTransformMarker, 3)), 0u) << "more, but none follows";
    EXPECT_EQ(Parse(sa, WithU8(kIkeSa, kFirstTransformMarker, 2)), 0u) << "not 0 or 3";
}

TEST(Ikev2SaPayload, RejectsAnSaWithoutProposals)
{
    // RFC 7296 3.3: one or more proposals.
    const Bytes empty = {0x00, 0x00, 0x00, 0x04};
    Ikev2SaPayload sa;
    EXPECT_EQ(Parse(sa, empty), 0u);
}

TEST(Ikev2SaPayload, IgnoresReservedBytesOnReceipt)
{
    Bytes bytes = WithU8(WithU8(kIkeSa, 5, 0xff), 17, 0xff);
    Ikev2SaPayload sa;
    ASSERT_EQ(Parse(sa, bytes), bytes.size());
    EXPECT_EQ(sa.GetProposals()[0], IkeProposal());
    EXPECT_EQ(SerializeHeader(sa), kIkeSa) << "reserved bytes are written as zero";
}

// ---------------------------------------------------------------- KE

// RFC 7296 3.4. The data is shorter than group 14 needs: whether it fits the
// group is the IKE model's check, not the parser's.
const Bytes kKeV2 = Cat({
    {0x28, 0x00, 0x00, 0x10}, // next payload Nonce (40), payload length 16
    {0x00, 0x0e, 0x00, 0x00}, // DH group 14, reserved
    Seq(0xa0, 8),             // key exchange data
});

// RFC 2408 3.7: no group number, only the data.
const Bytes kKeV1 = Cat({
    {0x0a, 0x00, 0x00, 0x0c}, // next payload NONCE (10), reserved, payload length 12
    Seq(0xa0, 8),             // key exchange data
});

TEST(IkeKePayload, WritesTheIkev2LayoutWithGroupNumber)
{
    IkeKePayload ke(2);
    EXPECT_EQ(ke.GetPayloadType(), IKEV2_PAYLOAD_KE);
    ke.SetNextPayload(IKEV2_PAYLOAD_NONCE);
    ke.SetDhGroup(Ikev2Transform::MODP_2048);
    ke.SetData(Seq(0xa0, 8));
    EXPECT_EQ(SerializeHeader(ke), kKeV2);
}

TEST(IkeKePayload, ParsesTheIkev2LayoutAndWritesItBack)
{
    auto payload = MakeV2(IKEV2_PAYLOAD_KE);
    auto* ke = dynamic_cast<IkeKePayload*>(payload.get());
    ASSERT_NE(ke, nullptr);
    EXPECT_EQ(ke->GetMajorVersion(), 2);
    ASSERT_EQ(Parse(*ke, kKeV2), kKeV2.size());
    EXPECT_EQ(ke->GetDhGroup(), 14);
    EXPECT_EQ(ke->GetData(), Seq(0xa0, 8));
    EXPECT_EQ(SerializeHeader(*ke), kKeV2);
}

TEST(IkeKePayload, WritesAndParsesTheIkev1LayoutWithoutGroupNumber)
{
    IkeKePayload ke(1);
    EXPECT_EQ(ke.GetPayloadType(), IKEV1_PAYLOAD_KE);
    ke.SetNextPayload(IKEV1_PAYLOAD_NONCE);
    ke.SetDhGroup(14); // not on the wire in IKEv1
    ke.SetData(Seq(0xa0, 8));
    EXPECT_EQ(SerializeHeader(ke), kKeV1);

    IkeKePayload back(1);
    ASSERT_EQ(Parse(back, kKeV1), kKeV1.size());
    EXPECT_EQ(back.GetMajorVersion(), 1);
    EXPECT_EQ(back.GetData(), Seq(0xa0, 8));
    EXPECT_EQ(SerializeHeader(back), kKeV1);
}

TEST(IkeKePayload, RejectsEveryTruncationAndAnIkev2BodyShorterThanItsFixedFields)
{
    // Cutting the data leaves a valid, shorter KE; cutting into the group
    // number and reserved bytes does not.
    ExpectEveryTruncationRejected(IkeKePayload(2), kKeV2, [](std::size_t size) {
        return size >= IkePayload::kGenericHeaderSize + IkeKePayload::kIkev2FixedSize;
    });
    ExpectEveryTruncationRejected(IkeKePayload(1), kKeV1, [](std::size_t) { return true; });
}

// ---------------------------------------------------------------- CERT, CERTREQ

// RFC 7296 3.6. The "certificate" is a stand-in: the parser keeps it opaque.
const Bytes kCertV2 = Cat({
    {0x27, 0x00, 0x00, 0x0d},                         // next payload AUTH (39), payload length 13
    {0x04},                                           // encoding X.509 Certificate - Signature
    {0x30, 0x82, 0x01, 0x0a, 0x30, 0x81, 0xb1, 0xa0}, // certificate data (start of a DER SEQUENCE)
});

// RFC 7296 3.7: one SHA-1 hash of a trusted CA's public key.
const Bytes kCertReqV2 = Cat({
    {0x25, 0x00, 0x00, 0x19}, // next payload CERT (37), payload length 25
    {0x04},                   // encoding X.509 Certificate - Signature
    Seq(0x50, 20),            // certification authority: SHA-1 of the CA's public key
});

// RFC 2408 3.10: an IKEv1 request for any CA has no authority data.
const Bytes kCertReqV1 = Cat({
    {0x00, 0x00, 0x00, 0x05}, // no next payload, reserved, payload length 5
    {0x04},                   // certificate type X.509 Certificate - Signature
});

TEST(IkeCertPayload, WritesAndParsesAnIkev2Certificate)
{
    IkeCertPayload cert(2);
    EXPECT_EQ(cert.GetPayloadType(), IKEV2_PAYLOAD_CERT);
    cert.SetNextPayload(IKEV2_PAYLOAD_AUTH);
    cert.SetEncoding(IkeCertPayload::X509_SIGNATURE);
    cert.SetData({0x30, 0x82, 0x01, 0x0a, 0x30, 0x81, 0xb1, 0xa0});
    EXPECT_EQ(SerializeHeader(cert), kCertV2);

    auto payload = MakeV2(IKEV2_PAYLOAD_CERT);
    auto* back = dynamic_cast<IkeCertPayload*>(payload.get());
    ASSERT_NE(back, nullptr);
    ASSERT_EQ(Parse(*back, kCertV2), kCertV2.size());
    EXPECT_EQ(back->GetEncoding(), IkeCertPayload::X509_SIGNATURE);
    EXPECT_EQ(back->GetData(), cert.GetData());
    EXPECT_EQ(SerializeHeader(*back), kCertV2);
}

TEST(IkeCertPayload, UsesTypeSixForIkev1WithTheSameBody)
{
    IkeCertPayload cert(1);
    EXPECT_EQ(cert.GetPayloadType(), IKEV1_PAYLOAD_CERT);
    EXPECT_EQ(cert.GetMajorVersion(), 1);
    IkeCertPayload back(1);
    ASSERT_EQ(Parse(back, kCertV2), kCertV2.size()) << "the layout does not depend on the version";
    EXPECT_EQ(SerializeHeader(back), kCertV2);
}

TEST(IkeCertRequestPayload, WritesAndParsesAnIkev2RequestWithACaHash)
{
    IkeCertRequestPayload req(2);
    EXPECT_EQ(req.GetPayloadType(), IKEV2_PAYLOAD_CERTREQ);
    req.SetNextPayload(IKEV2_PAYLOAD_CERT);
    req.SetEncoding(IkeCertRequestPayload::X509_SIGNATURE);
    req.SetData(Seq(0x50, 20));
    EXPECT_EQ(SerializeHeader(req), kCertReqV2);

    auto payload = MakeV2(IKEV2_PAYLOAD_CERTREQ);
    auto* back = dynamic_cast<IkeCertRequestPayload*>(payload.get());
    ASSERT_NE(back, nullptr);
    ASSERT_EQ(Parse(*back, kCertReqV2), kCertReqV2.size());
    EXPECT_EQ(back->GetEncoding(), 4);
    EXPECT_EQ(back->GetData(), Seq(0x50, 20));
    EXPECT_EQ(SerializeHeader(*back), kCertReqV2);
}

TEST(IkeCertRequestPayload, AcceptsAnIkev1RequestWithoutAuthority)
{
    IkeCertRequestPayload req(1);
    EXPECT_EQ(req.GetPayloadType(), IKEV1_PAYLOAD_CERTREQ);
    EXPECT_EQ(SerializeHeader(req), kCertReqV1) << "X.509 signature is the default encoding";
    IkeCertRequestPayload back(1);
    ASSERT_EQ(Parse(back, kCertReqV1), kCertReqV1.size());
    EXPECT_TRUE(back.GetData().empty());
    EXPECT_EQ(SerializeHeader(back), kCertReqV1);
}

TEST(IkeCertPayload, RejectsEveryTruncationAndABodyWithoutEncoding)
{
    auto needsEncoding = [](std::size_t size) { return size > IkePayload::kGenericHeaderSize; };
    ExpectEveryTruncationRejected(IkeCertPayload(2), kCertV2, needsEncoding);
    ExpectEveryTruncationRejected(IkeCertRequestPayload(2), kCertReqV2, needsEncoding);
    ExpectEveryTruncationRejected(IkeCertRequestPayload(1), kCertReqV1, needsEncoding);
}

// ---------------------------------------------------------------- AUTH

// RFC 7296 3.8: a pre-shared-key MAC (a stand-in value).
const Bytes kAuth = Cat({
    {0x21, 0x00, 0x00, 0x18}, // next payload SA (33), payload length 24
    {0x02, 0x00, 0x00, 0x00}, // method Shared Key Message Integrity Code, 3 reserved
    Seq(0x70, 16),            // authentication data
});

TEST(Ikev2AuthPayload, WritesAndParsesASharedKeyMic)
{
    Ikev2AuthPayload auth;
    auth.SetNextPayload(IKEV2_PAYLOAD_SA);
    auth.SetMethod(Ikev2AuthPayload::SHARED_KEY_MIC);
    auth.SetData(Seq(0x70, 16));
    EXPECT_EQ(SerializeHeader(auth), kAuth);

    auto payload = MakeV2(IKEV2_PAYLOAD_AUTH);
    auto* back = dynamic_cast<Ikev2AuthPayload*>(payload.get());
    ASSERT_NE(back, nullptr);
    ASSERT_EQ(Parse(*back, kAuth), kAuth.size());
    EXPECT_EQ(back->GetMethod(), Ikev2AuthPayload::SHARED_KEY_MIC);
    EXPECT_EQ(back->GetData(), Seq(0x70, 16));
    EXPECT_EQ(SerializeHeader(*back), kAuth);

    Bytes signature = WithU8(kAuth, 4, Ikev2AuthPayload::RSA_DIGITAL_SIGNATURE);
    ASSERT_EQ(Parse(*back, signature), signature.size());
    EXPECT_EQ(back->GetMethod(), 1);

    // RFC 7296 3.8: methods 201-255 are private; one is held and written back.
    const auto kPrivateMethod = static_cast<Ikev2AuthPayload::Method>(201);
    Bytes privateMethod = WithU8(kAuth, 4, kPrivateMethod);
    ASSERT_EQ(Parse(*back, privateMethod), privateMethod.size());
    EXPECT_EQ(back->GetMethod(), kPrivateMethod);
    EXPECT_EQ(SerializeHeader(*back), privateMethod);
}

TEST(Ikev2AuthPayload, RejectsEveryTruncationAndABodyShorterThanItsFixedFields)
{
    ExpectEveryTruncationRejected(Ikev2AuthPayload(), kAuth, [](std::size_t size) {
        return size >= IkePayload::kGenericHeaderSize + Ikev2AuthPayload::kFixedSize;
    });
}

// ---------------------------------------------------------------- TSi, TSr

// RFC 7296 3.13 and 3.13.1: an IPv4 subnet with any protocol and port, and
// one IPv6 range limited to UDP port 500.
const Bytes kTsi = Cat({
    {0x2d, 0x00, 0x00, 0x40}, // next payload TSr (45), payload length 64
    {0x02, 0x00, 0x00, 0x00}, // number of TSs 2, 3 reserved
    {0x07, 0x00, 0x00, 0x10}, // TS_IPV4_ADDR_RANGE, any IP protocol, selector length 16
    {0x00, 0x00, 0xff, 0xff}, // start port 0, end port 65535
    {0x0a, 0x00, 0x00, 0x00}, // start address 10.0.0.0
    {0x0a, 0x00, 0x00, 0xff}, // end address 10.0.0.255
    {0x08, 0x11, 0x00, 0x28}, // TS_IPV6_ADDR_RANGE, UDP (17), selector length 40
    {0x01, 0xf4, 0x01, 0xf4}, // start port 500, end port 500
    {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},       // start 2001:db8::
    {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, // end 2001:db8::ffff
});

constexpr std::size_t kTsCount = 4;
constexpr std::size_t kFirstSelectorType = 8;
constexpr std::size_t kFirstSelectorLength = 10;
constexpr std::size_t kSecondSelectorType = 24;

TEST(Ikev2TrafficSelectorPayload, WritesAnIpv4AndAnIpv6SelectorAsRfc7296LaysThemOut)
{
    Ikev2TrafficSelectorPayload tsi(IKEV2_PAYLOAD_TSI);
    tsi.SetNextPayload(IKEV2_PAYLOAD_TSR);
    tsi.AddTrafficSelector(
        Ikev2TrafficSelector::Ipv4Range(Ipv4Address("10.0.0.0"), Ipv4Address("10.0.0.255")));
    tsi.AddTrafficSelector(Ikev2TrafficSelector::Ipv6Range(Ipv6Address("2001:db8::"),
                                                           Ipv6Address("2001:db8::ffff"),
                                                           17,
                                                           500,
                                                           500));
    EXPECT_EQ(SerializeHeader(tsi), kTsi);
}

TEST(Ikev2TrafficSelectorPayload, ParsesEachSelectorAndWritesThemBack)
{
    auto payload = MakeV2(IKEV2_PAYLOAD_TSI);
    auto* tsi = dynamic_cast<Ikev2TrafficSelectorPayload*>(payload.get());
    ASSERT_NE(tsi, nullptr);
    EXPECT_TRUE(tsi->IsInitiator());
    ASSERT_EQ(Parse(*tsi, kTsi), kTsi.size());
    ASSERT_EQ(tsi->GetTrafficSelectors().size(), 2u);
    const Ikev2TrafficSelector& v4 = tsi->GetTrafficSelectors()[0];
    EXPECT_EQ(v4.type, Ikev2TrafficSelector::TS_IPV4_ADDR_RANGE);
    EXPECT_EQ(v4.ipProtocolId, 0);
    EXPECT_EQ(v4.startPort, 0);
    EXPECT_EQ(v4.endPort, 65535);
    EXPECT_EQ(v4.GetStartIpv4(), Ipv4Address("10.0.0.0"));
    EXPECT_EQ(v4.GetEndIpv4(), Ipv4Address("10.0.0.255"));
    const Ikev2TrafficSelector& v6 = tsi->GetTrafficSelectors()[1];
    EXPECT_EQ(v6.type, Ikev2TrafficSelector::TS_IPV6_ADDR_RANGE);
    EXPECT_EQ(v6.ipProtocolId, 17);
    EXPECT_EQ(v6.startPort, 500);
    EXPECT_EQ(v6.endPort, 500);
    EXPECT_EQ(v6.GetStartIpv6(), Ipv6Address("2001:db8::"));
    EXPECT_EQ(v6.GetEndIpv6(), Ipv6Address("2001:db8::ffff"));
    EXPECT_EQ(v6.GetStartIpv4(), Ipv4Address::GetAny()) << "not an IPv4 selector";
    EXPECT_EQ(SerializeHeader(*tsi), kTsi);
}

TEST(Ikev2TrafficSelectorPayload, UsesTypeFortyFiveForTheResponder)
{
    const Bytes tsr = {
        0x00, 0x00, 0x00, 0x18, // no next payload, payload length 24
        0x01, 0x00, 0x00, 0x00, // number of TSs 1, reserved
        0x07, 0x06, 0x00, 0x10, // TS_IPV4_ADDR_RANGE, TCP (6), selector length 16
        0x00, 0x50, 0x00, 0x50, // ports 80 to 80
        0xc0, 0x00, 0x02, 0x01, // start 192.0.2.1
        0xc0, 0x00, 0x02, 0x01, // end 192.0.2.1
    };
    Ikev2TrafficSelectorPayload built(IKEV2_PAYLOAD_TSR);
    EXPECT_FALSE(built.IsInitiator());
    built.AddTrafficSelector(Ikev2TrafficSelector::Ipv4Range(Ipv4Address("192.0.2.1"),
                                                             Ipv4Address("192.0.2.1"),
                                                             6,
                                                             80,
                                                             80));
    EXPECT_EQ(SerializeHeader(built), tsr);
    auto payload = MakeV2(IKEV2_PAYLOAD_TSR);
    ASSERT_EQ(payload->GetPayloadType(), IKEV2_PAYLOAD_TSR);
    ASSERT_EQ(Parse(*payload, tsr), tsr.size());
    EXPECT_EQ(SerializeHeader(*payload), tsr);
    EXPECT_NE(PrintToString(*payload).find("TSr"), std::string::npos);
}

// RFC 4891 5.1 and B.2: protocol 41 between two IPv4 tunnel endpoints, and
// an IPv6 site (2001:db8:1::/48 as a range, RFC 7296 3.13.1) for the IPv6
// traffic that IKE running over IPv4 negotiates.
const Bytes kTsr6in4 = Cat({
    {0x00, 0x00, 0x00, 0x40}, // no next payload, payload length 64
    {0x02, 0x00, 0x00, 0x00}, // number of TSs 2, 3 reserved
    {0x07, 0x29, 0x00, 0x10}, // TS_IPV4_ADDR_RANGE, protocol 41, selector length 16
    {0x00, 0x00, 0xff, 0xff}, // start port 0, end port 65535
    {0xc0, 0x00, 0x02, 0x01}, // start address 192.0.2.1
    {0xc0, 0x00, 0x02, 0x01}, // end address 192.0.2.1
    {0x08, 0x00, 0x00, 0x28}, // TS_IPV6_ADDR_RANGE, any protocol, selector length 40
    {0x00, 0x00, 0xff, 0xff}, // start port 0, end port 65535
    {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, // 2001:db8:1::
    {0x20,
     0x01,
     0x0d,
     0xb8,
     0x00,
     0x01,
     0xff,
     0xff,
     0xff,
     0xff,
     0xff,
     0xff,
     0xff,
     0xff,
     0xff,
     0xff},
});

TEST(Ikev2TrafficSelectorPayload, WritesProtocol41BetweenIpv4HostsAndAnIpv6Site)
{
    const Ipv4Address tep("192.0.2.1");
    Ikev2TrafficSelectorPayload tsr(IKEV2_PAYLOAD_TSR);
    tsr.AddTrafficSelector(Ikev2TrafficSelector::Ipv4Range(tep, tep, 41));
    tsr.AddTrafficSelector(
        Ikev2TrafficSelector::Ipv6Range(Ipv6Address("2001:db8:1::"),
                                        Ipv6Address("2001:db8:1:ffff:ffff:ffff:ffff:ffff")));
    EXPECT_EQ(SerializeHeader(tsr), kTsr6in4);

    Ikev2TrafficSelectorPayload back(IKEV2_PAYLOAD_TSR);
    ASSERT_EQ(Parse(back, kTsr6in4), kTsr6in4.size());
    EXPECT_EQ(back.GetTrafficSelectors(), tsr.GetTrafficSelectors());
    EXPECT_EQ(SerializeHeader(back), kTsr6in4);
    EXPECT_EQ(back.GetTrafficSelectors()[0].ipProtocolId, 41);
    EXPECT_EQ(back.GetTrafficSelectors()[1].GetEndIpv6(),
              Ipv6Address("2001:db8:1:ffff:ffff:ffff:ffff:ffff"));
    EXPECT_EQ(PrintToString(back),
              "TSr(45) next=0 length=64 selectors={192.0.2.1-192.0.2.1 proto=41 ports=0-65535; "
              "2001:db8:1::-2001:db8:1:ffff:ffff:ffff:ffff:ffff proto=0 ports=0-65535}");
    ExpectEveryTruncationRejected(Ikev2TrafficSelectorPayload(IKEV2_PAYLOAD_TSR), kTsr6in4);
    // An IPv6 selector 1 byte short or long of its 40 (RFC 7296 3.13.1).
    constexpr std::size_t kSecondSelectorLength6in4 = 26;
    EXPECT_EQ(Parse(back, WithU16(kTsr6in4, kSecondSelectorLength6in4, 39)), 0u);
    EXPECT_EQ(Parse(back, WithU16(kTsr6in4, kSecondSelectorLength6in4, 41)), 0u);
}

TEST(Ikev2TrafficSelectorPayload, RejectsEveryTruncation)
{
    ExpectEveryTruncationRejected(Ikev2TrafficSelectorPayload(IKEV2_PAYLOAD_TSI), kTsi);
}

TEST(Ikev2TrafficSelectorPayload, RejectsCountsThatDisagreeWithTheSelectors)
{
    Ikev2TrafficSelectorPayload ts;
    EXPECT_EQ(Parse(ts, WithU8(kTsi, kTsCount, 1)), 0u);
    EXPECT_EQ(Parse(ts, WithU8(kTsi, kTsCount, 3)), 0u);
    EXPECT_EQ(Parse(ts, WithU8(kTsi, kTsCount, 0)), 0u);
    EXPECT_EQ(Parse(ts, WithU8(kTsi, kTsCount, 0xff)), 0u);
}

TEST(Ikev2TrafficSelectorPayload, RejectsSelectorLengthsThatDoNotMatchTheType)
{
    Ikev2TrafficSelectorPayload ts;
    EXPECT_EQ(Parse(ts, WithU16(kTsi, kFirstSelectorLength, 15)), 0u);
    EXPECT_EQ(Parse(ts, WithU16(kTsi, kFirstSelectorLength, 17)), 0u);
    EXPECT_EQ(Parse(ts, WithU16(kTsi, kFirstSelectorLength, 40)), 0u) << "an IPv6 length";
    EXPECT_EQ(Parse(ts, WithU16(kTsi, kFirstSelectorLength, 0)), 0u);
    EXPECT_EQ(Parse(ts, WithU8(kTsi, kFirstSelectorType, 8)), 0u) << "IPv6 type, IPv4 length";
    EXPECT_EQ(Parse(ts, WithU8(kTsi, kSecondSelectorType, 7)), 0u) << "IPv4 type, IPv6 length";
    EXPECT_EQ(Parse(ts, WithU8(kTsi, kFirstSelectorType, 9)), 0u) << "unknown type";
    EXPECT_EQ(Parse(ts, WithU8(kTsi, kFirstSelectorType, 0)), 0u);
}

TEST(Ikev2TrafficSelectorPayload, AcceptsAnEmptyListWhenTheCountSaysSo)
{
    const Bytes empty = {0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00};
    Ikev2TrafficSelectorPayload ts;
    ASSERT_EQ(Parse(ts, empty), empty.size());
    EXPECT_TRUE(ts.GetTrafficSelectors().empty());
    EXPECT_EQ(SerializeHeader(ts), empty);
}

// ---------------------------------------------------------------- CP

// RFC 7296 3.15: a remote-access client asks for an address and a DNS
// server; attributes with empty values are requests.
const Bytes kCpRequest = Cat({
    {0x00, 0x00, 0x00, 0x10}, // no next payload, payload length 16
    {0x01, 0x00, 0x00, 0x00}, // CFG_REQUEST, 3 reserved
    {0x00, 0x01, 0x00, 0x00}, // reserved bit 0, INTERNAL_IP4_ADDRESS, length 0
    {0x00, 0x03, 0x00, 0x00}, // INTERNAL_IP4_DNS, length 0
});

// The gateway's answer: an address, its netmask and a protected subnet.
const Bytes kCpReply = {
    0x00, 0x00, 0x00, 0x24, // no next payload, payload length 36
    0x02, 0x00, 0x00, 0x00, // CFG_REPLY, 3 reserved
    0x00, 0x01, 0x00, 0x04, // INTERNAL_IP4_ADDRESS, length 4
    0x0a, 0x01, 0x00, 0x02, // 10.1.0.2
    0x00, 0x02, 0x00, 0x04, // INTERNAL_IP4_NETMASK, length 4
    0xff, 0xff, 0xff, 0x00, // 255.255.255.0
    0x00, 0x0d, 0x00, 0x08, // INTERNAL_IP4_SUBNET, length 8
    0x0a, 0x00, 0x00, 0x00, // 10.0.0.0
    0xff, 0xff, 0xff, 0x00, // /24
};

TEST(Ikev2ConfigurationPayload, WritesARequestWithEmptyAttributes)
{
    Ikev2ConfigurationPayload cp;
    cp.SetCfgType(Ikev2ConfigurationPayload::CFG_REQUEST);
    cp.AddAttribute(Ikev2ConfigAttribute::Empty(Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS));
    cp.AddAttribute(Ikev2ConfigAttribute::Empty(Ikev2ConfigAttribute::INTERNAL_IP4_DNS));
    EXPECT_EQ(SerializeHeader(cp), kCpRequest);

    auto payload = MakeV2(IKEV2_PAYLOAD_CP);
    auto* back = dynamic_cast<Ikev2ConfigurationPayload*>(payload.get());
    ASSERT_NE(back, nullptr);
    ASSERT_EQ(Parse(*back, kCpRequest), kCpRequest.size());
    EXPECT_EQ(back->GetCfgType(), Ikev2ConfigurationPayload::CFG_REQUEST);
    ASSERT_EQ(back->GetAttributes().size(), 2u);
    EXPECT_TRUE(back->GetAttributes()[0].value.empty());
    Ipv4Address none;
    EXPECT_FALSE(back->GetAttributes()[0].GetIpv4(none)) << "an empty value is no address";
    EXPECT_EQ(back->GetAttributes()[1].type, Ikev2ConfigAttribute::INTERNAL_IP4_DNS);
    EXPECT_EQ(SerializeHeader(*back), kCpRequest);
}

TEST(Ikev2ConfigurationPayload, WritesAndParsesAReplyWithAddresses)
{
    Ikev2ConfigurationPayload cp;
    cp.SetCfgType(Ikev2ConfigurationPayload::CFG_REPLY);
    cp.AddAttribute(Ikev2ConfigAttribute::Ipv4(Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS,
                                               Ipv4Address("10.1.0.2")));
    cp.AddAttribute(Ikev2ConfigAttribute::Ipv4(Ikev2ConfigAttribute::INTERNAL_IP4_NETMASK,
                                               Ipv4Address("255.255.255.0")));
    Ikev2ConfigAttribute subnet;
    subnet.type = Ikev2ConfigAttribute::INTERNAL_IP4_SUBNET;
    subnet.value = {10, 0, 0, 0, 255, 255, 255, 0};
    cp.AddAttribute(subnet);
    EXPECT_EQ(SerializeHeader(cp), kCpReply);

    Ikev2ConfigurationPayload back;
    ASSERT_EQ(Parse(back, kCpReply), kCpReply.size());
    EXPECT_EQ(back.GetCfgType(), Ikev2ConfigurationPayload::CFG_REPLY);
    ASSERT_EQ(back.GetAttributes().size(), 3u);
    const Ikev2ConfigAttribute* address =
        back.FindAttribute(Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS);
    ASSERT_NE(address, nullptr);
    Ipv4Address a;
    ASSERT_TRUE(address->GetIpv4(a));
    EXPECT_EQ(a, Ipv4Address("10.1.0.2"));
    EXPECT_EQ(back.GetAttributes()[2], subnet);
    EXPECT_EQ(back.FindAttribute(Ikev2ConfigAttribute::INTERNAL_IP6_ADDRESS), nullptr);
    EXPECT_EQ(SerializeHeader(back), kCpReply);
}

TEST(Ikev2ConfigurationPayload, IgnoresTheReservedBitOfTheAttributeType)
{
    Ikev2ConfigurationPayload cp;
    Bytes bytes = WithU8(kCpRequest, 8, 0x80);
    ASSERT_EQ(Parse(cp, bytes), bytes.size());
    EXPECT_EQ(cp.GetAttributes()[0].type, Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS);
    EXPECT_EQ(SerializeHeader(cp), kCpRequest) << "the bit is written as zero";
}

TEST(Ikev2ConfigurationPayload, RejectsEveryTruncationExceptAtAttributeBoundaries)
{
    // Attributes are not counted, so a payload cut between two of them is
    // a valid shorter one; a cut inside an attribute is not.
    ExpectEveryTruncationRejected(Ikev2ConfigurationPayload(), kCpRequest, [](std::size_t size) {
        return size == 8 || size == 12;
    });
    ExpectEveryTruncationRejected(Ikev2ConfigurationPayload(), kCpReply, [](std::size_t size) {
        return size == 8 || size == 16 || size == 24;
    });
}

TEST(Ikev2ConfigurationPayload, RejectsAttributeLengthsThatOverrunThePayload)
{
    Ikev2ConfigurationPayload cp;
    EXPECT_EQ(Parse(cp, WithU16(kCpReply, 26, 9)), 0u) << "last attribute one byte too long";
    EXPECT_EQ(Parse(cp, WithU16(kCpReply, 26, 0xffff)), 0u);
    EXPECT_EQ(Parse(cp, WithU16(kCpRequest, 14, 1)), 0u);
    EXPECT_EQ(Parse(cp, WithU16(kCpReply, 10, 5)), 0u) << "shifts the next attribute header";
}

// ---------------------------------------------------------------- SK

// RFC 7296 3.14 with AES-CBC and HMAC-SHA2-256-128: a 16-byte IV, the
// encrypted payloads padded to the block size, and a 16-byte ICV.
const Bytes kSk = Cat({
    {0x23, 0x00, 0x00, 0x44}, // next payload IDi (35, first inner payload), payload length 68
    Seq(0x10, 16),            // initialization vector
    Seq(0x40, 32),            // encrypted IKE payloads, padding and pad length
    Seq(0xe0, 16),            // integrity checksum data
});

TEST(Ikev2EncryptedPayload, WritesIvCiphertextAndIcvBackToBack)
{
    Ikev2EncryptedPayload sk;
    sk.SetNextPayload(IKEV2_PAYLOAD_IDI);
    sk.SetData(Seq(0x10, 16), Seq(0x40, 32), Seq(0xe0, 16));
    EXPECT_EQ(SerializeHeader(sk), kSk);
}

TEST(Ikev2EncryptedPayload, ParsesTheBodyAndSplitsItForGivenIvAndIcvSizes)
{
    auto payload = MakeV2(IKEV2_PAYLOAD_SK);
    auto* sk = dynamic_cast<Ikev2EncryptedPayload*>(payload.get());
    ASSERT_NE(sk, nullptr);
    ASSERT_EQ(Parse(*sk, kSk), kSk.size());
    EXPECT_EQ(sk->GetNextPayload(), IKEV2_PAYLOAD_IDI) << "names the first inner payload";
    EXPECT_EQ(sk->GetData().size(), 64u);
    ASSERT_TRUE(sk->IsLongEnough(16, 16));
    EXPECT_EQ(sk->GetIv(16), Seq(0x10, 16));
    EXPECT_EQ(sk->GetCiphertext(16, 16), Seq(0x40, 32));
    EXPECT_EQ(sk->GetIcv(16), Seq(0xe0, 16));
    EXPECT_EQ(SerializeHeader(*sk), kSk);

    // Sizes that do not fit give nothing rather than a partial split.
    EXPECT_TRUE(sk->IsLongEnough(32, 32));
    EXPECT_TRUE(sk->GetCiphertext(32, 32).empty());
    EXPECT_FALSE(sk->IsLongEnough(40, 32));
    EXPECT_TRUE(sk->GetCiphertext(40, 32).empty());
    EXPECT_TRUE(sk->GetIv(65).empty());
    EXPECT_TRUE(sk->GetIcv(65).empty());
}

TEST(Ikev2EncryptedPayload, FillsInTheIcvAfterTheMessageIsLaidOut)
{
    Ikev2EncryptedPayload sk;
    sk.SetNextPayload(IKEV2_PAYLOAD_IDI);
    sk.SetData(Seq(0x10, 16), Seq(0x40, 32), Bytes(16, 0));
    sk.SetIcv(Seq(0xe0, 16));
    EXPECT_EQ(SerializeHeader(sk), kSk);
}

TEST(Ikev2EncryptedPayload, RejectsEveryTruncationOfTheInput)
{
    // The body is opaque, so only a length that overruns the input is wrong.
    ExpectEveryTruncationRejected(Ikev2EncryptedPayload(), kSk, [](std::size_t) { return true; });
}

// ---------------------------------------------------------------- SKF

// RFC 7383 2.5: the first of three fragments.
const Bytes kSkf = Cat({
    {0x23, 0x00, 0x00, 0x30}, // next payload IDi (35, first fragment only), payload length 48
    {0x00, 0x01, 0x00, 0x03}, // fragment number 1, total fragments 3
    Seq(0x10, 16),            // initialization vector
    Seq(0x40, 16),            // encrypted content
    Seq(0xe0, 8),             // integrity checksum data
});

constexpr std::size_t kFragmentNumber = 4;
constexpr std::size_t kTotalFragments = 6;

TEST(Ikev2EncryptedFragmentPayload, WritesTheNumberingBeforeTheEncryptedBody)
{
    Ikev2EncryptedFragmentPayload skf;
    skf.SetNextPayload(IKEV2_PAYLOAD_IDI);
    skf.SetFragmentNumber(1);
    skf.SetTotalFragments(3);
    skf.SetData(Seq(0x10, 16), Seq(0x40, 16), Seq(0xe0, 8));
    EXPECT_EQ(SerializeHeader(skf), kSkf);
}

TEST(Ikev2EncryptedFragmentPayload, ParsesTheNumberingAndTheEncryptedBody)
{
    auto payload = MakeV2(IKEV2_PAYLOAD_SKF);
    auto* skf = dynamic_cast<Ikev2EncryptedFragmentPayload*>(payload.get());
    ASSERT_NE(skf, nullptr);
    ASSERT_EQ(Parse(*skf, kSkf), kSkf.size());
    EXPECT_EQ(skf->GetPayloadType(), IKEV2_PAYLOAD_SKF);
    EXPECT_EQ(skf->GetFragmentNumber(), 1);
    EXPECT_EQ(skf->GetTotalFragments(), 3);
    EXPECT_EQ(skf->GetIv(16), Seq(0x10, 16));
    EXPECT_EQ(skf->GetCiphertext(16, 8), Seq(0x40, 16));
    EXPECT_EQ(skf->GetIcv(8), Seq(0xe0, 8));
    EXPECT_EQ(SerializeHeader(*skf), kSkf);
}

TEST(Ikev2EncryptedFragmentPayload, RejectsNumberingThatRfc7383Forbids)
{
    Ikev2EncryptedFragmentPayload skf;
    EXPECT_EQ(Parse(skf, WithU16(kSkf, kFragmentNumber, 0)), 0u) << "fragment 0";
    EXPECT_EQ(Parse(skf, WithU16(kSkf, kFragmentNumber, 4)), 0u) << "fragment 4 of 3";
    EXPECT_EQ(Parse(skf, WithU16(kSkf, kTotalFragments, 0)), 0u) << "total 0";
    EXPECT_EQ(Parse(skf, WithU16(WithU16(kSkf, kFragmentNumber, 0), kTotalFragments, 0)), 0u)
        << "fragment 0 of 0";
    EXPECT_EQ(Parse(skf, WithU16(kSkf, kFragmentNumber, 0xffff)), 0u);

    Bytes last = WithU8(WithU16(kSkf, kFragmentNumber, 3), 0, IKE_PAYLOAD_NONE);
    ASSERT_EQ(Parse(skf, last), last.size()) << "the last fragment is fine";
    EXPECT_EQ(skf.GetFragmentNumber(), 3);
    Bytes only = WithU16(WithU16(kSkf, kFragmentNumber, 1), kTotalFragments, 1);
    EXPECT_EQ(Parse(skf, only), only.size()) << "one fragment of one";
}

TEST(Ikev2EncryptedFragmentPayload, RejectsEveryTruncationAndABodyWithoutNumbering)
{
    ExpectEveryTruncationRejected(Ikev2EncryptedFragmentPayload(), kSkf, [](std::size_t size) {
        return size >= IkePayload::kGenericHeaderSize + Ikev2EncryptedFragmentPayload::kFixedSize;
    });
}

// ---------------------------------------------------------------- factory and Print

TEST(Ikev2PayloadFactory, CreatesTheClassThatParsesEachIkev2Type)
{
    const std::vector<std::pair<uint8_t, std::string>> expected = {
        {IKEV2_PAYLOAD_SA, "ns3::Ikev2SaPayload"},
        {IKEV2_PAYLOAD_KE, "ns3::IkeKePayload"},
        {IKEV2_PAYLOAD_CERT, "ns3::IkeCertPayload"},
        {IKEV2_PAYLOAD_CERTREQ, "ns3::IkeCertRequestPayload"},
        {IKEV2_PAYLOAD_AUTH, "ns3::Ikev2AuthPayload"},
        {IKEV2_PAYLOAD_TSI, "ns3::Ikev2TrafficSelectorPayload"},
        {IKEV2_PAYLOAD_TSR, "ns3::Ikev2TrafficSelectorPayload"},
        {IKEV2_PAYLOAD_SK, "ns3::Ikev2EncryptedPayload"},
        {IKEV2_PAYLOAD_CP, "ns3::Ikev2ConfigurationPayload"},
        {IKEV2_PAYLOAD_SKF, "ns3::Ikev2EncryptedFragmentPayload"},
    };
    for (const auto& [type, name] : expected)
    {
        auto payload = CreateIkePayload(2, type);
        ASSERT_NE(payload, nullptr) << "type " << +type;
        EXPECT_EQ(payload->GetPayloadType(), type);
        EXPECT_EQ(payload->GetInstanceTypeId().GetName(), name) << "type " << +type;
        EXPECT_EQ(payload->Clone()->GetInstanceTypeId().GetName(), name) << "clone of " << +type;
    }
}

TEST(Ikev2Payloads, PrintTheirFieldsOnOneLine)
{
    const std::vector<std::pair<uint8_t, Bytes>> inputs = {
        {IKEV2_PAYLOAD_SA, kIkeSa},
        {IKEV2_PAYLOAD_KE, kKeV2},
        {IKEV2_PAYLOAD_CERT, kCertV2},
        {IKEV2_PAYLOAD_CERTREQ, kCertReqV2},
        {IKEV2_PAYLOAD_AUTH, kAuth},
        {IKEV2_PAYLOAD_TSI, kTsi},
        {IKEV2_PAYLOAD_CP, kCpReply},
        {IKEV2_PAYLOAD_SK, kSk},
        {IKEV2_PAYLOAD_SKF, kSkf},
    };
    for (const auto& [type, bytes] : inputs)
    {
        auto payload = MakeV2(type);
        ASSERT_EQ(Parse(*payload, bytes), bytes.size()) << "type " << +type;
        std::string text = PrintToString(*payload);
        EXPECT_EQ(text.find('\n'), std::string::npos) << text;
        EXPECT_NE(text.find("(" + std::to_string(type) + ")"), std::string::npos) << text;
    }
    auto sa = MakeV2(IKEV2_PAYLOAD_SA);
    Parse(*sa, kIkeSa);
    EXPECT_NE(PrintToString(*sa).find("ENCR:12 attr(14=256)"), std::string::npos)
        << PrintToString(*sa);
    auto cp = MakeV2(IKEV2_PAYLOAD_CP);
    Parse(*cp, kCpReply);
    EXPECT_NE(PrintToString(*cp).find("10.1.0.2"), std::string::npos) << PrintToString(*cp);
}

// ---------------------------------------------------------------- whole messages

const Bytes kNatdSourceHash = Seq(0x80, 20);
const Bytes kNatdDestinationHash = Seq(0xa0, 20);

// RFC 7296 1.2: an IKE_SA_INIT request with HDR, SAi1, KEi, Ni and the two
// NAT detection notifications of RFC 7296 2.23.
const Bytes kIkeSaInit = Cat({
    // IKE header (RFC 7296 3.1)
    Seq(0x01, 8),             // IKE SA initiator's SPI
    Bytes(8, 0x00),           // IKE SA responder's SPI: zero in the first message
    {0x21, 0x20, 0x22, 0x08}, // next payload SA (33), version 2.0, IKE_SA_INIT (34), initiator
    {0x00, 0x00, 0x00, 0x00}, // message ID 0
    {0x00, 0x00, 0x01, 0xb0}, // length 432
    // SAi1: the IKE proposal (next payload KE)
    kIkeSa,
    // KEi (RFC 7296 3.4)
    {0x28, 0x00, 0x01, 0x08}, // next payload Nonce (40), payload length 264
    {0x00, 0x0e, 0x00, 0x00}, // DH group 14, reserved
    Bytes(256, 0x5a),         // the 2048-bit public value
    // Ni (RFC 7296 3.9)
    {0x29, 0x00, 0x00, 0x24}, // next payload Notify (41), payload length 36
    Seq(0xc0, 32),            // nonce data
    // N(NAT_DETECTION_SOURCE_IP) (RFC 7296 3.10)
    {0x29, 0x00, 0x00, 0x1c}, // next payload Notify, payload length 28
    {0x00, 0x00, 0x40, 0x04}, // protocol ID 0, SPI size 0, type 16388
    kNatdSourceHash,          // SHA-1(SPIi | SPIr | source IP | source port)
    // N(NAT_DETECTION_DESTINATION_IP)
    {0x00, 0x00, 0x00, 0x1c}, // no next payload, payload length 28
    {0x00, 0x00, 0x40, 0x05}, // protocol ID 0, SPI size 0, type 16389
    kNatdDestinationHash,     // SHA-1(SPIi | SPIr | destination IP | destination port)
});

// Until the Notify class exists, its body is built as opaque bytes.
std::unique_ptr<IkeOpaquePayload>
NatdNotify(uint16_t notifyType, const Bytes& hash)
{
    auto notify = std::make_unique<IkeOpaquePayload>(IKEV2_PAYLOAD_NOTIFY);
    notify->SetData(
        Cat({{0x00, 0x00, static_cast<uint8_t>(notifyType >> 8), static_cast<uint8_t>(notifyType)},
             hash}));
    return notify;
}

TEST(IkeMessage, WritesAnIkeSaInitRequestByteForByte)
{
    IkeMessage m;
    IsakmpHeader& h = m.GetHeader();
    h.SetInitiatorSpi(0x0102030405060708ULL);
    h.SetMajorVersion(2);
    h.SetExchangeType(IsakmpHeader::IKEV2_IKE_SA_INIT);
    h.SetFlags(IsakmpHeader::IKEV2_INITIATOR);
    auto sa = std::make_unique<Ikev2SaPayload>();
    sa->AddProposal(IkeProposal());
    m.AddPayload(std::move(sa));
    auto ke = std::make_unique<IkeKePayload>(2);
    ke->SetDhGroup(Ikev2Transform::MODP_2048);
    ke->SetData(Bytes(256, 0x5a));
    m.AddPayload(std::move(ke));
    auto nonce = std::make_unique<IkeNoncePayload>(2);
    nonce->SetData(Seq(0xc0, 32));
    m.AddPayload(std::move(nonce));
    m.AddPayload(NatdNotify(16388, kNatdSourceHash));
    m.AddPayload(NatdNotify(16389, kNatdDestinationHash));
    EXPECT_EQ(SerializeHeader(m), kIkeSaInit);
}

TEST(IkeMessage, ParsesAnIkeSaInitRequestIntoTypedPayloadsAndWritesItBack)
{
    IkeMessage m;
    ASSERT_EQ(DeserializeHeader(m, kIkeSaInit), kIkeSaInit.size())
        << IkeMessage::ParseErrorToString(m.GetParseError());
    EXPECT_EQ(m.GetHeader().GetExchangeType(), IsakmpHeader::IKEV2_IKE_SA_INIT);
    ASSERT_EQ(m.GetPayloads().size(), 5u);

    const auto* sa = m.Find<Ikev2SaPayload>(IKEV2_PAYLOAD_SA);
    ASSERT_NE(sa, nullptr);
    ASSERT_EQ(sa->GetProposals().size(), 1u);
    EXPECT_EQ(sa->GetProposals()[0], IkeProposal());

    const auto* ke = m.Find<IkeKePayload>(IKEV2_PAYLOAD_KE);
    ASSERT_NE(ke, nullptr);
    EXPECT_EQ(ke->GetDhGroup(), Ikev2Transform::MODP_2048);
    EXPECT_EQ(ke->GetData(), Bytes(256, 0x5a));

    const auto* nonce = m.Find<IkeNoncePayload>(IKEV2_PAYLOAD_NONCE);
    ASSERT_NE(nonce, nullptr);
    EXPECT_EQ(nonce->GetData(), Seq(0xc0, 32));

    // Whatever class parses Notify, both notifications are there in order.
    ASSERT_NE(m.FindPayload(IKEV2_PAYLOAD_NOTIFY, 0), nullptr);
    ASSERT_NE(m.FindPayload(IKEV2_PAYLOAD_NOTIFY, 1), nullptr);
    EXPECT_EQ(m.FindPayload(IKEV2_PAYLOAD_NOTIFY, 2), nullptr);

    EXPECT_EQ(SerializeHeader(m), kIkeSaInit);
    IkeMessage copy(m);
    EXPECT_EQ(SerializeHeader(copy), kIkeSaInit) << "a copy holds deep copies of the payloads";
}

TEST(IkeMessage, RejectsAnIkeSaInitRequestWithAMalformedSaPayload)
{
    IkeMessage m;
    Bytes bytes = WithU8(kIkeSaInit, 28 + kTransformCount, 3);
    EXPECT_EQ(DeserializeHeader(m, bytes), 0u);
    EXPECT_EQ(m.GetParseError(), IkeMessage::PARSE_MALFORMED_PAYLOAD);
    EXPECT_EQ(m.GetParseErrorPayloadType(), IKEV2_PAYLOAD_SA);
    EXPECT_TRUE(m.GetPayloads().empty());
}

// RFC 7296 1.2: an IKE_AUTH request; everything after the header is inside SK.
const Bytes kIkeAuth = Cat({
    Seq(0x01, 8),             // IKE SA initiator's SPI
    Seq(0x11, 8),             // IKE SA responder's SPI
    {0x2e, 0x20, 0x23, 0x08}, // next payload SK (46), version 2.0, IKE_AUTH (35), initiator
    {0x00, 0x00, 0x00, 0x01}, // message ID 1
    {0x00, 0x00, 0x00, 0x60}, // length 96
    kSk,                      // SK, naming IDi as the first inner payload
});

TEST(IkeMessage, ParsesAnIkeAuthRequestWhoseOnlyPayloadIsSk)
{
    IkeMessage m;
    ASSERT_EQ(DeserializeHeader(m, kIkeAuth), kIkeAuth.size())
        << IkeMessage::ParseErrorToString(m.GetParseError());
    EXPECT_EQ(m.GetHeader().GetExchangeType(), IsakmpHeader::IKEV2_IKE_AUTH);
    EXPECT_EQ(m.GetHeader().GetMessageId(), 1u);
    ASSERT_EQ(m.GetPayloads().size(), 1u);
    const auto* sk = m.Find<Ikev2EncryptedPayload>(IKEV2_PAYLOAD_SK);
    ASSERT_NE(sk, nullptr);
    EXPECT_EQ(sk->GetNextPayload(), IKEV2_PAYLOAD_IDI);
    EXPECT_EQ(sk->GetIv(16), Seq(0x10, 16));
    EXPECT_EQ(sk->GetCiphertext(16, 16), Seq(0x40, 32));
    EXPECT_EQ(sk->GetIcv(16), Seq(0xe0, 16));
    EXPECT_EQ(SerializeHeader(m), kIkeAuth);

    IkeMessage built;
    built.GetHeader() = m.GetHeader();
    auto fresh = std::make_unique<Ikev2EncryptedPayload>();
    fresh->SetNextPayload(IKEV2_PAYLOAD_IDI);
    fresh->SetData(Seq(0x10, 16), Seq(0x40, 32), Bytes(16, 0));
    built.AddPayload(std::move(fresh));
    auto* laidOut = dynamic_cast<Ikev2EncryptedPayload*>(built.GetPayload(0));
    ASSERT_NE(laidOut, nullptr);
    laidOut->SetIcv(Seq(0xe0, 16));
    EXPECT_EQ(SerializeHeader(built), kIkeAuth) << "the ICV is filled in after layout";
}

TEST(IkeMessage, ParsesAnIkeAuthFragmentWhoseOnlyPayloadIsSkf)
{
    const Bytes fragment = Cat({
        Seq(0x01, 8),             // IKE SA initiator's SPI
        Seq(0x11, 8),             // IKE SA responder's SPI
        {0x35, 0x20, 0x23, 0x08}, // next payload SKF (53), version 2.0, IKE_AUTH, initiator
        {0x00, 0x00, 0x00, 0x01}, // message ID 1
        {0x00, 0x00, 0x00, 0x4c}, // length 76
        kSkf,                     // fragment 1 of 3
    });
    IkeMessage m;
    ASSERT_EQ(DeserializeHeader(m, fragment), fragment.size())
        << IkeMessage::ParseErrorToString(m.GetParseError());
    const auto* skf = m.Find<Ikev2EncryptedFragmentPayload>(IKEV2_PAYLOAD_SKF);
    ASSERT_NE(skf, nullptr);
    EXPECT_EQ(skf->GetFragmentNumber(), 1);
    EXPECT_EQ(skf->GetTotalFragments(), 3);
    EXPECT_EQ(SerializeHeader(m), fragment);

    Bytes badNumber = WithU16(fragment, 28 + kFragmentNumber, 4);
    EXPECT_EQ(DeserializeHeader(m, badNumber), 0u) << "fragment 4 of 3";
    EXPECT_NE(m.GetParseError(), IkeMessage::PARSE_OK);
}

} // namespace
