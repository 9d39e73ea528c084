/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-init-flood.h"

#include "hostile-packets.h"

#include "ns3/diffie-hellman.h"
#include "ns3/double.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeInitFlood");
NS_OBJECT_ENSURE_REGISTERED(IkeInitFlood);

namespace
{
/// RFC 7296 2.10: nonces of at least 16 octets and half the PRF key size.
constexpr uint32_t kNonceSize = 32;
} // namespace

TypeId
IkeInitFlood::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IkeInitFlood")
            .SetParent<Application>()
            .SetGroupName("Natt")
            .AddConstructor<IkeInitFlood>()
            .AddAttribute("Rate",
                          "IKE_SA_INIT requests sent, per second",
                          DoubleValue(100),
                          MakeDoubleAccessor(&IkeInitFlood::m_rate),
                          MakeDoubleChecker<double>(0.001, 1e6))
            .AddAttribute("Remote",
                          "The responder's IPv4 address (UDP port 500)",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&IkeInitFlood::m_remote),
                          MakeIpv4AddressChecker())
            .AddAttribute("SourcePrefix",
                          "First spoofed source address; the next Sources addresses follow it",
                          Ipv4AddressValue("203.0.113.0"),
                          MakeIpv4AddressAccessor(&IkeInitFlood::m_sourcePrefix),
                          MakeIpv4AddressChecker())
            .AddAttribute("Sources",
                          "How many spoofed source addresses the requests cycle through",
                          UintegerValue(250),
                          MakeUintegerAccessor(&IkeInitFlood::m_sources),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

IkeInitFlood::IkeInitFlood()
    : m_rate(100),
      m_sources(250),
      m_random(CreateObject<UniformRandomVariable>())
{
}

void
IkeInitFlood::DoDispose()
{
    m_source = nullptr;
    m_random = nullptr;
    Application::DoDispose();
}

void
IkeInitFlood::SetProposal(const IkeProposal& proposal)
{
    m_proposal = proposal;
}

void
IkeInitFlood::SetSource(Ptr<HostilePacketSource> source)
{
    m_source = source;
}

uint32_t
IkeInitFlood::GetSent() const
{
    return m_sent;
}

int64_t
IkeInitFlood::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
IkeInitFlood::StartApplication()
{
    std::unique_ptr<DiffieHellman> dh = DiffieHellman::Create(m_proposal.dhGroup);
    NS_ABORT_MSG_IF(!dh, "IkeInitFlood: no Diffie-Hellman group " << m_proposal.dhGroup);
    Bytes secret(dh->GetPrivateValueSize());
    for (auto& b : secret)
    {
        b = static_cast<uint8_t>(m_random->GetInteger(0, 255));
    }
    NS_ABORT_MSG_IF(!dh->SetPrivateValue(secret).IsOk(), "IkeInitFlood: bad DH private value");
    m_ke = dh->GetPublicValue();
    SendOne();
}

void
IkeInitFlood::StopApplication()
{
    m_next.Cancel();
}

void
IkeInitFlood::SendOne()
{
    uint64_t spi = (uint64_t{m_random->GetInteger(1, 0xffffffffu)} << 32) |
                   m_random->GetInteger(0, 0xffffffffu);
    Bytes nonce(kNonceSize);
    for (auto& b : nonce)
    {
        b = static_cast<uint8_t>(m_random->GetInteger(0, 255));
    }
    Ipv4Address source(m_sourcePrefix.Get() + 1 + m_sent % m_sources);
    m_source->Send(HostilePackets::IkeSaInit(spi, m_proposal, m_ke, nonce),
                   source,
                   m_remote,
                   HostileCarrier::IKE);
    ++m_sent;
    m_next = Simulator::Schedule(Seconds(1.0 / m_rate), &IkeInitFlood::SendOne, this);
}

} // namespace ns3
