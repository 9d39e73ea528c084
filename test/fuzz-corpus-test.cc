/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The fuzz targets' seed corpus (test/fuzz/corpus/<target>/) is generated
// here from the wire classes, so the committed files stay what the code
// writes. The test fails when a file is missing or differs; run it with
// NATT_WRITE_FUZZ_CORPUS=1 in the environment to (re)write the files:
//
//   NATT_WRITE_FUZZ_CORPUS=1 build/test/natt-tests --gtest_filter='FuzzCorpus.*'

#include "wire-samples.h"

#include "ns3/ah-header.h"
#include "ns3/nat-keepalive-header.h"
#include "ns3/stenberg-envelope-header.h"
#include "ns3/stenberg-heartbeat-header.h"
#include "ns3/udp-encap-non-esp-marker.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>

using namespace ns3;

namespace
{

struct Seed
{
    std::string target; ///< fuzz target, the corpus folder
    std::string name;   ///< file name
    std::vector<uint8_t> bytes;
};

std::vector<uint8_t>
Concat(std::vector<uint8_t> a, const std::vector<uint8_t>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::vector<uint8_t>
AhSample(std::size_t icvSize, const std::vector<uint8_t>& payload)
{
    AhHeader ah;
    ah.SetNextHeader(17);
    ah.SetSpi(0x00002001);
    ah.SetSequenceNumber(1);
    ah.SetIcv(CountingBytes(icvSize, 0xa0));
    return Concat(SerializeHeader(ah), payload);
}

std::vector<uint8_t>
EnvelopeSample(const std::vector<uint8_t>& leftovers)
{
    StenbergEnvelopeHeader envelope;
    envelope.SetTos(0x10);
    envelope.SetProtocol(50);
    envelope.SetIdentification(0x0102);
    envelope.SetFragmentField(0x4000);
    envelope.SetSource(Ipv4Address("10.0.0.1"));
    envelope.SetLeftovers(leftovers);
    EspHeader esp;
    esp.SetSpi(0x00003001);
    esp.SetSequenceNumber(1);
    return Concat(Concat(SerializeHeader(envelope), SerializeHeader(esp)), CountingBytes(16));
}

std::vector<uint8_t>
HeartbeatSample(StenbergHeartbeatHeader::HeartbeatFlag flag)
{
    StenbergHeartbeatHeader heartbeat;
    heartbeat.SetFlag(flag);
    return SerializeHeader(heartbeat);
}

std::vector<uint8_t>
Ikev1EncryptedSample()
{
    IkeMessage m;
    m.GetHeader().SetInitiatorSpi(0x0123456789abcdefULL);
    m.GetHeader().SetResponderSpi(0xfedcba9876543210ULL);
    m.GetHeader().SetMajorVersion(1);
    m.GetHeader().SetExchangeType(IsakmpHeader::IKEV1_QUICK_MODE);
    m.GetHeader().SetFlags(IsakmpHeader::IKEV1_ENCRYPTION);
    m.GetHeader().SetNextPayload(IKEV1_PAYLOAD_HASH);
    m.GetHeader().SetMessageId(0x01020304);
    m.SetEncryptedBody(CountingBytes(32, 0xc0));
    return SerializeHeader(m);
}

/**
 * \p m with its bulky bodies (Diffie-Hellman values, certificates,
 * ciphertext) cut to a few bytes, so that the seed stays small while the
 * structure the parser walks stays the same.
 */
IkeMessage
Small(IkeMessage m)
{
    for (std::size_t k = 0; k < m.GetPayloads().size(); ++k)
    {
        IkePayload* payload = m.GetPayload(k);
        if (auto* ke = dynamic_cast<IkeKePayload*>(payload))
        {
            ke->SetDhGroup(Ikev2Transform::CURVE25519); // 32-byte values (RFC 8031)
            ke->SetData(CountingBytes(32, 0x01));
        }
        else if (auto* cert = dynamic_cast<IkeCertPayload*>(payload))
        {
            cert->SetData(CountingBytes(16, 0x30));
        }
        else if (auto* sk = dynamic_cast<Ikev2EncryptedPayload*>(payload))
        {
            sk->SetData(CountingBytes(16), CountingBytes(16, 0x10), CountingBytes(16, 0xf0));
        }
    }
    return m;
}

std::vector<Seed>
Seeds()
{
    using Heartbeat = StenbergHeartbeatHeader;
    const std::vector<uint8_t> marker = SerializeHeader(UdpEncapNonEspMarker());
    EspHeader esp;
    esp.SetSpi(0x00001001);
    esp.SetSequenceNumber(5);
    return {
        {"esp", "transport-udp", MakeEspPlaintextSample(0x1001, CountingBytes(13), 17, 16)},
        {"esp", "tunnel-ipv4", MakeEspPlaintextSample(0x1002, CountingBytes(20, 0x45), 4, 8)},
        {"esp", "empty-payload", MakeEspPlaintextSample(0x1003, {}, 59, 1)},
        {"ah", "hmac-sha1-96", AhSample(12, CountingBytes(8))},
        {"ah", "hmac-sha256-128", AhSample(16, CountingBytes(8))},
        {"ah", "no-icv", AhSample(0, {})},
        {"udpencap", "keepalive", SerializeHeader(NatKeepaliveHeader())},
        {"udpencap", "ikev2", Concat(marker, SerializeHeader(MakeIkev2Sample()))},
        {"udpencap", "ikev1", Concat(marker, SerializeHeader(MakeIkev1Sample()))},
        {"udpencap",
         "ikev2-ike-auth-sk",
         Concat(marker, SerializeHeader(Small(MakeIkev2AuthRequest())))},
        {"udpencap", "esp", Concat(SerializeHeader(esp), CountingBytes(24))},
        {"stenberg", "envelope", EnvelopeSample({})},
        {"stenberg", "envelope-options", EnvelopeSample({0x94, 0x04, 0x00, 0x00})},
        {"stenberg", "heartbeat-ping", HeartbeatSample(Heartbeat::FLAG_HEARTBEAT_PING)},
        {"stenberg", "heartbeat-reply", HeartbeatSample(Heartbeat::FLAG_HEARTBEAT_REPLY)},
        {"ike", "ikev1-main-mode", SerializeHeader(MakeIkev1Sample())},
        {"ike", "ikev1-encrypted", Ikev1EncryptedSample()},
        {"ike", "ikev2-sa-init", SerializeHeader(MakeIkev2Sample())},
        {"ike", "ikev2-sa-init-response", SerializeHeader(MakeIkev2ResponseSample())},
        // One seed per exchange shape of the tshark oracle, so every payload
        // class has a valid input to start from.
        {"ike", "ikev1-main-mode-1-sa-vid", SerializeHeader(MakeIkev1MainMode1())},
        {"ike", "ikev1-main-mode-3-ke-natd", SerializeHeader(Small(MakeIkev1MainMode3()))},
        {"ike", "ikev1-aggressive-mode-1", SerializeHeader(Small(MakeIkev1AggressiveMode1()))},
        {"ike", "ikev1-informational-notify-delete", SerializeHeader(MakeIkev1Informational())},
        {"ike", "ikev1-id-cert-hash-sig-nat-oa", SerializeHeader(Small(MakeIkev1ClearSample()))},
        {"ike", "stenberg-main-mode-5-probe", SerializeHeader(MakeStenbergMainMode5())},
        {"ike", "stenberg-main-mode-6-decision", SerializeHeader(MakeStenbergMainMode6())},
        {"ike", "ikev2-sa-init-sa-ke-notify", SerializeHeader(Small(MakeIkev2SaInitRequest()))},
        {"ike", "ikev2-cookie", SerializeHeader(MakeIkev2CookieResponse())},
        {"ike", "ikev2-ike-auth-sk", SerializeHeader(Small(MakeIkev2AuthRequest()))},
        {"ike", "ikev2-ike-auth-skf", SerializeHeader(Small(MakeIkev2AuthFragment(1)))},
        {"ike", "ikev2-id-cert-auth-cp-ts-delete", SerializeHeader(Small(MakeIkev2ClearSample()))},
        {"ike", "ikev1-ipv6-ids", SerializeHeader(MakeIkev1Ipv6ClearSample())},
        {"ike", "ikev2-ipv6-id-auth-ts", SerializeHeader(MakeIkev2Ipv6ClearSample())},
    };
}

std::filesystem::path
CorpusDir(const std::string& target)
{
    return std::filesystem::path(NATT_SOURCE_DIR) / "test" / "fuzz" / "corpus" / target;
}

std::vector<uint8_t>
ReadFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>());
}

} // namespace

TEST(FuzzCorpus, MatchesTheWireClasses)
{
    const char* write = std::getenv("NATT_WRITE_FUZZ_CORPUS");
    for (const Seed& seed : Seeds())
    {
        std::filesystem::path path = CorpusDir(seed.target) / seed.name;
        if (write != nullptr && std::string(write) == "1")
        {
            std::filesystem::create_directories(path.parent_path());
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out.write(reinterpret_cast<const char*>(seed.bytes.data()), seed.bytes.size());
        }
        ASSERT_TRUE(std::filesystem::exists(path))
            << path << " is missing: run with NATT_WRITE_FUZZ_CORPUS=1";
        EXPECT_EQ(ReadFile(path), seed.bytes) << path << " differs from what the code writes";
    }
}

// Each seed is valid input for its target, so the fuzzers start from
// inputs that reach past the first checks.
TEST(FuzzCorpus, SeedsParse)
{
    for (const Seed& seed : Seeds())
    {
        const std::vector<uint8_t>& b = seed.bytes;
        Ptr<Packet> p = Create<Packet>(b.data(), b.size());
        if (seed.target == "esp")
        {
            EspHeader h;
            EspTrailer t;
            EXPECT_EQ(p->RemoveHeader(h), EspHeader::kSize) << seed.name;
            EXPECT_GT(p->RemoveTrailer(t), 0u) << seed.name;
        }
        else if (seed.target == "ah")
        {
            AhHeader h;
            EXPECT_GT(p->RemoveHeader(h), 0u) << seed.name;
        }
        else if (seed.target == "udpencap")
        {
            NatKeepaliveHeader keepalive;
            UdpEncapNonEspMarker marker;
            IkeMessage ike;
            EspHeader esp;
            if (b.size() == 1)
            {
                EXPECT_EQ(p->RemoveHeader(keepalive), 1u) << seed.name;
            }
            else if (p->PeekHeader(marker) != 0)
            {
                p->RemoveHeader(marker);
                EXPECT_EQ(p->RemoveHeader(ike), b.size() - 4) << seed.name;
            }
            else
            {
                EXPECT_EQ(p->RemoveHeader(esp), EspHeader::kSize) << seed.name;
            }
        }
        else if (seed.target == "stenberg")
        {
            StenbergEnvelopeHeader envelope;
            StenbergHeartbeatHeader heartbeat;
            EXPECT_TRUE(p->PeekHeader(envelope) != 0 || p->PeekHeader(heartbeat) != 0) << seed.name;
        }
        else if (seed.target == "ike")
        {
            IkeMessage ike;
            EXPECT_EQ(p->RemoveHeader(ike), b.size()) << seed.name;
        }
        else
        {
            ADD_FAILURE() << "no fuzz target " << seed.target;
        }
    }
}

// The stateful targets (test/fuzz/state, test/fuzz/cli) write their own
// seeds from a real exchange (NATT_FUZZ_WRITE_SEEDS, doc/natt.rst); each
// folder must hold some, none longer than the -max_len CTest runs with, or
// libFuzzer would cut them and lose the state they reach.
TEST(FuzzCorpus, StatefulTargetsHaveSeeds)
{
    for (const char* target : {"ikev2", "ikev1", "ipsec-inbound", "nat-engine", "config", "set"})
    {
        std::size_t seeds = 0;
        ASSERT_TRUE(std::filesystem::is_directory(CorpusDir(target))) << target;
        for (const auto& entry : std::filesystem::directory_iterator(CorpusDir(target)))
        {
            ++seeds;
            EXPECT_GE(entry.file_size(), 1u) << entry.path() << ": not even a selector";
            EXPECT_LE(entry.file_size(), 4096u) << entry.path() << " exceeds -max_len=4096";
        }
        EXPECT_GT(seeds, 0u) << target << " has no seeds";
    }
}
