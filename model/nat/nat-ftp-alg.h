/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_FTP_ALG_H
#define NATT_NAT_FTP_ALG_H

#include "nat-alg.h"

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief The FTP ALG (RFC 3022 4.2): an outbound "PORT a,b,c,d,p,q"
 * command on a control connection to Port (RFC 959 4.1.2) is rewritten to
 * the outside address and the external port of a mapping opened for the
 * data connection; the TCP sequence numbers of the connection are shifted
 * by the change in length from then on, and the peer's acknowledgements
 * back (FtpAlg=true).
 *
 * It sees clear TCP only: inside ESP the command is out of its reach
 * (RFC 3715 2.1 g).
 */
class NatFtpAlg : public NatAlg
{
  public:
    static TypeId GetTypeId();
    NatFtpAlg();

    void SetPort(uint16_t port);
    uint16_t GetPort() const;

    void Outbound(NatAlgContext& engine,
                  NatMappingHandle connection,
                  Ptr<Packet> segment,
                  Ipv4Header& header,
                  uint8_t* tcp,
                  bool firstFragment) override;
    void Inbound(NatMappingHandle connection, uint8_t* tcp) override;
    void Forget(const std::function<bool(NatMappingHandle)>& live) override;

  private:
    /// One connection's sequence shift, from the end of its latest rewritten command on.
    struct Shift
    {
        uint32_t generation{0}; ///< of the connection's mapping
        uint32_t from{0};
        int32_t delta{0};
    };

    /// Rewrites a PORT command in \p segment, if it holds one.
    void RewritePortCommand(NatAlgContext& engine,
                            NatMappingHandle connection,
                            Ptr<Packet> segment,
                            Ipv4Header& header,
                            uint8_t* tcp);
    /// The connection's shift, or nullptr (none, or one of a mapping that has gone).
    Shift* Find(NatMappingHandle connection);

    uint16_t m_port;
    std::unordered_map<uint32_t, Shift> m_shifts; ///< by the connection's mapping index
};

} // namespace ns3

#endif /* NATT_NAT_FTP_ALG_H */
