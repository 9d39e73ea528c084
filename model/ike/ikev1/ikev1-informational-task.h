/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_INFORMATIONAL_TASK_H
#define NATT_IKEV1_INFORMATIONAL_TASK_H

#include "ikev1-task-manager.h"

#include "ns3/ike-task.h"

namespace ns3
{

/// RFC 3706 2: the vendor ID announcing dead-peer detection.
inline const std::vector<uint8_t> kIkeVendorIdDpd = {0xaf,
                                                     0xca,
                                                     0xd7,
                                                     0x13,
                                                     0x68,
                                                     0xa1,
                                                     0xf1,
                                                     0xc9,
                                                     0x6b,
                                                     0x86,
                                                     0x96,
                                                     0xfc,
                                                     0x77,
                                                     0x57,
                                                     0x01,
                                                     0x00};

/**
 * \ingroup natt-ike
 * \brief A protected Informational exchange (RFC 2409 5.7): one message,
 * HASH(1) = prf(SKEYID_a, M-ID | N/D), carrying delete payloads (RFC 2408
 * 3.15) or the dead-peer detection notifies R-U-THERE / R-U-THERE-ACK
 * (RFC 3706 5).
 */
class Ikev1InformationalTask : public IkeTask
{
  public:
    /// The exchange under \p messageId; Build sends it, Process takes the peer's.
    Ikev1InformationalTask(Ikev1TaskManager* manager, uint32_t messageId);
    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

    void SetPayloads(std::vector<std::unique_ptr<IkePayload>> payloads);

    /// A delete for the \p protocol (AH or ESP) SA whose inbound SPI (ours) is \p spi.
    static std::vector<std::unique_ptr<IkePayload>> MakeDeleteChild(IpsecProtocol protocol,
                                                                    uint32_t spi);
    /// A delete for the ISAKMP SA itself (its cookie pair).
    static std::vector<std::unique_ptr<IkePayload>> MakeDeleteIsakmp(Ptr<IkeSa> sa);
    /// An R-U-THERE (or its ACK) with \p sequence (RFC 3706 5).
    static std::vector<std::unique_ptr<IkePayload>> MakeDpd(Ikev1TaskManager* manager,
                                                            bool ack,
                                                            uint32_t sequence);

  private:
    Ikev1TaskManager* m_manager;
    uint32_t m_messageId;
    std::vector<std::unique_ptr<IkePayload>> m_payloads;
};

} // namespace ns3

#endif /* NATT_IKEV1_INFORMATIONAL_TASK_H */
