/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_AUTH_TASK_H
#define NATT_IKEV2_AUTH_TASK_H

#include "ns3/crypto-types.h"
#include "ns3/ike-task.h"

namespace ns3
{

class Ikev2TaskManager;
class IkeIdPayload;

/**
 * \ingroup natt-ikev2
 * \brief IKE_AUTH authentication (RFC 7296 1.2, 2.15): IDi / IDr, CERT and
 * CERTREQ, AUTH with a pre-shared key (shared key MIC) or an RSA signature
 * (method 1) checked against the configured CA.
 */
class Ikev2AuthTask : public IkeTask
{
  public:
    Ikev2AuthTask(Ikev2TaskManager* manager, bool initiator);

    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

    /**
     * RFC 7296 2.15: the octets AUTH covers, for the side that sent
     * \p initMessage (its IKE_SA_INIT message) and \p idBody (its ID
     * payload body): message | peer's nonce | prf(SK_p, ID body).
     */
    static Bytes SignedOctets(const Bytes& initMessage,
                              const Bytes& peerNonce,
                              const Bytes& skP,
                              const Bytes& idBody,
                              uint16_t prf);
    /// RFC 7296 2.15: prf(prf(Shared Secret, "Key Pad for IKEv2"), octets).
    static Bytes PskAuth(const Bytes& psk, const Bytes& octets, uint16_t prf);

  private:
    Bytes OurOctets(const Bytes& idBody) const;
    Bytes PeerOctets(const Bytes& idBody) const;
    Status Verify(const IkeMessage& message);
    void AddOurs(IkeMessage& message);

    Ikev2TaskManager* m_manager;
    bool m_initiator;
    std::string m_failure;
};

} // namespace ns3

#endif /* NATT_IKEV2_AUTH_TASK_H */
