/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_MAIN_MODE_TASK_H
#define NATT_IKEV1_MAIN_MODE_TASK_H

#include "ikev1-phase1-task.h"

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief Main Mode (RFC 2409 5, "Identity Protection" of RFC 2408 4.5):
 * SA in messages 1-2, KE and nonces in 3-4, encrypted ID and proof in 5-6.
 */
class Ikev1MainModeTask : public Ikev1Phase1Task
{
  public:
    Ikev1MainModeTask(Ikev1TaskManager* manager, bool initiator);
    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;
};

} // namespace ns3

#endif /* NATT_IKEV1_MAIN_MODE_TASK_H */
