/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "local-certificate-authority.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sstream>

namespace ns3
{

namespace
{

/// Fixed validity, so certificates repeat byte for byte (natt checks no dates by default).
constexpr const char* kNotBefore = "20260101000000Z";
constexpr const char* kNotAfter = "20360101000000Z";

constexpr uint8_t kDerInteger = 0x02;
constexpr uint8_t kDerOctetString = 0x04;
constexpr uint8_t kDerSequence = 0x30;

void
AppendAddress(Bytes& out, Ipv4Address address)
{
    uint8_t raw[4];
    address.Serialize(raw);
    out.insert(out.end(), {kDerOctetString, 4, raw[0], raw[1], raw[2], raw[3]});
}

/// DER INTEGER for a non-negative value: shortest big-endian form, a leading
/// zero when the top bit is set (X.690 8.3).
void
AppendInteger(Bytes& out, uint32_t value)
{
    Bytes content;
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        auto octet = static_cast<uint8_t>(value >> shift);
        if (!content.empty() || octet != 0 || shift == 0)
        {
            content.push_back(octet);
        }
    }
    if (content[0] & 0x80)
    {
        content.insert(content.begin(), 0);
    }
    out.push_back(kDerInteger);
    out.push_back(static_cast<uint8_t>(content.size()));
    out.insert(out.end(), content.begin(), content.end());
}

Bytes
EncodeBinding(const DnatBinding& b)
{
    Bytes body;
    AppendAddress(body, b.routerAddress);
    AppendAddress(body, b.hostAddress);
    AppendInteger(body, b.firstPort);
    AppendInteger(body, b.lastPort);
    AppendInteger(body, b.firstSpi);
    AppendInteger(body, b.lastSpi);
    Bytes der{kDerSequence, static_cast<uint8_t>(body.size())};
    der.insert(der.end(), body.begin(), body.end());
    return der;
}

/// Reads the DnatBinding SEQUENCE strictly: short lengths only (it is
/// always under 128 octets), minimal integers, nothing left over.
class BindingReader
{
  public:
    explicit BindingReader(const Bytes& der)
        : m_der(der)
    {
    }

    bool Enter()
    {
        if (m_der.size() < 2 || m_der[0] != kDerSequence || m_der[1] != m_der.size() - 2)
        {
            return false;
        }
        m_at = 2;
        return true;
    }

    bool Address(Ipv4Address& address)
    {
        const uint8_t* content = Element(kDerOctetString, 4, 4);
        if (content)
        {
            address = Ipv4Address::Deserialize(content);
        }
        return content != nullptr;
    }

    bool Integer(uint32_t& value, uint32_t max)
    {
        std::size_t size = 0;
        const uint8_t* content = Element(kDerInteger, 1, 5, &size);
        if (!content || (content[0] & 0x80) ||
            (size > 1 && content[0] == 0 && !(content[1] & 0x80)) || (size == 5 && content[0] != 0))
        {
            return false;
        }
        uint64_t v = 0;
        for (std::size_t k = 0; k < size; ++k)
        {
            v = (v << 8) | content[k];
        }
        value = static_cast<uint32_t>(v);
        return v <= max;
    }

    bool AtEnd() const
    {
        return m_at == m_der.size();
    }

  private:
    const uint8_t* Element(uint8_t tag,
                           std::size_t minSize,
                           std::size_t maxSize,
                           std::size_t* size = nullptr)
    {
        if (m_at + 2 > m_der.size() || m_der[m_at] != tag)
        {
            return nullptr;
        }
        std::size_t length = m_der[m_at + 1];
        if (length < minSize || length > maxSize || m_at + 2 + length > m_der.size())
        {
            return nullptr;
        }
        const uint8_t* content = m_der.data() + m_at + 2;
        m_at += 2 + length;
        if (size)
        {
            *size = length;
        }
        return content;
    }

    const Bytes& m_der;
    std::size_t m_at{0};
};

using ExtensionPtr =
    std::unique_ptr<X509_EXTENSION, openssl::Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using ObjectPtr = std::unique_ptr<ASN1_OBJECT, openssl::Deleter<ASN1_OBJECT, ASN1_OBJECT_free>>;
using OctetStringPtr =
    std::unique_ptr<ASN1_OCTET_STRING, openssl::Deleter<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>>;

/// Add the standard extension \p nid with OpenSSL's config syntax \p value.
bool
AddExtension(X509* certificate, X509* issuer, int nid, const char* value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool
SetName(X509_NAME* name, const std::string& commonName)
{
    auto add = [name](const char* field, const std::string& value) {
        return X509_NAME_add_entry_by_txt(name,
                                          field,
                                          MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char*>(value.c_str()),
                                          -1,
                                          -1,
                                          0) == 1;
    };
    return add("O", "natt DNAT LCA") && add("CN", commonName);
}

std::string
AddressText(Ipv4Address address)
{
    std::ostringstream os;
    os << address;
    return os.str();
}

/**
 * A version-3 certificate for \p subjectKey under \p subjectName, issued
 * by \p issuer (self-signed when null) with \p issuerKey, SHA-256.
 * \p extend adds the profile's extensions.
 */
template <typename Extend>
CryptoResult<X509Certificate>
Build(EVP_PKEY* subjectKey,
      const std::string& subjectName,
      X509* issuer,
      EVP_PKEY* issuerKey,
      long serial,
      Extend extend)
{
    openssl::X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1 ||
        ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), serial) != 1 ||
        ASN1_TIME_set_string(X509_getm_notBefore(certificate.get()), kNotBefore) != 1 ||
        ASN1_TIME_set_string(X509_getm_notAfter(certificate.get()), kNotAfter) != 1 ||
        !SetName(X509_get_subject_name(certificate.get()), subjectName) ||
        X509_set_issuer_name(certificate.get(),
                             issuer ? X509_get_subject_name(issuer)
                                    : X509_get_subject_name(certificate.get())) != 1 ||
        X509_set_pubkey(certificate.get(), subjectKey) != 1 ||
        !extend(certificate.get(), issuer ? issuer : certificate.get()) ||
        X509_sign(certificate.get(), issuerKey, EVP_sha256()) == 0)
    {
        return openssl::Failure("LCA certificate");
    }
    unsigned char* der = nullptr;
    int size = i2d_X509(certificate.get(), &der);
    if (size <= 0)
    {
        return openssl::Failure("LCA certificate encoding");
    }
    Bytes bytes(der, der + size);
    OPENSSL_free(der);
    return X509Certificate::FromDer(bytes);
}

CryptoResult<std::shared_ptr<EVP_PKEY>>
ReadKey(const std::string& pem)
{
    openssl::BioPtr bio = openssl::MemoryBio(pem);
    EVP_PKEY* key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!key)
    {
        return openssl::Failure("LCA private key from PEM");
    }
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::string
ToPem(const X509Certificate& certificate)
{
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), certificate.GetX509()) != 1)
    {
        openssl::ClearErrors();
        return {};
    }
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace

bool
DnatBinding::HasPort(uint16_t port) const
{
    return firstPort <= port && port <= lastPort;
}

bool
DnatBinding::HasSpi(uint32_t spi) const
{
    return firstSpi <= spi && spi <= lastSpi;
}

bool
DnatBinding::operator==(const DnatBinding& o) const
{
    return routerAddress == o.routerAddress && hostAddress == o.hostAddress &&
           firstPort == o.firstPort && lastPort == o.lastPort && firstSpi == o.firstSpi &&
           lastSpi == o.lastSpi;
}

LocalCertificateAuthority::LocalCertificateAuthority(std::shared_ptr<EVP_PKEY> key,
                                                     Ipv4Address routerAddress,
                                                     X509Certificate certificate)
    : m_key(std::move(key)),
      m_routerAddress(routerAddress),
      m_certificate(std::move(certificate))
{
}

CryptoResult<LocalCertificateAuthority>
LocalCertificateAuthority::Create(const std::string& caKeyPem, Ipv4Address routerAddress)
{
    auto key = ReadKey(caKeyPem);
    if (!key)
    {
        return CryptoFailure{key.GetReason()};
    }
    EVP_PKEY* pkey = key->get();
    auto certificate =
        Build(pkey,
              "DNAT LCA " + AddressText(routerAddress),
              nullptr,
              pkey,
              1,
              [](X509* c, X509* issuer) {
                  return AddExtension(c, issuer, NID_basic_constraints, "critical,CA:TRUE") &&
                         AddExtension(c, issuer, NID_key_usage, "critical,keyCertSign,cRLSign") &&
                         AddExtension(c, issuer, NID_subject_key_identifier, "hash");
              });
    if (!certificate)
    {
        return CryptoFailure{certificate.GetReason()};
    }
    return LocalCertificateAuthority(*key, routerAddress, *certificate);
}

const X509Certificate&
LocalCertificateAuthority::GetCaCertificate() const
{
    return m_certificate;
}

std::string
LocalCertificateAuthority::GetCaCertificatePem() const
{
    return ToPem(m_certificate);
}

CryptoResult<std::string>
LocalCertificateAuthority::Issue(const std::string& hostKeyPem, const DnatBinding& binding)
{
    auto key = ReadKey(hostKeyPem);
    if (!key)
    {
        return CryptoFailure{key.GetReason()};
    }
    Bytes value = EncodeBinding(binding);
    std::string san = "IP:" + AddressText(binding.routerAddress);
    auto certificate = Build(
        key->get(),
        AddressText(binding.routerAddress) + "/" + AddressText(binding.hostAddress),
        m_certificate.GetX509(),
        m_key.get(),
        m_nextSerial,
        [&value, &san](X509* c, X509* issuer) {
            ObjectPtr oid(OBJ_txt2obj(kBindingOid, 1));
            OctetStringPtr data(ASN1_OCTET_STRING_new());
            if (!oid || !data ||
                ASN1_OCTET_STRING_set(data.get(), value.data(), static_cast<int>(value.size())) !=
                    1)
            {
                return false;
            }
            ExtensionPtr binding(X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), 0, data.get()));
            return binding && AddExtension(c, issuer, NID_basic_constraints, "CA:FALSE") &&
                   AddExtension(c, issuer, NID_key_usage, "critical,digitalSignature") &&
                   AddExtension(c, issuer, NID_subject_alt_name, san.c_str()) &&
                   AddExtension(c, issuer, NID_subject_key_identifier, "hash") &&
                   AddExtension(c, issuer, NID_authority_key_identifier, "keyid:always") &&
                   X509_add_ext(c, binding.get(), -1) == 1;
        });
    if (!certificate)
    {
        return CryptoFailure{certificate.GetReason()};
    }
    ++m_nextSerial;
    return ToPem(*certificate);
}

CryptoResult<DnatBinding>
LocalCertificateAuthority::ReadBinding(const X509Certificate& certificate)
{
    ObjectPtr oid(OBJ_txt2obj(kBindingOid, 1));
    int at = oid ? X509_get_ext_by_OBJ(certificate.GetX509(), oid.get(), -1) : -1;
    if (at < 0)
    {
        openssl::ClearErrors();
        return CryptoFailure{"no DNAT binding extension"};
    }
    const ASN1_OCTET_STRING* data =
        X509_EXTENSION_get_data(X509_get_ext(certificate.GetX509(), at));
    Bytes der(ASN1_STRING_get0_data(data), ASN1_STRING_get0_data(data) + ASN1_STRING_length(data));
    BindingReader r(der);
    DnatBinding b;
    uint32_t firstPort = 0;
    uint32_t lastPort = 0;
    if (!r.Enter() || !r.Address(b.routerAddress) || !r.Address(b.hostAddress) ||
        !r.Integer(firstPort, 0xffff) || !r.Integer(lastPort, 0xffff) ||
        !r.Integer(b.firstSpi, 0xffffffff) || !r.Integer(b.lastSpi, 0xffffffff) || !r.AtEnd() ||
        firstPort > lastPort || b.firstSpi > b.lastSpi)
    {
        return CryptoFailure{"malformed DNAT binding extension"};
    }
    b.firstPort = static_cast<uint16_t>(firstPort);
    b.lastPort = static_cast<uint16_t>(lastPort);
    return b;
}

} // namespace ns3
