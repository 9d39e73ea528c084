/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The tshark oracle for IKEv1 (DESIGN section 7): a whole exchange through
// a NAT (Main Mode, Quick Mode, DPD), written as IPv4/UDP packets with the
// non-ESP marker on port 4500, must dissect without malformed packets or
// expert warnings, and Wireshark must decrypt Main Mode 5/6, Quick Mode and
// Informational with the keys natt exports in its ikev1_decryption_table.
//
// Output (test/output/ in the build tree): ikev1-exchange-sha{1,256}.pcap,
// the key tables, and tshark's dissection with and without the keys.

#include "ikev1-test-util.h"
#include "shell-test-util.h"

#include "ns3/ike-ports.h"
#include "ns3/ipv4-header.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/udp-header.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace ns3;
using namespace ns3::ikev1test;

namespace
{

const char* const kTshark = "/usr/bin/tshark";
const std::string kOutputDir = NATT_TEST_OUTPUT_DIR;

Ptr<Packet>
UdpIpv4(Ptr<const Packet> payload, const IkeEndpoint& source, const IkeEndpoint& destination)
{
    Ptr<Packet> p = payload->Copy();
    if (source.port != IKE_UDP_PORT && destination.port != IKE_UDP_PORT)
    {
        // RFC 3948 2.2: IKE on the NAT-T port starts with four zero bytes.
        uint8_t marker[4] = {0, 0, 0, 0};
        Ptr<Packet> marked = Create<Packet>(marker, 4);
        marked->AddAtEnd(p);
        p = marked;
    }
    UdpHeader udp;
    udp.EnableChecksums();
    udp.InitializeChecksum(source.address, destination.address, 17);
    udp.SetSourcePort(source.port);
    udp.SetDestinationPort(destination.port);
    p->AddHeader(udp);
    Ipv4Header ip;
    ip.EnableChecksum();
    ip.SetSource(source.GetIpv4());
    ip.SetDestination(destination.GetIpv4());
    ip.SetProtocol(17);
    ip.SetPayloadSize(p->GetSize());
    ip.SetTtl(64);
    ip.SetIdentification(0);
    ip.SetDontFragment();
    p->AddHeader(ip);
    return p;
}

std::vector<std::string>
Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        lines.push_back(line);
    }
    return lines;
}

/// Where a capture and its Wireshark configuration folders went.
struct Capture
{
    std::string pcap;
    std::string config; ///< holds natt's ikev1_decryption_table and nothing else
    std::string empty;  ///< nothing at all
};

/// Write \p p's messages to a pcap, the key table beside it and into a fresh configuration folder.
Capture
WriteCapture(const std::string& name, Ikev1Pair& p)
{
    Capture c;
    std::filesystem::create_directories(kOutputDir);
    c.pcap = kOutputDir + "/" + name + ".pcap";
    Ptr<PcapFileWrapper> file = CreateObject<PcapFileWrapper>();
    file->Open(c.pcap, std::ios::out | std::ios::binary);
    file->Init(101); // LINKTYPE_RAW
    Time t = Seconds(1);
    for (const auto& w : p.wire)
    {
        file->Write(t, UdpIpv4(w.packet, w.source, w.destination));
        t += MilliSeconds(10);
    }
    file->Close();
    c.config = kOutputDir + "/wireshark-" + name + "-config";
    c.empty = kOutputDir + "/wireshark-ikev1-empty";
    std::filesystem::remove_all(c.config);
    std::filesystem::create_directories(c.config);
    std::filesystem::create_directories(c.empty);
    const std::string table = p.hi->GetWiresharkDecryptionTable();
    EXPECT_EQ(table, p.hr->GetWiresharkDecryptionTable()) << "both ends export the same key";
    std::ofstream(c.config + "/ikev1_decryption_table") << table;
    std::ofstream(kOutputDir + "/" + name + ".ikev1_decryption_table") << table;
    auto tshark = [&](const std::string& dir) {
        return "WIRESHARK_CONFIG_DIR=" + dir + " " + kTshark + " -n -r " + c.pcap;
    };
    std::ofstream(kOutputDir + "/" + name + ".txt") << RunShell(tshark(c.config) + " -V");
    std::ofstream(kOutputDir + "/" + name + "-nokeys.txt") << RunShell(tshark(c.empty) + " -V");
    return c;
}

/// Frames tshark finds malformed or marks with an expert info of warning or worse.
std::string
Problems(const std::string& tshark)
{
    return RunShell(tshark + " -Y '_ws.malformed || _ws.expert.severity >= warning'"
                             " -T fields -e frame.number -e _ws.expert.message");
}

/// Field \p index of a tab-separated tshark line.
std::string
Field(const std::string& line, int index)
{
    std::istringstream in(line);
    std::string f;
    for (int k = 0; k <= index; ++k)
    {
        std::getline(in, f, '\t');
    }
    return f;
}

} // namespace

class Ikev1TsharkOracle : public ::testing::TestWithParam<uint16_t>
{
};

TEST_P(Ikev1TsharkOracle, DecodesAndDecryptsAWholeExchangeWithTheExportedKeys)
{
    if (!std::filesystem::exists(kTshark))
    {
        GTEST_SKIP() << kTshark << " is not installed";
    }
    // Main Mode through a NAT, Quick Mode with PFS, an R-U-THERE and its ACK.
    Ikev1Pair p;
    p.nat = true;
    p.ci.proposal.prf = GetParam();
    p.cr.proposal.prf = GetParam();
    p.ci.children[0].pfsGroup = 14;
    p.cr.children[0].pfsGroup = 14;
    p.ci.dpdDelay = Seconds(30);
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    p.hi->SendDpd(sa);
    p.Run();
    ASSERT_EQ(p.wire.size(), 11u);

    const std::string name = GetParam() == 2 ? "ikev1-exchange-sha1" : "ikev1-exchange-sha256";
    Capture c = WriteCapture(name, p);
    auto tshark = [&](const std::string& dir) {
        return "WIRESHARK_CONFIG_DIR=" + dir + " " + kTshark + " -n -r " + c.pcap;
    };
    const std::string& config = c.config;
    const std::string& empty = c.empty;

    // Every message is ISAKMP, nothing malformed, no expert warning.
    std::vector<std::string> protocols =
        Lines(RunShell(tshark(config) + " -T fields -e frame.protocols"));
    ASSERT_EQ(protocols.size(), p.wire.size());
    for (std::size_t k = 0; k < protocols.size(); ++k)
    {
        EXPECT_NE(protocols[k].find("isakmp"), std::string::npos) << "frame " << k + 1;
    }
    EXPECT_EQ(RunShell(tshark(config) + " -Y '_ws.malformed || _ws.expert.severity >= warning'"
                                        " -T fields -e frame.number -e _ws.expert.message"),
              "");

    // Decrypted, the encrypted frames show their inner payloads: the ID in
    // Main Mode 5/6, the nonce in Quick Mode 1/2, HASH in all of them and
    // the DPD notify types. Without the keys none of that is visible.
    const std::string fields =
        " -T fields -E occurrence=f -e isakmp.exchangetype -e isakmp.id.type -e isakmp.hash"
        " -e isakmp.nonce -e isakmp.notify.msgtype";
    std::vector<std::string> with = Lines(RunShell(tshark(config) + fields));
    std::vector<std::string> without = Lines(RunShell(tshark(empty) + fields));
    ASSERT_EQ(with.size(), p.wire.size());
    ASSERT_EQ(without.size(), p.wire.size());
    // Frames 5 and 6: Main Mode messages 5/6.
    for (int k : {4, 5})
    {
        EXPECT_NE(Field(with[k], 1), "") << "ID decrypted in frame " << k + 1 << ": " << with[k];
        EXPECT_NE(Field(with[k], 2), "") << "HASH decrypted in frame " << k + 1;
        EXPECT_EQ(Field(without[k], 1), "") << "no ID without keys in frame " << k + 1;
    }
    // Frames 7-9: Quick Mode.
    for (int k : {6, 7, 8})
    {
        EXPECT_EQ(Field(with[k], 0), "32");
        EXPECT_NE(Field(with[k], 2), "") << "HASH decrypted in Quick Mode frame " << k + 1;
        EXPECT_EQ(Field(without[k], 2), "");
    }
    EXPECT_NE(Field(with[6], 3), "") << "the nonce of Quick Mode message 1";
    EXPECT_NE(Field(with[7], 3), "") << "the nonce of Quick Mode message 2";
    // Frames 10-11: R-U-THERE and its ACK (RFC 3706 types 36136 / 36137).
    EXPECT_EQ(Field(with[9], 4), "36136") << with[9];
    EXPECT_EQ(Field(with[10], 4), "36137") << with[10];
}

TEST(Ikev1TsharkOracle, DecryptsCertificatesAndTheStenbergProbe)
{
    if (!std::filesystem::exists(kTshark))
    {
        GTEST_SKIP() << kTshark << " is not installed";
    }
    // Main Mode with RSA signatures and a certificate chain, draft-stenberg
    // through the NAT: message 5 holds two certificates and the probe.
    Ikev1Pair p;
    p.nat = true;
    p.UseCertificates();
    p.ci.natTraversal = IkePeerConfig::NATT_STENBERG;
    p.cr.natTraversal = IkePeerConfig::NATT_STENBERG;
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    ASSERT_EQ(p.wire.size(), 9u);
    Capture c = WriteCapture("ikev1-certificates-stenberg", p);
    const std::string tshark =
        "WIRESHARK_CONFIG_DIR=" + c.config + " " + kTshark + " -n -r " + c.pcap;
    EXPECT_EQ(Problems(tshark), "");
    std::vector<std::string> lines =
        Lines(RunShell(tshark + " -T fields -E occurrence=a -E aggregator=, -e isakmp.id.type"
                                " -e isakmp.cert.encoding -e isakmp.sig -e isakmp.typepayload"));
    ASSERT_EQ(lines.size(), p.wire.size());
    for (int k : {4, 5})
    {
        EXPECT_NE(Field(lines[k], 1), "") << "certificates decrypted in frame " << k + 1;
        EXPECT_NE(Field(lines[k], 2), "") << "signature decrypted in frame " << k + 1;
    }
    EXPECT_NE(Field(lines[4], 3).find("211"), std::string::npos)
        << "the probe payload in Main Mode message 5: " << lines[4];
    EXPECT_NE(Field(lines[5], 3).find("211"), std::string::npos)
        << "the decision in Main Mode message 6: " << lines[5];
}

TEST(Ikev1TsharkOracle, DecryptsAnAhQuickMode)
{
    if (!std::filesystem::exists(kTshark))
    {
        GTEST_SKIP() << kTshark << " is not installed";
    }
    // Quick Mode proposing AH tunnel mode (RFC 2407 4.4.3): decrypted,
    // Wireshark shows protocol IPSEC_AH (2) and transform AH_SHA2_256 (5).
    Ikev1Pair p;
    for (auto* c : {&p.ci, &p.cr})
    {
        c->children[0].protocol = IPSEC_PROTOCOL_AH;
        c->children[0].encryption = IpsecTransform::ENCR_NULL;
        c->children[0].encryptionKeyBits = 0;
    }
    Ptr<IkeSa> sa = p.Start();
    p.Run();
    ASSERT_EQ(sa->GetChildSas().size(), 1u);
    ASSERT_EQ(p.wire.size(), 9u);
    Capture c = WriteCapture("ikev1-quick-mode-ah", p);
    const std::string tshark =
        "WIRESHARK_CONFIG_DIR=" + c.config + " " + kTshark + " -n -r " + c.pcap;
    EXPECT_EQ(Problems(tshark), "");
    std::vector<std::string> lines = Lines(
        RunShell(tshark + " -T fields -E occurrence=l -e isakmp.prop.protoid -e isakmp.trans.id"));
    ASSERT_EQ(lines.size(), p.wire.size());
    for (int k : {6, 7})
    {
        EXPECT_EQ(Field(lines[k], 0), "2") << "AH proposed in Quick Mode frame " << k + 1;
        EXPECT_EQ(Field(lines[k], 1), "5") << "AH_SHA2_256 in Quick Mode frame " << k + 1;
    }
}

// Phase 1 with HMAC-SHA1 and with HMAC-SHA-256 (the hash also makes the IVs).
INSTANTIATE_TEST_SUITE_P(Ikev1Prfs, Ikev1TsharkOracle, ::testing::Values(2, 5));
