/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-message-protection.h"

#include "ns3/aes-cbc.h"
#include "ns3/ike-daemon.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-encrypted-payload.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2MessageProtection");

Ikev2MessageProtection::Ikev2MessageProtection(Ptr<IkeSa> sa, RandomBytes random)
    : m_sa(sa),
      m_random(std::move(random))
{
}

Ptr<Packet>
Ikev2MessageProtection::ToPacket(const IkeMessage& message)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(message);
    return p;
}

Bytes
Ikev2MessageProtection::ToBytes(Ptr<const Packet> packet)
{
    Bytes out(packet->GetSize());
    packet->CopyData(out.data(), out.size());
    return out;
}

Ptr<Packet>
Ikev2MessageProtection::Encrypt(const IkeMessage& header,
                                const Ikev2Keys& keys,
                                IkePayloadType firstInner,
                                const Bytes& inner,
                                uint16_t fragment,
                                uint16_t total) const
{
    bool initiator = m_sa->IsInitiator();
    // RFC 7296 3.14: pad to the block size; the last byte says how much.
    std::size_t block = AesCbc::BlockSize;
    std::size_t padLength = (block - (inner.size() + 1) % block) % block;
    Bytes plaintext = inner;
    plaintext.insert(plaintext.end(), padLength, 0);
    plaintext.push_back(static_cast<uint8_t>(padLength));
    Bytes iv = m_random(block);
    auto cipher = AesCbc::Create(initiator ? keys.GetSkEi() : keys.GetSkEr());
    Bytes ciphertext = cipher->Encrypt(iv, plaintext).GetValue();
    std::size_t icvSize = keys.GetIcvSize();

    IkeMessage m = header;
    std::unique_ptr<Ikev2EncryptedPayload> sk;
    if (fragment != 0)
    {
        auto skf = std::make_unique<Ikev2EncryptedFragmentPayload>();
        skf->SetFragmentNumber(fragment);
        skf->SetTotalFragments(total);
        sk = std::move(skf);
    }
    else
    {
        sk = std::make_unique<Ikev2EncryptedPayload>();
    }
    // The SK / SKF next-payload field names the first payload inside
    // (RFC 7296 3.14; RFC 7383 2.5: zero in all but the first fragment).
    sk->SetNextPayload(firstInner);
    sk->SetData(iv, ciphertext, Bytes(icvSize, 0));
    m.AddPayload(std::move(sk));
    Bytes wire = ToBytes(ToPacket(m));
    // The ICV covers the whole message up to the ICV itself.
    auto integrity = Integrity::Create(keys.GetIntegrityAlgorithm(),
                                       initiator ? keys.GetSkAi() : keys.GetSkAr());
    Bytes icv = integrity->ComputeIcv(wire.data(), wire.size() - icvSize);
    static_cast<Ikev2EncryptedPayload*>(m.GetPayload(0))->SetIcv(icv);
    return ToPacket(m);
}

std::vector<Ptr<Packet>>
Ikev2MessageProtection::Protect(const IkeMessage& plain, const Ikev2Keys& keys) const
{
    Bytes inner = IkeMessage::SerializePayloads(plain.GetPayloads());
    IkePayloadType firstInner =
        plain.GetPayloads().empty() ? IKE_PAYLOAD_NONE : plain.GetHeader().GetNextPayload();
    IkeMessage header;
    header.GetHeader() = plain.GetHeader();
    std::size_t icvSize = keys.GetIcvSize();
    std::size_t block = AesCbc::BlockSize;
    std::size_t whole = IsakmpHeader::kSize + IkePayload::kGenericHeaderSize + block +
                        (inner.size() / block + 1) * block + icvSize;
    uint32_t limit = m_sa->GetConfig().fragmentSize;
    if (whole <= limit || !m_sa->Has(IkeSa::COND_FRAGMENTATION) || !m_sa->GetConfig().fragmentation)
    {
        return {Encrypt(header, keys, firstInner, inner, 0, 0)};
    }
    // RFC 7383 2.5: each fragment is a message of its own, encrypted and
    // integrity-protected separately, no bigger than the limit.
    std::size_t overhead = IsakmpHeader::kSize + IkePayload::kGenericHeaderSize +
                           Ikev2EncryptedFragmentPayload::kFixedSize + block + icvSize;
    std::size_t room = limit > overhead + block ? (limit - overhead) / block * block - 1 : 15;
    uint16_t total = static_cast<uint16_t>((inner.size() + room - 1) / room);
    std::vector<Ptr<Packet>> packets;
    for (uint16_t k = 0; k < total; ++k)
    {
        std::size_t start = k * room;
        std::size_t end = std::min(inner.size(), start + room);
        Bytes chunk(inner.begin() + start, inner.begin() + end);
        packets.push_back(
            Encrypt(header, keys, k == 0 ? firstInner : IKE_PAYLOAD_NONE, chunk, k + 1, total));
    }
    NS_LOG_INFO("message of " << whole << " bytes sent in " << total << " fragments");
    return packets;
}

bool
Ikev2MessageProtection::Unprotect(const IkeMessage& wire,
                                  const Ikev2Keys* keys,
                                  IkeMessage& plain,
                                  bool& complete,
                                  std::string& reason)
{
    complete = false;
    if (!keys)
    {
        reason = IkeDaemon::NO_KEYS_DROP;
        return false;
    }
    const auto* sk = wire.Find<Ikev2EncryptedPayload>(IKEV2_PAYLOAD_SK);
    const auto* skf = wire.Find<Ikev2EncryptedFragmentPayload>(IKEV2_PAYLOAD_SKF);
    if (skf)
    {
        sk = skf;
    }
    if (!sk || wire.GetPayloads().size() != 1)
    {
        reason = IkeDaemon::NOT_ENCRYPTED_DROP;
        return false;
    }
    bool fromInitiator = !m_sa->IsInitiator();
    std::size_t block = AesCbc::BlockSize;
    std::size_t icvSize = keys->GetIcvSize();
    if (!sk->IsLongEnough(block, icvSize))
    {
        reason = IkeDaemon::MALFORMED_DROP;
        return false;
    }
    Bytes raw = ToBytes(ToPacket(wire));
    auto integrity = Integrity::Create(keys->GetIntegrityAlgorithm(),
                                       fromInitiator ? keys->GetSkAi() : keys->GetSkAr());
    Bytes covered(raw.begin(), raw.end() - icvSize);
    if (!integrity->VerifyIcv(covered, sk->GetIcv(icvSize)))
    {
        reason = IkeDaemon::ICV_MISMATCH_DROP;
        return false;
    }
    Bytes ciphertext = sk->GetCiphertext(block, icvSize);
    if (ciphertext.empty() || ciphertext.size() % block != 0)
    {
        reason = IkeDaemon::MALFORMED_DROP;
        return false;
    }
    auto cipher = AesCbc::Create(fromInitiator ? keys->GetSkEi() : keys->GetSkEr());
    auto decrypted = cipher->Decrypt(sk->GetIv(block), ciphertext);
    if (!decrypted)
    {
        reason = IkeDaemon::DECRYPT_FAILED_DROP;
        return false;
    }
    Bytes pt = decrypted.GetValue();
    std::size_t padLength = pt.empty() ? 0 : pt[pt.size() - 1];
    if (pt.empty() || padLength + 1 > pt.size())
    {
        reason = IkeDaemon::BAD_PADDING_DROP;
        return false;
    }
    pt.resize(pt.size() - padLength - 1);
    IkePayloadType firstType = sk->GetNextPayload();

    if (skf)
    {
        // RFC 7383 2.6: collect the fragments of one message, then parse
        // the reassembled plaintext as if it came in one SK payload.
        uint32_t id = wire.GetHeader().GetMessageId();
        if (id != m_fragmentId || m_fragments.empty())
        {
            m_fragments.clear();
            m_fragmentId = id;
        }
        m_fragmentTotal = skf->GetTotalFragments();
        if (skf->GetFragmentNumber() == 1)
        {
            m_fragmentFirstType = firstType;
        }
        m_fragments[skf->GetFragmentNumber()] = pt;
        if (m_fragments.size() < m_fragmentTotal)
        {
            return true;
        }
        pt.clear();
        for (const auto& f : m_fragments)
        {
            pt.insert(pt.end(), f.second.begin(), f.second.end());
        }
        firstType = m_fragmentFirstType;
        m_fragments.clear();
    }

    Buffer buffer;
    buffer.AddAtStart(pt.size());
    buffer.Begin().Write(pt.data(), pt.size());
    WireReader r(buffer.Begin(), pt.size());
    std::vector<std::unique_ptr<IkePayload>> payloads;
    uint8_t failedType = 0;
    if (IkeMessage::ParsePayloadChain(2, firstType, r, payloads, failedType) !=
        IkeMessage::PARSE_OK)
    {
        reason = IkeDaemon::MALFORMED_INNER_DROP;
        return false;
    }
    plain = IkeMessage();
    plain.GetHeader() = wire.GetHeader();
    for (auto& payload : payloads)
    {
        plain.AddPayload(std::move(payload));
    }
    complete = true;
    return true;
}

} // namespace ns3
