/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_ENCRYPTED_FRAGMENT_PAYLOAD_H
#define NATT_IKEV2_ENCRYPTED_FRAGMENT_PAYLOAD_H

#include "ikev2-encrypted-payload.h"

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief IKEv2 Encrypted Fragment payload, SKF (RFC 7383 2.5, type 53).
 *
 * An SK payload split for IKE fragmentation: a fragment number and the
 * total number of fragments precede the same IV | ciphertext | ICV body, so
 * the body accessors are inherited from Ikev2EncryptedPayload. Numbering
 * that cannot be right (fragment number 0 or above the total, total 0) is
 * malformed (RFC 7383 2.6.1); whether fragments of one message agree with
 * each other is for the reassembly in the IKE model to check.
 */
class Ikev2EncryptedFragmentPayload : public Ikev2EncryptedPayload
{
  public:
    /// Fixed part of the body: fragment number and total fragments.
    static constexpr uint32_t kFixedSize = 4;

    Ikev2EncryptedFragmentPayload();
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    /// Fragment number, counting from 1.
    void SetFragmentNumber(uint16_t number);
    uint16_t GetFragmentNumber() const;
    void SetTotalFragments(uint16_t total);
    uint16_t GetTotalFragments() const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    uint16_t m_fragmentNumber{1};
    uint16_t m_totalFragments{1};
};

} // namespace ns3

#endif /* NATT_IKEV2_ENCRYPTED_FRAGMENT_PAYLOAD_H */
