/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-child-sa-installer.h"

#include "ns3/integrity.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeChildSaInstaller");

IkeChildSaInstaller::IkeChildSaInstaller(Ptr<SecurityAssociationDatabase> sad,
                                         Ptr<SecurityPolicyDatabase> spd)
    : m_sad(sad),
      m_spd(spd)
{
}

std::size_t
IkeChildSaInstaller::GetEncryptionKeySize(const IkeChildConfig& config)
{
    switch (config.encryption)
    {
    case IpsecTransform::ENCR_AES_GCM_16:
        return config.encryptionKeyBits / 8 + 4;
    case IpsecTransform::ENCR_NULL:
        return 0;
    default:
        return config.encryptionKeyBits / 8;
    }
}

std::size_t
IkeChildSaInstaller::GetIntegrityKeySize(IpsecTransform::Integrity integrity)
{
    switch (integrity)
    {
    case IpsecTransform::INTEG_HMAC_SHA1_96:
        return Integrity::GetKeySize(IntegrityAlgorithm::HmacSha1_96);
    case IpsecTransform::INTEG_HMAC_SHA2_256_128:
        return Integrity::GetKeySize(IntegrityAlgorithm::HmacSha256_128);
    default:
        return 0;
    }
}

IpsecTransform
IkeChildSaInstaller::TakeTransform(const IkeChildConfig& config,
                                   const Bytes& keymat,
                                   std::size_t encryptionKeySize,
                                   std::size_t& offset)
{
    auto take = [&keymat, &offset](std::size_t n) {
        Bytes out(keymat.begin() + offset, keymat.begin() + offset + n);
        offset += n;
        return out;
    };
    IpsecTransform transform;
    transform.encryption = config.encryption;
    transform.integrity = config.integrity;
    transform.encryptionKey = take(encryptionKeySize);
    transform.integrityKey = take(GetIntegrityKeySize(config.integrity));
    return transform;
}

bool
IkeChildSaInstaller::CanInstall(Ptr<const IkeSa> sa)
{
    // ESP-in-UDP exists for IPv4 NATs only (RFC 3948; the stack drops an
    // encapsulated SA over IPv6), and IPv6 has no NAT-T to ask for it.
    return !sa->GetLocal().IsIpv6() || !sa->IsBehindNat();
}

void
IkeChildSaInstaller::SetOuterAddresses(Ptr<const IkeSa> sa, SecurityAssociation::Parameters& p)
{
    // The outer family is the IKE SA's; the selector's (the inner family of
    // a tunnel) may differ: IPv6 inside an IPv4 tunnel, RFC 4891 A.2, B.2.
    if (sa->GetLocal().IsIpv6())
    {
        p.family = IPSEC_FAMILY_IPV6;
        p.localAddress6 = sa->GetLocal().GetIpv6();
        p.remoteAddress6 = sa->GetRemote().GetIpv6();
        return;
    }
    p.family = IPSEC_FAMILY_IPV4;
    p.localAddress = sa->GetLocal().GetIpv4();
    p.remoteAddress = sa->GetRemote().GetIpv4();
}

void
IkeChildSaInstaller::InstallSas(Ptr<IkeSa> sa,
                                const IkeChildSa& child,
                                SecurityAssociation::Parameters common,
                                const IpsecTransform& inbound,
                                const IpsecTransform& outbound,
                                uint32_t inboundPolicy,
                                uint32_t outboundPolicy) const
{
    if (!m_sad)
    {
        return;
    }
    SecurityAssociation::Parameters p = common;
    p.protocol = child.protocol;
    p.mode = child.mode;
    SetOuterAddresses(sa, p);
    p.encapsulation = child.encapsulation;
    p.spi = child.inboundSpi;
    p.direction = SecurityAssociation::INBOUND;
    p.transform = inbound;
    p.policyId = inboundPolicy;
    m_sad->Install(p);
    p.spi = child.outboundSpi;
    p.direction = SecurityAssociation::OUTBOUND;
    p.transform = outbound;
    p.policyId = outboundPolicy;
    m_sad->Install(p);
}

void
IkeChildSaInstaller::RemoveSas(const IkeChildSa& child) const
{
    if (m_sad)
    {
        m_sad->Remove(child.protocol, child.inboundSpi, SecurityAssociation::INBOUND);
        m_sad->Remove(child.protocol, child.outboundSpi, SecurityAssociation::OUTBOUND);
    }
}

void
IkeChildSaInstaller::FollowPeer(Ptr<IkeSa> sa) const
{
    for (auto& child : sa->GetChildSas())
    {
        if (child.encapsulation.type != IpsecEncapsulation::UDP_ENCAP)
        {
            continue;
        }
        child.encapsulation.localPort = sa->GetLocal().port;
        child.encapsulation.remotePort = sa->GetRemote().port;
        // UDP-encapsulated children are IPv4 outside (CanInstall).
        if (!m_sad || sa->GetRemote().IsIpv6())
        {
            continue;
        }
        for (const auto& s : m_sad->GetAll())
        {
            if (s->GetSpi() == child.inboundSpi || s->GetSpi() == child.outboundSpi)
            {
                s->SetRemoteAddress(sa->GetRemote().GetIpv4());
                s->SetRemotePort(sa->GetRemote().port);
            }
        }
    }
}

IpsecPolicy
IkeChildSaInstaller::MakePolicy(Ptr<IkeSa> sa,
                                const IkeChildSa& child,
                                const IpsecSelector& selector,
                                IpsecPolicy::Direction direction)
{
    IpsecPolicy policy;
    policy.selector = selector;
    policy.direction = direction;
    policy.action = IpsecPolicy::PROTECT;
    policy.protocol = child.protocol;
    policy.mode = child.mode;
    // The SPD names IPv4 tunnel endpoints only; an IPv6 outer tunnel's are its SAs'.
    if (!sa->GetLocal().IsIpv6())
    {
        policy.tunnelLocal = sa->GetLocal().GetIpv4();
        policy.tunnelRemote = sa->GetRemote().GetIpv4();
    }
    return policy;
}

std::pair<uint32_t, uint32_t>
IkeChildSaInstaller::AddPolicies(Ptr<IkeSa> sa, const IkeChildSa& child) const
{
    uint32_t out = m_spd->AddFirst(MakePolicy(sa, child, child.selector, IpsecPolicy::OUTBOUND));
    uint32_t in = m_spd->AddFirst(MakePolicy(sa, child, child.selector, IpsecPolicy::INBOUND));
    return {out, in};
}

void
IkeChildSaInstaller::RemovePolicies(const std::pair<uint32_t, uint32_t>& policies) const
{
    if (m_spd)
    {
        m_spd->Remove(policies.first);
        m_spd->Remove(policies.second);
    }
}

uint32_t
IkeChildSaInstaller::FindOrAddPolicy(Ptr<IkeSa> sa,
                                     const IkeChildSa& child,
                                     const IpsecSelector& selector,
                                     IpsecPolicy::Direction direction,
                                     std::set<uint32_t>& own) const
{
    for (const auto& p : m_spd->GetPolicies())
    {
        if (p.direction == direction && p.selector == selector && p.action == IpsecPolicy::PROTECT)
        {
            return p.id;
        }
    }
    uint32_t id = m_spd->AddFirst(MakePolicy(sa, child, selector, direction));
    own.insert(id);
    return id;
}

void
IkeChildSaInstaller::RemoveUnusedPolicies(const IpsecSelector& selector,
                                          std::set<uint32_t>& own) const
{
    // A kernel's policies go with the last SA that used them (strongSwan
    // removes them with the CHILD_SA); a rekeyed child's successor, or the
    // old inbound SA kept while the peer switches, still holds them.
    if (!m_spd || !m_sad)
    {
        return;
    }
    std::vector<uint32_t> unused;
    for (const auto& policy : m_spd->GetPolicies())
    {
        if (!(policy.selector == selector) || !own.count(policy.id))
        {
            continue;
        }
        bool used = false;
        for (const auto& s : m_sad->GetAll())
        {
            used = used || s->GetParameters().policyId == policy.id;
        }
        if (!used)
        {
            unused.push_back(policy.id);
        }
    }
    for (uint32_t id : unused)
    {
        m_spd->Remove(id);
        own.erase(id);
    }
}

} // namespace ns3
