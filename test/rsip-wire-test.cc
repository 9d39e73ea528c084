/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RSIP messages (RFC 3103 3, RFC 3104 5): known-answer bytes, round trips,
// and what the parser refuses. tshark-wire-test.cc has Wireshark read them.
#include "wire-test-util.h"

#include "ns3/rsip-message.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

RsipMessage
RegisterResponse()
{
    RsipMessage m(RsipMessage::REGISTER_RESPONSE);
    m.AddClientId(7);
    m.AddLeaseTime(60);
    m.AddFlowPolicy(RsipMessage::FLOW_MACRO, RsipMessage::FLOW_NONE);
    m.AddMessageCounter(1);
    m.AddMethod(RsipMessage::METHOD_RSAP_IP);
    m.AddTunnelType(RsipMessage::TUNNEL_IP_IP);
    return m;
}

TEST(RsipWire, RegisterResponseKnownAnswer)
{
    EXPECT_EQ(SerializeHeader(RegisterResponse()),
              FromHex("01 03 0026"
                      "04 0004 00000007"
                      "03 0004 0000003c"
                      "09 0002 01 03"
                      "0b 0004 00000001"
                      "07 0001 02"
                      "06 0001 01"));
}

TEST(RsipWire, AssignResponseRsapIpRoundTrip)
{
    RsipMessage m(RsipMessage::ASSIGN_RESPONSE_RSAP_IP);
    m.AddClientId(7);
    m.AddBindId(3);
    m.AddAddress(Ipv4Address("198.51.100.1"));
    m.AddPorts(10000, 16);
    m.AddAddress(Ipv4Address("0.0.0.0"));
    m.AddPorts(0, 0);
    m.AddLeaseTime(60);
    m.AddTunnelType(RsipMessage::TUNNEL_IP_IP);
    m.AddMessageCounter(2);
    std::vector<uint8_t> bytes = SerializeHeader(m);
    ASSERT_EQ(bytes.size(), m.GetSerializedSize());
    RsipMessage back;
    EXPECT_EQ(DeserializeHeader(back, bytes), bytes.size());
    ASSERT_TRUE(back.IsValid());
    EXPECT_EQ(back.GetType(), RsipMessage::ASSIGN_RESPONSE_RSAP_IP);
    EXPECT_EQ(back.GetAddress(), Ipv4Address("198.51.100.1"));
    EXPECT_EQ(back.GetAddress(1), Ipv4Address("0.0.0.0"));
    auto ports = back.GetPorts();
    ASSERT_TRUE(ports);
    EXPECT_EQ(ports->first, 10000);
    EXPECT_EQ(ports->second, 16);
    EXPECT_EQ(back.GetUint32(RsipMessage::BIND_ID), 3u);
    EXPECT_EQ(back.GetUint32(RsipMessage::LEASE_TIME), 60u);
    EXPECT_EQ(back.GetUint8(RsipMessage::TUNNEL_TYPE), RsipMessage::TUNNEL_IP_IP);
    EXPECT_EQ(SerializeHeader(back), bytes);
}

TEST(RsipWire, RsipsecSpiParameterKnownAnswerAndRoundTrip)
{
    RsipMessage m(RsipMessage::ASSIGN_RESPONSE_RSIPSEC);
    m.AddClientId(7);
    m.AddSpis({0x00001000, 0x00001001});
    std::vector<uint8_t> bytes = SerializeHeader(m);
    EXPECT_EQ(bytes,
              FromHex("01 17 0018"
                      "04 0004 00000007"
                      "16 000a 0002 00001000 00001001"));
    RsipMessage back;
    EXPECT_EQ(DeserializeHeader(back, bytes), bytes.size());
    ASSERT_TRUE(back.IsValid());
    EXPECT_EQ(back.GetSpis(), (std::vector<uint32_t>{0x1000, 0x1001}));
}

TEST(RsipWire, ErrorResponseCarriesTheErrorValue)
{
    RsipMessage m(RsipMessage::ERROR_RESPONSE);
    m.AddError(RsipMessage::REGISTER_FIRST);
    RsipMessage back;
    std::vector<uint8_t> bytes = SerializeHeader(m);
    EXPECT_EQ(bytes, FromHex("01 01 0009 08 0002 012d"));
    DeserializeHeader(back, bytes);
    EXPECT_EQ(back.GetError(), RsipMessage::REGISTER_FIRST);
}

TEST(RsipWire, ParserRefusesWrongVersionLengthsAndValues)
{
    std::vector<uint8_t> good = SerializeHeader(RegisterResponse());
    RsipMessage m;
    // RFC 3103 3.1: version 1 only.
    std::vector<uint8_t> bad = good;
    bad[0] = 2;
    DeserializeHeader(m, bad);
    EXPECT_FALSE(m.IsValid());
    // The overall length promises more than the datagram holds.
    bad = good;
    bad.pop_back();
    DeserializeHeader(m, bad);
    EXPECT_FALSE(m.IsValid());
    // A parameter's length runs past the message.
    bad = FromHex("01 02 0008 0b 0004 00");
    DeserializeHeader(m, bad);
    EXPECT_FALSE(m.IsValid());
    // A Client ID is 4 bytes (RFC 3103 3.3.4).
    bad = FromHex("01 02 0009 04 0002 0007");
    DeserializeHeader(m, bad);
    EXPECT_FALSE(m.IsValid());
    // An SPI count that does not match the SPIs (RFC 3104 5.2).
    bad = FromHex("01 16 000d 16 0006 0002 00001000");
    DeserializeHeader(m, bad);
    EXPECT_FALSE(m.IsValid());
    DeserializeHeader(m, good);
    EXPECT_TRUE(m.IsValid());
}

} // namespace
