/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_SA_PAYLOAD_H
#define NATT_IKEV1_SA_PAYLOAD_H

#include "ike-attribute.h"
#include "ike-payload.h"

#include <cstdint>
#include <vector>

namespace ns3
{

// The substructures come after the payload because their fields are typed
// with the payload's enums; the payload only needs their names here.
struct Ikev1Transform;
struct Ikev1Proposal;

/**
 * \ingroup natt-wire
 * \brief IKEv1 Security Association payload (RFC 2408 3.4, type 1).
 *
 * Body: DOI (32 bits), situation (32 bits, RFC 2407 4.6.1 for the IPsec
 * DOI), then the proposals, each a generic-header-like substructure with
 * its transforms nested inside it. On the wire each substructure names the
 * next one of its kind (2 for another proposal, 3 for another transform, 0
 * for the last). The payload keeps them as plain structs and writes the
 * next-payload, length, SPI-size and transform-count fields itself; on
 * reading, every one of those is checked against what is really there.
 *
 * Only the SIT_IDENTITY_ONLY situation is modelled: the labelled
 * situations (secrecy, integrity) put extra fields between the situation
 * and the first proposal, and a payload that sets them is rejected.
 */
class Ikev1SaPayload : public IkePayload
{
  public:
    /// Domain of interpretation (RFC 2407 4.2).
    static constexpr uint32_t IPSEC_DOI = 1;

    /// Situation bits (RFC 2407 4.6.1).
    enum Situation : uint32_t
    {
        SIT_IDENTITY_ONLY = 0x01,
        SIT_SECRECY = 0x02,
        SIT_INTEGRITY = 0x04,
    };

    /// Protocol IDs of a proposal (RFC 2407 4.4.1).
    enum ProtocolId : uint8_t
    {
        PROTO_ISAKMP = 1,
        PROTO_IPSEC_AH = 2,
        PROTO_IPSEC_ESP = 3,
        PROTO_IPCOMP = 4,
    };

    /**
     * Transform IDs; each protocol has its own number space, so values
     * repeat: ISAKMP (RFC 2407 4.4.2), AH (4.4.3, RFC 4868 for SHA2),
     * ESP (4.4.4, RFC 3602 for AES-CBC, RFC 4106 for AES-GCM).
     */
    enum TransformId : uint8_t
    {
        KEY_IKE = 1,
        AH_MD5 = 2,
        AH_SHA = 3,
        AH_SHA2_256 = 5,
        ESP_3DES = 3,
        ESP_NULL = 11,
        ESP_AES_CBC = 12,
        ESP_AES_GCM_16 = 20,
    };

    /// Phase-1 attribute classes (RFC 2409 appendix A).
    enum IkeAttributeType : uint16_t
    {
        IKE_ATTR_ENCRYPTION_ALGORITHM = 1,
        IKE_ATTR_HASH_ALGORITHM = 2,
        IKE_ATTR_AUTH_METHOD = 3,
        IKE_ATTR_GROUP_DESCRIPTION = 4,
        IKE_ATTR_LIFE_TYPE = 11,
        IKE_ATTR_LIFE_DURATION = 12,
        IKE_ATTR_PRF = 13,
        IKE_ATTR_KEY_LENGTH = 14,
    };

    /// Phase-1 attribute values (RFC 2409 appendix A; AES from the IANA registry).
    enum IkeAttributeValue : uint16_t
    {
        IKE_ENCR_DES_CBC = 1,
        IKE_ENCR_3DES_CBC = 5,
        IKE_ENCR_AES_CBC = 7,
        IKE_HASH_MD5 = 1,
        IKE_HASH_SHA = 2,
        IKE_HASH_SHA2_256 = 4,
        IKE_AUTH_PSK = 1,
        IKE_AUTH_DSS_SIG = 2,
        IKE_AUTH_RSA_SIG = 3,
        IKE_GROUP_MODP_768 = 1,
        IKE_GROUP_MODP_1024 = 2,
        IKE_GROUP_MODP_2048 = 14, ///< RFC 3526 3
        LIFE_TYPE_SECONDS = 1,    ///< same value in phase 2 (RFC 2407 4.5)
        LIFE_TYPE_KILOBYTES = 2,
    };

    /// Phase-2 (IPsec DOI) attribute classes (RFC 2407 4.5).
    enum IpsecAttributeType : uint16_t
    {
        IPSEC_ATTR_SA_LIFE_TYPE = 1,
        IPSEC_ATTR_SA_LIFE_DURATION = 2,
        IPSEC_ATTR_GROUP_DESCRIPTION = 3,
        IPSEC_ATTR_ENCAPSULATION_MODE = 4,
        IPSEC_ATTR_AUTH_ALGORITHM = 5,
        IPSEC_ATTR_KEY_LENGTH = 6,
    };

    /// Phase-2 authentication algorithms (RFC 2407 4.5, RFC 4868 for SHA2).
    enum IpsecAuthAlgorithm : uint16_t
    {
        IPSEC_AUTH_HMAC_MD5 = 1,
        IPSEC_AUTH_HMAC_SHA = 2,
        IPSEC_AUTH_HMAC_SHA2_256 = 5,
    };

    /**
     * Encapsulation modes: RFC 2407 4.5 (tunnel, transport), RFC 3947 5.1
     * (the UDP-encapsulated modes), and the private-range numbers that
     * implementations of the NAT-T drafts (draft-ietf-ipsec-nat-t-ike-02
     * and -03) used before the RFC assigned 3 and 4; they are still seen
     * from peers that announce those drafts.
     */
    enum EncapsulationMode : uint16_t
    {
        ENCAP_TUNNEL = 1,
        ENCAP_TRANSPORT = 2,
        ENCAP_UDP_TUNNEL = 3,
        ENCAP_UDP_TRANSPORT = 4,
        ENCAP_UDP_TUNNEL_DRAFT = 61443,
        ENCAP_UDP_TRANSPORT_DRAFT = 61444,
    };

    Ikev1SaPayload();
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    void SetDoi(uint32_t doi);
    uint32_t GetDoi() const;
    void SetSituation(uint32_t situation);
    uint32_t GetSituation() const;
    void AddProposal(const Ikev1Proposal& proposal);
    void SetProposals(const std::vector<Ikev1Proposal>& proposals);
    const std::vector<Ikev1Proposal>& GetProposals() const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    /// Fixed part of a proposal or transform: the generic header and 4 bytes.
    static constexpr uint32_t kSubstructureHeaderSize = 8;

    static uint32_t GetProposalSize(const Ikev1Proposal& proposal);
    static uint32_t GetTransformSize(const Ikev1Transform& transform);
    static bool DeserializeProposal(WireReader& r, Ikev1Proposal& proposal);
    static bool DeserializeTransform(WireReader& r, Ikev1Transform& transform);

    uint32_t m_doi{IPSEC_DOI};
    uint32_t m_situation{SIT_IDENTITY_ONLY};
    std::vector<Ikev1Proposal> m_proposals;
};

/**
 * \ingroup natt-wire
 * \brief One Transform substructure of an IKEv1 proposal (RFC 2408 3.6).
 *
 * The transform ID is interpreted in the namespace of the enclosing
 * proposal's protocol (Ikev1SaPayload::TransformId); the attributes carry
 * the algorithm details (RFC 2409 appendix A for phase 1, RFC 2407 4.5 for
 * phase 2). The substructure's next-payload and length fields are computed
 * when the SA payload is written.
 */
struct Ikev1Transform
{
    uint8_t number{1}; ///< transform #
    /// Read in the enclosing proposal's protocol's number space; any byte a decoder read
    Ikev1SaPayload::TransformId transformId{Ikev1SaPayload::KEY_IKE};
    std::vector<IkeAttribute> attributes; ///< SA attributes, in wire order

    /// \return the first attribute of \p type, or nullptr
    const IkeAttribute* FindAttribute(uint16_t type) const;
    /// Append a short-form (TV) attribute.
    void AddTv(uint16_t type, uint16_t value);

    bool operator==(const Ikev1Transform& other) const;
};

/**
 * \ingroup natt-wire
 * \brief One Proposal substructure of an IKEv1 SA payload (RFC 2408 3.5).
 *
 * Proposals that share a number are one proposal made of several
 * protocols (e.g. AH and ESP together, RFC 2408 4.2); the transforms of a
 * proposal are alternatives the responder chooses one of.
 */
struct Ikev1Proposal
{
    uint8_t number{1}; ///< proposal #
    /// Protocol ID; any byte a decoder read
    Ikev1SaPayload::ProtocolId protocolId{Ikev1SaPayload::PROTO_ISAKMP};
    std::vector<uint8_t> spi;               ///< empty for phase 1 (RFC 2409 5), 4 bytes for AH/ESP
    std::vector<Ikev1Transform> transforms; ///< at least one

    /// Set a 4-byte SPI (AH and ESP, RFC 2407 4.6.2 uses 32-bit SPIs).
    void SetSpi32(uint32_t spi);
    /// \return the SPI as a 32-bit number (0 unless it is 4 bytes long)
    uint32_t GetSpi32() const;

    bool operator==(const Ikev1Proposal& other) const;
};

} // namespace ns3

#endif /* NATT_IKEV1_SA_PAYLOAD_H */
