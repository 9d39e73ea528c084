/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_NATD_TASK_H
#define NATT_IKEV2_NATD_TASK_H

#include "ns3/crypto-types.h"
#include "ns3/ike-config.h"
#include "ns3/ike-task.h"

namespace ns3
{

class Ikev2TaskManager;

/**
 * \ingroup natt-ikev2
 * \brief NAT detection in IKE_SA_INIT (RFC 7296 2.23): the
 * NAT_DETECTION_SOURCE_IP and NAT_DETECTION_DESTINATION_IP notifies, whose
 * results become conditions on the IKE SA (NAT here, NAT there, faked).
 * The initiator floats to UDP 4500 when a NAT was found.
 */
class Ikev2NatdTask : public IkeTask
{
  public:
    Ikev2NatdTask(Ikev2TaskManager* manager, bool initiator);

    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

    /// RFC 7296 2.23: SHA-1(SPIi | SPIr | IP | Port).
    static Bytes Hash(uint64_t spiI, uint64_t spiR, const IkeEndpoint& endpoint);

  private:
    Ikev2TaskManager* m_manager;
    bool m_initiator;
    bool m_peerSupports{false};
};

} // namespace ns3

#endif /* NATT_IKEV2_NATD_TASK_H */
