/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_IKE_INIT_TASK_H
#define NATT_IKEV2_IKE_INIT_TASK_H

#include "ns3/diffie-hellman.h"
#include "ns3/ike-config.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-task.h"
#include "ns3/ikev2-sa-payload.h"

#include <memory>

namespace ns3
{

class Ikev2TaskManager;

/**
 * \ingroup natt-ikev2
 * \brief IKE_SA_INIT's own payloads (RFC 7296 1.2): SA, KE, Nonce, and the
 * notifies COOKIE (2.6), INVALID_KE_PAYLOAD (1.2) and
 * IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383 2.3). Derives the IKE SA keys.
 */
class Ikev2IkeInitTask : public IkeTask
{
  public:
    Ikev2IkeInitTask(Ikev2TaskManager* manager, bool initiator);

    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

    /// The IKE proposal of \p config as an SA payload proposal.
    static Ikev2Proposal MakeProposal(const IkeProposal& config);
    /// true if \p proposal offers exactly the algorithms of \p config.
    static bool Matches(const Ikev2Proposal& proposal, const IkeProposal& config);

  private:
    void CreateDh(uint16_t group);
    void DeriveKeys();

    Ikev2TaskManager* m_manager;
    bool m_initiator;
    std::unique_ptr<DiffieHellman> m_dh;
    Bytes m_nonce;
    Bytes m_peerKe;
    IkeNotifyPayload::NotifyType m_error{}; ///< 0: none
    Bytes m_errorData;
};

} // namespace ns3

#endif /* NATT_IKEV2_IKE_INIT_TASK_H */
