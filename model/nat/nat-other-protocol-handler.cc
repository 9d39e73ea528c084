/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-other-protocol-handler.h"

#include "nat-engine.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatOtherProtocolHandler);
NS_OBJECT_ENSURE_REGISTERED(NatAddressOnlyHandler);

TypeId
NatOtherProtocolHandler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatOtherProtocolHandler")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<NatOtherProtocolHandler>()
            .AddTraceSource("BindingCreated",
                            "The handler learnt a binding (an ESP SPI, an SPI block), with the "
                            "cause; the engine passes it on as its MappingCreated",
                            MakeTraceSourceAccessor(&NatOtherProtocolHandler::m_createdTrace),
                            "ns3::NatEngine::MappingTracedCallback")
            .AddTraceSource("BindingExpired",
                            "A binding was removed, with the reason; the engine passes it on "
                            "as its MappingExpired",
                            MakeTraceSourceAccessor(&NatOtherProtocolHandler::m_expiredTrace),
                            "ns3::NatEngine::MappingTracedCallback");
    return tid;
}

NatOtherProtocolHandler::NatOtherProtocolHandler() = default;

NatOtherProtocolHandler::~NatOtherProtocolHandler() = default;

NatOtherPacket::Verdict
NatOtherProtocolHandler::Translate(NatOtherPacket& packet)
{
    // RFC 3715 2.1 j: a NAPT that can only translate ports.
    packet.reason = NatEngine::PROTOCOL_NOT_SUPPORTED_DROP;
    return NatOtherPacket::DROPPED;
}

void
NatOtherProtocolHandler::Sweep(Time timeout)
{
}

bool
NatOtherProtocolHandler::HasBindings() const
{
    return false;
}

void
NatOtherProtocolHandler::Reboot()
{
    m_lastSender.clear();
}

void
NatOtherProtocolHandler::NoteOutbound(uint8_t protocol,
                                      Ipv4Address inside,
                                      Ipv4Address remote,
                                      Ptr<const Packet> transport)
{
    m_lastSender[PeerKey(remote.Get(), protocol)] = inside.Get();
    LearnOutbound(protocol, inside, remote, transport);
}

bool
NatOtherProtocolHandler::LastSender(uint8_t protocol, Ipv4Address remote, Ipv4Address& inside) const
{
    auto it = m_lastSender.find(PeerKey(remote.Get(), protocol));
    if (it == m_lastSender.end())
    {
        return false;
    }
    inside = Ipv4Address(it->second);
    return true;
}

uint64_t
NatOtherProtocolHandler::GetBindingsCreated() const
{
    return m_bindingsCreated;
}

uint64_t
NatOtherProtocolHandler::GetBindingsExpired() const
{
    return m_bindingsExpired;
}

void
NatOtherProtocolHandler::LearnOutbound(uint8_t protocol,
                                       Ipv4Address inside,
                                       Ipv4Address remote,
                                       Ptr<const Packet> transport)
{
}

void
NatOtherProtocolHandler::BindingCreated(const NatMappingInfo& binding, const std::string& cause)
{
    ++m_bindingsCreated;
    m_createdTrace(binding, cause);
}

void
NatOtherProtocolHandler::BindingExpired(const NatMappingInfo& binding, const std::string& cause)
{
    ++m_bindingsExpired;
    m_expiredTrace(binding, cause);
}

NatMappingInfo
NatOtherProtocolHandler::EspBinding(uint32_t inside, uint32_t peer, uint32_t spi)
{
    NatMappingInfo info;
    info.protocol = ESP_PROTOCOL;
    info.insideAddress = Ipv4Address(inside);
    info.remoteAddress = Ipv4Address(peer);
    info.spi = spi;
    return info;
}

uint32_t
NatOtherProtocolHandler::ReadSpi(Ptr<const Packet> packet)
{
    uint8_t b[4];
    packet->CopyData(b, 4);
    return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
}

TypeId
NatAddressOnlyHandler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatAddressOnlyHandler")
                            .SetParent<NatOtherProtocolHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatAddressOnlyHandler>();
    return tid;
}

NatOtherPacket::Verdict
NatAddressOnlyHandler::Translate(NatOtherPacket& packet)
{
    return packet.translateAddress(packet);
}

} // namespace ns3
