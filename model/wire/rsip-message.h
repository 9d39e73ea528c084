/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RSIP_MESSAGE_H
#define NATT_RSIP_MESSAGE_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt
 * \brief An RSIP message (RFC 3103 3): version 1, message type, overall
 * length, then type-length-value parameters (RFC 3103 3.3), with the
 * RSIPsec message types and SPI parameter of RFC 3104 5.
 *
 *     0               1               2               3
 *     | version (1)   | message type  |        overall length         |
 *     | param code    |  param length (2 bytes)       | value ...
 *
 * One class for the whole family: every message is the same header and a
 * list of parameters, and each message type's required parameters are the
 * RSIP client's and gateway's to check. Typed Add and Get methods write
 * and read each parameter's value format.
 */
class RsipMessage : public Header
{
  public:
    /// RFC 3103 3.1 / RFC 3104 5.1.
    static constexpr uint8_t VERSION = 1;

    /// RFC 3103 3.2 (and RFC 3104 5.1 for the RSIPsec messages).
    enum Type : uint8_t
    {
        ERROR_RESPONSE = 1,
        REGISTER_REQUEST = 2,
        REGISTER_RESPONSE = 3,
        DE_REGISTER_REQUEST = 4,
        DE_REGISTER_RESPONSE = 5,
        ASSIGN_REQUEST_RSAP_IP = 8,
        ASSIGN_RESPONSE_RSAP_IP = 9,
        EXTEND_REQUEST = 10,
        EXTEND_RESPONSE = 11,
        ASSIGN_REQUEST_RSIPSEC = 22,
        ASSIGN_RESPONSE_RSIPSEC = 23,
    };

    /// Parameter codes (RFC 3103 3.3, RFC 3104 5.2).
    enum Code : uint8_t
    {
        ADDRESS = 1,
        PORTS = 2,
        LEASE_TIME = 3,
        CLIENT_ID = 4,
        BIND_ID = 5,
        TUNNEL_TYPE = 6,
        RSIP_METHOD = 7,
        ERROR = 8,
        FLOW_POLICY = 9,
        MESSAGE_COUNTER = 11,
        SPI = 22,
    };

    /// Address types (RFC 3103 3.3.1).
    static constexpr uint8_t ADDRESS_IPV4 = 1;
    /// Tunnel types (RFC 3103 3.3.6).
    static constexpr uint8_t TUNNEL_IP_IP = 1;
    /// RSIP methods (RFC 3103 3.3.7).
    static constexpr uint8_t METHOD_RSA_IP = 1;
    static constexpr uint8_t METHOD_RSAP_IP = 2;
    /// Flow policies (RFC 3103 3.3.9).
    static constexpr uint8_t FLOW_MACRO = 1;
    static constexpr uint8_t FLOW_NONE = 3;

    /// Error values (RFC 3103 Appendix A, RFC 3104 Appendix B) natt uses.
    enum Error : uint16_t
    {
        REGISTER_FIRST = 301,
        ALREADY_REGISTERED = 302,
        BAD_CLIENT_ID = 305,
        BAD_BIND_ID = 306,
        LOCAL_ADDRPORT_UNAVAILABLE = 309,
        IPSEC_SPI_UNAVAILABLE = 401,
    };

    /// RSIP's well-known port, TCP and UDP (RFC 3103 2.1).
    static constexpr uint16_t PORT = 4555;

    struct Parameter
    {
        uint8_t code;
        std::vector<uint8_t> value;
    };

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    RsipMessage();
    explicit RsipMessage(Type type);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// Reads the header and the parameters its overall length covers;
    /// IsValid() is false when the version, a length or a parameter is wrong.
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    bool IsValid() const;
    Type GetType() const;
    void SetType(Type type);
    const std::vector<Parameter>& GetParameters() const;

    void AddAddress(Ipv4Address address);
    /// \p count consecutive ports from \p first (RFC 3103 3.3.2: one port field, a range).
    void AddPorts(uint16_t first, uint8_t count);
    void AddLeaseTime(uint32_t seconds);
    void AddClientId(uint32_t id);
    void AddBindId(uint32_t id);
    void AddTunnelType(uint8_t type);
    void AddMethod(uint8_t method);
    void AddError(uint16_t error);
    void AddFlowPolicy(uint8_t local, uint8_t remote);
    void AddMessageCounter(uint32_t counter);
    /// RFC 3104 5.2: the number of SPIs, then each SPI.
    void AddSpis(const std::vector<uint32_t>& spis);

    /// The \p index-th parameter with \p code, if any.
    const Parameter* Find(Code code, uint32_t index = 0) const;
    std::optional<Ipv4Address> GetAddress(uint32_t index = 0) const;
    /// (first port, count) of the \p index-th Ports parameter.
    std::optional<std::pair<uint16_t, uint8_t>> GetPorts(uint32_t index = 0) const;
    /// The 4-byte value of a LEASE_TIME, CLIENT_ID, BIND_ID or MESSAGE_COUNTER parameter.
    std::optional<uint32_t> GetUint32(Code code) const;
    /// The 1-byte value of a TUNNEL_TYPE or RSIP_METHOD parameter.
    std::optional<uint8_t> GetUint8(Code code) const;
    std::optional<uint16_t> GetError() const;
    std::vector<uint32_t> GetSpis() const;

  private:
    void Add(Code code, std::vector<uint8_t> value);
    void AddUint32(Code code, uint32_t value);

    Type m_type;
    std::vector<Parameter> m_parameters;
    bool m_valid;
};

} // namespace ns3

#endif /* NATT_RSIP_MESSAGE_H */
