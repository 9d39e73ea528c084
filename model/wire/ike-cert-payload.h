/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_CERT_PAYLOAD_H
#define NATT_IKE_CERT_PAYLOAD_H

#include "ike-payload.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief What Certificate and Certificate Request payloads share: a one-byte
 *        encoding followed by data whose meaning the encoding gives.
 *
 * The layout is the same in both IKE versions and for both payloads
 * (RFC 2408 3.9 and 3.10, RFC 7296 3.6 and 3.7), so it lives here once and
 * the two subclasses only name their payload type.
 */
class IkeCertPayloadBase : public IkePayload
{
  public:
    /// Certificate encodings (RFC 2408 3.9, RFC 7296 3.6, RFC 7670).
    enum Encoding : uint8_t
    {
        PKCS7_X509 = 1,
        PGP = 2,
        DNS_SIGNED_KEY = 3,
        X509_SIGNATURE = 4,    ///< a DER X.509 certificate: what natt uses
        X509_KEY_EXCHANGE = 5, ///< IKEv1 only; reserved in IKEv2
        KERBEROS_TOKEN = 6,
        CRL = 7,
        ARL = 8,
        SPKI = 9,
        X509_ATTRIBUTE = 10,
        RAW_RSA_KEY = 11, ///< IKEv2; deprecated by RFC 7670
        HASH_URL_X509_CERT = 12,
        HASH_URL_X509_BUNDLE = 13,
        RAW_PUBLIC_KEY = 15,
    };

    static TypeId GetTypeId();

    uint8_t GetMajorVersion() const;
    /// An encoding no enumerator names is kept as it is (the underlying uint8_t holds any byte).
    void SetEncoding(Encoding encoding);
    Encoding GetEncoding() const;
    void SetData(const std::vector<uint8_t>& data);
    const std::vector<uint8_t>& GetData() const;

  protected:
    /**
     * \param majorVersion 1 or 2
     * \param v1Type the payload type in IKEv1
     * \param v2Type the payload type in IKEv2
     */
    IkeCertPayloadBase(uint8_t majorVersion, uint8_t v1Type, uint8_t v2Type);

    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;

  private:
    uint8_t m_majorVersion;
    uint8_t m_encoding{X509_SIGNATURE};
    std::vector<uint8_t> m_data;
};

/**
 * \ingroup natt-wire
 * \brief Certificate payload (IKEv1 type 6, RFC 2408 3.9; IKEv2 type 37,
 *        RFC 7296 3.6): one certificate or related data.
 */
class IkeCertPayload : public IkeCertPayloadBase
{
  public:
    /// \param majorVersion 1 or 2: selects the payload type number
    explicit IkeCertPayload(uint8_t majorVersion = 2);
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

  protected:
    const char* GetName() const override;
};

/**
 * \ingroup natt-wire
 * \brief Certificate Request payload (IKEv1 type 7, RFC 2408 3.10; IKEv2
 *        type 38, RFC 7296 3.7).
 *
 * The data names acceptable certification authorities: a distinguished name
 * in IKEv1 (empty for any), concatenated SHA-1 hashes of CA public keys for
 * IKEv2 X.509 requests. The data is kept as it is; reading it is the IKE
 * model's business.
 */
class IkeCertRequestPayload : public IkeCertPayloadBase
{
  public:
    /// \param majorVersion 1 or 2: selects the payload type number
    explicit IkeCertRequestPayload(uint8_t majorVersion = 2);
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

  protected:
    const char* GetName() const override;
};

} // namespace ns3

#endif /* NATT_IKE_CERT_PAYLOAD_H */
