/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The tshark oracle for IKEv2 (DESIGN section 7): a whole exchange (with a
// faked NAT, so IKE floats to 4500 behind the non-ESP marker; certificates,
// so IKE_AUTH is fragmented; IKE and child SA rekeys; a delete) is written
// as IPv4/UDP packets to a pcap. tshark, given only natt's
// ikev2_decryption_table in an otherwise empty configuration folder, must
// dissect every message without a malformed packet or an expert warning,
// and decrypt the SK payloads: the payloads inside must show. One ESP-in-UDP
// packet protected with the negotiated child SA keys checks the esp_sa
// table the same way.
//
// Output (test/output/ in the build tree): ikev2-exchange.pcap, its
// dissection ikev2-exchange.txt, and the key tables in ikev2-wireshark/.

#include "ikev2-test-util.h"
#include "shell-test-util.h"

#include "ns3/aes-cbc.h"
#include "ns3/esp-header.h"
#include "ns3/icmpv4.h"
#include "ns3/ike-ports.h"
#include "ns3/integrity.h"
#include "ns3/ipv4-header.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/udp-encap-non-esp-marker.h"
#include "ns3/udp-header.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace ns3;
using namespace ns3::ikev2test;

namespace
{

const std::string kOutputDir = NATT_TEST_OUTPUT_DIR;

struct Captured
{
    Ptr<Packet> message;
    IkeEndpoint source;
    IkeEndpoint destination;
};

std::vector<Captured> g_captured;

/// Every IKE message either daemon sends, in order, with its endpoints.
void
OnSent(Ptr<const IkeSa> sa, Ptr<const Packet> message)
{
    if (sa)
    {
        g_captured.push_back({message->Copy(), sa->GetLocal(), sa->GetRemote()});
    }
}

Ptr<Packet>
ToIpv4(const Captured& c)
{
    Ptr<Packet> p = c.message->Copy();
    if (c.source.port != IKE_UDP_PORT && c.destination.port != IKE_UDP_PORT)
    {
        // RFC 3948 2.2: IKE on the NAT-T port follows four zero octets.
        p->AddHeader(UdpEncapNonEspMarker());
    }
    UdpHeader udp;
    udp.EnableChecksums();
    udp.InitializeChecksum(c.source.address, c.destination.address, 17);
    udp.SetSourcePort(c.source.port);
    udp.SetDestinationPort(c.destination.port);
    p->AddHeader(udp);
    Ipv4Header ip;
    ip.EnableChecksum();
    ip.SetSource(c.source.GetIpv4());
    ip.SetDestination(c.destination.GetIpv4());
    ip.SetProtocol(17);
    ip.SetPayloadSize(p->GetSize());
    ip.SetTtl(64);
    ip.SetIdentification(0);
    ip.SetDontFragment();
    p->AddHeader(ip);
    return p;
}

/**
 * An ICMP echo from 10.0.0.1 to 192.168.1.1 in tunnel mode, protected with
 * \p keys (AES-CBC, HMAC-SHA-256-128) the way RFC 4303 and RFC 3602 say,
 * in UDP on 4500 (RFC 3948). Built here from the child SA's exported keys,
 * so that tshark decrypting it checks the esp_sa table.
 */
Ptr<Packet>
EspInUdp(uint32_t spi, const IpsecTransform& keys, const IkeEndpoint& from, const IkeEndpoint& to)
{
    Icmpv4Echo echo;
    echo.SetIdentifier(7);
    echo.SetSequenceNumber(1);
    uint8_t data[16] =
        {'n', 'a', 't', 't', '-', 'i', 'k', 'e', 'v', '2', '-', 'e', 's', 'p', '!', '!'};
    echo.SetData(Create<Packet>(data, sizeof(data)));
    Icmpv4Header icmp;
    icmp.EnableChecksum();
    icmp.SetType(Icmpv4Header::ICMPV4_ECHO);
    Ptr<Packet> inner = Create<Packet>();
    inner->AddHeader(echo);
    inner->AddHeader(icmp);
    Ipv4Header ip;
    ip.EnableChecksum();
    ip.SetSource(Ipv4Address("10.0.0.1"));
    ip.SetDestination(Ipv4Address("192.168.1.1"));
    ip.SetProtocol(1);
    ip.SetTtl(64);
    ip.SetPayloadSize(inner->GetSize());
    inner->AddHeader(ip);
    std::vector<uint8_t> plain(inner->GetSize());
    inner->CopyData(plain.data(), plain.size());
    // RFC 4303 2.4: pad 1, 2, 3, ... so that the trailer ends on a block.
    std::size_t pad = (16 - (plain.size() + 2) % 16) % 16;
    for (std::size_t k = 1; k <= pad; ++k)
    {
        plain.push_back(uint8_t(k));
    }
    plain.push_back(uint8_t(pad));
    plain.push_back(4); // next header: IPv4 (tunnel mode)
    std::vector<uint8_t> iv(16, 0x42);
    auto cipher = AesCbc::Create(keys.encryptionKey);
    std::vector<uint8_t> ciphertext = cipher->Encrypt(iv, plain).GetValue();
    std::vector<uint8_t>
        esp{uint8_t(spi >> 24), uint8_t(spi >> 16), uint8_t(spi >> 8), uint8_t(spi), 0, 0, 0, 1};
    esp.insert(esp.end(), iv.begin(), iv.end());
    esp.insert(esp.end(), ciphertext.begin(), ciphertext.end());
    auto integrity = Integrity::Create(IntegrityAlgorithm::HmacSha256_128, keys.integrityKey);
    std::vector<uint8_t> icv = integrity->ComputeIcv(esp);
    esp.insert(esp.end(), icv.begin(), icv.end());
    Captured c{Create<Packet>(esp.data(), esp.size()), from, to};
    // No non-ESP marker: the SPI is not zero (RFC 3948 2.2).
    Ptr<Packet> p = c.message->Copy();
    UdpHeader udp;
    udp.EnableChecksums();
    udp.InitializeChecksum(from.address, to.address, 17);
    udp.SetSourcePort(from.port);
    udp.SetDestinationPort(to.port);
    p->AddHeader(udp);
    Ipv4Header outer;
    outer.EnableChecksum();
    outer.SetSource(from.GetIpv4());
    outer.SetDestination(to.GetIpv4());
    outer.SetProtocol(17);
    outer.SetPayloadSize(p->GetSize());
    outer.SetTtl(64);
    outer.SetIdentification(0);
    outer.SetDontFragment();
    p->AddHeader(outer);
    return p;
}

std::size_t
Count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    {
        ++n;
    }
    return n;
}

} // namespace

TEST(Ikev2Tshark, DecodesAndDecryptsEveryMessageWithTheExportedKeys)
{
    g_captured.clear();
    IkePeerConfig c = InitiatorConfig();
    IkePeerConfig r = ResponderConfig();
    UseCertificates(c, TestPki::Entity::Client);
    UseCertificates(r, TestPki::Entity::Gateway);
    c.localId = IkeIdentity();
    c.remoteId = IkeIdentity();
    r.localId = IkeIdentity();
    r.remoteId = IkeIdentity();
    c.forceEncapsulation = true;
    c.fragmentSize = 1000;
    Ikev2Pair p(c, r);
    p.i->TraceConnectWithoutContext("Sent", MakeCallback(&OnSent));
    p.r->TraceConnectWithoutContext("Sent", MakeCallback(&OnSent));

    // IKE_SA_INIT, IKE_AUTH (fragmented, on 4500).
    Ptr<IkeSa> sa = p.i->Initiate("gateway");
    p.tr->DeliverAll();
    ASSERT_EQ(sa->GetState(), IkeSa::ESTABLISHED);
    // CREATE_CHILD_SA rekeying the child from the responder, INFORMATIONAL delete.
    Ptr<IkeSa> rsa = p.ResponderSa();
    p.hr->RekeyChildSa(rsa, rsa->GetChildSas().at(0).inboundSpi);
    p.tr->DeliverAll();
    // CREATE_CHILD_SA rekeying the IKE SA, INFORMATIONAL delete of the old one.
    p.hi->RekeyIkeSa(sa);
    p.tr->DeliverAll();
    Ptr<IkeSa> fresh = p.InitiatorSa(true);
    ASSERT_EQ(fresh->GetState(), IkeSa::ESTABLISHED);
    // Liveness check on the new IKE SA.
    p.hi->CheckLiveness(fresh);
    p.tr->DeliverAll();
    ASSERT_TRUE(p.logI.failures.empty());
    ASSERT_TRUE(p.logR.failures.empty());

    std::filesystem::create_directories(kOutputDir);
    const std::string pcap = kOutputDir + "/ikev2-exchange.pcap";
    Ptr<PcapFileWrapper> file = CreateObject<PcapFileWrapper>();
    file->Open(pcap, std::ios::out | std::ios::binary);
    file->Init(101); // LINKTYPE_RAW
    Time t = Seconds(1);
    for (const auto& captured : g_captured)
    {
        file->Write(t, ToIpv4(captured));
        t += MilliSeconds(10);
    }
    // Last, one ESP-in-UDP packet on the current child SA, initiator to responder.
    const IkeChildSa& child = fresh->GetChildSas().at(0);
    const Ikev2ChildKeys& keys =
        p.hi->GetTaskManager(fresh)->GetContext().childKeys.at(child.inboundSpi);
    file->Write(t,
                EspInUdp(child.outboundSpi, keys.outbound, fresh->GetLocal(), fresh->GetRemote()));
    file->Close();

    // Only natt's key table in the configuration folder.
    const std::string config = kOutputDir + "/ikev2-wireshark";
    std::filesystem::remove_all(config);
    std::filesystem::create_directories(config);
    ASSERT_TRUE(p.hi->WriteWiresharkKeys(config));
    ASSERT_EQ(p.hi->GetIkev2DecryptionTable().size(), 2u) << "the first and the rekeyed IKE SA";
    const std::string tshark = "WIRESHARK_CONFIG_DIR=" + config + " /usr/bin/tshark -n -r " + pcap +
                               " -o esp.enable_encryption_decode:TRUE" +
                               " -o esp.enable_authentication_check:TRUE";

    // Every message is ISAKMP; nothing malformed, no expert warning or error.
    std::string protocols = RunShell(tshark + " -T fields -e frame.protocols");
    EXPECT_EQ(Count(protocols, "isakmp"), g_captured.size()) << protocols;
    // The ESP packet, decrypted with the exported esp_sa line: ICMP inside.
    EXPECT_NE(protocols.find("udp:udpencap:esp:ip:icmp"), std::string::npos) << protocols;
    std::string loading = RunShell("(" + tshark + " -c 1 2>&1)");
    EXPECT_EQ(loading.find("Error loading table"), std::string::npos) << loading;
    std::string problems =
        RunShell(tshark + " -Y '_ws.malformed || _ws.expert.severity >= warning' -T fields -e "
                          "frame.number -e _ws.expert.message");
    EXPECT_EQ(problems, "") << problems;

    // Decrypted: payloads that exist only inside SK show up.
    std::string verbose = RunShell(tshark + " -V");
    std::ofstream(kOutputDir + "/ikev2-exchange.txt") << verbose;
    std::string fields =
        RunShell(tshark + " -T fields -E occurrence=a -E aggregator=, -e "
                          "isakmp.exchtype -e isakmp.nextpayload -e isakmp.auth.method");
    EXPECT_NE(verbose.find("Decrypted Data"), std::string::npos) << "SK payloads decrypted";
    EXPECT_NE(verbose.find("Payload: Authentication (39)"), std::string::npos) << fields;
    EXPECT_NE(verbose.find("Payload: Traffic Selector - Initiator (44)"), std::string::npos);
    EXPECT_NE(verbose.find("Payload: Delete (42)"), std::string::npos);
    EXPECT_NE(verbose.find("Payload: Certificate (37)"), std::string::npos)
        << "the reassembled IKE_AUTH request";
    EXPECT_EQ(verbose.find("Checksum: incorrect"), std::string::npos);
    EXPECT_EQ(verbose.find("[Checksum Status: Bad]"), std::string::npos);
    // Wireshark checks each ICV with the exported SK_a keys: every message
    // but the two of IKE_SA_INIT carries one, and all are correct.
    EXPECT_EQ(Count(verbose, "<HMAC_SHA2_256_128 [RFC4868]>[correct]"), g_captured.size() - 2);
    EXPECT_EQ(Count(verbose, "[incorrect"), 0u);
    // The ESP packet's ICV, checked with the exported child SA key.
    EXPECT_EQ(Count(verbose, "<HMAC-SHA-256-128 [RFC4868]> [correct]"), 1u);
    EXPECT_NE(verbose.find("natt-ikev2-esp!!"), std::string::npos);
}
