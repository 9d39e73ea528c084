/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_TEST_PKI_H
#define NATT_TEST_PKI_H

#include "crypto-types.h"

#include <string>

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \brief Finds natt's committed test PKI (test/data/pki/, made by
 *        scripts/make-test-pki.sh).
 *
 * Simulations never generate RSA keys (that would not be reproducible), so
 * certificate authentication in tests and scenarios uses these files.
 */
class TestPki
{
  public:
    /// The certificates and keys in the test PKI.
    enum class Entity
    {
        RootCa,         ///< self-signed trust anchor
        IntermediateCa, ///< issued by RootCa
        Gateway,        ///< gateway.natt.test, issued by IntermediateCa
        Client,         ///< client.natt.test, issued by IntermediateCa
        Big,            ///< 4096-bit key, 122 subjectAltNames (~5.8 KB DER), for fragmentation
        RogueCa,        ///< untrusted root with the same name as RootCa
        Rogue,          ///< claims gateway.natt.test, issued by RogueCa
    };

    /// The PKI's folder inside natt's source tree.
    static constexpr const char* RelativeDirectory = "test/data/pki";

    /**
     * \param sourceDirectory natt's source folder (tests pass the
     *        NATT_SOURCE_DIR compile definition); the files are looked up in
     *        its RelativeDirectory
     */
    explicit TestPki(std::string sourceDirectory);

    /// \return the path of \p entity's certificate (PEM)
    std::string GetCertificatePath(Entity entity) const;
    /// \return the path of \p entity's private key (PEM, unencrypted PKCS#8)
    std::string GetKeyPath(Entity entity) const;
    /// \return the PEM text of \p entity's certificate, or failure if it cannot be read
    CryptoResult<std::string> ReadCertificatePem(Entity entity) const;
    /// \return the PEM text of \p entity's private key, or failure if it cannot be read
    CryptoResult<std::string> ReadKeyPem(Entity entity) const;

    /// \return the file name stem, e.g. "gateway"
    static const char* GetName(Entity entity);

  private:
    std::string m_directory;
};

} // namespace ns3

#endif /* NATT_TEST_PKI_H */
