/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_IKE_REKEY_TASK_H
#define NATT_IKEV2_IKE_REKEY_TASK_H

#include "ns3/diffie-hellman.h"
#include "ns3/ike-task.h"

#include <memory>

namespace ns3
{

class Ikev2TaskManager;

/**
 * \ingroup natt-ikev2
 * \brief Rekeying the IKE SA with CREATE_CHILD_SA (RFC 7296 1.3.2, 2.18):
 * a new IKE SA with new SPIs, keys from the old SK_d and a fresh DH, which
 * inherits the child SAs; the rekey initiator then deletes the old one.
 */
class Ikev2IkeRekeyTask : public IkeTask
{
  public:
    Ikev2IkeRekeyTask(Ikev2TaskManager* manager, bool initiator);

    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

  private:
    /// Create the new IKE SA once both SPIs, nonces and KEs are known.
    void CreateNewSa();

    Ikev2TaskManager* m_manager;
    bool m_initiator;
    uint64_t m_spi{0};
    uint64_t m_peerSpi{0};
    Bytes m_nonce;
    Bytes m_peerNonce;
    Bytes m_peerKe;
    std::unique_ptr<DiffieHellman> m_dh;
    bool m_noProposal{false};
};

} // namespace ns3

#endif /* NATT_IKEV2_IKE_REKEY_TASK_H */
