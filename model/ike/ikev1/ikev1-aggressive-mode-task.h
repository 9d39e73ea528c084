/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_AGGRESSIVE_MODE_TASK_H
#define NATT_IKEV1_AGGRESSIVE_MODE_TASK_H

#include "ikev1-phase1-task.h"

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief Aggressive Mode (RFC 2409 5): SA, KE, nonce and ID in message 1,
 * the responder's all of that plus its proof in message 2, the
 * initiator's proof in message 3. Identities travel in the clear. The
 * responder's configuration (and so its pre-shared key) is the one found
 * for the source address, as in Main Mode.
 */
class Ikev1AggressiveModeTask : public Ikev1Phase1Task
{
  public:
    Ikev1AggressiveModeTask(Ikev1TaskManager* manager, bool initiator);
    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;
};

} // namespace ns3

#endif /* NATT_IKEV1_AGGRESSIVE_MODE_TASK_H */
