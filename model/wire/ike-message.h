/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_MESSAGE_H
#define NATT_IKE_MESSAGE_H

#include "ike-payload.h"
#include "isakmp-header.h"

#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief A whole IKE message: the ISAKMP header and its chain of payloads.
 *
 * The header names the first payload and each payload names the next
 * (RFC 2408 3.2, RFC 7296 3.2); AddPayload keeps that chain linked, and the
 * header's length field is computed when the message is written. Two kinds
 * of body stay opaque at this layer because only the IKE model holds the
 * keys: an IKEv1 message with the encryption flag set carries everything
 * after the header encrypted (RFC 2408 3.1), and an IKEv2 SK or SKF payload
 * (RFC 7296 3.14, RFC 7383 2.5) is always the last one in the chain. The IKE
 * model parses the decrypted bytes with ParsePayloadChain.
 */
class IkeMessage : public Header
{
  public:
    /// Why Deserialize rejected its input.
    enum ParseError : uint8_t
    {
        PARSE_OK = 0,
        PARSE_TRUNCATED,         ///< fewer bytes than the header or a length field promises
        PARSE_BAD_LENGTH,        ///< a length field below its minimum, or bytes left over
        PARSE_BAD_VERSION,       ///< major version other than 1 or 2
        PARSE_MALFORMED_PAYLOAD, ///< a payload's body does not fit its format
        PARSE_UNSUPPORTED_CRITICAL_PAYLOAD, ///< RFC 7296 2.5
        PARSE_PAYLOAD_AFTER_SK,             ///< RFC 7296 3.14: SK must be the last payload
    };

    IkeMessage();
    IkeMessage(const IkeMessage& other);
    IkeMessage& operator=(const IkeMessage& other);
    IkeMessage(IkeMessage&&) = default;
    IkeMessage& operator=(IkeMessage&&) = default;
    ~IkeMessage() override = default;

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// \return the message length, or 0 when malformed (see GetParseError)
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    IsakmpHeader& GetHeader();
    const IsakmpHeader& GetHeader() const;

    /**
     * Append a payload and link it into the chain. The previous payload (or
     * the header) gets this payload's type as its next payload; the new
     * payload's own next-payload field is left as it is, which is what SK
     * needs (it names the first payload inside the encryption).
     */
    void AddPayload(std::unique_ptr<IkePayload> payload);
    const std::vector<std::unique_ptr<IkePayload>>& GetPayloads() const;
    /// Mutable access, e.g. to fill an SK payload's ICV once the message is laid out.
    IkePayload* GetPayload(std::size_t index);
    /// \return the \p nth payload of \p type, or nullptr
    const IkePayload* FindPayload(uint8_t type, std::size_t nth = 0) const;

    /// \return FindPayload cast to the payload class, or nullptr
    template <class T>
    const T* Find(uint8_t type, std::size_t nth = 0) const
    {
        return dynamic_cast<const T*>(FindPayload(type, nth));
    }

    /// IKEv1 encrypted body: everything after the header (RFC 2408 3.1, flag E).
    void SetEncryptedBody(const std::vector<uint8_t>& body);
    const std::vector<uint8_t>& GetEncryptedBody() const;

    ParseError GetParseError() const;
    /// The payload type being parsed when the error was found.
    uint8_t GetParseErrorPayloadType() const;
    static const char* ParseErrorToString(ParseError error);

    /**
     * Parse payloads starting with \p firstType until a payload names no
     * next one. Used for the message body and for decrypted SK / IKEv1
     * bodies. \p r must hold exactly the chain (any bytes left over are
     * PARSE_BAD_LENGTH) unless \p allowTrailing is set, which an IKEv1
     * decrypted body needs for its padding (RFC 2409 5.3).
     */
    static ParseError ParsePayloadChain(uint8_t majorVersion,
                                        uint8_t firstType,
                                        WireReader& r,
                                        std::vector<std::unique_ptr<IkePayload>>& out,
                                        uint8_t& failedType,
                                        bool allowTrailing = false);
    /**
     * Write payloads back to back (their next-payload fields as they are),
     * e.g. the plaintext of an SK payload.
     */
    static std::vector<uint8_t> SerializePayloads(
        const std::vector<std::unique_ptr<IkePayload>>& payloads);
    /// Link each payload's next-payload field to the type of the one after it.
    static void LinkPayloads(std::vector<std::unique_ptr<IkePayload>>& payloads);

  private:
    IsakmpHeader m_header;
    std::vector<std::unique_ptr<IkePayload>> m_payloads;
    std::vector<uint8_t> m_encryptedBody;
    ParseError m_parseError{PARSE_OK};
    uint8_t m_parseErrorPayloadType{IKE_PAYLOAD_NONE};
};

} // namespace ns3

#endif /* NATT_IKE_MESSAGE_H */
