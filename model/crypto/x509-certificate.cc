/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "x509-certificate.h"

#include <arpa/inet.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace ns3
{

namespace
{

std::string
NameToText(const X509_NAME* name)
{
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0)
    {
        openssl::ClearErrors();
        return {};
    }
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string
AsText(const ASN1_STRING* s)
{
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                       static_cast<std::size_t>(ASN1_STRING_length(s)));
}

using GeneralNamesPtr =
    std::unique_ptr<GENERAL_NAMES, openssl::Deleter<GENERAL_NAMES, GENERAL_NAMES_free>>;

} // namespace

X509Certificate::X509Certificate(std::shared_ptr<X509> certificate)
    : m_certificate(std::move(certificate))
{
}

CryptoResult<X509Certificate>
X509Certificate::FromPem(const std::string& pem)
{
    openssl::BioPtr bio = openssl::MemoryBio(pem);
    X509* certificate = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (certificate == nullptr)
    {
        return openssl::Failure("X.509 certificate from PEM");
    }
    return X509Certificate(std::shared_ptr<X509>(certificate, X509_free));
}

CryptoResult<X509Certificate>
X509Certificate::FromPemFile(const std::string& path)
{
    auto pem = ReadTextFile(path);
    if (!pem)
    {
        return CryptoFailure{pem.GetReason()};
    }
    return FromPem(*pem);
}

CryptoResult<X509Certificate>
X509Certificate::FromDer(const Bytes& der)
{
    const unsigned char* p = der.data();
    X509* certificate = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (certificate == nullptr)
    {
        return openssl::Failure("X.509 certificate from DER");
    }
    std::shared_ptr<X509> owned(certificate, X509_free);
    // A CERT payload holds exactly one certificate; trailing bytes mean a
    // malformed payload, not a certificate to accept.
    if (p != der.data() + der.size())
    {
        return CryptoFailure{"X.509 certificate followed by " +
                             std::to_string(der.data() + der.size() - p) + " stray bytes"};
    }
    return X509Certificate(std::move(owned));
}

Bytes
X509Certificate::GetDer() const
{
    return openssl::EncodeDer(i2d_X509, m_certificate.get());
}

std::string
X509Certificate::GetSubjectName() const
{
    return NameToText(X509_get_subject_name(m_certificate.get()));
}

Bytes
X509Certificate::GetSubjectNameDer() const
{
    return openssl::EncodeDer(i2d_X509_NAME, X509_get_subject_name(m_certificate.get()));
}

std::string
X509Certificate::GetIssuerName() const
{
    return NameToText(X509_get_issuer_name(m_certificate.get()));
}

CryptoResult<RsaPublicKey>
X509Certificate::GetPublicKey() const
{
    // get0: the certificate keeps ownership; FromPkey takes its own reference.
    EVP_PKEY* key = X509_get0_pubkey(m_certificate.get());
    if (key == nullptr)
    {
        return openssl::Failure("certificate public key");
    }
    return RsaPublicKey::FromPkey(key);
}

std::vector<SubjectAltName>
X509Certificate::GetSubjectAltNames() const
{
    std::vector<SubjectAltName> names;
    GeneralNamesPtr entries(static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(m_certificate.get(), NID_subject_alt_name, nullptr, nullptr)));
    if (!entries)
    {
        openssl::ClearErrors();
        return names;
    }
    for (int k = 0; k < sk_GENERAL_NAME_num(entries.get()); ++k)
    {
        const GENERAL_NAME* entry = sk_GENERAL_NAME_value(entries.get(), k);
        switch (entry->type)
        {
        case GEN_DNS:
            names.push_back({SubjectAltName::Type::Dns, AsText(entry->d.dNSName), {}});
            break;
        case GEN_EMAIL:
            names.push_back({SubjectAltName::Type::Email, AsText(entry->d.rfc822Name), {}});
            break;
        case GEN_IPADD: {
            const ASN1_OCTET_STRING* ip = entry->d.iPAddress;
            Bytes address(ASN1_STRING_get0_data(ip),
                          ASN1_STRING_get0_data(ip) + ASN1_STRING_length(ip));
            char text[INET6_ADDRSTRLEN] = {0};
            if (address.size() == 4)
            {
                inet_ntop(AF_INET, address.data(), text, sizeof(text));
            }
            else if (address.size() == 16)
            {
                inet_ntop(AF_INET6, address.data(), text, sizeof(text));
            }
            else
            {
                break; // an address of another length is malformed; skip it
            }
            names.push_back({SubjectAltName::Type::Ip, text, address});
            break;
        }
        default:
            break; // other name forms are not IKE identities
        }
    }
    return names;
}

CryptoStatus
X509Certificate::IsIssuedBy(const X509Certificate& issuer) const
{
    // Names, authority / subject key identifiers and the issuer's keyUsage.
    int check = X509_check_issued(issuer.m_certificate.get(), m_certificate.get());
    if (check != X509_V_OK)
    {
        return CryptoFailure{std::string("not issued by ") + issuer.GetSubjectName() + ": " +
                             X509_verify_cert_error_string(check)};
    }
    // Matching names prove nothing by themselves: the signature decides.
    EVP_PKEY* key = X509_get0_pubkey(issuer.m_certificate.get());
    if (key == nullptr || X509_verify(m_certificate.get(), key) != 1)
    {
        openssl::ClearErrors();
        return CryptoFailure{std::string("signature by ") + issuer.GetSubjectName() +
                             " does not verify"};
    }
    return CryptoStatus();
}

X509*
X509Certificate::GetX509() const
{
    return m_certificate.get();
}

} // namespace ns3
