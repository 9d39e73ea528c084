/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKEV1_HANDLER_H
#define NATT_IKEV1_HANDLER_H

#include "ikev1-task-manager.h"

#include "ns3/ike-daemon.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>
#include <string>

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief IKEv1 (RFC 2409 with RFC 2408, 2407, 3947, 3706 and
 * draft-stenberg NAT-T) plugged into an IkeDaemon: one Ikev1TaskManager
 * per ISAKMP SA, the child SA installation and the Wireshark key log.
 */
class Ikev1Handler : public IkeVersionHandler
{
  public:
    static TypeId GetTypeId();
    Ikev1Handler();

    uint8_t GetVersion() const override;
    void Initiate(Ptr<IkeSa> sa) override;
    void Receive(Ptr<Packet> message,
                 const IsakmpHeader& header,
                 const IkeEndpoint& local,
                 const IkeEndpoint& remote) override;
    void RekeyIkeSa(Ptr<IkeSa> sa) override;
    void RekeyChildSa(Ptr<IkeSa> sa, uint32_t inboundSpi) override;
    void Delete(Ptr<IkeSa> sa) override;

    /// Send an RFC 3706 R-U-THERE on \p sa now.
    void SendDpd(Ptr<IkeSa> sa);
    /// The task manager of \p sa (nullptr once it is gone).
    Ptr<Ikev1TaskManager> GetTaskManager(Ptr<IkeSa> sa) const;

    /**
     * Wireshark's "ikev1_decryption_table" UAT (Protocols > ISAKMP > IKEv1
     * Decryption Table, Wireshark 4.0): one line per ISAKMP SA this side
     * set up, "initiator cookie,encryption key", each as bare hex (the UAT
     * file form of byte fields; quoted, they would be read as text).
     */
    std::string GetWiresharkDecryptionTable() const;

    // ---- for the task manager and the tasks
    /// Install a child SA pair (SAD/SPD when the daemon has them, through an IkeChildSaInstaller)
    /// and record it.
    void InstallChild(Ptr<IkeSa> sa,
                      const IkeChildSa& child,
                      const IkeChildConfig& config,
                      const Bytes& inboundKeymat,
                      const Bytes& outboundKeymat,
                      Ipv4Address originalLocal,
                      Ipv4Address originalRemote);
    /**
     * Remove the SAs of the child whose inbound (\p inbound) or outbound SPI
     * is \p spi, and the SPD entries this handler added for its selector
     * once no SA refers to them any more.
     */
    void RemoveChild(Ptr<IkeSa> sa, uint32_t spi, bool inbound);
    /// The ISAKMP SA \p sa is gone: forget it (moving its children to \p successor, if any).
    void Forget(Ptr<IkeSa> sa, Ptr<IkeSa> successor = nullptr);
    /// Phase 1 of \p sa is up: log its key.
    void RecordKeys(Ptr<IkeSa> sa, const Bytes& encryptionKey);
    /// The phase-1 rekey \p fresh replaced \p old: hand over and delete the old one.
    void CompletePhase1Rekey(Ptr<IkeSa> old, Ptr<IkeSa> fresh);

    /// A Quick Mode failed (the ISAKMP SA stays): count and trace it.
    void NotifyChildFailure(Ptr<IkeSa> sa, const std::string& reason);
    /// Quick Modes that failed with \p reason, on either side.
    uint64_t GetChildFailureCount(const std::string& reason) const;

  protected:
    void DoDispose() override;

  private:
    std::map<Ptr<IkeSa>, Ptr<Ikev1TaskManager>> m_managers;
    std::vector<std::pair<uint64_t, Bytes>> m_keyLog;
    std::map<std::string, uint64_t> m_childFailures;
    /// SPD entries this handler added (not those it found, e.g. trap policies).
    std::set<uint32_t> m_ownPolicies;
    TracedCallback<Ptr<const IkeSa>, const std::string&> m_childFailureTrace;
};

} // namespace ns3

#endif /* NATT_IKEV1_HANDLER_H */
