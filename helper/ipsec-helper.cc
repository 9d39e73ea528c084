/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-helper.h"

#include "ns3/ike-ports.h"
#include "ns3/integrity.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/random-bytes.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"
#include "ns3/udp-encapsulation.h"
#include "ns3/wireshark-esp-sa.h"

#include <filesystem>
#include <fstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecHelper");

namespace
{

/// An End's IPv6 outer address is optional: unset is never assigned or ::.
bool
IsSet6(Ipv6Address address)
{
    return address.IsInitialized() && !address.IsAny();
}

/// Set the outer addresses of \p end in their family's fields.
void
SetOuter(IpsecHelper::End& end, Ipv4Address self, Ipv4Address peer)
{
    end.address = self;
    end.peerAddress = peer;
}

void
SetOuter(IpsecHelper::End& end, Ipv6Address self, Ipv6Address peer)
{
    end.address6 = self;
    end.peerAddress6 = peer;
}

/// The two ends of a host-to-host transport pair, in either family.
template <typename Address>
std::pair<IpsecHelper::End, IpsecHelper::End>
TransportEnds(Ptr<Node> a, Address addressA, Ptr<Node> b, Address addressB)
{
    IpsecHelper::End endA;
    endA.node = a;
    SetOuter(endA, addressA, addressB);
    endA.selector = IpsecSelector::HostToHost(addressA, addressB);
    IpsecHelper::End endB;
    endB.node = b;
    SetOuter(endB, addressB, addressA);
    endB.selector = IpsecSelector::HostToHost(addressB, addressA);
    return {endA, endB};
}

} // namespace

IpsecHelper::IpsecHelper()
    : m_random(CreateObject<UniformRandomVariable>())
{
    m_stackFactory.SetTypeId(IpsecStack::GetTypeId());
}

void
IpsecHelper::SetStackAttribute(const std::string& name, const AttributeValue& value)
{
    m_stackFactory.Set(name, value);
}

Ptr<IpsecStack>
IpsecHelper::Install(Ptr<Node> node) const
{
    Ptr<IpsecStack> stack = node->GetObject<IpsecStack>();
    if (!stack)
    {
        NS_ABORT_MSG_UNLESS(node->GetObject<Ipv4>(), "install the internet stack first");
        stack = m_stackFactory.Create<IpsecStack>();
        node->AggregateObject(stack);
    }
    return stack;
}

void
IpsecHelper::Install(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

int64_t
IpsecHelper::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

IpsecTransform
IpsecHelper::MakeTransform(IpsecTransform::Encryption encryption,
                           IpsecTransform::Integrity integrity)
{
    IpsecTransform transform;
    transform.encryption = encryption;
    transform.integrity =
        encryption == IpsecTransform::ENCR_AES_GCM_16 ? IpsecTransform::INTEG_NONE : integrity;
    return transform;
}

uint32_t
IpsecHelper::DrawSpi(uint32_t first, uint32_t last)
{
    // RFC 4303 2.1: 1-255 are reserved, 0 is never sent; the End's
    // defaults keep to that.
    NS_ABORT_MSG_IF(first == 0 || first > last, "bad inbound SPI range");
    return m_random->GetInteger(first, last);
}

void
IpsecHelper::DrawKeys(IpsecTransform& transform)
{
    if (transform.encryptionKey.empty())
    {
        switch (transform.encryption)
        {
        case IpsecTransform::ENCR_AES_CBC:
            transform.encryptionKey = DrawRandomBytes(m_random, 16);
            break;
        case IpsecTransform::ENCR_AES_GCM_16:
            transform.encryptionKey = DrawRandomBytes(m_random, 16 + 4); // key || salt
            break;
        case IpsecTransform::ENCR_NULL:
            break;
        }
    }
    if (transform.integrityKey.empty() && transform.integrity != IpsecTransform::INTEG_NONE)
    {
        IntegrityAlgorithm algorithm = transform.integrity == IpsecTransform::INTEG_HMAC_SHA1_96
                                           ? IntegrityAlgorithm::HmacSha1_96
                                           : IntegrityAlgorithm::HmacSha256_128;
        transform.integrityKey = DrawRandomBytes(m_random, Integrity::GetKeySize(algorithm));
    }
}

IpsecHelper::Pair
IpsecHelper::AddPair(const End& a, const End& b, IpsecMode mode, const Options& options)
{
    Pair pair;
    // Each direction has its own keys and SPI (RFC 4301 4.1).
    IpsecTransform aToB = options.transform;
    IpsecTransform bToA = options.transform;
    DrawKeys(aToB);
    DrawKeys(bToA);
    // Each SPI is chosen by the end that receives with it (RFC 4303 2.1).
    uint32_t spiAToB = DrawSpi(b.inboundSpiFirst, b.inboundSpiLast);
    uint32_t spiBToA = DrawSpi(a.inboundSpiFirst, a.inboundSpiLast);
    while (spiBToA == spiAToB && a.inboundSpiFirst != a.inboundSpiLast)
    {
        spiBToA = DrawSpi(a.inboundSpiFirst, a.inboundSpiLast);
    }

    auto installEnd = [&](const End& self,
                          const IpsecTransform& out,
                          uint32_t outSpi,
                          const IpsecTransform& in,
                          uint32_t inSpi,
                          Ptr<SecurityAssociation>& outbound,
                          Ptr<SecurityAssociation>& inbound) {
        Ptr<IpsecStack> stack = Install(self.node);
        IpsecPolicy policy;
        policy.selector = self.selector;
        policy.action = IpsecPolicy::PROTECT;
        policy.protocol = options.protocol;
        policy.mode = mode;
        bool outer6 = IsSet6(self.address6);
        policy.tunnelLocal = self.address;
        policy.tunnelRemote = self.peerAddress;
        policy.direction = IpsecPolicy::OUTBOUND;
        uint32_t outId = stack->GetSpd()->Add(policy);
        policy.direction = IpsecPolicy::INBOUND;
        uint32_t inId = stack->GetSpd()->Add(policy);

        SecurityAssociation::Parameters p;
        p.protocol = options.protocol;
        p.mode = mode;
        p.localAddress = self.address;
        p.remoteAddress = self.peerAddress;
        if (outer6)
        {
            p.family = IPSEC_FAMILY_IPV6;
            p.localAddress6 = self.address6;
            p.remoteAddress6 = self.peerAddress6;
        }
        p.selector = self.selector;
        // With NAT-T the SA names the peer by its original address (NAT-OA),
        // while the SPD entry matches the address traffic is sent to.
        if (options.encapsulation != IpsecEncapsulation::NONE && self.natOaRemote.IsInitialized() &&
            !self.natOaRemote.IsAny() && self.selector.remoteMask == Ipv4Mask::GetOnes() &&
            self.selector.remoteAddress == self.peerAddress)
        {
            p.selector.remoteAddress = self.natOaRemote;
        }
        p.encapsulation.type = options.encapsulation;
        if (options.encapsulation == IpsecEncapsulation::STENBERG)
        {
            uint16_t ike = stack->GetUdpEncapsulation()->GetIkePort();
            p.encapsulation.localPort = ike;
            p.encapsulation.remotePort = self.peerPort == IKE_NAT_T_UDP_PORT ? ike : self.peerPort;
        }
        else
        {
            p.encapsulation.localPort = self.localPort;
            p.encapsulation.remotePort = self.peerPort;
        }
        p.originalLocal = self.natOaLocal;
        p.originalRemote = self.natOaRemote;
        p.hardByteLimit = options.hardByteLimit;
        p.hardLifetime = options.hardLifetime;
        p.replayWindowSize = stack->GetReplayWindowSize();

        p.direction = SecurityAssociation::OUTBOUND;
        p.spi = outSpi;
        p.transform = out;
        p.policyId = outId;
        outbound = stack->GetSad()->Install(p);
        p.direction = SecurityAssociation::INBOUND;
        p.spi = inSpi;
        p.transform = in;
        p.policyId = inId;
        inbound = stack->GetSad()->Install(p);
        if (mode == IPSEC_MODE_TUNNEL && self.selector.IsIpv6())
        {
            uint32_t interface = stack->GetTunnelInterface6(self.insideAddress6);
            Ipv6StaticRoutingHelper routing;
            routing.GetStaticRouting(self.node->GetObject<Ipv6>())
                ->AddNetworkRouteTo(self.selector.remoteAddress6,
                                    self.selector.GetRemotePrefix6(),
                                    interface);
        }
        else if (mode == IPSEC_MODE_TUNNEL)
        {
            uint32_t interface = stack->GetTunnelInterface(self.insideAddress);
            Ipv4StaticRoutingHelper routing;
            routing.GetStaticRouting(self.node->GetObject<Ipv4>())
                ->AddNetworkRouteTo(self.selector.remoteAddress,
                                    self.selector.remoteMask,
                                    interface);
        }
    };
    installEnd(a, aToB, spiAToB, bToA, spiBToA, pair.outboundA, pair.inboundA);
    installEnd(b, bToA, spiBToA, aToB, spiAToB, pair.outboundB, pair.inboundB);
    return pair;
}

IpsecHelper::Pair
IpsecHelper::AddTransportPair(Ptr<Node> a,
                              Ipv4Address addressA,
                              Ptr<Node> b,
                              Ipv4Address addressB,
                              const Options& options)
{
    auto ends = TransportEnds(a, addressA, b, addressB);
    return AddPair(ends.first, ends.second, IPSEC_MODE_TRANSPORT, options);
}

IpsecHelper::Pair
IpsecHelper::AddTunnelPair(Ptr<Node> gatewayA,
                           Ipv4Address outerA,
                           Ipv4Address insideA,
                           Ipv4Address networkA,
                           Ipv4Mask maskA,
                           Ptr<Node> gatewayB,
                           Ipv4Address outerB,
                           Ipv4Address insideB,
                           Ipv4Address networkB,
                           Ipv4Mask maskB,
                           const Options& options)
{
    End endA;
    endA.node = gatewayA;
    endA.address = outerA;
    endA.peerAddress = outerB;
    endA.insideAddress = insideA;
    endA.selector = IpsecSelector::SubnetToSubnet(networkA, maskA, networkB, maskB);
    End endB;
    endB.node = gatewayB;
    endB.address = outerB;
    endB.peerAddress = outerA;
    endB.insideAddress = insideB;
    endB.selector = IpsecSelector::SubnetToSubnet(networkB, maskB, networkA, maskA);
    return AddPair(endA, endB, IPSEC_MODE_TUNNEL, options);
}

IpsecHelper::Pair
IpsecHelper::AddTransportPair(Ptr<Node> a,
                              Ipv6Address addressA,
                              Ptr<Node> b,
                              Ipv6Address addressB,
                              const Options& options)
{
    auto ends = TransportEnds(a, addressA, b, addressB);
    return AddPair(ends.first, ends.second, IPSEC_MODE_TRANSPORT, options);
}

IpsecHelper::Pair
IpsecHelper::AddTunnelPair(Ptr<Node> gatewayA,
                           Ipv4Address outerA,
                           Ipv6Address insideA,
                           Ipv6Address networkA,
                           Ipv6Prefix prefixA,
                           Ptr<Node> gatewayB,
                           Ipv4Address outerB,
                           Ipv6Address insideB,
                           Ipv6Address networkB,
                           Ipv6Prefix prefixB,
                           const Options& options)
{
    End endA;
    SetOuter(endA, outerA, outerB);
    End endB;
    SetOuter(endB, outerB, outerA);
    return AddIpv6TunnelPair(endA,
                             gatewayA,
                             insideA,
                             networkA,
                             prefixA,
                             endB,
                             gatewayB,
                             insideB,
                             networkB,
                             prefixB,
                             options);
}

IpsecHelper::Pair
IpsecHelper::AddTunnelPair(Ptr<Node> gatewayA,
                           Ipv6Address outerA,
                           Ipv6Address insideA,
                           Ipv6Address networkA,
                           Ipv6Prefix prefixA,
                           Ptr<Node> gatewayB,
                           Ipv6Address outerB,
                           Ipv6Address insideB,
                           Ipv6Address networkB,
                           Ipv6Prefix prefixB,
                           const Options& options)
{
    End endA;
    SetOuter(endA, outerA, outerB);
    End endB;
    SetOuter(endB, outerB, outerA);
    return AddIpv6TunnelPair(endA,
                             gatewayA,
                             insideA,
                             networkA,
                             prefixA,
                             endB,
                             gatewayB,
                             insideB,
                             networkB,
                             prefixB,
                             options);
}

IpsecHelper::Pair
IpsecHelper::AddIpv6TunnelPair(End a,
                               Ptr<Node> gatewayA,
                               Ipv6Address insideA,
                               Ipv6Address networkA,
                               Ipv6Prefix prefixA,
                               End b,
                               Ptr<Node> gatewayB,
                               Ipv6Address insideB,
                               Ipv6Address networkB,
                               Ipv6Prefix prefixB,
                               const Options& options)
{
    a.node = gatewayA;
    a.insideAddress6 = insideA;
    a.selector = IpsecSelector::SubnetToSubnet(networkA, prefixA, networkB, prefixB);
    b.node = gatewayB;
    b.insideAddress6 = insideB;
    b.selector = IpsecSelector::SubnetToSubnet(networkB, prefixB, networkA, prefixA);
    return AddPair(a, b, IPSEC_MODE_TUNNEL, options);
}

bool
IpsecHelper::WriteWiresharkEspSa(const std::string& path, NodeContainer nodes)
{
    std::vector<Ptr<SecurityAssociation>> sas;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<SecurityAssociationDatabase> sad = (*it)->GetObject<SecurityAssociationDatabase>();
        if (sad)
        {
            for (const auto& sa : sad->GetAll())
            {
                sas.push_back(sa);
            }
        }
    }
    return ns3::WriteWiresharkEspSa(path, sas);
}

bool
IpsecHelper::WriteWiresharkProfile(const std::string& folder, NodeContainer nodes)
{
    std::filesystem::create_directories(folder);
    std::ofstream preferences(folder + "/preferences");
    preferences << "# natt: decrypt ESP with the keys in esp_sa\n"
                << "esp.enable_encryption_decode: TRUE\n";
    return static_cast<bool>(preferences) && WriteWiresharkEspSa(folder + "/esp_sa", nodes);
}

} // namespace ns3
