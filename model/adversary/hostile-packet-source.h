/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_HOSTILE_PACKET_SOURCE_H
#define NATT_HOSTILE_PACKET_SOURCE_H

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>

namespace ns3
{

class Socket;

/**
 * \ingroup natt
 * \brief How a hostile payload travels: IKE on UDP 500, IKE on UDP 4500
 * behind the non-ESP marker, ESP as IP protocol 50, or ESP in UDP 4500
 * (RFC 3948 2.1, 2.2).
 */
enum class HostileCarrier : uint8_t
{
    IKE,
    IKE_NATT,
    ESP,
    ESP_IN_UDP,
};

/// "ike", "ike-4500", "esp", "esp-in-udp".
std::string HostileCarrierName(HostileCarrier carrier);

/**
 * \ingroup natt
 * \brief The adversary's sending end: writes IPv4 packets with any source
 * address (a raw socket with IP_HDRINCL, as an attacker's tool does), so
 * that payloads can be spoofed, replayed or malformed at will. Every
 * packet carries a HostileTag with its own number, for the scenario to
 * find in the receiving models' Drop traces; the Tx trace reports it.
 *
 * What to send is the caller's (HostilePackets builds the payloads,
 * IkeInitFlood floods); this class only puts them on the wire.
 */
class HostilePacketSource : public Application
{
  public:
    static TypeId GetTypeId();
    HostilePacketSource();

    /**
     * Send \p payload from \p source to \p destination as \p carrier
     * says, with a correct UDP checksum where UDP carries it (ns-3's UDP
     * verifies every checksum; a bad one would be dropped by IP, not by
     * the model under attack). \return the packet's HostileTag number
     */
    uint32_t Send(Ptr<const Packet> payload,
                  Ipv4Address source,
                  Ipv4Address destination,
                  HostileCarrier carrier);
    /// Send \p packet, which starts with its IPv4 header, as it is (a replay).
    uint32_t SendIp(Ptr<const Packet> packet);

    /// Hostile packets sent so far.
    uint32_t GetSent() const;

    typedef void (*TxTracedCallback)(Ptr<const Packet> packet, uint32_t id);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /// Mark (Tos) and tag \p packet (IPv4 header first) and write it to the raw socket.
    uint32_t Write(Ptr<Packet> packet);

    Ptr<Socket> m_socket;
    uint32_t m_sent{0};
    uint8_t m_ttl;
    uint8_t m_tos;
    TracedCallback<Ptr<const Packet>, uint32_t> m_txTrace;
};

} // namespace ns3

#endif /* NATT_HOSTILE_PACKET_SOURCE_H */
