/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-keys.h"

#include "ns3/aes-cbc.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1Keys");

namespace
{
Bytes
U32(uint32_t v)
{
    return {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)};
}
} // namespace

Ikev1Keys::Ikev1Keys(uint16_t prf, uint16_t encryptionKeyBits)
    : m_prf(prf == 2 ? PrfAlgorithm::HmacSha1 : PrfAlgorithm::HmacSha256),
      m_keyBytes(encryptionKeyBits / 8)
{
}

uint16_t
Ikev1Keys::HashAttributeFor(uint16_t prf)
{
    // IKEv1 negotiates a hash, and its HMAC is the PRF (RFC 2409 4).
    return prf == 2 ? 2 : 4;
}

uint16_t
Ikev1Keys::PrfForHashAttribute(uint16_t hash)
{
    switch (hash)
    {
    case 2:
        return 2;
    case 4:
        return 5;
    default:
        return 0;
    }
}

const Prf&
Ikev1Keys::GetPrf() const
{
    return m_prf;
}

HashAlgorithm
Ikev1Keys::GetHash() const
{
    return m_prf.GetHashAlgorithm();
}

void
Ikev1Keys::DeriveSkeyidPsk(const Bytes& psk, const Bytes& ni, const Bytes& nr)
{
    m_skeyid = m_prf.Compute(psk, Concat(ni, nr));
}

void
Ikev1Keys::DeriveSkeyidSig(const Bytes& ni, const Bytes& nr, const Bytes& gxy)
{
    m_skeyid = m_prf.Compute(Concat(ni, nr), gxy);
}

void
Ikev1Keys::DeriveKeys(const Bytes& gxy,
                      const Bytes& ckyI,
                      const Bytes& ckyR,
                      const Bytes& gxi,
                      const Bytes& gxr)
{
    m_skeyidD = m_prf.Compute(m_skeyid, Concat(gxy, ckyI, ckyR, Bytes{0}));
    m_skeyidA = m_prf.Compute(m_skeyid, Concat(m_skeyidD, gxy, ckyI, ckyR, Bytes{1}));
    m_skeyidE = m_prf.Compute(m_skeyid, Concat(m_skeyidA, gxy, ckyI, ckyR, Bytes{2}));
    m_encryptionKey = m_prf.ExpandIkev1Key(m_skeyidE, m_keyBytes);
    // Appendix B: the first phase-1 IV is the hash of both public values.
    Bytes iv = Hash(Concat(gxi, gxr));
    m_phase1Iv.assign(iv.begin(), iv.begin() + AesCbc::BlockSize);
    m_phase1Ended = false;
    m_ivs.clear();
}

const Bytes&
Ikev1Keys::GetSkeyid() const
{
    return m_skeyid;
}

const Bytes&
Ikev1Keys::GetSkeyidD() const
{
    return m_skeyidD;
}

const Bytes&
Ikev1Keys::GetSkeyidA() const
{
    return m_skeyidA;
}

const Bytes&
Ikev1Keys::GetSkeyidE() const
{
    return m_skeyidE;
}

const Bytes&
Ikev1Keys::GetEncryptionKey() const
{
    return m_encryptionKey;
}

bool
Ikev1Keys::IsReady() const
{
    return !m_encryptionKey.empty();
}

Bytes
Ikev1Keys::ComputeAuthHash(bool ofInitiator,
                           const Bytes& gxi,
                           const Bytes& gxr,
                           const Bytes& ckyI,
                           const Bytes& ckyR,
                           const Bytes& saiB,
                           const Bytes& idB) const
{
    if (ofInitiator)
    {
        return m_prf.Compute(m_skeyid, Concat(gxi, gxr, ckyI, ckyR, saiB, idB));
    }
    return m_prf.Compute(m_skeyid, Concat(gxr, gxi, ckyR, ckyI, saiB, idB));
}

Bytes
Ikev1Keys::PrfA(const Bytes& data) const
{
    return m_prf.Compute(m_skeyidA, data);
}

Bytes
Ikev1Keys::ComputeKeymat(const Bytes& gqmxy,
                         uint8_t protocol,
                         uint32_t spi,
                         const Bytes& ni,
                         const Bytes& nr,
                         std::size_t size) const
{
    Bytes seed = Concat(gqmxy, Bytes{protocol}, U32(spi), ni, nr);
    Bytes keymat;
    Bytes k;
    while (keymat.size() < size)
    {
        k = m_prf.Compute(m_skeyidD, Concat(k, seed));
        keymat.insert(keymat.end(), k.begin(), k.end());
    }
    keymat.resize(size);
    return keymat;
}

Bytes
Ikev1Keys::GetIv(uint32_t messageId)
{
    if (messageId == 0)
    {
        return m_phase1Iv;
    }
    auto it = m_ivs.find(messageId);
    if (it != m_ivs.end())
    {
        return it->second;
    }
    // Appendix B: a new exchange starts from hash(last phase-1 block | M-ID).
    Bytes iv = Hash(Concat(m_phase1Iv, U32(messageId)));
    iv.resize(AesCbc::BlockSize);
    m_ivs[messageId] = iv;
    return iv;
}

Bytes
Ikev1Keys::Encrypt(uint32_t messageId, const Bytes& paddedPlaintext)
{
    auto cipher = AesCbc::Create(m_encryptionKey);
    NS_ABORT_MSG_UNLESS(cipher, "bad IKEv1 encryption key");
    auto out = cipher->Encrypt(GetIv(messageId), paddedPlaintext);
    NS_ABORT_MSG_UNLESS(out, "IKEv1 plaintext not padded");
    Bytes next(out->end() - AesCbc::BlockSize, out->end());
    (messageId == 0 && !m_phase1Ended ? m_phase1Iv : m_ivs[messageId]) = next;
    return *out;
}

Bytes
Ikev1Keys::Decrypt(uint32_t messageId, const Bytes& ciphertext)
{
    if (ciphertext.empty() || ciphertext.size() % AesCbc::BlockSize != 0)
    {
        return {};
    }
    auto cipher = AesCbc::Create(m_encryptionKey);
    NS_ABORT_MSG_UNLESS(cipher, "bad IKEv1 encryption key");
    auto out = cipher->Decrypt(GetIv(messageId), ciphertext);
    if (!out)
    {
        return {};
    }
    Bytes next(ciphertext.end() - AesCbc::BlockSize, ciphertext.end());
    (messageId == 0 && !m_phase1Ended ? m_phase1Iv : m_ivs[messageId]) = next;
    return *out;
}

void
Ikev1Keys::EndPhase1()
{
    m_phase1Ended = true;
}

void
Ikev1Keys::ForgetIv(uint32_t messageId)
{
    m_ivs.erase(messageId);
}

Bytes
Ikev1Keys::Hash(const Bytes& data) const
{
    return MessageDigest::Digest(GetHash(), data);
}

} // namespace ns3
