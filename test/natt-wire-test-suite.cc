/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// ns-3 TestSuite "natt-wire": the wire formats as an ns-3 user meets them,
// through Packet::AddHeader / RemoveHeader, run by ns-3's test.py inside an
// ns-3 tree and by ns3-test-suites-test.cc under CTest out of tree. The
// byte-level known-answer tests are the GoogleTest suites beside this file.

#include "ns3/esp-header.h"
#include "ns3/ike-message.h"
#include "ns3/ike-opaque-payload.h"
#include "ns3/ikev2-sa-payload.h"
#include "ns3/packet.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

/// An IKE_SA_INIT request survives a trip through a Packet unchanged.
class IkeMessagePacketTestCase : public TestCase
{
  public:
    IkeMessagePacketTestCase()
        : TestCase("IKE message through a Packet")
    {
    }

  private:
    void DoRun() override
    {
        IkeMessage m;
        m.GetHeader().SetMajorVersion(2);
        m.GetHeader().SetExchangeType(IsakmpHeader::IKEV2_IKE_SA_INIT);
        m.GetHeader().SetInitiatorSpi(0x1122334455667788ULL);
        auto nonce = std::make_unique<IkeNoncePayload>(2);
        nonce->SetData(std::vector<uint8_t>(32, 7));
        m.AddPayload(std::move(nonce));
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(m);
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 28u + 36u, "Verify the message length");
        IkeMessage back;
        NS_TEST_ASSERT_MSG_EQ(p->RemoveHeader(back), 64u, "Verify the whole message is read");
        NS_TEST_ASSERT_MSG_EQ(back.GetHeader().GetInitiatorSpi(),
                              0x1122334455667788ULL,
                              "Verify the initiator SPI comes back");
        NS_TEST_ASSERT_MSG_NE(back.FindPayload(IKEV2_PAYLOAD_NONCE),
                              nullptr,
                              "Verify the nonce payload comes back");
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 0u, "Verify nothing is left in the packet");
    }
};

/// A truncated message is refused with a reason, not read past its end.
class IkeMessageTruncatedTestCase : public TestCase
{
  public:
    IkeMessageTruncatedTestCase()
        : TestCase("Truncated IKE message is refused")
    {
    }

  private:
    void DoRun() override
    {
        IkeMessage m;
        auto nonce = std::make_unique<IkeNoncePayload>(2);
        nonce->SetData(std::vector<uint8_t>(32, 7));
        m.AddPayload(std::move(nonce));
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(m);
        p->RemoveAtEnd(5);
        IkeMessage back;
        NS_TEST_ASSERT_MSG_EQ(p->RemoveHeader(back), 0u, "Verify nothing is consumed");
        NS_TEST_ASSERT_MSG_EQ(back.GetParseError(),
                              IkeMessage::PARSE_TRUNCATED,
                              "Verify the reason is truncation");
    }
};

/// An ESP header in front of an opaque payload.
class EspHeaderPacketTestCase : public TestCase
{
  public:
    EspHeaderPacketTestCase()
        : TestCase("ESP header through a Packet")
    {
    }

  private:
    void DoRun() override
    {
        EspHeader esp;
        esp.SetSpi(0xdeadbeef);
        esp.SetSequenceNumber(42);
        Ptr<Packet> p = Create<Packet>(100);
        p->AddHeader(esp);
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 108u, "Verify the ESP header is 8 bytes");
        EspHeader back;
        p->RemoveHeader(back);
        NS_TEST_ASSERT_MSG_EQ(back.GetSpi(), 0xdeadbeefu, "Verify the SPI comes back");
        NS_TEST_ASSERT_MSG_EQ(back.GetSequenceNumber(), 42u, "Verify the sequence number");
    }
};

class NattWireTestSuite : public TestSuite
{
  public:
    NattWireTestSuite()
        : TestSuite("natt-wire", Type::UNIT)
    {
        AddTestCase(new IkeMessagePacketTestCase);
        AddTestCase(new IkeMessageTruncatedTestCase);
        AddTestCase(new EspHeaderPacketTestCase);
    }
};

/// Static variable for test initialization
NattWireTestSuite g_nattWireTestSuite;

} // namespace
