/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_DELETE_TASK_H
#define NATT_IKEV2_DELETE_TASK_H

#include "ns3/ike-task.h"

#include <vector>

namespace ns3
{

class Ikev2TaskManager;

/**
 * \ingroup natt-ikev2
 * \brief INFORMATIONAL with Delete payloads (RFC 7296 1.4.1): the IKE SA
 * (no SPIs given) or child SA pairs (by our inbound SPIs). As responder it
 * also answers an empty INFORMATIONAL, the liveness check (1.4).
 */
class Ikev2DeleteTask : public IkeTask
{
  public:
    Ikev2DeleteTask(Ikev2TaskManager* manager, bool initiator, std::vector<uint32_t> spis = {});

    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

  private:
    Ikev2TaskManager* m_manager;
    bool m_initiator;
    /// Our inbound SPIs of the child SAs to delete; empty: the IKE SA.
    std::vector<uint32_t> m_spis;
    bool m_deleteIke{false};
};

} // namespace ns3

#endif /* NATT_IKEV2_DELETE_TASK_H */
