/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV2_HANDLER_H
#define NATT_IKEV2_HANDLER_H

#include "ikev2-task-manager.h"

#include "ns3/ike-daemon.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-ikev2
 * \brief IKEv2 (RFC 7296) for an IkeDaemon: finds or creates the IKE SA a
 * message belongs to, answers floods with cookies (RFC 7296 2.6), and
 * hands everything else to the SA's Ikev2TaskManager.
 */
class Ikev2Handler : public IkeVersionHandler
{
  public:
    static TypeId GetTypeId();
    Ikev2Handler();

    uint8_t GetVersion() const override;
    void Initiate(Ptr<IkeSa> sa) override;
    void Receive(Ptr<Packet> message,
                 const IsakmpHeader& header,
                 const IkeEndpoint& local,
                 const IkeEndpoint& remote) override;
    void RekeyIkeSa(Ptr<IkeSa> sa) override;
    void RekeyChildSa(Ptr<IkeSa> sa, uint32_t inboundSpi) override;
    void Delete(Ptr<IkeSa> sa) override;
    /// Send an empty INFORMATIONAL request (RFC 7296 1.4, liveness check).
    void CheckLiveness(Ptr<IkeSa> sa);
    /// Delete the child SA pair whose inbound SPI is \p inboundSpi (RFC 7296 1.4.1).
    void DeleteChildSa(Ptr<IkeSa> sa, uint32_t inboundSpi);

    /**
     * Start the timers of a newly established IKE SA: its rekey (by the
     * side that initiated it, lifetime minus margin) and dead-peer
     * detection (a liveness check every dpdDelay while idle).
     */
    void StartIkeTimers(Ptr<IkeSa> sa);
    /// Rekey the child SA with inbound SPI \p inboundSpi (lifetime minus margin).
    void StartChildTimer(const IkeChildConfig& config, uint32_t inboundSpi);

    /// The task manager of \p sa, or nullptr.
    Ptr<Ikev2TaskManager> GetTaskManager(Ptr<IkeSa> sa) const;
    /// Create and register a task manager for a new SA (IKE_SA_INIT responder, IKE SA rekey).
    Ptr<Ikev2TaskManager> CreateTaskManager(Ptr<IkeSa> sa);
    /// Drop the task manager of \p sa (the SA is gone).
    void Forget(Ptr<IkeSa> sa);

    /// Next inner address of \p config's pool (RFC 7296 2.19), or 0.0.0.0 when none is left.
    Ipv4Address AllocateVirtualIp(const IkePeerConfig& config);

    /// RFC 7296 2.6: the cookie a responder expects for these values.
    Bytes ComputeCookie(const Bytes& nonceI, const IkeEndpoint& initiator, uint64_t spiI) const;

    /**
     * Wireshark's ikev2_decryption_table lines (Wireshark 4.0 UAT format) for
     * every IKE SA this handler keyed, including rekeyed and deleted ones.
     */
    const std::vector<std::string>& GetIkev2DecryptionTable() const;
    /// Wireshark's esp_sa lines for every child SA pair this handler installed.
    const std::vector<std::string>& GetEspSaTable() const;
    /// Record the keys of \p manager's IKE SA (called once the SK_* exist).
    void RecordIkeKeys(Ptr<Ikev2TaskManager> manager);
    /// Record the keys of one child SA pair.
    void RecordChildKeys(Ptr<IkeSa> sa, const IkeChildSa& child, const Ikev2ChildKeys& keys);
    /// Write both tables into \p directory (the files Wireshark reads from a profile).
    bool WriteWiresharkKeys(const std::string& directory) const;

  protected:
    void DoDispose() override;

  private:
    Ptr<Ikev2TaskManager> Find(uint64_t spiI, uint64_t spiR) const;
    void CheckDeadPeer(Ptr<IkeSa> sa);
    void RekeyChildBySpi(uint32_t inboundSpi);
    /// Responder IKE SAs past IKE_SA_INIT and not yet authenticated.
    uint32_t CountHalfOpen();
    void AnswerWithCookie(const IkeMessage& request,
                          const Bytes& cookie,
                          const IkeEndpoint& local,
                          const IkeEndpoint& remote);

    std::map<IkeSa*, Ptr<Ikev2TaskManager>> m_managers;
    /// m_managers' SAs by initiator SPI, each list in m_managers' order: a
    /// responder holding thousands of IKE SAs finds a message's SA without
    /// walking them all (an SA's SPIi is fixed before its manager exists).
    std::unordered_map<uint64_t, std::vector<IkeSa*>> m_byInitiatorSpi;
    /// The responder SAs this handler created half-open (CONNECTING), those
    /// that left that state or this handler dropped at the next count: a
    /// gateway with thousands of IKE SAs counts its half-open ones for each
    /// IKE_SA_INIT request (RFC 7296 2.6) without walking them all. Held by
    /// Ptr so that no address is reused while listed.
    std::vector<Ptr<IkeSa>> m_halfOpen;
    uint32_t m_cookieThreshold;
    uint32_t m_maxHalfOpen;
    Bytes m_cookieSecret;
    std::map<std::string, uint32_t> m_poolNext;
    std::vector<std::string> m_ikeKeyLines;
    std::vector<std::string> m_espKeyLines;
};

} // namespace ns3

#endif /* NATT_IKEV2_HANDLER_H */
