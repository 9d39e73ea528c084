/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dataplane-ftp.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace natt
{

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("NattFtpLike");
NS_OBJECT_ENSURE_REGISTERED(FtpLikeClient);
NS_OBJECT_ENSURE_REGISTERED(FtpLikeServer);

TypeId
FtpLikeClient::GetTypeId()
{
    static TypeId tid = TypeId("natt::FtpLikeClient")
                            .SetParent<Application>()
                            .SetGroupName("Natt")
                            .AddConstructor<FtpLikeClient>()
                            .AddAttribute("Remote",
                                          "The server's address",
                                          Ipv4AddressValue(),
                                          MakeIpv4AddressAccessor(&FtpLikeClient::m_remote),
                                          MakeIpv4AddressChecker())
                            .AddAttribute("ControlPort",
                                          "The server's control port",
                                          UintegerValue(21),
                                          MakeUintegerAccessor(&FtpLikeClient::m_controlPort),
                                          MakeUintegerChecker<uint16_t>())
                            .AddAttribute("DataPort",
                                          "The port the client listens on for data",
                                          UintegerValue(20000),
                                          MakeUintegerAccessor(&FtpLikeClient::m_dataPort),
                                          MakeUintegerChecker<uint16_t>());
    return tid;
}

FtpLikeClient::FtpLikeClient() = default;
FtpLikeClient::~FtpLikeClient() = default;

void
FtpLikeClient::SetHostAlg(AlgCallback alg)
{
    m_alg = alg;
}

Ipv4Address
FtpLikeClient::GetAdvertisedAddress() const
{
    return m_advertised;
}

uint64_t
FtpLikeClient::GetDataBytes() const
{
    return m_dataBytes;
}

uint32_t
FtpLikeClient::GetDataConnections() const
{
    return m_dataConnections;
}

void
FtpLikeClient::DoDispose()
{
    m_control = nullptr;
    m_listener = nullptr;
    m_alg = AlgCallback();
    Application::DoDispose();
}

void
FtpLikeClient::StartApplication()
{
    m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_dataPort));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&FtpLikeClient::DataAccepted, this));

    m_control = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_control->Bind();
    m_control->SetConnectCallback(MakeCallback(&FtpLikeClient::ControlConnected, this),
                                  MakeCallback(&FtpLikeClient::ControlFailed, this));
    m_control->Connect(InetSocketAddress(m_remote, m_controlPort));
}

void
FtpLikeClient::StopApplication()
{
    if (m_control)
    {
        m_control->Close();
    }
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
FtpLikeClient::ControlConnected(Ptr<Socket> socket)
{
    // The address the control connection leaves from, as getsockname()
    // reports it: a private one behind a NAT.
    Address local;
    socket->GetSockName(local);
    Ipv4Address address = InetSocketAddress::ConvertFrom(local).GetIpv4();
    if (!m_alg.IsNull())
    {
        address = m_alg(address, m_remote);
    }
    m_advertised = address;
    uint32_t a = address.Get();
    std::ostringstream command;
    command << "PORT " << (a >> 24) << "," << ((a >> 16) & 0xff) << "," << ((a >> 8) & 0xff) << ","
            << (a & 0xff) << "," << (m_dataPort >> 8) << "," << (m_dataPort & 0xff) << "\r\n";
    std::string text = command.str();
    NS_LOG_INFO("client sends " << text.substr(0, text.size() - 2));
    socket->Send(Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()),
                                static_cast<uint32_t>(text.size())));
}

void
FtpLikeClient::ControlFailed(Ptr<Socket>)
{
    NS_LOG_INFO("client: control connection failed");
}

void
FtpLikeClient::DataAccepted(Ptr<Socket> socket, const Address&)
{
    ++m_dataConnections;
    socket->SetRecvCallback(MakeCallback(&FtpLikeClient::DataRead, this));
}

void
FtpLikeClient::DataRead(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        if (packet->GetSize() == 0)
        {
            break;
        }
        m_dataBytes += packet->GetSize();
    }
}

TypeId
FtpLikeServer::GetTypeId()
{
    static TypeId tid = TypeId("natt::FtpLikeServer")
                            .SetParent<Application>()
                            .SetGroupName("Natt")
                            .AddConstructor<FtpLikeServer>()
                            .AddAttribute("Port",
                                          "The control port",
                                          UintegerValue(21),
                                          MakeUintegerAccessor(&FtpLikeServer::m_port),
                                          MakeUintegerChecker<uint16_t>())
                            .AddAttribute("DataSize",
                                          "Bytes sent on each data connection",
                                          UintegerValue(10000),
                                          MakeUintegerAccessor(&FtpLikeServer::m_dataSize),
                                          MakeUintegerChecker<uint32_t>());
    return tid;
}

FtpLikeServer::FtpLikeServer() = default;
FtpLikeServer::~FtpLikeServer() = default;

uint32_t
FtpLikeServer::GetPortCommands() const
{
    return m_portCommands;
}

Ipv4Address
FtpLikeServer::GetEmbeddedAddress() const
{
    return m_embedded;
}

uint16_t
FtpLikeServer::GetEmbeddedPort() const
{
    return m_embeddedPort;
}

Ipv4Address
FtpLikeServer::GetControlPeer() const
{
    return m_controlPeer;
}

uint32_t
FtpLikeServer::GetDataConnected() const
{
    return m_dataConnected;
}

uint32_t
FtpLikeServer::GetDataFailed() const
{
    return m_dataFailed;
}

void
FtpLikeServer::DoDispose()
{
    m_listener = nullptr;
    m_lines.clear();
    m_toSend.clear();
    Application::DoDispose();
}

void
FtpLikeServer::StartApplication()
{
    m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&FtpLikeServer::ControlAccepted, this));
}

void
FtpLikeServer::StopApplication()
{
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
FtpLikeServer::ControlAccepted(Ptr<Socket> socket, const Address& from)
{
    m_controlPeer = InetSocketAddress::ConvertFrom(from).GetIpv4();
    socket->SetRecvCallback(MakeCallback(&FtpLikeServer::ControlRead, this));
}

void
FtpLikeServer::ControlRead(Ptr<Socket> socket)
{
    std::string& buffer = m_lines[socket];
    while (Ptr<Packet> packet = socket->Recv())
    {
        if (packet->GetSize() == 0)
        {
            break;
        }
        std::string text(packet->GetSize(), '\0');
        packet->CopyData(reinterpret_cast<uint8_t*>(text.data()), packet->GetSize());
        buffer += text;
    }
    for (auto end = buffer.find("\r\n"); end != std::string::npos; end = buffer.find("\r\n"))
    {
        std::string line = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        HandleLine(socket, line);
    }
}

void
FtpLikeServer::HandleLine(Ptr<Socket>, const std::string& line)
{
    // RFC 959 4.1.2: PORT h1,h2,h3,h4,p1,p2, decimal bytes of the host
    // address and port, most significant first.
    unsigned v[6];
    char tail;
    if (line.compare(0, 5, "PORT ") != 0 || std::sscanf(line.c_str() + 5,
                                                        "%u,%u,%u,%u,%u,%u%c",
                                                        &v[0],
                                                        &v[1],
                                                        &v[2],
                                                        &v[3],
                                                        &v[4],
                                                        &v[5],
                                                        &tail) != 6)
    {
        NS_LOG_INFO("server ignores \"" << line << "\"");
        return;
    }
    for (unsigned value : v)
    {
        if (value > 255)
        {
            return;
        }
    }
    ++m_portCommands;
    m_embedded = Ipv4Address((v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3]);
    m_embeddedPort = static_cast<uint16_t>((v[4] << 8) | v[5]);
    NS_LOG_INFO("server read PORT " << m_embedded << ":" << m_embeddedPort << " from a control "
                                    << "connection seen from " << m_controlPeer);
    Ptr<Socket> data = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    data->Bind();
    data->SetConnectCallback(MakeCallback(&FtpLikeServer::DataConnected, this),
                             MakeCallback(&FtpLikeServer::DataFailed, this));
    data->Connect(InetSocketAddress(m_embedded, m_embeddedPort));
}

void
FtpLikeServer::DataConnected(Ptr<Socket> socket)
{
    ++m_dataConnected;
    m_toSend[socket] = m_dataSize;
    socket->SetSendCallback(MakeCallback(&FtpLikeServer::SendData, this));
    SendData(socket, socket->GetTxAvailable());
}

void
FtpLikeServer::DataFailed(Ptr<Socket>)
{
    ++m_dataFailed;
}

void
FtpLikeServer::SendData(Ptr<Socket> socket, uint32_t)
{
    auto it = m_toSend.find(socket);
    if (it == m_toSend.end())
    {
        return;
    }
    while (it->second > 0 && socket->GetTxAvailable() > 0)
    {
        uint32_t chunk = std::min({it->second, socket->GetTxAvailable(), 1024u});
        int sent = socket->Send(Create<Packet>(chunk));
        if (sent <= 0)
        {
            return;
        }
        it->second -= static_cast<uint32_t>(sent);
    }
    if (it->second == 0)
    {
        socket->Close();
        m_toSend.erase(it);
    }
}

} // namespace natt
