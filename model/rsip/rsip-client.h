/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RSIP_CLIENT_H
#define NATT_RSIP_CLIENT_H

#include "ns3/application.h"
#include "ns3/drop-counter.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/rsip-message.h"

#include <functional>
#include <vector>

namespace ns3
{

class Socket;

/// \ingroup natt
/// What an RSIP client holds once assigned (RFC 3103 2.2).
struct RsipLease
{
    Ipv4Address external;  ///< the gateway's external address, now the host's source
    uint16_t firstPort{0}; ///< RSAP-IP ports: firstPort .. firstPort + ports - 1
    uint8_t ports{0};
    std::vector<uint32_t> spis;  ///< RSIPsec SPIs (RFC 3104)
    uint32_t tunnelInterface{0}; ///< the host's IP-in-IP interface, with the external address
};

/**
 * \ingroup natt
 * \brief An RSIP client (RFC 3103) on a host: registers with its gateway
 * over UDP 4555, asks for ports (ASSIGN_REQUEST_RSAP-IP) and, when
 * Spis > 0, for SPIs (ASSIGN_REQUEST_RSIPSEC, RFC 3104 4.2), then makes
 * the IP-in-IP tunnel to the gateway whose interface carries the external
 * address (RFC 3102 2.2.1), so the host sends as that address. It extends
 * every binding half-way through its lease (EXTEND_REQUEST) and
 * de-registers when stopped.
 *
 * A request unanswered after Retries tries ends the attempt: the client
 * counts rsip-no-lease, the symptom of a host with no RSIP gateway
 * (RFC 3715 4.2's deployment cost). An ERROR_RESPONSE counts rsip-error.
 */
class RsipClient : public Application
{
  public:
    static constexpr const char* NO_LEASE = "rsip-no-lease";
    static constexpr const char* ERROR_RECEIVED = "rsip-error";

    static TypeId GetTypeId();
    RsipClient();
    ~RsipClient() override;

    /// The gateway's inside address and the host's own (the tunnel's outer source).
    void SetAddresses(Ipv4Address gateway, Ipv4Address host);
    /// Called once the lease is complete, with what was assigned.
    void SetLeaseCallback(std::function<void(const RsipLease&)> callback);

    bool HasLease() const;
    const RsipLease& GetLease() const;
    /// Failures of \p reason (NO_LEASE, ERROR_RECEIVED); all when empty.
    uint64_t GetFailureCount(const std::string& reason = "") const;
    /// RSIP bytes (IP and UDP headers included) the lease extensions took, both ways.
    uint64_t GetExtensionBytes() const;
    /// RSIP bytes of every message, both ways.
    uint64_t GetControlBytes() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /// Send \p request, again after RequestTimeout up to Retries times.
    void Send(RsipMessage request, uint32_t tries);
    void Receive(Ptr<Socket> socket);
    void Handle(RsipMessage response);
    void AskForSpis();
    void Leased();
    void Extend();

    Ipv4Address m_gateway;
    Ipv4Address m_host;
    uint32_t m_ports;
    uint32_t m_spiCount;
    Time m_timeout;
    uint32_t m_retries;
    Ptr<Socket> m_socket;
    uint32_t m_counter;
    uint32_t m_clientId;
    Time m_leaseTime;
    std::vector<uint32_t> m_bindIds;
    RsipLease m_lease;
    bool m_leased;
    std::function<void(const RsipLease&)> m_leaseCallback;
    EventId m_retransmit;
    EventId m_extend;
    DropCounter m_failures;
    uint64_t m_extensionBytes;
    uint64_t m_controlBytes;
};

} // namespace ns3

#endif /* NATT_RSIP_CLIENT_H */
