/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_X509_CERTIFICATE_H
#define NATT_X509_CERTIFICATE_H

#include "crypto-types.h"
#include "openssl-util.h"
#include "rsa-public-key.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-crypto
 * One entry of a certificate's subjectAltName extension (RFC 5280 section
 * 4.2.1.6), of the kinds IKE identities are matched against (RFC 4945
 * section 3.1): ID_FQDN, ID_RFC822_ADDR, ID_IPV4_ADDR / ID_IPV6_ADDR.
 */
struct SubjectAltName
{
    enum class Type
    {
        Dns,   ///< dNSName: value is the FQDN
        Email, ///< rfc822Name: value is the address
        Ip,    ///< iPAddress: address holds 4 or 16 bytes, value the text form
    };

    Type type;
    std::string value;
    Bytes address;
};

/**
 * \ingroup natt-crypto
 * \brief An X.509 certificate: parsed, encoded, and checked against an issuer.
 *
 * Copies share the underlying certificate.
 */
class X509Certificate
{
  public:
    /// \return the first certificate in \p pem
    static CryptoResult<X509Certificate> FromPem(const std::string& pem);
    /// \return the first certificate in the PEM file at \p path
    static CryptoResult<X509Certificate> FromPemFile(const std::string& path);
    /// \return the certificate encoded in \p der (a CERT payload's data)
    static CryptoResult<X509Certificate> FromDer(const Bytes& der);

    /// \return the DER encoding, as a CERT payload carries it (RFC 7296 3.6, encoding 4)
    Bytes GetDer() const;
    /// \return the subject name as text (RFC 2253 form, e.g. "CN=gateway.natt.test,O=natt")
    std::string GetSubjectName() const;
    /// \return the DER subject name, an ID_DER_ASN1_DN identity (RFC 4945 3.1.5)
    Bytes GetSubjectNameDer() const;
    /// \return the issuer name as text (RFC 2253 form)
    std::string GetIssuerName() const;
    /// \return the subject's public key, or failure if it is not RSA
    CryptoResult<RsaPublicKey> GetPublicKey() const;
    /// \return the DNS, email and IP entries of subjectAltName, in certificate order
    std::vector<SubjectAltName> GetSubjectAltNames() const;

    /**
     * Check that \p issuer issued this certificate: names and key
     * identifiers match, the issuer may sign certificates, and the
     * signature verifies under the issuer's key.
     *
     * \return success, or failure with the reason
     */
    CryptoStatus IsIssuedBy(const X509Certificate& issuer) const;

    /// \return OpenSSL's certificate, for other wrappers
    X509* GetX509() const;

  private:
    explicit X509Certificate(std::shared_ptr<X509> certificate);

    std::shared_ptr<X509> m_certificate;
};

} // namespace ns3

#endif /* NATT_X509_CERTIFICATE_H */
