/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The IKE daemon shell that both versions plug into: dispatch by version,
// drop reasons, randomness from ns-3 streams, the loopback transport.

#include "ns3/ike-daemon.h"
#include "ns3/ike-loopback-transport.h"
#include "ns3/ike-message.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

/// Records what the daemon hands it.
class RecordingHandler : public IkeVersionHandler
{
  public:
    explicit RecordingHandler(uint8_t version)
        : m_version(version)
    {
    }

    uint8_t GetVersion() const override
    {
        return m_version;
    }

    void Initiate(Ptr<IkeSa> sa) override
    {
        IkeMessage m;
        m.GetHeader().SetMajorVersion(m_version);
        m.GetHeader().SetInitiatorSpi(sa->GetInitiatorSpi());
        auto nonce = std::make_unique<IkeNoncePayload>(m_version);
        nonce->SetData(GetDaemon()->RandomBytes(16));
        m.AddPayload(std::move(nonce));
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(m);
        GetDaemon()->Send(sa, p);
    }

    void Receive(Ptr<Packet> message,
                 const IsakmpHeader& header,
                 const IkeEndpoint& local,
                 const IkeEndpoint& remote) override
    {
        received.push_back(header.GetInitiatorSpi());
        lastRemote = remote;
    }

    void RekeyIkeSa(Ptr<IkeSa>) override
    {
    }

    void RekeyChildSa(Ptr<IkeSa>, uint32_t) override
    {
    }

    void Delete(Ptr<IkeSa>) override
    {
    }

    std::vector<uint64_t> received;
    IkeEndpoint lastRemote;

  private:
    uint8_t m_version;
};

struct Pair
{
    Ptr<IkeDaemon> a = CreateObject<IkeDaemon>();
    Ptr<IkeDaemon> b = CreateObject<IkeDaemon>();
    Ptr<IkeLoopbackTransport> ta = CreateObject<IkeLoopbackTransport>();
    Ptr<IkeLoopbackTransport> tb = CreateObject<IkeLoopbackTransport>();
    Ptr<RecordingHandler> hb = CreateObject<RecordingHandler>(2);

    Pair()
    {
        IkeLoopbackTransport::Connect(ta, tb);
        a->SetTransport(ta);
        b->SetTransport(tb);
        a->SetHandler(CreateObject<RecordingHandler>(2));
        b->SetHandler(hb);
        IkePeerConfig peer;
        peer.name = "b";
        peer.local = {Ipv4Address("10.0.0.1"), IKE_UDP_PORT};
        peer.remote = {Ipv4Address("10.0.0.2"), IKE_UDP_PORT};
        a->AddPeer(peer);
    }
};

} // namespace

TEST(IkeDaemon, DispatchesMessagesToTheHandlerOfTheirVersion)
{
    Pair p;
    Ptr<IkeSa> sa = p.a->Initiate("b");
    ASSERT_NE(sa, nullptr);
    EXPECT_EQ(p.a->Initiate("nobody"), nullptr) << "an unknown peer starts nothing";
    ASSERT_EQ(p.tb->GetPending(), 1u);
    EXPECT_TRUE(p.tb->DeliverNext());
    ASSERT_EQ(p.hb->received.size(), 1u);
    EXPECT_EQ(p.hb->received[0], sa->GetInitiatorSpi());
    EXPECT_EQ(p.hb->lastRemote, (IkeEndpoint{Ipv4Address("10.0.0.1"), IKE_UDP_PORT}));
    EXPECT_EQ(sa->messagesSent, 1u);
    Simulator::Destroy();
}

TEST(IkeDaemon, DropsWhatNoHandlerCanTake)
{
    Pair p;
    // An IKEv1 message to a daemon that only speaks IKEv2.
    IkeMessage v1;
    v1.GetHeader().SetMajorVersion(1);
    Ptr<Packet> m = Create<Packet>();
    m->AddHeader(v1);
    p.ta->Send(m, {Ipv4Address("10.0.0.1"), IKE_UDP_PORT}, {Ipv4Address("10.0.0.2"), IKE_UDP_PORT});
    p.ta->Send(Create<Packet>(10),
               {Ipv4Address("10.0.0.1"), IKE_UDP_PORT},
               {Ipv4Address("10.0.0.2"), IKE_UDP_PORT});
    p.tb->DeliverAll();
    EXPECT_EQ(p.b->GetDropCount("bad-version"), 1u);
    EXPECT_EQ(p.b->GetDropCount("truncated"), 1u);
    EXPECT_TRUE(p.hb->received.empty());
    Simulator::Destroy();
}

TEST(IkeDaemon, PathCallbackPlaysANat)
{
    Pair p;
    p.ta->SetPathCallback(MakeCallback(+[](IkeEndpoint& source, IkeEndpoint& destination) {
        source = {Ipv4Address("198.51.100.1"), 61000};
        return true;
    }));
    p.a->Initiate("b");
    p.tb->DeliverAll();
    EXPECT_EQ(p.hb->lastRemote, (IkeEndpoint{Ipv4Address("198.51.100.1"), 61000}));
    Simulator::Destroy();
}

TEST(IkeDaemon, RandomnessComesFromAssignableStreams)
{
    auto draw = [](int64_t stream) {
        Ptr<IkeDaemon> d = CreateObject<IkeDaemon>();
        d->AssignStreams(stream);
        return std::make_pair(d->RandomSpi64(), d->RandomBytes(8));
    };
    EXPECT_EQ(draw(7), draw(7)) << "same stream, same values";
    EXPECT_NE(draw(7), draw(8));
    Ptr<IkeDaemon> d = CreateObject<IkeDaemon>();
    for (int k = 0; k < 1000; ++k)
    {
        ASSERT_GE(d->RandomSpi32(), 256u) << "SPIs 1-255 are reserved (RFC 4303 2.1)";
    }
    EXPECT_DOUBLE_EQ(d->GetRetransmitTimeout(0).GetSeconds(), 4.0);
    EXPECT_NEAR(d->GetRetransmitTimeout(2).GetSeconds(), 4.0 * 1.8 * 1.8, 1e-9);
}

TEST(IkeLoopbackTransport, DisposingTheTwoEndsBreaksTheirCycle)
{
    // Connect makes each end hold the other: without DoDispose letting go,
    // a pair of them (and every message each sent) outlives its test bed.
    Ptr<IkeLoopbackTransport> a = CreateObject<IkeLoopbackTransport>();
    Ptr<IkeLoopbackTransport> b = CreateObject<IkeLoopbackTransport>();
    IkeLoopbackTransport::Connect(a, b);
    EXPECT_EQ(a->GetReferenceCount(), 2u);
    a->Dispose();
    b->Dispose();
    EXPECT_EQ(a->GetReferenceCount(), 1u);
    EXPECT_EQ(b->GetReferenceCount(), 1u);
}
