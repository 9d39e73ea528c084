/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_ISAKMP_NATD_TASK_H
#define NATT_IKEV1_ISAKMP_NATD_TASK_H

#include "ikev1-task-manager.h"

#include "ns3/ike-task.h"

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief NAT detection of RFC 3947 in phase 1: the vendor ID in messages
 * 1-2, NAT-D in messages 3-4 (Aggressive Mode: 2-3), and the float to UDP
 * 4500 from message 5 (Aggressive Mode: 3) when a NAT is found. The
 * findings become conditions on the IKE SA.
 */
class Ikev1IsakmpNatdTask : public IkeTask
{
  public:
    Ikev1IsakmpNatdTask(Ikev1TaskManager* manager, bool initiator, bool aggressive);
    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

    /// HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash (RFC 3947 3.2).
    static Bytes ComputeHash(const Ikev1Keys& keys,
                             const Bytes& ckyI,
                             const Bytes& ckyR,
                             const IkeEndpoint& endpoint);

  private:
    void AddVendorId(IkeMessage& message);
    void ReadVendorId(const IkeMessage& message);
    void AddNatd(IkeMessage& message);
    void Detect(const IkeMessage& message);
    /// After Detect at the initiator: the daemon's policy refuses the responder.
    bool Refused() const;
    void Float();

    Ikev1TaskManager* m_manager;
    bool m_initiator;
    bool m_aggressive;
    uint32_t m_step{0};
};

} // namespace ns3

#endif /* NATT_IKEV1_ISAKMP_NATD_TASK_H */
