/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_ENCRYPTED_PAYLOAD_H
#define NATT_IKEV2_ENCRYPTED_PAYLOAD_H

#include "ike-payload.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief IKEv2 Encrypted and Authenticated payload, SK (RFC 7296 3.14,
 *        type 46).
 *
 * The body is the IV, the encrypted inner payloads with their padding, and
 * the integrity checksum (ICV). Their sizes depend on the negotiated
 * algorithms, which only the IKE model knows, so the body is kept as one run
 * of bytes; the accessors split it for sizes the caller gives. The
 * next-payload field names the first payload inside the encryption, and SK
 * is always the last payload of a message (IkeMessage handles both).
 */
class Ikev2EncryptedPayload : public IkePayload
{
  public:
    Ikev2EncryptedPayload();
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    /// The whole encrypted body: IV | ciphertext | ICV.
    void SetData(const std::vector<uint8_t>& data);
    const std::vector<uint8_t>& GetData() const;
    /// Set the body from its three parts.
    void SetData(const std::vector<uint8_t>& iv,
                 const std::vector<uint8_t>& ciphertext,
                 const std::vector<uint8_t>& icv);

    /// \return true when the body holds at least an IV and an ICV of these sizes
    bool IsLongEnough(uint32_t ivSize, uint32_t icvSize) const;
    /// \return the first \p ivSize bytes, or nothing when the body is too short
    std::vector<uint8_t> GetIv(uint32_t ivSize) const;
    /// \return the bytes between IV and ICV, or nothing when the body is too short
    std::vector<uint8_t> GetCiphertext(uint32_t ivSize, uint32_t icvSize) const;
    /// \return the last \p icvSize bytes, or nothing when the body is too short
    std::vector<uint8_t> GetIcv(uint32_t icvSize) const;
    /**
     * Overwrite the last icv.size() bytes of the body. The ICV covers the
     * message up to itself (RFC 7296 3.14), so it is computed once the
     * message is laid out with a placeholder and filled in afterwards.
     */
    void SetIcv(const std::vector<uint8_t>& icv);

  protected:
    /// For the fragment variant (SKF), which shares the encrypted body.
    explicit Ikev2EncryptedPayload(uint8_t payloadType);

    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    std::vector<uint8_t> m_data;
};

} // namespace ns3

#endif /* NATT_IKEV2_ENCRYPTED_PAYLOAD_H */
