/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_SA_PAYLOAD_H
#define NATT_IKEV2_SA_PAYLOAD_H

#include "ike-attribute.h"
#include "ike-payload.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief One transform substructure of an IKEv2 proposal (RFC 7296 3.3.2).
 *
 * The transform length and the last-substructure marker are not kept: they
 * follow from the position and the attributes when the payload is written.
 */
struct Ikev2Transform
{
    /// Transform types (RFC 7296 3.3.2); type 4 is the Diffie-Hellman group.
    enum Type : uint8_t
    {
        TYPE_ENCR = 1,
        TYPE_PRF = 2,
        TYPE_INTEG = 3,
        TYPE_DH = 4,
        TYPE_ESN = 5,
    };

    /// Transform IDs of type ENCR (RFC 7296 3.3.2, RFC 4106 for GCM).
    enum EncrId : uint16_t
    {
        ENCR_NULL = 11,
        ENCR_AES_CBC = 12,
        ENCR_AES_GCM_16 = 20,
    };

    /// Transform IDs of type PRF.
    enum PrfId : uint16_t
    {
        PRF_HMAC_SHA1 = 2,
        PRF_HMAC_SHA2_256 = 5,
    };

    /// Transform IDs of type INTEG; AUTH_NONE goes with combined-mode ciphers.
    enum IntegId : uint16_t
    {
        AUTH_NONE = 0,
        AUTH_HMAC_SHA1_96 = 2,
        AUTH_HMAC_SHA2_256_128 = 12,
    };

    /// Transform IDs of type DH: Diffie-Hellman group numbers (RFC 3526, RFC 8031).
    enum DhGroup : uint16_t
    {
        MODP_2048 = 14,
        CURVE25519 = 31,
    };

    /// Transform IDs of type ESN.
    enum EsnId : uint16_t
    {
        ESN_NONE = 0,
        ESN_YES = 1,
    };

    /// Transform attribute types (RFC 7296 3.3.5): Key Length is the only one.
    enum AttributeType : uint16_t
    {
        ATTRIBUTE_KEY_LENGTH = 14,
    };

    Type type{TYPE_ENCR};                 ///< transform type; any byte a decoder read
    uint16_t id{0};                       ///< transform ID, meaning depends on the type
    std::vector<IkeAttribute> attributes; ///< transform attributes

    /// \return a transform without attributes
    static Ikev2Transform Make(Type type, uint16_t id);
    /**
     * \param id the cipher
     * \param keyLengthBits the Key Length attribute in bits; 0 for a cipher
     *        with a fixed key size, which must not carry the attribute
     * \return an ENCR transform
     */
    static Ikev2Transform MakeEncr(uint16_t id, uint16_t keyLengthBits = 0);
    /// \return the Key Length attribute's value, or 0 when there is none
    uint16_t GetKeyLength() const;

    /// \return the transform length: 8 bytes of fixed fields plus the attributes
    uint32_t GetSerializedSize() const;
    bool operator==(const Ikev2Transform& other) const;
};

std::ostream& operator<<(std::ostream& os, const Ikev2Transform& transform);

/**
 * \ingroup natt-wire
 * \brief One proposal substructure of an IKEv2 SA payload (RFC 7296 3.3.1).
 *
 * The proposal length, the transform count and the last-substructure marker
 * are computed when the payload is written. Numbering the proposals is the
 * IKE model's business (RFC 7296 3.3.1 gives the rules); this struct only
 * carries the number.
 */
struct Ikev2Proposal
{
    /// Protocol IDs (RFC 7296 3.3.1).
    enum ProtocolId : uint8_t
    {
        PROTOCOL_IKE = 1,
        PROTOCOL_AH = 2,
        PROTOCOL_ESP = 3,
    };

    uint8_t number{1};                      ///< proposal number
    ProtocolId protocolId{PROTOCOL_IKE};    ///< protocol ID; any byte a decoder read
    std::vector<uint8_t> spi;               ///< empty, 4 (AH, ESP) or 8 (IKE rekey) bytes
    std::vector<Ikev2Transform> transforms; ///< transforms in wire order

    /// Set a 4-byte SPI (AH and ESP).
    void SetSpi32(uint32_t value);
    /// \return the SPI as an integer, or 0 when it is not 4 bytes long
    uint32_t GetSpi32() const;
    /// Set an 8-byte SPI (an IKE SA being rekeyed, RFC 7296 1.3.2).
    void SetSpi64(uint64_t value);
    /// \return the SPI as an integer, or 0 when it is not 8 bytes long
    uint64_t GetSpi64() const;
    /// \return the first transform of \p type, or nullptr
    const Ikev2Transform* FindTransform(Ikev2Transform::Type type) const;

    /// \return the proposal length: 8 bytes of fixed fields, SPI and transforms
    uint32_t GetSerializedSize() const;
    bool operator==(const Ikev2Proposal& other) const;
};

std::ostream& operator<<(std::ostream& os, const Ikev2Proposal& proposal);

/**
 * \ingroup natt-wire
 * \brief IKEv2 Security Association payload (RFC 7296 3.3, type 33).
 *
 * The body is a list of proposals, each a list of transforms, each with its
 * attributes. Everything derived from the structure (lengths, counts,
 * last-substructure markers) is computed on write and checked on read: a
 * proposal or transform whose length overruns its container or leaves bytes
 * over, a transform count that differs from the transforms present, a
 * last-substructure marker that disagrees with what follows, or an SA
 * without proposals is malformed.
 */
class Ikev2SaPayload : public IkePayload
{
  public:
    /// Last-substructure values (RFC 7296 3.3.1, 3.3.2).
    static constexpr uint8_t kMoreProposals = 2;
    static constexpr uint8_t kMoreTransforms = 3;
    /// Fixed part of a proposal substructure, without SPI and transforms.
    static constexpr uint32_t kProposalHeaderSize = 8;
    /// Fixed part of a transform substructure, without attributes.
    static constexpr uint32_t kTransformHeaderSize = 8;

    Ikev2SaPayload();
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    void AddProposal(const Ikev2Proposal& proposal);
    void SetProposals(const std::vector<Ikev2Proposal>& proposals);
    const std::vector<Ikev2Proposal>& GetProposals() const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    static bool DeserializeProposal(WireReader& r, Ikev2Proposal& proposal, bool& last);
    static bool DeserializeTransform(WireReader& r, Ikev2Transform& transform, bool& last);

    std::vector<Ikev2Proposal> m_proposals;
};

} // namespace ns3

#endif /* NATT_IKEV2_SA_PAYLOAD_H */
