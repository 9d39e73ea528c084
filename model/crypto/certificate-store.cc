/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "certificate-store.h"

#include <openssl/x509_vfy.h>

namespace ns3
{

CertificateStore::CertificateStore()
    : m_store(X509_STORE_new())
{
    NS_ABORT_MSG_IF(!m_store, "cannot create an X509_STORE (out of memory?)");
}

CryptoStatus
CertificateStore::AddTrustAnchor(const X509Certificate& anchor)
{
    // The store takes its own reference to the certificate.
    if (X509_STORE_add_cert(m_store.get(), anchor.GetX509()) != 1)
    {
        return openssl::Failure("adding a trust anchor");
    }
    return CryptoStatus();
}

CryptoStatus
CertificateStore::Verify(const X509Certificate& leaf,
                         const std::vector<X509Certificate>& intermediates,
                         std::optional<std::time_t> at) const
{
    openssl::X509StackPtr untrusted(sk_X509_new_null());
    if (!untrusted)
    {
        return openssl::Failure("certificate path");
    }
    for (const auto& certificate : intermediates)
    {
        // The stack frees what it holds, so each entry gets its own reference.
        if (X509_up_ref(certificate.GetX509()) != 1)
        {
            return openssl::Failure("certificate path");
        }
        if (sk_X509_push(untrusted.get(), certificate.GetX509()) <= 0)
        {
            X509_free(certificate.GetX509());
            return openssl::Failure("certificate path");
        }
    }
    openssl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), m_store.get(), leaf.GetX509(), untrusted.get()) != 1)
    {
        return openssl::Failure("certificate path");
    }
    if (at)
    {
        X509_STORE_CTX_set_time(ctx.get(), 0, *at);
    }
    else
    {
        X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_NO_CHECK_TIME);
    }
    if (X509_verify_cert(ctx.get()) != 1)
    {
        int error = X509_STORE_CTX_get_error(ctx.get());
        openssl::ClearErrors();
        return CryptoFailure{std::string("certificate of ") + leaf.GetSubjectName() +
                             " does not verify: " + X509_verify_cert_error_string(error)};
    }
    return CryptoStatus();
}

} // namespace ns3
