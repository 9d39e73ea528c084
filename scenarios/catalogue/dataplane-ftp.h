/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// An FTP-like pair of applications for RFC 3715 2.1 g: the client tells the
// server, in text on a TCP control connection, where to open the data
// connection ("PORT a,b,c,d,p,q", RFC 959 4.1.2); the server opens it to
// whatever address it read.
#ifndef NATT_DATAPLANE_FTP_H
#define NATT_DATAPLANE_FTP_H

#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/socket.h"

#include <map>
#include <string>

namespace natt
{

/**
 * The client: listens on DataPort, connects to Remote:ControlPort and sends
 * one PORT command naming the address its control connection uses (what
 * getsockname returns, as a real FTP client does) and DataPort. Counts the
 * bytes that arrive on data connections.
 *
 * A host-side ALG (RFC 3715 2.1 g) may be given: it sees the address about
 * to be written and returns the one to write instead, before the command
 * enters the socket and so before IPsec protects it.
 */
class FtpLikeClient : public ns3::Application
{
  public:
    /// (address the host would write, control connection's peer) -> address to write
    typedef ns3::Callback<ns3::Ipv4Address, ns3::Ipv4Address, ns3::Ipv4Address> AlgCallback;

    static ns3::TypeId GetTypeId();
    FtpLikeClient();
    ~FtpLikeClient() override;

    void SetHostAlg(AlgCallback alg);

    /// The address the PORT command carried (0.0.0.0 before it was sent).
    ns3::Ipv4Address GetAdvertisedAddress() const;
    uint64_t GetDataBytes() const;
    uint32_t GetDataConnections() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void ControlConnected(ns3::Ptr<ns3::Socket> socket);
    void ControlFailed(ns3::Ptr<ns3::Socket> socket);
    void DataAccepted(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
    void DataRead(ns3::Ptr<ns3::Socket> socket);

    ns3::Ipv4Address m_remote;
    uint16_t m_controlPort;
    uint16_t m_dataPort;
    AlgCallback m_alg;
    ns3::Ptr<ns3::Socket> m_control;
    ns3::Ptr<ns3::Socket> m_listener;
    ns3::Ipv4Address m_advertised{ns3::Ipv4Address::GetAny()};
    uint64_t m_dataBytes{0};
    uint32_t m_dataConnections{0};
};

/**
 * The server: accepts control connections on Port, reads lines, and for
 * each "PORT a,b,c,d,p,q" opens a TCP connection to a.b.c.d:(p*256+q) and
 * sends DataSize bytes on it.
 */
class FtpLikeServer : public ns3::Application
{
  public:
    static ns3::TypeId GetTypeId();
    FtpLikeServer();
    ~FtpLikeServer() override;

    uint32_t GetPortCommands() const;
    /// The address and port the last PORT command named.
    ns3::Ipv4Address GetEmbeddedAddress() const;
    uint16_t GetEmbeddedPort() const;
    /// The address the control connection came from, as this server sees it.
    ns3::Ipv4Address GetControlPeer() const;
    /// Data connections that were established / that failed.
    uint32_t GetDataConnected() const;
    uint32_t GetDataFailed() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void ControlAccepted(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
    void ControlRead(ns3::Ptr<ns3::Socket> socket);
    void HandleLine(ns3::Ptr<ns3::Socket> control, const std::string& line);
    void DataConnected(ns3::Ptr<ns3::Socket> socket);
    void DataFailed(ns3::Ptr<ns3::Socket> socket);
    void SendData(ns3::Ptr<ns3::Socket> socket, uint32_t available);

    uint16_t m_port;
    uint32_t m_dataSize;
    ns3::Ptr<ns3::Socket> m_listener;
    std::map<ns3::Ptr<ns3::Socket>, std::string> m_lines;
    std::map<ns3::Ptr<ns3::Socket>, uint32_t> m_toSend;
    uint32_t m_portCommands{0};
    ns3::Ipv4Address m_embedded{ns3::Ipv4Address::GetAny()};
    uint16_t m_embeddedPort{0};
    ns3::Ipv4Address m_controlPeer{ns3::Ipv4Address::GetAny()};
    uint32_t m_dataConnected{0};
    uint32_t m_dataFailed{0};
};

} // namespace natt

#endif /* NATT_DATAPLANE_FTP_H */
