/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Two IKEv1 daemons back to back over the loopback transport, with an
// optional NAPT in front of the initiator played by the path callbacks.

#ifndef NATT_IKEV1_TEST_UTIL_H
#define NATT_IKEV1_TEST_UTIL_H

#include "ns3/ike-daemon.h"
#include "ns3/ike-loopback-transport.h"
#include "ns3/ike-message.h"
#include "ns3/ike-ports.h"
#include "ns3/ikev1-handler.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"
#include "ns3/simulator.h"
#include "ns3/test-pki.h"

#include <string>
#include <vector>

namespace ns3
{
namespace ikev1test
{

// Documentation addresses (RFC 5737): the initiator's private address,
// the NAT's public one, and the responder.
inline const Ipv4Address kInitiator("10.0.0.1");
inline const Ipv4Address kNatPublic("203.0.113.5");
inline const Ipv4Address kResponder("198.51.100.20");

/// A message as it crossed the path: who sent it, where it went, its bytes.
struct Wire
{
    IkeEndpoint source;
    IkeEndpoint destination;
    Ptr<const Packet> packet;
    bool fromInitiator;
};

/**
 * The test bed. The NAT, when on, maps the initiator's source port p to
 * p + 10000 (a NAPT that changes ports, as RFC 3715 2.1 d needs) and
 * translates replies back.
 */
struct Ikev1Pair
{
    Ptr<IkeDaemon> i = CreateObject<IkeDaemon>();
    Ptr<IkeDaemon> r = CreateObject<IkeDaemon>();
    Ptr<IkeLoopbackTransport> ti = CreateObject<IkeLoopbackTransport>();
    Ptr<IkeLoopbackTransport> tr = CreateObject<IkeLoopbackTransport>();
    Ptr<Ikev1Handler> hi = CreateObject<Ikev1Handler>();
    Ptr<Ikev1Handler> hr = CreateObject<Ikev1Handler>();
    IkePeerConfig ci;
    IkePeerConfig cr;
    bool nat{false};
    std::vector<Wire> wire; ///< every message in the order it was sent (after the NAT)

    Ikev1Pair()
    {
        IkeLoopbackTransport::Connect(ti, tr);
        i->SetTransport(ti);
        r->SetTransport(tr);
        i->SetHandler(hi);
        r->SetHandler(hr);
        i->AssignStreams(11);
        r->AssignStreams(22);
        ti->SetPathCallback(MakeCallback(&Ikev1Pair::FromInitiator, this));
        tr->SetPathCallback(MakeCallback(&Ikev1Pair::FromResponder, this));

        ci.name = "to-responder";
        ci.version = 1;
        ci.local = {kInitiator, IKE_UDP_PORT};
        ci.remote = {kResponder, IKE_UDP_PORT};
        ci.localId = IkeIdentity::Fqdn("client.natt.test");
        ci.presharedKey = {'s', 'e', 'c', 'r', 'e', 't'};
        IkeChildConfig child;
        child.name = "net";
        child.selector = IpsecSelector::SubnetToSubnet(Ipv4Address("10.1.0.0"),
                                                       Ipv4Mask("255.255.0.0"),
                                                       Ipv4Address("10.2.0.0"),
                                                       Ipv4Mask("255.255.0.0"));
        ci.children.push_back(child);

        cr = ci;
        cr.name = "from-initiator";
        cr.local = {kResponder, IKE_UDP_PORT};
        cr.remote = {Ipv4Address::GetAny(), IKE_UDP_PORT};
        cr.localId = IkeIdentity::Fqdn("gateway.natt.test");
        cr.children[0].selector = IpsecSelector::SubnetToSubnet(Ipv4Address("10.2.0.0"),
                                                                Ipv4Mask("255.255.0.0"),
                                                                Ipv4Address("10.1.0.0"),
                                                                Ipv4Mask("255.255.0.0"));
    }

    ~Ikev1Pair()
    {
        i->Dispose();
        r->Dispose();
        ti->Dispose(); // the two transports hold each other
        tr->Dispose();
        Simulator::Destroy();
    }

    void UseCertificates()
    {
        TestPki pki(NATT_SOURCE_DIR);
        for (auto* c : {&ci, &cr})
        {
            bool client = c == &ci;
            auto entity = client ? TestPki::Entity::Client : TestPki::Entity::Gateway;
            c->auth = IkePeerConfig::AUTH_RSA_SIGNATURE;
            c->certificatePem = *pki.ReadCertificatePem(entity);
            c->privateKeyPem = *pki.ReadKeyPem(entity);
            c->caCertificatePem = *pki.ReadCertificatePem(TestPki::Entity::RootCa);
            c->chainPem = {*pki.ReadCertificatePem(TestPki::Entity::IntermediateCa)};
        }
    }

    void UseDatabases()
    {
        i->SetIpsecDatabases(CreateObject<SecurityPolicyDatabase>(),
                             CreateObject<SecurityAssociationDatabase>());
        r->SetIpsecDatabases(CreateObject<SecurityPolicyDatabase>(),
                             CreateObject<SecurityAssociationDatabase>());
    }

    /// Add the configurations and start phase 1 (Main or Aggressive Mode message 1).
    Ptr<IkeSa> Start()
    {
        i->AddPeer(ci);
        r->AddPeer(cr);
        return i->Initiate(ci.name);
    }

    /// Deliver everything both sides send until nothing waits.
    void Run()
    {
        ti->DeliverAll();
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

    Ptr<IkeSa> ResponderSa() const
    {
        auto sas = r->GetSas();
        return sas.empty() ? nullptr : sas.back();
    }

    bool FromInitiator(IkeEndpoint& source, IkeEndpoint& destination)
    {
        if (nat)
        {
            source = {kNatPublic, uint16_t(source.port + 10000)};
        }
        wire.push_back({source, destination, ti->GetSent().back(), true});
        return true;
    }

    bool FromResponder(IkeEndpoint& source, IkeEndpoint& destination)
    {
        Ptr<const Packet> sent = tr->GetSent().back();
        wire.push_back({source, destination, sent, false});
        if (nat && destination.address == kNatPublic)
        {
            if (destination.port < 10000)
            {
                return false; // no mapping for that port: the NAT drops it
            }
            destination = {kInitiator, uint16_t(destination.port - 10000)};
        }
        return true;
    }
};

/// Parse a message (the body stays opaque when encrypted).
inline IkeMessage
Parse(Ptr<const Packet> p)
{
    IkeMessage m;
    p->Copy()->RemoveHeader(m);
    return m;
}

} // namespace ikev1test
} // namespace ns3

#endif /* NATT_IKEV1_TEST_UTIL_H */
