/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "prf.h"

#include "hmac.h"

#include <algorithm>

namespace ns3
{

Prf::Prf(PrfAlgorithm algorithm)
    : m_algorithm(algorithm)
{
}

Bytes
Prf::Compute(const Bytes& key, const Bytes& data) const
{
    return Hmac::Compute(GetHashAlgorithm(), key, data);
}

CryptoResult<Bytes>
Prf::PrfPlus(const Bytes& key, const Bytes& seed, std::size_t size) const
{
    const std::size_t blocks = (size + GetOutputSize() - 1) / GetOutputSize();
    if (blocks > 255)
    {
        return CryptoFailure{"prf+ cannot produce " + std::to_string(size) + " bytes with " +
                             GetName() + " (at most 255 blocks)"};
    }
    Hmac hmac(GetHashAlgorithm(), key);
    Bytes out;
    out.reserve(blocks * GetOutputSize());
    Bytes previous; // T0 is empty, so T1 = prf(K, S | 0x01)
    for (std::size_t n = 1; n <= blocks; ++n)
    {
        const uint8_t counter = static_cast<uint8_t>(n);
        hmac.Update(previous);
        hmac.Update(seed);
        hmac.Update(&counter, 1);
        previous = hmac.Final();
        out.insert(out.end(), previous.begin(), previous.end());
    }
    out.resize(size);
    return out;
}

Bytes
Prf::ExpandIkev1Key(const Bytes& skeyidE, std::size_t size) const
{
    if (skeyidE.size() >= size)
    {
        return Bytes(skeyidE.begin(), skeyidE.begin() + size);
    }
    Hmac hmac(GetHashAlgorithm(), skeyidE);
    Bytes out;
    Bytes block = hmac.Mac(Bytes{0x00}); // K1 = prf(SKEYID_e, 0)
    while (true)
    {
        out.insert(out.end(), block.begin(), block.end());
        if (out.size() >= size)
        {
            break;
        }
        block = hmac.Mac(block); // Kn = prf(SKEYID_e, Kn-1)
    }
    out.resize(size);
    return out;
}

PrfAlgorithm
Prf::GetAlgorithm() const
{
    return m_algorithm;
}

HashAlgorithm
Prf::GetHashAlgorithm() const
{
    switch (m_algorithm)
    {
    case PrfAlgorithm::HmacSha1:
        return HashAlgorithm::Sha1;
    case PrfAlgorithm::HmacSha256:
        return HashAlgorithm::Sha256;
    }
    return HashAlgorithm::Sha256;
}

std::size_t
Prf::GetOutputSize() const
{
    return MessageDigest::GetSize(GetHashAlgorithm());
}

const char*
Prf::GetName() const
{
    switch (m_algorithm)
    {
    case PrfAlgorithm::HmacSha1:
        return "PRF_HMAC_SHA1";
    case PrfAlgorithm::HmacSha256:
        return "PRF_HMAC_SHA2_256";
    }
    return "?";
}

} // namespace ns3
