/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_ALG_H
#define NATT_NAT_ALG_H

#include "nat-isakmp-handler.h" // NatMappingHandle

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/object.h"
#include "ns3/packet.h"

#include <cstdint>
#include <functional>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief What an ALG may ask of the engine: its outside address, and a
 * mapping for a connection a payload announces. The engine builds one on
 * the stack per segment.
 */
class NatAlgContext
{
  public:
    virtual ~NatAlgContext() = default;

    /// The address mappings are made on.
    virtual Ipv4Address GetOutsideAddress() const = 0;
    /**
     * The mapping of \p inside : \p insidePort towards \p remote, made
     * (cause "alg") when there is none, open to any port of \p remote, as
     * the connection it announces will come from a port of that host's
     * choosing.
     * \param[out] externalPort its external port
     * \return false when no external port is free
     */
    virtual bool OpenMapping(uint8_t protocol,
                             Ipv4Address inside,
                             uint16_t insidePort,
                             Ipv4Address remote,
                             uint16_t& externalPort) = 0;
};

/**
 * \ingroup natt-nat
 * \brief An application level gateway (RFC 2663 2.9): it
 * rewrites addresses that applications carry in their payload, chosen on
 * NatEngine by its Alg attribute.
 *
 * The engine hands it the TCP segments of every mapping, after the mapping
 * is found and before the engine rewrites the address and port: the ALG may
 * change the payload, and the sequence and acknowledgement numbers in
 * \p tcp, the first 20 bytes of the TCP header as the engine will write
 * them back (checksum at offset 16, adjusted by whoever changes what it
 * covers). Mappings are named by NatEngine's weak handle, so state kept for
 * a connection that has gone is recognised as stale. This base class is no
 * ALG (FtpAlg=false).
 */
class NatAlg : public Object
{
  public:
    static TypeId GetTypeId();
    NatAlg();
    ~NatAlg() override;

    /**
     * An outbound segment of the connection whose mapping is \p connection.
     * \param segment starts with the TCP header as it arrived
     * \param header its IPv4 header, inside addresses still; the payload
     * size is the ALG's to keep right
     * \param firstFragment whether \p segment is only the first fragment of
     * its datagram (the payload is incomplete)
     */
    virtual void Outbound(NatAlgContext& engine,
                          NatMappingHandle connection,
                          Ptr<Packet> segment,
                          Ipv4Header& header,
                          uint8_t* tcp,
                          bool firstFragment);
    /// An inbound segment of the connection whose mapping is \p connection.
    virtual void Inbound(NatMappingHandle connection, uint8_t* tcp);
    /// Forgets what refers to mappings \p live says are gone (sweep, reboot).
    virtual void Forget(const std::function<bool(NatMappingHandle)>& live);
};

} // namespace ns3

#endif /* NATT_NAT_ALG_H */
