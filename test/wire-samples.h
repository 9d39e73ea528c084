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
#include "ns3/ike-cert-payload.h"
#include "ns3/ike-delete-payload.h"
#include "ns3/ike-id-payload.h"
#include "ns3/ike-ke-payload.h"
#include "ns3/ike-message.h"
#include "ns3/ike-nat-oa-payload.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/ike-vendor-ids.h"
#include "ns3/ikev1-sa-payload.h"
#include "ns3/ikev2-auth-payload.h"
#include "ns3/ikev2-configuration-payload.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-encrypted-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-traffic-selector-payload.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/isakmp-header.h"
#include "ns3/stenberg-probe-payload.h"

#include <memory>
#include <openssl/evp.h>
#include <openssl/x509.h>
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
 * A small IKEv1 Main Mode message (RFC 2409 5): a nonce and the RFC 3947
 * vendor ID. The seed corpus and the malformed-input tests start from it;
 * the whole exchange is MakeIkev1MainMode1 to 6 below.
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

/**
 * A small IKEv2 IKE_SA_INIT request (RFC 7296 1.2): a nonce and a vendor
 * ID. The whole exchange is MakeIkev2SaInitRequest and the ones after it.
 */
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

// ------------------------------------------------------------------------
// Whole exchanges, for the tshark oracle (test/tshark-wire-test.cc) and the
// fuzz corpus.
//
// The initiator sits behind a NAT: its own address is 10.0.0.5 (RFC 1918),
// the NAT's public address 192.0.2.10 and the responder's 198.51.100.20
// (RFC 5737). The NAT keeps the source ports. The capture is taken between
// the NAT and the responder, so the packets carry the public address, while
// the NAT detection hashes the initiator computes cover its private one:
// that mismatch is how both peers learn of the NAT (RFC 3947 3.2,
// RFC 7296 2.23), and why the exchanges then move to UDP 4500.
//
// What a real peer encrypts is opaque counting bytes here, of the sizes the
// negotiated algorithms give (AES-CBC: whole 16-byte blocks, in IKEv2 after
// a 16-byte IV; HMAC-SHA2-256-128: a 16-byte ICV), since Wireshark without
// keys shows it only as bytes. Wireshark decodes IKEv1 payloads only in
// messages sent in the clear and IKEv2 payloads only outside SK, so the
// samples marked "wire-format sample" carry in the clear payloads a real
// peer would encrypt, for the oracle to check their fields.

/// The initiator's own address, behind the NAT.
inline const Ipv4Address kSampleInitiatorPrivate("10.0.0.5");
/// The NAT's public address: the initiator's address as the responder sees it.
inline const Ipv4Address kSampleNatPublic("192.0.2.10");
/// The responder, not behind a NAT.
inline const Ipv4Address kSampleResponder("198.51.100.20");

/// IKEv1 Main Mode cookies (RFC 2408 2.5.3), also MakeIkev1Sample's.
constexpr uint64_t kMainModeInitiatorCookie = 0x0123456789abcdefULL;
constexpr uint64_t kMainModeResponderCookie = 0xfedcba9876543210ULL;
/// IKEv2 SPIs of the main IKE SA, also MakeIkev2Sample's.
constexpr uint64_t kIkev2InitiatorSpi = 0x1122334455667788ULL;
constexpr uint64_t kIkev2ResponderSpi = 0x99aabbccddeeff00ULL;

/// \return \p data hashed with \p md
inline std::vector<uint8_t>
Digest(const EVP_MD* md, const std::vector<uint8_t>& data)
{
    std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &size, md, nullptr) != 1)
    {
        return {};
    }
    out.resize(size);
    return out;
}

/// Append \p value to \p bytes in network byte order, \p size bytes of it.
inline void
AppendBigEndian(std::vector<uint8_t>& bytes, uint64_t value, int size)
{
    for (int k = size - 1; k >= 0; --k)
    {
        bytes.push_back(static_cast<uint8_t>(value >> (8 * k)));
    }
}

/**
 * The NAT detection hash of both versions, HASH(SPIi | SPIr | IP | port):
 * RFC 3947 3.2 with the negotiated hash (the SPIs are the cookies CKY-I and
 * CKY-R), RFC 7296 2.23 with SHA-1.
 */
inline std::vector<uint8_t>
NatDetectionHash(const EVP_MD* md,
                 uint64_t initiatorSpi,
                 uint64_t responderSpi,
                 Ipv4Address address,
                 uint16_t port)
{
    std::vector<uint8_t> in;
    AppendBigEndian(in, initiatorSpi, 8);
    AppendBigEndian(in, responderSpi, 8);
    AppendBigEndian(in, address.Get(), 4);
    AppendBigEndian(in, port, 2);
    return Digest(md, in);
}

/**
 * A self-signed X.509 certificate in DER (ECDSA P-256,
 * "O=natt, CN=client.example.org", serial 0x1001), made once with
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes
 *     -subj "/O=natt/CN=client.example.org" -set_serial 4097 -days 3650
 *     -outform DER
 * Wireshark parses the X.509 encodings of a CERT payload as DER, so the
 * samples carry a real certificate.
 */
inline std::vector<uint8_t>
SampleCertificate()
{
    return FromHex("3082019b30820141a00302010202021001300a06082a8648ce3d040302302c31"
                   "0d300b060355040a0c046e617474311b301906035504030c12636c69656e742e"
                   "6578616d706c652e6f7267301e170d3236313132323036333332305a170d3336"
                   "313131393036333332305a302c310d300b060355040a0c046e617474311b3019"
                   "06035504030c12636c69656e742e6578616d706c652e6f72673059301306072a"
                   "8648ce3d020106082a8648ce3d0301070342000474c929c1b146166d9389cf90"
                   "7ae581084dc3a975ff559ab46e60c02e16540bc2e76f8f494c8ba828d8cc59ef"
                   "9455bd300866f720220e948a428230e21db7723aa3533051301d0603551d0e04"
                   "160414a99625f2f9ce70d706f73f9694deeda6e373d74b301f0603551d230418"
                   "30168014a99625f2f9ce70d706f73f9694deeda6e373d74b300f0603551d1301"
                   "01ff040530030101ff300a06082a8648ce3d040302034800304502207840363c"
                   "2dc0f8fe97c79c77fa999a1f54d5a761589873709cd2dd0c41570eb6022100b6"
                   "63ccd49732c31d318125e981b134512018420fb0b23ac5a1fa5c5a63b41bbb");
}

/**
 * \param subject true for the certificate's subject name, false for its
 *        SubjectPublicKeyInfo
 * \return that part of SampleCertificate in DER (empty if OpenSSL fails)
 */
inline std::vector<uint8_t>
SampleCertificatePart(bool subject)
{
    const std::vector<uint8_t> der = SampleCertificate();
    const unsigned char* in = der.data();
    X509* cert = d2i_X509(nullptr, &in, static_cast<long>(der.size()));
    if (cert == nullptr)
    {
        return {};
    }
    unsigned char* out = nullptr;
    int size = subject ? i2d_X509_NAME(X509_get_subject_name(cert), &out)
                       : i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &out);
    std::vector<uint8_t> part;
    if (size > 0)
    {
        part.assign(out, out + size);
    }
    OPENSSL_free(out);
    X509_free(cert);
    return part;
}

/**
 * An IKEv1 CERTREQ names an acceptable CA by its distinguished name
 * (RFC 2408 3.10); the sample certificate is self-signed, so its CA is
 * itself.
 */
inline std::vector<uint8_t>
SampleCaName()
{
    return SampleCertificatePart(true);
}

/// An IKEv2 CERTREQ names a CA by the SHA-1 of its SubjectPublicKeyInfo (RFC 7296 3.7).
inline std::vector<uint8_t>
SampleCaKeyHash()
{
    return Digest(EVP_sha1(), SampleCertificatePart(false));
}

/// A message with only its header filled in.
inline IkeMessage
NewIkeMessage(uint8_t majorVersion,
              IsakmpHeader::ExchangeType exchangeType,
              uint64_t initiatorSpi,
              uint64_t responderSpi,
              uint8_t flags,
              uint32_t messageId)
{
    IkeMessage m;
    IsakmpHeader& h = m.GetHeader();
    h.SetMajorVersion(majorVersion);
    h.SetMinorVersion(0);
    h.SetExchangeType(exchangeType);
    h.SetInitiatorSpi(initiatorSpi);
    h.SetResponderSpi(responderSpi);
    h.SetFlags(flags);
    h.SetMessageId(messageId);
    return m;
}

/// \return a payload of class \p T made with \p args whose data is \p data
template <class T, class... Args>
std::unique_ptr<T>
WithData(const std::vector<uint8_t>& data, Args... args)
{
    auto payload = std::make_unique<T>(args...);
    payload->SetData(data);
    return payload;
}

/// An IKEv2 notification (RFC 7296 3.10) about no SA.
inline std::unique_ptr<IkeNotifyPayload>
Ikev2Notify(IkeNotifyPayload::NotifyType type, const std::vector<uint8_t>& data = {})
{
    auto notify = std::make_unique<IkeNotifyPayload>(2);
    notify->SetNotifyType(type);
    notify->SetData(data);
    return notify;
}

/// A Key Exchange payload: a MODP 2048 public value is 256 bytes (RFC 3526 3).
inline std::unique_ptr<IkeKePayload>
KeyExchange(uint8_t majorVersion, uint8_t first)
{
    auto ke = std::make_unique<IkeKePayload>(majorVersion);
    ke->SetDhGroup(Ikev2Transform::MODP_2048);
    ke->SetData(CountingBytes(256, first));
    return ke;
}

// ---------------------------------------------------------------- IKEv1

/**
 * The one phase-1 transform natt offers: AES-CBC with a 256-bit key,
 * SHA2-256, pre-shared keys, MODP 2048 and an 8-hour lifetime (RFC 2409
 * appendix A; AES and SHA2 numbers from the IANA registry).
 */
inline std::unique_ptr<Ikev1SaPayload>
MainModeSa()
{
    Ikev1Transform t;
    t.number = 1;
    t.transformId = Ikev1SaPayload::KEY_IKE;
    t.AddTv(Ikev1SaPayload::IKE_ATTR_ENCRYPTION_ALGORITHM, Ikev1SaPayload::IKE_ENCR_AES_CBC);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_KEY_LENGTH, 256);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_HASH_ALGORITHM, Ikev1SaPayload::IKE_HASH_SHA2_256);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_AUTH_METHOD, Ikev1SaPayload::IKE_AUTH_PSK);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_GROUP_DESCRIPTION, Ikev1SaPayload::IKE_GROUP_MODP_2048);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_LIFE_TYPE, Ikev1SaPayload::LIFE_TYPE_SECONDS);
    t.AddTv(Ikev1SaPayload::IKE_ATTR_LIFE_DURATION, 28800);
    Ikev1Proposal proposal;
    proposal.number = 1;
    proposal.protocolId = Ikev1SaPayload::PROTO_ISAKMP;
    proposal.transforms = {t};
    auto sa = std::make_unique<Ikev1SaPayload>();
    sa->AddProposal(proposal);
    return sa;
}

/**
 * IKEv1 NAT-D of \p address and \p port in the Main Mode exchange: the
 * negotiated hash is SHA2-256, so 32 bytes (RFC 3947 3.2).
 */
inline std::unique_ptr<IkeNatDPayload>
MainModeNatD(Ipv4Address address)
{
    return WithData<IkeNatDPayload>(NatDetectionHash(EVP_sha256(),
                                                     kMainModeInitiatorCookie,
                                                     kMainModeResponderCookie,
                                                     address,
                                                     IKE_UDP_PORT));
}

/// Main Mode message 1 (RFC 2409 5, RFC 3947 3.1): HDR, SA, VID(RFC 3947), VID(draft-stenberg).
inline IkeMessage
MakeIkev1MainMode1()
{
    IkeMessage m =
        NewIkeMessage(1, IsakmpHeader::IKEV1_MAIN_MODE, kMainModeInitiatorCookie, 0, 0, 0);
    m.AddPayload(MainModeSa());
    m.AddPayload(WithData<IkeVendorIdPayload>(kIkeVendorIdRfc3947, 1));
    m.AddPayload(WithData<IkeVendorIdPayload>(kIkeVendorIdStenberg00, 1));
    return m;
}

/// Main Mode message 2: HDR, SA (the accepted transform), VID(RFC 3947).
inline IkeMessage
MakeIkev1MainMode2()
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_MAIN_MODE,
                                 kMainModeInitiatorCookie,
                                 kMainModeResponderCookie,
                                 0,
                                 0);
    m.AddPayload(MainModeSa());
    m.AddPayload(WithData<IkeVendorIdPayload>(kIkeVendorIdRfc3947, 1));
    return m;
}

/**
 * Main Mode message 3 (RFC 3947 3.2): HDR, KE, Ni, NAT-D, NAT-D. The first
 * NAT-D hashes the destination (the responder), the second the initiator's
 * own address, which the NAT rewrites: the responder finds no match.
 */
inline IkeMessage
MakeIkev1MainMode3()
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_MAIN_MODE,
                                 kMainModeInitiatorCookie,
                                 kMainModeResponderCookie,
                                 0,
                                 0);
    m.AddPayload(KeyExchange(1, 0x01));
    m.AddPayload(WithData<IkeNoncePayload>(CountingBytes(32, 0x20), 1));
    m.AddPayload(MainModeNatD(kSampleResponder));
    m.AddPayload(MainModeNatD(kSampleInitiatorPrivate));
    return m;
}

/**
 * Main Mode message 4: HDR, KE, Nr, NAT-D (the initiator as the responder
 * sees it: the NAT's address), NAT-D (the responder itself).
 */
inline IkeMessage
MakeIkev1MainMode4()
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_MAIN_MODE,
                                 kMainModeInitiatorCookie,
                                 kMainModeResponderCookie,
                                 0,
                                 0);
    m.AddPayload(KeyExchange(1, 0x81));
    m.AddPayload(WithData<IkeNoncePayload>(CountingBytes(32, 0xa0), 1));
    m.AddPayload(MainModeNatD(kSampleNatPublic));
    m.AddPayload(MainModeNatD(kSampleResponder));
    return m;
}

/**
 * Main Mode message 5 or 6 once the NAT is found: sent on UDP 4500
 * (RFC 3947 4) and encrypted (RFC 2409 5: HDR*, IDii, HASH_I). The body,
 * 12 bytes of ID_IPV4_ADDR and 36 of HASH with SHA2-256, is three AES
 * blocks.
 */
inline IkeMessage
MakeIkev1MainModeEncrypted(bool fromInitiator)
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_MAIN_MODE,
                                 kMainModeInitiatorCookie,
                                 kMainModeResponderCookie,
                                 IsakmpHeader::IKEV1_ENCRYPTION,
                                 0);
    m.GetHeader().SetNextPayload(IKEV1_PAYLOAD_ID);
    m.SetEncryptedBody(CountingBytes(48, fromInitiator ? 0x40 : 0xc0));
    return m;
}

/**
 * Quick Mode message 1 under the Main Mode SA, on UDP 4500: HDR*, HASH(1),
 * SA, Ni, IDci, IDcr, NAT-OAi, NAT-OAr (RFC 2409 5.5, RFC 3947 5.2). HASH
 * 36 bytes, an ESP proposal with one transform and five attributes 52, Ni
 * 36, the IDs and NAT-OAs 12 each: 172 bytes, padded to 11 AES blocks.
 */
inline IkeMessage
MakeIkev1QuickMode1()
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_QUICK_MODE,
                                 kMainModeInitiatorCookie,
                                 kMainModeResponderCookie,
                                 IsakmpHeader::IKEV1_ENCRYPTION,
                                 0x9e3779b9);
    m.GetHeader().SetNextPayload(IKEV1_PAYLOAD_HASH);
    m.SetEncryptedBody(CountingBytes(176, 0x10));
    return m;
}

/// Cookies of the Aggressive Mode exchange.
constexpr uint64_t kAggressiveInitiatorCookie = 0x0a1b2c3d4e5f6071ULL;

/**
 * Aggressive Mode message 1 (RFC 2409 5, RFC 3947 3.1): HDR, SA, KE, Ni,
 * IDii, VID(RFC 3947), VID(draft-stenberg). The identity goes in the clear,
 * an FQDN with the UDP/500 of a phase-1 ID (RFC 2407 4.6.2).
 */
inline IkeMessage
MakeIkev1AggressiveMode1()
{
    IkeMessage m =
        NewIkeMessage(1, IsakmpHeader::IKEV1_AGGRESSIVE, kAggressiveInitiatorCookie, 0, 0, 0);
    m.AddPayload(MainModeSa());
    m.AddPayload(KeyExchange(1, 0x11));
    m.AddPayload(WithData<IkeNoncePayload>(CountingBytes(32, 0x30), 1));
    auto id = std::make_unique<IkeIdPayload>(1);
    id->SetFqdn("client.example.org");
    id->SetProtocolId(IkeIdPayload::PROTOCOL_UDP);
    id->SetPort(IKE_UDP_PORT);
    m.AddPayload(std::move(id));
    m.AddPayload(WithData<IkeVendorIdPayload>(kIkeVendorIdRfc3947, 1));
    m.AddPayload(WithData<IkeVendorIdPayload>(kIkeVendorIdStenberg00, 1));
    return m;
}

/// The ESP SPI of the Quick Mode SA the Informational deletes.
constexpr uint32_t kIkev1EspSpi = 0x00001002;

/**
 * Wire-format sample: an Informational exchange under the Main Mode SA with
 * HASH(1), a dead peer detection R-U-THERE (RFC 3706 5: the SPI is the
 * cookie pair, the data a sequence number) and a Delete of an ESP SA
 * (RFC 2408 3.15). A real peer encrypts it (RFC 2409 5.7, RFC 3706 5); it
 * is in the clear here so that Wireshark decodes the notify and the delete.
 */
inline IkeMessage
MakeIkev1Informational()
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_INFORMATIONAL,
                                 kMainModeInitiatorCookie,
                                 kMainModeResponderCookie,
                                 0,
                                 0x6b8b4567);
    m.AddPayload(WithData<IkeHashPayload>(CountingBytes(32, 0x50)));
    auto notify = std::make_unique<IkeNotifyPayload>(1);
    notify->SetProtocolId(Ikev1SaPayload::PROTO_ISAKMP);
    std::vector<uint8_t> cookies;
    AppendBigEndian(cookies, kMainModeInitiatorCookie, 8);
    AppendBigEndian(cookies, kMainModeResponderCookie, 8);
    notify->SetSpi(cookies);
    notify->SetNotifyType(IkeNotifyPayload::IKEV1_R_U_THERE);
    notify->SetData({0x00, 0x00, 0x4e, 0x41}); // sequence number
    m.AddPayload(std::move(notify));
    auto del = std::make_unique<IkeDeletePayload>(1);
    del->SetProtocolId(Ikev1SaPayload::PROTO_IPSEC_ESP);
    del->AddSpi32(kIkev1EspSpi);
    m.AddPayload(std::move(del));
    return m;
}

/// Cookies of the IKEv1 wire-format sample.
constexpr uint64_t kIkev1ClearInitiatorCookie = 0x2233445566778899ULL;
constexpr uint64_t kIkev1ClearResponderCookie = 0xaabbccddeeff0011ULL;

/**
 * Wire-format sample: the payloads of Main Mode message 5 with signature
 * authentication (RFC 2409 5.1: IDii, CERT, SIG_I; a CERTREQ may ride
 * along, RFC 2408 3.10), a HASH, and the NAT-OA that Quick Mode carries
 * (RFC 3947 5.2), all in one message in the clear. Real peers encrypt all
 * of them; Wireshark decodes IKEv1 payloads only when unencrypted.
 */
inline IkeMessage
MakeIkev1ClearSample()
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_MAIN_MODE,
                                 kIkev1ClearInitiatorCookie,
                                 kIkev1ClearResponderCookie,
                                 0,
                                 0);
    auto id = std::make_unique<IkeIdPayload>(1);
    id->SetIpv4Address(kSampleInitiatorPrivate);
    id->SetProtocolId(IkeIdPayload::PROTOCOL_UDP);
    id->SetPort(IKE_UDP_PORT);
    m.AddPayload(std::move(id));
    m.AddPayload(WithData<IkeCertPayload>(SampleCertificate(), 1));
    m.AddPayload(WithData<IkeCertRequestPayload>(SampleCaName(), 1));
    m.AddPayload(WithData<IkeHashPayload>(CountingBytes(32, 0x60)));
    m.AddPayload(WithData<IkeSignaturePayload>(CountingBytes(64, 0x70)));
    auto natOa = std::make_unique<IkeNatOaPayload>();
    natOa->SetIpv4Address(kSampleInitiatorPrivate);
    m.AddPayload(std::move(natOa));
    return m;
}

/// Cookies of the draft-stenberg Main Mode exchange.
constexpr uint64_t kStenbergInitiatorCookie = 0x4455667788990011ULL;
constexpr uint64_t kStenbergResponderCookie = 0xccddeeff00112233ULL;

/**
 * Wire-format sample: draft-stenberg Main Mode message 5 (3.1.2): IDii,
 * HASH_I and the private payload 211 with the responder as the initiator
 * sees it and the initiator's own address. A real peer encrypts it; it is
 * in the clear here so that Wireshark shows the payload.
 */
inline IkeMessage
MakeStenbergMainMode5()
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_MAIN_MODE,
                                 kStenbergInitiatorCookie,
                                 kStenbergResponderCookie,
                                 0,
                                 0);
    auto id = std::make_unique<IkeIdPayload>(1);
    id->SetIpv4Address(kSampleInitiatorPrivate);
    id->SetProtocolId(IkeIdPayload::PROTOCOL_UDP);
    id->SetPort(IKE_UDP_PORT);
    m.AddPayload(std::move(id));
    m.AddPayload(WithData<IkeHashPayload>(CountingBytes(32, 0x80)));
    auto probe = std::make_unique<StenbergProbePayload>();
    probe->SetProbe(InetSocketAddress(kSampleResponder, IKE_UDP_PORT),
                    {InetSocketAddress(kSampleInitiatorPrivate, IKE_UDP_PORT)});
    m.AddPayload(std::move(probe));
    return m;
}

/**
 * Wire-format sample: draft-stenberg Main Mode message 6: IDir, HASH_R and
 * the decision byte, 1: the responder saw another address than the probe
 * named, so NAT traversal is used.
 */
inline IkeMessage
MakeStenbergMainMode6()
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_MAIN_MODE,
                                 kStenbergInitiatorCookie,
                                 kStenbergResponderCookie,
                                 0,
                                 0);
    auto id = std::make_unique<IkeIdPayload>(1);
    id->SetIpv4Address(kSampleResponder);
    id->SetProtocolId(IkeIdPayload::PROTOCOL_UDP);
    id->SetPort(IKE_UDP_PORT);
    m.AddPayload(std::move(id));
    m.AddPayload(WithData<IkeHashPayload>(CountingBytes(32, 0x90)));
    auto decision = std::make_unique<StenbergProbePayload>();
    decision->SetDecision(true);
    m.AddPayload(std::move(decision));
    return m;
}

// ---------------------------------------------------------------- IKEv2

/**
 * The IKE SA proposal natt makes (RFC 7296 3.3): AES-CBC-256,
 * PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128 and MODP 2048.
 */
inline std::unique_ptr<Ikev2SaPayload>
Ikev2IkeSa()
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
    auto sa = std::make_unique<Ikev2SaPayload>();
    sa->AddProposal(proposal);
    return sa;
}

/**
 * The IKEv2 NAT detection notifications (RFC 7296 2.23) of a message from
 * \p source to \p destination, both on port 500: SHA-1 of the SPIs and each
 * address and port.
 */
inline void
AddNatDetection(IkeMessage& m, Ipv4Address source, Ipv4Address destination)
{
    const IsakmpHeader& h = m.GetHeader();
    for (auto [type, address] :
         {std::make_pair(IkeNotifyPayload::NAT_DETECTION_SOURCE_IP, source),
          std::make_pair(IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP, destination)})
    {
        m.AddPayload(Ikev2Notify(type,
                                 NatDetectionHash(EVP_sha1(),
                                                  h.GetInitiatorSpi(),
                                                  h.GetResponderSpi(),
                                                  address,
                                                  IKE_UDP_PORT)));
    }
}

/**
 * The responder's stateless cookie (RFC 7296 2.6 suggests
 * VersionIDofSecret | Hash(Ni | IPi | SPIi | secret)): a 4-byte secret
 * version and SHA-256.
 */
inline std::vector<uint8_t>
SampleIkev2Cookie()
{
    std::vector<uint8_t> in = CountingBytes(32, 0x20); // Ni
    AppendBigEndian(in, kSampleNatPublic.Get(), 4);
    AppendBigEndian(in, kIkev2InitiatorSpi, 8);
    for (char c : std::string("natt responder secret"))
    {
        in.push_back(static_cast<uint8_t>(c));
    }
    std::vector<uint8_t> cookie = {0x00, 0x00, 0x00, 0x01};
    std::vector<uint8_t> hash = Digest(EVP_sha256(), in);
    cookie.insert(cookie.end(), hash.begin(), hash.end());
    return cookie;
}

/**
 * IKE_SA_INIT request (RFC 7296 1.2): HDR, SAi1, KEi, Ni,
 * N(NAT_DETECTION_SOURCE_IP), N(NAT_DETECTION_DESTINATION_IP),
 * N(IKEV2_FRAGMENTATION_SUPPORTED) (RFC 7383 2.3). With \p cookie it is the
 * retry after a COOKIE response, which puts the cookie first (RFC 7296 2.6).
 */
inline IkeMessage
MakeIkev2SaInitRequest(const std::vector<uint8_t>& cookie = {})
{
    IkeMessage m = NewIkeMessage(2,
                                 IsakmpHeader::IKEV2_IKE_SA_INIT,
                                 kIkev2InitiatorSpi,
                                 0,
                                 IsakmpHeader::IKEV2_INITIATOR,
                                 0);
    if (!cookie.empty())
    {
        m.AddPayload(Ikev2Notify(IkeNotifyPayload::COOKIE, cookie));
    }
    m.AddPayload(Ikev2IkeSa());
    m.AddPayload(KeyExchange(2, 0x01));
    m.AddPayload(WithData<IkeNoncePayload>(CountingBytes(32, 0x20), 2));
    AddNatDetection(m, kSampleInitiatorPrivate, kSampleResponder);
    m.AddPayload(Ikev2Notify(IkeNotifyPayload::IKEV2_FRAGMENTATION_SUPPORTED));
    return m;
}

/// The responder's answer asking for a cookie (RFC 7296 2.6): HDR(SPIi, 0), N(COOKIE).
inline IkeMessage
MakeIkev2CookieResponse()
{
    IkeMessage m = NewIkeMessage(2,
                                 IsakmpHeader::IKEV2_IKE_SA_INIT,
                                 kIkev2InitiatorSpi,
                                 0,
                                 IsakmpHeader::IKEV2_RESPONSE,
                                 0);
    m.AddPayload(Ikev2Notify(IkeNotifyPayload::COOKIE, SampleIkev2Cookie()));
    return m;
}

/**
 * IKE_SA_INIT response: HDR, SAr1, KEr, Nr, the NAT detection of the
 * responder's view (the initiator appears as the NAT's address) and
 * N(IKEV2_FRAGMENTATION_SUPPORTED).
 */
inline IkeMessage
MakeIkev2SaInitResponse()
{
    IkeMessage m = NewIkeMessage(2,
                                 IsakmpHeader::IKEV2_IKE_SA_INIT,
                                 kIkev2InitiatorSpi,
                                 kIkev2ResponderSpi,
                                 IsakmpHeader::IKEV2_RESPONSE,
                                 0);
    m.AddPayload(Ikev2IkeSa());
    m.AddPayload(KeyExchange(2, 0x81));
    m.AddPayload(WithData<IkeNoncePayload>(CountingBytes(32, 0xa0), 2));
    AddNatDetection(m, kSampleResponder, kSampleNatPublic);
    m.AddPayload(Ikev2Notify(IkeNotifyPayload::IKEV2_FRAGMENTATION_SUPPORTED));
    return m;
}

/**
 * An SK payload (RFC 7296 3.14) for AES-CBC with HMAC-SHA2-256-128: a
 * 16-byte IV, \p blocks AES blocks of ciphertext and a 16-byte ICV.
 * \param first the type of the first payload inside
 */
inline std::unique_ptr<Ikev2EncryptedPayload>
EncryptedPayload(IkePayloadType first, std::size_t blocks, uint8_t fill)
{
    auto sk = std::make_unique<Ikev2EncryptedPayload>();
    sk->SetNextPayload(first);
    sk->SetData(CountingBytes(16, fill),
                CountingBytes(16 * blocks, fill + 0x10),
                CountingBytes(16, 0xf0));
    return sk;
}

/**
 * An IKEv2 message of the main IKE SA whose payloads are all inside SK,
 * sent on UDP 4500 once the NAT is found (RFC 7296 2.23). \p blocks is
 * what the inner payloads and the pad length byte (RFC 7296 3.14) take in
 * AES blocks.
 */
inline IkeMessage
MakeIkev2Encrypted(IsakmpHeader::ExchangeType exchangeType,
                   bool fromInitiator,
                   uint32_t messageId,
                   IkePayloadType firstInner,
                   std::size_t blocks)
{
    uint8_t flags = fromInitiator ? IsakmpHeader::IKEV2_INITIATOR : IsakmpHeader::IKEV2_RESPONSE;
    IkeMessage m =
        NewIkeMessage(2, exchangeType, kIkev2InitiatorSpi, kIkev2ResponderSpi, flags, messageId);
    // IVs differ between messages, as they must (RFC 3602 2.1).
    uint8_t iv = static_cast<uint8_t>(messageId * 0x20 + (fromInitiator ? 0 : 0x10));
    m.AddPayload(EncryptedPayload(firstInner, blocks, iv));
    return m;
}

/**
 * IKE_AUTH request with a pre-shared key: HDR, SK {IDi, AUTH, SAi2, TSi,
 * TSr, N(INITIAL_CONTACT)}: an FQDN IDi 26 bytes, AUTH with a SHA2-256 MAC
 * 40, an ESP SA with three transforms 44, one IPv4 range per TS 24 each,
 * the notification 8, the pad length 1: 167 bytes, 11 blocks.
 */
inline IkeMessage
MakeIkev2AuthRequest()
{
    return MakeIkev2Encrypted(IsakmpHeader::IKEV2_IKE_AUTH, true, 1, IKEV2_PAYLOAD_IDI, 11);
}

/// IKE_AUTH response: HDR, SK {IDr, AUTH, SAr2, TSi, TSr}: an IPv4 IDr 12 bytes, 145 in all.
inline IkeMessage
MakeIkev2AuthResponse()
{
    return MakeIkev2Encrypted(IsakmpHeader::IKEV2_IKE_AUTH, false, 1, IKEV2_PAYLOAD_IDR, 10);
}

/// CREATE_CHILD_SA request for another Child SA without PFS: HDR, SK {SA, Ni, TSi, TSr}, 129 bytes.
inline IkeMessage
MakeIkev2CreateChildSa()
{
    return MakeIkev2Encrypted(IsakmpHeader::IKEV2_CREATE_CHILD_SA, true, 2, IKEV2_PAYLOAD_SA, 9);
}

/// INFORMATIONAL request deleting a Child SA: HDR, SK {D} with one ESP SPI, 13 bytes.
inline IkeMessage
MakeIkev2Informational()
{
    return MakeIkev2Encrypted(IsakmpHeader::IKEV2_INFORMATIONAL, true, 3, IKEV2_PAYLOAD_DELETE, 1);
}

/// SPIs of the IKE SA whose IKE_AUTH request is fragmented.
constexpr uint64_t kIkev2FragmentedInitiatorSpi = 0x2132435465768798ULL;
constexpr uint64_t kIkev2FragmentedResponderSpi = 0xa9bacbdcedfe0f10ULL;

/**
 * Fragment \p number of 2 of an IKE_AUTH request too large for one
 * datagram, e.g. with certificates (RFC 7383 2.5). Only the first fragment
 * names the first inner payload; the others say 0. The first is as large
 * as RFC 7383 2.5.1 advises for IPv4 on UDP 4500: 576 bytes with the IPv4
 * and UDP headers and the non-ESP marker.
 */
inline IkeMessage
MakeIkev2AuthFragment(uint16_t number)
{
    IkeMessage m = NewIkeMessage(2,
                                 IsakmpHeader::IKEV2_IKE_AUTH,
                                 kIkev2FragmentedInitiatorSpi,
                                 kIkev2FragmentedResponderSpi,
                                 IsakmpHeader::IKEV2_INITIATOR,
                                 1);
    auto skf = std::make_unique<Ikev2EncryptedFragmentPayload>();
    skf->SetFragmentNumber(number);
    skf->SetTotalFragments(2);
    skf->SetNextPayload(number == 1 ? IKEV2_PAYLOAD_IDI : IKE_PAYLOAD_NONE);
    std::size_t blocks = number == 1 ? 29 : 10;
    skf->SetData(CountingBytes(16, number == 1 ? 0x00 : 0x80),
                 CountingBytes(16 * blocks, 0x10),
                 CountingBytes(16, 0xf0));
    m.AddPayload(std::move(skf));
    return m;
}

/// SPIs of the IKEv2 wire-format sample.
constexpr uint64_t kIkev2ClearInitiatorSpi = 0x3142536475869708ULL;
constexpr uint64_t kIkev2ClearResponderSpi = 0xb9cadbecfd0e1f20ULL;
/// The ESP SPI the IKEv2 wire-format sample deletes.
constexpr uint32_t kIkev2EspSpi = 0xc0ffee01;

/**
 * Wire-format sample: the payloads of an IKE_AUTH request of a remote
 * access client with a certificate (RFC 7296 1.2, 2.19): IDi (FQDN), CERT,
 * CERTREQ, IDr, AUTH (RFC 7427 digital signature), CP(CFG_REQUEST) for an
 * internal address, TSi, TSr; then a Delete and an INVALID_KE_PAYLOAD
 * notification naming group 14 (RFC 7296 1.2), which other messages carry.
 * Real peers put all of it inside SK; it is in the clear here so that
 * Wireshark decodes each payload.
 */
inline IkeMessage
MakeIkev2ClearSample()
{
    IkeMessage m = NewIkeMessage(2,
                                 IsakmpHeader::IKEV2_IKE_AUTH,
                                 kIkev2ClearInitiatorSpi,
                                 kIkev2ClearResponderSpi,
                                 IsakmpHeader::IKEV2_INITIATOR,
                                 1);
    auto idi = std::make_unique<IkeIdPayload>(2, true);
    idi->SetFqdn("client.example.org");
    m.AddPayload(std::move(idi));
    m.AddPayload(WithData<IkeCertPayload>(SampleCertificate(), 2));
    m.AddPayload(WithData<IkeCertRequestPayload>(SampleCaKeyHash(), 2));
    auto idr = std::make_unique<IkeIdPayload>(2, false);
    idr->SetIpv4Address(kSampleResponder);
    m.AddPayload(std::move(idr));
    // RFC 7427 3: the length of the AlgorithmIdentifier, the
    // AlgorithmIdentifier of ecdsa-with-SHA256 (RFC 7427 A.4.1), then a DER
    // ECDSA signature (two 32-byte integers).
    std::vector<uint8_t> signature = FromHex("0c 300a06082a8648ce3d040302 3044 0220");
    std::vector<uint8_t> r = CountingBytes(32, 0x11);
    signature.insert(signature.end(), r.begin(), r.end());
    signature.push_back(0x02);
    signature.push_back(0x20);
    std::vector<uint8_t> s = CountingBytes(32, 0x31);
    signature.insert(signature.end(), s.begin(), s.end());
    auto auth = std::make_unique<Ikev2AuthPayload>();
    auth->SetMethod(Ikev2AuthPayload::DIGITAL_SIGNATURE);
    auth->SetData(signature);
    m.AddPayload(std::move(auth));
    auto cp = std::make_unique<Ikev2ConfigurationPayload>();
    cp->SetCfgType(Ikev2ConfigurationPayload::CFG_REQUEST);
    cp->AddAttribute(Ikev2ConfigAttribute::Empty(Ikev2ConfigAttribute::INTERNAL_IP4_ADDRESS));
    m.AddPayload(std::move(cp));
    auto tsi = std::make_unique<Ikev2TrafficSelectorPayload>(IKEV2_PAYLOAD_TSI);
    tsi->AddTrafficSelector(
        Ikev2TrafficSelector::Ipv4Range(Ipv4Address("0.0.0.0"), Ipv4Address("255.255.255.255")));
    m.AddPayload(std::move(tsi));
    auto tsr = std::make_unique<Ikev2TrafficSelectorPayload>(IKEV2_PAYLOAD_TSR);
    tsr->AddTrafficSelector(Ikev2TrafficSelector::Ipv4Range(Ipv4Address("198.51.100.0"),
                                                            Ipv4Address("198.51.100.255")));
    m.AddPayload(std::move(tsr));
    auto del = std::make_unique<IkeDeletePayload>(2);
    del->SetProtocolId(Ikev2Proposal::PROTOCOL_ESP);
    del->AddSpi32(kIkev2EspSpi);
    m.AddPayload(std::move(del));
    m.AddPayload(Ikev2Notify(IkeNotifyPayload::INVALID_KE_PAYLOAD, {0x00, 0x0e}));
    return m;
}

/// The IPv6 samples' peers (RFC 3849 documentation prefix), talking IKE over IPv6.
inline const Ipv6Address kSampleInitiator6("2001:db8::a");
inline const Ipv6Address kSampleResponder6("2001:db8::14");
/// The IPv6 sites behind them, and the IPv4 tunnel endpoints of RFC 4891 5.1.
inline const Ipv6Address kSampleSite6("2001:db8:1::");
inline const Ipv6Address kSampleSite6Last("2001:db8:1:ffff:ffff:ffff:ffff:ffff");
/// IP protocol 41, IPv6 in IPv4 (RFC 4213 3.5), the protocol RFC 4891 5.1 protects.
constexpr uint8_t kSampleProtocol6in4 = 41;

/// Cookies of the IKEv1 IPv6 wire-format sample.
constexpr uint64_t kIkev1Ipv6InitiatorCookie = 0x6677889900112233ULL;
constexpr uint64_t kIkev1Ipv6ResponderCookie = 0x0011223344556677ULL;

/**
 * Wire-format sample of IKEv1's IPv6 identities (RFC 2407 4.6.2.6,
 * 4.6.2.7, 4.6.2.9): the phase-1 ID_IPV6_ADDR of Main Mode message 5 (UDP
 * 500), its HASH, and the Quick Mode IDs (RFC 2409 5.5) of an IPv6 site
 * with protocol 41 and of an IPv6 range with TCP port 80, in one message
 * in the clear. Real peers encrypt them.
 */
inline IkeMessage
MakeIkev1Ipv6ClearSample()
{
    IkeMessage m = NewIkeMessage(1,
                                 IsakmpHeader::IKEV1_MAIN_MODE,
                                 kIkev1Ipv6InitiatorCookie,
                                 kIkev1Ipv6ResponderCookie,
                                 0,
                                 0);
    auto id = std::make_unique<IkeIdPayload>(1);
    id->SetIpv6Address(kSampleInitiator6);
    id->SetProtocolId(IkeIdPayload::PROTOCOL_UDP);
    id->SetPort(IKE_UDP_PORT);
    m.AddPayload(std::move(id));
    m.AddPayload(WithData<IkeHashPayload>(CountingBytes(32, 0x80)));
    auto idci = std::make_unique<IkeIdPayload>(1);
    idci->SetIpv6Subnet(kSampleSite6, Ipv6Prefix(48));
    idci->SetProtocolId(kSampleProtocol6in4);
    m.AddPayload(std::move(idci));
    auto idcr = std::make_unique<IkeIdPayload>(1);
    idcr->SetIpv6Range(Ipv6Address("2001:db8:2::1"), Ipv6Address("2001:db8:2::ff"));
    idcr->SetProtocolId(6);
    idcr->SetPort(80);
    m.AddPayload(std::move(idcr));
    return m;
}

/// SPIs of the IKEv2 IPv6 wire-format sample.
constexpr uint64_t kIkev2Ipv6InitiatorSpi = 0x5566778899aabbccULL;
constexpr uint64_t kIkev2Ipv6ResponderSpi = 0xddeeff0011223344ULL;

/**
 * Wire-format sample of IKEv2's IPv6 forms: the payloads of an IKE_AUTH
 * request with IPv6 identities (ID_IPV6_ADDR, RFC 7296 3.5), a PSK AUTH,
 * and traffic selectors (RFC 7296 3.13.1) naming an IPv6 site
 * (TS_IPV6_ADDR_RANGE) and protocol 41 between two IPv4 tunnel endpoints
 * (TS_IPV4_ADDR_RANGE, RFC 4891 5.1). In the clear, so that Wireshark
 * decodes each payload.
 */
inline IkeMessage
MakeIkev2Ipv6ClearSample()
{
    IkeMessage m = NewIkeMessage(2,
                                 IsakmpHeader::IKEV2_IKE_AUTH,
                                 kIkev2Ipv6InitiatorSpi,
                                 kIkev2Ipv6ResponderSpi,
                                 IsakmpHeader::IKEV2_INITIATOR,
                                 1);
    auto idi = std::make_unique<IkeIdPayload>(2, true);
    idi->SetIpv6Address(kSampleInitiator6);
    m.AddPayload(std::move(idi));
    auto idr = std::make_unique<IkeIdPayload>(2, false);
    idr->SetIpv6Address(kSampleResponder6);
    m.AddPayload(std::move(idr));
    auto auth = std::make_unique<Ikev2AuthPayload>();
    auth->SetMethod(Ikev2AuthPayload::SHARED_KEY_MIC);
    auth->SetData(CountingBytes(32, 0x90));
    m.AddPayload(std::move(auth));
    auto tsi = std::make_unique<Ikev2TrafficSelectorPayload>(IKEV2_PAYLOAD_TSI);
    tsi->AddTrafficSelector(Ikev2TrafficSelector::Ipv6Range(kSampleSite6, kSampleSite6Last));
    tsi->AddTrafficSelector(
        Ikev2TrafficSelector::Ipv4Range(kSampleNatPublic, kSampleNatPublic, kSampleProtocol6in4));
    m.AddPayload(std::move(tsi));
    auto tsr = std::make_unique<Ikev2TrafficSelectorPayload>(IKEV2_PAYLOAD_TSR);
    tsr->AddTrafficSelector(Ikev2TrafficSelector::Ipv6Range(Ipv6Address("2001:db8:2::"),
                                                            Ipv6Address("2001:db8:2::ffff"),
                                                            17,
                                                            IKE_UDP_PORT,
                                                            IKE_UDP_PORT));
    tsr->AddTrafficSelector(
        Ikev2TrafficSelector::Ipv4Range(kSampleResponder, kSampleResponder, kSampleProtocol6in4));
    m.AddPayload(std::move(tsr));
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
