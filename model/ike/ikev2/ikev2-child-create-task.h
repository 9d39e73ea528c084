/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_CHILD_CREATE_TASK_H
#define NATT_IKEV2_CHILD_CREATE_TASK_H

#include "ns3/diffie-hellman.h"
#include "ns3/ike-notify-payload.h"
#include "ns3/ike-sa.h"
#include "ns3/ike-task.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/ikev2-traffic-selector-payload.h"

#include <memory>

namespace ns3
{

class Ikev2TaskManager;

/**
 * \ingroup natt-ikev2
 * \brief A child SA pair (RFC 7296 1.3, 2.17): in IKE_AUTH or its own
 * CREATE_CHILD_SA, new or rekeying one (REKEY_SA, 1.3.3). SA, Nonce,
 * optional KE for PFS, TSi / TSr, USE_TRANSPORT_MODE, and the
 * configuration payload through which a gateway assigns a client its inner
 * address (2.19).
 */
class Ikev2ChildCreateTask : public IkeTask
{
  public:
    /**
     * \param inIkeAuth true when piggybacked on IKE_AUTH (no nonce, no KE)
     * \param configIndex the child of the peer configuration to create
     * \param rekeySpi inbound SPI of the child SA this one replaces (0: new)
     */
    Ikev2ChildCreateTask(Ikev2TaskManager* manager,
                         bool initiator,
                         bool inIkeAuth,
                         std::size_t configIndex = 0,
                         uint32_t rekeySpi = 0);

    std::string GetName() const override;
    Status Build(IkeMessage& message) override;
    Status Process(const IkeMessage& message) override;

    /// The ESP proposal of \p config (with the DH transform when \p pfs).
    static Ikev2Proposal MakeProposal(const IkeChildConfig& config, uint32_t spi, bool pfs);

  private:
    Status Install();
    const IkeChildConfig& GetConfig() const;
    /// RFC 7296 2.23.1: transport mode across a NAT uses the IKE SA's addresses.
    void SubstituteNatAddresses();

    Ikev2TaskManager* m_manager;
    bool m_initiator;
    bool m_inIkeAuth;
    std::size_t m_configIndex;
    uint32_t m_rekeySpi;
    IkeChildConfig m_config;
    uint32_t m_inboundSpi{0};
    uint32_t m_outboundSpi{0};
    Bytes m_nonce;
    Bytes m_peerNonce;
    Bytes m_peerKe;
    std::unique_ptr<DiffieHellman> m_dh;
    IpsecSelector m_selector;
    /// The selectors as the traffic selectors name them, when
    /// SubstituteNatAddresses replaced the addresses of m_selector.
    IpsecSelector m_tsSelector;
    bool m_natSubstituted{false};
    IpsecMode m_mode{IPSEC_MODE_TUNNEL};
    Ipv4Address m_assigned{Ipv4Address::GetAny()};
    bool m_wantsVirtualIp{false};
    IkeNotifyPayload::NotifyType m_error{}; ///< 0: none
    std::string m_failure;
};

} // namespace ns3

#endif /* NATT_IKEV2_CHILD_CREATE_TASK_H */
