/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_SECURITY_ASSOCIATION_DATABASE_H
#define NATT_SECURITY_ASSOCIATION_DATABASE_H

#include "security-association.h"

#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-ipsec
 * \brief The security association database (RFC 4301 4.4.2), and the
 * interface through which SAs are installed: manual keying (tests,
 * scenarios without IKE) and the IKE model both call Install and Remove;
 * the data plane only looks SAs up.
 *
 * Inbound SAs are found by (protocol, SPI): the receiver chose the SPI, so
 * it is unique at the receiver (RFC 4301 4.1). Outbound SAs are found
 * through the SPD entry that asked for them; after a rekey the newest SA of
 * an entry is used (RFC 7296 2.8).
 */
class SecurityAssociationDatabase : public Object
{
  public:
    static TypeId GetTypeId();

    /// \return the installed SA, or nullptr when an inbound SA with that SPI exists
    Ptr<SecurityAssociation> Install(const SecurityAssociation::Parameters& parameters);
    /// \return false when no such SA is installed
    bool Remove(IpsecProtocol protocol, uint32_t spi, SecurityAssociation::Direction direction);
    void Clear();

    Ptr<SecurityAssociation> FindInbound(IpsecProtocol protocol, uint32_t spi) const;
    /// The newest outbound SA installed for SPD entry \p policyId, or nullptr.
    Ptr<SecurityAssociation> FindOutbound(uint32_t policyId) const;
    /// Every SA, inbound then outbound, in installation order.
    std::vector<Ptr<SecurityAssociation>> GetAll() const;

    typedef void (*SaTracedCallback)(Ptr<const SecurityAssociation> sa);

  private:
    static uint64_t Key(IpsecProtocol protocol, uint32_t spi);

    std::unordered_map<uint64_t, Ptr<SecurityAssociation>> m_inbound;
    /// policy id -> SAs, oldest first
    std::unordered_map<uint32_t, std::vector<Ptr<SecurityAssociation>>> m_outbound;
    std::vector<Ptr<SecurityAssociation>> m_order;
    TracedCallback<Ptr<const SecurityAssociation>> m_installTrace;
    TracedCallback<Ptr<const SecurityAssociation>> m_removeTrace;
};

} // namespace ns3

#endif /* NATT_SECURITY_ASSOCIATION_DATABASE_H */
