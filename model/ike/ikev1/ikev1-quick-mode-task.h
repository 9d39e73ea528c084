/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_QUICK_MODE_TASK_H
#define NATT_IKEV1_QUICK_MODE_TASK_H

#include "ikev1-task-manager.h"

#include "ns3/ike-task.h"
#include "ns3/ikev1-sa-payload.h"

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief Quick Mode (RFC 2409 5.5): one ESP SA pair under the ISAKMP SA,
 * with optional PFS (a fresh DH), the client identities, and under NAT-T
 * the UDP-encapsulated modes and NAT-OA (RFC 3947 5).
 *
 * HASH(1) = prf(SKEYID_a, M-ID | rest of message 1),
 * HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest of message 2),
 * HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b).
 */
class Ikev1QuickModeTask : public IkeTask
{
  public:
    Ikev1QuickModeTask(Ikev1TaskManager* manager,
                       bool initiator,
                       uint32_t messageId,
                       const IkeChildConfig& child,
                       uint32_t replaces);
    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

    /// The DOI's protocol ID of an AH or ESP SA (RFC 2407 4.4.1).
    static Ikev1SaPayload::ProtocolId ProtocolIdFor(IpsecProtocol protocol);
    /// The encapsulation mode attribute for \p mode on \p sa (RFC 2407 4.5, RFC 3947 5.1).
    static uint16_t EncapsulationModeFor(Ptr<IkeSa> sa, IpsecMode mode);

  private:
    std::vector<std::unique_ptr<IkePayload>> BuildRest();
    void AddHashed(IkeMessage& message,
                   std::vector<std::unique_ptr<IkePayload>> rest,
                   const Bytes& prefix);
    bool CheckHash(const IkeMessage& message, const Bytes& prefix) const;
    std::string ReadSa(const IkeMessage& message);
    bool ReadNonceKe(const IkeMessage& message);
    void ReadIds(const IkeMessage& message);
    void Install();
    Bytes Mid() const;

    Ikev1TaskManager* m_manager;
    bool m_initiator;
    uint32_t m_messageId;
    IkeChildConfig m_child;
    uint32_t m_replaces;
    uint32_t m_step{0};
    uint32_t m_spiIn{0};
    uint32_t m_spiOut{0};
    Bytes m_ni, m_nr, m_gqmxy;
    std::unique_ptr<DiffieHellman> m_dh;
    uint16_t m_encapMode{1};
    Ikev1Transform m_transform;
    std::unique_ptr<IkePayload> m_idci;
    std::unique_ptr<IkePayload> m_idcr;
    Ipv4Address m_natOaI;
    Ipv4Address m_natOaR;
};

} // namespace ns3

#endif /* NATT_IKEV1_QUICK_MODE_TASK_H */
