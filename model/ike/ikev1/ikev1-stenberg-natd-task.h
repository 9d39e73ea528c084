/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_STENBERG_NATD_TASK_H
#define NATT_IKEV1_STENBERG_NATD_TASK_H

#include "ikev1-task-manager.h"

#include "ns3/ike-task.h"

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief draft-stenberg-ipsec-nat-traversal-00 3.1 in Main Mode: its vendor
 * ID in messages 1-4, the payload-211 probe in message 5 (the responder as
 * the initiator sees it, and the initiator's own address), and the
 * responder's decision byte in message 6. IKE stays on its port; the data
 * plane wraps ESP in the draft's envelope (IpsecEncapsulation::STENBERG).
 */
class Ikev1StenbergNatdTask : public IkeTask
{
  public:
    Ikev1StenbergNatdTask(Ikev1TaskManager* manager, bool initiator);
    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

  private:
    void AddVendorId(IkeMessage& message);
    void ReadVendorId(const IkeMessage& message);

    Ikev1TaskManager* m_manager;
    bool m_initiator;
    uint32_t m_step{0};
    bool m_decision{false};
};

} // namespace ns3

#endif /* NATT_IKEV1_STENBERG_NATD_TASK_H */
