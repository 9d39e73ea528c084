/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Two IKEv2 daemons back to back over the loopback transport, for exchange
// tests that go message by message (strongSwan's exchange_test_helper).

#ifndef NATT_IKEV2_TEST_UTIL_H
#define NATT_IKEV2_TEST_UTIL_H

#include "ns3/ike-daemon.h"
#include "ns3/ike-loopback-transport.h"
#include "ns3/ike-message.h"
#include "ns3/ike-ports.h"
#include "ns3/ikev2-handler.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"
#include "ns3/simulator.h"
#include "ns3/test-pki.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace ikev2test
{

// Documentation addresses (RFC 5737): the initiator's private address, the
// NAT's public one, and the responder.
inline const Ipv4Address kInitiatorAddress("10.0.0.1");
inline const Ipv4Address kNatAddress("203.0.113.5");
inline const Ipv4Address kResponderAddress("198.51.100.20");

/// The initiator's ("moon"'s client) configuration towards the responder.
inline IkePeerConfig
InitiatorConfig()
{
    IkePeerConfig c;
    c.name = "gateway";
    c.local = {kInitiatorAddress, IKE_UDP_PORT};
    c.remote = {kResponderAddress, IKE_UDP_PORT};
    c.localId = IkeIdentity::Fqdn("client.natt.test");
    c.remoteId = IkeIdentity::Fqdn("gateway.natt.test");
    c.presharedKey = {'s', 'e', 'c', 'r', 'e', 't'};
    IkeChildConfig child;
    child.name = "net";
    child.selector = IpsecSelector::SubnetToSubnet(Ipv4Address("10.0.0.0"),
                                                   Ipv4Mask("255.255.255.0"),
                                                   Ipv4Address("192.168.1.0"),
                                                   Ipv4Mask("255.255.255.0"));
    c.children.push_back(child);
    return c;
}

/// The responder's configuration: any peer, the mirror image.
inline IkePeerConfig
ResponderConfig()
{
    IkePeerConfig c;
    c.name = "clients";
    c.local = {kResponderAddress, IKE_UDP_PORT};
    c.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
    c.localId = IkeIdentity::Fqdn("gateway.natt.test");
    c.remoteId = IkeIdentity::Fqdn("client.natt.test");
    c.presharedKey = {'s', 'e', 'c', 'r', 'e', 't'};
    IkeChildConfig child;
    child.name = "net";
    child.selector = IpsecSelector::SubnetToSubnet(Ipv4Address("192.168.1.0"),
                                                   Ipv4Mask("255.255.255.0"),
                                                   Ipv4Address("10.0.0.0"),
                                                   Ipv4Mask("255.255.255.0"));
    c.children.push_back(child);
    return c;
}

/// A port-restricted NAPT between the initiator and the responder: 500 ->
/// 61000, 4500 -> 62000 on the NAT's public address.
struct Napt
{
    static bool Outbound(IkeEndpoint& source, IkeEndpoint& destination)
    {
        if (source.address == kInitiatorAddress)
        {
            source = {kNatAddress, uint16_t(source.port == IKE_UDP_PORT ? 61000 : 62000)};
        }
        return true;
    }

    static bool Inbound(IkeEndpoint& source, IkeEndpoint& destination)
    {
        if (destination.address == kNatAddress)
        {
            destination = {kInitiatorAddress,
                           uint16_t(destination.port == 61000 ? IKE_UDP_PORT : IKE_NAT_T_UDP_PORT)};
        }
        return true;
    }
};

/// Records what a daemon's traces report.
struct TraceLog
{
    std::vector<std::string> failures;
    uint32_t established{0};
    uint32_t natDetected{0};
    uint32_t children{0};
    uint32_t retransmits{0};
    std::vector<IkeEndpoint> receivedFrom;

    void Connect(Ptr<IkeDaemon> d)
    {
        d->TraceConnectWithoutContext("Failure", MakeCallback(&TraceLog::OnFailure, this));
        d->TraceConnectWithoutContext("Established", MakeCallback(&TraceLog::OnEstablished, this));
        d->TraceConnectWithoutContext("NatDetected", MakeCallback(&TraceLog::OnNat, this));
        d->TraceConnectWithoutContext("ChildSa", MakeCallback(&TraceLog::OnChild, this));
        d->TraceConnectWithoutContext("Retransmit", MakeCallback(&TraceLog::OnRetransmit, this));
        d->TraceConnectWithoutContext("Received", MakeCallback(&TraceLog::OnReceived, this));
    }

    void OnFailure(Ptr<const IkeSa>, const std::string& reason)
    {
        failures.push_back(reason);
    }

    void OnEstablished(Ptr<const IkeSa>)
    {
        ++established;
    }

    void OnNat(Ptr<const IkeSa>)
    {
        ++natDetected;
    }

    void OnChild(Ptr<const IkeSa>, const IkeChildSa&)
    {
        ++children;
    }

    void OnRetransmit(Ptr<const IkeSa>, Ptr<const Packet>)
    {
        ++retransmits;
    }

    void OnReceived(Ptr<const Packet>, const IkeEndpoint&, const IkeEndpoint& remote)
    {
        receivedFrom.push_back(remote);
    }
};

/// Initiator "i" and responder "r", wired back to back.
struct Ikev2Pair
{
    Ptr<IkeDaemon> i = CreateObject<IkeDaemon>();
    Ptr<IkeDaemon> r = CreateObject<IkeDaemon>();
    Ptr<IkeLoopbackTransport> ti = CreateObject<IkeLoopbackTransport>();
    Ptr<IkeLoopbackTransport> tr = CreateObject<IkeLoopbackTransport>();
    Ptr<Ikev2Handler> hi = CreateObject<Ikev2Handler>();
    Ptr<Ikev2Handler> hr = CreateObject<Ikev2Handler>();
    Ptr<SecurityPolicyDatabase> spdI = CreateObject<SecurityPolicyDatabase>();
    Ptr<SecurityAssociationDatabase> sadI = CreateObject<SecurityAssociationDatabase>();
    Ptr<SecurityPolicyDatabase> spdR = CreateObject<SecurityPolicyDatabase>();
    Ptr<SecurityAssociationDatabase> sadR = CreateObject<SecurityAssociationDatabase>();
    TraceLog logI;
    TraceLog logR;

    explicit Ikev2Pair(IkePeerConfig initiator = InitiatorConfig(),
                       IkePeerConfig responder = ResponderConfig(),
                       bool nat = false)
    {
        IkeLoopbackTransport::Connect(ti, tr);
        i->SetTransport(ti);
        r->SetTransport(tr);
        i->SetHandler(hi);
        r->SetHandler(hr);
        i->SetIpsecDatabases(spdI, sadI);
        r->SetIpsecDatabases(spdR, sadR);
        i->AssignStreams(1);
        r->AssignStreams(2);
        i->AddPeer(initiator);
        r->AddPeer(responder);
        logI.Connect(i);
        logR.Connect(r);
        if (nat)
        {
            ti->SetPathCallback(MakeCallback(&Napt::Outbound));
            tr->SetPathCallback(MakeCallback(&Napt::Inbound));
        }
    }

    ~Ikev2Pair()
    {
        i->Dispose();
        r->Dispose();
        ti->Dispose(); // the two transports hold each other
        tr->Dispose();
        Simulator::Destroy();
    }

    /// Deliver the next message waiting at the responder / initiator.
    bool ToResponder()
    {
        return tr->DeliverNext();
    }

    bool ToInitiator()
    {
        return ti->DeliverNext();
    }

    /// The responder's IKE SA (the first one, or the newest with \p newest).
    Ptr<IkeSa> ResponderSa(bool newest = false) const
    {
        auto sas = r->GetSas();
        if (sas.empty())
        {
            return nullptr;
        }
        return newest ? sas.back() : sas.front();
    }

    Ptr<IkeSa> InitiatorSa(bool newest = false) const
    {
        auto sas = i->GetSas();
        if (sas.empty())
        {
            return nullptr;
        }
        return newest ? sas.back() : sas.front();
    }

    /// IKE_SA_INIT and IKE_AUTH, each message delivered in turn.
    Ptr<IkeSa> Establish()
    {
        Ptr<IkeSa> sa = i->Initiate("gateway");
        tr->DeliverNext(); // IKE_SA_INIT request
        ti->DeliverNext(); // IKE_SA_INIT response
        tr->DeliverNext(); // IKE_AUTH request
        ti->DeliverNext(); // IKE_AUTH response
        return sa;
    }

    /// The last message the initiator / responder sent, parsed (outer layer).
    static IkeMessage Parse(Ptr<const Packet> p)
    {
        IkeMessage m;
        p->PeekHeader(m);
        return m;
    }
};

inline const TestPki&
Pki()
{
    static const TestPki pki(NATT_SOURCE_DIR);
    return pki;
}

/// \p config authenticating with \p entity's certificate, trusting the root CA.
inline void
UseCertificates(IkePeerConfig& config, TestPki::Entity entity)
{
    config.auth = IkePeerConfig::AUTH_RSA_SIGNATURE;
    config.certificatePem = Pki().ReadCertificatePem(entity).GetValue();
    config.privateKeyPem = Pki().ReadKeyPem(entity).GetValue();
    config.caCertificatePem = Pki().ReadCertificatePem(TestPki::Entity::RootCa).GetValue();
    config.chainPem = {Pki().ReadCertificatePem(TestPki::Entity::IntermediateCa).GetValue()};
}

} // namespace ikev2test
} // namespace ns3

#endif /* NATT_IKEV2_TEST_UTIL_H */
