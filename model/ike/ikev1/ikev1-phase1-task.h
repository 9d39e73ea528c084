/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_PHASE1_TASK_H
#define NATT_IKEV1_PHASE1_TASK_H

#include "ikev1-task-manager.h"

#include "ns3/ike-task.h"
#include "ns3/ikev1-sa-payload.h"

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief What Main Mode and Aggressive Mode share (RFC 2409 5): the
 * ISAKMP SA proposal and its choice, the key exchange and nonces, key
 * derivation, and authentication by pre-shared key or RSA signature with
 * X.509 certificates. The subclasses put these into their messages.
 */
class Ikev1Phase1Task : public IkeTask
{
  public:
    Ikev1Phase1Task(Ikev1TaskManager* manager, bool initiator);

  protected:
    /// The initiator's offer: one proposal, one transform from the config.
    std::unique_ptr<Ikev1SaPayload> BuildSa() const;
    /// Responder: pick the transform matching our config; false: none does.
    bool SelectSa(const Ikev1SaPayload& offer);
    /// Initiator: check the responder's choice is what we offered.
    bool CheckChosenSa(const Ikev1SaPayload& chosen);
    std::unique_ptr<Ikev1SaPayload> BuildChosenSa() const;
    /// Responder, message 1: select from the peer's SA offer and keep its body; read DPD.
    /// \return false when no transform matches
    bool AcceptOffer(const IkeMessage& message);
    /// Initiator, message 2: check the responder's choice, take its cookie; read DPD.
    /// \return false when the choice is not what was offered
    bool AcceptChoice(const IkeMessage& message);

    /// Add KE and nonce (our DH value and nonce made on first use).
    void AddKeNonce(IkeMessage& message);
    /// Read the peer's KE and nonce. \return false when missing or bad
    bool ReadKeNonce(const IkeMessage& message);
    /// Compute g^xy and the keys once both KE are known. \return false on a bad peer value
    bool DeriveKeys();

    /// RFC 3706 2: announce dead-peer detection (not from a legacy NATT_NONE peer).
    void AddDpdVendorId(IkeMessage& message);
    void ReadDpdVendorId(const IkeMessage& message);
    /// Add our ID payload (IDii / IDir).
    void AddId(IkeMessage& message);
    /// Add CERT and HASH / SIG proving our identity (RFC 2409 5.1, 5.4).
    void AddProof(IkeMessage& message);
    /// Read and check the peer's ID (policy, RFC 3715 2.1 c); "" or a failure reason.
    std::string ReadPeerId(const IkeMessage& message);
    /// Check the peer's CERT and HASH / SIG; "" or a failure reason.
    std::string VerifyProof(const IkeMessage& message);

    Ikev1TaskManager* m_manager;
    bool m_initiator;
    Ikev1Transform m_chosen;
    bool m_hasChosen{false};
    Bytes m_idB;     ///< our ID payload body
    Bytes m_peerIdB; ///< the peer's ID payload body
    IkeIdentity m_peerId;
    uint32_t m_step{0};
};

} // namespace ns3

#endif /* NATT_IKEV1_PHASE1_TASK_H */
