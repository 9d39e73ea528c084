/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKEv1-only payloads: SA (RFC 2408 3.4-3.6), NAT-OA (RFC 3947 5.2), the
// draft-stenberg probe (3.1.2), the NAT-T vendor IDs, and whole Main Mode
// messages through IkeMessage. Expected bytes are written out from the RFC
// figures, one line per field group.

#include "ike-payload-test-util.h"

#include "ns3/ike-id-payload.h"
#include "ns3/ike-message.h"
#include "ns3/ike-nat-oa-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/ike-vendor-ids.h"
#include "ns3/ikev1-sa-payload.h"
#include "ns3/stenberg-probe-payload.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <string>

using namespace ns3;

namespace
{

// ---------------------------------------------------------------- SA

// Main Mode message 1's offer: one ISAKMP proposal, two transforms.
const std::vector<uint8_t> kPhaseOneSa = {
    0x00, 0x00, 0x00, 0x5c, // generic header: no next payload, reserved, length 92
    0x00, 0x00, 0x00, 0x01, // DOI: IPsec
    0x00, 0x00, 0x00, 0x01, // situation: SIT_IDENTITY_ONLY
    0x00, 0x00, 0x00, 0x50, // proposal: last one, reserved, length 80
    0x01, 0x01, 0x00, 0x02, // proposal #1, PROTO_ISAKMP, SPI size 0, 2 transforms
    0x03, 0x00, 0x00, 0x28, // transform: another follows, reserved, length 40
    0x01, 0x01, 0x00, 0x00, // transform #1, KEY_IKE, reserved
    0x80, 0x01, 0x00, 0x07, // encryption algorithm (TV): AES-CBC
    0x80, 0x0e, 0x00, 0x80, // key length (TV): 128
    0x80, 0x02, 0x00, 0x02, // hash algorithm (TV): SHA
    0x80, 0x03, 0x00, 0x01, // authentication method (TV): pre-shared key
    0x80, 0x04, 0x00, 0x0e, // group description (TV): MODP 2048
    0x80, 0x0b, 0x00, 0x01, // life type (TV): seconds
    0x00, 0x0c, 0x00, 0x04, // life duration (TLV), 4 bytes:
    0x00, 0x01, 0x51, 0x80, //   86400
    0x00, 0x00, 0x00, 0x20, // transform: last one, reserved, length 32
    0x02, 0x01, 0x00, 0x00, // transform #2, KEY_IKE, reserved
    0x80, 0x01, 0x00, 0x05, // encryption algorithm: 3DES-CBC
    0x80, 0x02, 0x00, 0x02, // hash algorithm: SHA
    0x80, 0x03, 0x00, 0x03, // authentication method: RSA signature
    0x80, 0x04, 0x00, 0x02, // group description: MODP 1024
    0x80, 0x0b, 0x00, 0x01, // life type: seconds
    0x80, 0x0c, 0x70, 0x80, // life duration (TV): 28800
};

Ikev1SaPayload
MakePhaseOneSa()
{
    Ikev1Transform aes;
    aes.number = 1;
    aes.transformId = Ikev1SaPayload::KEY_IKE;
    aes.AddTv(Ikev1SaPayload::IKE_ATTR_ENCRYPTION_ALGORITHM, Ikev1SaPayload::IKE_ENCR_AES_CBC);
    aes.AddTv(Ikev1SaPayload::IKE_ATTR_KEY_LENGTH, 128);
    aes.AddTv(Ikev1SaPayload::IKE_ATTR_HASH_ALGORITHM, Ikev1SaPayload::IKE_HASH_SHA);
    aes.AddTv(Ikev1SaPayload::IKE_ATTR_AUTH_METHOD, Ikev1SaPayload::IKE_AUTH_PSK);
    aes.AddTv(Ikev1SaPayload::IKE_ATTR_GROUP_DESCRIPTION, Ikev1SaPayload::IKE_GROUP_MODP_2048);
    aes.AddTv(Ikev1SaPayload::IKE_ATTR_LIFE_TYPE, Ikev1SaPayload::LIFE_TYPE_SECONDS);
    aes.attributes.push_back(
        IkeAttribute::Tlv(Ikev1SaPayload::IKE_ATTR_LIFE_DURATION, {0x00, 0x01, 0x51, 0x80}));

    Ikev1Transform tdes;
    tdes.number = 2;
    tdes.transformId = Ikev1SaPayload::KEY_IKE;
    tdes.AddTv(Ikev1SaPayload::IKE_ATTR_ENCRYPTION_ALGORITHM, Ikev1SaPayload::IKE_ENCR_3DES_CBC);
    tdes.AddTv(Ikev1SaPayload::IKE_ATTR_HASH_ALGORITHM, Ikev1SaPayload::IKE_HASH_SHA);
    tdes.AddTv(Ikev1SaPayload::IKE_ATTR_AUTH_METHOD, Ikev1SaPayload::IKE_AUTH_RSA_SIG);
    tdes.AddTv(Ikev1SaPayload::IKE_ATTR_GROUP_DESCRIPTION, Ikev1SaPayload::IKE_GROUP_MODP_1024);
    tdes.AddTv(Ikev1SaPayload::IKE_ATTR_LIFE_TYPE, Ikev1SaPayload::LIFE_TYPE_SECONDS);
    tdes.AddTv(Ikev1SaPayload::IKE_ATTR_LIFE_DURATION, 28800);

    Ikev1Proposal proposal;
    proposal.number = 1;
    proposal.protocolId = Ikev1SaPayload::PROTO_ISAKMP;
    proposal.transforms = {aes, tdes};

    Ikev1SaPayload sa;
    sa.AddProposal(proposal);
    return sa;
}

// A Quick Mode offer: two ESP proposals with one transform each, asking
// for UDP-encapsulated tunnel mode by the RFC 3947 number and the draft one.
const std::vector<uint8_t> kPhaseTwoSa = {
    0x00, 0x00, 0x00, 0x48, // generic header: length 72
    0x00, 0x00, 0x00, 0x01, // DOI: IPsec
    0x00, 0x00, 0x00, 0x01, // situation: SIT_IDENTITY_ONLY
    0x02, 0x00, 0x00, 0x20, // proposal: another follows, reserved, length 32
    0x01, 0x03, 0x04, 0x01, // proposal #1, PROTO_IPSEC_ESP, SPI size 4, 1 transform
    0x12, 0x34, 0x56, 0x78, // SPI
    0x00, 0x00, 0x00, 0x14, // transform: last one, reserved, length 20
    0x01, 0x0c, 0x00, 0x00, // transform #1, ESP_AES_CBC, reserved
    0x80, 0x04, 0x00, 0x03, // encapsulation mode: UDP-encapsulated tunnel (RFC 3947)
    0x80, 0x05, 0x00, 0x02, // authentication algorithm: HMAC-SHA
    0x80, 0x06, 0x00, 0x80, // key length: 128
    0x00, 0x00, 0x00, 0x1c, // proposal: last one, reserved, length 28
    0x02, 0x03, 0x04, 0x01, // proposal #2, PROTO_IPSEC_ESP, SPI size 4, 1 transform
    0x12, 0x34, 0x56, 0x78, // SPI
    0x00, 0x00, 0x00, 0x10, // transform: last one, reserved, length 16
    0x01, 0x03, 0x00, 0x00, // transform #1, ESP_3DES, reserved
    0x80, 0x04, 0xf0, 0x03, // encapsulation mode: UDP-encapsulated tunnel (draft, 61443)
    0x80, 0x05, 0x00, 0x02, // authentication algorithm: HMAC-SHA
};

Ikev1SaPayload
MakePhaseTwoSa()
{
    Ikev1Transform aes;
    aes.transformId = Ikev1SaPayload::ESP_AES_CBC;
    aes.AddTv(Ikev1SaPayload::IPSEC_ATTR_ENCAPSULATION_MODE, Ikev1SaPayload::ENCAP_UDP_TUNNEL);
    aes.AddTv(Ikev1SaPayload::IPSEC_ATTR_AUTH_ALGORITHM, Ikev1SaPayload::IPSEC_AUTH_HMAC_SHA);
    aes.AddTv(Ikev1SaPayload::IPSEC_ATTR_KEY_LENGTH, 128);
    Ikev1Proposal first;
    first.number = 1;
    first.protocolId = Ikev1SaPayload::PROTO_IPSEC_ESP;
    first.SetSpi32(0x12345678);
    first.transforms = {aes};

    Ikev1Transform tdes;
    tdes.transformId = Ikev1SaPayload::ESP_3DES;
    tdes.AddTv(Ikev1SaPayload::IPSEC_ATTR_ENCAPSULATION_MODE,
               Ikev1SaPayload::ENCAP_UDP_TUNNEL_DRAFT);
    tdes.AddTv(Ikev1SaPayload::IPSEC_ATTR_AUTH_ALGORITHM, Ikev1SaPayload::IPSEC_AUTH_HMAC_SHA);
    Ikev1Proposal second = first;
    second.number = 2;
    second.transforms = {tdes};

    Ikev1SaPayload sa;
    sa.SetProposals({first, second});
    return sa;
}

auto makeSa = [] { return Ikev1SaPayload(); };

} // namespace

TEST(Ikev1SaPayload, WritesAPhaseOneOfferInTheRfc2408Layout)
{
    EXPECT_EQ(SerializeHeader(MakePhaseOneSa()), kPhaseOneSa);
}

TEST(Ikev1SaPayload, ReadsEveryFieldOfAPhaseOneOfferAndWritesItBack)
{
    Ikev1SaPayload sa;
    ExpectRoundTrip(sa, kPhaseOneSa);
    EXPECT_EQ(sa.GetPayloadType(), IKEV1_PAYLOAD_SA);
    EXPECT_EQ(sa.GetDoi(), Ikev1SaPayload::IPSEC_DOI);
    EXPECT_EQ(sa.GetSituation(), Ikev1SaPayload::SIT_IDENTITY_ONLY);
    ASSERT_EQ(sa.GetProposals().size(), 1u);
    const Ikev1Proposal& proposal = sa.GetProposals()[0];
    EXPECT_EQ(proposal.number, 1);
    EXPECT_EQ(proposal.protocolId, Ikev1SaPayload::PROTO_ISAKMP);
    EXPECT_TRUE(proposal.spi.empty());
    ASSERT_EQ(proposal.transforms.size(), 2u);
    const Ikev1Transform& aes = proposal.transforms[0];
    EXPECT_EQ(aes.number, 1);
    EXPECT_EQ(aes.transformId, Ikev1SaPayload::KEY_IKE);
    ASSERT_EQ(aes.attributes.size(), 7u);
    ASSERT_NE(aes.FindAttribute(Ikev1SaPayload::IKE_ATTR_ENCRYPTION_ALGORITHM), nullptr);
    EXPECT_EQ(aes.FindAttribute(Ikev1SaPayload::IKE_ATTR_ENCRYPTION_ALGORITHM)->value,
              Ikev1SaPayload::IKE_ENCR_AES_CBC);
    EXPECT_EQ(aes.FindAttribute(Ikev1SaPayload::IKE_ATTR_KEY_LENGTH)->value, 128);
    EXPECT_EQ(aes.FindAttribute(Ikev1SaPayload::IKE_ATTR_GROUP_DESCRIPTION)->value,
              Ikev1SaPayload::IKE_GROUP_MODP_2048);
    const IkeAttribute* life = aes.FindAttribute(Ikev1SaPayload::IKE_ATTR_LIFE_DURATION);
    ASSERT_NE(life, nullptr);
    EXPECT_FALSE(life->shortForm);
    EXPECT_EQ(life->GetIntegerValue(), 86400u);
    EXPECT_EQ(aes.FindAttribute(Ikev1SaPayload::IKE_ATTR_PRF), nullptr);
    const Ikev1Transform& tdes = proposal.transforms[1];
    EXPECT_EQ(tdes.number, 2);
    EXPECT_EQ(tdes.FindAttribute(Ikev1SaPayload::IKE_ATTR_AUTH_METHOD)->value,
              Ikev1SaPayload::IKE_AUTH_RSA_SIG);
    EXPECT_EQ(tdes.FindAttribute(Ikev1SaPayload::IKE_ATTR_LIFE_DURATION)->GetIntegerValue(),
              28800u);
    EXPECT_EQ(sa.GetProposals(), MakePhaseOneSa().GetProposals());
}

TEST(Ikev1SaPayload, WritesAndReadsSeveralEspProposalsWithTheirSpis)
{
    EXPECT_EQ(SerializeHeader(MakePhaseTwoSa()), kPhaseTwoSa);
    Ikev1SaPayload sa;
    ExpectRoundTrip(sa, kPhaseTwoSa);
    ASSERT_EQ(sa.GetProposals().size(), 2u);
    for (const Ikev1Proposal& proposal : sa.GetProposals())
    {
        EXPECT_EQ(proposal.protocolId, Ikev1SaPayload::PROTO_IPSEC_ESP);
        EXPECT_EQ(proposal.GetSpi32(), 0x12345678u);
        ASSERT_EQ(proposal.transforms.size(), 1u);
    }
    EXPECT_EQ(sa.GetProposals()[0].transforms[0].transformId, Ikev1SaPayload::ESP_AES_CBC);
    EXPECT_EQ(sa.GetProposals()[0]
                  .transforms[0]
                  .FindAttribute(Ikev1SaPayload::IPSEC_ATTR_ENCAPSULATION_MODE)
                  ->value,
              Ikev1SaPayload::ENCAP_UDP_TUNNEL);
    EXPECT_EQ(sa.GetProposals()[1].number, 2);
    EXPECT_EQ(sa.GetProposals()[1]
                  .transforms[0]
                  .FindAttribute(Ikev1SaPayload::IPSEC_ATTR_ENCAPSULATION_MODE)
                  ->value,
              Ikev1SaPayload::ENCAP_UDP_TUNNEL_DRAFT);
}

TEST(Ikev1SaPayload, RejectsEveryTruncation)
{
    ExpectEveryTruncationRejected(makeSa, kPhaseOneSa);
    ExpectEveryTruncationRejected(makeSa, kPhaseTwoSa);
    // With the payload length shortened to match, the proposals and
    // transforms themselves overrun: no prefix of an offer is an offer.
    ExpectEveryBodyTruncationRejected(makeSa, kPhaseOneSa, kPhaseOneSa.size());
    ExpectEveryBodyTruncationRejected(makeSa, kPhaseTwoSa, kPhaseTwoSa.size());
}

TEST(Ikev1SaPayload, RejectsProposalAndTransformLengthsThatOverrunOrUnderrun)
{
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 14, 0x51)), 0u) << "proposal past the SA";
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 14, 0xffff)), 0u) << "proposal length huge";
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 14, 0x4f)), 0u) << "proposal too short";
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 14, 7)), 0u) << "below its fixed part";
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 22, 0x29)), 0u) << "transform 1 too long";
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 22, 0x27)), 0u) << "transform 1 too short";
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 22, 0)), 0u) << "transform length zero";
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 62, 0x21)), 0u) << "transform past proposal";
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 54, 5)), 0u) << "TLV attribute too long";
    EXPECT_EQ(ParseWith(makeSa, WithU16(kPhaseOneSa, 54, 3)), 0u) << "TLV attribute too short";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 18, 0xff)), 0u) << "SPI size past proposal";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseTwoSa, 18, 5)), 0u) << "SPI size one too many";
}

TEST(Ikev1SaPayload, RejectsCountsAndChainsThatDisagreeWithTheContents)
{
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 19, 1)), 0u) << "more transforms than counted";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 19, 3)), 0u) << "fewer transforms than counted";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 19, 0)), 0u) << "a proposal without transforms";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 12, 2)), 0u) << "last proposal names another";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 12, 5)), 0u) << "proposal names an ID";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseTwoSa, 12, 0)), 0u) << "first proposal ends the chain";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 20, 0)), 0u) << "first transform ends chain";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 60, 3)), 0u) << "last transform names another";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 20, 2)), 0u) << "transform names a proposal";
    EXPECT_EQ(ParseWith(makeSa, TruncatedPayload(kPhaseOneSa, 12)), 0u) << "no proposal at all";
    std::vector<uint8_t> trailing = Concat({kPhaseOneSa, {0x00, 0x00, 0x00, 0x00}});
    EXPECT_EQ(ParseWith(makeSa, WithU16(trailing, 2, trailing.size())), 0u)
        << "bytes after the last proposal";
    EXPECT_EQ(ParseWith(makeSa, WithU8(kPhaseOneSa, 11, 0x03)), 0u)
        << "labelled situations (RFC 2407 4.6.1) are not modelled";
}

TEST(Ikev1SaPayload, PrintsItsProposalsOnOneLine)
{
    std::string text = PrintToString(MakePhaseTwoSa());
    EXPECT_EQ(text.find('\n'), std::string::npos);
    EXPECT_NE(text.find("SA(1)"), std::string::npos) << text;
    EXPECT_NE(text.find("spi=0x12345678"), std::string::npos) << text;
    EXPECT_NE(text.find("transform(#1 id=12"), std::string::npos) << text;
}

// ---------------------------------------------------------------- NAT-OA

namespace
{

const std::vector<uint8_t> kNatOaIpv4 = {
    0x00,
    0x00,
    0x00,
    0x0c, // generic header: length 12
    0x01,
    0x00,
    0x00,
    0x00, // ID type ID_IPV4_ADDR, reserved (3 bytes)
    0xc0,
    0xa8,
    0x01,
    0x02, // 192.168.1.2
};

const std::vector<uint8_t> kNatOaIpv6 = {
    0x00, 0x00, 0x00, 0x18, // generic header: length 24
    0x05, 0x00, 0x00, 0x00, // ID type ID_IPV6_ADDR, reserved
    0x20, 0x01, 0x0d, 0xb8, // 2001:db8::1
    0x00, 0x00, 0x00, 0x00, //
    0x00, 0x00, 0x00, 0x00, //
    0x00, 0x00, 0x00, 0x01, //
};

auto makeNatOa = [] { return IkeNatOaPayload(); };

} // namespace

TEST(IkeNatOaPayload, WritesAnIpv4OriginalAddressInTheRfc3947Layout)
{
    IkeNatOaPayload oa;
    oa.SetIpv4Address(Ipv4Address("192.168.1.2"));
    EXPECT_EQ(SerializeHeader(oa), kNatOaIpv4);

    IkeNatOaPayload back;
    ExpectRoundTrip(back, kNatOaIpv4);
    EXPECT_EQ(back.GetPayloadType(), IKEV1_PAYLOAD_NAT_OA);
    EXPECT_EQ(back.GetIdType(), IkeNatOaPayload::ID_IPV4_ADDR);
    EXPECT_EQ(back.GetIpv4Address(), Ipv4Address("192.168.1.2"));
}

TEST(IkeNatOaPayload, WritesAndReadsAnIpv6OriginalAddress)
{
    IkeNatOaPayload oa;
    oa.SetIpv6Address(Ipv6Address("2001:db8::1"));
    EXPECT_EQ(SerializeHeader(oa), kNatOaIpv6);

    IkeNatOaPayload back;
    ExpectRoundTrip(back, kNatOaIpv6);
    EXPECT_EQ(back.GetIdType(), IkeNatOaPayload::ID_IPV6_ADDR);
    EXPECT_EQ(back.GetIpv6Address(), Ipv6Address("2001:db8::1"));
    EXPECT_EQ(back.GetIpv4Address(), Ipv4Address()) << "no IPv4 address in an IPv6 NAT-OA";
}

TEST(IkeNatOaPayload, RejectsTruncationsAndAddressesOfTheWrongSizeOrType)
{
    ExpectEveryTruncationRejected(makeNatOa, kNatOaIpv4);
    ExpectEveryTruncationRejected(makeNatOa, kNatOaIpv6);
    ExpectEveryBodyTruncationRejected(makeNatOa, kNatOaIpv4, 8);
    ExpectEveryBodyTruncationRejected(makeNatOa, kNatOaIpv6, 20);
    EXPECT_EQ(ParseWith(makeNatOa, WithU8(kNatOaIpv6, 4, 1)), 0u) << "IPv4 type, 16 bytes";
    EXPECT_EQ(ParseWith(makeNatOa, WithU8(kNatOaIpv4, 4, 5)), 0u) << "IPv6 type, 4 bytes";
    EXPECT_EQ(ParseWith(makeNatOa, WithU8(kNatOaIpv4, 4, 2)), 0u) << "an FQDN is no address";
    std::vector<uint8_t> longer = Concat({kNatOaIpv4, {0x00}});
    EXPECT_EQ(ParseWith(makeNatOa, WithU16(longer, 2, longer.size())), 0u) << "5-byte address";
}

// ---------------------------------------------------------------- draft-stenberg probe

namespace
{

// Main Mode message 5's probe: the responder as the initiator sees it,
// then the initiator's two local IKE endpoints.
const std::vector<uint8_t> kStenbergProbe = {
    0x00, 0x00, 0x00, 0x28, // generic header: no next payload, reserved, length 40
    0x05, 0x00, 0x00, 0x0c, // identity: another (ID payload 5) follows, reserved, length 12
    0x01, 0x11, 0x01, 0xf4, //   ID_IPV4_ADDR, UDP, port 500
    0xc6, 0x33, 0x64, 0x01, //   198.51.100.1: the perceived remote identity
    0x05, 0x00, 0x00, 0x0c, // identity: another follows, length 12
    0x01, 0x11, 0x01, 0xf4, //   ID_IPV4_ADDR, UDP, port 500
    0x0a, 0x00, 0x00, 0x05, //   10.0.0.5: first local identity
    0x00, 0x00, 0x00, 0x0c, // identity: the last one, length 12
    0x01, 0x11, 0x11, 0x94, //   ID_IPV4_ADDR, UDP, port 4500
    0xc0, 0x00, 0x02, 0x07, //   192.0.2.7: second local identity
};

// Main Mode message 6's answer.
const std::vector<uint8_t> kStenbergDecision = {
    0x00,
    0x00,
    0x00,
    0x05, // generic header: length 5
    0x01, // NAT traversal chosen
};

StenbergProbePayload
MakeStenbergProbe()
{
    StenbergProbePayload probe;
    probe.SetProbe(InetSocketAddress(Ipv4Address("198.51.100.1"), IKE_UDP_PORT),
                   {InetSocketAddress(Ipv4Address("10.0.0.5"), IKE_UDP_PORT),
                    InetSocketAddress(Ipv4Address("192.0.2.7"), IKE_NAT_T_UDP_PORT)});
    return probe;
}

auto makeStenberg = [] { return StenbergProbePayload(); };

} // namespace

TEST(StenbergProbePayload, WritesTheProbeAsASeriesOfIdentificationPayloads)
{
    EXPECT_EQ(SerializeHeader(MakeStenbergProbe()), kStenbergProbe);

    StenbergProbePayload back;
    ExpectRoundTrip(back, kStenbergProbe);
    EXPECT_EQ(back.GetPayloadType(), IKEV1_PAYLOAD_STENBERG);
    EXPECT_EQ(back.GetForm(), StenbergProbePayload::PROBE);
    EXPECT_FALSE(back.GetDecision());
    EXPECT_EQ(back.GetPerceivedRemote().GetIpv4(), Ipv4Address("198.51.100.1"));
    EXPECT_EQ(back.GetPerceivedRemote().GetPort(), IKE_UDP_PORT);
    ASSERT_EQ(back.GetLocalIdentities().size(), 2u);
    EXPECT_EQ(back.GetLocalIdentities()[0].GetIpv4(), Ipv4Address("10.0.0.5"));
    EXPECT_EQ(back.GetLocalIdentities()[0].GetPort(), IKE_UDP_PORT);
    EXPECT_EQ(back.GetLocalIdentities()[1].GetIpv4(), Ipv4Address("192.0.2.7"));
    EXPECT_EQ(back.GetLocalIdentities()[1].GetPort(), IKE_NAT_T_UDP_PORT);
}

TEST(StenbergProbePayload, WritesTheDecisionAsOneByte)
{
    StenbergProbePayload decision;
    decision.SetDecision(true);
    EXPECT_EQ(SerializeHeader(decision), kStenbergDecision);

    StenbergProbePayload back;
    ExpectRoundTrip(back, kStenbergDecision);
    EXPECT_EQ(back.GetForm(), StenbergProbePayload::DECISION);
    EXPECT_TRUE(back.GetDecision());
    EXPECT_TRUE(back.GetLocalIdentities().empty());

    ExpectRoundTrip(back, WithU8(kStenbergDecision, 4, 0));
    EXPECT_EQ(back.GetForm(), StenbergProbePayload::DECISION);
    EXPECT_FALSE(back.GetDecision());
}

TEST(StenbergProbePayload, RejectsTruncationsAndIdentitiesThatAreOff)
{
    ExpectEveryTruncationRejected(makeStenberg, kStenbergProbe);
    ExpectEveryTruncationRejected(makeStenberg, kStenbergDecision);
    // Includes the 1-byte body 0x05, which is no valid decision.
    ExpectEveryBodyTruncationRejected(makeStenberg, kStenbergProbe, kStenbergProbe.size());
    EXPECT_EQ(ParseWith(makeStenberg, WithU8(kStenbergDecision, 4, 2)), 0u) << "decision 2";
    EXPECT_EQ(ParseWith(makeStenberg, TruncatedPayload(kStenbergProbe, 4)), 0u) << "empty body";
    std::vector<uint8_t> single = WithU8(TruncatedPayload(kStenbergProbe, 16), 4, 0);
    EXPECT_EQ(ParseWith(makeStenberg, single), 0u) << "no local identity";
    EXPECT_EQ(ParseWith(makeStenberg, WithU16(kStenbergProbe, 6, 13)), 0u) << "identity length 13";
    EXPECT_EQ(ParseWith(makeStenberg, WithU16(kStenbergProbe, 6, 11)), 0u) << "identity length 11";
    EXPECT_EQ(ParseWith(makeStenberg, WithU8(kStenbergProbe, 4, 0)), 0u) << "series ends early";
    EXPECT_EQ(ParseWith(makeStenberg, WithU8(kStenbergProbe, 28, 5)), 0u) << "last names another";
    EXPECT_EQ(ParseWith(makeStenberg, WithU8(kStenbergProbe, 4, 13)), 0u) << "names a vendor ID";
    EXPECT_EQ(ParseWith(makeStenberg, WithU8(kStenbergProbe, 8, 5)), 0u) << "IPv6 ID type";
    EXPECT_EQ(ParseWith(makeStenberg, WithU8(kStenbergProbe, 9, 6)), 0u) << "TCP identity";
}

// ---------------------------------------------------------------- vendor IDs

namespace
{

std::vector<uint8_t>
Md5(const std::string& text)
{
    std::vector<uint8_t> digest(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    EXPECT_EQ(EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_md5(), nullptr), 1);
    digest.resize(size);
    return digest;
}

} // namespace

TEST(IkeVendorIds, AreTheMd5HashesOfTheirNames)
{
    EXPECT_EQ(Md5("RFC 3947"), kIkeVendorIdRfc3947);
    EXPECT_EQ(kIkeVendorIdRfc3947, FromHex("4a131c81070358455c5728f20e95452f"));
    EXPECT_EQ(Md5(kStenbergDraftName), kIkeVendorIdStenberg00);
    EXPECT_EQ(std::string(kStenbergDraftName), "draft-stenberg-ipsec-nat-traversal-00");
}

// ---------------------------------------------------------------- whole messages

namespace
{

const std::vector<uint8_t> kInitiatorCookie = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
const std::vector<uint8_t> kResponderCookie = {0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00};

std::vector<uint8_t>
Pattern(std::size_t size, uint8_t first)
{
    std::vector<uint8_t> bytes(size);
    for (std::size_t k = 0; k < size; ++k)
    {
        bytes[k] = static_cast<uint8_t>(first + k);
    }
    return bytes;
}

// Main Mode message 1 of an RFC 3947 initiator that also speaks the
// Stenberg draft: HDR, SA, VID(RFC 3947), VID(draft-stenberg-00).
std::vector<uint8_t>
MainModeMessage1()
{
    return Concat({
        kInitiatorCookie,              // initiator cookie
        std::vector<uint8_t>(8, 0x00), // responder cookie: not yet known
        {0x01, 0x10, 0x02, 0x00},      // next SA, version 1.0, Main Mode, no flags
        {0x00, 0x00, 0x00, 0x00},      // message ID
        {0x00, 0x00, 0x00, 0xa0},      // length 160
        WithU8(kPhaseOneSa, 0, 0x0d),  // SA, next: vendor ID
        {0x0d, 0x00, 0x00, 0x14},      // vendor ID, next: vendor ID, length 20
        kIkeVendorIdRfc3947,           //   MD5("RFC 3947")
        {0x00, 0x00, 0x00, 0x14},      // vendor ID, last payload, length 20
        kIkeVendorIdStenberg00,        //   MD5("draft-stenberg-ipsec-nat-traversal-00")
    });
}

// Main Mode message 3 with NAT detection (RFC 3947 3.2): HDR, KE, Ni,
// NAT-D (the peer), NAT-D (this host).
std::vector<uint8_t>
MainModeMessage3()
{
    return Concat({
        kInitiatorCookie,         // initiator cookie
        kResponderCookie,         // responder cookie
        {0x04, 0x10, 0x02, 0x00}, // next KE, version 1.0, Main Mode, no flags
        {0x00, 0x00, 0x00, 0x00}, // message ID
        {0x00, 0x00, 0x01, 0x64}, // length 356
        {0x0a, 0x00, 0x01, 0x04}, // KE, next: nonce, length 260
        Pattern(256, 0x01),       //   a MODP 2048 public value
        {0x14, 0x00, 0x00, 0x14}, // nonce, next: NAT-D, length 20
        Pattern(16, 0xa0),        //   Ni
        {0x14, 0x00, 0x00, 0x18}, // NAT-D, next: NAT-D, length 24
        Pattern(20, 0x30),        //   HASH(CKY-I | CKY-R | IP | port) of the peer
        {0x00, 0x00, 0x00, 0x18}, // NAT-D, last payload, length 24
        Pattern(20, 0x60),        //   the same for this host
    });
}

} // namespace

TEST(IkeMessage, BuildsMainModeMessage1WithNatTraversalVendorIds)
{
    IkeMessage m;
    m.GetHeader().SetInitiatorSpi(0x1122334455667788ULL);
    m.GetHeader().SetMajorVersion(1);
    m.GetHeader().SetExchangeType(IsakmpHeader::IKEV1_MAIN_MODE);
    m.AddPayload(std::make_unique<Ikev1SaPayload>(MakePhaseOneSa()));
    auto rfc = std::make_unique<IkeVendorIdPayload>(1);
    rfc->SetData(kIkeVendorIdRfc3947);
    m.AddPayload(std::move(rfc));
    auto stenberg = std::make_unique<IkeVendorIdPayload>(1);
    stenberg->SetData(kIkeVendorIdStenberg00);
    m.AddPayload(std::move(stenberg));
    EXPECT_EQ(SerializeHeader(m), MainModeMessage1());
}

TEST(IkeMessage, ParsesMainModeMessage1AndWritesItBackByteForByte)
{
    const std::vector<uint8_t> bytes = MainModeMessage1();
    IkeMessage m;
    ASSERT_EQ(DeserializeHeader(m, bytes), bytes.size())
        << IkeMessage::ParseErrorToString(m.GetParseError());
    EXPECT_EQ(m.GetHeader().GetExchangeType(), IsakmpHeader::IKEV1_MAIN_MODE);
    ASSERT_EQ(m.GetPayloads().size(), 3u);
    const auto* sa = m.Find<Ikev1SaPayload>(IKEV1_PAYLOAD_SA);
    ASSERT_NE(sa, nullptr) << "the IKEv1 factory makes SA payloads";
    ASSERT_EQ(sa->GetProposals().size(), 1u);
    EXPECT_EQ(sa->GetProposals()[0].transforms.size(), 2u);
    const auto* first = m.Find<IkeVendorIdPayload>(IKEV1_PAYLOAD_VENDOR_ID, 0);
    const auto* second = m.Find<IkeVendorIdPayload>(IKEV1_PAYLOAD_VENDOR_ID, 1);
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(first->GetData(), kIkeVendorIdRfc3947);
    EXPECT_EQ(second->GetData(), kIkeVendorIdStenberg00);
    EXPECT_EQ(SerializeHeader(m), bytes);
}

TEST(IkeMessage, ParsesMainModeMessage3WithTwoNatDetectionPayloads)
{
    const std::vector<uint8_t> bytes = MainModeMessage3();
    IkeMessage m;
    ASSERT_EQ(DeserializeHeader(m, bytes), bytes.size())
        << IkeMessage::ParseErrorToString(m.GetParseError());
    EXPECT_EQ(m.GetHeader().GetResponderSpi(), 0x99aabbccddeeff00ULL);
    ASSERT_EQ(m.GetPayloads().size(), 4u);
    EXPECT_EQ(m.GetPayloads()[0]->GetPayloadType(), IKEV1_PAYLOAD_KE);
    EXPECT_EQ(m.GetPayloads()[0]->GetSerializedSize(), 260u);
    const auto* nonce = m.Find<IkeNoncePayload>(IKEV1_PAYLOAD_NONCE);
    ASSERT_NE(nonce, nullptr);
    EXPECT_EQ(nonce->GetData(), Pattern(16, 0xa0));
    const auto* peer = m.Find<IkeNatDPayload>(IKEV1_PAYLOAD_NAT_D, 0);
    const auto* self = m.Find<IkeNatDPayload>(IKEV1_PAYLOAD_NAT_D, 1);
    ASSERT_NE(peer, nullptr);
    ASSERT_NE(self, nullptr);
    EXPECT_EQ(peer->GetData(), Pattern(20, 0x30));
    EXPECT_EQ(self->GetData(), Pattern(20, 0x60));
    EXPECT_EQ(SerializeHeader(m), bytes);
}

TEST(IkeMessage, RejectsAMainModeMessageWhoseSaPayloadIsMalformed)
{
    // The SA's transform count says 3 where there are 2.
    std::vector<uint8_t> bytes = WithU8(MainModeMessage1(), 28 + 19, 3);
    IkeMessage m;
    EXPECT_EQ(DeserializeHeader(m, bytes), 0u);
    EXPECT_EQ(m.GetParseError(), IkeMessage::PARSE_MALFORMED_PAYLOAD);
    EXPECT_EQ(m.GetParseErrorPayloadType(), IKEV1_PAYLOAD_SA);
}

TEST(IkeMessage, ParsesTheDecryptedBodyOfMainModeMessage5WithTheStenbergProbe)
{
    // IDii, HASH_I and the probe, then the cipher's padding (RFC 2409 5.3).
    const std::vector<uint8_t> plaintext = Concat({
        {0x08, 0x00, 0x00, 0x0c},     // ID, next: HASH, length 12
        {0x01, 0x11, 0x01, 0xf4},     //   ID_IPV4_ADDR, UDP, port 500
        {0x0a, 0x00, 0x00, 0x05},     //   10.0.0.5
        {0xd3, 0x00, 0x00, 0x18},     // HASH, next: 211, length 24
        Pattern(20, 0x40),            //   HASH_I
        WithU8(kStenbergProbe, 0, 0), // the probe, last payload
        {0x00, 0x00, 0x00, 0x00},     // padding
    });
    Buffer buffer(plaintext.size());
    buffer.AddAtStart(plaintext.size());
    buffer.Begin().Write(plaintext.data(), plaintext.size());
    WireReader r(buffer.Begin(), plaintext.size());
    std::vector<std::unique_ptr<IkePayload>> payloads;
    uint8_t failedType = 0;
    ASSERT_EQ(IkeMessage::ParsePayloadChain(1, IKEV1_PAYLOAD_ID, r, payloads, failedType, true),
              IkeMessage::PARSE_OK);
    ASSERT_EQ(payloads.size(), 3u);
    const auto* id = dynamic_cast<const IkeIdPayload*>(payloads[0].get());
    ASSERT_NE(id, nullptr);
    EXPECT_EQ(id->GetIpv4Address(), Ipv4Address("10.0.0.5"));
    EXPECT_EQ(id->GetPort(), IKE_UDP_PORT);
    const auto* probe = dynamic_cast<const StenbergProbePayload*>(payloads[2].get());
    ASSERT_NE(probe, nullptr);
    EXPECT_EQ(probe->GetForm(), StenbergProbePayload::PROBE);
    EXPECT_EQ(probe->GetLocalIdentities().size(), 2u);
    std::vector<uint8_t> back = IkeMessage::SerializePayloads(payloads);
    EXPECT_EQ(back, std::vector<uint8_t>(plaintext.begin(), plaintext.end() - 4));
}
