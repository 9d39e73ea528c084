/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_OPAQUE_PAYLOAD_H
#define NATT_IKE_OPAQUE_PAYLOAD_H

#include "ike-payload.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief A payload whose body is one run of bytes.
 *
 * Several payloads have no structure past the generic header: Nonce
 * (RFC 2408 3.13, RFC 7296 3.9), Vendor ID (RFC 2408 3.16, RFC 7296 3.12),
 * HASH and SIG (RFC 2408 3.11, 3.12), NAT-D (RFC 3947 3.2), and any payload
 * type this code does not know (kept whole so it can be forwarded or
 * reported). They share this class; the subclasses only name the type.
 */
class IkeOpaquePayload : public IkePayload
{
  public:
    explicit IkeOpaquePayload(uint8_t payloadType);
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    std::unique_ptr<IkePayload> Clone() const override;

    void SetData(const std::vector<uint8_t>& data);
    const std::vector<uint8_t>& GetData() const;

  protected:
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(WireReader& r) override;
    void PrintBody(std::ostream& os) const override;
    const char* GetName() const override;

  private:
    std::vector<uint8_t> m_data;
};

/// Nonce payload (IKEv1 type 10, IKEv2 type 40).
class IkeNoncePayload : public IkeOpaquePayload
{
  public:
    /// \param majorVersion 1 or 2: selects the payload type number
    explicit IkeNoncePayload(uint8_t majorVersion = 2);
    std::unique_ptr<IkePayload> Clone() const override;

  protected:
    const char* GetName() const override;
};

/// Vendor ID payload (IKEv1 type 13, IKEv2 type 43): a hash or string naming a capability.
class IkeVendorIdPayload : public IkeOpaquePayload
{
  public:
    explicit IkeVendorIdPayload(uint8_t majorVersion = 2);
    std::unique_ptr<IkePayload> Clone() const override;

  protected:
    const char* GetName() const override;
};

/// IKEv1 HASH payload (type 8).
class IkeHashPayload : public IkeOpaquePayload
{
  public:
    IkeHashPayload();
    std::unique_ptr<IkePayload> Clone() const override;

  protected:
    const char* GetName() const override;
};

/// IKEv1 SIG payload (type 9).
class IkeSignaturePayload : public IkeOpaquePayload
{
  public:
    IkeSignaturePayload();
    std::unique_ptr<IkePayload> Clone() const override;

  protected:
    const char* GetName() const override;
};

/// IKEv1 NAT-D payload (RFC 3947 3.2, type 20): HASH(CKY-I | CKY-R | IP | Port).
class IkeNatDPayload : public IkeOpaquePayload
{
  public:
    IkeNatDPayload();
    std::unique_ptr<IkePayload> Clone() const override;

  protected:
    const char* GetName() const override;
};

} // namespace ns3

#endif /* NATT_IKE_OPAQUE_PAYLOAD_H */
