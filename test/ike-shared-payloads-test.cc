/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Payloads both IKE versions have, in their two layouts: Identification
// (RFC 2407 4.6.2, RFC 7296 3.5), Notify (RFC 2408 3.14, RFC 7296 3.10)
// and Delete (RFC 2408 3.15, RFC 7296 3.11).

#include "ike-payload-test-util.h"

#include "ns3/ike-delete-payload.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-ports.h"

#include <gtest/gtest.h>
#include <string>

using namespace ns3;

// ---------------------------------------------------------------- ID

namespace
{

// IKEv1 phase-1 identity of a host at a public address.
const std::vector<uint8_t> kIdV1Ipv4 = {
    0x00,
    0x00,
    0x00,
    0x0c, // generic header: length 12
    0x01,
    0x11,
    0x01,
    0xf4, // ID_IPV4_ADDR, protocol UDP, port 500
    0xc0,
    0x00,
    0x02,
    0x0a, // 192.0.2.10
};

// IKEv1 Quick Mode identity of a protected subnet (any protocol and port).
const std::vector<uint8_t> kIdV1Subnet = {
    0x00,
    0x00,
    0x00,
    0x10, // generic header: length 16
    0x04,
    0x00,
    0x00,
    0x00, // ID_IPV4_ADDR_SUBNET, protocol any, port any
    0x0a,
    0x01,
    0x00,
    0x00, // 10.1.0.0
    0xff,
    0xff,
    0x00,
    0x00, // 255.255.0.0
};

// IKEv2 IDi naming the initiator by host name.
const std::vector<uint8_t> kIdV2Fqdn = {
    0x00, 0x00, 0x00, 0x17, // generic header: length 23
    0x02, 0x00, 0x00, 0x00, // ID_FQDN, reserved (3 bytes)
    'v',  'p',  'n',  '.',  // "vpn.example.org"
    'e',  'x',  'a',  'm',  //
    'p',  'l',  'e',  '.',  //
    'o',  'r',  'g',        //
};

auto makeIdV1 = [] { return IkeIdPayload(1); };
auto makeIdV2 = [] { return IkeIdPayload(2, true); };

} // namespace

TEST(IkeIdPayload, WritesAnIkev1Ipv4IdentityWithProtocolAndPort)
{
    IkeIdPayload id(1);
    id.SetIpv4Address(Ipv4Address("192.0.2.10"));
    id.SetProtocolId(IkeIdPayload::PROTOCOL_UDP);
    id.SetPort(IKE_UDP_PORT);
    EXPECT_EQ(id.GetPayloadType(), IKEV1_PAYLOAD_ID);
    EXPECT_EQ(SerializeHeader(id), kIdV1Ipv4);

    IkeIdPayload back(1);
    ExpectRoundTrip(back, kIdV1Ipv4);
    EXPECT_EQ(back.GetIdType(), IkeIdPayload::ID_IPV4_ADDR);
    EXPECT_EQ(back.GetProtocolId(), 17);
    EXPECT_EQ(back.GetPort(), IKE_UDP_PORT);
    EXPECT_EQ(back.GetIpv4Address(), Ipv4Address("192.0.2.10"));
}

TEST(IkeIdPayload, WritesAnIkev1SubnetIdentityAsAddressThenMask)
{
    IkeIdPayload id(1);
    id.SetIpv4Subnet(Ipv4Address("10.1.0.0"), Ipv4Mask("255.255.0.0"));
    EXPECT_EQ(SerializeHeader(id), kIdV1Subnet);

    IkeIdPayload back(1);
    ExpectRoundTrip(back, kIdV1Subnet);
    EXPECT_EQ(back.GetIdType(), IkeIdPayload::ID_IPV4_ADDR_SUBNET);
    EXPECT_EQ(back.GetIpv4SubnetAddress(), Ipv4Address("10.1.0.0"));
    EXPECT_EQ(back.GetIpv4SubnetMask(), Ipv4Mask("255.255.0.0"));
    EXPECT_EQ(back.GetIpv4Address(), Ipv4Address()) << "a subnet is no single address";
}

TEST(IkeIdPayload, WritesAnIkev2FqdnIdentityWithReservedBytes)
{
    IkeIdPayload id(2, true);
    id.SetFqdn("vpn.example.org");
    EXPECT_EQ(id.GetPayloadType(), IKEV2_PAYLOAD_IDI);
    EXPECT_EQ(SerializeHeader(id), kIdV2Fqdn);

    IkeIdPayload back(2, true);
    ExpectRoundTrip(back, kIdV2Fqdn);
    EXPECT_EQ(back.GetIdType(), IkeIdPayload::ID_FQDN);
    EXPECT_EQ(back.GetString(), "vpn.example.org");

    IkeIdPayload responder(2, false);
    EXPECT_EQ(responder.GetPayloadType(), IKEV2_PAYLOAD_IDR);
    ExpectRoundTrip(responder, kIdV2Fqdn);
}

TEST(IkeIdPayload, IgnoresProtocolAndPortInIkev2WhereTheBytesAreReserved)
{
    IkeIdPayload id(2, false);
    id.SetUserFqdn("alice@example.org");
    id.SetProtocolId(17);
    id.SetPort(IKE_UDP_PORT);
    std::vector<uint8_t> bytes = SerializeHeader(id);
    ASSERT_EQ(bytes.size(), 8u + 17u);
    EXPECT_EQ(bytes[4], IkeIdPayload::ID_RFC822_ADDR);
    EXPECT_EQ(bytes[5], 0);
    EXPECT_EQ(bytes[6], 0);
    EXPECT_EQ(bytes[7], 0);
    IkeIdPayload back(2, false);
    ExpectRoundTrip(back, bytes);
    EXPECT_EQ(back.GetString(), "alice@example.org");
    EXPECT_EQ(back.GetPort(), 0);
}

TEST(IkeIdPayload, RoundTripsRangesIpv6AddressesAndKeyIds)
{
    IkeIdPayload range(1);
    range.SetIpv4Range(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.99"));
    IkeIdPayload rangeBack(1);
    ExpectRoundTrip(rangeBack, SerializeHeader(range));
    EXPECT_EQ(rangeBack.GetIdType(), IkeIdPayload::ID_IPV4_ADDR_RANGE);
    EXPECT_EQ(rangeBack.GetIpv4RangeFirst(), Ipv4Address("10.0.0.1"));
    EXPECT_EQ(rangeBack.GetIpv4RangeLast(), Ipv4Address("10.0.0.99"));

    IkeIdPayload v6(2, true);
    v6.SetIpv6Address(Ipv6Address("2001:db8::7"));
    IkeIdPayload v6Back(2, true);
    ExpectRoundTrip(v6Back, SerializeHeader(v6));
    EXPECT_EQ(v6Back.GetIpv6Address(), Ipv6Address("2001:db8::7"));

    IkeIdPayload key(2, true);
    key.SetKeyId({0xde, 0xad, 0xbe, 0xef, 0x01});
    IkeIdPayload keyBack(2, true);
    ExpectRoundTrip(keyBack, SerializeHeader(key));
    EXPECT_EQ(keyBack.GetIdType(), IkeIdPayload::ID_KEY_ID);
    EXPECT_EQ(keyBack.GetData(), (std::vector<uint8_t>{0xde, 0xad, 0xbe, 0xef, 0x01}));
}

TEST(IkeIdPayload, RejectsTruncationsAndDataOfTheWrongSizeForItsType)
{
    ExpectEveryTruncationRejected(makeIdV1, kIdV1Ipv4);
    ExpectEveryTruncationRejected(makeIdV1, kIdV1Subnet);
    ExpectEveryTruncationRejected(makeIdV2, kIdV2Fqdn);
    // Short IPv4 and subnet data are wrong sizes; a short FQDN is still a
    // name, but an empty one is not.
    ExpectEveryBodyTruncationRejected(makeIdV1, kIdV1Ipv4, kIdV1Ipv4.size());
    ExpectEveryBodyTruncationRejected(makeIdV1, kIdV1Subnet, kIdV1Subnet.size());
    ExpectEveryBodyTruncationRejected(makeIdV2, kIdV2Fqdn, 5);
    EXPECT_NE(ParseWith(makeIdV2, TruncatedPayload(kIdV2Fqdn, 9)), 0u) << "the name \"v\"";

    std::vector<uint8_t> fiveBytes = Concat({kIdV1Ipv4, {0x00}});
    EXPECT_EQ(ParseWith(makeIdV1, WithU16(fiveBytes, 2, 13)), 0u) << "5-byte IPv4 address";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Subnet, 4, IkeIdPayload::ID_IPV4_ADDR)), 0u)
        << "8 bytes are no ID_IPV4_ADDR";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Ipv4, 4, IkeIdPayload::ID_IPV4_ADDR_SUBNET)), 0u)
        << "4 bytes are no subnet";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Subnet, 4, IkeIdPayload::ID_IPV6_ADDR)), 0u)
        << "8 bytes are no IPv6 address";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Subnet, 4, IkeIdPayload::ID_IPV6_ADDR_RANGE)), 0u)
        << "8 bytes are no IPv6 range";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Subnet, 4, IkeIdPayload::ID_IPV4_ADDR_RANGE)),
              kIdV1Subnet.size())
        << "8 bytes are a valid IPv4 range";
    EXPECT_EQ(ParseWith(makeIdV2, WithU8(kIdV2Fqdn, 4, IkeIdPayload::ID_IPV4_ADDR)), 0u)
        << "a name is no IPv4 address";
}

// ---------------------------------------------------------------- ID, IPv6

namespace
{

/// IP protocol 41, IPv6 in IPv4 (RFC 4213 3.5), as RFC 4891 5.1 selects it.
constexpr uint8_t kProtocol6in4 = 41;

// IKEv1 phase-1 identity of a host at an IPv6 address (RFC 2407 4.6.2.6).
const std::vector<uint8_t> kIdV1Ipv6 = Concat({
    {0x00, 0x00, 0x00, 0x18}, // generic header: length 24
    {0x05, 0x11, 0x01, 0xf4}, // ID_IPV6_ADDR, protocol UDP, port 500
    {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a}, // 2001:db8::a
});

// IKEv1 Quick Mode identity of an IPv6 site, protocol 41 only (RFC 2407
// 4.6.2.7: address then a 128-bit mask).
const std::vector<uint8_t> kIdV1Ipv6Subnet = Concat({
    {0x00, 0x00, 0x00, 0x28}, // generic header: length 40
    {0x06, 0x29, 0x00, 0x00}, // ID_IPV6_ADDR_SUBNET, protocol 41, port any
    {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, // 2001:db8:1::
    {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, // /48
});

// IKEv1 Quick Mode identity of an IPv6 range, TCP port 80 (RFC 2407
// 4.6.2.9: first then last address).
const std::vector<uint8_t> kIdV1Ipv6Range = Concat({
    {0x00, 0x00, 0x00, 0x28}, // generic header: length 40
    {0x08, 0x06, 0x00, 0x50}, // ID_IPV6_ADDR_RANGE, protocol TCP, port 80
    {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}, // 2001:db8:2::1
    {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff}, // 2001:db8:2::ff
});

// IKEv2 IDr naming the responder by its IPv6 address (RFC 7296 3.5).
const std::vector<uint8_t> kIdV2Ipv6 = Concat({
    {0x00, 0x00, 0x00, 0x18}, // generic header: length 24
    {0x05, 0x00, 0x00, 0x00}, // ID_IPV6_ADDR, reserved (3 bytes)
    {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x14}, // 2001:db8::14
});

auto makeIdV2Responder = [] { return IkeIdPayload(2, false); };

} // namespace

TEST(IkeIdPayload, WritesAnIkev1Ipv6IdentityWithProtocolAndPort)
{
    IkeIdPayload id(1);
    id.SetIpv6Address(Ipv6Address("2001:db8::a"));
    id.SetProtocolId(IkeIdPayload::PROTOCOL_UDP);
    id.SetPort(IKE_UDP_PORT);
    EXPECT_EQ(SerializeHeader(id), kIdV1Ipv6);

    IkeIdPayload back(1);
    ExpectRoundTrip(back, kIdV1Ipv6);
    EXPECT_EQ(back.GetIdType(), IkeIdPayload::ID_IPV6_ADDR);
    EXPECT_EQ(back.GetProtocolId(), IkeIdPayload::PROTOCOL_UDP);
    EXPECT_EQ(back.GetPort(), IKE_UDP_PORT);
    EXPECT_EQ(back.GetIpv6Address(), Ipv6Address("2001:db8::a"));
    EXPECT_EQ(back.GetIpv4Address(), Ipv4Address()) << "no IPv4 address in an IPv6 ID";
    EXPECT_EQ(PrintToString(back),
              "ID(5) next=0 length=24 type=5 protocol=17 port=500 2001:db8::a");
}

TEST(IkeIdPayload, WritesAnIkev1Ipv6SubnetOfProtocol41AsAddressThenMask)
{
    IkeIdPayload id(1);
    id.SetIpv6Subnet(Ipv6Address("2001:db8:1::"), Ipv6Prefix(48));
    id.SetProtocolId(kProtocol6in4);
    EXPECT_EQ(SerializeHeader(id), kIdV1Ipv6Subnet);

    IkeIdPayload back(1);
    ExpectRoundTrip(back, kIdV1Ipv6Subnet);
    EXPECT_EQ(back.GetIdType(), IkeIdPayload::ID_IPV6_ADDR_SUBNET);
    EXPECT_EQ(back.GetProtocolId(), kProtocol6in4);
    EXPECT_EQ(back.GetPort(), 0);
    EXPECT_EQ(back.GetIpv6SubnetAddress(), Ipv6Address("2001:db8:1::"));
    EXPECT_EQ(back.GetIpv6SubnetPrefix(), Ipv6Prefix(48));
    EXPECT_EQ(back.GetIpv6Address(), Ipv6Address::GetAny()) << "a subnet is no single address";
    EXPECT_EQ(back.GetIpv6RangeFirst(), Ipv6Address::GetAny()) << "nor a range";
    EXPECT_EQ(PrintToString(back),
              "ID(5) next=0 length=40 type=6 protocol=41 port=0 2001:db8:1::/48");
}

TEST(IkeIdPayload, WritesAnIkev1Ipv6RangeAsFirstThenLast)
{
    IkeIdPayload id(1);
    id.SetIpv6Range(Ipv6Address("2001:db8:2::1"), Ipv6Address("2001:db8:2::ff"));
    id.SetProtocolId(6);
    id.SetPort(80);
    EXPECT_EQ(SerializeHeader(id), kIdV1Ipv6Range);

    IkeIdPayload back(1);
    ExpectRoundTrip(back, kIdV1Ipv6Range);
    EXPECT_EQ(back.GetIdType(), IkeIdPayload::ID_IPV6_ADDR_RANGE);
    EXPECT_EQ(back.GetIpv6RangeFirst(), Ipv6Address("2001:db8:2::1"));
    EXPECT_EQ(back.GetIpv6RangeLast(), Ipv6Address("2001:db8:2::ff"));
    EXPECT_EQ(back.GetIpv6SubnetAddress(), Ipv6Address::GetAny()) << "a range is no subnet";
    EXPECT_EQ(PrintToString(back),
              "ID(5) next=0 length=40 type=8 protocol=6 port=80 2001:db8:2::1-2001:db8:2::ff");
}

TEST(IkeIdPayload, WritesAnIkev2Ipv6IdentityWithReservedBytes)
{
    IkeIdPayload id(2, false);
    id.SetIpv6Address(Ipv6Address("2001:db8::14"));
    id.SetProtocolId(IkeIdPayload::PROTOCOL_UDP); // reserved in IKEv2: not written
    EXPECT_EQ(SerializeHeader(id), kIdV2Ipv6);

    IkeIdPayload back(2, false);
    ExpectRoundTrip(back, kIdV2Ipv6);
    EXPECT_EQ(back.GetIdType(), IkeIdPayload::ID_IPV6_ADDR);
    EXPECT_EQ(back.GetIpv6Address(), Ipv6Address("2001:db8::14"));
    EXPECT_EQ(PrintToString(back), "IDr(36) next=0 length=24 type=5 2001:db8::14");
}

TEST(IkeIdPayload, RejectsIpv6DataOfTheWrongSize)
{
    ExpectEveryTruncationRejected(makeIdV1, kIdV1Ipv6);
    ExpectEveryTruncationRejected(makeIdV1, kIdV1Ipv6Subnet);
    ExpectEveryTruncationRejected(makeIdV1, kIdV1Ipv6Range);
    ExpectEveryTruncationRejected(makeIdV2Responder, kIdV2Ipv6);
    // Every shorter body, even with a payload length that agrees, is a
    // wrong size for the type: 16 bytes for an address, 32 for a subnet or
    // range (RFC 2407 4.6.2.6-4.6.2.9).
    ExpectEveryBodyTruncationRejected(makeIdV1, kIdV1Ipv6, kIdV1Ipv6.size());
    ExpectEveryBodyTruncationRejected(makeIdV1, kIdV1Ipv6Subnet, kIdV1Ipv6Subnet.size());
    ExpectEveryBodyTruncationRejected(makeIdV1, kIdV1Ipv6Range, kIdV1Ipv6Range.size());
    ExpectEveryBodyTruncationRejected(makeIdV2Responder, kIdV2Ipv6, kIdV2Ipv6.size());

    std::vector<uint8_t> seventeen = WithU16(Concat({kIdV1Ipv6, {0x00}}), 2, 25);
    EXPECT_EQ(ParseWith(makeIdV1, seventeen), 0u) << "17-byte IPv6 address";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Ipv6Subnet, 4, IkeIdPayload::ID_IPV6_ADDR)), 0u)
        << "32 bytes are no ID_IPV6_ADDR";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Ipv6, 4, IkeIdPayload::ID_IPV6_ADDR_SUBNET)), 0u)
        << "16 bytes are no IPv6 subnet";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Ipv6, 4, IkeIdPayload::ID_IPV6_ADDR_RANGE)), 0u)
        << "16 bytes are no IPv6 range";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Ipv6, 4, IkeIdPayload::ID_IPV4_ADDR)), 0u)
        << "16 bytes are no IPv4 address";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Ipv6Subnet, 4, IkeIdPayload::ID_IPV4_ADDR_SUBNET)),
              0u)
        << "32 bytes are no IPv4 subnet";
    EXPECT_EQ(ParseWith(makeIdV1, WithU8(kIdV1Ipv6Subnet, 4, IkeIdPayload::ID_IPV6_ADDR_RANGE)),
              kIdV1Ipv6Subnet.size())
        << "32 bytes are a valid IPv6 range";
}

TEST(IkeIdPayload, PrintsTheIdentityReadably)
{
    IkeIdPayload id(1);
    ASSERT_EQ(DeserializeHeader(id, kIdV1Ipv4), kIdV1Ipv4.size());
    std::string text = PrintToString(id);
    EXPECT_NE(text.find("192.0.2.10"), std::string::npos) << text;
    EXPECT_NE(text.find("port=500"), std::string::npos) << text;
}

// ---------------------------------------------------------------- Notify

namespace
{

// IKEv2 NAT_DETECTION_SOURCE_IP (RFC 7296 2.23): no SPI, a SHA-1 hash.
const std::vector<uint8_t> kNotifyV2NatD = {
    0x00, 0x00, 0x00, 0x1c, // generic header: length 28
    0x00, 0x00, 0x40, 0x04, // protocol none, SPI size 0, type 16388
    0x00, 0x01, 0x02, 0x03, // SHA-1(SPIi | SPIr | IP | port)
    0x04, 0x05, 0x06, 0x07, //
    0x08, 0x09, 0x0a, 0x0b, //
    0x0c, 0x0d, 0x0e, 0x0f, //
    0x10, 0x11, 0x12, 0x13, //
};

// IKEv2 REKEY_SA (RFC 7296 1.3.3): the ESP SPI being rekeyed, no data.
const std::vector<uint8_t> kNotifyV2Rekey = {
    0x00,
    0x00,
    0x00,
    0x0c, // generic header: length 12
    0x03,
    0x04,
    0x40,
    0x09, // protocol ESP, SPI size 4, type 16393
    0x11,
    0x22,
    0x33,
    0x44, // SPI
};

// IKEv1 R-U-THERE (RFC 3706 5.1): ISAKMP SA's cookies as SPI, a sequence number.
const std::vector<uint8_t> kNotifyV1Dpd = {
    0x00, 0x00, 0x00, 0x20, // generic header: length 32
    0x00, 0x00, 0x00, 0x01, // DOI: IPsec
    0x01, 0x10, 0x8d, 0x28, // protocol ISAKMP, SPI size 16, type 36136
    0x11, 0x22, 0x33, 0x44, // initiator cookie
    0x55, 0x66, 0x77, 0x88, //
    0x99, 0xaa, 0xbb, 0xcc, // responder cookie
    0xdd, 0xee, 0xff, 0x00, //
    0x00, 0x00, 0x30, 0x39, // sequence number 12345
};

const std::vector<uint8_t> kCookies = {0x11,
                                       0x22,
                                       0x33,
                                       0x44,
                                       0x55,
                                       0x66,
                                       0x77,
                                       0x88,
                                       0x99,
                                       0xaa,
                                       0xbb,
                                       0xcc,
                                       0xdd,
                                       0xee,
                                       0xff,
                                       0x00};

auto makeNotifyV1 = [] { return IkeNotifyPayload(1); };
auto makeNotifyV2 = [] { return IkeNotifyPayload(2); };

} // namespace

TEST(IkeNotifyPayload, WritesAnIkev2NatDetectionNotification)
{
    IkeNotifyPayload notify(2);
    notify.SetNotifyType(IkeNotifyPayload::NAT_DETECTION_SOURCE_IP);
    notify.SetData(std::vector<uint8_t>(kNotifyV2NatD.begin() + 8, kNotifyV2NatD.end()));
    EXPECT_EQ(notify.GetPayloadType(), IKEV2_PAYLOAD_NOTIFY);
    EXPECT_EQ(SerializeHeader(notify), kNotifyV2NatD);

    IkeNotifyPayload back(2);
    ExpectRoundTrip(back, kNotifyV2NatD);
    EXPECT_EQ(back.GetNotifyType(), IkeNotifyPayload::NAT_DETECTION_SOURCE_IP);
    EXPECT_EQ(back.GetProtocolId(), 0);
    EXPECT_TRUE(back.GetSpi().empty());
    EXPECT_EQ(back.GetData().size(), 20u);
    EXPECT_FALSE(back.IsError());
}

TEST(IkeNotifyPayload, WritesAnIkev2NotificationThatNamesAnEspSpi)
{
    IkeNotifyPayload notify(2);
    notify.SetProtocolId(3);
    notify.SetSpi32(0x11223344);
    notify.SetNotifyType(IkeNotifyPayload::REKEY_SA);
    EXPECT_EQ(SerializeHeader(notify), kNotifyV2Rekey);

    IkeNotifyPayload back(2);
    ExpectRoundTrip(back, kNotifyV2Rekey);
    EXPECT_EQ(back.GetProtocolId(), 3);
    EXPECT_EQ(back.GetSpi32(), 0x11223344u);
    EXPECT_EQ(back.GetNotifyType(), IkeNotifyPayload::REKEY_SA);
    EXPECT_TRUE(back.GetData().empty());
}

TEST(IkeNotifyPayload, WritesAnIkev1DeadPeerDetectionNotificationWithItsDoi)
{
    IkeNotifyPayload notify(1);
    notify.SetProtocolId(1);
    notify.SetSpi(kCookies);
    notify.SetNotifyType(IkeNotifyPayload::IKEV1_R_U_THERE);
    notify.SetData({0x00, 0x00, 0x30, 0x39});
    EXPECT_EQ(notify.GetPayloadType(), IKEV1_PAYLOAD_NOTIFY);
    EXPECT_EQ(SerializeHeader(notify), kNotifyV1Dpd);

    IkeNotifyPayload back(1);
    ExpectRoundTrip(back, kNotifyV1Dpd);
    EXPECT_EQ(back.GetDoi(), 1u);
    EXPECT_EQ(back.GetProtocolId(), 1);
    EXPECT_EQ(back.GetSpi(), kCookies);
    EXPECT_EQ(back.GetNotifyType(), IkeNotifyPayload::IKEV1_R_U_THERE);
    EXPECT_EQ(back.GetData(), (std::vector<uint8_t>{0x00, 0x00, 0x30, 0x39}));
    EXPECT_FALSE(back.IsError());
}

TEST(IkeNotifyPayload, TellsErrorsFromStatusInBothVersions)
{
    IkeNotifyPayload notify(2);
    notify.SetNotifyType(IkeNotifyPayload::NO_PROPOSAL_CHOSEN);
    EXPECT_TRUE(notify.IsError());
    notify.SetNotifyType(IkeNotifyPayload::IKEV1_INVALID_ID_INFORMATION);
    EXPECT_TRUE(notify.IsError());
    notify.SetNotifyType(IkeNotifyPayload::IKEV2_INITIAL_CONTACT);
    EXPECT_FALSE(notify.IsError());
    notify.SetNotifyType(IkeNotifyPayload::IKEV1_INITIAL_CONTACT);
    EXPECT_FALSE(notify.IsError());
}

TEST(IkeNotifyPayload, RejectsTruncationsAndSpiSizesThatDoNotFit)
{
    ExpectEveryTruncationRejected(makeNotifyV2, kNotifyV2NatD);
    ExpectEveryTruncationRejected(makeNotifyV2, kNotifyV2Rekey);
    ExpectEveryTruncationRejected(makeNotifyV1, kNotifyV1Dpd);
    // Cutting into the fixed part or the SPI is malformed; cutting the
    // data only shortens it.
    ExpectEveryBodyTruncationRejected(makeNotifyV2, kNotifyV2Rekey, 8);
    ExpectEveryBodyTruncationRejected(makeNotifyV1, kNotifyV1Dpd, 8 + 16);
    EXPECT_EQ(ParseWith(makeNotifyV1, TruncatedPayload(kNotifyV1Dpd, 4 + 8 + 16)), 28u);
    EXPECT_EQ(ParseWith(makeNotifyV2, WithU8(kNotifyV2Rekey, 5, 5)), 0u) << "SPI size 5, 4 there";
    EXPECT_EQ(ParseWith(makeNotifyV2, WithU8(kNotifyV2Rekey, 5, 0xff)), 0u) << "SPI size 255";
    EXPECT_EQ(ParseWith(makeNotifyV1, WithU8(kNotifyV1Dpd, 9, 21)), 0u) << "SPI size 21, 20 there";
    // Read with the other version's layout, the SPI size lands elsewhere.
    EXPECT_EQ(ParseWith(makeNotifyV1, kNotifyV2Rekey), 0u);
}

// ---------------------------------------------------------------- Delete

namespace
{

// IKEv2: two ESP SAs deleted at once.
const std::vector<uint8_t> kDeleteV2Esp = {
    0x00,
    0x00,
    0x00,
    0x10, // generic header: length 16
    0x03,
    0x04,
    0x00,
    0x02, // protocol ESP, SPI size 4, 2 SPIs
    0x11,
    0x22,
    0x33,
    0x44, // first SPI
    0x55,
    0x66,
    0x77,
    0x88, // second SPI
};

// IKEv2: the IKE SA itself, named by the message header (RFC 7296 3.11).
const std::vector<uint8_t> kDeleteV2Ike = {
    0x00,
    0x00,
    0x00,
    0x08, // generic header: length 8
    0x01,
    0x00,
    0x00,
    0x00, // protocol IKE, SPI size 0, no SPIs
};

// IKEv1: an ISAKMP SA, named by both cookies (RFC 2408 3.15).
const std::vector<uint8_t> kDeleteV1Isakmp = {
    0x00, 0x00, 0x00, 0x1c, // generic header: length 28
    0x00, 0x00, 0x00, 0x01, // DOI: IPsec
    0x01, 0x10, 0x00, 0x01, // protocol ISAKMP, SPI size 16, 1 SPI
    0x11, 0x22, 0x33, 0x44, // initiator cookie
    0x55, 0x66, 0x77, 0x88, //
    0x99, 0xaa, 0xbb, 0xcc, // responder cookie
    0xdd, 0xee, 0xff, 0x00, //
};

auto makeDeleteV1 = [] { return IkeDeletePayload(1); };
auto makeDeleteV2 = [] { return IkeDeletePayload(2); };

} // namespace

TEST(IkeDeletePayload, WritesAnIkev2DeleteOfTwoEspSas)
{
    IkeDeletePayload del(2);
    del.SetProtocolId(3);
    del.AddSpi32(0x11223344);
    del.AddSpi32(0x55667788);
    EXPECT_EQ(del.GetPayloadType(), IKEV2_PAYLOAD_DELETE);
    EXPECT_EQ(SerializeHeader(del), kDeleteV2Esp);

    IkeDeletePayload back(2);
    ExpectRoundTrip(back, kDeleteV2Esp);
    EXPECT_EQ(back.GetProtocolId(), 3);
    EXPECT_EQ(back.GetSpiSize(), 4);
    ASSERT_EQ(back.GetSpis().size(), 2u);
    EXPECT_EQ(back.GetSpi32(0), 0x11223344u);
    EXPECT_EQ(back.GetSpi32(1), 0x55667788u);
    EXPECT_EQ(back.GetSpi32(2), 0u) << "no third SPI";
}

TEST(IkeDeletePayload, WritesAnIkev2DeleteOfTheIkeSaWithoutSpis)
{
    IkeDeletePayload del(2);
    del.SetProtocolId(1);
    EXPECT_EQ(SerializeHeader(del), kDeleteV2Ike);
    IkeDeletePayload back(2);
    ExpectRoundTrip(back, kDeleteV2Ike);
    EXPECT_EQ(back.GetProtocolId(), 1);
    EXPECT_TRUE(back.GetSpis().empty());
}

TEST(IkeDeletePayload, WritesAnIkev1DeleteOfAnIsakmpSaByItsCookies)
{
    IkeDeletePayload del(1);
    del.SetProtocolId(1);
    del.AddCookiePair(0x1122334455667788ULL, 0x99aabbccddeeff00ULL);
    EXPECT_EQ(del.GetPayloadType(), IKEV1_PAYLOAD_DELETE);
    EXPECT_EQ(SerializeHeader(del), kDeleteV1Isakmp);

    IkeDeletePayload back(1);
    ExpectRoundTrip(back, kDeleteV1Isakmp);
    EXPECT_EQ(back.GetDoi(), 1u);
    EXPECT_EQ(back.GetSpiSize(), 16);
    ASSERT_EQ(back.GetSpis().size(), 1u);
    EXPECT_EQ(back.GetSpis()[0], kCookies);
}

TEST(IkeDeletePayload, RejectsCountsThatDisagreeWithTheSpisPresent)
{
    ExpectEveryTruncationRejected(makeDeleteV2, kDeleteV2Esp);
    ExpectEveryTruncationRejected(makeDeleteV2, kDeleteV2Ike);
    ExpectEveryTruncationRejected(makeDeleteV1, kDeleteV1Isakmp);
    ExpectEveryBodyTruncationRejected(makeDeleteV2, kDeleteV2Esp, kDeleteV2Esp.size());
    ExpectEveryBodyTruncationRejected(makeDeleteV1, kDeleteV1Isakmp, kDeleteV1Isakmp.size());
    EXPECT_EQ(ParseWith(makeDeleteV2, WithU16(kDeleteV2Esp, 6, 3)), 0u) << "3 counted, 2 there";
    EXPECT_EQ(ParseWith(makeDeleteV2, WithU16(kDeleteV2Esp, 6, 1)), 0u) << "1 counted, 2 there";
    EXPECT_EQ(ParseWith(makeDeleteV2, WithU16(kDeleteV2Esp, 6, 0xffff)), 0u) << "65535 counted";
    EXPECT_EQ(ParseWith(makeDeleteV2, WithU8(kDeleteV2Esp, 5, 3)), 0u) << "8 bytes, size 3";
    EXPECT_EQ(ParseWith(makeDeleteV2, WithU16(kDeleteV2Ike, 6, 1)), 0u) << "a zero-size SPI";
    EXPECT_EQ(ParseWith(makeDeleteV1, WithU8(kDeleteV1Isakmp, 9, 8)), 0u) << "16 bytes, 1 of 8";
    // Two SPIs of 8 bytes fill the same 16 bytes, so that reading is valid.
    std::vector<uint8_t> two = WithU16(WithU8(kDeleteV1Isakmp, 9, 8), 10, 2);
    IkeDeletePayload back(1);
    ExpectRoundTrip(back, two);
    EXPECT_EQ(back.GetSpis().size(), 2u);
}
