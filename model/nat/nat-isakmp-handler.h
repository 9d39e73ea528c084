/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_ISAKMP_HANDLER_H
#define NATT_NAT_ISAKMP_HANDLER_H

#include "ns3/object.h"
#include "ns3/packet.h"

#include <cstdint>
#include <functional>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief A mapping as a behaviour names it: valid while the engine's slab
 * entry keeps this generation (NatEngine resolves it, so an expired or
 * reused mapping is never handed back).
 */
struct NatMappingHandle
{
    uint32_t index{0};
    uint32_t generation{0};
};

/**
 * \ingroup natt-nat
 * \brief What a NAT does with IKE on the ISAKMP port (RFC 3715 2.2 n, o,
 * 2.3 p), chosen on NatEngine by its IsakmpHandler attribute.
 *
 * The engine asks only about UDP to or from its IsakmpPort, and only when
 * Handles() is true; every packet passed starts with the UDP header. This
 * base class is Isakmp=None: IKE is ordinary UDP.
 */
class NatIsakmpHandler : public Object
{
  public:
    static TypeId GetTypeId();
    NatIsakmpHandler();
    ~NatIsakmpHandler() override;

    /// Whether IKE is special at all (false: the engine never asks again).
    virtual bool Handles() const;
    /// Before any mapping, both directions: a drop reason, or nullptr to go on.
    virtual const char* Inspect(Ptr<const Packet> udp);
    /// Whether outbound IKE from the ISAKMP port keeps that port, the last
    /// sender owning its inbound side (RFC 3715 2.2 o).
    virtual bool KeepsPort() const;
    /// Outbound IKE left from the ISAKMP port through \p mapping.
    virtual void LearnOutbound(Ptr<const Packet> udp, NatMappingHandle mapping);
    /// Whether inbound IKE to the ISAKMP port is routed by RouteInbound
    /// rather than by its destination port.
    virtual bool RoutesInbound() const;
    /// \return false when no mapping is known for \p udp (the engine drops it)
    virtual bool RouteInbound(Ptr<const Packet> udp, NatMappingHandle& mapping);
    /// Forgets what refers to mappings \p live says are gone (sweep, reboot).
    virtual void Forget(const std::function<bool(NatMappingHandle)>& live);
};

/**
 * \ingroup natt-nat
 * \brief Isakmp=Port500Special: source port 500 is never translated, so two
 * inside initiators collide on it (RFC 3715 2.2 o).
 */
class NatPort500Isakmp : public NatIsakmpHandler
{
  public:
    static TypeId GetTypeId();
    bool Handles() const override;
    bool KeepsPort() const override;
};

} // namespace ns3

#endif /* NATT_NAT_ISAKMP_HANDLER_H */
