/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Known answers for IKEv2, recomputed here from the RFC formulas through
// OpenSSL's one-shot SHA1() and HMAC(), not through natt's crypto wrappers:
// the NAT-D hashes of RFC 7296 2.23 from the packet fields, and the key
// derivation of RFC 7296 2.14 / 2.17.

#include "ikev2-test-util.h"

#include "ns3/ike-notify-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/ikev2-auth-task.h"
#include "ns3/ikev2-keys.h"
#include "ns3/ikev2-natd-task.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

using namespace ns3;
using namespace ns3::ikev2test;

namespace
{

using Bytes = std::vector<uint8_t>;

Bytes
Sha1(const Bytes& data)
{
    Bytes out(SHA_DIGEST_LENGTH);
    SHA1(data.data(), data.size(), out.data());
    return out;
}

Bytes
OpensslHmacSha256(const Bytes& key, const Bytes& data)
{
    Bytes out(32);
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), key.size(), data.data(), data.size(), out.data(), &length);
    out.resize(length);
    return out;
}

/// RFC 7296 2.13: prf+ (K,S) = T1 | T2 | ..., Tn = prf(K, Tn-1 | S | n).
Bytes
PrfPlus(const Bytes& key, const Bytes& seed, std::size_t size)
{
    Bytes out;
    Bytes t;
    for (uint8_t n = 1; out.size() < size; ++n)
    {
        Bytes input = t;
        input.insert(input.end(), seed.begin(), seed.end());
        input.push_back(n);
        t = OpensslHmacSha256(key, input);
        out.insert(out.end(), t.begin(), t.end());
    }
    out.resize(size);
    return out;
}

Bytes
Cat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const auto& p : parts)
    {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

Bytes
Be64(uint64_t v)
{
    Bytes out(8);
    for (int k = 7; k >= 0; --k, v >>= 8)
    {
        out[k] = uint8_t(v);
    }
    return out;
}

Bytes
Endpoint(const char* address, uint16_t port)
{
    uint8_t ip[4];
    Ipv4Address(address).Serialize(ip);
    return {ip[0], ip[1], ip[2], ip[3], uint8_t(port >> 8), uint8_t(port)};
}

Bytes
Notify(const IkeMessage& m, uint16_t type)
{
    for (const auto& payload : m.GetPayloads())
    {
        const auto* n = dynamic_cast<const IkeNotifyPayload*>(payload.get());
        if (n && n->GetNotifyType() == type)
        {
            return n->GetData();
        }
    }
    return {};
}

Bytes
Pattern(std::size_t n, uint8_t start)
{
    Bytes out(n);
    for (std::size_t k = 0; k < n; ++k)
    {
        out[k] = uint8_t(start + k);
    }
    return out;
}

} // namespace

TEST(Ikev2KnownAnswer, NatDetectionHashesAreSha1OfSpisAddressAndPort)
{
    Ikev2Pair p(InitiatorConfig(), ResponderConfig(), true);
    p.Establish();
    // IKE_SA_INIT request, as the initiator sent it (before the NAT).
    IkeMessage request = Ikev2Pair::Parse(p.ti->GetSent().at(0));
    uint64_t spiI = request.GetHeader().GetInitiatorSpi();
    EXPECT_EQ(request.GetHeader().GetResponderSpi(), 0u);
    EXPECT_EQ(Notify(request, IkeNotifyPayload::NAT_DETECTION_SOURCE_IP),
              Sha1(Cat({Be64(spiI), Be64(0), Endpoint("10.0.0.1", IKE_UDP_PORT)})));
    EXPECT_EQ(Notify(request, IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP),
              Sha1(Cat({Be64(spiI), Be64(0), Endpoint("198.51.100.20", IKE_UDP_PORT)})));
    // IKE_SA_INIT response: the responder hashes with both SPIs, and its
    // destination is the NAT's mapping, which is why the initiator sees a NAT.
    IkeMessage response = Ikev2Pair::Parse(p.tr->GetSent().at(0));
    uint64_t spiR = response.GetHeader().GetResponderSpi();
    EXPECT_EQ(Notify(response, IkeNotifyPayload::NAT_DETECTION_SOURCE_IP),
              Sha1(Cat({Be64(spiI), Be64(spiR), Endpoint("198.51.100.20", IKE_UDP_PORT)})));
    EXPECT_EQ(Notify(response, IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP),
              Sha1(Cat({Be64(spiI), Be64(spiR), Endpoint("203.0.113.5", 61000)})));
    EXPECT_EQ(Ikev2NatdTask::Hash(spiI, spiR, {Ipv4Address("203.0.113.5"), 61000}),
              Sha1(Cat({Be64(spiI), Be64(spiR), Endpoint("203.0.113.5", 61000)})));
}

TEST(Ikev2KnownAnswer, IkeSaKeysFollowRfc7296Section2_14)
{
    IkeProposal proposal; // AES-CBC-256, PRF_HMAC_SHA2_256, HMAC-SHA-256-128, MODP 2048
    Bytes gir = Pattern(256, 0x11);
    Bytes ni = Pattern(32, 0xa0);
    Bytes nr = Pattern(32, 0x50);
    uint64_t spiI = 0x0102030405060708ull;
    uint64_t spiR = 0x1112131415161718ull;
    Ikev2Keys keys(proposal);
    keys.Derive(gir, ni, nr, spiI, spiR);

    // SKEYSEED = prf(Ni | Nr, g^ir)
    Bytes skeyseed = OpensslHmacSha256(Cat({ni, nr}), gir);
    EXPECT_EQ(keys.GetSkeyseed(), skeyseed);
    // {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi |
    // SPIr)
    Bytes stream =
        PrfPlus(skeyseed, Cat({ni, nr, Be64(spiI), Be64(spiR)}), 32 * 3 + 32 * 2 + 32 * 2);
    auto at = [&stream](std::size_t offset, std::size_t n) {
        return Bytes(stream.begin() + offset, stream.begin() + offset + n);
    };
    EXPECT_EQ(keys.GetSkD(), at(0, 32));
    EXPECT_EQ(keys.GetSkAi(), at(32, 32));
    EXPECT_EQ(keys.GetSkAr(), at(64, 32));
    EXPECT_EQ(keys.GetSkEi(), at(96, 32));
    EXPECT_EQ(keys.GetSkEr(), at(128, 32));
    EXPECT_EQ(keys.GetSkPi(), at(160, 32));
    EXPECT_EQ(keys.GetSkPr(), at(192, 32));

    // RFC 7296 2.17: KEYMAT = prf+(SK_d, Ni | Nr), and with PFS g^ir (new) first.
    EXPECT_EQ(keys.DeriveChildKeymat({}, ni, nr, 100), PrfPlus(at(0, 32), Cat({ni, nr}), 100));
    Bytes fresh = Pattern(32, 0x77);
    EXPECT_EQ(keys.DeriveChildKeymat(fresh, ni, nr, 64),
              PrfPlus(at(0, 32), Cat({fresh, ni, nr}), 64));

    // RFC 7296 2.18: SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr).
    Ikev2Keys rekeyed(proposal);
    rekeyed.DeriveRekeyed(keys.GetSkD(), fresh, ni, nr, spiR, spiI);
    EXPECT_EQ(rekeyed.GetSkeyseed(), OpensslHmacSha256(at(0, 32), Cat({fresh, ni, nr})));

    // RFC 7296 2.15: AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), <octets>).
    Bytes psk{'s', 'e', 'c', 'r', 'e', 't'};
    const char* pad = "Key Pad for IKEv2";
    Bytes octets = Pattern(80, 0x01);
    EXPECT_EQ(Ikev2AuthTask::PskAuth(psk, octets, 5),
              OpensslHmacSha256(OpensslHmacSha256(psk, Bytes(pad, pad + 17)), octets));
}

TEST(Ikev2KnownAnswer, ChildSaKeysInTheSadAreTheKeymatOfTheExchange)
{
    Ikev2Pair p;
    Ptr<IkeSa> sa = p.Establish();
    // Nonces from the IKE_SA_INIT messages on the wire.
    IkeMessage request = Ikev2Pair::Parse(p.ti->GetSent().at(0));
    IkeMessage response = Ikev2Pair::Parse(p.tr->GetSent().at(0));
    Bytes ni = request.Find<IkeNoncePayload>(IKEV2_PAYLOAD_NONCE)->GetData();
    Bytes nr = response.Find<IkeNoncePayload>(IKEV2_PAYLOAD_NONCE)->GetData();
    const Ikev2Keys& ki = p.hi->GetTaskManager(sa)->GetContext().keys;
    const Ikev2Keys& kr = p.hr->GetTaskManager(p.ResponderSa())->GetContext().keys;
    EXPECT_EQ(ki.GetSkD(), kr.GetSkD()) << "both sides derived the same SK_d";
    EXPECT_EQ(ki.GetSkPi(), kr.GetSkPi());
    // Default child: AES-CBC-128 and HMAC-SHA-256-128: 16 + 32 bytes per direction,
    // initiator-to-responder first.
    Bytes keymat = PrfPlus(ki.GetSkD(), Cat({ni, nr}), 2 * (16 + 32));
    const IkeChildSa& child = sa->GetChildSas().at(0);
    bool checked = false;
    for (const auto& s : p.sadI->GetAll())
    {
        const auto& t = s->GetParameters().transform;
        if (s->GetSpi() == child.outboundSpi)
        {
            EXPECT_EQ(t.encryptionKey, Bytes(keymat.begin(), keymat.begin() + 16));
            EXPECT_EQ(t.integrityKey, Bytes(keymat.begin() + 16, keymat.begin() + 48));
            checked = true;
        }
        if (s->GetSpi() == child.inboundSpi)
        {
            EXPECT_EQ(t.encryptionKey, Bytes(keymat.begin() + 48, keymat.begin() + 64));
            EXPECT_EQ(t.integrityKey, Bytes(keymat.begin() + 64, keymat.end()));
        }
    }
    EXPECT_TRUE(checked);
}
