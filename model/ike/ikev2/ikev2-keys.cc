/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev2-keys.h"

#include "ns3/abort.h"

namespace ns3
{

Bytes
Ikev2SpiBytes(uint64_t spi)
{
    Bytes out(8);
    for (int k = 7; k >= 0; --k)
    {
        out[k] = static_cast<uint8_t>(spi);
        spi >>= 8;
    }
    return out;
}

Ikev2Keys::Ikev2Keys(const IkeProposal& proposal)
    : m_proposal(proposal)
{
}

bool
Ikev2Keys::IsSupported(const IkeProposal& p)
{
    // ENCR_AES_CBC (12) with 128/192/256-bit keys, PRF_HMAC_SHA1 (2) or
    // PRF_HMAC_SHA2_256 (5), AUTH_HMAC_SHA1_96 (2) or AUTH_HMAC_SHA2_256_128 (12).
    return p.encryption == 12 &&
           (p.encryptionKeyBits == 128 || p.encryptionKeyBits == 192 ||
            p.encryptionKeyBits == 256) &&
           (p.prf == 2 || p.prf == 5) && (p.integrity == 2 || p.integrity == 12) &&
           (p.dhGroup == 14 || p.dhGroup == 31);
}

PrfAlgorithm
Ikev2Keys::GetPrfAlgorithm() const
{
    return m_proposal.prf == 2 ? PrfAlgorithm::HmacSha1 : PrfAlgorithm::HmacSha256;
}

IntegrityAlgorithm
Ikev2Keys::GetIntegrityAlgorithm() const
{
    return m_proposal.integrity == 2 ? IntegrityAlgorithm::HmacSha1_96
                                     : IntegrityAlgorithm::HmacSha256_128;
}

std::size_t
Ikev2Keys::GetEncryptionKeySize() const
{
    return m_proposal.encryptionKeyBits / 8;
}

std::size_t
Ikev2Keys::GetIcvSize() const
{
    return Integrity::GetIcvSize(GetIntegrityAlgorithm());
}

Bytes
Ikev2Keys::ComputePrf(const Bytes& key, const Bytes& data) const
{
    return Prf(GetPrfAlgorithm()).Compute(key, data);
}

void
Ikev2Keys::Derive(const Bytes& sharedSecret,
                  const Bytes& nonceI,
                  const Bytes& nonceR,
                  uint64_t spiI,
                  uint64_t spiR)
{
    m_skeyseed = ComputePrf(Concat(nonceI, nonceR), sharedSecret);
    Expand(nonceI, nonceR, spiI, spiR);
}

void
Ikev2Keys::DeriveRekeyed(const Bytes& oldSkD,
                         const Bytes& sharedSecret,
                         const Bytes& nonceI,
                         const Bytes& nonceR,
                         uint64_t spiI,
                         uint64_t spiR)
{
    m_skeyseed = ComputePrf(oldSkD, Concat(sharedSecret, nonceI, nonceR));
    Expand(nonceI, nonceR, spiI, spiR);
}

void
Ikev2Keys::Expand(const Bytes& nonceI, const Bytes& nonceR, uint64_t spiI, uint64_t spiR)
{
    Prf prf(GetPrfAlgorithm());
    std::size_t prfSize = prf.GetOutputSize();
    std::size_t integSize = Integrity::GetKeySize(GetIntegrityAlgorithm());
    std::size_t encrSize = GetEncryptionKeySize();
    std::size_t total = 3 * prfSize + 2 * integSize + 2 * encrSize;
    Bytes seed = Concat(nonceI, nonceR, Ikev2SpiBytes(spiI), Ikev2SpiBytes(spiR));
    auto stream = prf.PrfPlus(m_skeyseed, seed, total);
    NS_ABORT_MSG_UNLESS(stream.HasValue(), "prf+ failed: " << stream.GetReason());
    const Bytes& s = stream.GetValue();
    std::size_t offset = 0;
    auto take = [&s, &offset](std::size_t n) {
        Bytes out(s.begin() + offset, s.begin() + offset + n);
        offset += n;
        return out;
    };
    m_skD = take(prfSize);
    m_skAi = take(integSize);
    m_skAr = take(integSize);
    m_skEi = take(encrSize);
    m_skEr = take(encrSize);
    m_skPi = take(prfSize);
    m_skPr = take(prfSize);
}

Bytes
Ikev2Keys::DeriveChildKeymat(const Bytes& sharedSecret,
                             const Bytes& nonceI,
                             const Bytes& nonceR,
                             std::size_t size) const
{
    auto stream = Prf(GetPrfAlgorithm()).PrfPlus(m_skD, Concat(sharedSecret, nonceI, nonceR), size);
    NS_ABORT_MSG_UNLESS(stream.HasValue(), "prf+ failed: " << stream.GetReason());
    return stream.GetValue();
}

const IkeProposal&
Ikev2Keys::GetProposal() const
{
    return m_proposal;
}

const Bytes&
Ikev2Keys::GetSkeyseed() const
{
    return m_skeyseed;
}

const Bytes&
Ikev2Keys::GetSkD() const
{
    return m_skD;
}

const Bytes&
Ikev2Keys::GetSkAi() const
{
    return m_skAi;
}

const Bytes&
Ikev2Keys::GetSkAr() const
{
    return m_skAr;
}

const Bytes&
Ikev2Keys::GetSkEi() const
{
    return m_skEi;
}

const Bytes&
Ikev2Keys::GetSkEr() const
{
    return m_skEr;
}

const Bytes&
Ikev2Keys::GetSkPi() const
{
    return m_skPi;
}

const Bytes&
Ikev2Keys::GetSkPr() const
{
    return m_skPr;
}

std::string
Ikev2Keys::GetWiresharkEncryptionName() const
{
    // Wireshark's packet-isakmp.c vs_ikev2_encr_algs.
    return "AES-CBC-" + std::to_string(m_proposal.encryptionKeyBits) + " [RFC3602]";
}

std::string
Ikev2Keys::GetWiresharkIntegrityName() const
{
    // Wireshark's packet-isakmp.c vs_ikev2_auth_algs.
    return m_proposal.integrity == 2 ? "HMAC_SHA1_96 [RFC2404]" : "HMAC_SHA2_256_128 [RFC4868]";
}

} // namespace ns3
