/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_CERTIFICATE_STORE_H
#define NATT_CERTIFICATE_STORE_H

#include "crypto-types.h"
#include "openssl-util.h"
#include "x509-certificate.h"

#include <ctime>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief Trust anchors, and path validation of a peer's certificate against them.
 *
 * An IKE peer authenticated by certificate sends its own certificate and,
 * often, intermediates in further CERT payloads (RFC 7296 section 3.6,
 * RFC 4945 section 3.2); Verify builds the path from those to one of the
 * trust anchors (RFC 5280 section 6).
 */
class CertificateStore
{
  public:
    CertificateStore();

    /// Trust \p anchor (a root CA certificate).
    CryptoStatus AddTrustAnchor(const X509Certificate& anchor);

    /**
     * \param leaf the peer's end-entity certificate
     * \param intermediates further certificates the peer sent, untrusted by themselves
     * \param at the time to check validity periods at; none to skip the check.
     *        A simulation's clock is not a calendar, and the wall clock would
     *        make results depend on the day a run happens, so natt passes none
     *        unless a scenario sets a date.
     * \return success, or failure with OpenSSL's reason for the path
     */
    CryptoStatus Verify(const X509Certificate& leaf,
                        const std::vector<X509Certificate>& intermediates = {},
                        std::optional<std::time_t> at = std::nullopt) const;

  private:
    openssl::X509StorePtr m_store;
};

} // namespace ns3

#endif /* NATT_CERTIFICATE_STORE_H */
