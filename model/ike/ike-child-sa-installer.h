/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_CHILD_SA_INSTALLER_H
#define NATT_IKE_CHILD_SA_INSTALLER_H

#include "ike-config.h"
#include "ike-sa.h"

#include "ns3/crypto-types.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"

#include <set>
#include <utility>

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief Turns a negotiated child SA (SPIs, KEYMAT, selectors,
 * encapsulation) into SAD and SPD entries of one node, and takes them out
 * again, for both IKE versions: the part of strongSwan's child_sa
 * (install, install_policies) that IKEv1's quick_mode and IKEv2's
 * child_create share. The task managers keep the IKE side: which child
 * exists, its keys for the Wireshark export, its rekey timer.
 *
 * The two versions keep their SPD entries differently, and both ways are
 * here: IKEv2 adds one pair per CHILD_SA name and keeps it over rekeys
 * (AddPolicies, RemovePolicies); IKEv1 shares one entry per selector with
 * whatever PROTECT entry is already there and removes its own once no SA
 * refers to it (FindOrAddPolicy, RemoveUnusedPolicies).
 */
class IkeChildSaInstaller
{
  public:
    /**
     * Whether the children of \p sa can go into the data plane. Their
     * outer family is the IKE SA's, their selectors' may be either (IPv6
     * inside an IPv4 tunnel, RFC 4891 A.2, B.2). ESP-in-UDP is IPv4 only
     * (RFC 3948), so the children of an IKE SA over IPv6 that finds (or
     * fakes) a NAT are negotiated, reported and exported for Wireshark,
     * but not installed.
     */
    static bool CanInstall(Ptr<const IkeSa> sa);
    /// The outer family and addresses of \p p: \p sa's local and remote endpoints.
    static void SetOuterAddresses(Ptr<const IkeSa> sa, SecurityAssociation::Parameters& p);

    /// Entries go into \p sad and \p spd; null ones (a daemon without a data plane) take none.
    IkeChildSaInstaller(Ptr<SecurityAssociationDatabase> sad, Ptr<SecurityPolicyDatabase> spd);

    /**
     * Encryption key length of \p config in bytes as IKEv2 takes it from
     * KEYMAT (RFC 7296 2.17): AES-GCM's 4-byte salt follows the key (RFC
     * 4106 8.1), ENCR_NULL has none.
     */
    static std::size_t GetEncryptionKeySize(const IkeChildConfig& config);
    /// Integrity key length of \p integrity in bytes (RFC 2104 keys of the hash's size).
    static std::size_t GetIntegrityKeySize(IpsecTransform::Integrity integrity);
    /**
     * One direction's transform as \p config negotiated it, its keys taken
     * from \p keymat at \p offset (advanced past them): the encryption key
     * of \p encryptionKeySize bytes first, then the integrity key (RFC 7296
     * 2.17, RFC 2409 5.5).
     */
    static IpsecTransform TakeTransform(const IkeChildConfig& config,
                                        const Bytes& keymat,
                                        std::size_t encryptionKeySize,
                                        std::size_t& offset);

    /**
     * Install the inbound and outbound SAs of \p child on \p sa's (outer)
     * addresses. \p common holds what both share beyond the child and the
     * IKE SA: selector, NAT-OA original addresses, lifetimes.
     */
    void InstallSas(Ptr<IkeSa> sa,
                    const IkeChildSa& child,
                    SecurityAssociation::Parameters common,
                    const IpsecTransform& inbound,
                    const IpsecTransform& outbound,
                    uint32_t inboundPolicy,
                    uint32_t outboundPolicy) const;
    /// Remove both SAs of \p child.
    void RemoveSas(const IkeChildSa& child) const;
    /**
     * RFC 3948 / RFC 7296 2.23: the UDP-encapsulated children of \p sa
     * follow the peer to its new (NAT-translated) address and port.
     */
    void FollowPeer(Ptr<IkeSa> sa) const;

    /// IKEv2: a new outbound and inbound PROTECT pair for \p child's selector.
    std::pair<uint32_t, uint32_t> AddPolicies(Ptr<IkeSa> sa, const IkeChildSa& child) const;
    /// IKEv2: remove the pair AddPolicies returned.
    void RemovePolicies(const std::pair<uint32_t, uint32_t>& policies) const;
    /**
     * IKEv1: the PROTECT entry for \p selector in \p direction, added (and
     * recorded in \p own) unless the SPD has one already.
     */
    uint32_t FindOrAddPolicy(Ptr<IkeSa> sa,
                             const IkeChildSa& child,
                             const IpsecSelector& selector,
                             IpsecPolicy::Direction direction,
                             std::set<uint32_t>& own) const;
    /// IKEv1: remove the entries of \p own for \p selector that no SA refers to any more.
    void RemoveUnusedPolicies(const IpsecSelector& selector, std::set<uint32_t>& own) const;

  private:
    /// A PROTECT entry for \p child in \p direction, tunnelled between \p sa's addresses.
    static IpsecPolicy MakePolicy(Ptr<IkeSa> sa,
                                  const IkeChildSa& child,
                                  const IpsecSelector& selector,
                                  IpsecPolicy::Direction direction);

    Ptr<SecurityAssociationDatabase> m_sad;
    Ptr<SecurityPolicyDatabase> m_spd;
};

} // namespace ns3

#endif /* NATT_IKE_CHILD_SA_INSTALLER_H */
