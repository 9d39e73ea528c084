/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_LOCAL_CERTIFICATE_AUTHORITY_H
#define NATT_LOCAL_CERTIFICATE_AUTHORITY_H

#include "crypto-types.h"
#include "openssl-util.h"
#include "x509-certificate.h"

#include "ns3/ipv4-address.h"

#include <memory>
#include <string>

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief What a DNAT router's local CA certifies about one host: the
 * router's global address, the host's local address, and the ports and
 * SPIs the router allocated to it (seed 003, "IPsec Across a DNAT
 * Network": the name space is "the concatenation of the DNAT router's
 * global IP address and the host's local IP address", and the certificate
 * binds the host's key to it "and port number range").
 */
struct DnatBinding
{
    Ipv4Address routerAddress;
    Ipv4Address hostAddress;
    uint16_t firstPort{0};
    uint16_t lastPort{0};
    uint32_t firstSpi{0};
    uint32_t lastSpi{0};

    bool HasPort(uint16_t port) const;
    bool HasSpi(uint32_t spi) const;
    bool operator==(const DnatBinding& other) const;
};

/**
 * \ingroup natt-crypto
 * \brief The DNAT router as local certificate authority (LCA, seed 003):
 * a self-signed CA certificate for the router's global address, and
 * end-entity certificates for its hosts carrying a DnatBinding in an
 * X.509 extension of natt's own (doc/dnat.rst):
 *
 *     id-natt-dnat-binding OBJECT IDENTIFIER ::= { 1 3 6 1 4 1 32473 1 1 }
 *     DnatBinding ::= SEQUENCE {
 *         routerAddress OCTET STRING (SIZE (4)),
 *         hostAddress   OCTET STRING (SIZE (4)),
 *         firstPort     INTEGER (0..65535),
 *         lastPort      INTEGER (0..65535),
 *         firstSpi      INTEGER (0..4294967295),
 *         lastSpi       INTEGER (0..4294967295) }
 *
 * The arc is under 32473, the enterprise number RFC 5612 reserves for
 * documentation, because natt owns no enterprise number. The extension is
 * non-critical: a verifier that does not know it still checks the path,
 * natt's remote reads it (DnatBinding) and refuses traffic outside it.
 *
 * Everything a certificate holds is fixed by its inputs (dates, serial
 * numbers, RSA PKCS#1 v1.5 signatures), so a run's IKE messages and
 * pcaps repeat exactly with the seed.
 */
class LocalCertificateAuthority
{
  public:
    static constexpr const char* kBindingOid = "1.3.6.1.4.1.32473.1.1";

    /**
     * \param caKeyPem the router's private key (PEM)
     * \param routerAddress the router's global address, named in the CA's subject
     */
    static CryptoResult<LocalCertificateAuthority> Create(const std::string& caKeyPem,
                                                          Ipv4Address routerAddress);

    /// \return the self-signed LCA certificate, the remote's trust anchor
    const X509Certificate& GetCaCertificate() const;
    std::string GetCaCertificatePem() const;

    /**
     * Certify the public key of \p hostKeyPem (a private key PEM; only its
     * public half goes in) for \p binding. Subject CN is
     * "<router global>/<host local>", subjectAltName the router's global
     * address (the IKE identity the host uses), serial numbers 2, 3, ...
     * in issue order.
     * \return the certificate (PEM)
     */
    CryptoResult<std::string> Issue(const std::string& hostKeyPem, const DnatBinding& binding);

    /// \return the binding in \p certificate's natt extension, or failure if absent or malformed
    static CryptoResult<DnatBinding> ReadBinding(const X509Certificate& certificate);

  private:
    LocalCertificateAuthority(std::shared_ptr<EVP_PKEY> key,
                              Ipv4Address routerAddress,
                              X509Certificate certificate);

    std::shared_ptr<EVP_PKEY> m_key;
    Ipv4Address m_routerAddress;
    X509Certificate m_certificate;
    long m_nextSerial{2};
};

} // namespace ns3

#endif /* NATT_LOCAL_CERTIFICATE_AUTHORITY_H */
